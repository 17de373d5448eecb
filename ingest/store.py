"""The DuckDB store: schema, the writer's batches, read-only connections that cope with the writer.

DuckDB allows one writer, and a writing process locks the file against every other process (read-only
ones too). So the writer opens the file for one batch at a time, writes it in one transaction and
closes it; readers open short-lived read-only connections and retry with backoff while it is locked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from ingest.records import Extraction, Report
from ingest.schema_comments import comment_statements

log = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_SQL = Path(__file__).with_name("views.sql")

REPORT_COLUMNS = ("report_id", "url", "source_name", "title", "language", "published_date", "body_text",
                  "content_sha256", "ingested_at", "input_kind", "date_source", "extracted_at",
                  "canonical_url")


class DatabaseLockedError(RuntimeError):
    """The database stayed locked by another process for longer than we were willing to wait."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text or "held" in text)


#: The writer runs small inserts of one batch at a time: DuckDB's worker threads only added CPU time
#: (measured with bench.ingest; readers keep DuckDB's default for their aggregate queries).
WRITER_CONFIG = {"threads": 1}

#: Seconds of waiting for a locked database after which the user is told why nothing happens.
LOCK_WAIT_NOTICE = 3.0


def _connect(db_path: Path, *, read_only: bool, retries: int, backoff: float) -> duckdb.DuckDBPyConnection:
    return _retry_locked(
        lambda: duckdb.connect(str(db_path), read_only=read_only, config={} if read_only else WRITER_CONFIG),
        db_path, retries=retries, backoff=backoff)


def _retry_locked(open_: Callable[[], T], db_path: Path, *, retries: int, backoff: float) -> T:
    """`open_()`, retried with exponential backoff while another process holds the file's lock."""
    delay = backoff
    waited = 0.0
    for attempt in range(retries + 1):
        try:
            return open_()
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if attempt == retries:
                raise DatabaseLockedError(
                    f"{db_path} is locked by another process (probably `dmon ingest` writing); "
                    "try again when it has finished"
                ) from exc
            if waited < LOCK_WAIT_NOTICE <= waited + delay:
                # Past a blink, say why nothing moves rather than look hung.
                log.warning("%s is in use by another process (an ingest, or a dashboard or query reading it); "
                            "waiting for it", db_path)
            log.debug("%s locked, retrying in %.2fs", db_path, delay)
            time.sleep(delay)
            waited += delay
            delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")


def now_utc() -> datetime:
    """Naive UTC timestamp, as stored in TIMESTAMP columns."""
    return datetime.now(UTC).replace(tzinfo=None)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, (re)create the views and emit COMMENT ON for every table and column."""
    con.execute("BEGIN")
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        con.execute(VIEWS_SQL.read_text(encoding="utf-8"))
        live: dict[str, set[str]] = {}
        current: dict[tuple[str, str | None], str | None] = {}
        for table, column, comment in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main'"
        ).fetchall():
            live.setdefault(table, set()).add(column)
            current[(table, column)] = comment
        for name, comment in con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database() "
            "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE database_name = current_database()"
        ).fetchall():
            current[(name, None)] = comment
        for key, statement in comment_statements(live):
            if current.get(key) != statement.text:  # only what changed: reopening stays fast
                con.execute(statement.sql)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def open_writer(db_path: Path, *, apply: bool = True, retries: int = 50,
                backoff: float = 0.05) -> duckdb.DuckDBPyConnection:
    """Open the database for writing, creating it and applying the schema (idempotent).

    Args:
        db_path: the DuckDB file (its folder is created if needed).
        apply: apply schema.sql, views.sql and the comments (skip for later batches of one run).
        retries: attempts while another process holds the file (readers included).
        backoff: first wait between attempts, doubled up to 2 s.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(db_path, read_only=False, retries=retries, backoff=backoff)
    if apply:
        try:
            apply_schema(con)
        except Exception:
            con.close()
            raise
    return con


