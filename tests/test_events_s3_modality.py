"""Session 3: modality cues and non-events found missing on real reports, each shown on invented
sentences (none is copied from a real, gold or held-out report). Run with the built-in gazetteer and
lexicon: prevention ("حال دون", "turned away"), orders ("أنذر", "telling residents to leave", "أوامر
نزوح"), readiness and schedules ("ready to", "scheduled to"), needs as calls ("we need"), claims refuted
later in the sentence, wishes, fact-check captions, earlier displacement, abstract objects of siege words
and money called aid."""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Extraction, Report


def run(text: str, geocoder: Geocoder, language: str) -> Extraction:
    rep = Report(report_id="s3", url="test:", source_name=None, title=None, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return extract_report(rep, geocoder)


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(m.place_id, m.event_type, m.modality) for m in ex.mentions}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("سقطت قذائف على سوق سراقب مساء أمس، وإغلاق المحال مبكراً حال دون وقوع إصابات.", "ar",
                     {("sy-saraqib", "shelling", "reported"), ("sy-saraqib", "casualties", "denied")},
                     {("sy-saraqib", "casualties", "reported")}, id="ar-prevented-casualties"),
        pytest.param("Dozens of families were turned away from shelters in Nabatieh on Monday night.", "en",
                     {("lb-nabatieh", "aid_access", "denied")}, {("lb-nabatieh", "aid_access", "reported")},
                     id="en-turned-away-from-shelters"),
        pytest.param("أنذر الجيش سكان بلدة الخيام بإخلاء منازلهم خلال ساعة.", "ar",
                     {("lb-khiam", "displacement", "warned")}, {("lb-khiam", "displacement", "reported")},
                     id="ar-anthar-order"),
        pytest.param("The army said it was ready to strike targets in Khiam within hours.", "en",
                     {("lb-khiam", "attack", "warned")}, {("lb-khiam", "attack", "reported")}, id="en-ready-to"),
        pytest.param("A relief convoy is scheduled to enter Saraqib on Thursday.", "en",
                     {("sy-saraqib", "aid_access", "warned")}, {("sy-saraqib", "aid_access", "reported")},
                     id="en-scheduled-convoy"),
        pytest.param("\"We need a ceasefire in Saraqib now,\" the aid worker said.", "en",
                     {("sy-saraqib", "ceasefire", "called_for")}, {("sy-saraqib", "ceasefire", "reported")},
                     id="en-we-need-ceasefire"),
        pytest.param("The soldiers were telling residents of Khiam to leave their homes.", "en",
                     {("lb-khiam", "displacement", "warned")}, {("lb-khiam", "displacement", "reported")},
                     id="en-telling-to-leave"),
        pytest.param("وصدرت لأحياء واسعة من مخيم جباليا أوامر نزوح جديدة.", "ar",
                     {("ps-jabalia-camp", "displacement", "warned")},
                     {("ps-jabalia-camp", "displacement", "reported")}, id="ar-displacement-orders"),
    ],
)
def test_modality_cues(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("زعمت صفحات على مواقع التواصل أن انفجارات هزت بلدة سراقب، إلا أن هذه الرواية كاذبة.", "ar",
                     {("sy-saraqib", "attack", "denied")}, {("sy-saraqib", "attack", "reported")},
                     id="ar-claim-refuted-after-contrast"),
        pytest.param("تحققنا من الخبر الذي يزعم بأن قصفاً استهدف كفرنبل، فتبيّن أنه غير صحيح.", "ar",
                     {("sy-kafr-nabl", "shelling", "denied")}, {("sy-kafr-nabl", "shelling", "reported")},
                     id="ar-claim-refuted-next-clause"),
        pytest.param("Several accounts claimed that explosions shook Saraqib, but the claim was fabricated.", "en",
                     {("sy-saraqib", "attack", "denied")}, {("sy-saraqib", "attack", "reported")},
                     id="en-claim-refuted"),
        pytest.param("انتشر خبر عن قصف على كفرنبل وهو خبر مفبرك.", "ar",
                     {("sy-kafr-nabl", "shelling", "denied")}, set(), id="ar-postposed-fabricated"),
        pytest.param("Local media claimed that shells hit Saraqib on Monday.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "shelling", "denied")},
                     id="en-claim-not-refuted-stays-reported"),
    ],
)
def test_claims_refuted_later_in_the_sentence(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "absent_types"),
    [
        pytest.param("Several displaced families spoke of a desire to return to Saraqib one day.", "en",
                     {"return"}, id="en-desire-to-return"),
        pytest.param("قال رجل من كفرنبل إنه يأمل بالعودة إلى بيته قريباً.", "ar", {"return"}, id="ar-hopes-to-return"),
        pytest.param("وعبّر عن رغبته بالعودة إلى كفرنبل في أقرب وقت.", "ar", {"return"}, id="ar-wish-to-return"),
        pytest.param("الصورة المتداولة لا توثق قصفاً على بلدة سراقب بل تعود إلى عام آخر.", "ar",
                     {"shelling"}, id="ar-fact-check-caption"),
        pytest.param("The video does not show shelling in Saraqib.", "en", {"shelling"}, id="en-fact-check-caption"),
        pytest.param("وتسكن الحيَّ عائلاتٌ من كفرنبل سبق أن نزحت منها مراراً.", "ar",
                     {"displacement"}, id="ar-displaced-before"),
        pytest.param("سعى الوجهاء إلى تطويق الإشكال بين العائلتين في مخيم جباليا.", "ar", {"siege"},
                     id="ar-contain-the-dispute"),
        pytest.param("The agency offered financial aid to returning families in Saraqib.", "en", {"aid_access"},
                     id="en-financial-aid"),
    ],
)
def test_wishes_captions_and_abstract_objects_are_no_events(geocoder, text, language, absent_types) -> None:
    ex = run(text, geocoder, language)
    got = {m.event_type for m in ex.mentions}
    assert not got & absent_types, triples(ex)


