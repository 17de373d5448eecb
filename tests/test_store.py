"""The DuckDB store: schema applied idempotently, every column described, batches all-or-nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.readers import to_report
from ingest.records import Extraction, Figure, Mention, RawDocument, Statement
from ingest.schema_comments import RELATIONS, TABLES, VIEWS, render_markdown
from ingest.store import DatabaseLockedError, connect_readonly, open_writer, write_batch

REPO = Path(__file__).resolve().parent.parent


def report(text: str, url: str):
    return to_report(RawDocument(url, "text", text))


def extraction_for(report_id: str, n_mentions: int = 1, place: str = "sy-aleppo") -> Extraction:
    mentions = tuple(
        Mention(report_id, place, "shelling", "reported", date(2026, 1, 7), "day", f"evidence {i}", i, i + 5,
                0.9, "Aleppo", i, i + 6, "shelling", i, i + 8, "exact", 1)
        for i in range(n_mentions)
    )
    statement = Statement(report_id, "Amnesty International", "Amnesty", date(2026, 1, 6), "day",
                          "Amnesty voiced concern.", 0, 22, "concern", ("sy-aleppo",), ("displacement",))
    figure = Figure(report_id, "sy-aleppo", None, 155000, "people", "displaced", "155,000 fled", 0, 12)
    return Extraction(mentions, (statement,), (figure,))


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("reports", "mentions", "statements", "figures")}


def test_schema_is_idempotent_and_complete(tmp_db: Path) -> None:
    open_writer(tmp_db).close()
    con = open_writer(tmp_db)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert set(TABLES) <= tables and set(VIEWS) <= views
        assert con.execute("SELECT count(*) FROM schema_migrations WHERE version = 1").fetchone()[0] == 1
    finally:
        con.close()


def test_every_live_table_view_and_column_is_described_and_commented(tmp_db: Path) -> None:
    open_writer(tmp_db).close()
    con = connect_readonly(tmp_db)
    try:
        relations = con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL "
            "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        ).fetchall()
        columns = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                              "WHERE NOT internal AND schema_name = 'main'").fetchall()
    finally:
        con.close()
    missing = [name for name, comment in relations if not comment]
    missing += [f"{t}.{c}" for t, c, comment in columns if not comment]
    assert not missing, f"describe these in ingest/schema_comments.py and regenerate docs/schema.md: {missing}"
    described = {(t, c) for t, rel in RELATIONS.items() for c in rel.columns}
    stale = described - {(t, c) for t, c, _ in columns}
    assert not stale, f"ingest/schema_comments.py describes columns the schema does not have: {sorted(stale)}"


def test_docs_schema_md_is_generated_from_the_descriptions() -> None:
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert docs == render_markdown(), "run: python -m ingest.schema_comments > docs/schema.md"


def test_duplicates_by_url_and_by_content_are_skipped(tmp_db: Path) -> None:
    first = report("Shelling hit Jabalia camp in Gaza on Tuesday, killing three people.", "https://a.example/1")
    same_url = report("An updated text of the same story, now with more detail.", "https://a.example/1")
    same_text = report("Shelling  hit Jabalia camp in Gaza on Tuesday,\nkilling three people.", "file:///copy.txt")
    con = open_writer(tmp_db)
    try:
        result = write_batch(con, [(first, extraction_for(first.report_id)), (same_text, Extraction())])
        assert (result.new, result.duplicate, result.mentions) == (1, 1, 1)
        result = write_batch(con, [(same_url, Extraction()), (same_text, Extraction())])
        assert (result.new, result.duplicate) == (0, 2)
        assert counts(con) == {"reports": 1, "mentions": 1, "statements": 1, "figures": 1}
        row = con.execute("SELECT url, published_date, ingested_at IS NOT NULL FROM reports").fetchone()
        assert row == ("https://a.example/1", None, True)
        assert con.execute("SELECT place_ids, event_types FROM statements").fetchone() == (
            ["sy-aleppo"], ["displacement"])
    finally:
        con.close()


def test_batch_is_all_or_nothing(tmp_db: Path) -> None:
    good = report("Drone strike on a car near Nabatieh wounded two people, the army said.", "https://b.example/1")
    bad_extraction = Extraction((Mention(good.report_id, "lb-nabatieh", "drone_strike", "reported", None, None,
                                         None, 0, 1, 0.9, "x", 0, 1, "x", 0, 1, "exact", 1),))  # type: ignore[arg-type]
    con = open_writer(tmp_db)
    try:
        with pytest.raises(duckdb.Error):
            write_batch(con, [(good, bad_extraction)])
        assert counts(con) == {"reports": 0, "mentions": 0, "statements": 0, "figures": 0}
    finally:
        con.close()


def test_reprocess_replaces_rows_in_one_transaction(tmp_db: Path) -> None:
    r = report("Clashes in Sheikh Maqsoud forced families to flee towards Afrin on Wednesday.", "https://c.example/1")
    con = open_writer(tmp_db)
    try:
        write_batch(con, [(r, extraction_for(r.report_id, 3))])
        result = write_batch(con, [], {r.report_id: extraction_for(r.report_id, 2, place="sy-aleppo-sheikh-maqsoud")})
        assert result.reprocessed == 1 and result.mentions == 2
        assert con.execute("SELECT DISTINCT place_id FROM mentions").fetchall() == [("sy-aleppo-sheikh-maqsoud",)]
        assert counts(con) == {"reports": 1, "mentions": 2, "statements": 1, "figures": 1}
    finally:
        con.close()


def test_connect_readonly_waits_for_the_writer_then_gives_up_cleanly(tmp_db: Path) -> None:
    open_writer(tmp_db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time, duckdb
            con = duckdb.connect({str(tmp_db)!r})
            print("locked", flush=True)
            time.sleep(float(sys.argv[1]))
            con.close()
        """), "2.0"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseLockedError, match="locked by another process"):
            connect_readonly(tmp_db, retries=1, backoff=0.05)
        started = time.monotonic()
        con = connect_readonly(tmp_db, retries=40, backoff=0.05)
        assert time.monotonic() - started > 0.2
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (0,)
        con.close()
    finally:
        holder.wait(timeout=10)


def test_connect_readonly_missing_database(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="dmon ingest"):
        connect_readonly(tmp_path / "nope.duckdb")
