"""Session 3 place precision: quoted names, a city's name read as its governorate.

Invented sentences (never text from real reports). Each table has the case the rule is for and the
control case that must stay as it was.
"""

from __future__ import annotations

import pytest

from geo.geocoder import Geocoder
from geo.normalize import normalize_text
from tests.geo_helpers import found_places


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param('حي "الصاخور"', "حي الصاخور", id="ar-straight-quotes-are-a-space"),
    pytest.param("حي “الصاخور”", "حي الصاخور", id="ar-curly-quotes-are-a-space"),
    pytest.param("قرى «العنب» و«التين»", "قري العنب و التين", id="ar-guillemets-are-a-space"),
    pytest.param("the “Hanano” district", "the hananu district", id="en-curly-quotes-are-a-space"),
    pytest.param("حلب، “إدلب”", "حلب|ادلب", id="comma-still-stops"),
    pytest.param("قال: “حلب”", "قال|حلب", id="colon-still-stops"),
])
def test_quotes_separate_words_like_a_space(text: str, expected: str) -> None:
    assert normalize_text(text).text == expected


QUOTED = [
    pytest.param("تضررت محال تجارية في حي “الصاخور” بحلب", "sy-aleppo-sakhour", id="ar-cue-before-quoted-name"),
    pytest.param('انقطعت المياه عن حي "الكلاسة" و"المرجة" بحلب', "sy-aleppo-marjeh", id="ar-quoted-list"),
    pytest.param("وصلت قافلة إلى مدينة “جسر الشغور” غربي إدلب", "sy-jisr-al-shughur", id="ar-two-word-name-quoted"),
    pytest.param("Water returned to the “Hanano” neighbourhood of Aleppo", "sy-aleppo-hanano", id="en-quoted-name"),
]


@pytest.mark.parametrize(("text", "wanted"), QUOTED)
def test_quoted_names_keep_their_cue(geocoder: Geocoder, text: str, wanted: str) -> None:
    assert wanted in found_places(geocoder, text)


def test_quoted_name_offsets_leave_the_quotes_out(geocoder: Geocoder) -> None:
    text = "تضررت محال تجارية في حي “الصاخور” بحلب"
    match = next(m for m in geocoder.find(text) if m.place_id == "sy-aleppo-sakhour")
    assert text[match.start : match.end] == match.text == "الصاخور"


# (text, place wanted, place not wanted)
GOVERNORATE_SENSE = [
    pytest.param("ارتفعت أسعار الوقود في محافظة درعا. ويشكو سكان درعا من نقص الخبز",
                 "sy-gov-daraa", "sy-daraa", id="ar-governorate-named-then-bare-name"),
    pytest.param("يشكو سكان درعا من نقص الخبز، وارتفعت أسعار الوقود في محافظة درعا",
                 "sy-gov-daraa", "sy-daraa", id="ar-bare-name-before-the-governorate"),
    pytest.param("عادت عائلات إلى ريف حماة الشمالي، وتحسنت الخدمات في حماة", "sy-gov-hama", "sy-hama",
                 id="ar-rif-names-the-governorate"),
    pytest.param("Flour prices doubled in Raqqa governorate this winter. Bakeries in Raqqa "
                 "closed early.", "sy-gov-raqqa", "sy-raqqa",
                 id="en-governorate-then-bare-name"),
    pytest.param("Schools reopened in Hama province. Teachers in Hama were paid late.",
                 "sy-gov-hama", "sy-hama", id="en-province-after-name"),
    # Controls: the text speaks of the city as a city, or of a place inside it; a governorate named by a longer
    # name (Baalbek-Hermel, Ramallah and al-Bireh) leaves the city's name to the city.
    pytest.param("صدر إنذار لسكان محافظة بعلبك الهرمل. وقصفت الطائرات بعلبك ليلاً", "lb-baalbek", "",
                 id="ar-control-longer-governorate-name"),
    pytest.param("اقتحمت القوات مناطق في محافظة رام الله والبيرة، واعتقلت شبانا في رام الله", "ps-ramallah", "",
                 id="ar-control-governorate-of-two-cities"),
    pytest.param("ارتفعت أسعار الوقود في محافظة درعا، وفي مدينة درعا نفسها. ويشكو سكان درعا من نقص الخبز",
                 "sy-daraa", "", id="ar-control-city-cue-keeps-the-city"),
    pytest.param("نزحت عائلات من محافظة حلب، وسقطت قذائف على حي الشيخ مقصود في حلب",
                 "sy-aleppo", "", id="ar-control-neighbourhood-keeps-the-city"),
    pytest.param("Bakeries in Raqqa closed early.", "sy-raqqa", "sy-gov-raqqa",
                 id="en-control-no-governorate-named"),
    pytest.param("Schools reopened in Hama province; in the city of Hama a market burned. "
                 "Teachers in Hama were paid late.", "sy-hama", "", id="en-control-city-of"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), GOVERNORATE_SENSE)
