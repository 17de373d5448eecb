"""Dates: every Arabic month-name system, Arabic-Indic digits, weekdays, relative dates, conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.dates import find_dates
from ingest.extract.text import normalise

PUBLISHED = date(2026, 1, 7)  # a Wednesday


def first(text: str, published: date | None = PUBLISHED):
    found = find_dates(normalise(text), text, published)
    assert found, f"no date found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        pytest.param("في 6 كانون الثاني 2026", date(2026, 1, 6), "day", id="levantine"),
        pytest.param("يوم 12 تشرين الأول 2025", date(2025, 10, 12), "day", id="levantine-two-words"),
        pytest.param("في ٣ شباط ٢٠٢٦", date(2026, 2, 3), "day", id="arabic-indic-digits"),
        pytest.param("في 5 يناير 2026", date(2026, 1, 5), "day", id="egyptian-gregorian"),
        pytest.param("في 12 جانفي 2026", date(2026, 1, 12), "day", id="maghrebi"),
        pytest.param("le 4 أوت 2025", date(2025, 8, 4), "day", id="maghrebi-august"),
        pytest.param("ظهر الخميس 11 كانون الأول", date(2025, 12, 11), "day", id="no-year-previous-year"),
        pytest.param("on 7 January 2026", date(2026, 1, 7), "day", id="english-dmy"),
        pytest.param("on January 5, 2026", date(2026, 1, 5), "day", id="english-mdy"),
        pytest.param("dated 2026-01-03", date(2026, 1, 3), "day", id="iso"),
        pytest.param("بتاريخ 05/01/2026", date(2026, 1, 5), "day", id="numeric-dmy"),
        pytest.param("في كانون الثاني 2026", date(2026, 1, 1), "month", id="month-year"),
        pytest.param("اليوم", date(2026, 1, 7), "day", id="today"),
        pytest.param("أمس", date(2026, 1, 6), "day", id="yesterday"),
        pytest.param("بالأمس", date(2026, 1, 6), "day", id="yesterday-with-clitics"),
        pytest.param("أول أمس", date(2026, 1, 5), "day", id="day-before-yesterday"),
        pytest.param("منذ يومين", date(2026, 1, 5), "day", id="two-days-ago-ar"),
        pytest.param("منذ 4 أيام", date(2026, 1, 3), "day", id="n-days-ago-ar"),
        pytest.param("two days ago", date(2026, 1, 5), "day", id="two-days-ago-en"),
        pytest.param("مساء الأربعاء", date(2026, 1, 7), "day", id="weekday-same-day"),
        pytest.param("الثلاثاء الماضي", date(2026, 1, 6), "day", id="last-tuesday-ar"),
        pytest.param("يوم الأربعاء الماضي", date(2025, 12, 31), "day", id="last-wednesday-strict"),
        pytest.param("on Monday", date(2026, 1, 5), "day", id="weekday-en"),
        pytest.param("last week", date(2025, 12, 31), "week", id="last-week"),
        pytest.param("الأسبوع الماضي", date(2025, 12, 31), "week", id="last-week-ar"),
        pytest.param("yesterday", date(2026, 1, 6), "day", id="yesterday-en"),
    ],
)
def test_resolution(text: str, expected: date, precision: str) -> None:
    d = first(text)
    assert (d.value, d.precision) == (expected, precision)


def test_weekday_conflict_keeps_the_explicit_date_and_says_so() -> None:
    d = first("في بيان صادر اليوم الأربعاء 6 كانون الثاني 2026")
    assert d.value == date(2026, 1, 6)
    assert d.note is not None and "Wednesday" in d.note and "Tuesday" in d.note and "kept the explicit date" in d.note


def test_matching_weekday_has_no_note() -> None:
    assert first("مساء الأربعاء 7 كانون الثاني 2026").note is None


def test_same_day_takes_the_date_named_before() -> None:
    text = "Drones struck on Thursday, January 8, 2026. A drone hit Ashrafieh the same day."
    found = find_dates(normalise(text), text, date(2026, 1, 9))
    assert [d.value for d in found] == [date(2026, 1, 8), date(2026, 1, 8)]


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    assert first("أمس", published=None).value is None


def test_offsets_point_at_the_expression() -> None:
    text = "قال إن القصف بدأ أمس في الحي"
    d = first(text)
    assert text[d.start:d.end] == "أمس"


@pytest.mark.parametrize("text", [pytest.param("you may 5 times", id="may-verb"),
                                  pytest.param("مارس الضغط", id="marasa-verb")])
def test_month_lookalikes_without_year_are_not_dates(text: str) -> None:
    assert find_dates(normalise(text), text, PUBLISHED) == []


def test_event_date_is_not_the_date_of_the_saying() -> None:
    from geo.geocoder import Geocoder
    from ingest.extract import extract_report
    from ingest.records import Report

    text = "OHCHR said on Thursday it had verified the deaths of nine civilians in airstrikes on Saraqib in Idlib on Tuesday."
    report = Report("t", "u", None, None, "en", date(2025, 12, 11), text, "0", "text")
    ex = extract_report(report, Geocoder.from_builtin())
    strike = next(m for m in ex.mentions if m.event_type == "airstrike")
    assert strike.event_date == date(2025, 12, 9)
    (st,) = ex.statements
    assert st.statement_date == date(2025, 12, 11)


# Words that make or break every date pattern, spaces and separators: random texts built from them check
# that running each pattern only in the windows that can hold a match (see find_dates) finds what
# running it in every window finds.
_PIECES = ["كانون الثاني", "January", "Jan", "may", "آذار", "يناير", "تموز/ يوليو", "of", "من", "شهر", "في", "in",
           "late", "mid", "عام", "العام", "the end of", "since", "منذ", "2024", "1999", "2026", "5", "31", "12",
           "1st", "5th", "3/1/2026", "2025-03-04", "04", "-", "/", ".", ",", "،", "x", "قصف", "ب", "و", "م"]


@pytest.mark.parametrize("seed", range(6))
def test_skipping_windows_that_cannot_match_changes_nothing(seed: int) -> None:
    import random

    from ingest.extract import dates
    from ingest.extract.text import tokenize

    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(_PIECES) + rng.choice([" ", " ", "", "  ", "\n", "-"])
                       for _ in range(rng.randint(1, 12)))
        norm = normalise(text)
        for published in (None, PUBLISHED):
            fast = find_dates(norm, text, published, tokens=tokenize(norm))  # digit runs read from tokens
            with pytest.MonkeyPatch.context() as mp:  # every pattern runs in all its windows
                mp.setattr(dates, "_holding", lambda windows, spans: windows)
                mp.setattr(dates, "_month_windows", lambda norm, windows, *rest: windows)
                full = find_dates(norm, text, published)
            assert fast == full, text


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("in 2016", date(2016, 1, 1), id="year-after-in"),
    pytest.param("في أواخر عام 2024", date(2024, 1, 1), id="year-after-part-and-aam"),
    pytest.param("mid-2022", date(2022, 1, 1), id="year-after-dash"),
    pytest.param("on 2024-03-05", date(2024, 3, 5), id="iso"),
    pytest.param("on 5/3/2024", date(2024, 3, 5), id="numeric"),
    pytest.param("on Jan. 5, 2024", date(2024, 1, 5), id="month-day-year"),
    pytest.param("خلال آذار 2024", date(2024, 3, 1), id="month-year"),
])
def test_patterns_still_run_where_they_can_match(text: str, expected: date) -> None:
    assert first(text).value == expected


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab5th ٣12_\u0640²५５x-م.", max_size=30))
def test_digit_runs_read_from_tokens_are_the_regex_runs(text: str) -> None:
    from ingest.extract import dates
    from ingest.extract.text import tokenize

    norm = normalise(text)
    assert dates._digit_runs(norm, tokenize(norm)) == dates._digit_runs(norm, None)
