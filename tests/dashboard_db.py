"""A small but realistic database for the dashboard tests (AppTest, browser, concurrency).

Synthetic bulk rows from bench/synthetic_db.py, plus hand-written rows the tests look for: an
Arabic NGO statement about Aleppo, a boundary polygon, denied and warned mentions, and a report whose
title and sentence carry HTML/JS that must be shown as text.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
from shapely.geometry import box

from bench.synthetic_db import build

HOSTILE_TITLE = "Shelling in Aleppo <img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "Families fled Sheikh Maqsoud after shelling <script>alert(2)</script> overnight."
STATEMENT_AR = "أعربت منظمة العفو الدولية عن قلقها من استمرار النزوح في حي الشيخ مقصود في حلب."
LAST_DAY = date(2026, 1, 18)
REPORT_COLUMNS = ("INSERT INTO reports (report_id, url, source_name, title, language, published_date, body_text, "
                  "content_sha256, ingested_at, input_kind, date_source, extracted_at) ")


def build_dashboard_db(path: Path, *, mentions: int = 3000) -> Path:
    """Build the test database at `path` and return it."""
    build(path, mentions=mentions, seed=7, weeks=8, last_day=LAST_DAY)
    con = duckdb.connect(str(path))
    try:
        con.execute(
            "INSERT INTO places (place_id, name_en, name_ar, kind, country_code, admin1_name, pcode, parent_place_id, "
            "lat, lon, geo_precision, source) VALUES ('sy-aleppo-sheikh-maqsoud', 'Sheikh Maqsoud', 'الشيخ مقصود', "
            "'neighbourhood', 'SY', 'Aleppo', NULL, 'sy-aleppo', 36.2265, 37.1555, 1, 'test')"
        )
        con.execute(
            REPORT_COLUMNS + "VALUES ('hostile-report', 'https://example.org/hostile', 'Test Wire', ?, 'en', ?, ?, "
            "'sha-hostile', ?, 'test', 'metadata', ?)",
            [HOSTILE_TITLE, LAST_DAY, "Intro. " + HOSTILE_SENTENCE, datetime(2026, 1, 18, 12), datetime(2026, 1, 18, 12)],
        )
        start = len("Intro. ")
        place_at = HOSTILE_SENTENCE.index("Sheikh Maqsoud")
        trigger_at = HOSTILE_SENTENCE.index("shelling")
        rows = [
            ("hostile-m1", "displacement", "reported", 0.95),
            ("hostile-m2", "shelling", "reported", 0.9),
            ("hostile-m3", "ceasefire", "denied", 0.8),
            ("hostile-m4", "attack", "warned", 0.7),
        ]
        for mention_id, event_type, modality, confidence in rows:
            con.execute(
                "INSERT INTO mentions (mention_id, report_id, place_id, event_type, modality, event_date, date_precision, "
                "evidence, char_start, char_end, confidence, place_text, place_char_start, place_char_end, trigger_text, "
                "trigger_char_start, trigger_char_end, match_method, geo_precision, place_role, attach_scope) VALUES "
                "(?, 'hostile-report', 'sy-aleppo-sheikh-maqsoud', ?, ?, ?, 'day', ?, ?, ?, ?, 'Sheikh Maqsoud', ?, ?, "
                "'shelling', ?, ?, 'exact', 1, 'target', 'sentence')",
                [mention_id, event_type, modality, LAST_DAY, HOSTILE_SENTENCE, start, start + len(HOSTILE_SENTENCE),
                 confidence, start + place_at, start + place_at + 14, start + trigger_at, start + trigger_at + 8],
            )
        con.execute(
            REPORT_COLUMNS + "VALUES ('amnesty-report', 'https://example.org/amnesty', 'Levant Wire', "
            "'العفو الدولية: قلق من النزوح في حلب', 'ar', ?, ?, 'sha-amnesty', ?, 'test', 'metadata', ?)",
            [LAST_DAY, STATEMENT_AR, datetime(2026, 1, 18, 12), datetime(2026, 1, 18, 12)],
        )
        con.execute(
            "INSERT INTO statements (statement_id, report_id, organisation, statement_date, evidence, char_start, "
            "char_end, gist_type, organisation_text, date_precision, date_note, place_ids, event_types) VALUES ('amnesty-s1', 'amnesty-report', 'Amnesty International', ?, ?, 0, ?, "
            "'concern', 'منظمة العفو الدولية', 'day', NULL, ['sy-aleppo-sheikh-maqsoud', 'sy-aleppo'], ['displacement'])",
            [LAST_DAY, STATEMENT_AR, len(STATEMENT_AR)],
        )
        con.execute(
            "INSERT INTO figures (figure_id, report_id, place_id, figure_date, quantity, unit, category, evidence, "
            "char_start, char_end) VALUES ('fig-hostile', 'hostile-report', 'sy-aleppo-sheikh-maqsoud', ?, 1200, 'families', "
            "'displaced', 'About 1,200 families were displaced.', 0, 10)", [LAST_DAY],
        )
        square = box(37.10, 36.17, 37.17, 36.24)
        con.execute("INSERT INTO place_boundaries (place_id, source, admin_level, geometry_wkb) VALUES "
                    "('sy-aleppo', 'test', 3, ?)", [square.wkb])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path