class WriterSession:
    """The writer of one ingest run: the file is attached for each batch and detached after it.

    Opening a DuckDB file costs ~30 ms of CPU (a new database instance and its catalog); attaching it
    to an in-memory instance kept for the run costs ~2 ms. The file is detached (and DuckDB's lock on
    it released) at the end of each `open` block, exactly as closing a connection would: readers in
    other processes get in between batches.
    """

    ALIAS = "dmon_store"

    def __init__(self, db_path: Path, *, retries: int = 50, backoff: float = 0.05) -> None:
        self.db_path = Path(db_path)
        self.retries = retries
        self.backoff = backoff
        self._con: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def open(self, *, apply: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The database file attached (created, and the schema applied when `apply`), then released."""
        if self._con is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(":memory:", config=WRITER_CONFIG)
        con = self._con
        path = str(self.db_path).replace("'", "''")
        _retry_locked(lambda: con.execute(f"ATTACH '{path}' AS {self.ALIAS}"), self.db_path,
                      retries=self.retries, backoff=self.backoff)
        try:
            con.execute(f"USE {self.ALIAS}")
            if apply:
                apply_schema(con)
            yield con
        finally:
            try:
                con.execute("USE memory")
                con.execute(f"DETACH {self.ALIAS}")
            except duckdb.Error:  # e.g. a transaction left open by an error: drop the instance instead
                log.debug("detaching %s failed; closing the writer instance", self.db_path, exc_info=True)
                self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


def connect_readonly(db_path: Path, retries: int = 20, backoff: float = 0.05) -> duckdb.DuckDBPyConnection:
    """A read-only connection, retrying with exponential backoff while a writer holds the file.

    Raises:
        FileNotFoundError: the database does not exist.
        DatabaseLockedError: still locked after all retries.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"database {db_path} does not exist; create it with `dmon ingest` or `dmon demo`")
    return _connect(db_path, read_only=True, retries=retries, backoff=backoff)


# ---------------------------------------------------------------------------------------------
# Batches


@dataclass(frozen=True)
class StoredKeys:
    """Which urls and content hashes of a batch are already stored, and under which report_id."""

    by_url: dict[str, str]
    by_sha: dict[str, str]

    def find(self, report: Report) -> str | None:
        return self.by_url.get(report.url) or self.by_sha.get(report.content_sha256)


def stored_keys(con: duckdb.DuckDBPyConnection, reports: Sequence[Report]) -> StoredKeys:
    """Look up the stored reports that share a url or content hash with `reports`."""
    if not reports:
        return StoredKeys({}, {})
    urls = [r.url for r in reports]
    shas = [r.content_sha256 for r in reports]
    rows = con.execute(
        "SELECT report_id, url, content_sha256 FROM reports "
        "WHERE url IN (SELECT unnest($urls)) OR content_sha256 IN (SELECT unnest($shas))",
        {"urls": urls, "shas": shas},
    ).fetchall()
    return StoredKeys({u: rid for rid, u, _ in rows}, {s: rid for rid, _, s in rows})


def load_reports(con: duckdb.DuckDBPyConnection, report_ids: Sequence[str]) -> list[Report]:
    """Stored reports by id (for re-extraction)."""
    if not report_ids:
        return []
    rows = con.execute(
        "SELECT report_id, url, source_name, title, language, published_date, body_text, content_sha256, "
        "coalesce(input_kind, 'text'), date_source, canonical_url FROM reports "
        "WHERE report_id IN (SELECT unnest($ids)) ORDER BY report_id",
        {"ids": list(report_ids)},
    ).fetchall()
    return [Report(*row[:8], input_kind=row[8], date_source=row[9], canonical_url=row[10]) for row in rows]


