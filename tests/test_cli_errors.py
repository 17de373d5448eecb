"""Every dmon command given bad input fails with one readable line, a non-zero exit code and no traceback.

The messages are pinned: each says what is wrong, with which value, and what to do. Failures that are
the command's own (`click.ClickException`, exit 1) print exactly one line on stderr; usage errors (exit 2)
print click's usage header and then one `Error:` line.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from reporting_db import build_tiny

from dmon.cli import main
from dmon.dbcheck import describe_open_error
from ingest.store import open_writer

GOOD_REPORT = (
    "Shelling hits Aleppo's Sheikh Maqsoud as families flee\n\n"
    "Relief Brief (illustrative) - 7 January 2026\n\n"
    "Artillery shelling hit the Sheikh Maqsoud neighbourhood of Aleppo on Tuesday, and hundreds of families "
    "fled towards the city centre, local volunteers said.\n\n"
    "The shelling continued into the night, according to residents.\n"
)


@pytest.fixture(scope="module")
def qa(tmp_path_factory) -> Path:
    """A scratch folder with a good database, an empty one, and one bad file of each kind."""
    root = tmp_path_factory.mktemp("qa")
    build_tiny(root / "tiny.duckdb")
    open_writer(root / "empty.duckdb").close()
    (root / "notduck.duckdb").write_text("this is not a database\n", encoding="utf-8")
    bare = duckdb.connect(str(root / "bare.duckdb"))  # a DuckDB file some other tool made
    bare.execute("CREATE TABLE t (a INTEGER)")
    bare.close()
    (root / "good.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (root / "zero.txt").write_bytes(b"")
    (root / "report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    (root / "report.docx").write_bytes(b"PK\x03\x04word/document.xml <w:t>text</w:t>")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\nIHDR")
    (root / "pdf-named.txt").write_bytes(b"%PDF-1.7 saved with the wrong name")
    (root / "emptydir").mkdir()
    (root / "afile").write_text("a file where a folder is expected\n", encoding="utf-8")
    mixed = root / "mixed"
    mixed.mkdir()
    (mixed / "good.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (mixed / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (root / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    (root / "noname.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nm": "Somewhere"},
         "geometry": {"type": "Point", "coordinates": [37.1, 36.2]}}]}), encoding="utf-8")
    (root / "nocoords.csv").write_text("name,population\nSomewhere,10\n", encoding="utf-8")
    (root / "points.csv").write_text(
        "name_en,name_ar,lat,lon\nSheikh Maqsoud,الشيخ مقصود,36.2361,37.1517\n"
        "Qastal Harami (test),قسطل حرامي,36.2071,37.1602\n", encoding="utf-8")
    (root / "gold-empty.jsonl").write_text("\n", encoding="utf-8")
    (root / "gold-binary.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    (root / "gold-broken.jsonl").write_text("{oops\n", encoding="utf-8")
    (root / "gold-missing.jsonl").write_text('{"id": "x1"}\n', encoding="utf-8")
    gold = {"id": "g1", "language": "en", "text": GOOD_REPORT, "events": []}
    for name, record in [("gold-events-text", {**gold, "events": "shelling"}),
                         ("gold-event-keys", {**gold, "events": [{"place_id": "sy-aleppo"}]}),
                         ("gold-list", [gold]),
                         ("gold-no-article", {**gold, "id": "tiny", "text": "x"})]:
        (root / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return root


def run(qa: Path, args: list[str], stdin: bytes | None = None):
    """Run dmon in `qa` as a user would (relative paths), catching everything a user would see."""
    cwd = os.getcwd()
    os.chdir(qa)
    try:
        return CliRunner().invoke(main, args, input=stdin, catch_exceptions=True)
    finally:
        os.chdir(cwd)


def assert_one_line_failure(result, *fragments: str, exit_code: int = 1) -> str:
    """The command failed with `exit_code`, no traceback, and its last stderr line holds every fragment."""
    assert result.exit_code == exit_code, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "nothing on stderr"
    if exit_code == 1:
        assert len(lines) == 1, lines
    message = lines[-1]
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# (args, stdin, the fragments the one error line must hold, exit code)
FAILURES = [
    # --- ingest -------------------------------------------------------------------------------
    pytest.param(["ingest", "nope.txt", "--db", "out1.duckdb"], None,
                 ["nope.txt", "no such file or folder; check the path"], 1, id="ingest-missing-path"),
    pytest.param(["ingest", "www.example.org/news/1", "--db", "out1.duckdb"], None,
                 ["no such file or folder; if it is a web page, write it as https://www.example.org/news/1"], 1,
                 id="ingest-address-without-scheme"),
    pytest.param(["ingest", "ftp://example.org/a.txt", "--db", "out1.duckdb"], None,
                 ["ftp://example.org/a.txt", "only http:// and https:// addresses are fetched"], 1,
                 id="ingest-ftp-address"),
    pytest.param(["ingest", "zero.txt", "--db", "out1.duckdb"], None,
                 ["zero.txt", "empty input"], 1, id="ingest-zero-byte-file"),
    pytest.param(["ingest", "report.pdf", "--db", "out1.duckdb"], None,
                 ["report.pdf", "a PDF document", "pdftotext"], 1, id="ingest-pdf"),
    pytest.param(["ingest", "report.docx", "--db", "out1.duckdb"], None,
                 ["report.docx", "Office document", "save it as .txt or .html"], 1, id="ingest-docx"),
    pytest.param(["ingest", "photo.png", "--db", "out1.duckdb"], None,
                 ["photo.png", "a PNG image", "dmon reads text"], 1, id="ingest-png"),
    pytest.param(["ingest", "pdf-named.txt", "--db", "out1.duckdb"], None,
                 ["pdf-named.txt", "a PDF document"], 1, id="ingest-pdf-saved-as-txt"),
    pytest.param(["ingest", "-", "--db", "out1.duckdb"], b"",
                 ["stdin", "empty input"], 1, id="ingest-empty-stdin"),
    pytest.param(["ingest", "emptydir", "--db", "out1.duckdb"], None,
                 ["nothing to ingest", "emptydir", "check the path"], 1, id="ingest-folder-without-reports"),
    pytest.param(["ingest", "good.txt", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb", "is not a DuckDB database", "give another --db FILE"], 1,
                 id="ingest-db-not-duckdb"),
    pytest.param(["ingest", "good.txt", "--db", "afile/x.duckdb"], None,
                 ["cannot create afile/x.duckdb: afile is a file, not a folder", "give a --db FILE"], 1,
                 id="ingest-db-under-a-file"),
    pytest.param(["gazetteer", "import", "noname.geojson", "--name-field", "nm", "--db", "afile/x.duckdb"], None,
                 ["cannot create afile/x.duckdb: afile is a file, not a folder"], 1,
                 id="gazetteer-import-db-under-a-file"),
    pytest.param(["ingest", "good.txt", "--db", "emptydir"], None,
                 ["'--db'", "emptydir", "is a directory"], 2, id="ingest-db-is-folder"),
    pytest.param(["ingest", "--db", "out1.duckdb"], None,
                 ["give at least one PATH_OR_URL"], 2, id="ingest-no-input"),
    pytest.param(["ingest", "--reprocess", "--db", "missing.duckdb"], None,
                 ["database missing.duckdb does not exist", "dmon ingest FILES"], 1, id="ingest-reprocess-missing-db"),
    # --- demo / serve -------------------------------------------------------------------------
    pytest.param(["demo", "--port", "0"], None, ["'--port'", "0 is not in the range"], 2, id="demo-bad-port"),
    pytest.param(["serve", "--db", "missing.duckdb"], None,
                 ["missing.duckdb does not exist", "dmon ingest", "dmon demo"], 1, id="serve-missing-db"),
    pytest.param(["serve", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb", "is not a DuckDB database"], 1, id="serve-db-not-duckdb"),
    pytest.param(["serve", "--db", "tiny.duckdb", "--port", "99999"], None,
                 ["'--port'", "99999 is not in the range 1<=x<=65535"], 2, id="serve-port-out-of-range"),
    pytest.param(["serve", "--db", "tiny.duckdb", "--host", "no-such-host.invalid"], None,
                 ["--host no-such-host.invalid is not an address of this machine", "127.0.0.1"], 1,
                 id="serve-unknown-host"),
    # --- explain / evaluate -------------------------------------------------------------------
    pytest.param(["explain", "nope.txt"], None, ["nope.txt: no such file or folder"], 1, id="explain-missing"),
    pytest.param(["explain", "zero.txt"], None, ["zero.txt: empty input"], 1, id="explain-zero-byte"),
    pytest.param(["explain", "report.pdf"], None, ["report.pdf: binary content (a PDF document)", "pdftotext"], 1,
                 id="explain-pdf"),
    pytest.param(["explain", "-"], b"", ["stdin: empty input"], 1, id="explain-empty-stdin"),
    pytest.param(["explain", "good.txt", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb", "is not a DuckDB database"], 1, id="explain-db-not-duckdb"),
    pytest.param(["explain", "good.txt", "--db", "missing.duckdb"], None,
                 ["database missing.duckdb does not exist", "Leave out --db"], 1, id="explain-missing-db"),
    pytest.param(["explain", "good.txt", "--db", "bare.duckdb"], None,
                 ["bare.duckdb has no places table", "leave out --db"], 1, id="explain-db-not-made-by-dmon"),
    pytest.param(["evaluate", "gold-empty.jsonl"], None,
                 ["no annotated report in gold-empty.jsonl", "docs/gold-format.md"], 1, id="evaluate-empty-gold"),
    pytest.param(["evaluate", "gold-binary.jsonl"], None,
                 ["gold-binary.jsonl is not UTF-8 text", "JSON lines"], 1, id="evaluate-binary-gold"),
    pytest.param(["evaluate", "gold-broken.jsonl"], None,
                 ["gold-broken.jsonl:1", "not valid JSON", "fix that line"], 1, id="evaluate-broken-json"),
    pytest.param(["evaluate", "gold-missing.jsonl"], None,
                 ["gold-missing.jsonl:1", "missing keys", "'events'"], 1, id="evaluate-missing-keys"),
    pytest.param(["evaluate", "gold-events-text.jsonl"], None,
                 ["gold-events-text.jsonl:1", "'events' must be a list of objects"], 1, id="evaluate-events-not-list"),
    pytest.param(["evaluate", "gold-event-keys.jsonl"], None,
                 ["gold-event-keys.jsonl:1", "event 1 lacks ['event_type', 'modality']"], 1,
                 id="evaluate-event-missing-keys"),
    pytest.param(["evaluate", "gold-list.jsonl"], None,
                 ["gold-list.jsonl:1", "must be one JSON object", "not list"], 1, id="evaluate-line-not-object"),
    pytest.param(["evaluate", "gold-no-article.jsonl"], None,
                 ["gold report 'tiny'", "no article text found", "'text' must be the report's article"], 1,
                 id="evaluate-text-without-article"),
    pytest.param(["evaluate", "emptydir"], None, ["no .jsonl gold files in emptydir"], 1,
                 id="evaluate-folder-without-gold"),
    pytest.param(["evaluate", "nope.jsonl"], None, ["'nope.jsonl' does not exist"], 2, id="evaluate-missing"),
    # --- gazetteer ----------------------------------------------------------------------------
    pytest.param(["gazetteer", "import", "broken.geojson", "--db", "gaz.duckdb"], None,
                 ["broken.geojson", "not valid JSON", "complete GeoJSON"], 1, id="gazetteer-import-broken-json"),
    pytest.param(["gazetteer", "import", "good.txt", "--db", "gaz.duckdb"], None,
                 ["good.txt:1", "GeoNames columns"], 1, id="gazetteer-import-text-file"),
    pytest.param(["gazetteer", "import", "noname.geojson", "--db", "gaz.duckdb"], None,
                 ["no name column found", "--name-field", "nm"], 1, id="gazetteer-import-no-name-column"),
    pytest.param(["gazetteer", "import", "noname.geojson", "--name-field", "zz", "--db", "gaz.duckdb"], None,
                 ["--name-field 'zz' is not one of its columns", "nm"], 1, id="gazetteer-import-wrong-name-field"),
    pytest.param(["gazetteer", "import", "noname.geojson", "--name-field", "nm", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb", "is not a DuckDB database"], 1, id="gazetteer-import-db-not-duckdb"),
    pytest.param(["gazetteer", "import", "nocoords.csv", "--db", "gaz.duckdb"], None,
                 ["nocoords.csv: no coordinates found", "longitude and latitude columns"], 1,
                 id="gazetteer-import-csv-without-coordinates"),
    pytest.param(["gazetteer", "import", "report.pdf", "--db", "gaz.duckdb"], None,
                 ["report.pdf: not a vector file", "give GeoJSON, a shapefile"], 1, id="gazetteer-import-pdf"),
    pytest.param(["gazetteer", "import", "nope.geojson"], None, ["'nope.geojson' does not exist"], 2,
                 id="gazetteer-import-missing"),
    pytest.param(["gazetteer", "lookup", "Xyzzyville"], None,
                 ["no place is called 'Xyzzyville'", "try another spelling"], 1, id="gazetteer-lookup-unknown"),
    pytest.param(["gazetteer", "lookup", "  "], None, ["the name is empty", "dmon gazetteer lookup"], 2,
                 id="gazetteer-lookup-empty"),
    pytest.param(["gazetteer", "lookup", "Aleppo", "--country", "XX"], None, ["'--country'", "'XX'"], 2,
                 id="gazetteer-lookup-unknown-country"),
    pytest.param(["gazetteer", "lookup", "Aleppo", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb", "is not a DuckDB database"], 1, id="gazetteer-lookup-db-not-duckdb"),
    pytest.param(["gazetteer", "lookup", "Aleppo", "--db", "missing.duckdb"], None,
                 ["missing.duckdb does not exist"], 1, id="gazetteer-lookup-missing-db"),
    # --- snapshot -----------------------------------------------------------------------------
    pytest.param(["snapshot", "--week", "2026-W60", "--db", "tiny.duckdb"], None,
                 ["'2026-W60' does not exist", "weeks 1 to 53"], 1, id="snapshot-week-60"),
    pytest.param(["snapshot", "--week", "2026-02", "--db", "tiny.duckdb"], None,
                 ["'2026-02' is not an ISO week", "2026-W02"], 1, id="snapshot-month-not-week"),
    pytest.param(["snapshot", "--week", "2030-W05", "--db", "tiny.duckdb"], None,
                 ["no mentions in 2030-W05", "Weeks with data", "2026-W02", "--week"], 1, id="snapshot-week-no-data"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "tiny.duckdb", "--place", "sy-alepo"], None,
                 ["--place", "'sy-alepo'", "Did you mean", "sy-aleppo"], 2, id="snapshot-unknown-place"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "tiny.duckdb", "--lang", "xx"], None,
                 ["'--lang'", "'xx' is not one of 'en', 'ar'"], 2, id="snapshot-unknown-lang"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "tiny.duckdb", "--out", "afile/s.pdf"], None,
                 ["--out", "afile is a file, not a folder", "a folder you can write to"], 2,
                 id="snapshot-out-under-a-file"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "missing.duckdb"], None,
                 ["missing.duckdb does not exist"], 1, id="snapshot-missing-db"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "notduck.duckdb"], None,
                 ["notduck.duckdb could not be opened"], 1, id="snapshot-db-not-duckdb"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "empty.duckdb"], None,
                 ["empty.duckdb holds no mentions yet", "dmon ingest"], 1, id="snapshot-empty-db"),
    # --- query --------------------------------------------------------------------------------
    pytest.param(["query", "selec 1", "--db", "tiny.duckdb"], None,
                 ["the SQL does not parse", "syntax error at or near \"selec\"", "LINE 1: selec 1"], 1,
                 id="query-syntax-error"),
    pytest.param(["query", "SELECT * FROM nope", "--db", "tiny.duckdb"], None, ["nope does not exist"], 1,
                 id="query-missing-table"),
    pytest.param(["query", "DELETE FROM reports", "--db", "tiny.duckdb"], None,
                 ["refused", "DELETE", "Nothing was changed"], 1, id="query-write-refused"),
    pytest.param(["query", "SELECT 1", "--format", "parquet", "--db", "tiny.duckdb"], None,
                 ["--format parquet", "--out FILE.parquet"], 2, id="query-parquet-without-out"),
    pytest.param(["query", "SELECT 1", "--format", "xml", "--db", "tiny.duckdb"], None,
                 ["'--format'", "'xml' is not one of"], 2, id="query-unknown-format"),
    pytest.param(["query", "SELECT 1", "--format", "csv", "--out", "afile/q.csv", "--db", "tiny.duckdb"], None,
                 ["--out", "cannot create the folder afile for afile/q.csv (afile is a file, not a folder)"], 2,
                 id="query-out-under-a-file"),
    pytest.param(["query", "SELECT 1", "--format", "parquet", "--out", "afile/q.parquet", "--db", "tiny.duckdb"],
                 None, ["--out", "afile is a file, not a folder"], 2, id="query-parquet-out-under-a-file"),
    pytest.param(["query", "", "--db", "tiny.duckdb"], None, ["no SQL statement given"], 1, id="query-empty"),
    pytest.param(["query", "SELECT 1", "--db", "missing.duckdb"], None, ["missing.duckdb does not exist"], 1,
                 id="query-missing-db"),
    # --- export -------------------------------------------------------------------------------
    pytest.param(["export", "--format", "kml", "--db", "tiny.duckdb"], None,
                 ["'--format'", "'kml' is not one of"], 2, id="export-unknown-format"),
    pytest.param(["export", "--db", "tiny.duckdb"], None, ["Missing option '--format'", "csv, geojson, geoparquet, hxl, acled"], 2,
                 id="export-no-format"),
    pytest.param(["export", "--format", "geoparquet", "--out", "-", "--db", "tiny.duckdb"], None,
                 ["geoparquet is binary", "--out FILE.parquet"], 2, id="export-geoparquet-to-stdout"),
    pytest.param(["export", "--format", "csv", "--out", "emptydir", "--db", "tiny.duckdb"], None,
                 ["'--out'", "is a directory"], 2, id="export-out-is-folder"),
    pytest.param(["export", "--format", "geoparquet", "--out", "afile/sub/e.parquet", "--db", "tiny.duckdb"], None,
                 ["--out", "afile is a file, not a folder"], 2, id="export-out-under-a-file"),
    pytest.param(["export", "--format", "csv", "--date-from", "2026-02-01", "--date-to", "2026-01-01",
                  "--db", "tiny.duckdb"], None,
                 ["--date-from", "2026-02-01 is after --date-to 2026-01-01", "swap them"], 2,
                 id="export-dates-reversed"),
    pytest.param(["export", "--format", "csv", "--date-from", "2026-13-01", "--db", "tiny.duckdb"], None,
                 ["'--date-from'", "'2026-13-01'"], 2, id="export-bad-date"),
    pytest.param(["export", "--format", "csv", "--country", "XX", "--db", "tiny.duckdb"], None,
                 ["--country", "no country code 'XX'", "The database has:", "SY"], 2, id="export-unknown-country"),
    pytest.param(["export", "--format", "csv", "--governorate", "Alepo", "--db", "tiny.duckdb"], None,
                 ["--governorate", "'Alepo'", "Did you mean Aleppo?"], 2, id="export-governorate-typo"),
    pytest.param(["export", "--format", "csv", "--source", "Nobody Daily", "--db", "tiny.duckdb"], None,
                 ["--source", "no source 'Nobody Daily'", "The database has:"], 2, id="export-unknown-source"),
    pytest.param(["export", "--format", "csv", "--language", "fr", "--db", "tiny.duckdb"], None,
                 ["--language", "no report language 'fr'", "ar, en"], 2, id="export-unknown-language"),
    pytest.param(["export", "--format", "csv", "--db", "bare.duckdb", "--out", "e.csv"], None,
                 ["bare.duckdb lacks mentions_wide", "dmon ingest"], 1, id="export-db-not-made-by-dmon"),
    pytest.param(["export", "--format", "csv", "--db", "bare.duckdb", "--place", "sy-aleppo", "--out", "e.csv"],
                 None, ["bare.duckdb cannot be filtered by --place", "places does not exist", "dmon ingest"], 1,
                 id="export-filter-on-db-not-made-by-dmon"),
    pytest.param(["snapshot", "--week", "2026-W02", "--db", "bare.duckdb"], None,
                 ["bare.duckdb lacks mentions_wide"], 1, id="snapshot-db-not-made-by-dmon"),
    pytest.param(["gazetteer", "lookup", "Aleppo", "--db", "bare.duckdb"], None,
                 ["bare.duckdb has no gazetteer tables yet", "dmon gazetteer import"], 1,
                 id="gazetteer-lookup-db-not-made-by-dmon"),
    pytest.param(["export", "--format", "csv", "--db", "empty.duckdb", "--out", "e.csv"], None,
                 ["empty.duckdb holds no mentions yet"], 1, id="export-empty-db"),
    pytest.param(["export", "--format", "csv", "--db", "notduck.duckdb", "--out", "e.csv"], None,
                 ["notduck.duckdb could not be opened"], 1, id="export-db-not-duckdb"),
]


@pytest.mark.parametrize(("args", "stdin", "fragments", "exit_code"), FAILURES)
def test_failure_is_one_readable_line(qa: Path, args, stdin, fragments, exit_code):
    result = run(qa, args, stdin)
    assert_one_line_failure(result, *fragments, exit_code=exit_code)


def test_ingest_mixed_folder_stores_the_good_file_and_names_each_bad_one(qa: Path, tmp_path: Path):
    db = tmp_path / "mixed.duckdb"
    result = run(qa, ["ingest", "mixed", "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 3, errors
    for name, reason in [("binary.txt", "binary content (NUL bytes): not a text, HTML, JSONL or feed file; "
                                        "save the report as .txt or .html"),
                         ("empty.txt", "empty input"),
                         ("broken.jsonl#L1", "broken JSON line")]:
        assert any(name in line and reason in line and line.startswith("error: ") for line in errors), name
    assert "reports read: 4 (new 1, duplicate 0, failed 3)" in result.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    finally:
        con.close()


def test_ingest_of_documents_and_images_stores_nothing(qa: Path, tmp_path: Path):
    db = tmp_path / "docs.duckdb"
    result = run(qa, ["ingest", "report.pdf", "report.docx", "photo.png", "--db", str(db)])
    assert result.exit_code == 1
    assert "reports read: 3 (new 0, duplicate 0, failed 3)" in result.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    finally:
        con.close()


def test_ingest_twice_says_nothing_new(qa: Path, tmp_path: Path):
    db = tmp_path / "twice.duckdb"
    first = run(qa, ["ingest", "good.txt", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "reports read: 1 (new 1, duplicate 0, failed 0)" in first.stdout
    assert "nothing new" not in first.stdout
    second = run(qa, ["ingest", "good.txt", "--db", str(db)])
    assert second.exit_code == 0
    assert "reports read: 1 (new 0, duplicate 1, failed 0)" in second.stdout
    assert f"nothing new: every report was already in {db}" in second.stdout


def test_serve_on_a_port_in_use_says_so(qa: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(qa, ["serve", "--db", "tiny.duckdb", "--port", str(port)])
    assert_one_line_failure(result, f"port {port} on 127.0.0.1 is already in use", "--port")


def test_demo_checks_the_port_before_ingesting(qa: Path, tmp_path: Path):
    db = tmp_path / "demo.duckdb"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(qa, ["demo", "--db", str(db), "--port", str(port)])
    assert_one_line_failure(result, f"port {port}", "already in use")
    assert not db.exists()


def test_ingest_says_it_waits_for_a_locked_database(qa: Path, tmp_path: Path):
    db = tmp_path / "locked.duckdb"
    open_writer(db).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(db)!r})
        print("holding", flush=True)
        time.sleep(1.5)
        con.close()
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        result = run(qa, ["ingest", "good.txt", "--db", str(db)])
    finally:
        holder.wait(timeout=30)
    assert result.exit_code == 0, result.output
    assert f"{db} is locked by another process" in result.stderr
    assert "waiting for it" in result.stderr
    assert "reports read: 1 (new 1" in result.stdout
    assert time.monotonic() - started < 30


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_ingest_into_a_read_only_folder(qa: Path, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run(qa, ["ingest", "good.txt", "--db", str(folder / "x.duckdb")])
    finally:
        folder.chmod(0o755)
    assert_one_line_failure(result, f"cannot create {folder / 'x.duckdb'}", "a folder you can write to")


@pytest.mark.parametrize(("error", "fragments"), [
    pytest.param(duckdb.IOException('IO Error: The file "x" exists, but it is not a valid DuckDB database file!'),
                 ["db.duckdb exists but is not a DuckDB database", "give another --db FILE"], id="not-duckdb"),
    pytest.param(duckdb.IOException('IO Error: Cannot open file "db.duckdb": Permission denied'),
                 ["cannot open db.duckdb: permission denied", "a folder you can write to"], id="permission"),
    pytest.param(PermissionError(13, "Permission denied"), ["permission denied"], id="os-permission"),
    pytest.param(duckdb.IOException('IO Error: Could not set lock on file "db.duckdb": Conflicting lock is held'),
                 ["db.duckdb is locked by another process", "try again"], id="locked"),
    pytest.param(duckdb.IOException("IO Error: something else\nwith detail"),
                 ["cannot open the database db.duckdb: IO Error: something else", "check the --db path"],
                 id="other"),
])
def test_open_errors_are_one_line(error, fragments):
    message = describe_open_error(Path("db.duckdb"), error)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_explain_of_a_folder_explains_each_report_and_names_each_bad_file(qa: Path):
    result = run(qa, ["explain", "mixed"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Sheikh Maqsoud" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors[-1] == "Error: 3 input(s) of mixed could not be read (see above)"
    assert sum(line.startswith("error: ") for line in errors) == 3


def test_export_and_query_out_into_a_missing_folder_create_it(qa: Path, tmp_path: Path):
    out = tmp_path / "new" / "sub" / "mentions.csv"
    result = run(qa, ["export", "--format", "csv", "--db", "tiny.duckdb", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("mention_id,")
    parquet = tmp_path / "other" / "one.parquet"
    result = run(qa, ["query", "SELECT 1 AS n", "--format", "parquet", "--out", str(parquet), "--db", "tiny.duckdb"])
    assert result.exit_code == 0, result.output
    assert f"wrote {parquet} (1 row)" in result.stderr
    assert duckdb.sql(f"SELECT n FROM '{parquet}'").fetchall() == [(1,)]


@pytest.mark.parametrize("args", [
    pytest.param(["query", "SELECT 1"], id="query"),
    pytest.param(["snapshot", "--week", "2026-W02"], id="snapshot"),
    pytest.param(["export", "--format", "csv"], id="export"),
    pytest.param(["ingest", "good.txt"], id="ingest"),
    pytest.param(["serve"], id="serve"),
])
def test_dmon_db_pointing_at_a_folder(qa: Path, args, monkeypatch):
    monkeypatch.setenv("DMON_DB", "emptydir")
    result = run(qa, args)
    assert_one_line_failure(result, "database emptydir is a folder", "$DMON_DB", "emptydir/monitor.duckdb")


@pytest.fixture
def local_site(tmp_path: Path):
    """A local HTTP server with one page, page.html; every other address is a 404."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text(
        "<html><head><title>Shelling in Sheikh Maqsoud</title></head><body><article><p>"
        + GOOD_REPORT.replace("\n\n", "</p><p>") + "</p></article></body></html>", encoding="utf-8")
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the server's log off the command's stderr
            pass

    handler = partial(Quiet, directory=str(tmp_path / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_ingest_of_a_missing_page_says_what_to_do(qa: Path, tmp_path: Path, local_site: str):
    url = f"{local_site}/gone.html"
    result = run(qa, ["ingest", url, "--db", str(tmp_path / "web.duckdb")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.strip() == f"error: {url}: HTTP 404 File not found: no page at this address; check the URL"


def test_ingest_obeys_robots_txt_and_says_what_to_do(qa: Path, tmp_path: Path, local_site: str):
    root = tmp_path / "site"
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (root / "private").mkdir()
    (root / "private" / "page.html").write_text((root / "page.html").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "robots.duckdb"
    refused = run(qa, ["ingest", f"{local_site}/private/page.html", "--db", str(db), "--delay", "0"])
    assert_one_line_failure(refused, "robots.txt asks automated tools not to fetch this page",
                            "save it, and ingest the saved file")
    allowed = run(qa, ["ingest", f"{local_site}/page.html", "--db", str(db), "--delay", "0"])
    assert allowed.exit_code == 0, allowed.output
    assert "reports read: 1 (new 1, duplicate 0, failed 0)" in allowed.stdout


def test_gazetteer_import_of_a_csv_of_points(qa: Path, tmp_path: Path):
    db = tmp_path / "gaz.duckdb"
    result = run(qa, ["gazetteer", "import", "points.csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "points.csv: read 2 features" in result.stdout
    assert "Sheikh Maqsoud -> sy-aleppo-sheikh-maqsoud" in result.stdout
    lookup = run(qa, ["gazetteer", "lookup", "قسطل حرامي", "--db", str(db)])
    assert lookup.exit_code == 0, lookup.output
    assert "CHOSEN" in lookup.stdout


def test_reprocess_alone_summarises_the_re_extraction(qa: Path, tmp_path: Path):
    db = tmp_path / "re.duckdb"
    assert run(qa, ["ingest", "good.txt", "--db", str(db)]).exit_code == 0
    result = run(qa, ["ingest", "--reprocess", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "stored reports re-extracted: 1"
    assert lines[1].startswith("mentions written: ")
    assert not any(line.startswith("reports read:") for line in lines)


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc, a file nobody can write")
@pytest.mark.parametrize("args", [
    pytest.param(["export", "--format", "csv"], id="export"),
    pytest.param(["query", "SELECT 1", "--format", "csv"], id="query"),
    pytest.param(["snapshot", "--week", "2026-W02"], id="snapshot"),
])
def test_out_that_cannot_be_written(qa: Path, args):
    result = run(qa, [*args, "--db", "tiny.duckdb", "--out", "/proc/version"])
    assert_one_line_failure(result, "cannot write /proc/version", "give an --out path you can write to")


@pytest.mark.slow
def test_demo_twice_builds_then_says_everything_is_already_there(qa: Path, tmp_path: Path):
    db = tmp_path / "data" / "monitor.duckdb"
    first = run(qa, ["demo", "--no-serve", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert db.is_file()
    out = first.stdout
    assert re.search(r"reports read: (\d+) \(new (\d+), duplicate \d+, failed 0\)", out)
    new = int(re.search(r"new (\d+)", out).group(1))
    assert new >= 40
    assert re.search(r"the database holds \d+ mentions of \d+ places, weeks 20\d\d-W\d\d to 20\d\d-W\d\d "
                     r"\(busiest: 20\d\d-W\d\d\)", out)
    assert "try: dmon snapshot --week " in out
    assert out.rstrip().endswith(f"done. Open the dashboard with: dmon serve --db {db}")
    second = run(qa, ["demo", "--no-serve", "--db", str(db)])
    assert second.exit_code == 0, second.output
    read = int(re.search(r"reports read: (\d+)", second.stdout).group(1))
    assert f"reports read: {read} (new 0, duplicate {read}, failed 0)" in second.stdout
    assert f"nothing new: every report was already in {db}" in second.stdout


def test_explain_fetches_a_page_url(qa: Path, local_site: str):
    result = run(qa, ["explain", f"{local_site}/page.html"])
    assert result.exit_code == 0, result.output
    assert "Sheikh Maqsoud" in result.stdout
    missing = run(qa, ["explain", f"{local_site}/gone.html"])
    assert_one_line_failure(missing, "gone.html: HTTP 404", "check the URL")
