"""NGO statements (what the organisation itself said) and figures (numbers of people)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report


def extract(text: str, geocoder: Geocoder, language: str = "ar"):
    return extract_report(Report("t", "test:", None, None, language, date(2026, 1, 7), text, "0", "text"), geocoder)


@pytest.mark.parametrize(
    ("text", "language", "organisation", "gist"),
    [
        pytest.param("أعربت منظمة العفو الدولية عن قلقها إزاء النزوح في حلب.", "ar", "Amnesty International",
                     "concern", id="ar-concern"),
        pytest.param("دعت اليونيسف إلى حماية الأطفال في مخيم جباليا.", "ar", "UNICEF", "call", id="ar-call-acronym-name"),
        pytest.param("أدانت هيومن رايتس ووتش قصف المدارس في إدلب.", "ar", "Human Rights Watch", "condemnation",
                     id="ar-condemnation"),
        pytest.param("قال مكتب تنسيق الشؤون الإنسانية (أوتشا) إن 12 ألف شخص نزحوا من رفح.", "ar", "OCHA", "figures",
                     id="ar-figures"),
        pytest.param("UNHCR warned that more families could be displaced from Idlib.", "en", "UNHCR", "warning",
                     id="en-warning"),
        pytest.param("According to WHO, three hospitals in Gaza City are out of service.", "en", "WHO", "statement",
                     id="en-according-to-acronym"),
        pytest.param("Doctors Without Borders said in a statement that its clinic in Rafah was hit.", "en", "MSF",
                     "statement", id="en-in-a-statement"),
        # gist precedence (docs/extraction.md section 6)
        pytest.param("UNICEF warned on Monday that children in Saraqib were sleeping outdoors. It urged donors to "
                     "send blankets.", "en", "UNICEF", "warning", id="en-own-warning-before-a-later-call"),
        pytest.param("أعربت اليونيسف عن قلقها إزاء أوضاع الأطفال في سراقب، ودعت إلى إدخال المساعدات.", "ar",
                     "UNICEF", "call", id="ar-concern-and-call-is-a-call"),
        pytest.param("UNHCR said some 900 people had fled Saraqib since Sunday.", "en", "UNHCR", "figures",
                     id="en-said-with-numbers-is-figures"),
        pytest.param("WFP said its food would reach 3,000 families in Saraqib next week.", "en", "WFP", "statement",
                     id="en-hedge-is-no-warning-and-aid-target-no-figure"),
        pytest.param("وقال برنامج الأغذية العالمي إن الكميات لا تكفي، مطالباً بفتح المعابر إلى سراقب.", "ar", "WFP",
                     "call", id="ar-accusative-participle-call"),
        pytest.param("أدانت منظمة العفو الدولية القصف على سراقب ودعت إلى تحقيق مستقل.", "ar", "Amnesty International",
                     "condemnation", id="ar-condemnation-first"),
    ],
)
def test_statement_found_with_gist(text: str, language: str, organisation: str, gist: str, geocoder: Geocoder) -> None:
    statements = extract(text, geocoder, language).statements
    assert [(s.organisation, s.gist_type) for s in statements] == [(organisation, gist)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("The UN agency for Palestinian refugees said on Monday that its schools in Jabalia were full.",
                     "en", {("UNRWA", "statement")}, id="en-unrwa-by-description"),
        pytest.param("The UN humanitarian office expressed concern over the shelling of Saraqib.", "en",
                     {("OCHA", "concern")}, id="en-ocha-by-description"),
        pytest.param("The UN's emergency relief coordinator warned that aid to Saraqib could stop.", "en",
                     {("OCHA", "warning")}, id="en-ocha-by-its-head"),
        pytest.param("UNICEF spokesperson James Elder warned that children in Saraqib faced a harsh winter.", "en",
                     {("UNICEF", "warning")}, id="en-spokesperson-between-name-and-verb"),
        pytest.param("OCHA calls on all parties to let aid into Saraqib.", "en", {("OCHA", "call")},
                     id="en-calls-on"),
        pytest.param("According to a statement by UNICEF, schools in Saraqib were closed.", "en",
                     {("UNICEF", "statement")}, id="en-a-statement-by"),
        pytest.param("UNICEF, WFP and WHO said in a joint statement that hunger was spreading in Saraqib.", "en",
                     {("UNICEF", "statement"), ("WFP", "statement"), ("WHO", "statement")},
                     id="en-joint-statement-one-per-member"),
        pytest.param("دعت اليونيسف وبرنامج الأغذية العالمي في بيان مشترك إلى وقف القصف على سراقب.", "ar",
                     {("UNICEF", "call"), ("WFP", "call")}, id="ar-joint-statement-one-per-member"),
    ],
)
def test_statements_named_by_description_speaker_or_list(text: str, language: str, expected: set,
                                                         geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("وصلت قافلة لبرنامج الأغذية العالمي إلى حلب.", "ar", id="ar-mere-mention"),
        pytest.param("Families queued outside the UNRWA school in Jabalia.", "en", id="en-mere-mention"),
        pytest.param("WHO knows when the shelling will stop, residents asked.", "en", id="en-who-pronoun"),
        pytest.param("Some 2,000 people have been registered in UNRWA shelters in Rafah.", "en",
                     id="en-organisation-after-a-preposition-is-no-speaker"),
    ],
)
def test_mere_mention_is_not_a_statement(text: str, language: str, geocoder: Geocoder) -> None:
    assert extract(text, geocoder, language).statements == ()


def test_following_sentences_referring_back_belong_to_the_statement(geocoder: Geocoder) -> None:
    text = ("أعربت منظمة العفو الدولية عن قلقها إزاء النزوح في حلب. وأكدت المنظمة في بيان أن الاشتباكات مستمرة. "
            "كما دعت إلى ضمان وصول المساعدات. وفي سياق منفصل، افتتح سوق جديد في دمشق.")
    (st,) = extract(text, geocoder).statements
    assert "وصول المساعدات" in st.evidence and "سوق جديد" not in st.evidence
    assert {"displacement", "aid_access"} <= set(st.event_types)
    assert "sy-aleppo" in st.place_ids
    assert text[st.char_start:st.char_end] == st.evidence


def test_statement_date_from_text_else_publication(geocoder: Geocoder) -> None:
    (dated,) = extract("قالت اليونيسف في بيان صادر في 3 كانون الثاني 2026 إن الأطفال في خطر.", geocoder).statements
    assert (dated.statement_date, dated.date_precision) == (date(2026, 1, 3), "day")
    (undated,) = extract("قالت اليونيسف إن الأطفال في خطر.", geocoder).statements
    assert (undated.statement_date, undated.date_precision) == (date(2026, 1, 7), "publication")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("أدى القصف إلى نزوح 155 ألف شخص من رفح.", "ar", (155000, "people", "displaced"),
                     id="ar-thousand-multiplier"),
        pytest.param("نزحت أكثر من ٣٠٠ عائلة من حي الشيخ مقصود.", "ar", (300, "families", "displaced"),
                     id="ar-indic-digits-families"),
        pytest.param("قتل 7 مدنيين في غارة على إدلب.", "ar", (7, "people", "killed"), id="ar-killed"),
        pytest.param("وأصيب أربعة آخرون بجروح في القصف على حلب.", "ar", (4, "people", "injured"),
                     id="ar-number-word-others"),
        pytest.param("قُتل شخصان في قصف على حي الشيخ مقصود في حلب.", "ar", (2, "people", "killed"), id="ar-dual-noun"),
        pytest.param("واستشهد في الغارة على مخيم جباليا أربعة مواطنين، وأصيب عشرون آخرون.", "ar", (20, "people", "injured"),
                     id="ar-category-of-its-own-clause"),
        pytest.param("Some 12,000 families have been displaced from Jabalia.", "en", (12000, "families", "displaced"),
                     id="en-thousands-separator"),
        pytest.param("About 1.2 million people fled Rafah.", "en", (1200000, "people", "displaced"), id="en-million"),
        pytest.param("At least 22 wounded people were taken to hospital in Khan Younis.", "en", (22, "people", "injured"),
                     id="en-injured"),
    ],
)
def test_figures(text: str, language: str, expected: tuple, geocoder: Geocoder) -> None:
    figures = extract(text, geocoder, language).figures
    assert expected in {(f.quantity, f.unit, f.category) for f in figures}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("في 6 كانون الثاني 2026 قصفت القوات حلب.", "ar", id="date-number"),
        pytest.param("The 2016 siege displaced Aleppo residents.", "en", id="year"),
        pytest.param("Shelling lasted 3 hours in Idlib.", "en", id="no-people-unit"),
    ],
)
def test_numbers_that_are_not_figures(text: str, language: str, geocoder: Geocoder) -> None:
    assert extract(text, geocoder, language).figures == ()


def test_shared_short_name_is_the_organisation_named_before(geocoder: Geocoder) -> None:
    text = ("افتتح الهلال الأحمر العربي السوري مركز إيواء في حي الميدان بحلب.\n\n"
            "وقال الهلال الأحمر في بيان إن المركز يستضيف ٣١٠ عائلات.")
    assert {s.organisation for s in extract(text, geocoder).statements} == {"SARC"}
    assert extract("وقال الهلال الأحمر في بيان إن المركز يستضيف عائلات.", geocoder).statements == ()


def test_statement_continues_after_a_quotation(geocoder: Geocoder) -> None:
    text = ('UNRWA said on Tuesday that 1.9 million people have been displaced across the Gaza Strip. '
            '"Nowhere is safe," the agency said, adding that aid trucks had not been allowed into Rafah.')
    (st,) = extract(text, geocoder, "en").statements
    assert "Nowhere is safe" in st.evidence and "aid_access" in st.event_types


def test_subset_after_including_is_not_a_second_figure(geocoder: Geocoder) -> None:
    figures = extract("Airstrikes on Saraqib killed nine civilians, including four children.", geocoder, "en").figures
    assert {(f.quantity, f.category) for f in figures} == {(9, "killed")}


@pytest.mark.parametrize(
    ("text", "language", "speakers"),
    [
        pytest.param("وقال برنامج الأغذية العالمي في بيان إن الكميات لا تكفي، مستنداً إلى بيانات الأونروا حول العائلات.",
                     "ar", {"WFP"}, id="ar-other-org-data"),
        pytest.param("وعلّقت عيادة تدعمها منظمة أطباء بلا حدود عملها في البلدة، وفق ما أفاد به عاملون فيها.", "ar",
                     set(), id="ar-supported-by"),
        pytest.param("A clinic supported by MSF closed in Rafah, according to staff.", "en", set(), id="en-supported-by"),
        pytest.param("ودعت اللجنة الدولية للصليب الأحمر في بيان إلى هدنة للسماح بدخول فرق الهلال الأحمر العربي السوري، "
                     "محذّرة من تدهور الوضع.", "ar", {"ICRC"}, id="ar-participle-continues-the-speaker"),
        pytest.param("Save the Children said it was working with UNICEF teams in Gaza.", "en", {"Save the Children"},
                     id="en-cue-nearer-the-speaker"),
        pytest.param("حذرت اليونيسف من تفشي الأمراض في غزة.", "ar", {"UNICEF"}, id="ar-warning-verb-before-name"),
    ],
)
def test_only_the_speaker_of_a_sentence_makes_a_statement(geocoder, text, language, speakers) -> None:
    assert {st.organisation for st in extract(text, geocoder, language).statements} == speakers
