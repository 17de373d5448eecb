"""`dmon query`: read-only SQL, output formats, writes refused with the database left unchanged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import reporting_db
from click.testing import CliRunner

from dashboard import sqlquery
from dmon.cli import main


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    return reporting_db.build_tiny(tmp_path_factory.mktemp("query") / "tiny.duckdb")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def run(*args: str):
    return CliRunner().invoke(main, ["query", *args])


def test_table_format_is_aligned_with_a_row_count(tiny_db):
    result = run("SELECT place_name_en, count(*) AS mentions FROM mentions_wide WHERE iso_week = '2026-W02' "
                 "AND modality = 'reported' GROUP BY 1 ORDER BY 2 DESC", "--db", str(tiny_db))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("|")[0].strip() == "place_name_en"
    assert set(lines[1]) <= {"-", "+"}
    assert [line.split("|")[1].strip() for line in lines[2:4]] == ["6", "3"]
    assert len({lines[0].index("|"), lines[1].index("+"), lines[2].index("|"), lines[3].index("|")}) == 1
    assert lines[-1] == "(2 rows)"


def test_csv_and_json_formats_read_back(tiny_db, tmp_path):
    sql = ("SELECT place_name_ar, event_type, mention_count FROM weekly_place_counts "
           "WHERE iso_week = '2026-W02' AND modality = 'reported' ORDER BY 1, 2")
    out_csv = tmp_path / "q.csv"
    assert run(sql, "--db", str(tiny_db), "--format", "csv", "--out", str(out_csv)).exit_code == 0
    frame = pd.read_csv(out_csv)
    assert list(frame.columns) == ["place_name_ar", "event_type", "mention_count"]
    assert frame["mention_count"].sum() == 9
    assert "الشيخ مقصود" in set(frame["place_name_ar"])
    result = run(sql, "--db", str(tiny_db), "--format", "json")
    records = json.loads(result.output)
    assert records == frame.to_dict(orient="records")


def test_parquet_needs_out_and_reads_back_with_duckdb(tiny_db, tmp_path):
    sql = "SELECT * FROM statements_by_week ORDER BY statement_id"
    result = run(sql, "--db", str(tiny_db), "--format", "parquet")
    assert result.exit_code != 0 and "--out" in result.output
    out = tmp_path / "s.parquet"
    result = run(sql, "--db", str(tiny_db), "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = duckdb.sql(f"SELECT organisation, place_ids FROM read_parquet('{out}') ORDER BY 1").fetchall()
    assert rows[0] == ("Amnesty International", ["sy-aleppo-sheikh-maqsoud", "sy-aleppo-ashrafieh"])


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("INSERT INTO places (place_id, kind) VALUES ('x', 'city')", id="insert"),
        pytest.param("UPDATE mentions SET event_type = 'return'", id="update"),
        pytest.param("DELETE FROM reports", id="delete"),
        pytest.param("CREATE TABLE scratch AS SELECT 1", id="create"),
        pytest.param("CREATE OR REPLACE VIEW mentions_wide AS SELECT 1 AS x", id="replace-view"),
        pytest.param("DROP TABLE figures", id="drop"),
        pytest.param("ALTER TABLE reports ADD COLUMN x INTEGER", id="alter"),
        pytest.param("ATTACH 'other.duckdb' AS other", id="attach"),
        pytest.param("COPY (SELECT * FROM mentions) TO 'leak.csv'", id="copy-to"),
        pytest.param("EXPORT DATABASE 'dump'", id="export-database"),
        pytest.param("SELECT 1; DELETE FROM mentions", id="write-after-read"),
        pytest.param("SET threads = 1", id="set"),
        pytest.param("CHECKPOINT", id="checkpoint"),
        pytest.param("INSTALL httpfs", id="install"),
        pytest.param("PRAGMA force_checkpoint", id="pragma-setting"),
    ],
)
def test_writes_are_refused_and_change_nothing(tiny_db, tmp_path, monkeypatch, sql):
    monkeypatch.chdir(tmp_path)
    before_bytes, before_rows = digest(tiny_db), table_counts(tiny_db)
    result = run(sql, "--db", str(tiny_db))
    assert result.exit_code != 0
    assert "refused" in result.output and "only reads" in result.output
    assert digest(tiny_db) == before_bytes
    assert table_counts(tiny_db) == before_rows
    assert list(tmp_path.iterdir()) == []  # no file written beside it either


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("SHOW TABLES", id="show"),
        pytest.param("DESCRIBE mentions_wide", id="describe"),
        pytest.param("SUMMARIZE SELECT confidence FROM mentions", id="summarize"),
        pytest.param("FROM reports SELECT count(*)", id="from-first"),
        pytest.param("WITH w AS (SELECT * FROM mentions_wide) SELECT count(*) FROM w", id="cte"),
        pytest.param("EXPLAIN SELECT * FROM mentions", id="explain"),
        pytest.param("PRAGMA table_info('mentions')", id="pragma-table-info"),
    ],
)
def test_reads_of_every_kind_are_allowed(tiny_db, sql):
    result = sqlquery.run_query(tiny_db, sql)
    assert result.columns and result.rows


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        pytest.param("SELEC 1", "does not parse", id="typo"),
        pytest.param("SELECT * FROM no_such_table", "no_such_table", id="unknown-table"),
        pytest.param("   ", "no SQL statement", id="empty"),
    ],
)
def test_bad_sql_gives_duckdbs_message(tiny_db, sql, message):
    result = run(sql, "--db", str(tiny_db))
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_database_is_explained(tmp_path):
    result = run("SELECT 1", "--db", str(tmp_path / "nope.duckdb"))
    assert result.exit_code != 0 and "does not exist" in result.output
    assert not (tmp_path / "nope.duckdb").exists()


def test_query_waits_for_a_writer_to_release_the_lock(tiny_db, tmp_path):
    """A writer process holds the file briefly; the read-only query retries and then succeeds."""
    db = tmp_path / "locked.duckdb"
    db.write_bytes(tiny_db.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("locked", flush=True)
            time.sleep(0.8)
            con.close()
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = sqlquery.run_query(db, "SELECT count(*) FROM mentions")
        assert result.rows == [(15,)]
        assert time.monotonic() - started > 0.2  # it really waited for the writer
    finally:
        holder.wait(timeout=10)


def test_format_table_cuts_long_cells_and_shows_nulls_as_empty():
    result = sqlquery.QueryResult(("a", "b"), [("x" * 100, None), ("y", 2.5)])
    text = sqlquery.format_table(result, max_width=10)
    assert "xxxxxxxxx…" in text and "x" * 11 not in text
    assert text.splitlines()[-1] == "(2 rows)"
