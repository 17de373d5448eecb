"""Figures: what a number counts, which category, which place (invented sentences, one phenomenon each)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report


def figures(text: str, geocoder: Geocoder, language: str) -> set[tuple[int, str, str]]:
    report = Report("t", "test:", None, None, language, date(2026, 1, 7), text, "0", "text")
    return {(f.quantity, f.unit, f.category) for f in extract_report(report, geocoder).figures}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # what the number counts
        pytest.param("وأعلنت الوزارة ارتفاع الحصيلة في رفح إلى 12 ألفًا و340 شهيدًا.", "ar",
                     {(12340, "people", "killed")}, id="ar-thousands-with-remainder"),
        pytest.param("قُتل شخص وأصيب 3 مدنيين في قصف على سراقب، و14 إصابة بالاختناق.", "ar",
                     {(1, "people", "killed"), (3, "people", "injured"), (14, "people", "injured")},
                     id="ar-number-after-conjunction"),
        pytest.param("Shelling on Saraqib on Monday wounded a boy aged 12.", "en", {(1, "people", "injured")},
                     id="en-age-is-no-figure"),
        pytest.param("وقال الطفل (9 أعوام) وهو نازح من سراقب إن المدرسة أغلقت.", "ar", set(), id="ar-age-in-brackets"),
        pytest.param("About 40 percent of the displaced in Saraqib are children.", "en", set(), id="en-percentage"),
        pytest.param("Thousands of people fled Saraqib on Monday.", "en", set(), id="en-thousands-of-is-no-number"),
        pytest.param("The strike on Saraqib killed at least 14, residents said.", "en", {(14, "people", "killed")},
                     id="en-verb-quantifier-number"),
        pytest.param("The shelling of Saraqib has left 80 dead, wounding more than a thousand.", "en",
                     {(80, "people", "killed"), (1000, "people", "injured")}, id="en-a-thousand"),
        pytest.param("وأصيب أكثر من 30 في القصف على سراقب.", "ar", {(30, "people", "injured")},
                     id="ar-verb-quantifier-number"),
        pytest.param("Between 40 and 55 people were killed in the strikes on Saraqib.", "en", {(40, "people", "killed")},
                     id="en-range-lower-bound"),
        pytest.param("قُتل ما بين 40 و55 شخصا في سراقب.", "ar", {(40, "people", "killed")}, id="ar-range-lower-bound"),
        # which category: the nearest predicate, a toll word, a relative clause
        pytest.param("The number of displaced residents in the Saraqib area has now risen to 8,200.", "en",
                     {(8200, "people", "displaced")}, id="en-number-of-category-rose-to"),
        pytest.param("وارتفعت حصيلة القتلى في القصف على سراقب إلى 9 أشخاص.", "ar", {(9, "people", "killed")},
                     id="ar-toll-of-the-dead"),
        pytest.param("Some 45 families who had returned to Saraqib were forced out again on Sunday.", "en",
                     {(45, "families", "displaced")}, id="en-relative-clause-is-a-modifier"),
        # a part, a combined toll, a background toll, an aid target, people staying
        pytest.param("Seven women were among those killed in the strike on Saraqib.", "en", set(),
                     id="en-among-those-killed-is-a-part"),
        pytest.param("وأوضحت الجمعية أن من بين القتلى في سراقب 4 أطفال.", "ar", set(), id="ar-min-bayn-is-a-part"),
        pytest.param("The strikes on Saraqib killed and wounded some 80 people.", "en", set(),
                     id="en-killed-and-wounded-combined"),
        pytest.param("خلّف القصف على سراقب نحو 70 شخصا بين قتيل وجريح.", "ar", set(), id="ar-bayn-qatil-wa-jarih"),
        pytest.param("Saraqib has been hit hard in a war that has killed more than 300,000 people.", "en", set(),
                     id="en-toll-of-the-whole-war"),
        pytest.param("The aid would reach about 900 families in Saraqib, including dozens who have returned.", "en",
                     set(), id="en-aid-target"),
        pytest.param("وأشار إلى أن نحو 20 ألف شخص ما زالوا يقيمون في سراقب رغم أوامر الإخلاء.", "ar", set(),
                     id="ar-people-staying"),
        pytest.param("يُذكر أن القصف على سراقب العام الماضي أدى إلى مقتل أكثر من 200 مدني.", "ar", set(),
                     id="ar-background-sentence"),
        pytest.param("About 60 patients were evacuated from Saraqib and taken to hospitals in Idlib.", "en", set(),
                     id="en-medical-evacuation"),
        pytest.param("About 600 residents were evacuated from Saraqib as the fighting spread.", "en",
                     {(600, "people", "displaced")}, id="en-evacuation-without-hospital-is-displacement"),
        # totals over several places or events
        pytest.param("نزحت نحو 600 عائلة من حيي الشيخ مقصود والأشرفية في حلب.", "ar", set(),
                     id="ar-total-over-two-neighbourhoods"),
        pytest.param("The health ministry said at least 13 people were killed in the two strikes.", "en", set(),
                     id="en-total-over-two-strikes"),
        pytest.param("قُتل 5 أشخاص في سراقب، وقُتل 4 آخرون في أريحا.", "ar",
                     {(5, "people", "killed"), (4, "people", "killed")}, id="ar-split-per-clause-is-kept"),
        # one victim
        pytest.param("استهدفت مسيّرة سيارة في سراقب ما أدى إلى سقوط شهيد وإصابة شخصين.", "ar",
                     {(1, "people", "killed"), (2, "people", "injured")}, id="ar-one-martyr-and-two-wounded"),
        pytest.param("قُتل شخصان وأصيب خمسة آخرون في انفجار في سراقب.", "ar",
                     {(2, "people", "killed"), (5, "people", "injured")}, id="ar-each-verb-its-number"),
        pytest.param("استشهد ثلاثة مواطنين وأصيب سبعة آخرون في قصف على سراقب.", "ar",
                     {(3, "people", "killed"), (7, "people", "injured")}, id="ar-next-verb-is-not-a-modifier"),
        pytest.param("A drone hit a car in Saraqib on Monday, killing the driver.", "en", {(1, "people", "killed")},
                     id="en-killing-the-driver"),
        pytest.param("استشهد شاب برصاص قناص في سراقب.", "ar", {(1, "people", "killed")}, id="ar-verb-and-singular"),
        pytest.param("Residents said a man was killed and four people were injured when a shell hit Saraqib.", "en",
                     {(1, "people", "killed"), (4, "people", "injured")}, id="en-passive-one-and-the-next-clause"),
        pytest.param("A monitor said a farmer and a shepherd were killed by shelling on Saraqib.", "en",
                     {(2, "people", "killed")}, id="en-passive-two-coordinated"),
        pytest.param("Shells hit Saraqib on Monday, wounding a girl and her father.", "en", {(2, "people", "injured")},
                     id="en-a-person-and-her-relative-is-two"),
        pytest.param("Shelling on Saraqib left 40 people dead, wounding dozens more.", "en", {(40, "people", "killed")},
                     id="en-comma-is-not-a-combined-toll"),
        pytest.param("عادت نحو ألف عائلة إلى سراقب منذ مطلع الشهر.", "ar", {(1000, "families", "returned")},
                     id="ar-alf-alone-is-a-thousand"),
        pytest.param("Only a few dozen of Saraqib's 12,000 pre-war residents have returned.", "en", set(),
                     id="en-pre-war-population"),
        pytest.param("Almost all of Saraqib's pre-war population of some 41,000 remains displaced.", "en",
                     {(41000, "people", "displaced")}, id="en-thousands-separator-is-no-clause-break"),
        pytest.param("وقالت الجمعية إن طواقمها تعاملت مع 40 إصابة في سراقب، من بينها 6 إصابات بالرصاص الحي، "
                     "و9 إصابات بالرصاص المطاطي.", "ar", {(40, "people", "injured")}, id="ar-list-of-parts-goes-on"),
    ],
)
def test_figures(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert figures(text, geocoder, language) == expected


def test_figure_takes_the_finest_place_of_its_clause(geocoder: Geocoder) -> None:
    text = "نزحت نحو 600 عائلة من حي الشيخ مقصود في حلب."
    report = Report("t", "test:", None, None, "ar", date(2026, 1, 7), text, "0", "text")
    (fig,) = extract_report(report, geocoder).figures
    assert fig.place_id == "sy-aleppo-sheikh-maqsoud"