@pytest.mark.parametrize(
    ("text", "language", "present"),
    [
        pytest.param("Families returned to Saraqib on Monday after the fighting ended.", "en",
                     {("sy-saraqib", "return", "reported")}, id="en-return-without-wish"),
        pytest.param("نزحت عشرات العائلات من كفرنبل أمس بسبب القصف.", "ar",
                     {("sy-kafr-nabl", "displacement", "reported")}, id="ar-displacement-without-before"),
        pytest.param("فرضت القوات تطويقاً على مخيم جباليا منذ الصباح.", "ar",
                     {("ps-jabalia-camp", "siege", "reported")}, id="ar-encirclement-of-a-place"),
        pytest.param("A convoy delivered aid to Saraqib on Monday.", "en",
                     {("sy-saraqib", "aid_access", "reported")}, id="en-aid-delivery"),
    ],
)
def test_the_same_words_still_make_events(geocoder, text, language, present) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The ministry said its jets had not conducted any air raids on Saraqib.", "en",
                     {("sy-saraqib", "airstrike", "denied")}, {("sy-saraqib", "airstrike", "reported")},
                     id="en-not-conducted-any"),
        pytest.param("No strike was carried out on Khiam, the army said.", "en",
                     {("lb-khiam", "attack", "denied")}, {("lb-khiam", "attack", "reported")},
                     id="en-no-strike-carried-out"),
        pytest.param("The municipality announced a demolition plan for 40 homes in Jenin camp.", "en",
                     {("ps-jenin-camp", "demolition", "warned")}, {("ps-jenin-camp", "demolition", "reported")},
                     id="en-demolition-plan"),
        pytest.param("Aid agencies published a list of upcoming convoys to Saraqib.", "en",
                     {("sy-saraqib", "aid_access", "warned")}, {("sy-saraqib", "aid_access", "reported")},
                     id="en-upcoming-convoys"),
        pytest.param("أصدر الجيش إنذاراً لسكان بلدة كفرنبل. وعقب صدور الإنذار، نزح مئات السكان من كفرنبل.", "ar",
                     {("sy-kafr-nabl", "displacement", "reported")}, {("sy-kafr-nabl", "displacement", "warned")},
                     id="ar-after-the-warning-people-fled"),
        pytest.param("After the warning, hundreds of families fled Khiam.", "en",
                     {("lb-khiam", "displacement", "reported")}, {("lb-khiam", "displacement", "warned")},
                     id="en-after-the-warning-people-fled"),
        pytest.param("The army struck Khiam after warning residents to evacuate the town.", "en",
                     {("lb-khiam", "displacement", "warned")}, {("lb-khiam", "displacement", "reported")},
                     id="en-after-warning-to-evacuate-stays-warned"),
        pytest.param("MSF called for safe passage for civilians trapped by the fighting in Saraqib.", "en",
                     {("sy-saraqib", "armed_clash", "reported"), ("sy-saraqib", "aid_access", "called_for")},
                     {("sy-saraqib", "armed_clash", "called_for")}, id="en-trapped-by-fighting-inside-a-call"),
        pytest.param("The hospital in Saraqib said its patients should be evacuated to Idlib.", "en",
                     set(), {("sy-saraqib", "displacement", "warned"), ("sy-saraqib", "displacement", "reported")},
                     id="en-patients-evacuated-is-medical"),
        pytest.param("يجب إخلاء المرضى من مستشفى سراقب فوراً.", "ar",
                     set(), {("sy-saraqib", "displacement", "warned"), ("sy-saraqib", "displacement", "reported")},
                     id="ar-patients-evacuated-is-medical"),
    ],
)
def test_occurrence_plans_past_warnings_relatives_and_medical_evacuation(geocoder, text, language, present,
                                                                            absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("أنذر الجيش مساء أمس سكان كفرنبل بإخلائها، مع تواصل الاشتباكات على أطرافها.", "ar",
                     {("sy-kafr-nabl", "displacement", "warned"), ("sy-kafr-nabl", "armed_clash", "reported")},
                     {("sy-kafr-nabl", "displacement", "reported")}, id="ar-continuation-in-another-clause"),
        pytest.param("حذر المرصد من استمرار القصف على بلدة كفرنبل.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported")}, {("sy-kafr-nabl", "shelling", "warned")},
                     id="ar-continuation-in-the-same-clause"),
        pytest.param("Heavy clashes in Kafr Nabl forced residents to escape to Saraqib overnight.", "en",
                     {("sy-kafr-nabl", "armed_clash", "reported")}, {("sy-saraqib", "armed_clash", "reported")},
                     id="en-escape-to-a-destination"),
    ],
)
def test_clause_scope_of_continuation_and_escape(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Residents of Khiam reported an air strike on Monday. The army denied, however, that it had "
                     "carried out any strike on Khiam.", "en",
                     {("lb-khiam", "airstrike", "reported"), ("lb-khiam", "airstrike", "denied")}, set(),
                     id="en-denied-however"),
        pytest.param("The army denied shelling Saraqib, but artillery hit Kafr Nabl later that day.", "en",
                     {("sy-saraqib", "shelling", "denied"), ("sy-kafr-nabl", "shelling", "reported")},
                     {("sy-kafr-nabl", "shelling", "denied")}, id="en-but-still-ends-a-scope"),
        pytest.param("Nine families in Jenin camp face eviction after a court ruling.", "en",
                     {("ps-jenin-camp", "displacement", "warned")}, {("ps-jenin-camp", "displacement", "reported")},
                     id="en-face-eviction"),
        pytest.param("باتت عشرات العائلات في مخيم جنين مهددة بالتهجير.", "ar",
                     {("ps-jenin-camp", "displacement", "warned")}, {("ps-jenin-camp", "displacement", "reported")},
                     id="ar-threatened-with-displacement"),
    ],
)
def test_discourse_contrast_and_threatened_eviction(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The army told residents of Khiam to leave, then warplanes struck the town.", "en",
                     {("lb-khiam", "displacement", "warned"), ("lb-khiam", "airstrike", "reported")},
                     {("lb-khiam", "airstrike", "warned")}, id="en-warned-then-struck"),
        pytest.param("حذّر المرصد من موجة نزوح جديدة من كفرنبل بعد قصف البلدة.", "ar",
                     {("sy-kafr-nabl", "displacement", "warned"), ("sy-kafr-nabl", "shelling", "reported")},
                     {("sy-kafr-nabl", "shelling", "warned")}, id="ar-warned-after-the-shelling"),
        pytest.param("Aid groups warned of more displacement from Saraqib following airstrikes on the town.", "en",
                     {("sy-saraqib", "displacement", "warned"), ("sy-saraqib", "airstrike", "reported")},
                     {("sy-saraqib", "airstrike", "warned")}, id="en-warned-following-strikes"),
        pytest.param("The army threatened to shell Saraqib in the coming days.", "en",
                     {("sy-saraqib", "shelling", "warned")}, {("sy-saraqib", "shelling", "reported")},
                     id="en-threatened-still-warns"),
    ],
)
def test_a_warning_does_not_reach_past_events_or_what_came_next(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param("ستقصف الطائرات بلدة كفرنبل إذا لم تنسحب الفصائل.", {("sy-kafr-nabl", "airstrike", "warned")},
                     {("sy-kafr-nabl", "airstrike", "reported")}, id="future-airstrike"),
        pytest.param("سيقصف الجيش بلدة كفرنبل خلال الأيام القادمة.", {("sy-kafr-nabl", "shelling", "warned")},
                     {("sy-kafr-nabl", "shelling", "reported")}, id="future-shelling"),
        pytest.param("وستنزح مئات العائلات من كفرنبل إذا استمر الوضع.", {("sy-kafr-nabl", "displacement", "warned")},
                     {("sy-kafr-nabl", "displacement", "reported")}, id="future-with-conjunction"),
        pytest.param("لن يقصف الجيش بلدة كفرنبل.", {("sy-kafr-nabl", "shelling", "denied")},
                     {("sy-kafr-nabl", "shelling", "warned")}, id="negated-future-is-denied"),
        pytest.param("يقصف الجيش بلدة كفرنبل منذ الصباح.", {("sy-kafr-nabl", "shelling", "reported")},
                     {("sy-kafr-nabl", "shelling", "warned")}, id="present-stays-reported"),
        pytest.param("انفجرت سيارة مفخخة في كفرنبل.", {("sy-kafr-nabl", "attack", "reported")},
                     {("sy-kafr-nabl", "attack", "warned")}, id="word-starting-with-seen-is-not-future"),
    ],
)
def test_arabic_future_tense_warns(geocoder, text, present, absent) -> None:
    got = triples(run(text, geocoder, "ar"))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The commander vowed to raid Jenin camp within days.", "en",
                     {("ps-jenin-camp", "armed_clash", "warned")}, {("ps-jenin-camp", "armed_clash", "reported")},
                     id="en-vowed-to"),
        pytest.param("The agency pledged to deliver aid to Saraqib next week.", "en",
                     {("sy-saraqib", "aid_access", "warned")}, {("sy-saraqib", "aid_access", "reported")},
                     id="en-pledged-to"),
        pytest.param("باتت القوات على وشك اقتحام مخيم جنين.", "ar",
                     {("ps-jenin-camp", "armed_clash", "warned")}, {("ps-jenin-camp", "armed_clash", "reported")},
                     id="ar-about-to"),
        pytest.param("أطلق وجهاء البلدة نداء لوقف إطلاق النار في كفرنبل.", "ar",
                     {("sy-kafr-nabl", "ceasefire", "called_for")}, {("sy-kafr-nabl", "ceasefire", "reported")},
                     id="ar-appeal"),
        pytest.param("The army refuted reports of shelling on Saraqib.", "en",
                     {("sy-saraqib", "shelling", "denied")}, {("sy-saraqib", "shelling", "reported")},
                     id="en-refuted"),
        pytest.param("Reports of a raid on Jenin camp were dismissed as rumours by the governor.", "en",
                     {("ps-jenin-camp", "armed_clash", "denied")}, {("ps-jenin-camp", "armed_clash", "reported")},
                     id="en-dismissed-as"),
    ],
)
def test_intentions_appeals_and_refutations(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param("أصيب طالب جامعي في قصف على بلدة كفرنبل.", {("sy-kafr-nabl", "shelling", "reported")},
                     {("sy-kafr-nabl", "shelling", "called_for")}, id="a-student-is-not-a-demand"),
        pytest.param("قُتل الطالب في غارة على كفرنبل.", {("sy-kafr-nabl", "airstrike", "reported")},
                     {("sy-kafr-nabl", "airstrike", "called_for")}, id="the-student"),
        pytest.param("قتل طالبان في غارة على كفرنبل.", {("sy-kafr-nabl", "airstrike", "reported")},
                     {("sy-kafr-nabl", "airstrike", "called_for")}, id="two-students"),
        pytest.param("طالب المجلس المحلي بإدخال المساعدات إلى كفرنبل.", {("sy-kafr-nabl", "aid_access", "called_for")},
                     {("sy-kafr-nabl", "aid_access", "reported")}, id="the-verb-still-demands"),
        pytest.param("طالبت المنظمة بوقف إطلاق النار في كفرنبل.", {("sy-kafr-nabl", "ceasefire", "called_for")},
                     set(), id="the-feminine-verb-still-demands"),
    ],
)
def test_idioms_silence_modality_words(geocoder, text, present, absent) -> None:
    got = triples(run(text, geocoder, "ar"))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("لم يتم السماح بدخول المساعدات إلى كفرنبل.", "ar", {("sy-kafr-nabl", "aid_access", "denied")},
                     {("sy-kafr-nabl", "aid_access", "called_for")}, id="ar-permission-not-given"),
        pytest.param("Families in Saraqib could not return after the shelling.", "en",
                     {("sy-saraqib", "return", "denied"), ("sy-saraqib", "shelling", "reported")},
                     {("sy-saraqib", "return", "warned"), ("sy-saraqib", "shelling", "denied")},
                     id="en-could-not-return-after-shelling"),
        pytest.param("Aid convoys cannot reach Saraqib because of the fighting.", "en",
                     {("sy-saraqib", "aid_access", "denied"), ("sy-saraqib", "armed_clash", "reported")},
                     {("sy-saraqib", "armed_clash", "denied")}, id="en-cannot-reach-because-of-fighting"),
        pytest.param("لم تتمكن القوافل من الوصول إلى كفرنبل بسبب القصف.", "ar",
                     {("sy-kafr-nabl", "aid_access", "denied"), ("sy-kafr-nabl", "shelling", "reported")},
                     {("sy-kafr-nabl", "shelling", "denied")}, id="ar-unable-because-of-shelling"),
        pytest.param("دعت المنظمة إلى السماح بدخول المساعدات إلى كفرنبل.", "ar",
                     {("sy-kafr-nabl", "aid_access", "called_for")}, {("sy-kafr-nabl", "aid_access", "denied")},
                     id="ar-call-to-allow-aid"),
    ],
)
def test_inability_permission_and_causes(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("حذرت الأمم المتحدة من كارثة إنسانية في كفرنبل بعد أسابيع من الحصار.", "ar",
                     {("sy-kafr-nabl", "siege", "reported")}, {("sy-kafr-nabl", "siege", "warned")},
                     id="ar-after-weeks-of-siege"),
        pytest.param("Aid groups warned of famine in Saraqib after months of siege.", "en",
                     {("sy-saraqib", "siege", "reported")}, {("sy-saraqib", "siege", "warned")},
                     id="en-after-months-of-siege"),
        pytest.param("The army warned it would strike Khiam after the deadline.", "en",
                     {("lb-khiam", "attack", "warned")}, {("lb-khiam", "attack", "reported")},
                     id="en-event-before-after-stays-warned"),
    ],
)
def test_after_a_period_of_an_event_it_is_past(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Shells hit Saraqib on Monday without causing casualties.", "en",
                     {("sy-saraqib", "shelling", "reported"), ("sy-saraqib", "casualties", "denied")},
                     {("sy-saraqib", "shelling", "denied"), ("sy-saraqib", "casualties", "reported")},
                     id="en-without-causing"),
        pytest.param("سقطت قذائف على كفرنبل دون أن تسفر عن إصابات.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-kafr-nabl", "casualties", "denied")},
                     {("sy-kafr-nabl", "casualties", "reported")}, id="ar-without-leading-to"),
        pytest.param("سقطت قذائف على كفرنبل ولم يصب أحد بأذى.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-kafr-nabl", "casualties", "denied")}, set(),
                     id="ar-nobody-hurt"),
        pytest.param("The strike on Saraqib did not cause any deaths.", "en",
                     {("sy-saraqib", "casualties", "denied")}, {("sy-saraqib", "casualties", "reported")},
                     id="en-did-not-cause-deaths"),
        pytest.param("The shelling of Saraqib caused heavy casualties.", "en",
                     {("sy-saraqib", "shelling", "reported"), ("sy-saraqib", "casualties", "reported")}, set(),
                     id="en-caused-casualties"),
        pytest.param("No shelling took place in Saraqib.", "en", {("sy-saraqib", "shelling", "denied")}, set(),
                     id="en-no-shelling-took-place-still-denied"),
    ],
)
def test_negated_consequences(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("NRC called on donors to fund shelters for families displaced from Saraqib.", "en",
                     {("sy-saraqib", "aid_access", "called_for"), ("sy-saraqib", "displacement", "reported")},
                     {("sy-saraqib", "displacement", "warned")}, id="en-displaced-families-inside-a-call"),
        pytest.param("دعت المنظمة إلى دعم النازحين من كفرنبل.", "ar",
                     {("sy-kafr-nabl", "displacement", "reported")}, {("sy-kafr-nabl", "displacement", "warned")},
                     id="ar-the-displaced-inside-a-call"),
        pytest.param("UNHCR warned that thousands more could be displaced from Saraqib.", "en",
                     {("sy-saraqib", "displacement", "warned")}, {("sy-saraqib", "displacement", "reported")},
                     id="en-could-be-displaced"),
    ],
)
def test_the_displaced_inside_a_call_are_displaced(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Troops are preparing to raid Jenin camp and have already shelled its outskirts.", "en",
                     {("ps-jenin-camp", "armed_clash", "warned"), ("ps-jenin-camp", "shelling", "reported")},
                     {("ps-jenin-camp", "shelling", "warned")}, id="en-preparing-and-already"),
        pytest.param("The army threatened to raid Jenin camp and shelled its outskirts.", "en",
                     {("ps-jenin-camp", "armed_clash", "warned"), ("ps-jenin-camp", "shelling", "reported")},
                     {("ps-jenin-camp", "shelling", "warned")}, id="en-threatened-and-shelled"),
        pytest.param("تستعد القوات لاقتحام مخيم جنين، وقد قصفت أطرافه صباح اليوم.", "ar",
                     {("ps-jenin-camp", "armed_clash", "warned"), ("ps-jenin-camp", "shelling", "reported")},
                     {("ps-jenin-camp", "shelling", "warned")}, id="ar-preparing-and-already"),
        pytest.param("هددت القوات باقتحام مخيم جنين وقصفت أطرافه.", "ar",
                     {("ps-jenin-camp", "armed_clash", "warned"), ("ps-jenin-camp", "shelling", "reported")},
                     {("ps-jenin-camp", "shelling", "warned")}, id="ar-threatened-and-shelled"),
        pytest.param("حذر الجيش من قصف بلدة كفرنبل.", "ar", {("sy-kafr-nabl", "shelling", "warned")},
                     {("sy-kafr-nabl", "shelling", "reported")}, id="ar-warned-of-shelling-the-noun"),
        pytest.param("حذر المرصد من أن القصف قد يؤدي إلى نزوح العائلات من كفرنبل.", "ar",
                     {("sy-kafr-nabl", "displacement", "warned")}, {("sy-kafr-nabl", "displacement", "reported")},
                     id="ar-may-lead-to-displacement"),
    ],
)
def test_a_threat_does_not_reach_what_already_happened(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got