def test_bare_city_name_is_its_governorate_when_only_the_governorate_is_named(
        geocoder: Geocoder, text: str, wanted: str, unwanted: str) -> None:
    places = found_places(geocoder, text)
    assert wanted in places
    if unwanted:
        assert unwanted not in places


def test_governorate_sense_explains_itself(geocoder: Geocoder) -> None:
    text = "ارتفعت أسعار الوقود في محافظة درعا. ويشكو سكان درعا من نقص الخبز"
    bare = [m for m in geocoder.find(text) if m.text == "درعا"]
    assert [m.place_id for m in bare] == ["sy-gov-daraa"]
    assert bare[0].method == "context_rule"
    assert "governorate" in bare[0].reason


# (text, place wanted, place not wanted): words that speak of a city's surroundings or of an area.
AREA_CUES = [
    pytest.param("Wheat farms in the western countryside of Raqqa dried up.", "sy-gov-raqqa",
                 "sy-raqqa", id="en-countryside-of"),
    pytest.param("Power cuts hit southern rural Homs again.", "sy-gov-homs", "sy-homs",
                 id="en-rural"),
    pytest.param("Polling stations opened in the province of Idlib.", "sy-gov-idlib", "sy-idlib",
                 id="en-province-of"),
    pytest.param("Aid reached the governorate of Daraa on Monday.", "sy-gov-daraa", "sy-daraa",
                 id="en-governorate-of"),
    pytest.param("Fuel shortages spread across Hama last month.", "sy-gov-hama", "sy-hama",
                 id="en-across"),
    pytest.param("Bread ran short in some areas in Hama.", "sy-gov-hama", "sy-hama", id="en-areas-in"),
    pytest.param("انقطعت الكهرباء في أنحاء حماة", "sy-gov-hama", "sy-hama", id="ar-anha"),
    pytest.param("سقطت أمطار غزيرة على مناطق في حماة", "sy-gov-hama", "sy-hama", id="ar-manatiq-fi"),
    pytest.param("شهدت مناطق حماة موجة برد", "sy-gov-hama", "sy-hama", id="ar-manatiq"),
    pytest.param("Harvests failed in Hama and Homs governorates. Farmers in the Hama "
                 "area sold their cattle.", "sy-gov-hama", "sy-hama", id="en-the-x-area-after-the-governorate"),
    # Controls: a town stays a town after an area word; "Rural Damascus" is its own governorate.
    pytest.param("Shelling across Saraqib damaged homes.", "sy-saraqib", "", id="en-control-town-after-across"),
    pytest.param("Aid reached Rural Damascus on Monday.", "sy-gov-rural-damascus", "sy-gov-damascus",
                 id="en-control-rural-damascus"),
    pytest.param("Shelling hit the city of Idlib.", "sy-idlib", "sy-gov-idlib", id="en-control-city-of"),
    pytest.param("سقطت قذيفة على منطقة السيدة زينب", "sy-sayyida-zaynab", "", id="ar-control-town-after-mintaqa"),
    pytest.param("وصلت عائلات إلى قرية في الميدان", "", "sy-damascus-midan", id="ar-control-village-in-is-no-cue"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), AREA_CUES)
