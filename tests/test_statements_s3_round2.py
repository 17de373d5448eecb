"""Session 3, round 2: who speaks when a sentence names an organisation next to another source, and what
its statement mainly does.

Every sentence here is invented; each case shows one general mechanism (docs/extraction.md section 6).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report


def extract(text: str, geocoder: Geocoder, language: str, title: str | None = None):
    return extract_report(Report("t", "test:", None, title, language, date(2026, 1, 7), text, "0", "text"),
                          geocoder)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # "according to" names its source AFTER it: an organisation before it is in the reported content
        pytest.param("Some 300 families in Saraqib were registered with UNHCR last month, according to local "
                     "officials.", "en", set(), id="en-according-to-another-source-after-the-name"),
        pytest.param("The convoys run with the participation of WFP and UNICEF, according to the state agency.",
                     "en", set(), id="en-organisations-inside-another-sources-sentence"),
        pytest.param("Some 300 families fled Saraqib, according to UNHCR.", "en", {"UNHCR"},
                     id="en-according-to-the-organisation-is-its-statement"),
        pytest.param("وفق المفوضية السامية للأمم المتحدة لشؤون اللاجئين، نزحت 300 عائلة من سراقب.", "ar", {"UNHCR"},
                     id="ar-attribution-before-the-name-is-its-statement"),
        # an agency word heading another name ("وكالة X") is another source, not "الوكالة" referring back
        pytest.param("ذكرت وكالة محلية إن القافلة التي أرسلتها اليونيسف إلى سراقب عادت أدراجها.", "ar", set(),
                     id="ar-agency-word-heading-another-name-is-another-speaker"),
        # marks that normalisation ignores (shadda, tatweel) inside an organisation's name
        pytest.param("دعت منظّمة أطبّاء بلا حدود في بيان إلى وقف القصف على سراقب.", "ar", {"MSF"},
                     id="ar-shadda-inside-the-name"),
        pytest.param("حذّرت منظمـة الصحة العالمية من انهيار المستشفيات في سراقب.", "ar", {"WHO"},
                     id="ar-tatweel-inside-the-name"),
        # the organisation inside a speaker's title that opens the sentence, the name before the verb
        pytest.param("Head of UNICEF Operations in Syria, Jane Roe warned on Tuesday that schools in Saraqib "
                     "could close.", "en", {"UNICEF"}, id="en-title-fronted-speaker-warns"),
        pytest.param("Director of WFP Programmes in Syria, John Doe urged donors to fund bakeries in Saraqib.", "en",
                     {"WFP"}, id="en-title-fronted-speaker-calls"),
        pytest.param("Head of UNICEF Operations in Syria, Jane Roe, visited Saraqib, where residents warned of "
                     "shortages.", "en", set(), id="en-title-fronted-visit-is-no-statement"),
    ],
)
def test_who_speaks(text: str, language: str, expected: set[str], geocoder: Geocoder) -> None:
    assert {s.organisation for s in extract(text, geocoder, language).statements} == expected
