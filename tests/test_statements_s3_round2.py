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


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # "concerned" describing a noun is no stance of the organisation's
        pytest.param("UNHCR said it met concerned families in Saraqib to discuss the return.", "en",
                     {("UNHCR", "statement")}, id="en-attributive-concerned-is-no-concern"),
        pytest.param("UNHCR said it was concerned about the families in Saraqib.", "en", {("UNHCR", "concern")},
                     id="en-concerned-about-is-concern"),
        # the spokesperson goes on in the next sentence with "he/she" and a speech or act verb
        pytest.param("Trucks are stuck outside Saraqib, the head of WFP said on Monday. \"Convoys wait for days,\" "
                     "she told reporters. She urged the parties to open the road.", "en", {("WFP", "call")},
                     id="en-she-urged-continues-the-statement"),
        pytest.param("Families are returning to Saraqib, said the UNHCR representative. \"Even a few returns "
                     "are worrying,\" he said.", "en", {("UNHCR", "concern")},
                     id="en-he-said-continues-the-statement"),
    ],
)
def test_gist_in_the_body(text: str, language: str, expected: set[tuple[str, str]], geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # a headline that names the organisation's act gives its dominant gist
        pytest.param("WFP Issues Warning Over Bakery Closures in Saraqib",
                     "Bakeries in Saraqib have closed, according to WFP. The agency urged donors to act.",
                     {("WFP", "warning")}, id="headline-warning-over-body-call"),
        pytest.param("UNICEF reports damage to schools in Saraqib, urges protection",
                     "UNICEF said on Monday that three schools in Saraqib were damaged.", {("UNICEF", "call")},
                     id="headline-call-over-plain-body"),
        # concern is not such an act: the body's call stays ("expressed concern ... and called for" is a call)
        pytest.param("UNHCR voices concern over displacement from Saraqib",
                     "UNHCR expressed concern over the displacement. It called on all parties to protect civilians.",
                     {("UNHCR", "call")}, id="headline-concern-keeps-body-call"),
        # the body of a release the headline attributes is the organisation's statement
        pytest.param("Statement on the situation in Saraqib: UNICEF",
                     "Schools in Saraqib have been closed for weeks. The scenes are catastrophic. UNICEF teams "
                     "remain in the town.", {("UNICEF", "concern")}, id="headline-release-after-colon"),
        pytest.param("UNICEF Chief: Children in Saraqib Need Schools",
                     "Children in Saraqib must be able to go back to school. UNICEF teams remain in the town.",
                     {("UNICEF", "call")}, id="headline-release-chief-colon"),
        pytest.param("Schools reopen in Saraqib", "Schools reopened in Saraqib, where UNICEF runs a clinic.",
                     set(), id="headline-without-speaker-adds-nothing"),
        # an English headline's speaker is its subject, not the object of another's act
        pytest.param("Ministry warns WFP over convoy routes to Saraqib",
                     "WFP said on Monday that its convoys reached Saraqib.", {("WFP", "statement")},
                     id="headline-object-is-no-speaker"),
        pytest.param("Saraqib: WFP warns of bread shortages",
                     "WFP said on Monday that bakeries in Saraqib had closed. It urged donors to act.",
                     {("WFP", "warning")}, id="headline-after-kicker-colon"),
        pytest.param("Statement on the situation in Saraqib: UNICEF", "Schools in Saraqib have been closed for weeks.",
                     set(), id="release-needs-the-organisation-in-the-body"),
    ],
)
def test_headline(title: str, text: str, expected: set[tuple[str, str]], geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, "en", title).statements} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # OCHA described by its work, not its name
        pytest.param("More than 9,000 people have fled Saraqib since Monday, the UN agency coordinating relief "
                     "efforts said.", "en", {("OCHA", "figures")}, id="en-ocha-by-description"),
        # alarm in the organisation's own words
        pytest.param("UNICEF said the scenes in Saraqib were shocking.", "en", {("UNICEF", "concern")},
                     id="en-shocking-is-concern"),
    ],
)
def test_more_gists(text: str, language: str, expected: set[tuple[str, str]], geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Families fled Saraqib after shelling resumed last week, UNHCR said.", date(2026, 1, 7),
                     id="a-week-is-no-day-of-the-statement"),
        pytest.param("UNHCR said on Monday that families fled Saraqib.", date(2026, 1, 5), id="a-day-dates-it"),
    ],
)
def test_statement_date(text: str, expected: date, geocoder: Geocoder) -> None:
    assert [s.statement_date for s in extract(text, geocoder, "en").statements] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("UNHCR is aware of the impending return of some 500 refugees to Saraqib.", set(),
                     id="impending-return-is-no-count"),
        pytest.param("Some 500 refugees returned to Saraqib last month.", {("returned", 500)},
                     id="a-return-that-happened-is-a-count"),
        # a number in the range of years is a count when a people noun follows it
        pytest.param("More than 2000 people fled Saraqib on Monday.", {("displaced", 2000)},
                     id="year-like-number-before-people-is-a-count"),
        pytest.param("نزح أكثر من 1950 شخصا من سراقب.", {("displaced", 1950)}, id="ar-year-like-number-before-people-is-a-count"),
        pytest.param("Families who fled Saraqib in 2012 are still displaced.", set(), id="a-year-is-no-count"),
    ],
)
def test_foreseen_figures(text: str, expected: set[tuple[str, int]], geocoder: Geocoder) -> None:
    language = "en" if text.isascii() else "ar"
    assert {(f.category, f.quantity) for f in extract(text, geocoder, language).figures} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("UNRWA said the strikes on Jabalia camp came without warning.", {("UNRWA", "statement")},
                     id="en-without-warning-is-no-warning"),
        pytest.param("UNRWA said it received no prior warning of the demolitions in Jabalia camp.",
                     {("UNRWA", "statement")}, id="en-no-warning-is-no-warning"),
        pytest.param("UNRWA warned that more families in Jabalia camp could lose their homes.", {("UNRWA", "warning")},
                     id="en-a-warning-is-a-warning"),
    ],
)
def test_negated_act(text: str, expected: set[tuple[str, str]], geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, "en").statements} == expected


