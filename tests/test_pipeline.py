"""run_ingest end to end into real DuckDB files: bad inputs, idempotency, reprocess, a killed ingest."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from test_fetch import closed_port, serve_routes
from test_readers import EN_PARAGRAPHS, wrap_article_html

import ingest.pipeline as pipeline
from geo.geocoder import Geocoder
from ingest.records import Extraction, Mention, Report
from ingest.store import connect_readonly

REPO = Path(__file__).resolve().parent.parent

ARABIC_ARTICLE = ("الرئيسية > سوريا\n\nقصف على أحياء حلب الشرقية\n\n"
                  "قال سكان في حي الشيخ مقصود إن القصف المدفعي استمر طوال الليل على الأحياء السكنية، ما دفع "
                  "عشرات العائلات إلى النزوح نحو الأحياء الغربية من المدينة بحثا عن الأمان.\n\n"
                  "التعليقات\nعلي : الله يحميكم ...\nالموضوع :\nخبر آخر\n")


def fake_extraction(report: Report, n: int | None = None, place: str = "sy-aleppo") -> Extraction:
    """n mentions per report (default: the number after MENTIONS in the text, else 1)."""
    if n is None:
        match = re.search(r"MENTIONS (\d+)", report.body_text)
        n = int(match.group(1)) if match else 1
    return Extraction(tuple(
        Mention(report.report_id, place, "shelling", "reported", None, None, report.body_text[:20], 0, 20, 0.8,
                "x", i, i + 1, "x", i, i + 1, "exact", 1)
        for i in range(n)
    ))


@pytest.fixture
def fake_extract(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pipeline, "extract_report", lambda report, geocoder: fake_extraction(report))


def rows(db: Path, sql: str) -> list[tuple]:
    con = connect_readonly(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_bad_inputs_are_reported_one_by_one_and_the_rest_is_stored(tmp_path: Path, tmp_db: Path,
                                                                   fake_extract: None) -> None:
    folder = tmp_path / "in"
    write(folder / "01-good.txt", "\n\n".join(EN_PARAGRAPHS))
    write(folder / "02-good.html", wrap_article_html("Aleppo", EN_PARAGRAPHS[:2]))
    write(folder / "03-arabic-cp1256.txt", ARABIC_ARTICLE.encode("cp1256"))
    write(folder / "04-empty.txt", b"")
    write(folder / "05-binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(folder / "06-truncated.html", wrap_article_html("Cut", EN_PARAGRAPHS)[:900])
    write(folder / "07-undecodable.txt", bytes(range(0x80, 0x100)) * 3)
    write(folder / "08-export.jsonl", "\n".join([
        json.dumps({"url": "https://x.example/1", "text": "MENTIONS 3 " + EN_PARAGRAPHS[2]}),
        '{"url": "https://x.example/2", "text": ',
    ]))
    dead = f"http://127.0.0.1:{closed_port()}/gone"
    summary = pipeline.run_ingest([str(folder), dead], tmp_db, progress=False,
                                  options=pipeline.PipelineOptions(fetch=pipeline.FetchOptions(retries=0)))
    assert (summary.reports_read, summary.reports_new, summary.reports_duplicate, summary.reports_failed) == (10, 4, 0, 6)
    assert summary.mentions_written == 1 + 1 + 1 + 3
    failed = {e.origin.rsplit("/", 1)[-1]: e.reason for e in summary.errors}
    assert set(failed) == {"04-empty.txt", "05-binary.html", "06-truncated.html", "07-undecodable.txt",
                           "08-export.jsonl#L2", "gone"}
    assert "empty" in failed["04-empty.txt"] and "binary" in failed["05-binary.html"]
    assert "truncated" in failed["06-truncated.html"] and "undecodable" in failed["07-undecodable.txt"]
    assert "broken JSON" in failed["08-export.jsonl#L2"] and "unreachable" in failed["gone"]
    stored = rows(tmp_db, "SELECT url, language FROM reports ORDER BY url")
    assert [(u.rsplit("/", 1)[-1], lang) for u, lang in stored] == [
        ("01-good.txt", "en"), ("02-good.html", "en"), ("03-arabic-cp1256.txt", "ar"), ("1", "en")]
    arabic = rows(tmp_db, "SELECT title, body_text FROM reports WHERE language = 'ar'")[0]
    assert arabic[0] == "قصف على أحياء حلب الشرقية" and "التعليقات" not in arabic[1] and "حي الشيخ مقصود" in arabic[1]
    run = rows(tmp_db, "SELECT reports_read, reports_new, reports_failed, mentions_written, finished_at IS NOT NULL "
                       "FROM ingest_runs")
    assert run == [(10, 4, 6, 6, True)]
    assert len(rows(tmp_db, "SELECT * FROM ingest_errors")) == 6


def test_idempotent_same_file_same_content_same_url(tmp_path: Path, tmp_db: Path, fake_extract: None) -> None:
    original = write(tmp_path / "a.txt", "\n\n".join(EN_PARAGRAPHS))
    copy = write(tmp_path / "copy of a.txt", "  " + "\n\n\n".join(EN_PARAGRAPHS) + "\n")
    export = write(tmp_path / "e.jsonl", json.dumps({"url": "https://x.example/s", "text": EN_PARAGRAPHS[0]}))
    export2 = write(tmp_path / "e2.jsonl", json.dumps({"url": "https://x.example/s", "text": EN_PARAGRAPHS[1]}))
    first = pipeline.run_ingest([str(original), str(export)], tmp_db, progress=False)
    assert (first.reports_new, first.reports_duplicate, first.mentions_written) == (2, 0, 2)
    again = pipeline.run_ingest([str(original), str(copy), str(export), str(export2)], tmp_db, progress=False)
    assert (again.reports_new, again.reports_duplicate, again.mentions_written) == (0, 4, 0)
    assert rows(tmp_db, "SELECT count(*) FROM reports") == [(2,)]
    assert rows(tmp_db, "SELECT count(*) FROM mentions") == [(2,)]


def test_duplicates_inside_one_batch(tmp_path: Path, tmp_db: Path, fake_extract: None) -> None:
    a = write(tmp_path / "a.txt", "\n\n".join(EN_PARAGRAPHS))
    b = write(tmp_path / "b.txt", "\n\n".join(EN_PARAGRAPHS))
    summary = pipeline.run_ingest([str(a), str(b)], tmp_db, progress=False)
    assert (summary.reports_new, summary.reports_duplicate) == (1, 1)


def test_reprocess_rewrites_rows_of_stored_reports(tmp_path: Path, tmp_db: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    files = [write(tmp_path / f"{i}.txt", f"MENTIONS 2 report {i}. " + EN_PARAGRAPHS[i]) for i in range(3)]
    monkeypatch.setattr(pipeline, "extract_report", lambda r, g: fake_extraction(r))
    pipeline.run_ingest([str(f) for f in files], tmp_db, progress=False)
    assert rows(tmp_db, "SELECT count(*) FROM mentions") == [(6,)]

    monkeypatch.setattr(pipeline, "extract_report", lambda r, g: fake_extraction(r, 1, "sy-aleppo-ashrafieh"))
    one = pipeline.run_ingest([str(files[0])], tmp_db, progress=False, reprocess=True)
    assert (one.reports_new, one.reports_duplicate, one.reports_reprocessed, one.mentions_written) == (0, 1, 1, 1)
    assert rows(tmp_db, "SELECT place_id, count(*) FROM mentions GROUP BY ALL ORDER BY 1") == [
        ("sy-aleppo", 4), ("sy-aleppo-ashrafieh", 1)]

    every = pipeline.run_ingest([], tmp_db, progress=False, reprocess=True)
    assert every.reports_reprocessed == 3 and every.mentions_written == 3
    assert rows(tmp_db, "SELECT place_id, count(*) FROM mentions GROUP BY ALL") == [("sy-aleppo-ashrafieh", 3)]
    assert rows(tmp_db, "SELECT count(*) FROM reports WHERE extracted_at > ingested_at") == [(3,)]


def test_extraction_crash_fails_that_report_only(tmp_path: Path, tmp_db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def flaky(report: Report, geocoder: Geocoder) -> Extraction:
        if "CRASH" in report.body_text:
            raise ValueError("rule blew up")
        return fake_extraction(report)

    monkeypatch.setattr(pipeline, "extract_report", flaky)
    good = write(tmp_path / "good.txt", EN_PARAGRAPHS[0])
    bad = write(tmp_path / "bad.txt", "CRASH " + EN_PARAGRAPHS[1])
    summary = pipeline.run_ingest([str(good), str(bad)], tmp_db, progress=False)
    assert (summary.reports_new, summary.reports_failed) == (1, 1)
    assert "extraction failed (ValueError: rule blew up)" in summary.errors[0].reason
    again = pipeline.run_ingest([str(bad)], tmp_db, progress=False)  # not stored, so it is retried
    assert again.reports_failed == 1 and again.reports_duplicate == 0


def test_places_of_the_geocoder_are_written(tmp_path: Path, tmp_db: Path) -> None:
    pipeline.run_ingest([str(write(tmp_path / "a.txt", EN_PARAGRAPHS[0]))], tmp_db, progress=False)
    expected = len(Geocoder.from_builtin().places)
    assert rows(tmp_db, "SELECT count(*) FROM places") == [(expected,)]


def test_progress_bar_only_when_asked(tmp_path: Path, tmp_db: Path, capsys: pytest.CaptureFixture,
                                      fake_extract: None) -> None:
    files = [str(write(tmp_path / f"{i}.txt", f"report {i} " + EN_PARAGRAPHS[0])) for i in range(3)]
    pipeline.run_ingest(files[:1], tmp_db, progress=False)
    assert capsys.readouterr().err == ""
    pipeline.run_ingest(files[1:], tmp_db, progress=True)
    assert "ingesting" in capsys.readouterr().err


def test_url_validators_are_remembered_and_304_skips(tmp_db: Path, fake_extract: None) -> None:
    page = wrap_article_html("Aleppo", EN_PARAGRAPHS).encode()

    def route(headers: dict[str, str]):
        if headers.get("If-None-Match") == '"p1"':
            return 304, {}, b""
        return 200, {"Content-Type": "text/html", "ETag": '"p1"'}, page

    with serve_routes({"/p": route}) as srv:
        first = pipeline.run_ingest([srv.url("/p")], tmp_db, progress=False)
        assert first.reports_new == 1
        assert rows(tmp_db, "SELECT url, etag FROM http_validators") == [(srv.url("/p"), '"p1"')]
        second = pipeline.run_ingest([srv.url("/p")], tmp_db, progress=False)
    assert (second.reports_read, second.reports_unchanged) == (0, 1)
    assert rows(tmp_db, "SELECT count(*) FROM reports") == [(1,)]


# ---------------------------------------------------------------------------------------------
# A killed ingest leaves whole batches or nothing.

KILLABLE = textwrap.dedent("""
    import re, sys, time
    import ingest.pipeline as pipeline
    import ingest.store as store
    from ingest.records import Extraction, Mention

    def fake(report, geocoder):
        n = int(re.search(r"MENTIONS (\\d+)", report.body_text).group(1))
        return Extraction(tuple(
            Mention(report.report_id, "sy-aleppo", "shelling", "reported", None, None, "e", 0, 1, 0.8,
                    "x", i, i + 1, "x", i, i + 1, "exact", 1) for i in range(n)))

    pipeline.extract_report = fake
    if sys.argv[1] == "hang-in-third-batch":
        real_insert, seen = store._insert, {"batches": 0}
        def insert(con, table, rows):
            written = real_insert(con, table, rows)
            if table == "mentions":
                seen["batches"] += 1
                print(f"in-transaction {seen['batches']}", flush=True)
                if seen["batches"] >= 3:
                    time.sleep(60)
            return written
        store._insert = insert
    from dmon.cli import main
    main(sys.argv[2:])
