"""Builds a realistic synthetic monitor database of any size, for tests and benchmarks.

The rows follow the real schema (ingest/schema.sql) and views (ingest/views.sql), so the dashboard,
the PDF and the exports run their real queries on it. Bulk rows are generated inside DuckDB from
`range()`, which builds 5 million mentions in seconds instead of minutes of Python loops.
Nothing here is a real event: every report's source is "Synthetic (benchmark)".
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "ingest" / "schema.sql"
VIEWS = REPO / "ingest" / "views.sql"

EVENT_TYPES = ("displacement", "return", "shelling", "airstrike", "drone_strike", "armed_clash", "attack",
               "siege", "ceasefire", "aid_access", "casualties", "demolition")
MODALITIES = ("reported", "reported", "reported", "reported", "reported", "reported", "denied", "warned",
              "called_for")
SOURCES = ("Levant Wire", "Aleppo Today", "Gaza Daily", "South Lebanon Post", "Idlib Monitor",
           "NGO Bulletin", "Damascus Echo", "Al-Sharq Online")
ORGANISATIONS = ("Amnesty International", "Human Rights Watch", "UNHCR", "OCHA", "ICRC", "MSF",
                 "UNICEF", "WFP", "UNRWA", "NRC")
GISTS = ("concern", "call", "condemnation", "figures", "warning", "statement")

# (place_id, name_en, name_ar, kind, country, admin1, parent, lat, lon): a small real-looking hierarchy.
BASE_PLACES = (
    ("sy", "Syria", "سوريا", "country", "SY", None, None, 35.0, 38.5),
    ("lb", "Lebanon", "لبنان", "country", "LB", None, None, 33.9, 35.8),
    ("ps", "Palestine", "فلسطين", "country", "PS", None, None, 31.9, 35.2),
    ("sy-gov-aleppo", "Aleppo Governorate", "محافظة حلب", "governorate", "SY", "Aleppo", "sy", 36.2, 37.4),
    ("sy-gov-idlib", "Idlib Governorate", "محافظة إدلب", "governorate", "SY", "Idlib", "sy", 35.8, 36.6),
    ("ps-gov-gaza", "Gaza Governorate", "محافظة غزة", "governorate", "PS", "Gaza", "ps", 31.5, 34.45),
    ("lb-gov-nabatieh", "Nabatieh Governorate", "محافظة النبطية", "governorate", "LB", "Nabatieh", "lb",
     33.37, 35.48),
    ("sy-aleppo", "Aleppo", "حلب", "city", "SY", "Aleppo", "sy-gov-aleppo", 36.2021, 37.1343),
    ("sy-idlib", "Idlib", "إدلب", "city", "SY", "Idlib", "sy-gov-idlib", 35.9306, 36.6339),
    ("ps-gaza-city", "Gaza City", "مدينة غزة", "city", "PS", "Gaza", "ps-gov-gaza", 31.5017, 34.4668),
    ("lb-nabatieh", "Nabatieh", "النبطية", "city", "LB", "Nabatieh", "lb-gov-nabatieh", 33.3789, 35.4839),
)
CITY_CENTRES = (("sy-aleppo", "Aleppo", "SY", 36.2021, 37.1343), ("sy-idlib", "Idlib", "SY", 35.9306, 36.6339),
                ("ps-gaza-city", "Gaza", "PS", 31.5017, 34.4668),
                ("lb-nabatieh", "Nabatieh", "LB", 33.3789, 35.4839))


def _places(neighbourhoods_per_city: int) -> list[tuple]:
    rows = list(BASE_PLACES)
    for city_id, admin1, country, lat, lon in CITY_CENTRES:
        for i in range(neighbourhoods_per_city):
            # Spread neighbourhoods on a small grid around the city centre (about 5 km across).
            dlat = ((i % 7) - 3) * 0.008
            dlon = ((i // 7) - 3) * 0.008
            rows.append((f"{city_id}-n{i:02d}", f"{admin1} neighbourhood {i}", f"حي {i} في {admin1}",
                         "neighbourhood", country, admin1, city_id, lat + dlat, lon + dlon))
    return rows


def build(db_path: Path | str, *, mentions: int, seed: int = 0, weeks: int = 12,
          last_day: date = date(2026, 1, 18)) -> None:
    """Create (or replace) a database at db_path with about `mentions` mentions over `weeks` weeks.

    Reports carry 5 mentions on average; a statement every 20 reports; a figure every 25.
    """
    db_path = Path(db_path)
    if db_path.exists():
        db_path.unlink()
    con = duckdb.connect(str(db_path))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.execute(VIEWS.read_text(encoding="utf-8"))
        con.execute("SELECT setseed(?)", [((seed % 1000) / 1000.0)])
        places = _places(neighbourhoods_per_city=30)
        con.executemany(
            "INSERT INTO places (place_id, name_en, name_ar, kind, country_code, admin1_name, pcode, "
            "parent_place_id, lat, lon, geo_precision, source) VALUES (?,?,?,?,?,?,NULL,?,?,?,?,'synthetic')",
            [(*p[:6], p[6], p[7], p[8], 1 if p[3] == "neighbourhood" else 3 if p[3] != "city" else 1)
             for p in places],
        )
        first_day = last_day - timedelta(days=7 * weeks - 1)
        n_reports = max(1, mentions // 5)
        n_days = (last_day - first_day).days + 1
        con.execute("CREATE TEMP TABLE lists AS SELECT ? AS sources, ? AS types, ? AS modalities, "
                    "? AS orgs, ? AS gists",
                    [list(SOURCES), list(EVENT_TYPES), list(MODALITIES), list(ORGANISATIONS), list(GISTS)])
        con.execute("CREATE TEMP TABLE place_list AS SELECT row_number() OVER (ORDER BY place_id) - 1 AS idx, "
                    "place_id, name_en FROM places WHERE kind IN ('neighbourhood', 'city')")
        n_places = con.execute("SELECT count(*) FROM place_list").fetchone()[0]
        con.execute(
            f"""
            INSERT INTO reports BY NAME
            SELECT
                printf('r%015d', i) AS report_id,
                printf('https://example.org/synthetic/%d', i) AS url,
                sources[1 + (CAST(hash(i, {seed}) % {len(SOURCES)} AS BIGINT))] AS source_name,
                printf('Synthetic report %d (benchmark, not a real event)', i) AS title,
                CASE WHEN CAST(hash(i, {seed}, 1) % 5 AS BIGINT) < 3 THEN 'ar' ELSE 'en' END AS language,
                DATE '{first_day.isoformat()}' + CAST(CAST(hash(i, {seed}, 2) % {n_days} AS BIGINT) AS INTEGER) AS published_date,
                'Synthetic body text for benchmarking. Shelling and displacement were reported.' AS body_text,
                sha256(CAST(i AS VARCHAR) || '{seed}') AS content_sha256,
                TIMESTAMP '2026-01-19 00:00:00' AS ingested_at,
                'synthetic' AS input_kind,
                'metadata' AS date_source,
                TIMESTAMP '2026-01-19 00:00:00' AS extracted_at
            FROM range({n_reports}) t(i), lists
            """
        )
        con.execute(
            f"""
            INSERT INTO mentions BY NAME
            SELECT
                printf('m%015d', i) AS mention_id,
                printf('r%015d', i % {n_reports}) AS report_id,
                pl.place_id,
                types[1 + (CAST(hash(i, {seed}, 3) % {len(EVENT_TYPES)} AS BIGINT))] AS event_type,
                modalities[1 + (CAST(hash(i, {seed}, 4) % {len(MODALITIES)} AS BIGINT))] AS modality,
                CASE WHEN CAST(hash(i, {seed}, 5) % 4 AS BIGINT) = 0 THEN NULL
                     ELSE DATE '{first_day.isoformat()}' + CAST(CAST(hash(i, {seed}, 6) % {n_days} AS BIGINT) AS INTEGER) END
                    AS event_date,
                'day' AS date_precision,
                'Residents of ' || pl.name_en || ' said shelling forced families to flee.' AS evidence,
                0 AS char_start, 60 AS char_end,
                0.5 + (CAST(hash(i, {seed}, 7) % 50 AS BIGINT)) / 100.0 AS confidence,
                pl.name_en AS place_text, 13 AS place_char_start, 13 + length(pl.name_en) AS place_char_end,
                'shelling' AS trigger_text, 14 + length(pl.name_en) AS trigger_char_start,
                22 + length(pl.name_en) AS trigger_char_end,
                'exact' AS match_method, 1 AS geo_precision, 'target' AS place_role,
                'sentence' AS attach_scope, NULL AS date_note, 'synthetic' AS reason
            FROM range({mentions}) t(i), lists
            JOIN place_list pl ON pl.idx = CAST(hash(i, {seed}, 8) % {n_places} AS BIGINT)
            """
        )
        con.execute(
            f"""
            INSERT INTO statements BY NAME
            SELECT
                printf('s%015d', i) AS statement_id,
                printf('r%015d', i * 20) AS report_id,
                orgs[1 + (CAST(hash(i, {seed}, 9) % {len(ORGANISATIONS)} AS BIGINT))] AS organisation,
                r.published_date AS statement_date,
                'The organisation expressed concern about continued displacement and called for safe passage.'
                    AS evidence,
                0 AS char_start, 90 AS char_end,
                gists[1 + (CAST(hash(i, {seed}, 10) % {len(GISTS)} AS BIGINT))] AS gist_type,
                orgs[1 + (CAST(hash(i, {seed}, 9) % {len(ORGANISATIONS)} AS BIGINT))] AS organisation_text,
                'day' AS date_precision, NULL AS date_note,
                [pl.place_id] AS place_ids, ['displacement'] AS event_types
            FROM range({max(1, n_reports // 20)}) t(i), lists
            JOIN reports r ON r.report_id = printf('r%015d', i * 20)
            JOIN place_list pl ON pl.idx = CAST(hash(i, {seed}, 11) % {n_places} AS BIGINT)
            """
        )
        con.execute(
            f"""
            INSERT INTO figures BY NAME
            SELECT
                printf('f%015d', i) AS figure_id,
                printf('r%015d', i * 25) AS report_id,
                pl.place_id,
                r.published_date AS figure_date,
                100 * (1 + CAST(hash(i, {seed}, 12) % 200 AS BIGINT)) AS quantity,
                CASE WHEN CAST(hash(i, {seed}, 13) % 3 AS BIGINT) = 0 THEN 'families' ELSE 'people' END AS unit,
                'displaced' AS category,
                'Some families were displaced, according to local officials.' AS evidence,
                0 AS char_start, 60 AS char_end
            FROM range({max(1, n_reports // 25)}) t(i)
            JOIN reports r ON r.report_id = printf('r%015d', i * 25)
            JOIN place_list pl ON pl.idx = CAST(hash(i, {seed}, 14) % {n_places} AS BIGINT)
            """
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    build(args.db, mentions=args.mentions, seed=args.seed, weeks=args.weeks)
    print(f"built {args.db} with {args.mentions} mentions")


if __name__ == "__main__":
    main()
