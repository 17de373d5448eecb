"""Boilerplate removal on plain-text pages: golden fixtures (Arabic and English) and the signals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.boilerplate import (
    article_from_text,
    find_date,
    is_breadcrumb,
    is_section_marker,
    source_from_dateline,
    split_article,
    trim_trailing_furniture,
)
from ingest.readers import to_report
from ingest.records import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "text"
CASES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in CASES])
def test_golden_text_pages(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expect.json").read_text(encoding="utf-8"))
    article = split_article(path.read_text(encoding="utf-8"))
    assert article.title == expected["title"]
    for text in expected["must"]:
        assert text in article.body, f"article text lost: {text!r}"
    for text in expected["must_not"]:
        assert text not in article.body, f"furniture kept: {text!r}"
    assert expected["title"] not in article.body
    report = to_report(RawDocument(path.as_uri(), "text", path.read_bytes()))
    assert report.published_date == (date.fromisoformat(expected["published"]) if expected["published"] else None)


def test_at_least_six_layouts_in_both_languages() -> None:
    assert len(CASES) >= 6
    assert {p.name[:2] for p in CASES} == {"ar", "en"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("التعليقات", True, id="ar-comments"),
        pytest.param("تعليقات القراء (3)", True, id="ar-reader-comments-count"),
        pytest.param("الاكثر مشاهدة في (سوريا - لبنان - فلسطين)", True, id="ar-most-viewed-in"),
        pytest.param("الأكثر قراءة", True, id="ar-most-read-hamza"),
        pytest.param("إقرأ أيضاً:", True, id="ar-read-also-tanween"),
        pytest.param("مواضيع ذات صلة", True, id="ar-related"),
        pytest.param("Comments (12)", True, id="en-comments-count"),
        pytest.param("Most read in World", True, id="en-most-read-in"),
        pytest.param("Related", True, id="en-related"),
        pytest.param("Share this:", True, id="en-share"),
        pytest.param("Share prices fell sharply in Beirut on Monday", False, id="en-share-prices"),
        pytest.param("Related to the shelling, three people were injured.", False, id="en-sentence"),
        pytest.param("تعليقات المسؤولين على القصف جاءت متأخرة بحسب الأهالي في المدينة وريفها الشمالي", False,
                     id="ar-long-sentence"),
    ],
)
def test_section_markers(line: str, expected: bool) -> None:
    assert is_section_marker(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("سوريا - لبنان - فلسطين", True, id="seed-style"),
        pytest.param("Home > World > Middle East", True, id="angle"),
        pytest.param("Home | World | Middle East", True, id="pipes"),
        pytest.param("Gaza - Shelling continues in Jabalia camp overnight", False, id="headline-with-dash"),
        pytest.param("Aleppo", False, id="single-word"),
    ],
)
def test_breadcrumbs(line: str, expected: bool) -> None:
    assert is_breadcrumb(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("الخميس 4 كانون الأول 2025 - 14:40", date(2025, 12, 4), id="levantine"),
        pytest.param("الأربعاء ٧ كانون الثاني ٢٠٢٦", date(2026, 1, 7), id="arabic-indic-digits"),
        pytest.param("نشر في 3 يناير 2026", date(2026, 1, 3), id="egyptian"),
        pytest.param("الجمعة 9 جانفي 2026", date(2026, 1, 9), id="maghrebi"),
        pytest.param("By Staff | Wednesday 3 December 2025, 16:00 GMT", date(2025, 12, 3), id="english-dmy"),
        pytest.param("January 9, 2026", date(2026, 1, 9), id="english-mdy"),
        pytest.param("Updated 2026-01-11 08:00", date(2026, 1, 11), id="iso"),
        pytest.param("11/01/2026", date(2026, 1, 11), id="day-first"),
        pytest.param("31 شباط 2026", None, id="impossible-date"),
        pytest.param("no date here", None, id="none"),
    ],
)
def test_find_date(line: str, expected: date | None) -> None:
    assert find_date(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("بوابة القطاع - الخميس 11 كانون الأول 2025 - 08:30", "بوابة القطاع", id="ar-site"),
        pytest.param("الخميس 4 كانون الأول 2025 - 14:40", None, id="ar-weekday-first"),
        pytest.param("By Jane Doe | January 9, 2026", None, id="byline"),
    ],
)
def test_source_from_dateline(line: str, expected: str | None) -> None:
    assert source_from_dateline(line) == expected


def test_seed_article(seed_report: Path) -> None:
    article = split_article(seed_report.read_text(encoding="utf-8"))
    assert article.title and article.title.startswith("سوريا: الإدارة الذاتية في حلب تنفي التهدئة")
    assert article.body.startswith("نفى المركز الإعلامي للإدارة الذاتية")
    assert article.body.endswith("والقوات الحكومية السورية.")
    assert article.body.count("\n\n") == 5  # six paragraphs
    for furniture in ("سوريا - لبنان - فلسطين", "آخر الاضافات", "التعليقات", "الموضوع :", "بغداد", "الدينار"):
        assert furniture not in article.body


def test_short_dated_first_sentence_is_body_not_dateline() -> None:
    text = ("Home > World\n\nAn airstrike hit Bani Zaid\n\nBy Staff reporter | 2 December 2025\n\n"
            "Artillery shelled Nabatieh on 2 December 2025, local sources said.\n\n"
            "Residents said the humanitarian situation was deteriorating as water and fuel ran short, while "
            "civil defence teams evacuated the wounded to nearby hospitals.\n")
    article = split_article(text)
    assert article.title == "An airstrike hit Bani Zaid"
    assert article.body.startswith("Artillery shelled Nabatieh on 2 December 2025, local sources said.")
    assert article.leading == ("Home > World", "By Staff reporter | 2 December 2025")


def test_text_without_prose_keeps_short_report() -> None:
    text = "Shelling hit Jabalia camp today.\nThree people were hurt."
    assert article_from_text(text) == "Shelling hit Jabalia camp today.\n\nThree people were hurt."


def test_trim_trailing_furniture_cuts_lists_but_never_most_of_the_text() -> None:
    article = ("The shelling of the eastern neighbourhoods continued through the night, residents said, "
               "and dozens of families left for the western districts of the city before dawn.")
    cut, reason = trim_trailing_furniture(article + "\nMost read\nFootball results\nWeather today")
    assert cut == article and reason and "Most read" in reason
    short = "Related\n" + article
    assert trim_trailing_furniture(short) == (short, None)


ALL_FIXTURE_LINES = sorted({ln for p in CASES for ln in p.read_text(encoding="utf-8").splitlines()})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ALL_FIXTURE_LINES), min_size=0, max_size=40))
def test_split_article_only_keeps_input_words_and_never_fails(lines: list[str]) -> None:
    text = "\n".join(lines)
    article = split_article(text)
    words = set(text.split())
    assert set(article.body.split()) <= words
    assert article.title is None or set(article.title.split()) <= words