def test_area_words_make_a_city_name_its_governorate(geocoder: Geocoder, text: str, wanted: str,
                                                     unwanted: str) -> None:
    places = found_places(geocoder, text)
    assert not wanted or wanted in places
    if unwanted:
        assert unwanted not in places


SPELLINGS = [
    pytest.param("افتتحت مدرسة جديدة في بلدة كفر شوبا", "lb-kfarchouba", id="ar-kfarchouba-in-two-words"),
    pytest.param("A clinic opened in the Yarmuk Palestinian refugee camp in Damascus last week.",
                 "sy-yarmouk-camp", id="en-yarmuk-palestinian-refugee-camp"),
]


@pytest.mark.parametrize(("text", "wanted"), SPELLINGS)
def test_spellings_met_in_reports(geocoder: Geocoder, text: str, wanted: str) -> None:
    assert wanted in found_places(geocoder, text)


def test_yarmouk_camp_lies_in_damascus_city(geocoder: Geocoder) -> None:
    """The camp is a district of Damascus city: naming both keeps the camp as the finer place."""
    assert "sy-damascus" in geocoder.ancestors("sy-yarmouk-camp")


# (text, name as written, place wanted): the countryside of a town is the area around it, not the town.
AREA_AROUND = [
    pytest.param("جفت الآبار في ريف منبج الجنوبي", "منبج", "sy-gov-aleppo", id="ar-rif-town"),
    pytest.param("تراجع إنتاج القمح في ريف بلدة منبج", "منبج", "sy-gov-aleppo", id="ar-rif-baldat-town"),
    pytest.param("وزعت بذور على مزارعين بريفي بلدتي منبج والطبقة", "والطبقة", "sy-gov-raqqa",
                 id="ar-dual-rif-dual-towns"),
    pytest.param("Wells dried up in the countryside of Manbij.", "Manbij", "sy-gov-aleppo",
                 id="en-countryside-of-town"),
    pytest.param("موسم زيتون جيد في ريف جسر الشغور", "جسر الشغور", "sy-gov-idlib", id="ar-rif-jisr-al-shughur"),
    # Controls: the town itself, the governorate's own ريف name, a neighbourhood after ريف (no cue).
    pytest.param("افتتح سوق جديد في بلدة منبج", "منبج", "sy-manbij", id="ar-control-the-town"),
    pytest.param("موسم زيتون جيد في ريف حماة الشمالي", "ريف حماة", "sy-gov-hama", id="ar-control-rif-governorate-name"),
    pytest.param("افتتحت معارض في مدينتي حلب وإدلب", "وإدلب", "sy-idlib", id="ar-control-dual-cities"),
]


@pytest.mark.parametrize(("text", "written", "wanted"), AREA_AROUND)
def test_countryside_of_a_town_is_its_area(geocoder: Geocoder, text: str, written: str, wanted: str) -> None:
    matches = {m.text: m for m in geocoder.find(text) if not m.is_actor}
    assert matches[written].place_id == wanted


def test_countryside_of_a_town_says_why(geocoder: Geocoder) -> None:
    match = next(m for m in geocoder.find("نزوح سكان من ريف بلدة تل تمر"))
    assert match.place_id == "sy-gov-hasakah"
    assert "ريف" in match.reason and "the area sy-gov-hasakah" in match.reason


