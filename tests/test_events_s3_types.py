"""Session 3: event-type boundaries, each shown on invented sentences (none is copied from a real, gold or
held-out report), with the built-in gazetteer and lexicon.

- A bombardment, gunfire or raid word next to the aircraft that carried it out is that aircraft's strike
  (docs/taxonomy.md: "قصف" is shelling unless its means is aerial; a drone's strike is a drone strike).
- Barrel bombs are dropped from aircraft: an air strike.
- The unspecified attack word yields to a specific type only when both name the same violence, not when
  each has its own place ("shelling on A coincided with attacks on B").
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Extraction, Report


def run(text: str, geocoder: Geocoder, language: str) -> Extraction:
    rep = Report(report_id="s3t", url="test:", source_name=None, title=None, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return extract_report(rep, geocoder)


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(m.place_id, m.event_type, m.modality) for m in ex.mentions}


@pytest.mark.parametrize(
    ("text", "language", "present", "absent_types"),
    [
        pytest.param("قُتل رجل في قصف شنّته طائرة مسيّرة على أطراف بلدة الخيام.", "ar",
                     {("lb-khiam", "drone_strike", "reported")}, {"shelling"}, id="ar-bombardment-by-drone"),
        pytest.param("أصيب ثلاثة مدنيين في إطلاق نار من مسيّرات على مخيم جباليا.", "ar",
                     {("ps-jabalia-camp", "drone_strike", "reported")}, {"armed_clash"}, id="ar-gunfire-from-drones"),
        pytest.param("أدت غارة بمسيّرة على بلدة الخيام إلى مقتل شخصين.", "ar",
                     {("lb-khiam", "drone_strike", "reported")}, {"airstrike"}, id="ar-raid-by-drone"),
        pytest.param("Israeli drones opened fire on fishermen off Jabalia camp on Monday.", "en",
                     {("ps-jabalia-camp", "drone_strike", "reported")}, {"armed_clash"}, id="en-drones-opened-fire"),
        pytest.param("Two people were hurt by gunfire from a drone in Khiam.", "en",
                     {("lb-khiam", "drone_strike", "reported")}, {"armed_clash"}, id="en-gunfire-from-drone"),
        pytest.param("ألقت مروحيات براميل متفجرة على بلدة كفرنبل فجر اليوم.", "ar",
                     {("sy-kafr-nabl", "airstrike", "reported")}, {"shelling"}, id="ar-barrel-bombs"),
        pytest.param("تعرضت كفرنبل لقصف بالبراميل المتفجرة.", "ar",
                     {("sy-kafr-nabl", "airstrike", "reported")}, {"shelling"}, id="ar-bombardment-with-barrels"),
        pytest.param("Helicopters dropped barrel bombs on Kafr Nabl.", "en",
                     {("sy-kafr-nabl", "airstrike", "reported")}, set(), id="en-barrel-bombs"),
    ],
)
def test_the_means_decides_the_type(geocoder, text, language, present, absent_types) -> None:
    ex = run(text, geocoder, language)
    got = triples(ex)
    assert present <= got, got
    assert not {t for _, t, _ in got} & absent_types, got


@pytest.mark.parametrize(
    ("text", "language", "present"),
    [
        pytest.param("تعرضت بلدة كفرنبل لقصف وغارات جوية عنيفة.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-kafr-nabl", "airstrike", "reported")},
                     id="ar-coordinated-shelling-and-raids"),
        pytest.param("Kafr Nabl came under shelling and drone strikes overnight.", "en",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-kafr-nabl", "drone_strike", "reported")},
                     id="en-coordinated-shelling-and-drones"),
        pytest.param("قصفت المدفعية بلدة كفرنبل، فيما حلقت طائرات مسيّرة في أجوائها.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported")}, id="ar-drone-in-another-clause"),
        pytest.param("Troops opened fire on protesters in Khiam as a drone flew over the town.", "en",
                     {("lb-khiam", "armed_clash", "reported")}, id="en-ground-fire-drone-elsewhere"),
    ],
)
def test_separate_means_stay_separate_events(geocoder, text, language, present) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("ويتزامن القصف على بلدة كفرنبل مع استمرار الهجمات على بلدة سراقب.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-saraqib", "attack", "reported")},
                     {("sy-saraqib", "shelling", "reported")}, id="ar-shelling-here-attacks-there"),
        pytest.param("The shelling of Kafr Nabl came as attacks on Saraqib went on.", "en",
                     {("sy-kafr-nabl", "shelling", "reported"), ("sy-saraqib", "attack", "reported")},
                     {("sy-saraqib", "shelling", "reported")}, id="en-shelling-here-attacks-there"),
        pytest.param("القصف المدفعي الذي استهدف بلدة كفرنبل أوقع أضراراً.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported")}, {("sy-kafr-nabl", "attack", "reported")},
                     id="ar-one-event-named-twice"),
        pytest.param("Artillery shelled Saraqib in an attack that lasted two hours.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "attack", "reported")},
                     id="en-one-event-named-twice"),
    ],
)
def test_attack_yields_only_to_the_same_event(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "aid_expected"),
    [
        pytest.param("Families from Khiam had sought shelter in an olive grove after the raid.", "en", False,
                     id="en-sought-shelter"),
        pytest.param("Residents of Saraqib slept outdoors; the shelters were full.", "en", False,
                     id="en-shelters-full"),
        pytest.param("The fighting caused shortages of water, food and shelter in Saraqib.", "en", False,
                     id="en-shortage-of-shelter"),
        pytest.param("تعاني مراكز الإيواء في سراقب من اكتظاظ شديد.", "ar", False, id="ar-crowded-shelters"),
        pytest.param("The council opened two shelters in Saraqib for families from the south.", "en", True,
                     id="en-shelters-opened"),
        pytest.param("Thousands are seeking shelter in collective centres in Saraqib.", "en", True,
                     id="en-collective-centres"),
        pytest.param("افتتحت البلدية مركز إيواء في سراقب لاستقبال العائلات النازحة.", "ar", True,
                     id="ar-shelter-opened"),
    ],
)
def test_a_shelter_provided_is_aid_a_shelter_sought_is_not(geocoder, text, language, aid_expected) -> None:
    got = triples(run(text, geocoder, language))
    if aid_expected:
        assert ("sy-saraqib", "aid_access", "reported") in got, got
    else:
        assert not any(t == "aid_access" for _, t, _ in got), got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("أُخليت بيوت مخيم جباليا ومُنعت العائلات من العودة.", "ar",
                     {("ps-jabalia-camp", "displacement", "reported"), ("ps-jabalia-camp", "return", "denied")},
                     set(), id="ar-evacuated-and-barred-from-returning"),
        pytest.param("Families were evacuated from Khiam and barred from returning home.", "en",
                     {("lb-khiam", "displacement", "reported"), ("lb-khiam", "return", "denied")},
                     set(), id="en-evacuated-and-barred-from-returning"),
        pytest.param("غادر السكان المخيم للعودة إلى منازلهم في كفرنبل.", "ar",
                     {("sy-kafr-nabl", "return", "reported")}, {("sy-kafr-nabl", "displacement", "reported")},
                     id="ar-leaving-to-return-stays-a-return"),
        pytest.param("أخلت القوات سكان مخيم جباليا بالقوة.", "ar",
                     {("ps-jabalia-camp", "displacement", "reported")}, set(), id="ar-akhlat-past-tense"),
        pytest.param("The armed group has evacuated its offices and positions in Saraqib.", "en",
                     set(), {("sy-saraqib", "displacement", "reported")}, id="en-group-evacuates-its-positions"),
        pytest.param("أصدر الجيش إنذاراً لسكان بلدة الخيام محذراً من ضرب أهداف فيها.", "ar",
                     {("lb-khiam", "attack", "warned")}, {("lb-khiam", "attack", "reported")},
                     id="ar-striking-targets-warned"),
        pytest.param("Forces raided Jenin camp at dawn. Hours later a large explosion was heard in Jenin camp.", "en",
                     {("ps-jenin-camp", "armed_clash", "reported"), ("ps-jenin-camp", "attack", "reported")},
                     set(), id="en-explosion-after-raid-is-its-own-event"),
        pytest.param("Mortar shells hit Saraqib on Monday. The explosion damaged two houses in Saraqib.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "attack", "reported")},
                     id="en-explosion-after-shells-refers-back"),
    ],
)
def test_evacuations_strikes_and_explosions(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent_places"),
    [
        pytest.param("اشتباكات عنيفة في مخيم جباليا.\n\nوقد استخدمت في الاشتباكات القذائف، ما أدى إلى إصابة لاجئ من "
                     "أبناء مخيم جنين.", "ar",
                     {("ps-jabalia-camp", "shelling", "reported")}, {"ps-jenin-camp"}, id="ar-native-of-a-camp"),
        pytest.param("Clashes broke out in Jabalia camp. A young man originally from Jenin camp was wounded.", "en",
                     {("ps-jabalia-camp", "armed_clash", "reported")}, {"ps-jenin-camp"}, id="en-originally-from"),
    ],
)
def test_where_a_person_comes_from_is_not_an_event_place(geocoder, text, language, present, absent_places) -> None:
    ex = run(text, geocoder, language)
    assert present <= triples(ex), triples(ex)
    assert not {m.place_id for m in ex.mentions} & absent_places, triples(ex)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("About 200 refugees returned on Monday from Lebanon to Saraqib.", "en",
                     {("sy-saraqib", "return", "reported")}, {("lb", "return", "reported")},
                     id="en-returned-from-a-country-to-a-town"),
        pytest.param("عادت عشرات العائلات من لبنان إلى بلدة كفرنبل.", "ar",
                     {("sy-kafr-nabl", "return", "reported")}, {("lb", "return", "reported")},
                     id="ar-returned-from-a-country-to-a-town"),
    ],
)
def test_the_place_returnees_came_back_from_is_not_a_return_place(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "present", "absent_types"),
    [
        pytest.param("قصفت المروحيات بلدة كفرنبل صباح اليوم.", {("sy-kafr-nabl", "airstrike", "reported")}, {"shelling"},
                     id="helicopters-bombard"),
        pytest.param("نقلت مروحية إسعاف الجرحى من كفرنبل.", {("sy-kafr-nabl", "casualties", "reported")}, {"airstrike"},
                     id="ambulance-helicopter"),
        pytest.param("حلقت مروحيات فوق كفرنبل طوال الليل.", set(), {"airstrike"}, id="helicopters-flying-over"),
    ],
)
def test_helicopters(geocoder, text, present, absent_types) -> None:
    got = triples(run(text, geocoder, "ar"))
    assert present <= got, got
    assert not {t for _, t, _ in got} & absent_types, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("The municipality issued demolition orders for 12 homes in Jenin camp.", "en",
                     {("ps-jenin-camp", "demolition", "warned")}, {("ps-jenin-camp", "demolition", "reported")},
                     id="en-demolition-orders"),
        pytest.param("سلمت سلطات الاحتلال إخطارات بالهدم لعائلات في مخيم جنين.", "ar",
                     {("ps-jenin-camp", "demolition", "warned")}, {("ps-jenin-camp", "demolition", "reported")},
                     id="ar-demolition-notices"),
        pytest.param("Bulldozers demolished homes in Jenin camp that had received demolition notices.", "en",
                     {("ps-jenin-camp", "demolition", "reported"), ("ps-jenin-camp", "demolition", "warned")}, set(),
                     id="en-demolished-after-notices"),
    ],
)
def test_demolition_orders_are_warnings(geocoder, text, language, present, absent) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got
