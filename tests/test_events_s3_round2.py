"""Session 3, round 2: event types and modality on general phenomena found on a second real set, each shown
on invented sentences (none is copied from a real, gold or held-out report). Built-in gazetteer and lexicon."""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Extraction, Report


def run(text: str, geocoder: Geocoder, language: str) -> Extraction:
    rep = Report(report_id="s3r2", url="test:", source_name=None, title=None, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return extract_report(rep, geocoder)


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(m.place_id, m.event_type, m.modality) for m in ex.mentions}


def check(geocoder: Geocoder, text: str, language: str, present: set, absent: set) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("أصيب رجل إثر غارة جوية استهدفت أطراف مدينة إدلب، تزامناً مع قصف مماثل على بلدة سراقب.", "ar",
                     {("sy-saraqib", "airstrike", "reported")}, {("sy-saraqib", "shelling", "reported")},
                     id="ar-similar-bombardment-after-airstrike"),
        pytest.param("A child was hurt when an airstrike hit Saraqib, and a similar bombardment struck Ariha.", "en",
                     {("sy-ariha", "airstrike", "reported")}, {("sy-ariha", "shelling", "reported")},
                     id="en-similar-bombardment-after-airstrike"),
        pytest.param("صعّد الطيران الحربي من حملته على ريف إدلب، وقصف بلدة سراقب ومدينة أريحا.", "ar",
                     {("sy-saraqib", "airstrike", "reported"), ("sy-ariha", "airstrike", "reported")},
                     {("sy-saraqib", "shelling", "reported")}, id="ar-aircraft-actor-bombards"),
        pytest.param("قصفت الطائرات الحربية سراقب، وقصفت المدفعية مدينة أريحا.", "ar",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="ar-artillery-after-aircraft-stays-shelling"),
        pytest.param("Warplanes struck Saraqib while army troops bombarded Ariha.", "en",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="en-ground-forces-after-aircraft-stay-shelling"),
        pytest.param("قصف مدفعي على بلدة سراقب وقصف مماثل على مدينة أريحا.", "ar",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="ar-similar-after-shelling-stays-shelling"),
        pytest.param("Warplanes pressed on with their campaign over Idlib and bombarded Saraqib.", "en",
                     {("sy-saraqib", "airstrike", "reported")}, {("sy-saraqib", "shelling", "reported")},
                     id="en-aircraft-actor-second-verb"),
        pytest.param("Warplanes struck Saraqib on Monday, a day after the bombardment of Ariha.", "en",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="en-bombardment-after-a-past-cause-stays-shelling"),
        pytest.param("Warplanes struck Saraqib, while the bombardment of Ariha continued.", "en",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="en-bombardment-after-contrast-stays-shelling"),
        pytest.param("Warplanes struck Saraqib, and rebels bombarded Ariha.", "en",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="en-another-actor-stays-shelling"),
        pytest.param("شنت الطائرات الحربية غارات على سراقب، بينما تواصل قصف الفصائل لأريحا.", "ar",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="ar-bombardment-after-contrast-stays-shelling"),
        pytest.param("Airstrikes and shelling hit Saraqib overnight.", "en",
                     {("sy-saraqib", "shelling", "reported"), ("sy-saraqib", "airstrike", "reported")}, set(),
                     id="en-two-means-side-by-side"),
    ],
)
def test_means_of_a_bare_bombardment(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Residents of Saraqib fear the militias will escalate their attacks.", "en",
                     {("sy-saraqib", "attack", "reported")}, {("sy-saraqib", "attack", "warned")},
                     id="en-escalation-presupposes-attacks"),
        pytest.param("The agency urged donors to act as the militias stepped up their raids on Saraqib.", "en",
                     {("sy-saraqib", "armed_clash", "reported")}, {("sy-saraqib", "armed_clash", "called_for")},
                     id="en-stepped-up-raids-inside-call"),
        pytest.param("حذر الأهالي من تصعيد القصف على بلدة سراقب.", "ar",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "shelling", "warned")},
                     id="ar-escalation-presupposes-shelling"),
        pytest.param("Mediators are racing to avert an offensive on Saraqib.", "en",
                     {("sy-saraqib", "attack", "warned")}, {("sy-saraqib", "attack", "reported")},
                     id="en-avert-is-a-threat"),
        pytest.param("Talks failed to agree on a truce for Saraqib.", "en",
                     {("sy-saraqib", "ceasefire", "denied")}, {("sy-saraqib", "ceasefire", "reported")},
                     id="en-failed-to-agree-truce"),
        pytest.param("The army failed to stop the shelling of Saraqib.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "shelling", "denied")},
                     id="en-failed-to-stop-affirms"),
        pytest.param("حذّرت الأمم المتحدة من أن المساعدات لم تصل إلى سراقب منذ أسبوع.", "ar",
                     {("sy-saraqib", "aid_access", "denied")}, {("sy-saraqib", "aid_access", "warned")},
                     id="ar-past-negation-under-warning-is-denial"),
        pytest.param("The UN warned that aid convoys would not reach Saraqib this week.", "en",
                     {("sy-saraqib", "aid_access", "warned")}, set(),
                     id="en-future-negation-under-warning-stays-warned"),
    ],
)
def test_modality_scope(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The agency reported continued damage to shelters in Saraqib.", "en",
                     set(), {("sy-saraqib", "aid_access", "reported")}, id="en-damaged-shelters-no-aid"),
        pytest.param("Two schools used as shelters in Saraqib were hit overnight.", "en",
                     set(), {("sy-saraqib", "aid_access", "reported")}, id="en-shelters-were-hit-no-aid"),
        pytest.param("استهدفت الطائرات الحربية مركزاً لإيواء النازحين في سراقب.", "ar",
                     {("sy-saraqib", "airstrike", "reported")}, {("sy-saraqib", "aid_access", "reported")},
                     id="ar-targeted-shelter-no-aid"),
        pytest.param("The agency opened shelters in Saraqib for families whose homes were destroyed.", "en",
                     {("sy-saraqib", "aid_access", "reported")}, set(), id="en-opened-shelters-still-aid"),
        pytest.param("فتحت البلدية مراكز إيواء في سراقب للفارين من القصف.", "ar",
                     {("sy-saraqib", "aid_access", "reported")}, set(), id="ar-opened-shelters-still-aid"),
        pytest.param("Residents of Saraqib dismantled homes and animal shelters.", "en",
                     set(), {("sy-saraqib", "aid_access", "reported")}, id="en-animal-shelters"),
        pytest.param("The donors cut military aid to the army in Saraqib.", "en",
                     set(), {("sy-saraqib", "aid_access", "reported")}, id="en-military-aid"),
        pytest.param("أقيمت المباراة على ملعب الشهيد في مدينة سراقب.", "ar",
                     set(), {("sy-saraqib", "casualties", "reported")}, id="ar-place-named-after-martyr"),
        pytest.param("استشهد شاب في قصف على سراقب.", "ar",
                     {("sy-saraqib", "casualties", "reported")}, set(), id="ar-martyr-verb-still-casualty"),
        pytest.param("Aid workers reached previously evacuated areas around Saraqib.", "en",
                     set(), {("sy-saraqib", "displacement", "reported")}, id="en-previously-evacuated-background"),
        pytest.param("As previously reported, shelling hit Saraqib.", "en",
                     {("sy-saraqib", "shelling", "reported")}, set(), id="en-previously-reported-not-history"),
        pytest.param("Shelling hit Saraqib; it was not immediately clear if there were any injuries.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "casualties", "reported")},
                     id="en-not-clear-if-injuries"),
        pytest.param("سقطت قذائف على سراقب، ولم يتضح إن كانت هناك إصابات.", "ar",
                     set(), {("sy-saraqib", "casualties", "reported")}, id="ar-not-clear-if-injuries"),
    ],
)
def test_no_event_readings(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Militants exchanged fire with the army near Saraqib in the 1970s.", "en",
                     set(), {("sy-saraqib", "armed_clash", "reported")}, id="en-decade-long-past"),
        pytest.param("In the 1980s, thousands fled Saraqib.", "en",
                     set(), {("sy-saraqib", "displacement", "reported")}, id="en-decade-first"),
        pytest.param("نزح آلاف من سراقب في ثمانينيات القرن الماضي.", "ar",
                     set(), {("sy-saraqib", "displacement", "reported")}, id="ar-decade-of-last-century"),
        pytest.param("نزح آلاف من سراقب في الثمانينيات.", "ar",
                     set(), {("sy-saraqib", "displacement", "reported")}, id="ar-decade"),
        pytest.param("Shelling hit Saraqib on Monday, residents said.", "en",
                     {("sy-saraqib", "shelling", "reported")}, set(), id="en-no-decade-reported"),
    ],
)
def test_background_decades(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("ألقت طائرات حربية منشورات فوق سراقب تدعو السكان إلى المغادرة.", "ar",
                     {("sy-saraqib", "displacement", "warned")}, {("sy-saraqib", "airstrike", "reported")},
                     id="ar-aircraft-dropping-leaflets"),
        pytest.param("Warplanes dropped leaflets over Saraqib urging residents to leave.", "en",
                     {("sy-saraqib", "displacement", "warned")}, {("sy-saraqib", "airstrike", "reported")},
                     id="en-aircraft-dropping-leaflets"),
        pytest.param("Warplanes dropped leaflets over Saraqib and then struck the market, killing two.", "en",
                     {("sy-saraqib", "airstrike", "reported")}, set(), id="en-leaflets-then-strike"),
        pytest.param("أعلن الجيش مهاجمة منصات صواريخ في سراقب.", "ar",
                     {("sy-saraqib", "attack", "reported")}, {("sy-saraqib", "shelling", "reported")},
                     id="ar-launchers-are-a-target"),
        pytest.param("The army said it struck rocket launchers near Saraqib.", "en",
                     set(), {("sy-saraqib", "shelling", "reported")}, id="en-launchers-are-a-target"),
    ],
)
def test_aircraft_and_weapons_not_striking(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("قصفت الطائرات بلدة سراقب، ما أدى لأضرار مادية فقط.", "ar",
                     {("sy-saraqib", "casualties", "denied")}, {("sy-saraqib", "casualties", "reported")},
                     id="ar-material-damage-only"),
        pytest.param("سقطت قذيفة على سراقب واقتصرت الأضرار على الماديات.", "ar",
                     {("sy-saraqib", "casualties", "denied"), ("sy-saraqib", "shelling", "reported")}, set(),
                     id="ar-damage-limited-to-property"),
        pytest.param("A shell hit Saraqib, causing material damage only.", "en",
                     {("sy-saraqib", "casualties", "denied"), ("sy-saraqib", "shelling", "reported")}, set(),
                     id="en-material-damage-only"),
        pytest.param("تسبب القصف بأضرار مادية كبيرة في سراقب وسقوط جرحى.", "ar",
                     {("sy-saraqib", "casualties", "reported")}, {("sy-saraqib", "casualties", "denied")},
                     id="ar-material-damage-and-wounded"),
    ],
)
def test_negative_phrases(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The question is whether the displaced families of Saraqib will be allowed to return.", "en",
                     set(), {("sy-saraqib", "return", "called_for"), ("sy-saraqib", "return", "warned"),
                             ("sy-saraqib", "return", "reported")}, id="en-whether-open-question"),
        pytest.param("Families from Saraqib are unsure if they will be able to return home.", "en",
                     set(), {("sy-saraqib", "return", "warned"), ("sy-saraqib", "return", "reported")},
                     id="en-unsure-if-open-question"),
        pytest.param("لا يعرف الأهالي ما إذا كان سيسمح لهم بالعودة إلى سراقب.", "ar",
                     set(), {("sy-saraqib", "return", "warned"), ("sy-saraqib", "return", "reported")},
                     id="ar-ma-idha-open-question"),
        pytest.param("Families returned to Saraqib on Monday, whether or not the road was open.", "en",
                     {("sy-saraqib", "return", "reported")}, set(), id="en-whether-after-the-event"),
    ],
)
def test_open_questions(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)
