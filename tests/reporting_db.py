"""A small hand-made monitor database for the reporting tests (snapshot, query, export).

Real places (Aleppo's Sheikh Maqsoud and Ashrafieh, Nabatieh), Arabic and English reports, an NGO
statement, a displacement figure and hostile strings, with counts small enough to know by heart:

week 2026-W02 (5-11 Jan 2026), modality reported:
    Sheikh Maqsoud: shelling 3, displacement 2, drone_strike 1
    Ashrafieh:      shelling 2, displacement 1            (first ever mention: newly affected)
  plus a *denied* ceasefire in Sheikh Maqsoud and a *denied* shelling in Ashrafieh (left out by the
  default filters)
week 2026-W01:
    Sheikh Maqsoud: shelling 1, displacement 1            (displacement two weeks running)
    Nabatieh:       airstrike 2
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ingest.records import stable_id
from ingest.store import open_writer

HOSTILE_TITLE = "<img src=x onerror=alert(1)> Aleppo report"
HOSTILE_STATEMENT = "Human Rights Watch said <b>not bold</b> & <script>alert(1)</script> about Ashrafieh."
AMNESTY_EVIDENCE = ("أعربت منظمة العفو الدولية عن قلقها إزاء النزوح المستمر للسكان في حيي الشيخ مقصود "
                    "والأشرفية في مدينة حلب.")

PLACES = (
    # place_id, name_en, name_ar, kind, country, admin1, parent, lat, lon
    ("sy", "Syria", "سوريا", "country", "SY", None, None, 35.0, 38.5),
    ("lb", "Lebanon", "لبنان", "country", "LB", None, None, 33.9, 35.8),
    ("sy-gov-aleppo", "Aleppo Governorate", "محافظة حلب", "governorate", "SY", "Aleppo", "sy", 36.2, 37.4),
    ("sy-aleppo", "Aleppo", "حلب", "city", "SY", "Aleppo", "sy-gov-aleppo", 36.2021, 37.1343),
    ("sy-aleppo-sheikh-maqsoud", "Sheikh Maqsoud", "الشيخ مقصود", "neighbourhood", "SY", "Aleppo", "sy-aleppo",
     36.2366, 37.1528),
    ("sy-aleppo-ashrafieh", "Ashrafieh", "الأشرفية", "neighbourhood", "SY", "Aleppo", "sy-aleppo",
     36.2279, 37.1470),
    ("lb-nabatieh", "Nabatieh", "النبطية", "city", "LB", "Nabatieh", "lb", 33.3789, 35.4839),
)

REPORTS = (
    # report_id, source, title, language, published
    ("rep-ar-1", "Example Arabic News", "حلب: قصف ونزوح في الشيخ مقصود", "ar", date(2026, 1, 7)),
    ("rep-en-1", "Levant Example Wire", HOSTILE_TITLE, "en", date(2026, 1, 8)),
    ("rep-en-0", "Levant Example Wire", "Shelling and strikes", "en", date(2025, 12, 31)),
)

MENTIONS = (
    # report_id, place_id, event_type, modality, event_date, n
    ("rep-ar-1", "sy-aleppo-sheikh-maqsoud", "shelling", "reported", date(2026, 1, 7), 2),
    ("rep-en-1", "sy-aleppo-sheikh-maqsoud", "shelling", "reported", date(2026, 1, 8), 1),
    ("rep-ar-1", "sy-aleppo-sheikh-maqsoud", "displacement", "reported", date(2026, 1, 7), 2),
    ("rep-ar-1", "sy-aleppo-sheikh-maqsoud", "drone_strike", "reported", date(2026, 1, 7), 1),
    ("rep-ar-1", "sy-aleppo-sheikh-maqsoud", "ceasefire", "denied", date(2026, 1, 7), 1),
    ("rep-ar-1", "sy-aleppo-ashrafieh", "shelling", "reported", date(2026, 1, 7), 1),
    ("rep-en-1", "sy-aleppo-ashrafieh", "shelling", "reported", None, 1),
    ("rep-ar-1", "sy-aleppo-ashrafieh", "displacement", "reported", date(2026, 1, 7), 1),
    ("rep-en-0", "sy-aleppo-sheikh-maqsoud", "shelling", "reported", date(2025, 12, 30), 1),
    ("rep-en-0", "lb-nabatieh", "airstrike", "reported", date(2025, 12, 31), 2),
    ("rep-en-0", "sy-aleppo-sheikh-maqsoud", "displacement", "reported", date(2025, 12, 30), 1),
    ("rep-en-1", "sy-aleppo-ashrafieh", "shelling", "denied", date(2026, 1, 8), 1),
)

WEEK = "2026-W02"
EXPECTED_W02 = {"shelling": (5, 1), "displacement": (3, 1), "drone_strike": (1, 0)}  # this week, previous


def build_tiny(db_path: Path) -> Path:
    """Create the database described in the module docstring at db_path (schema applied by ingest.store)."""
    con = open_writer(db_path)
    try:
        ingested = datetime(2026, 1, 12, 8, 0)
        for place_id, name_en, name_ar, kind, country, admin1, parent, lat, lon in PLACES:
            con.execute(
                "INSERT INTO places (place_id, name_en, name_ar, kind, country_code, admin1_name, parent_place_id, "
                "lat, lon, geo_precision, source) VALUES (?,?,?,?,?,?,?,?,?,?, 'test')",
                [place_id, name_en, name_ar, kind, country, admin1, parent, lat, lon, 1],
            )
        for report_id, source, title, language, published in REPORTS:
            con.execute(
                "INSERT INTO reports (report_id, url, source_name, title, language, published_date, body_text, "
                "content_sha256, ingested_at, input_kind) VALUES (?,?,?,?,?,?,?,?,?, 'text')",
                [report_id, f"https://example.org/{report_id}", source, title, language, published,
                 f"body of {report_id}", stable_id(report_id), ingested],
            )
        for report_id, place_id, event_type, modality, event_date, n in MENTIONS:
            for i in range(n):
                evidence = f"{event_type} reported in {place_id} ({i})"
                con.execute(
                    "INSERT INTO mentions (mention_id, report_id, place_id, event_type, modality, event_date, "
                    "date_precision, evidence, char_start, char_end, confidence, place_text, trigger_text, "
                    "match_method, geo_precision) VALUES (?,?,?,?,?,?, 'day', ?, 0, ?, 0.9, ?, ?, 'exact', 1)",
                    [stable_id(report_id, place_id, event_type, modality, str(i)), report_id, place_id,
                     event_type, modality, event_date, evidence, len(evidence), place_id, event_type],
                )
        con.execute(
            "INSERT INTO statements (statement_id, report_id, organisation, statement_date, evidence, gist_type, "
            "organisation_text, place_ids, event_types) VALUES "
            "('st-amnesty', 'rep-ar-1', 'Amnesty International', DATE '2026-01-06', ?, 'concern', "
            "'منظمة العفو الدولية', ['sy-aleppo-sheikh-maqsoud', 'sy-aleppo-ashrafieh'], ['displacement']), "
            "('st-hrw', 'rep-en-1', 'Human Rights Watch', DATE '2026-01-08', ?, 'condemnation', "
            "'Human Rights Watch', ['sy-aleppo-ashrafieh'], ['shelling'])",
            [AMNESTY_EVIDENCE, HOSTILE_STATEMENT],
        )
        con.execute(
            "INSERT INTO figures (figure_id, report_id, place_id, figure_date, quantity, unit, category, evidence) "
            "VALUES ('fig-1', 'rep-ar-1', 'sy-aleppo-sheikh-maqsoud', DATE '2026-01-07', 1200, 'families', "
            "'displaced', 'نزوح 1200 عائلة من الشيخ مقصود'), "
            "('fig-2', 'rep-ar-1', 'sy-aleppo-sheikh-maqsoud', DATE '2026-01-07', 4, 'people', 'killed', "
            "'مقتل 4 مدنيين')"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db_path
