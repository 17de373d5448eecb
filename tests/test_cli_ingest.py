"""`dmon ingest` and `dmon demo` from the command line, including the seed report as text and as HTML."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_readers import EN_PARAGRAPHS, wrap_article_html

from dmon.cli import main
from ingest.store import connect_readonly

# Sentences from the body of the seed report that must be stored...
SEED_BODY_SENTENCES = [
    "نفى المركز الإعلامي للإدارة الذاتية شمال شرقي سوريا الأنباء حول التوصل إلى تهدئة في حلب",
    "لافتا إلى استمرار تحليق الطائرات المسيّرة فوق الأحياء السكنية",
    "سكان حيي الشيخ مقصود والأشرفية يجددون تمسكهم بمنازلهم",
    "أعربت منظمة العفو الدولية عن قلقها إزاء \"النزوح المستمر للسكان\"",
    "وتسهيل مرور الفارين من العنف بشكل آمن وطوعي ومن دون عرقلة أو ترهيب.",
    "والقوات الحكومية السورية.",
]
# ...and site furniture and reader comments that must not.
SEED_FURNITURE = ["التعليقات", "الموضوع :", "بغداد", "آخر الاضافات", "الاكثر مشاهدة", "الدينار", "واسط",
                  "الاردن", "المانيا", "طاهر باقر", "سوريا - لبنان - فلسطين"]


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def stored(db: Path, sql: str) -> list[tuple]:
    con = connect_readonly(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def assert_seed_article(db: Path) -> None:
    ((body, title, language),) = stored(db, "SELECT body_text, title, language FROM reports")
    for sentence in SEED_BODY_SENTENCES:
        assert sentence in body, f"article sentence missing: {sentence}"
    for furniture in SEED_FURNITURE:
        assert furniture not in body, f"furniture kept: {furniture}"
    assert language == "ar"
    assert title and "تنفي التهدئة" in title


@pytest.mark.shared
def test_seed_text_stored_once_with_article_only(seed_report: Path, tmp_db: Path) -> None:
    first = invoke("ingest", str(seed_report), "--db", str(tmp_db))
    assert first.exit_code == 0, first.output
    assert "reports read: 1 (new 1, duplicate 0, failed 0)" in first.output
    assert "mentions written:" in first.output and "statements written:" in first.output
    assert_seed_article(tmp_db)
    assert stored(tmp_db, "SELECT url FROM reports") == [(seed_report.resolve().as_uri(),)]
    counts_before = stored(tmp_db, "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM statements)")

    again = invoke("ingest", str(seed_report), "--db", str(tmp_db))
    assert again.exit_code == 0
    assert "reports read: 1 (new 0, duplicate 1, failed 0)" in again.output
    assert "mentions written: 0, statements written: 0" in again.output
    assert stored(tmp_db, "SELECT count(*) FROM reports") == [(1,)]
    assert stored(tmp_db, "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM statements)") == counts_before


def seed_html_page(seed_report: Path) -> str:
    """The seed article wrapped as a news page: Arabic navigation, sidebar, most read and its comments."""
    lines = [ln.strip() for ln in seed_report.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title, paragraphs = lines[1], lines[2:8]
    comments_at = lines.index("التعليقات")
    comments = [tuple(ln.split(" : ", 1)) for ln in lines[comments_at + 1:] if " : " in ln]
    return wrap_article_html(title, paragraphs, lang="ar", comments=comments,
                             most_read=[*lines[8:comments_at], "انتحار طالب بعد عودته من الامتحان في واسط"],
                             site="شبكة الأخبار", canonical="https://news.example/syria/2026/01/07/aleppo",
                             published="2026-01-07T21:00:00+03:00")


@pytest.mark.shared
def test_seed_html_page_stored_once_with_article_only(seed_report: Path, tmp_path: Path, tmp_db: Path) -> None:
    page = tmp_path / "seed-page.html"
    page.write_text(seed_html_page(seed_report), encoding="utf-8")
    first = invoke("ingest", str(page), "--db", str(tmp_db))
    assert first.exit_code == 0, first.output
    assert "new 1, duplicate 0, failed 0" in first.output
    assert_seed_article(tmp_db)
    assert stored(tmp_db, "SELECT published_date::VARCHAR, source_name, canonical_url FROM reports") == [
        ("2026-01-07", "شبكة الأخبار", "https://news.example/syria/2026/01/07/aleppo")]
    again = invoke("ingest", str(page), "--db", str(tmp_db))
    assert "new 0, duplicate 1, failed 0" in again.output
    assert stored(tmp_db, "SELECT count(*) FROM reports") == [(1,)]


@pytest.mark.shared
def test_seed_text_and_html_are_the_same_report(seed_report: Path, tmp_path: Path, tmp_db: Path) -> None:
    page = tmp_path / "seed-page.html"
    page.write_text(seed_html_page(seed_report), encoding="utf-8")
    result = invoke("ingest", str(seed_report), str(page), "--db", str(tmp_db))
    assert "new 1, duplicate 1, failed 0" in result.output


def test_failures_print_one_line_each_and_exit_non_zero(tmp_path: Path, tmp_db: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(EN_PARAGRAPHS), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 30)
    result = CliRunner().invoke(main, ["ingest", str(good), str(empty), str(binary), "--db", str(tmp_db)])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {empty.resolve().as_uri()}: empty input")
    assert errors[1].startswith(f"error: {binary.resolve().as_uri()}: binary content")
    assert "reports read: 3 (new 1, duplicate 0, failed 2)" in result.stdout


def test_stdin_and_quiet(tmp_db: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "-", "--db", str(tmp_db), "--quiet"],
                                input="\n\n".join(EN_PARAGRAPHS).encode("utf-8"))
    assert result.exit_code == 0 and result.output == ""
    ((url,),) = stored(tmp_db, "SELECT url FROM reports")
    assert url.startswith("stdin:")


def test_ingest_needs_inputs(tmp_db: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_db)])
    assert result.exit_code == 2 and "give at least one PATH_OR_URL" in result.output


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("DMON_DB", str(db))
    text = tmp_path / "a.txt"
    text.write_text(EN_PARAGRAPHS[0], encoding="utf-8")
    assert invoke("ingest", str(text)).exit_code == 0
    assert stored(db, "SELECT count(*) FROM reports") == [(1,)]


@pytest.mark.parametrize("command", [pytest.param("ingest", id="ingest"), pytest.param("demo", id="demo")])
def test_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "--db" in result.output


def test_demo_builds_the_database_without_serving(tmp_db: Path) -> None:
    result = invoke("demo", "--no-serve", "--db", str(tmp_db))
    assert result.exit_code == 0, result.output
    assert "reports read:" in result.output and f"dmon serve --db {tmp_db}" in result.output
    ((reports, languages),) = stored(tmp_db, "SELECT count(*), count(DISTINCT language) FROM reports")
    assert reports >= 40 and languages == 2


def test_demo_starts_the_dashboard(tmp_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []
    fake = types.ModuleType("dashboard.server")
    fake.serve = lambda db_path, host, port: calls.append((db_path, host, port))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dashboard.server", fake)
    result = invoke("demo", "--db", str(tmp_db), "--port", "8765")
    assert result.exit_code == 0, result.output
    assert calls == [(tmp_db, "127.0.0.1", 8765)]
