"""Read-only SQL on the monitor database: the engine behind `dmon query`, the snapshot and the exports.

Every reader here opens DuckDB with ``read_only=True`` on a short-lived connection, through the
dashboard's `dashboard.queries.connect_readonly`: a writing process locks the file even against readers,
so opening retries with a growing pause before giving up with a message that says what to do.

`run_query` also refuses anything that is not a read *before* running it (two guards: the statement
types DuckDB's own parser reports, then the read-only connection itself), so ``INSERT``, ``COPY ... TO``,
``ATTACH``, ``EXPORT DATABASE``, ``SET`` and the like change nothing, not even a file next to the
database.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from dashboard import queries

log = logging.getLogger(__name__)

# Statement types that only read. SHOW, DESCRIBE, SUMMARIZE and FROM-first queries parse as SELECT.
READ_STATEMENT_TYPES = frozenset({"SELECT", "EXPLAIN", "PRAGMA"})
# The PRAGMAs that only describe the database; every other PRAGMA (settings, checkpoints) is refused.
READ_PRAGMAS = ("show", "table_info", "database_size", "database_list", "storage_info", "version",
                "platform", "functions", "metadata_info")


class QueryError(Exception):
    """A query that cannot run: the message says what is wrong and what to do."""


class WriteRefused(QueryError):
    """The SQL would change the database or write a file; `dmon query` only reads."""


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of one query, in the order DuckDB returned them."""

    columns: tuple[str, ...]
    rows: list[tuple]


@contextlib.contextmanager
def connect_readonly(db_path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection: the dashboard's own (dashboard.queries.connect_readonly, with
    its bounded retry while a writer holds the lock), its errors turned into QueryError."""
    try:
        with queries.connect_readonly(db_path) as con:
            con.execute("SET enable_progress_bar = false")  # never draw DuckDB's bar into our output
            yield con
    except queries.DataUnavailable as error:
        raise QueryError(f"{error.problem} {error.remedy}") from error


def require_monitor_database(db_path: Path | str) -> None:
    """QueryError unless db_path is a monitor database with mentions (the dashboard's own check)."""
    try:
        queries.check_database(db_path)
    except queries.DataUnavailable as error:
        raise QueryError(f"{error.problem} {error.remedy}") from error


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise WriteRefused unless every statement in `sql` only reads."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryError(f"the SQL does not parse: {error}") from error
    if not statements:
        raise QueryError("no SQL statement given. Example: dmon query \"SELECT count(*) FROM mentions_wide\"")
    for statement in statements:
        kind = statement.type.name
        text = statement.query.strip()
        pragma = text.lower().removeprefix("pragma").strip()
        if kind not in READ_STATEMENT_TYPES or (kind == "PRAGMA" and not pragma.startswith(READ_PRAGMAS)):
            first_words = " ".join(text.split()[:4])
            raise WriteRefused(
                f"refused: `{first_words} ...` is not a read ({kind} statement) and dmon query only reads "
                "(SELECT, WITH ... SELECT, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN). Nothing was changed. To "
                "save a result use --format csv|json|parquet --out FILE; changes go through dmon ingest."
            )


def _run_all_but_last(con: duckdb.DuckDBPyConnection, sql: str):
    """Check that `sql` only reads, run every statement but the last and return the last (to run)."""
    check_read_only(con, sql)
    statements = con.extract_statements(sql)
    try:
        for statement in statements[:-1]:
            con.execute(statement)
    except duckdb.Error as error:
        raise QueryError(f"the query failed: {error}") from error
    return statements[-1]


def run_query(db_path: Path | str, sql: str, params: Sequence | None = None) -> QueryResult:
    """Run read-only SQL and return the result of its last statement.

    Raises WriteRefused for anything that writes, QueryError for SQL errors (with DuckDB's message).
    """
    with connect_readonly(db_path) as con:
        last = _run_all_but_last(con, sql)
        try:
            cursor = con.execute(last, params) if params else con.execute(last)
            columns = tuple(d[0] for d in cursor.description or ())
            rows = cursor.fetchall() if columns else []
        except duckdb.Error as error:
            raise QueryError(f"the query failed: {error}") from error
    return QueryResult(columns, rows)


def read_frame(db_path: Path | str, sql: str, params: Sequence | None = None):
    """Read-only SQL to a pandas DataFrame (for the snapshot and exports, which build their own SQL)."""
    with connect_readonly(db_path) as con:
        return con.execute(sql, list(params or [])).df()


# ---------------------------------------------------------------------------------------------------
# Output formats for `dmon query`.

def _plain(value):
    """A JSON/CSV-friendly version of one DuckDB value."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _cell(value) -> str:
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, (list, dict)):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def format_table(result: QueryResult, max_width: int = 60) -> str:
    """An aligned plain-text table with a header rule and a row count, long cells cut with '…'."""
    if not result.columns:
        return "(no result)\n"

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cut(_cell(v)) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        all(isinstance(row[i], (int, float, Decimal)) or row[i] is None for row in result.rows) and result.rows
        for i in range(len(result.columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return " | ".join(parts).rstrip()

    out = [line(result.columns), "-+-".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    count = len(result.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def format_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def format_json(result: QueryResult) -> str:
    """A JSON array of objects, one per row (UTF-8, Arabic kept as is)."""
    records = [dict(zip(result.columns, (_plain(v) for v in row), strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def write_parquet(db_path: Path | str, sql: str, out: Path) -> int:
    """Write the result of a read-only query to a Parquet file; returns the number of rows."""
    with connect_readonly(db_path) as con:
        last = _run_all_but_last(con, sql)
        try:
            table = con.sql(last.query).to_arrow_table()
        except duckdb.Error as error:
            raise QueryError(f"the query failed: {error}") from error
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(out))
    return table.num_rows
