"""One description of every table, view and column: emitted as COMMENT ON and as docs/schema.md.

When you add a column to ingest/schema.sql or ingest/views.sql, describe it here; a test fails when a
column of the live schema has no description, and when docs/schema.md is not regenerated
(``python -m ingest.schema_comments > docs/schema.md``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Relation:
    """A table or view: what one row is, and each column."""

    description: str
    columns: dict[str, str] = field(default_factory=dict)
    is_view: bool = False


_REPORT_LINK = {
    "url": "Address of the report (http(s) URL, file:// URI of a local file, or stdin:<report_id>).",
    "source_name": "Publisher or site name (from the input, the page's metadata or the URL's host).",
    "report_title": "Headline of the report.",
    "language": "Language of the report: ar or en (ISO 639-1).",
}
_WEEK = {
    "week_start": "Monday of the ISO week of the effective date.",
    "iso_week": "ISO week of the effective date, as YYYY-Www (e.g. 2026-W02).",
}
_PLACE_NAMES = {
    "place_name_en": "English name of the place.",
    "place_name_ar": "Arabic name of the place.",
}

TABLES: dict[str, Relation] = {
    "schema_migrations": Relation(
        "Named schema changes applied to this database (additive only).",
        {
            "version": "Migration number.",
            "name": "What the migration changed.",
            "applied_at": "When it was applied to this database.",
        },
    ),
    "reports": Relation(
        "One row per report (news article, NGO release) reduced to its article text.",
        {
            "report_id": "First 16 hex digits of content_sha256: stable id of the report.",
            "url": "Address of the report: http(s) URL, absolute file:// URI for a local file, "
                   "stdin:<report_id> for standard input. Unique.",
            "source_name": "Publisher or site name (from the input, the page's metadata or the URL's host).",
            "title": "Headline of the report.",
            "language": "Language detected from the script of the text (ar or en) unless the input said.",
            "published_date": "Publication date from the input, the page's metadata or its dateline.",
            "body_text": "The article's paragraphs (blank-line separated), without menus, related links "
                         "or reader comments; NFC normalised. All character offsets refer to this text.",
            "content_sha256": "sha256 of the whitespace-collapsed NFC body_text: the same article under "
                              "another name or URL is stored once. Unique.",
            "ingested_at": "When the report was first stored (UTC).",
            "input_kind": "What it was read from: html, text, jsonl or feed.",
            "date_source": "Where published_date came from: container (JSONL/feed field), html_metadata, "
                           "dateline, or an extraction rule.",
            "extracted_at": "When mentions, statements and figures were last extracted from it (UTC).",
            "canonical_url": "The canonical URL the page names for itself (<link rel=canonical>, og:url), "
                             "when it differs from url.",
        },
    ),
    "places": Relation(
        "Gazetteer: one row per place (country, governorate, district, town, camp, neighbourhood).",
        {
            "place_id": "Stable slug, e.g. sy-aleppo-sheikh-maqsoud, ps-jabalia-camp, sy-gov-aleppo.",
            "name_en": "English name.",
            "name_ar": "Arabic name.",
            "kind": "country, governorate, district, subdistrict, city, town, village, camp or neighbourhood.",
            "country_code": "ISO 3166-1 alpha-2 code: sy, lb or ps.",
            "admin1_name": "English name of the governorate the place lies in.",
            "pcode": "OCHA p-code where known (e.g. SY02 for Aleppo governorate).",
            "parent_place_id": "place_id of the enclosing place (neighbourhood -> city -> governorate).",
            "lat": "Latitude (WGS84) of the place's representative point.",
            "lon": "Longitude (WGS84) of the place's representative point.",
            "geo_precision": "ACLED-style precision: 1 exact town/neighbourhood, 2 near it or a district, "
                             "3 a governorate or larger.",
            "source": "Where the place's facts (names, coordinates, codes) come from.",
        },
    ),
    "place_names": Relation(
        "Every name and spelling a place is matched by (Arabic, English, transliterations).",
        {
            "place_id": "The place this name belongs to.",
            "name": "The name or variant as written.",
            "language": "Language or script of the name (ar, en, ku...).",
            "name_kind": "primary, variant, transliteration or imported.",
            "source": "Where the name comes from.",
        },
    ),
    "place_boundaries": Relation(
        "Imported polygons of places (OCHA COD-AB, neighbourhood layers, Who's On First).",
        {
            "place_id": "The place the polygon outlines.",
            "source": "The file or dataset it was imported from.",
            "admin_level": "Administrative level of the polygon (0 country ... 4 neighbourhood).",
            "geometry_wkb": "The polygon as WKB (WGS84).",
            "imported_at": "When it was imported (UTC).",
        },
    ),
    "mentions": Relation(
        "One row per event of one type and modality that a report places at one place.",
        {
            "mention_id": "Stable id from report, place, event type, modality and offsets.",
            "report_id": "The report it comes from (reports.report_id).",
            "place_id": "Where the report says it happened (places.place_id).",
            "event_type": "displacement, return, shelling, airstrike, drone_strike, armed_clash, attack, "
                          "siege, ceasefire, aid_access, casualties or demolition.",
            "modality": "reported, denied, warned or called_for: whether the report says it happened.",
            "event_date": "Date of the event as resolved from the text (NULL when the text gives none).",
            "date_precision": "day, week, month or year: how precise event_date is.",
            "evidence": "The sentence the mention was read from.",
            "char_start": "Start offset of the evidence in reports.body_text.",
            "char_end": "End offset (exclusive) of the evidence in reports.body_text.",
            "confidence": "0..1: how sure the extraction is (lower when attached by paragraph or report).",
            "place_text": "The place name as written in the report (clitics included).",
            "place_char_start": "Start offset of the place name in body_text.",
            "place_char_end": "End offset of the place name in body_text.",
            "trigger_text": "The word or phrase that signalled the event (e.g. قصف, shelling).",
            "trigger_char_start": "Start offset of the trigger in body_text.",
            "trigger_char_end": "End offset of the trigger in body_text.",
            "match_method": "How the place name matched the gazetteer: exact, variant, clitic, context_rule.",
            "geo_precision": "ACLED-style precision of the place (1 exact, 2 near/district, 3 region).",
            "place_role": "target (where it happened), origin (where fire came from / people fled from) "
                          "or destination (where people fled to).",
            "attach_scope": "How the event was tied to the place: sentence, paragraph or report.",
            "date_note": "Remarks on the date, e.g. a weekday that contradicts the date and which was kept.",
            "reason": "Why the type, modality and place were chosen (for `dmon explain`).",
        },
    ),
    "statements": Relation(
        "One row per statement an NGO or UN agency itself made, as reported.",
        {
            "statement_id": "Stable id from report, organisation and offset.",
            "report_id": "The report it comes from.",
            "organisation": "Canonical English name of the organisation (e.g. Amnesty International).",
            "statement_date": "Date of the statement as resolved from the text.",
            "evidence": "The sentences of the statement.",
            "char_start": "Start offset of the evidence in reports.body_text.",
            "char_end": "End offset (exclusive) of the evidence in reports.body_text.",
            "gist_type": "concern, call, condemnation, warning, figures or other.",
            "organisation_text": "The organisation's name as written in the report.",
            "date_precision": "day, week, month or year: how precise statement_date is.",
            "date_note": "Remarks on the date (e.g. weekday conflicts).",
            "place_ids": "Places the statement refers to (places.place_id).",
            "event_types": "Event types the statement refers to.",
        },
    ),
    "figures": Relation(
        "One row per number of people displaced, killed, injured... that a report gives.",
        {
            "figure_id": "Stable id from report, category, quantity and offset.",
            "report_id": "The report it comes from.",
            "place_id": "The place the figure refers to, when known.",
            "figure_date": "The date the figure refers to, when known.",
            "quantity": "The number as an integer (e.g. 155000).",
            "unit": "people or families (or another counted unit).",
            "category": "displaced, returned, killed, injured, missing, detained...",
            "evidence": "The sentence the figure was read from.",
            "char_start": "Start offset of the evidence in reports.body_text.",
            "char_end": "End offset (exclusive) of the evidence in reports.body_text.",
        },
    ),
    "ingest_runs": Relation(
        "One row per `dmon ingest` run, with its counts.",
        {
            "run_id": "Id of the run.",
            "started_at": "When the run started (UTC).",
            "finished_at": "When it finished (NULL if it was interrupted).",
            "inputs": "The files, folders and URLs given, space separated.",
            "reports_read": "Reports the run tried to read (new + duplicate + failed).",
            "reports_new": "Reports stored for the first time.",
            "reports_duplicate": "Reports already stored (same URL or same normalised content), skipped.",
            "reports_failed": "Inputs or entries that could not be read (see ingest_errors).",
            "mentions_written": "Mention rows written.",
            "statements_written": "Statement rows written.",
        },
    ),
    "ingest_errors": Relation(
        "One row per input that failed during a run, with the reason.",
        {
            "run_id": "The run (ingest_runs.run_id).",
            "input": "The file, URL, JSONL line or feed entry that failed.",
            "reason": "What was wrong with it.",
            "logged_at": "When it was recorded (UTC).",
        },
    ),
    "http_validators": Relation(
        "ETag / Last-Modified of fetched URLs, so the next run asks the server whether they changed.",
        {
            "url": "The fetched URL.",
            "etag": "The ETag the server sent.",
            "last_modified": "The Last-Modified header the server sent.",
            "fetched_at": "When the URL was last fetched and its content stored (UTC).",
        },
    ),
}

_MENTION_COLUMNS = TABLES["mentions"].columns
_PLACE_COLUMNS = TABLES["places"].columns

VIEWS: dict[str, Relation] = {
    "mentions_wide": Relation(
        "One row per mention with its place, report and the date used for maps and weeks. "
        "What the dashboard, the weekly PDF and exports read.",
        {
            **{k: _MENTION_COLUMNS[k] for k in ("mention_id", "report_id", "place_id")},
            **_PLACE_NAMES,
            "place_kind": _PLACE_COLUMNS["kind"],
            **{k: _PLACE_COLUMNS[k] for k in ("country_code", "admin1_name", "pcode", "parent_place_id",
                                               "lat", "lon")},
            **{k: _MENTION_COLUMNS[k] for k in ("event_type", "modality", "event_date", "date_precision")},
            "mention_date": "event_date, else the report's published_date, else the day it was ingested.",
            **_WEEK,
            **{k: _MENTION_COLUMNS[k] for k in (
                "evidence", "char_start", "char_end", "confidence", "place_text", "place_char_start",
                "place_char_end", "trigger_text", "trigger_char_start", "trigger_char_end",
                "match_method", "geo_precision", "place_role", "attach_scope", "date_note")},
            **{k: _REPORT_LINK[k] for k in ("url", "source_name", "report_title", "language")},
            "published_date": TABLES["reports"].columns["published_date"],
        },
        is_view=True,
    ),
    "weekly_place_counts": Relation(
        "Mentions per place, ISO week, event type and modality.",
        {
            **_WEEK,
            "place_id": _MENTION_COLUMNS["place_id"],
            **_PLACE_NAMES,
            "place_kind": _PLACE_COLUMNS["kind"],
            "country_code": _PLACE_COLUMNS["country_code"],
            "admin1_name": _PLACE_COLUMNS["admin1_name"],
            "event_type": _MENTION_COLUMNS["event_type"],
            "modality": _MENTION_COLUMNS["modality"],
            "mention_count": "Number of mentions.",
            "report_count": "Number of distinct reports behind them.",
        },
        is_view=True,
    ),
    "statements_by_week": Relation(
        "NGO statements with their report and ISO week.",
        {
            **{k: TABLES["statements"].columns[k] for k in (
                "statement_id", "report_id", "organisation", "organisation_text", "gist_type",
                "statement_date", "evidence", "place_ids", "event_types")},
            "effective_date": "statement_date, else the report's published_date, else the day it was ingested.",
            **_WEEK,
            **_REPORT_LINK,
        },
        is_view=True,
    ),
    "figures_wide": Relation(
        "Figures (displaced, killed, injured...) with place and source, for side-by-side comparison.",
        {
            **{k: TABLES["figures"].columns[k] for k in (
                "figure_id", "report_id", "place_id", "category", "quantity", "unit", "figure_date",
                "evidence")},
            **_PLACE_NAMES,
            "country_code": _PLACE_COLUMNS["country_code"],
            "admin1_name": _PLACE_COLUMNS["admin1_name"],
            "effective_date": "figure_date, else the report's published_date, else the day it was ingested.",
            **_WEEK,
            **{k: _REPORT_LINK[k] for k in ("url", "source_name", "report_title")},
        },
        is_view=True,
    ),
    "places_first_seen": Relation(
        "Per place, the first week in which a mention reported as happening (modality reported) names it. "
        "Places newly affected in week W are the rows with first_iso_week = W (the weekly snapshot's rule).",
        {
            "place_id": _MENTION_COLUMNS["place_id"],
            **_PLACE_NAMES,
            "place_kind": _PLACE_COLUMNS["kind"],
            "country_code": _PLACE_COLUMNS["country_code"],
            "admin1_name": _PLACE_COLUMNS["admin1_name"],
            "first_mention_date": "Date of the earliest reported mention of the place (mention_date).",
            "first_week_start": "Monday of the ISO week of that first mention.",
            "first_iso_week": "ISO week of that first mention, as YYYY-Www.",
            "mention_count": "Number of reported mentions of the place, all weeks.",
        },
        is_view=True,
    ),
    "displacement_consecutive_weeks": Relation(
        "Places where displacement was reported in a week and in the week before it: one row per such week.",
        {
            "place_id": _MENTION_COLUMNS["place_id"],
            **_PLACE_NAMES,
            "place_kind": _PLACE_COLUMNS["kind"],
            "country_code": _PLACE_COLUMNS["country_code"],
            "admin1_name": _PLACE_COLUMNS["admin1_name"],
            **_WEEK,
            "mention_count": "Reported displacement mentions of the place in this week.",
            "previous_week_mention_count": "Reported displacement mentions of the place in the week before.",
        },
        is_view=True,
    ),
}

RELATIONS: dict[str, Relation] = {**TABLES, **VIEWS}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Comment:
    """One COMMENT ON statement and the text it sets."""

    sql: str
    text: str


def comment_statements(existing: dict[str, set[str]] | None = None) -> list[tuple[tuple[str, str | None], Comment]]:
    """COMMENT ON statements for every described table, view and column, keyed by (relation, column).

    Args:
        existing: relation -> its live columns; when given, relations and columns that do not exist in
            the database (e.g. a view another version has not created yet) are skipped.
    """
    statements: list[tuple[tuple[str, str | None], Comment]] = []
    for name, relation in RELATIONS.items():
        if existing is not None and name not in existing:
            continue
        kind = "VIEW" if relation.is_view else "TABLE"
        statements.append(((name, None), Comment(
            f"COMMENT ON {kind} {name} IS {_quote(relation.description)}", relation.description)))
        for column, text in relation.columns.items():
            if existing is not None and column not in existing[name]:
                continue
            statements.append(((name, column), Comment(f"COMMENT ON COLUMN {name}.{column} IS {_quote(text)}", text)))
    return statements


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """docs/schema.md: every table, view and column with its description."""
    out = [
        "# Database schema",
        "",
        "<!-- Generated by `python -m ingest.schema_comments > docs/schema.md`; edit ingest/schema_comments.py. -->",
        "",
        "`dmon ingest` writes one DuckDB file (default `data/monitor.duckdb`, or `$DMON_DB`). The schema is",
        "`ingest/schema.sql` (tables) and `ingest/views.sql` (views), applied every time the writer opens the",
        "database; changes are additive only. The same descriptions are stored as `COMMENT ON`, so in the",
        "duckdb CLI `SELECT table_name, column_name, comment FROM duckdb_columns()` shows them.",
        "",
        "Analysts, the dashboard, the weekly PDF and the exports read the **views**; the tables hold what",
        "they are built from. All character offsets (`char_start`, `place_char_start`...) are into",
        "`reports.body_text`.",
        "",
        "Contents: " + ", ".join(f"[`{n}`](#{n})" for n in RELATIONS),
        "",
    ]
    for heading, group in (("Tables", TABLES), ("Views", VIEWS)):
        out += [f"## {heading}", ""]
        for name, relation in group.items():
            out += [f"### {name}", "", relation.description, "", "| column | description |", "|---|---|"]
            out += [f"| `{col}` | {_cell(text)} |" for col, text in relation.columns.items()]
            out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
