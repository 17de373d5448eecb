"""Session 3 figures: counts of several places in one clause, people ordered to leave, people hosted somewhere.

Every sentence is invented; each case shows one general mechanism (docs/extraction.md section 7).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report


def figures(text: str, geocoder: Geocoder, language: str) -> set[tuple]:
    report = Report("t", "test:", None, None, language, date(2026, 1, 7), text, "0", "text")
    return {(f.category, f.quantity, f.unit, f.place_id) for f in extract_report(report, geocoder).figures}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # numbers and places alternating in one clause: each count has the place named right after it
        pytest.param("قُتل 3 مدنيين في سراقب و4 في أريحا جراء القصف.", "ar",
                     {("killed", 3, "people", "sy-saraqib"), ("killed", 4, "people", "sy-ariha")},
                     id="ar-counts-of-two-places-elliptical-second"),
        pytest.param("Shelling killed 5 people in Saraqib and 2 in Ariha on Monday.", "en",
                     {("killed", 5, "people", "sy-saraqib"), ("killed", 2, "people", "sy-ariha")},
                     id="en-counts-of-two-places-elliptical-second"),
        # ... but one number over several places is still a total (no split)
        pytest.param("نزحت 4300 عائلة من سراقب وأريحا.", "ar", set(), id="ar-one-number-two-places-is-a-total"),
        # an elliptical count needs a place of its own after it
        pytest.param("Some 9,000 people were displaced in Saraqib, in addition to 5,000 people in Ariha and "
                     "2,000 in the wider region.", "en",
                     {("displaced", 9000, "people", "sy-saraqib"), ("displaced", 5000, "people", "sy-ariha")},
                     id="en-elliptical-count-without-a-place-is-not-taken"),
        # people ordered or warned to leave are not displaced (yet)
        pytest.param("وأفادت المصادر بأن عدد العائلات التي تم إبلاغها بإخلاء مساكنها في سراقب بلغ 13 عائلة.", "ar",
                     set(), id="ar-notified-to-evacuate-is-no-displacement"),
        pytest.param("The army issued orders to evacuate 2,000 residents of Saraqib.", "en", set(),
                     id="en-orders-to-evacuate-is-no-displacement"),
        # displaced people counted where they are hosted: a shelter population or arrivals, not a displacement
        pytest.param("About 40,000 displaced people are registered in 30 shelters in Idlib.", "en", set(),
                     id="en-registered-in-shelters"),
        pytest.param("More than 6,000 newly displaced people have arrived in Idlib since March.", "en", set(),
                     id="en-arrivals-at-a-destination"),
        # a displacement verb still counts
        pytest.param("More than 6,000 displaced people fled Saraqib on Monday.", "en",
                     {("displaced", 6000, "people", "sy-saraqib")}, id="en-displaced-people-who-fled"),
    ],
)
def test_figures_s3(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("Medics said 60 people were injured in Saraqib on Monday.\n\nThey documented 20 people injured by "
                     "live fire and 30 people injured by tear gas.", "en", {("injured", 60, "people", "sy-saraqib")},
                     id="en-breakdown-by-cause-of-a-total"),
        pytest.param("وقال مسعفون إن 60 شخصاً أصيبوا في سراقب. ووثقوا إصابة 20 شخصاً بالرصاص الحي و30 شخصاً بالاختناق.",
                     "ar", {("injured", 60, "people", "sy-saraqib")}, id="ar-breakdown-by-cause-of-a-total"),
        pytest.param("قُتل 12 مدنياً في حلب أمس. وقُتل 5 مدنيين في حي الكلاسة و4 في حي المرجة.", "ar",
                     {("killed", 12, "people", "sy-aleppo"), ("killed", 5, "people", "sy-aleppo-kallaseh"),
                      ("killed", 4, "people", "sy-aleppo-marjeh")}, id="ar-parts-by-place-are-figures"),
        pytest.param("Shelling killed 5 people in Saraqib on Monday. On Tuesday 2 people were killed in Saraqib.", "en",
                     {("killed", 5, "people", "sy-saraqib"), ("killed", 2, "people", "sy-saraqib")},
                     id="en-a-later-smaller-count-is-its-own"),
    ],
)
def test_breakdowns_of_a_total(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("أدى القصف على سراقب إلى سقوط ثلاثة ضحايا.", "ar", {("killed", 3, "people", "sy-saraqib")},
                     id="ar-victims-are-the-dead"),
        pytest.param("Shelling drove at least 2,000 people out of their homes in Saraqib.", "en",
                     {("displaced", 2000, "people", "sy-saraqib")}, id="en-out-of-their-homes"),
        pytest.param("ارتكبت القوات 13 مجزرة ضد العائلات في سراقب راح ضحيتها 40 شخصاً.", "ar",
                     {("killed", 40, "people", "sy-saraqib")}, id="ar-a-count-of-massacres-counts-no-people"),
        pytest.param("Drones carried out 12 strikes on Saraqib, killing 4 civilians.", "en",
                     {("killed", 4, "people", "sy-saraqib")}, id="en-a-count-of-strikes-counts-no-people"),
        pytest.param("أسفر القصف عن مقتل 5 مدنيين يوم الأحد في سراقب.", "ar", {("killed", 5, "people", "sy-saraqib")},
                     id="ar-number-before-a-weekday-still-counts"),
    ],
)
def test_what_a_number_counts(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("OCHA said more than 100,000 people could be displaced from Saraqib if the fighting spreads.",
                     "en", set(), id="en-projection-is-no-count"),
        pytest.param("Some 5,000 families are at risk of displacement in Saraqib.", "en", set(), id="en-at-risk"),
        pytest.param("وقال ناشطون إن 3 آلاف عائلة مهددون بالنزوح من سراقب.", "ar", set(), id="ar-threatened-with"),
        pytest.param("وقال ناشطون إن 3 آلاف عائلة قد نزحت من سراقب.", "ar", {("displaced", 3000, "families", "sy-saraqib")},
                     id="ar-qad-with-past-is-done"),
    ],
)
def test_projected_harm_is_no_figure(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The death toll in Saraqib has risen to 45, the health directorate said.",
                     {("killed", 45, "people", "sy-saraqib")}, id="en-death-toll-rose-to"),
        pytest.param("The war, which has killed more than 320,000 people, displaced millions.", set(),
                     id="en-whole-war-toll-still-skipped"),
    ],
)
def test_toll_word_naming_its_category(text: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, "en") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("وتستعد 500 عائلة للعودة إلى سراقب.", "ar", set(), id="ar-preparing-to-return-is-no-return"),
        pytest.param("Twenty-five people were injured in the shelling of Saraqib.", "en",
                     {("injured", 25, "people", "sy-saraqib")}, id="en-hyphenated-number-word"),
    ],
)
def test_planned_returns_and_compound_number_words(text: str, language: str, expected: set,
                                                   geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected
