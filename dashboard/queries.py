"""Every read the dashboard makes, as plain functions `(db_path, Filters, ...) -> pandas.DataFrame`.

The dashboard, the weekly PDF and the exports may all call these, so they filter identically: every
mention filter goes through `Filters.where_sql` over the columns of the `mentions_wide` view.

Reading while ingest writes: DuckDB lets one process write and locks the file against every other
process while it does. So connections are read-only and short-lived, and opening one retries with a
bounded backoff (`connect_readonly`); when the database stays busy, `DataUnavailable(kind="busy")`
is raised and the caller (dashboard/cache.py) keeps showing its last good result.

Speed: the `mentions_wide` view joins mentions, reports and places on every query, which takes about
a second at 5 million mentions. The aggregate queries therefore run on a `FactStore`: one narrow
in-memory copy of the filterable columns of mentions_wide (place, type, modality, date, confidence,
source, language, country, governorate; low-cardinality text as ENUMs, about 25 bytes a mention),
rebuilt when the database file changes (its size or modification time). Whole rows (evidence
sentences, titles, links) are fetched from the file for the few mentions actually shown.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.filters import Filters

log = logging.getLogger(__name__)

REQUIRED_RELATIONS = ("mentions_wide", "weekly_place_counts", "statements_by_week", "figures_wide",
                      "places", "place_boundaries", "mentions", "reports")

# Columns of mentions_wide that Filters.where_sql may reference; the fact store carries all of them.
FACT_COLUMNS = ("place_id", "event_type", "modality", "mention_date", "confidence", "source_name",
                "language", "country_code", "admin1_name")

# How many of the newest mentions of each (place, event type, modality, week) the fact store keeps text for.
RECENT_PER_GROUP = 3

# Columns of the evidence table and the CSV download (all from mentions_wide).
EVIDENCE_COLUMNS = (
    "mention_id", "mention_date", "iso_week", "event_type", "modality", "confidence", "place_id",
    "place_name_en", "place_name_ar", "place_kind", "country_code", "admin1_name", "lat", "lon",
    "evidence", "char_start", "place_text", "place_char_start", "place_char_end", "trigger_text",
    "trigger_char_start", "trigger_char_end", "match_method", "event_date", "date_precision",
    "report_id", "report_title", "source_name", "language", "published_date", "url",
)


class DataUnavailable(Exception):
    """The database cannot be read. `problem` says what is wrong, `remedy` what to do about it.

    kind: missing | empty | schema | busy | error
    """

    def __init__(self, kind: str, problem: str, remedy: str) -> None:
        super().__init__(f"{problem} {remedy}")
        self.kind = kind
        self.problem = problem
        self.remedy = remedy


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait for a writer (dmon ingest) to release the database lock."""

    attempts: int = 8
    first_delay_s: float = 0.05
    max_delay_s: float = 0.8


DEFAULT_RETRY = RetryPolicy()


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "being used by another process" in text or "resource temporarily" in text


def db_version(db_path: Path | str) -> tuple[int, int, int, int]:
    """What changes when ingest writes: (mtime_ns, size) of the file and of its write-ahead log."""
    path = Path(db_path)
    wal = path.with_name(path.name + ".wal")
    try:
        st = path.stat()
    except FileNotFoundError:
        return (0, -1, 0, 0)
    try:
        wst = wal.stat()
        wal_part = (wst.st_mtime_ns, wst.st_size)
    except FileNotFoundError:
        wal_part = (0, 0)
    return (st.st_mtime_ns, st.st_size, *wal_part)


