"""geo.geocoder precision rules: locators after a name, common words, hashtags, names inside longer names.

Invented sentences (never text from real reports). Each table has the case that must not match and,
where it helps, the control case that must.
"""

from __future__ import annotations

import pytest

from geo.geocoder import Geocoder
from geo.normalize import normalize_text
from geo.types import PlaceMatch


def located(matches: list[PlaceMatch]) -> set[str]:
    return {m.place_id for m in matches if not m.is_actor}


# (text, place that must be found, place that must not be found); "" for none.
LOCATORS = [
    pytest.param("قصف استهدف منزلا في حي الزهور شمال رفح", "ps-rafah", "sy-aleppo-zuhour",
                 id="ar-direction-vetoes-other-city"),
    pytest.param("قصف استهدف منزلا في حي الزهور بحلب", "sy-aleppo-zuhour", "", id="ar-clitic-ba-keeps-own-city"),
    pytest.param("ازدحام في سوق الهال في مدينة حماة", "sy-hama", "sy-aleppo-kallaseh",
                 id="ar-fi-madina-vetoes"),
    pytest.param("ازدحام في سوق الهال في مدينة حماة. وقال تاجر في سوق الهال إن الأسعار انخفضت", "sy-hama",
                 "sy-aleppo-kallaseh", id="ar-one-sense-per-text"),
    pytest.param("ازدحام في سوق الهال بحلب", "sy-aleppo-kallaseh", "", id="ar-market-in-its-own-city"),
    pytest.param("اشتباكات في حي الميدان في حلب", "sy-aleppo-midan", "sy-damascus-midan",
                 id="ar-locator-chooses-between-homonyms"),
    pytest.param("اشتباكات في حي الميدان في دمشق", "sy-damascus-midan", "sy-aleppo-midan",
                 id="ar-locator-chooses-damascus"),
    pytest.param("Shelling hit the Zuhour neighbourhood, north of Rafah", "ps-rafah", "sy-aleppo-zuhour",
                 id="en-comma-north-of"),
    pytest.param("Shelling hit the Zuhour neighbourhood in Rafah", "ps-rafah", "sy-aleppo-zuhour",
                 id="en-in-city"),
    pytest.param("Shelling hit the Zuhour neighbourhood (Rafah)", "ps-rafah", "sy-aleppo-zuhour",
                 id="en-brackets"),
    pytest.param("Shelling hit the Midan neighbourhood in Damascus", "sy-damascus-midan", "sy-aleppo-midan",
                 id="en-in-chooses-homonym"),
    pytest.param("قصف على بلدة نحلة في البقاع", "lb-nahleh", "", id="ar-loose-governorate-same-country"),
    pytest.param("Strikes on Jabalia in Gaza", "ps-jabalia", "", id="en-town-in-region"),
    pytest.param("قصف على تل تمر شمال غربي الحسكة", "sy-tal-tamr", "", id="ar-town-same-governorate"),
    pytest.param("Refugees from Syria in Lebanon", "sy", "", id="en-coarser-name-is-not-located"),
    pytest.param("Traffic on the Beirut-Damascus road", "lb-beirut", "", id="en-hyphen-is-not-a-locator"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), LOCATORS)
def test_locator_after_a_name(geocoder: Geocoder, text: str, wanted: str, unwanted: str) -> None:
    found = located(geocoder.find(text))
    assert wanted in found
    if unwanted:
        assert unwanted not in found


COMMON_WORDS = [
    pytest.param("سقط ضحايا في ريف المحافظة الشمالي", "sy-aleppo-mohafaza", id="ar-rif-al-muhafaza"),
    pytest.param("يقيم آلاف العائلات اللاجئة، لبنانية وسورية، في المدارس", "sy",
                 id="ar-coordinated-adjective-soft"),
    pytest.param("أكثر من ألف عائلة لبنانية وسورية في مراكز الإيواء", "sy", id="ar-coordinated-adjective"),
    pytest.param("The area has seen a surge in gunfire", "sy-has", id="en-lower-case-has"),
    pytest.param("Families were evicted from the Jabal al-Nasr area", "ps-gaza-city-nasr",
                 id="en-jabal-head-word"),
    pytest.param("An air strike on the Kroum al-Marah neighbourhood", "sy-maarat-al-numan",
                 id="en-kroum-head-word"),
    pytest.param("قصف أحياء المشهد وباب النيرب", "sy-aleppo-nayrab", id="ar-bab-head-word-with-clitic"),
    pytest.param("said an activist who goes by the name of Ahmad Ariha", "sy-ariha", id="en-given-name-head"),
    pytest.param("Soldiers used a ram to break the door in Idlib", "ps-al-ram", id="en-lower-case-word-in-prose"),
]


