"""Session 3 dates: a month written in two naming systems ("31 تموز/ يوليو 2024") is one date.

Arabic outlets often give the Levantine and the Egyptian/Gregorian name of a month together; the day and the
year around them belong to one date, not to a day without a year and a separate month. Invented phrases.
"""

from __future__ import annotations

from datetime import date

import pytest

from ingest.extract.dates import find_dates
from ingest.extract.text import normalise

PUBLISHED = date(2026, 1, 7)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        pytest.param("وقعت الغارة يوم 31 تموز/ يوليو 2024 في البلدة", date(2024, 7, 31), "day", id="slash-space"),
        pytest.param("أصدر الجيش إنذاراً في 18 مارس/آذار 2025 لسكان الحي", date(2025, 3, 18), "day",
                     id="egyptian-first-slash"),
        pytest.param("اندلعت الاشتباكات السبت 10 أيلول (سبتمبر) 2022 في المخيم", date(2022, 9, 10), "day",
                     id="second-name-in-brackets"),
        pytest.param("حتى 28 كانون الأول/ديسمبر الماضي", date(2025, 12, 28), "day", id="no-year-two-word-month"),
        pytest.param("نزحت العائلات خلال شباط/فبراير 2024", date(2024, 2, 1), "month", id="month-year"),
    ],
)
def test_month_in_two_systems_is_one_date(text: str, expected: date, precision: str) -> None:
    found = [d for d in find_dates(normalise(text), text, PUBLISHED) if d.value is not None]
    assert [(d.value, d.precision) for d in found] == [(expected, precision)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("وقعت الاشتباكات في الخامس من كانون الثاني في المخيم", date(2026, 1, 5), id="ordinal"),
        pytest.param("نزحت العائلات منذ السادس من كانون الثاني الجاري", date(2026, 1, 6), id="ordinal-since"),
        pytest.param("في الرابع عشر من كانون الأول اندلعت المعارك", date(2025, 12, 14), id="compound-ordinal"),
        pytest.param("في الحادي والعشرين من آذار 2025 قصفت البلدة", date(2025, 3, 21), id="ordinal-with-year"),
        pytest.param("حتى الثلاثين من كانون الأول/ديسمبر 2025", date(2025, 12, 30), id="ordinal-two-systems"),
        pytest.param("بالخامس من كانون الثاني", date(2026, 1, 5), id="ordinal-with-proclitic"),
    ],
)
def test_ordinal_day_before_a_month(text: str, expected: date) -> None:
    found = [d for d in find_dates(normalise(text), text, PUBLISHED) if d.value is not None]
    assert [(d.value, d.precision) for d in found] == [(expected, "day")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("في الأسبوع الأول من كانون الثاني", id="first-week-of"),
        pytest.param("خلال النصف الثاني من آذار", id="second-half-of"),
    ],
)
def test_part_of_a_month_is_no_day(text: str) -> None:
    assert [d for d in find_dates(normalise(text), text, PUBLISHED) if d.precision == "day"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Clashes broke out on 3 January. The previous day, shells hit the camp.", date(2026, 1, 2),
                     id="en-the-previous-day"),
        pytest.param("قصفت القوات البلدة في 3 كانون الثاني، وفي اليوم السابق نزحت العائلات.", date(2026, 1, 2),
                     id="ar-the-day-before"),
        pytest.param("On 3 January a strike hit the town; a day later families fled.", date(2026, 1, 4),
                     id="en-a-day-later"),
        pytest.param("A strike hit the town on 3 January. The day before yesterday, families fled.", date(2026, 1, 5),
                     id="en-day-before-yesterday-is-not-the-day-before"),
    ],
)
def test_day_relative_to_the_date_named_before(text: str, expected: date) -> None:
    found = [d for d in find_dates(normalise(text), text, PUBLISHED) if d.value is not None]
    assert found[-1].value == expected


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        pytest.param("الأربعاء الفائت", date(2025, 12, 31), "day", id="weekday-past-with-hamza-on-yaa"),
        pytest.param("نزحت العائلات قبل أسبوع", date(2025, 12, 31), "week", id="a-week-ago-is-a-week"),
        pytest.param("a week ago", date(2025, 12, 31), "week", id="en-a-week-ago"),
        pytest.param("قصفت الطائرات البلدة قبل ساعات", date(2026, 1, 7), "day", id="hours-ago-is-today"),
    ],
)
def test_more_relative_phrases(text: str, expected: date, precision: str) -> None:
    found = [d for d in find_dates(normalise(text), text, PUBLISHED) if d.value is not None]
    assert [(d.value, d.precision) for d in found] == [(expected, precision)]