""")


@pytest.mark.slow
def test_killed_ingest_leaves_no_half_written_report_and_rerun_completes(tmp_path: Path, tmp_db: Path) -> None:
    folder = tmp_path / "corpus"
    total = 700
    for i in range(total):
        write(folder / f"{i // 100:02d}" / f"r{i:04d}.txt",
              f"Report {i}: shelling was reported in the eastern districts of the city overnight, residents "
              f"said, and families left. MENTIONS {i % 5 + 1}\n")
    script = write(tmp_path / "killable.py", KILLABLE)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, str(script)]
    args = ["ingest", str(folder), "--db", str(tmp_db), "--batch-size", "200", "--quiet"]

    proc = subprocess.Popen([*cmd, "hang-in-third-batch", *args], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=REPO)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "in-transaction 3":
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    def check_complete(expected_reports: int) -> None:
        con = duckdb.connect(str(tmp_db))  # opening replays or discards the WAL
        try:
            stored = con.execute(
                "SELECT r.body_text, count(m.mention_id) FROM reports r LEFT JOIN mentions m USING (report_id) "
                "GROUP BY ALL").fetchall()
            assert len(stored) == expected_reports
            for body, mention_count in stored:
                assert mention_count == int(re.search(r"MENTIONS (\d+)", body).group(1)), body
            orphans = con.execute("SELECT count(*) FROM mentions WHERE report_id NOT IN "
                                  "(SELECT report_id FROM reports)").fetchone()
            assert orphans == (0,)
        finally:
            con.close()

    check_complete(400)  # the two committed batches of 200, nothing of the third
    killed_run = rows(tmp_db, "SELECT reports_new, finished_at FROM ingest_runs")
    assert killed_run == [(400, None)]

    rerun = subprocess.run([*cmd, "normal", *args[:-1]], capture_output=True, text=True, env=env, cwd=REPO,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "new 300, duplicate 400, failed 0" in rerun.stdout
    check_complete(total)
    final = subprocess.run([*cmd, "normal", *args[:-1]], capture_output=True, text=True, env=env, cwd=REPO,
                           timeout=300)
    assert "new 0, duplicate 700, failed 0" in final.stdout
    check_complete(total)


def test_summary_lines() -> None:
    summary = pipeline.IngestSummary(reports_read=5, reports_new=3, reports_duplicate=1, reports_failed=1,
                                     mentions_written=7, statements_written=2)
    assert summary.lines()[:2] == [
        "reports read: 5 (new 3, duplicate 1, failed 1)",
        "mentions written: 7, statements written: 2, figures written: 0",
    ]