@contextmanager
def connect_readonly(db_path: Path | str, retry: RetryPolicy = DEFAULT_RETRY) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection, retrying with backoff while a writer holds the lock."""
    path = Path(db_path)
    if not path.is_file():
        raise DataUnavailable(
            "missing", f"The database {path} does not exist.",
            f"Create it with `dmon ingest FILES --db {path}` (or `dmon demo` for the bundled reports).",
        )
    delay = retry.first_delay_s
    last: Exception | None = None
    con = None
    for attempt in range(retry.attempts):
        try:
            con = duckdb.connect(str(path), read_only=True)
            con.execute("SET enable_progress_bar = false")
            break
        except duckdb.Error as exc:
            last = exc
            if not _is_lock_error(exc):
                raise DataUnavailable(
                    "error", f"The database {path} could not be opened: {exc}",
                    "Check that it is a displacement-monitor DuckDB file (`dmon ingest` creates one).",
                ) from exc
            if attempt + 1 < retry.attempts:
                time.sleep(delay * (0.75 + random.random() / 2))
                delay = min(delay * 2, retry.max_delay_s)
    if con is None:
        raise DataUnavailable(
            "busy", f"The database {path} is locked by another process (probably `dmon ingest`): {last}",
            "Wait for the ingest batch to finish; the page refreshes with the new data when it can read.",
        )
    try:
        yield con
    finally:
        con.close()


def check_database(db_path: Path | str) -> None:
    """Raise DataUnavailable when the file is missing, not our schema, or holds no mentions yet."""
    with connect_readonly(db_path) as con:
        present = {row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        missing = [name for name in REQUIRED_RELATIONS if name not in present]
        if missing:
            raise DataUnavailable(
                "schema", f"The database {db_path} lacks {', '.join(missing)}: it was not made by dmon ingest "
                "or by an older version.",
                f"Give a database made by `dmon ingest` (`--db FILE`), or run "
                f"`dmon ingest FILES --db {db_path}` to create the schema.",
            )
        if con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0:
            raise DataUnavailable(
                "empty", f"The database {db_path} holds no mentions yet.",
                f"Add reports with `dmon ingest FILES --db {db_path}` (or `dmon demo`), then reload the page "
                "or run the command again.",
            )


# --------------------------------------------------------------------------------------------------
# The fact store


@dataclass
class FactStore:
    """An in-memory DuckDB holding `facts` (one narrow row per mention of mentions_wide) and `places`."""

    db_path: Path
    version: tuple
    con: duckdb.DuckDBPyConnection
    mention_count: int
    loaded_at: float = field(default_factory=time.time)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def query(self, sql: str, params: Sequence = ()) -> pd.DataFrame:
        # A DuckDB connection is not safe to share between threads; Streamlit runs sessions in threads.
        with self.lock:
            return self.con.execute(sql, list(params)).df()


_STORES: dict[Path, FactStore] = {}
_STORES_LOCK = threading.Lock()

_ENUM_SOURCES = {
    "place_id": "SELECT place_id FROM src.places",
    "event_type": "SELECT DISTINCT event_type FROM src.mentions",
    "modality": "SELECT DISTINCT modality FROM src.mentions",
    "source_name": "SELECT DISTINCT source_name FROM src.reports WHERE source_name IS NOT NULL",
    "language": "SELECT DISTINCT language FROM src.reports WHERE language IS NOT NULL",
    "country_code": "SELECT DISTINCT country_code FROM src.places WHERE country_code IS NOT NULL",
    "admin1_name": "SELECT DISTINCT admin1_name FROM src.places WHERE admin1_name IS NOT NULL",
}


def _build_store(db_path: Path, version: tuple) -> FactStore:
    """Copy mentions_wide's filterable columns into memory. Mirrors the view's joins and date rule."""
    started = time.perf_counter()
    check_database(db_path)
    mem = duckdb.connect(":memory:")
    mem.execute("SET enable_progress_bar = false")
    delay = DEFAULT_RETRY.first_delay_s
    for attempt in range(DEFAULT_RETRY.attempts):
        try:
            mem.execute("ATTACH ? AS src (READ_ONLY)", [str(db_path)])
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc) or attempt + 1 == DEFAULT_RETRY.attempts:
                mem.close()
                raise DataUnavailable(
                    "busy", f"The database {db_path} is locked by another process: {exc}",
                    "Wait for the ingest batch to finish and reload.",
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, DEFAULT_RETRY.max_delay_s)
    try:
        for column, values_sql in _ENUM_SOURCES.items():
            mem.execute(f"CREATE TYPE e_{column} AS ENUM ({values_sql})")
        # Same rows and mention_date as ingest/views.sql mentions_wide (tests compare the two).
        mem.execute(
            """
            CREATE TABLE facts AS
            SELECT
                m.rowid                                  AS mention_rowid,
                CAST(m.place_id AS e_place_id)           AS place_id,
                CAST(m.event_type AS e_event_type)       AS event_type,
                CAST(m.modality AS e_modality)           AS modality,
                coalesce(m.event_date, r.published_date, CAST(r.ingested_at AS DATE)) AS mention_date,
                m.confidence                             AS confidence,
                CAST(r.source_name AS e_source_name)     AS source_name,
                CAST(r.language AS e_language)           AS language,
                CAST(p.country_code AS e_country_code)   AS country_code,
                CAST(p.admin1_name AS e_admin1_name)     AS admin1_name,
                -- recency: smaller is newer (date, then confidence to 1/1000, then the later row), one
                -- BIGINT so "newest first" is an integer sort and "newest per place" an arg_min.
                -(CAST(date_diff('day', DATE '1970-01-01',
                                 coalesce(m.event_date, r.published_date, CAST(r.ingested_at AS DATE))) AS BIGINT)
                  * 2199023255552
                  + CAST(round(least(greatest(m.confidence, 0), 1) * 1000) AS BIGINT) * 2147483648
                  + (2147483647 - m.rowid))              AS recency
            FROM src.mentions AS m
            JOIN src.reports AS r USING (report_id)
            JOIN src.places AS p USING (place_id)
            """
        )

        mem.execute("CREATE TABLE places AS SELECT * FROM src.places")
        # The text of the newest mentions of each place, event type, modality and ISO week: what popups
        # and the first evidence page show under most filters, without reading scattered rows later.
        mem.execute(
            f"""
            CREATE TABLE recent AS
            WITH groups AS (
                SELECT arg_min(mention_rowid, recency, {RECENT_PER_GROUP}) AS rowids FROM facts
                GROUP BY place_id, event_type, modality, date_trunc('week', mention_date)
            ),
            picked AS (
                SELECT f.mention_rowid, f.mention_date FROM facts f
                JOIN (SELECT unnest(rowids) AS mention_rowid FROM groups) g USING (mention_rowid)
            )
            SELECT m.rowid AS mention_rowid, picked.mention_date,
                   {_MENTION_TEXT_COLUMNS.replace("report_id", "m.report_id")},
                   r.{_REPORT_TEXT_COLUMNS.replace(", ", ", r.")}
            FROM src.mentions AS m
            JOIN picked ON picked.mention_rowid = m.rowid
            JOIN src.reports AS r ON r.report_id = m.report_id
            """
        )
        # Small tables, copied whole from the views so the dashboard reads exactly what analysts read.
        mem.execute("CREATE TABLE statements AS SELECT * FROM src.statements_by_week")
        mem.execute("CREATE TABLE figures AS SELECT * FROM src.figures_wide")
        mem.execute(
            "CREATE TABLE boundaries AS SELECT b.place_id, p.name_en, p.name_ar, p.country_code, p.admin1_name, "
            "b.source, b.admin_level, b.geometry_wkb FROM src.place_boundaries b JOIN src.places p USING (place_id)"
        )
    finally:
        mem.execute("DETACH src")
    count = mem.execute("SELECT count(*) FROM facts").fetchone()[0]
    log.info("fact store for %s: %d mentions in %.1f s", db_path, count, time.perf_counter() - started)
    return FactStore(db_path=db_path, version=version, con=mem, mention_count=count)


def fact_store(db_path: Path | str) -> FactStore:
    """The fact store of a database, rebuilt when the file changed.

    When the file changed but cannot be read right now (a writer holds the lock), the previous store
    is returned, so the page keeps showing the last good data; without one, DataUnavailable is raised.
    """
    path = Path(db_path).resolve()
    version = db_version(path)
    with _STORES_LOCK:
        current = _STORES.get(path)
        if current is not None and current.version == version:
            return current
        try:
            store = _build_store(path, version)
        except DataUnavailable as exc:
            if exc.kind == "busy" and current is not None:
                log.warning("database busy, keeping the data loaded at %s", time.ctime(current.loaded_at))
                return current
            raise
        _STORES[path] = store
        if current is not None:
            current.con.close()
        return store


def forget_stores() -> None:
    """Drop every cached fact store (tests)."""
    with _STORES_LOCK:
        for store in _STORES.values():
            store.con.close()
        _STORES.clear()


def _where(filters: Filters) -> tuple[str, list]:
    return filters.where_sql()


# --------------------------------------------------------------------------------------------------
# What the sidebar offers


def data_overview(db_path: Path | str) -> pd.DataFrame:
    """One row per ISO week with data: week_start, iso_week, mention_count (all modalities)."""
    store = fact_store(db_path)
    return store.query(
        """
        WITH days AS (SELECT mention_date, count(*) AS n FROM facts WHERE mention_date IS NOT NULL GROUP BY 1)
        SELECT CAST(date_trunc('week', mention_date) AS DATE) AS week_start,
               printf('%d-W%02d', isoyear(mention_date), week(mention_date)) AS iso_week,
               sum(n)::BIGINT AS mention_count
        FROM days GROUP BY ALL ORDER BY week_start
        """
    )


def place_choices(db_path: Path | str) -> pd.DataFrame:
    """Places that have at least one mention, with their ancestors (for the hierarchy filter)."""
    store = fact_store(db_path)
    return store.query(
        """
        WITH RECURSIVE used(pid) AS (
            SELECT DISTINCT CAST(place_id AS VARCHAR) FROM facts
            UNION
            SELECT p.parent_place_id FROM places p JOIN used u ON p.place_id = u.pid
            WHERE p.parent_place_id IS NOT NULL
        )
        SELECT p.place_id, p.name_en, p.name_ar, p.kind, p.country_code, p.admin1_name, p.parent_place_id
        FROM places p WHERE p.place_id IN (SELECT pid FROM used)
        ORDER BY p.country_code, p.admin1_name, p.kind, p.name_en
        """
    )


def value_choices(db_path: Path | str, column: str) -> list[str]:
    """Distinct values of one filterable column that occur in the data (sources, languages...)."""
    if column not in ("source_name", "language", "country_code", "admin1_name", "event_type", "modality"):
        raise ValueError(f"{column!r} is not a filterable column")
    store = fact_store(db_path)
    frame = store.query(f"SELECT DISTINCT CAST({column} AS VARCHAR) AS v FROM facts WHERE {column} IS NOT NULL "
                        "ORDER BY v")
    return frame["v"].tolist()


# --------------------------------------------------------------------------------------------------
# Aggregates (fact store)


def place_counts(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """Mentions per place, event type and modality, with the place's names and coordinates."""
    where, params = _where(filters)
    store = fact_store(db_path)
    return store.query(
        f"""
        WITH counts AS (
            SELECT CAST(place_id AS VARCHAR) AS place_id, CAST(event_type AS VARCHAR) AS event_type,
                   CAST(modality AS VARCHAR) AS modality, count(*) AS mention_count,
                   max(mention_date) AS latest_date
            FROM facts WHERE {where} GROUP BY ALL
        )
        SELECT c.*, p.name_en, p.name_ar, p.kind, p.country_code, p.admin1_name, p.lat, p.lon
        FROM counts c JOIN places p USING (place_id)
        ORDER BY c.mention_count DESC, c.place_id, c.event_type, c.modality
        """,
        params,
    )