@pytest.mark.parametrize(("text", "unwanted"), COMMON_WORDS)
def test_common_word_or_part_of_a_longer_name_is_not_the_place(geocoder: Geocoder, text: str,
                                                                 unwanted: str) -> None:
    assert unwanted not in located(geocoder.find(text))


CONTROLS = [
    pytest.param("قصف على حي المحافظة في حلب", "sy-aleppo-mohafaza", id="ar-hay-al-muhafaza"),
    pytest.param("نزح آلاف المدنيين إلى سورية", "sy", id="ar-syria-with-ta-marbuta"),
    pytest.param("عائلات نزحت من لبنان وسورية", "sy", id="ar-coordinated-with-a-country"),
    pytest.param("Shelling hit Has in the Idlib countryside", "sy-has", id="en-capitalised-has"),
    pytest.param("قصف على حي الميدان بدمشق", "sy-damascus-midan", id="ar-cue-and-city"),
    pytest.param("قصف على بلدة بيت حانون", "ps-beit-hanoun", id="ar-full-name-with-head-word"),
    pytest.param("Strikes hit Al-Ram and Idlib", "ps-al-ram", id="en-capitalised-ram"),
    pytest.param("strikes hit al-ram before dawn", "ps-al-ram", id="en-all-lower-case-text"),
    pytest.param("Shelling on #aleppo today", "sy-aleppo", id="en-lower-case-hashtag"),
]


@pytest.mark.parametrize(("text", "wanted"), CONTROLS)
def test_control_cases_still_match(geocoder: Geocoder, text: str, wanted: str) -> None:
    assert wanted in located(geocoder.find(text))


HASHTAGS = [
    pytest.param("قصف على مدينة #تل_رفعت بريف #حلب الشمالي", "#تل_رفعت", "sy-tal-rifaat", id="ar-hashtag"),
    pytest.param("Shelling on #Tal_Rifaat today", "Tal_Rifaat", "sy-tal-rifaat", id="en-hashtag"),
    pytest.param("قصف على #حلب", "#حلب", "sy-aleppo", id="ar-one-word-hashtag"),
]


@pytest.mark.parametrize(("text", "written", "wanted"), HASHTAGS)
def test_hashtag_words_joined_by_underscores(geocoder: Geocoder, text: str, written: str, wanted: str) -> None:
    matches = {m.place_id: m for m in geocoder.find(text)}
    assert wanted in matches
    m = matches[wanted]
    assert text[m.start : m.end] == m.text
    assert m.text == written.lstrip("#")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("#تل_رفعت", "تل رفعت", id="ar-underscore-is-a-space"),
    pytest.param("snake_case", "snake case", id="latin-underscore-is-a-space"),
    pytest.param("بريف #حلب", "بريف حلب", id="hash-is-a-space"),
    pytest.param("حلب، #إدلب", "حلب|ادلب", id="comma-still-stops"),
])
def test_hashtag_normalisation(text: str, expected: str) -> None:
    assert normalize_text(text).text == expected


# (text, place that must not be found: its country is never named, other countries' towns are;
#  or, with "!", the control: the place's own country is in the text)
COUNTRY_CONTEXT = [
    pytest.param("هدمت قوات الاحتلال منشآت زراعية في عين الحلوة، وأخطرت عائلات في بلدة قرب جنين",
                 "lb-ain-el-hilweh-camp", id="ar-lebanese-camp-name-in-a-west-bank-report"),
    pytest.param("غارة على عين الحلوة قرب صيدا", "!lb-ain-el-hilweh-camp", id="ar-camp-with-its-city"),
    pytest.param("Families walked along Salah al-Din street from Khan Younis to Rafah",
                 "sy-aleppo-salaheddine", id="en-aleppo-neighbourhood-name-in-a-gaza-report"),
    pytest.param("Clashes in the countryside of Deir ez-Zor displaced families living on the West Bank",
                 "ps-west-bank", id="en-river-bank-in-a-syrian-report"),
    pytest.param("Raids in the West Bank city of Jenin", "!ps-west-bank", id="en-west-bank-with-jenin"),
    pytest.param("Palestinian refugees from Syria were sheltered in Ain al-Hilweh camp, and others in Aleppo",
                 "!lb-ain-el-hilweh-camp", id="en-name-with-its-kind-is-distinctive"),
    pytest.param("نزحت عائلات من لبنان إلى مخيم اليرموك", "!sy-yarmouk-camp",
                 id="ar-a-named-country-is-not-evidence-against"),
]


@pytest.mark.parametrize(("text", "place_id"), COUNTRY_CONTEXT)
def test_lone_neighbourhood_name_of_a_country_the_text_never_names(geocoder: Geocoder, text: str,
                                                                    place_id: str) -> None:
    found = located(geocoder.find(text))
    if place_id.startswith("!"):
        assert place_id[1:] in found
    else:
        assert place_id not in found



