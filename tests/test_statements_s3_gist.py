"""Session 3: which organisation speaks, where its words end, and what its statement mainly does.

Every sentence here is invented; each case shows one general mechanism (docs/extraction.md section 6).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.boilerplate import split_article
from ingest.extract import extract_report
from ingest.records import Report


def extract(text: str, geocoder: Geocoder, language: str):
    return extract_report(Report("t", "test:", None, None, language, date(2026, 1, 7), text, "0", "text"), geocoder)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # modality words of events are no act of the organisation
        pytest.param("UNHCR said the army had ordered families in Saraqib to leave their homes.", "en",
                     {("UNHCR", "statement")}, id="en-order-is-not-a-warning"),
        pytest.param("قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن الجيش أصدر أوامر إخلاء لسكان سراقب.",
                     "ar", {("UNHCR", "statement")}, id="ar-evacuation-orders-are-not-a-warning"),
        pytest.param("وأكدت اليونيسف استعدادها لتوسيع الاستجابة في سراقب.", "ar", {("UNICEF", "statement")},
                     id="ar-readiness-is-not-a-warning"),
        # an act verb inside what the organisation reports is somebody else's act
        pytest.param("وأشارت اليونيسف إلى أن القوات تطالب السكان بمغادرة الحي.", "ar", {("UNICEF", "statement")},
                     id="ar-demand-after-complementiser-is-reported"),
        pytest.param("وقالت اليونيسف إنها تطالب بفتح المعابر إلى سراقب.", "ar", {("UNICEF", "call")},
                     id="ar-complementiser-with-its-own-pronoun-keeps-the-act"),
        # what its words express, when it does not say "warn", "call" or "concern" itself
        pytest.param("Save the Children said the situation of children in Saraqib was horrific.", "en",
                     {("Save the Children", "concern")}, id="en-alarm-is-concern"),
        pytest.param("قالت منظمة العفو الدولية إن الوضع الإنساني في سراقب كارثي.", "ar",
                     {("Amnesty International", "concern")}, id="ar-alarm-is-concern"),
        pytest.param("UNICEF said children in Saraqib were at risk of disease.", "en", {("UNICEF", "warning")},
                     id="en-danger-is-warning"),
        pytest.param("قال الهلال الأحمر العربي السوري إن فرقه في سراقب تحت خطر شديد.", "ar", {("SARC", "warning")},
                     id="ar-danger-is-warning"),
        pytest.param("UNRWA said aid must be allowed into Jabalia camp.", "en", {("UNRWA", "call")},
                     id="en-obligation-is-call"),
        pytest.param("NRC said the crisis had reached alarming levels and that civilians must be protected.", "en",
                     {("NRC", "concern")}, id="en-alarm-before-obligation"),
        # numbers: a percentage is figures too
        pytest.param("قال مكتب تنسيق الشؤون الإنسانية (أوتشا) إن 80% من أراضي القطاع باتت مناطق عسكرية.", "ar",
                     {("OCHA", "figures")}, id="ar-percentage-is-figures"),
        pytest.param("OCHA said 70 per cent of the shelters in Gaza City were full.", "en", {("OCHA", "figures")},
                     id="en-per-cent-is-figures"),
        # a coordinated verb is a second act of the organisation; a participle is subordinate to its report
        pytest.param("NRC said some 40 families had fled Saraqib, and urged donors to fund shelters.", "en",
                     {("NRC", "call")}, id="en-coordinated-call-after-figures"),
        pytest.param("وقالت اليونيسف إن 300 عائلة نزحت من سراقب، داعيةً إلى إدخال المساعدات.", "ar",
                     {("UNICEF", "figures")}, id="ar-participle-call-after-figures"),
        # another organisation's act in the same sentence is its own
        pytest.param("قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن العودة يجب أن تكون طوعية، فيما حذر "
                     "المجلس النرويجي للاجئين من نقص المساكن في القصير.", "ar",
                     {("UNHCR", "call"), ("NRC", "warning")}, id="ar-each-organisation-its-own-verb"),
        pytest.param("وقال برنامج الأغذية العالمي إن الكميات لا تكفي، مستنداً إلى بيانات الأونروا، ومطالباً بفتح "
                     "المعابر إلى سراقب.", "ar", {("WFP", "call")}, id="ar-cited-organisation-is-not-the-speaker"),
    ],
)
def test_gist_from_the_organisations_own_words(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected", "evidence"),
    [
        pytest.param("Statement by Jane Roe, country director of the Norwegian Refugee Council in Lebanon:\n\n"
                     "“The situation of families in Tyre is horrific. Many sleep in their cars.\n\n"
                     "“We need a ceasefire now.”", "en", {("NRC", "concern")}, "ceasefire now",
                     id="en-colon-then-quotation-over-paragraphs"),
        pytest.param("“Schools must be safe places. What we saw in Saraqib this week is horrific,” said Jane Roe, "
                     "Save the Children's director in Syria.", "en", {("Save the Children", "concern")},
                     "Schools must be safe", id="en-quotation-before-its-speaker"),
        pytest.param("“Children have lost everything,” said the UNICEF representative. “We call for safe passage "
                     "out of Saraqib.”\n\nLocal councils counted the tents.", "en", {("UNICEF", "call")},
                     "We call for", id="en-the-speakers-next-quotation"),
        pytest.param("UN High Commissioner for Refugees Filippo Grandi renewed calls for safe passage out of "
                     "Saraqib.", "en", {("UNHCR", "call")}, "renewed calls", id="en-named-speaker-verb-call"),
    ],
)
def test_statement_block_follows_the_quotation(text: str, language: str, expected: set, evidence: str,
                                               geocoder: Geocoder) -> None:
    statements = extract(text, geocoder, language).statements
    assert {(s.organisation, s.gist_type) for s in statements} == expected
    assert evidence in statements[0].evidence
    assert "Local councils" not in statements[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The convoy was hit on Said Pasha Street near the UNICEF office in Gaza City.",
                     id="en-capitalised-said-is-a-name"),
        pytest.param("The crossing reopened for returns organised by UNHCR, Reuters said.",
                     id="en-another-named-speaker-said"),
    ],
)
def test_speech_word_of_someone_else_is_no_statement(text: str, geocoder: Geocoder) -> None:
    assert extract(text, geocoder, "en").statements == ()


def test_attribution_line_ending_in_a_colon_is_body_not_headline() -> None:
    page = ("Lebanon: families sleep in cars as shelters fill\n\n"
            "Statement by Jane Roe, country director of the Norwegian Refugee Council in Lebanon, on the new wave "
            "of displacement:\n\n"
            "“More than 20,000 people have left their homes in the south since Monday and the shelters in Tyre "
            "are full. We need a ceasefire now.”\n")
    article = split_article(page)
    assert article.title == "Lebanon: families sleep in cars as shelters fill"
    assert article.body.startswith("Statement by Jane Roe")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("On Monday, the head of UNICEF, Jane Roe, warned that children in Saraqib were sleeping "
                     "outdoors.", "en", date(2026, 1, 5), id="en-fronted-day-of-the-statement"),
        pytest.param("On Monday, shells hit Saraqib and a school was damaged, UNICEF said.", "en", date(2026, 1, 7),
                     id="en-fronted-day-of-the-event-is-not-the-statements"),
        pytest.param("أعلنت المفوضية السامية للأمم المتحدة لشؤون اللاجئين أن 9 آلاف شخص نزحوا من سراقب منذ 2 كانون "
                     "الأول 2025 حتى 3 كانون الثاني 2026.", "ar", date(2026, 1, 7), id="ar-period-bounds-are-not-its-day"),
        pytest.param("UNHCR said on Sunday that 900 people had fled Saraqib since 3 January.", "en", date(2026, 1, 4),
                     id="en-said-on-a-day"),
    ],
)
def test_statement_date(text: str, language: str, expected: date, geocoder: Geocoder) -> None:
    statements = extract(text, geocoder, language).statements
    assert [s.statement_date for s in statements] == [expected]


def test_plain_statement_takes_the_organisations_later_stance(geocoder: Geocoder) -> None:
    text = ("Families from Saraqib still cannot go home, Save the Children said on Tuesday.\n\n"
            "Local councils counted the tents in the camps.\n\n"
            "“Children have lost everything,” said Save the Children's director in Syria. “We call for safe passage "
            "out of Saraqib.”")
    statements = extract(text, geocoder, "en").statements
    assert [(s.organisation, s.gist_type) for s in statements] == [("Save the Children", "call")] * 2
    assert statements[0].statement_date == date(2026, 1, 6)


@pytest.mark.parametrize(
    ("text", "language", "organisation"),
    [
        pytest.param("The UN children’s agency warned that winter would be deadly in the Idlib camps.", "en", "UNICEF",
                     id="en-unicef-by-description-curly-apostrophe"),
        pytest.param("The U.N. refugee agency said 300 refugees returned to Syria on Monday.", "en", "UNHCR",
                     id="en-unhcr-with-dotted-un"),
        pytest.param("حذرت منظمة اليونيسيف من تدهور أوضاع الأطفال في سراقب.", "ar", "UNICEF", id="ar-unicef-variant"),
        pytest.param("وقالت الصحة العالمية إن مستشفيات حلب خرجت عن الخدمة.", "ar", "WHO", id="ar-who-short"),
        pytest.param("أعلن برنامج الغذاء العالمي تعليق توزيع المساعدات في سراقب.", "ar", "WFP", id="ar-wfp-variant"),
        pytest.param("قالت وكالة الغوث إن مدارسها في جنين أغلقت.", "ar", "UNRWA", id="ar-unrwa-short"),
        pytest.param("The UN human rights chief condemned the shelling of Saraqib.", "en", "OHCHR", id="en-ohchr-chief"),
        pytest.param("وأكد المجلس النرويجي لشؤون اللاجئين أن 500 عائلة نزحت من سراقب.", "ar", "NRC", id="ar-nrc-variant"),
        pytest.param("وقالت المفوضية السامية لشؤون اللاجئين إن 900 شخص عادوا إلى حلب.", "ar", "UNHCR",
                     id="ar-unhcr-without-un"),
        pytest.param("The UN migration agency said 2,000 people left Saraqib.", "en", "IOM", id="en-iom-description"),
    ],
)
def test_organisation_name_variants(text: str, language: str, organisation: str, geocoder: Geocoder) -> None:
    assert [s.organisation for s in extract(text, geocoder, language).statements] == [organisation]


@pytest.mark.parametrize(
    ("text", "continues"),
    [
        pytest.param("قالت اليونيسف إن 300 طفل نزحوا من سراقب.\nوأمس الثلاثاء، أفادت وكالة الأنباء المحلية بوصول "
                     "قافلة إلى سراقب.", False, id="ar-agency-with-a-name-is-another-speaker"),
        pytest.param("قالت اليونيسف إن 300 طفل نزحوا من سراقب.\nوأضافت الوكالة أن الأطفال بحاجة إلى مأوى.", True,
                     id="ar-the-agency-refers-back"),
    ],
)
def test_named_agency_does_not_continue_the_statement(text: str, continues: bool, geocoder: Geocoder) -> None:
    statements = extract(text, geocoder, "ar").statements
    assert [s.organisation for s in statements] == ["UNICEF"]
    assert ("الأطفال بحاجة" in statements[0].evidence or "أفادت" in statements[0].evidence) == continues
    assert statements[0].statement_date == date(2026, 1, 7)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("Amnesty International accused the army of shelling homes in Saraqib.", "en",
                     {("Amnesty International", "condemnation")}, id="en-accusation-is-a-condemnation"),
        pytest.param("اتهمت منظمة العفو الدولية القوات بقصف منازل المدنيين في سراقب.", "ar",
                     {("Amnesty International", "condemnation")}, id="ar-accusation-is-a-condemnation"),
        pytest.param("وصفت منظمة الصحة العالمية الوضع في مستشفيات حلب بأنه كارثي.", "ar", {("WHO", "concern")},
                     id="ar-described-as-catastrophic"),
        pytest.param("Human Rights Watch said the strikes on Saraqib may amount to war crimes.", "en",
                     {("Human Rights Watch", "condemnation")}, id="en-war-crimes-is-condemnation-content"),
        pytest.param("The government accused UNRWA of failing to open its schools in Jabalia.", "en", set(),
                     id="en-organisation-as-object-of-an-accusation"),
    ],
)
def test_accusations_and_descriptions(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("OCHA said more than 100,000 people could be displaced from Saraqib if the fighting spreads.",
                     "warning", id="en-foreseen-harm-is-a-warning"),
        pytest.param("WFP said its food would reach 3,000 families in Saraqib next week.", "statement",
                     id="en-foreseen-aid-is-no-warning"),
    ],
)
def test_foreseen_harm(text: str, expected: str, geocoder: Geocoder) -> None:
    assert [s.gist_type for s in extract(text, geocoder, "en").statements] == [expected]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("The Norwegian Refugee Council said it was deeply worried about the fate of 20,000 displaced "
                     "people in Saraqib.", "en", "concern", id="en-own-concern-before-the-numbers-it-is-about"),
        pytest.param("The Norwegian Refugee Council said it was deeply worried about 20,000 displaced people in "
                     "Saraqib. It called on donors to fund shelters.", "en", "call",
                     id="en-own-concern-then-a-call-is-a-call"),
        pytest.param("The ICRC called the situation in Aleppo extremely worrying.", "en", "concern",
                     id="en-worrying"),
        pytest.param("MSF said it was shocked by the attack on its clinic in Khan Younis.", "en", "condemnation",
                     id="en-shocked"),
        pytest.param("ونبّهت منظمة الصحة العالمية إلى خطورة انتشار الأمراض في مخيمات إدلب.", "ar", "warning",
                     id="ar-gravity-is-a-warning"),
        pytest.param("وأعربت منظمة أطباء بلا حدود عن أسفها لمقتل أحد موظفيها في خان يونس.", "ar", "concern",
                     id="ar-regret-is-concern"),
    ],
)
def test_more_stance_words(text: str, language: str, expected: str, geocoder: Geocoder) -> None:
    assert [s.gist_type for s in extract(text, geocoder, language).statements] == [expected]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("UNICEF: 50 children killed in Saraqib in one week\n\nThe strikes continued on Monday.", "en",
                     {("UNICEF", "figures")}, id="en-headline-speaker"),
        pytest.param("اليونيسف: مقتل 50 طفلاً في سراقب خلال أسبوع\n\nوتواصل القصف يوم الاثنين.", "ar",
                     {("UNICEF", "figures")}, id="ar-headline-speaker"),
        pytest.param("Photo: UNICEF\n\nThe strikes continued on Monday.", "en", set(), id="en-photo-credit-is-not"),
    ],
)
def test_headline_speaker_before_a_colon(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("Shells hit an UNRWA school in Jabalia camp, residents said.", "en", set(),
                     id="en-residents-said"),
        pytest.param("Shells hit an UNRWA school in Jabalia camp on Monday, the health ministry said.", "en", set(),
                     id="en-the-ministry-said"),
        pytest.param("An MSF-supported clinic in Khan Younis was hit, witnesses told reporters.", "en", set(),
                     id="en-witnesses-told"),
        pytest.param("وقال شهود عيان إن قذيفة سقطت قرب مستشفى تدعمه أطباء بلا حدود في خان يونس.", "ar", set(),
                     id="ar-organisation-inside-what-witnesses-said"),
        pytest.param("Shells hit an UNRWA school in Jabalia camp, the agency said.", "en", {("UNRWA", "statement")},
                     id="en-the-agency-said-refers-back"),
        pytest.param("Shells hit a school in Jabalia camp, UNRWA said.", "en", {("UNRWA", "statement")},
                     id="en-organisation-said-after-a-comma"),
        pytest.param("UNHCR, the UN refugee agency, said 900 people fled Saraqib.", "en", {("UNHCR", "figures")},
                     id="en-apposition-before-said"),
        pytest.param("The Office for the Coordination of Humanitarian Affairs (OCHA) in Syria has released a report "
                     "on the displacement from Saraqib.", "en", {("OCHA", "statement")},
                     id="en-parenthesis-is-not-a-new-speaker"),
        pytest.param("تسلم الهلال الأحمر العربي السوري قافلة مساعدات، وأوضح مصدر في المنظمة أن مهمة الهلال الأحمر "
                     "تقتصر على الاستلام.", "ar", {("SARC", "statement")}, id="ar-source-in-the-organisation"),
    ],
)
def test_speech_verb_of_another_subject(text: str, language: str, expected: set, geocoder: Geocoder) -> None:
    assert {(s.organisation, s.gist_type) for s in extract(text, geocoder, language).statements} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("UNRWA said the army had warned residents of Jabalia camp to leave their homes.", "statement",
                     id="en-reported-warning-without-that"),
        pytest.param("UNICEF said the army had called on families in Saraqib to move south.", "statement",
                     id="en-reported-call-without-that"),
        pytest.param("UNICEF said it urged all parties to protect children in Saraqib.", "call",
                     id="en-it-keeps-the-organisation-as-subject"),
        pytest.param("The NRC said some 60 families had fled Saraqib and urged donors to fund shelters.", "call",
                     id="en-and-urged-is-the-speakers-second-verb"),
        pytest.param("The UN humanitarian office expressed deep concern over the shelling of Saraqib.", "concern",
                     id="en-concern-as-object-of-the-speech-verb"),
        pytest.param("NRC said the crisis in Saraqib had reached alarming levels.", "concern",
                     id="en-alarm-inside-what-it-says-is-its-view"),
    ],
)
def test_acts_inside_what_it_reports(text: str, expected: str, geocoder: Geocoder) -> None:
    assert [s.gist_type for s in extract(text, geocoder, "en").statements] == [expected]