def timeline(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """Mentions per ISO week and event type: week_start, iso_week, event_type, mention_count."""
    where, params = _where(filters)
    store = fact_store(db_path)
    return store.query(
        f"""
        WITH days AS (
            SELECT mention_date, event_type, count(*) AS n FROM facts WHERE {where} GROUP BY ALL
        )
        SELECT CAST(date_trunc('week', mention_date) AS DATE) AS week_start,
               printf('%d-W%02d', isoyear(mention_date), week(mention_date)) AS iso_week,
               CAST(event_type AS VARCHAR) AS event_type, sum(n)::BIGINT AS mention_count
        FROM days WHERE mention_date IS NOT NULL GROUP BY ALL ORDER BY week_start, event_type
        """,
        params,
    )


def place_timeline(db_path: Path | str, filters: Filters, place_id: str) -> pd.DataFrame:
    """The timeline of one place (and the places below it) under the other filters."""
    return timeline(db_path, replace(filters, place_ids=(place_id,)))


def mention_count(db_path: Path | str, filters: Filters) -> int:
    """How many mentions pass the filters."""
    where, params = _where(filters)
    store = fact_store(db_path)
    return int(store.query(f"SELECT count(*) AS n FROM facts WHERE {where}", params)["n"].iloc[0])


# --------------------------------------------------------------------------------------------------
# Rows (ids from the fact store, text from the file)


_MENTION_TEXT_COLUMNS = (
    "mention_id, report_id, place_id, event_type, modality, event_date, date_precision, evidence, char_start, "
    "confidence, place_text, place_char_start, place_char_end, trigger_text, trigger_char_start, trigger_char_end, "
    "match_method"
)
_REPORT_TEXT_COLUMNS = "title AS report_title, source_name, language, published_date, url"


def _read_rows_from_file(db_path: Path | str, rowids: list[int]) -> pd.DataFrame:
    """Mention and report text for mentions.rowid values, read from the database file."""
    if not rowids:
        return pd.DataFrame()
    with connect_readonly(db_path) as con:
        if len(rowids) <= 24:
            # A few point lookups touch one block each; an IN list scans every row group it hits.
            sql = " UNION ALL ".join(
                f"SELECT rowid AS mention_rowid, {_MENTION_TEXT_COLUMNS} FROM mentions WHERE rowid = {int(r)}"
                for r in rowids)
        else:
            sql = (f"SELECT rowid AS mention_rowid, {_MENTION_TEXT_COLUMNS} FROM mentions "
                   f"WHERE rowid IN ({', '.join(str(int(r)) for r in rowids)})")
        mentions = con.execute(sql).df()
        report_ids = sorted(set(mentions["report_id"]))
        if not report_ids:
            return pd.DataFrame()
        if len(report_ids) <= 24:  # primary-key lookups (the index), rather than a scan of every report
            reports = con.execute(
                " UNION ALL ".join(f"SELECT report_id, {_REPORT_TEXT_COLUMNS} FROM reports WHERE report_id = ?"
                                   for _ in report_ids), report_ids).df()
        else:
            reports = con.execute(
                f"SELECT report_id, {_REPORT_TEXT_COLUMNS} FROM reports "
                f"WHERE report_id IN ({', '.join('?' for _ in report_ids)})",
                report_ids,
            ).df()
    return mentions.merge(reports, on="report_id")


def _fetch_rows(db_path: Path | str, store: FactStore, rowids: list[int]) -> pd.DataFrame:
    """Whole evidence rows (the EVIDENCE_COLUMNS of mentions_wide) for mentions.rowid values, in order.

    Rows come from the fact store's `recent` table (the newest mentions of every place, event type,
    modality and week, loaded with the store) and, for the rest, from the file. Reading scattered
    rows from a multi-million-row file costs milliseconds per row, so the common case avoids it.
    """
    rowids = [int(r) for r in rowids]
    if not rowids:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EVIDENCE_COLUMNS})
    rows = store.query("SELECT * FROM recent WHERE mention_rowid IN (SELECT unnest(?))", [rowids])
    missing = sorted(set(rowids) - set(rows["mention_rowid"]))
    if missing:
        text = _read_rows_from_file(db_path, missing)
        if not text.empty:
            known = store.query(
                "SELECT mention_rowid, mention_date, CAST(place_id AS VARCHAR) AS fact_place_id FROM facts "
                f"WHERE mention_rowid IN ({', '.join(str(r) for r in missing)})"
            )
            text = text.merge(known, on="mention_rowid")
            # A row rewritten since the store was loaded (reprocessing) is left out, not mislabelled.
            text = text[text["place_id"] == text["fact_place_id"]].drop(columns="fact_place_id")
            rows = pd.concat([rows, text], ignore_index=True)
    places = store.query(
        "SELECT place_id, name_en AS place_name_en, name_ar AS place_name_ar, kind AS place_kind, country_code, "
        "admin1_name, lat, lon FROM places WHERE place_id IN (SELECT unnest(?))",
        [sorted(set(rows["place_id"]))],
    )
    rows = rows.merge(places, on="place_id")
    rows["iso_week"] = [
        f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" if pd.notna(d) else None for d in rows["mention_date"]
    ]
    order = {rowid: i for i, rowid in enumerate(rowids)}
    rows["_order"] = rows["mention_rowid"].map(order)
    rows = rows.sort_values("_order").reset_index(drop=True)
    return rows[list(EVIDENCE_COLUMNS)]