def extract_from(source: str | None, text: str, geocoder: Geocoder):
    return extract_report(Report("t", "test:", source, None, "en", date(2026, 1, 7), text, "0", "text"), geocoder)


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        # a site that is an organisation publishes its own words, even when the body never names it
        pytest.param("Norwegian Refugee Council", "Families in Saraqib describe nights of shelling. Aid must reach "
                     "them without delay.", {("NRC", "call")}, id="publisher-release-without-its-name"),
        pytest.param("UNHCR Lebanon", "Some 300 families fled Saraqib this week, UNHCR said.", {("UNHCR", "figures")},
                     id="publisher-statement-in-the-body-is-not-doubled"),
        # a note in brackets is about the page, not the site's name
        pytest.param("Daily Courier (republishes a WFP release)", "Bakeries in Saraqib closed on Monday.", set(),
                     id="bracketed-note-is-no-publisher"),
        pytest.param("Daily Courier", "Bakeries in Saraqib closed on Monday.", set(), id="news-site-is-no-publisher"),
    ],
)
def test_publisher(source: str, text: str, expected: set[tuple[str, str]], geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract_from(source, text, geocoder).statements} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun is not looked for across "and": the next verb's word belongs to its own count
        pytest.param("An attack in Saraqib killed three villagers and injured six.",
                     {("killed", 3), ("injured", 6)}, id="en-unit-not-across-and"),
        pytest.param("An attack in Saraqib killed three people and injured six.",
                     {("killed", 3), ("injured", 6)}, id="en-unit-right-after-the-number"),
        pytest.param("Shelling on Saraqib killed 40 men and women.", {("killed", 40)}, id="en-unit-before-and"),
    ],
)
def test_counted_noun(text: str, expected: set[tuple[str, int]], geocoder: Geocoder) -> None:
    assert {(f.category, f.quantity) for f in extract(text, geocoder, "en").figures} == expected