# (text, name as written, place wanted): a plural camp cue makes the towns listed after it their camps.
CAMP_LISTS = [
    pytest.param("افتتحت عيادات في مخيمات اللاجئين الفلسطينيين في النصيرات وطولكرم", "وطولكرم",
                 "ps-tulkarm-camp", id="ar-plural-cue-fillers-then-list"),
    pytest.param("افتتحت مدارس جديدة في مخيمي جنين والنصيرات", "جنين", "ps-jenin-camp", id="ar-dual-camps"),
    pytest.param("Clinics opened in the two refugee camps of Nuseirat and Jenin.", "Jenin",
                 "ps-jenin-camp", id="en-plural-cue-fillers-then-list"),
    pytest.param("انقطعت المياه عن أحياء منها الميدان والسريان", "الميدان", "sy-aleppo-midan",
                 id="ar-plural-cue-minha-then-list"),
    pytest.param("ارتفعت الأسعار في مناطق مثل درعا", "درعا", "sy-gov-daraa", id="ar-plural-cue-mithl"),
    # Controls: the town with its own cue, a list without a camp cue, 'such as' without a plural cue.
    pytest.param("افتتح معرض للكتاب في مدينة جنين", "جنين", "ps-jenin", id="ar-control-city-cue"),
    pytest.param("Book fairs opened in Jenin and Tulkarm.", "Jenin", "ps-jenin", id="en-control-no-camp-cue"),
    pytest.param("Cities such as Aleppo were spared.", "Aleppo", "sy-aleppo", id="en-control-such-as-after-cities"),
]


@pytest.mark.parametrize(("text", "written", "wanted"), CAMP_LISTS)
def test_plural_cue_reaches_its_list(geocoder: Geocoder, text: str, written: str, wanted: str) -> None:
    matches = {m.text: m.place_id for m in geocoder.find(text) if not m.is_actor}
    assert matches[written] == wanted, matches


# (text, place wanted or "" for none): Latin names that are English words need a cue, a capital in
# mid-sentence or their article, even when the place's own name needs no cue.
COMMON_WORD_NAMES = [
    pytest.param("Ram raids were reported in the north.", "", id="en-ram-at-sentence-start"),
    pytest.param("A ram was seen near the road.", "", id="en-a-ram"),
    pytest.param("Mare and foal were lost in the storm.", "", id="en-mare-at-sentence-start"),
    pytest.param("Cana wine was served at the feast.", "", id="en-cana-at-sentence-start"),
    pytest.param("Troops entered Ram at dawn.", "ps-al-ram", id="en-control-ram-capital-mid-sentence"),
    pytest.param("Al-Ram was closed on Monday.", "ps-al-ram", id="en-control-al-ram-with-article"),
    pytest.param("Troops raided a-Ram overnight.", "ps-al-ram", id="en-control-a-ram-hyphenated"),
    pytest.param("Forces raided the town of Ram.", "ps-al-ram", id="en-control-ram-with-cue"),
    pytest.param("Israeli strikes hit Cana on Monday.", "lb-qana", id="en-control-cana-mid-sentence"),
]


@pytest.mark.parametrize(("text", "wanted"), COMMON_WORD_NAMES)
def test_latin_common_words_need_a_cue(geocoder: Geocoder, text: str, wanted: str) -> None:
    places = found_places(geocoder, text)
    assert places == ({wanted} if wanted else set()), places


@pytest.mark.parametrize(("text", "wanted"), [
    pytest.param("Marah Ahmed, 12, was killed in the strike.", "", id="en-given-name-at-sentence-start"),
    pytest.param("The girl, Marah, was injured on Monday.", "", id="en-given-name-mid-sentence"),
    pytest.param("Shelling hit al-Maara on Monday.", "sy-maarat-al-numan", id="en-control-with-article"),
    pytest.param("Shelling hit the town of Maara.", "sy-maarat-al-numan", id="en-control-with-cue"),
    pytest.param("Shelling hit Maarat al-Numan.", "sy-maarat-al-numan", id="en-control-full-name"),
])
def test_spelling_that_is_a_given_name_needs_its_article(geocoder: Geocoder, text: str, wanted: str) -> None:
    places = found_places(geocoder, text)
    assert places == ({wanted} if wanted else set()), places
