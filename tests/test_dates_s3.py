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