LISTS_AND_ROLES = [
    pytest.param("هدم منازل في محافظتي رام الله وأريحا", {"ps-gov-ramallah", "ps-gov-jericho"},
                 {"ps-ramallah", "sy-ariha"}, id="ar-dual-governorate-cue-covers-the-list"),
    pytest.param("اقتحامات في محافظات الخليل وبيت لحم", {"ps-gov-hebron", "ps-gov-bethlehem"},
                 {"ps-hebron", "ps-bethlehem"}, id="ar-plural-governorate-cue"),
    pytest.param("قصف أحياء الأشرفية والميدان في حلب", {"sy-aleppo-ashrafieh", "sy-aleppo-midan"}, set(),
                 id="ar-plural-neighbourhood-cue-unchanged"),
    pytest.param("Most displaced people are now in Idlib and Aleppo governorates", {"sy-gov-idlib", "sy-gov-aleppo"},
                 {"sy-idlib", "sy-aleppo"}, id="en-plural-cue-after-the-list"),
    pytest.param("Strikes in Homs, Hama and Idlib provinces", {"sy-gov-homs", "sy-gov-hama", "sy-gov-idlib"},
                 {"sy-homs", "sy-hama", "sy-idlib"}, id="en-provinces-after-a-comma-list"),
    pytest.param("Shelling hit northern Rafah and the eastern Aleppo neighbourhoods", {"ps-rafah", "sy-aleppo"},
                 {"ps-gov-rafah", "sy-gov-aleppo"}, id="en-direction-adjective-keeps-the-city"),
    pytest.param("A raid on the camp of Nur Shams, east of the city of Tulkarm. The camp was besieged",
                 {"ps-nur-shams-camp", "ps-tulkarm"}, {"ps-tulkarm-camp"}, id="en-city-cue-is-not-the-camp"),
    pytest.param("Strikes on Nuseirat; the camp market was hit", {"ps-nuseirat-camp"}, set(),
                 id="en-town-then-the-camp-still-the-camp"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), LISTS_AND_ROLES)
def test_cues_cover_lists_and_keep_their_kind(geocoder: Geocoder, text: str, wanted: set[str],
                                              unwanted: set[str]) -> None:
    found = located(geocoder.find(text))
    assert wanted <= found
    assert not unwanted & found


@pytest.mark.parametrize(("text", "actors", "places"), [
    pytest.param("تعثرت المفاوضات بين دمشق وقوات سوريا الديمقراطية", {"sy-damascus"}, set(),
                 id="ar-talks-between"),
    pytest.param("Talks between Beirut and Damascus stalled", {"lb-beirut", "sy-damascus"}, set(),
                 id="en-talks-between-covers-the-pair"),
    pytest.param("نزح الأهالي بين دمشق وحمص", set(), {"sy-damascus", "sy-homs"}, id="ar-between-places"),
])
def test_parties_to_talks_are_actors(geocoder: Geocoder, text: str, actors: set[str], places: set[str]) -> None:
    matches = geocoder.find(text)
    assert actors <= {m.place_id for m in matches if m.is_actor}
    assert places <= located(matches)


@pytest.mark.parametrize(("text", "wanted"), [
    pytest.param("انتشلت فرق الدفاع المدني الضحايا في حي الشيخ علي قرب أريحا", "sy-sheikh-ali-ariha",
                 id="ar-neighbourhood-cue-before-a-village-is-a-loose-cue"),
    pytest.param("استهدفت غارة سيارة بين بلدة الخيام وسهل مرجعيون", "lb-khiam", id="ar-plain-of-a-town"),
    pytest.param("احتفالات في أحياء السليمانية والجميلية وصلاح الدين بحلب", "sy-aleppo-salaheddine",
                 id="ar-plural-cue-covers-a-cue-needing-name"),
    pytest.param("A drone hit a car in Beirut's southern suburbs; shelling in Gaza City and Jabalia",
                 "lb-dahiyeh", id="en-long-name-is-distinctive"),
])
def test_precision_rules_leave_these_alone(geocoder: Geocoder, text: str, wanted: str) -> None:
    assert wanted in located(geocoder.find(text))


@pytest.mark.parametrize(("text", "place_id", "is_actor"), [
    pytest.param("Jabalia Youth faced Al-Sadaqa in the final", "ps-jabalia", True, id="en-club-named-after-a-town"),
    pytest.param("Gaza FC won the cup", "ps-gaza-strip", True, id="en-fc"),
    pytest.param("Gaza youth were killed in the strike", "ps-gaza-strip", False, id="en-lower-case-youth-are-people"),
    pytest.param("Shelling hit Jabalia. Youth groups fled", "ps-jabalia", False, id="en-next-sentence"),
])
def test_organisation_named_after_a_place(geocoder: Geocoder, text: str, place_id: str, is_actor: bool) -> None:
    [match] = [m for m in geocoder.find(text) if m.place_id == place_id]
    assert match.is_actor is is_actor