def evidence(db_path: Path | str, filters: Filters, *, limit: int = 200, offset: int = 0) -> pd.DataFrame:
    """The mentions behind what is shown, newest first, with sentence, offsets, report and link."""
    where, params = _where(filters)
    store = fact_store(db_path)
    rowids = store.query(
        f"SELECT mention_rowid FROM facts WHERE {where} ORDER BY recency LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )["mention_rowid"].tolist()
    return _fetch_rows(db_path, store, rowids)


def latest_evidence(db_path: Path | str, filters: Filters, *, per_place: int = 2,
                    max_places: int = 150) -> pd.DataFrame:
    """The newest `per_place` mentions of each of the `max_places` most mentioned places (popups).

    Bounded because reading sentences for scattered mentions costs a read per block of the file.
    """
    where, params = _where(filters)
    store = fact_store(db_path)
    picked = store.query(
        f"""
        SELECT CAST(place_id AS VARCHAR) AS place_id, count(*) AS n,
               min_by(mention_rowid, recency, ?) AS rowids
        FROM facts WHERE {where} GROUP BY 1 ORDER BY n DESC, place_id LIMIT ?
        """,
        [int(per_place), *params, int(max_places)],
    )
    rowids = [int(r) for ids in picked["rowids"] for r in ids]
    return _fetch_rows(db_path, store, rowids)


def mentions_export(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """Every filtered mention as mentions_wide rows (the CSV download). Reads the file directly."""
    where, params = filters.where_sql("w")
    columns = ", ".join(f"w.{c}" for c in EVIDENCE_COLUMNS)
    with connect_readonly(db_path) as con:
        return con.execute(
            f"SELECT {columns} FROM mentions_wide w WHERE {where} ORDER BY w.mention_date DESC, w.mention_id",
            params,
        ).df()


# --------------------------------------------------------------------------------------------------
# Statements, figures, boundaries (small tables, read from the file)


def statements(db_path: Path | str, filters: Filters, place_ids: Sequence[str] | None = None,
               *, limit: int = 200) -> pd.DataFrame:
    """NGO statements in the filters' date range, referring to any of `place_ids`.

    place_ids None means no place restriction; statements without places are shown only then.
    Sources and languages filter the statement's report.
    """
    clauses, params = [], []
    if filters.date_from is not None:
        clauses.append("s.effective_date >= ?")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("s.effective_date <= ?")
        params.append(filters.date_to)
    if filters.sources:
        clauses.append(f"s.source_name IN ({', '.join('?' for _ in filters.sources)})")
        params.extend(filters.sources)
    if filters.languages:
        clauses.append(f"s.language IN ({', '.join('?' for _ in filters.languages)})")
        params.extend(filters.languages)
    if place_ids is not None:
        clauses.append("list_has_any(s.place_ids, ?::VARCHAR[])")
        params.append(list(place_ids))
    where = " AND ".join(clauses) or "TRUE"
    store = fact_store(db_path)
    with store.lock:
        con = store.con
        frame = con.execute(
            f"""
            SELECT s.statement_id, s.organisation, s.gist_type, s.effective_date, s.iso_week, s.evidence,
                   s.place_ids, s.event_types, s.url, s.source_name, s.report_title, s.language
            FROM statements s WHERE {where}
            ORDER BY s.effective_date DESC, s.organisation, s.statement_id LIMIT ?
            """,
            [*params, int(limit)],
        ).df()
        wanted = sorted({pid for ids in frame["place_ids"] for pid in (list(ids) if ids is not None else [])})
        names = {row[0]: {"en": row[1], "ar": row[2]} for row in con.execute(
            "SELECT place_id, name_en, name_ar FROM places WHERE place_id IN (SELECT unnest(?))", [wanted]
        ).fetchall()} if wanted else {}
    frame["place_ids"] = [list(ids) if ids is not None else [] for ids in frame["place_ids"]]
    for lang in ("en", "ar"):
        frame[f"place_names_{lang}"] = [
            [(names.get(pid) or {}).get(lang) or pid for pid in ids] for ids in frame["place_ids"]
        ]
    return frame


def figures(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """Figures (displaced, killed...) per place and source in the date range and place filters.

    Rows of the figures_wide view (copied into the fact store)."""
    clauses, params = [], []
    for column, value, op in (("effective_date", filters.date_from, ">="), ("effective_date", filters.date_to, "<=")):
        if value is not None:
            clauses.append(f"f.{column} {op} ?")
            params.append(value)
    for column, values in (("country_code", filters.countries), ("admin1_name", filters.admin1_names),
                           ("source_name", filters.sources)):
        if values:
            clauses.append(f"f.{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    if filters.place_ids:
        marks = ", ".join("?" for _ in filters.place_ids)
        clauses.append(
            f"f.place_id IN (WITH RECURSIVE below(pid) AS (SELECT place_id FROM places WHERE place_id IN ({marks}) "
            "UNION SELECT p.place_id FROM places p JOIN below b ON p.parent_place_id = b.pid) SELECT pid FROM below)"
        )
        params.extend(filters.place_ids)
    where = " AND ".join(clauses) or "TRUE"
    return fact_store(db_path).query(
            f"""
            SELECT f.place_id, f.place_name_en, f.place_name_ar, f.category, f.unit, f.source_name,
                   f.quantity, f.effective_date, f.evidence, f.report_title, f.url
            FROM figures f WHERE {where}
            ORDER BY f.place_name_en NULLS LAST, f.category, f.effective_date DESC, f.source_name
            """,
            params,
    )


def boundaries(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """Imported boundary polygons with the filtered mentions at or below each place.

    Columns: place_id, name_en, name_ar, source, admin_level, geometry_wkb, mention_count (0 when
    none). Only places inside the country/governorate/place filters are returned.
    """
    store = fact_store(db_path)
    shapes = store.query("SELECT * FROM boundaries ORDER BY admin_level NULLS FIRST, place_id, source")
    if shapes.empty:
        shapes["mention_count"] = pd.Series(dtype="int64")
        return shapes
    where, params = _where(filters)
    counts = store.query(
        f"""
        WITH RECURSIVE anc(place_id, ancestor) AS (
            SELECT place_id, place_id FROM places
            UNION
            SELECT a.place_id, p.parent_place_id FROM anc a JOIN places p ON p.place_id = a.ancestor
            WHERE p.parent_place_id IS NOT NULL
        ),
        counts AS (SELECT CAST(place_id AS VARCHAR) AS place_id, count(*) AS n FROM facts WHERE {where} GROUP BY 1)
        SELECT a.ancestor AS place_id, sum(c.n) AS mention_count
        FROM counts c JOIN anc a USING (place_id)
        WHERE a.ancestor IN (SELECT unnest(?)) GROUP BY 1
        """,
        [*params, shapes["place_id"].unique().tolist()],
    )
    shapes = shapes.merge(counts, on="place_id", how="left")
    shapes["mention_count"] = shapes["mention_count"].fillna(0).astype("int64")
    if filters.countries:
        shapes = shapes[shapes["country_code"].isin(filters.countries)]
    if filters.admin1_names:
        shapes = shapes[shapes["admin1_name"].isin(filters.admin1_names)]
    return shapes.reset_index(drop=True)