def iter_report_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every stored report id, in order."""
    return [r[0] for r in con.execute("SELECT report_id FROM reports ORDER BY report_id").fetchall()]


@dataclass(frozen=True)
class BatchResult:
    """What one batch wrote."""

    new: int = 0
    duplicate: int = 0
    reprocessed: int = 0
    mentions: int = 0
    statements: int = 0
    figures: int = 0
    new_report_ids: tuple[str, ...] = ()


def _unique(rows: Iterable[tuple[str, dict]]) -> list[dict]:
    seen: dict[str, dict] = {}
    for key, row in rows:
        seen.setdefault(key, row)
    return list(seen.values())


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name -> SQL type of a table of the current database."""
    return dict(con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?", [table],
    ).fetchall())


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Insert `rows` (dicts with the same keys) into `table` in one statement.

    Each column travels as one typed list parameter and the rows are rebuilt by `unnest` (DuckDB zips
    unnests of equal length): one statement per table and batch, no row-by-row inserts, and no
    Arrow/pandas conversion (pyarrow's first conversion imports pandas, ~0.3 s per process).
    """
    if not rows:
        return 0
    types = _column_types(con, table)
    columns = list(rows[0])
    unknown = [c for c in columns if c not in types]
    if unknown:
        raise ValueError(f"table {table} has no column(s) {', '.join(unknown)}; is the schema up to date?")
    select = ", ".join(f'unnest(${i}::{types[c]}[]) AS "{c}"' for i, c in enumerate(columns, 1))
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select}", [[row[c] for row in rows] for c in columns])
    return len(rows)


def _extraction_rows(extractions: Mapping[str, Extraction]) -> tuple[list[dict], list[dict], list[dict]]:
    # Ids are properties hashing their fields: each is computed once, for the row, and keyed from it.
    mentions = _unique((row["mention_id"], row) for row in (
        {
            "mention_id": m.mention_id, "report_id": report_id, "place_id": m.place_id,
            "event_type": m.event_type, "modality": m.modality, "event_date": m.event_date,
            "date_precision": m.date_precision, "evidence": m.evidence, "char_start": m.char_start,
            "char_end": m.char_end, "confidence": float(m.confidence), "place_text": m.place_text,
            "place_char_start": m.place_char_start, "place_char_end": m.place_char_end,
            "trigger_text": m.trigger_text, "trigger_char_start": m.trigger_char_start,
            "trigger_char_end": m.trigger_char_end, "match_method": m.match_method,
            "geo_precision": m.geo_precision, "place_role": m.place_role,
            "attach_scope": m.attach_scope, "date_note": m.date_note, "reason": m.reason,
        }
        for report_id, ex in extractions.items() for m in ex.mentions
    ))
    statements = _unique((row["statement_id"], row) for row in (
        {
            "statement_id": s.statement_id, "report_id": report_id, "organisation": s.organisation,
            "statement_date": s.statement_date, "evidence": s.evidence, "char_start": s.char_start,
            "char_end": s.char_end, "gist_type": s.gist_type, "organisation_text": s.organisation_text,
            "date_precision": s.date_precision, "date_note": s.date_note,
            "place_ids": list(s.place_ids), "event_types": list(s.event_types),
        }
        for report_id, ex in extractions.items() for s in ex.statements
    ))
    figures = _unique((row["figure_id"], row) for row in (
        {
            "figure_id": f.figure_id, "report_id": report_id, "place_id": f.place_id,
            "figure_date": f.figure_date, "quantity": int(f.quantity), "unit": f.unit,
            "category": f.category, "evidence": f.evidence, "char_start": f.char_start,
            "char_end": f.char_end,
        }
        for report_id, ex in extractions.items() for f in ex.figures
    ))
    return mentions, statements, figures


def write_batch(
    con: duckdb.DuckDBPyConnection,
    new: Sequence[tuple[Report, Extraction]],
    reprocessed: Mapping[str, Extraction] | None = None,
    *,
    run_id: str | None = None,
    errors: Sequence[tuple[str, str]] = (),
    validators: Mapping[str, tuple[str | None, str | None]] | None = None,
    run_counts: Callable[[BatchResult], Mapping[str, int]] | None = None,
) -> BatchResult:
    """Write one batch in ONE transaction: new reports with their rows, re-extracted reports, errors.

    Reports whose url or content hash is already stored (or repeated inside the batch) are skipped and
    counted as duplicates. For `reprocessed` (stored report_id -> fresh extraction) the old mentions,
    statements and figures are deleted and the new ones written. Either all of it is stored or none.

    Args:
        con: a writer connection.
        new: reports read in this batch with their extractions.
        reprocessed: stored reports re-extracted.
        run_id: the ingest run, to record errors and update its counts.
        errors: (input, reason) of the inputs that failed in this batch.
        validators: url -> (etag, last_modified) of fetched URLs whose content is in this batch.
        run_counts: given this batch's result, the run's totals to store in ingest_runs with it.
    """
    reprocessed = dict(reprocessed or {})
    stamp = now_utc()
    con.execute("BEGIN")
    try:
        keys = stored_keys(con, [r for r, _ in new])
        seen_urls: set[str] = set()
        seen_shas: set[str] = set()
        fresh: list[tuple[Report, Extraction]] = []
        duplicates = 0
        for report, extraction in new:
            if (keys.find(report) or report.url in seen_urls or report.content_sha256 in seen_shas):
                duplicates += 1
                continue
            seen_urls.add(report.url)
            seen_shas.add(report.content_sha256)
            fresh.append((report, extraction))
        if reprocessed:
            ids = list(reprocessed)
            for table in ("mentions", "statements", "figures"):
                con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest($ids))", {"ids": ids})
            con.execute("UPDATE reports SET extracted_at = $t WHERE report_id IN (SELECT unnest($ids))",
                        {"t": stamp, "ids": ids})
        _insert(con, "reports", [
            {"report_id": r.report_id, "url": r.url, "source_name": r.source_name, "title": r.title,
             "language": r.language, "published_date": r.published_date, "body_text": r.body_text,
             "content_sha256": r.content_sha256, "ingested_at": stamp, "input_kind": r.input_kind,
             "date_source": r.date_source, "extracted_at": stamp, "canonical_url": r.canonical_url}
            for r, _ in fresh
        ])
        extractions = {r.report_id: ex for r, ex in fresh}
        extractions.update(reprocessed)
        mentions, statements, figures = _extraction_rows(extractions)
        _insert(con, "mentions", mentions)
        _insert(con, "statements", statements)
        _insert(con, "figures", figures)
        if run_id is not None and errors:
            _insert(con, "ingest_errors", [{"run_id": run_id, "input": i, "reason": r, "logged_at": stamp}
                                           for i, r in errors])
        if validators:
            con.execute("DELETE FROM http_validators WHERE url IN (SELECT unnest($u))",
                        {"u": list(validators)})
            _insert(con, "http_validators", [
                {"url": u, "etag": e, "last_modified": lm, "fetched_at": stamp}
                for u, (e, lm) in validators.items()
            ])
        result = BatchResult(
            new=len(fresh), duplicate=duplicates, reprocessed=len(reprocessed), mentions=len(mentions),
            statements=len(statements), figures=len(figures),
            new_report_ids=tuple(r.report_id for r, _ in fresh),
        )
        if run_id is not None and run_counts is not None:
            _update_run(con, run_id, run_counts(result))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return result


RUN_COUNT_COLUMNS = ("reports_read", "reports_new", "reports_duplicate", "reports_failed",
                     "mentions_written", "statements_written")


def _update_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int],
                finished_at: datetime | None = None) -> None:
    sets = ", ".join(f"{c} = ${c}" for c in RUN_COUNT_COLUMNS)
    params = {c: int(counts.get(c, 0)) for c in RUN_COUNT_COLUMNS}
    params.update({"run_id": run_id, "finished_at": finished_at})
    con.execute(f"UPDATE ingest_runs SET {sets}, finished_at = coalesce($finished_at, finished_at) "
                "WHERE run_id = $run_id", params)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, inputs: Sequence[str]) -> None:
    """Record the start of an ingest run."""
    con.execute("INSERT INTO ingest_runs (run_id, started_at, inputs) VALUES (?, ?, ?)",
                [run_id, now_utc(), " ".join(inputs)])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: Mapping[str, int],
               errors: Sequence[tuple[str, str]] = ()) -> None:
    """Record the final counts (and any errors not yet written) of an ingest run."""
    con.execute("BEGIN")
    try:
        if errors:
            _insert(con, "ingest_errors", [{"run_id": run_id, "input": i, "reason": r, "logged_at": now_utc()}
                                           for i, r in errors])
        _update_run(con, run_id, counts, finished_at=now_utc())
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def load_validators(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str | None]]:
    """url -> (etag, last_modified) remembered from earlier runs."""
    return {u: (e, lm) for u, e, lm in con.execute("SELECT url, etag, last_modified FROM http_validators")
            .fetchall()}
