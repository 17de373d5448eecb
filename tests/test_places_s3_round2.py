"""Session 3, round 2 place precision: 'X district' after a town's name, a neighbourhood located by another city.

Invented sentences (never text from real reports). Each table has the case the rule is for and the
control case that must stay as it was.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report
from tests.geo_helpers import found_places

# (text, place wanted, place not wanted)
DISTRICT_AFTER_TOWN = [
    pytest.param("A drone hit a tractor near a farm in the Tyre district on Monday.",
                 "lb-dist-tyre", "lb-tyre", id="en-town-district-is-the-qada"),
    pytest.param("Two cars burned on a road in the Sidon district of the south.",
                 "lb-dist-sidon", "lb-sidon", id="en-town-district-before-of-a-region"),
    pytest.param("Farmers in the Nabatieh district lost their harvest.",
                 "lb-dist-nabatieh", "lb-nabatieh", id="en-city-district-is-the-qada"),
    pytest.param("Farmers in the Khiam district lost their harvest.",
                 "lb-gov-nabatieh", "lb-khiam", id="en-town-without-a-district-of-its-name-is-its-governorate"),
    pytest.param("A strike hit a house in the Jisr al-Shughur district.",
                 "sy-gov-idlib", "sy-jisr-al-shughur", id="en-syrian-town-district-is-the-governorate"),
    # Controls: a neighbourhood's name before 'district' stays the neighbourhood; 'the district of' before a
    # city's name introduces one of its neighbourhoods; a town without 'district' stays the town.
    pytest.param("Shops reopened in the Hanano district of Aleppo.",
                 "sy-aleppo-hanano", "sy-gov-aleppo", id="en-neighbourhood-district-stays"),
    pytest.param("Shops reopened in the Hanano district of Aleppo.",
                 "sy-aleppo", "sy-gov-aleppo", id="en-district-of-city-keeps-the-city"),
    pytest.param("A drone hit a tractor near a farm outside Tyre on Monday.",
                 "lb-tyre", "lb-dist-tyre", id="en-town-without-district-stays"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DISTRICT_AFTER_TOWN)
def test_district_after_a_town_is_the_area_around_it(geocoder: Geocoder, text: str, wanted: str,
                                                      unwanted: str) -> None:
    found = found_places(geocoder, text)
    assert wanted in found
    assert unwanted not in found


# (text, place wanted or None, place not wanted)
NEIGHBOURHOOD_LOCATED = [
    pytest.param("نزحت عائلات من حي الشجاعية بخان يونس", "ps-khan-younis", "ps-gaza-city-shujaiya",
                 id="ar-neighbourhood-of-another-city-nearby"),
    pytest.param("Families fled Shujaiya in Khan Younis overnight.", "ps-khan-younis",
                 "ps-gaza-city-shujaiya", id="en-neighbourhood-of-another-city-nearby"),
    # Controls: its own city locates it; a city listed twice (East Jerusalem and Jerusalem) is one city; a
    # suburb's quarter under a region (the Dahiyeh) is still 'in Beirut'.
    pytest.param("نزحت عائلات من حي الشجاعية في مدينة غزة", "ps-gaza-city-shujaiya", None,
                 id="ar-neighbourhood-of-its-own-city"),
    pytest.param("هدمت جرافة منزلا في بيت حنينا شمال القدس", "ps-beit-hanina", None,
                 id="ar-twin-city-entries-are-one-city"),
    pytest.param("A strike hit a building in Bir al-Abed in Beirut.", "lb-bir-al-abed", None,
                 id="en-suburb-quarter-in-the-capital"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), NEIGHBOURHOOD_LOCATED)
def test_a_neighbourhood_lies_in_its_own_city(geocoder: Geocoder, text: str, wanted: str,
                                               unwanted: str | None) -> None:
    found = found_places(geocoder, text)
    assert wanted in found
    if unwanted:
        assert unwanted not in found


# (text, place wanted)
CUE_AFTER_WA = [
    pytest.param("قصفت الطائرات قرية كفرنبل وبلدة أحسم", "sy-ihsim", id="ar-wa-before-town-cue"),
    pytest.param("سقطت قذائف على بلدة سرمين فبلدة أحسم", "sy-ihsim", id="ar-fa-before-town-cue"),
    pytest.param("قصفت المدفعية قرى المنطقة وبلدات أحسم وكفرنبل", "sy-ihsim", id="ar-wa-before-plural-town-cue"),
    # Controls: the two-letter clitic reading still holds (وبمدينة = و + ب + مدينة); no cue, no cue-needing name.
    pytest.param("وصلت قافلة إلى حلب وبمدينة إدلب", "sy-idlib", id="ar-wa-ba-before-city-cue"),
]


@pytest.mark.parametrize(("text", "wanted"), CUE_AFTER_WA)
def test_a_cue_word_after_wa_starting_with_a_clitic_letter(geocoder: Geocoder, text: str, wanted: str) -> None:
    assert wanted in found_places(geocoder, text)


def test_a_cue_needing_name_without_its_cue_stays_out(geocoder: Geocoder) -> None:
    assert "sy-ihsim" not in found_places(geocoder, "وصلت قافلة إلى أحسم")


def _event_places(text: str, geocoder: Geocoder, language: str, title: str | None = None) -> set[str]:
    rep = Report(report_id="r", url="test:", source_name=None, title=title, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return {m.place_id for m in extract_report(rep, geocoder).mentions if m.place_role == "target"}


TITLE = "Families leave Saraqib, shelling goes on"
# (text, language, places that must be event places, places that must not): page furniture left in the text.
FURNITURE_ROUND2 = [
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nA convoy waits outside Maarat al-Numan on "
                 "Sunday. (Photo by Jane Roe / AFP)", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"},
                 id="en-caption-photo-by-credit"),
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nA convoy waits outside Maarat al-Numan on "
                 "Sunday.\n\n(photo credit: AGENCY/JOHN DOE)", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"},
                 id="en-credit-on-its-own-line-ends-a-caption"),
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nA shell landed near a bakery in Maarat al-Numan "
                 "pic.twitter.com/AbC123xyz — Local Monitor (@localmon) March 3, 2026", "en", {"sy-saraqib"},
                 {"sy-maarat-al-numan"}, id="en-embedded-post-with-link"),
    pytest.param("قصفت المدفعية بلدة سراقب صباح اليوم.\n\nسقطت قذيفة قرب فرن في معرة النعمان — مرصد محلي "
                 "(@localmon) March 3, 2026", "ar", {"sy-saraqib"}, {"sy-maarat-al-numan"},
                 id="ar-embedded-post-signature"),
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nReference(s):\n\nShelling in Maarat al-Numan, "
                 "2,000 families flee\n\nexample.com", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"},
                 id="en-lines-after-a-references-label"),
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\n4,000 Families Flee Maarat al-Numan\n\n"
                 "2 hours ago", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"},
                 id="en-thousands-comma-is-no-sentence-comma"),
    # Controls: a caption-like sentence with no credit; a sentence that names a photo; a 'Sources:' word inside
    # the story; a real comma after the article is still a cut sentence.
    pytest.param("Shelling hit Saraqib on Monday.\n\nA convoy waited outside Maarat al-Numan on Sunday after "
                 "shelling.", "en", {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-no-credit"),
    pytest.param("Shelling hit Saraqib on Monday.\n\nSources: shelling also hit Maarat al-Numan on Tuesday.", "en",
                 {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-sources-word-in-a-sentence"),
    pytest.param("Shelling hit Saraqib on Monday.\n\nOn Tuesday, airstrikes killed five people in Maarat al-Numan",
                 "en", {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-cut-sentence-with-a-comma"),
]


@pytest.mark.parametrize(("text", "language", "present", "absent"), FURNITURE_ROUND2)
def test_more_page_furniture_has_no_event_places(geocoder: Geocoder, text: str, language: str, present: set[str],
                                                 absent: set[str]) -> None:
    places = _event_places(text, geocoder, language)
    assert present <= places, places
    assert not places & absent, places


def test_the_headline_repeated_after_the_article_is_read_once(geocoder: Geocoder) -> None:
    text = (f"Shelling hit Maarat al-Numan on Monday, residents said.\n\n{TITLE}\n\n"
            "Subscribe to our newsletter for daily updates.")
    repeated = text.index(TITLE)

    def leaked(title: str | None) -> list[str]:
        rep = Report(report_id="r", url="test:", source_name=None, title=title, language="en",
                     published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
        return [m.place_id for m in extract_report(rep, geocoder).mentions if m.char_start >= repeated]

    assert leaked(TITLE) == []
    assert leaked(None), "control: without the title the same paragraph is read as story"


# (text, place wanted or None, place not wanted or None)
JOINED_SPELLING = [
    pytest.param("أغارت طائرة على بلدة طيرحرفا فجر اليوم", "lb-tayr-harfa", None, id="ar-joined-after-ra"),
    pytest.param("سقطت قذائف على كفرنبل مساء أمس", "sy-kafr-nabl", None, id="ar-joined-after-ra-kafr"),
    pytest.param("وصلت قافلة إلى ديرالزور", "sy-deir-ez-zor", None, id="ar-joined-after-ra-with-article"),
    # Controls: a first word ending in a joining letter is not joined (تلرفعت is no spelling of تل رفعت).
    pytest.param("وصلت قافلة إلى تلرفعت", None, "sy-tal-rifaat", id="ar-joining-letter-not-joined"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), JOINED_SPELLING)
def test_a_name_written_without_its_invisible_space(geocoder: Geocoder, text: str, wanted: str | None,
                                                    unwanted: str | None) -> None:
    found = found_places(geocoder, text)
    if wanted:
        assert wanted in found
    if unwanted:
        assert unwanted not in found


# (text, place wanted, place not wanted): Lebanon's qada' share their seats' names.
LEBANESE_DISTRICTS = [
    pytest.param("سقطت قذائف على قرية في قضاء صور", "lb-dist-tyre", "lb-tyre", id="ar-qada-cue-is-the-district"),
    pytest.param("غارة على بلدة في قضاء بنت جبيل", "lb-dist-bint-jbeil", "lb-bint-jbeil", id="ar-qada-two-word-name"),
    pytest.param("توسع القصف إلى أقضية صور وبنت جبيل ومرجعيون", "lb-dist-marjayoun", "lb-marjayoun",
                 id="ar-plural-qada-cue-covers-its-list"),
    pytest.param("نزحت عائلات من قضاءي صور وبنت جبيل", "lb-dist-bint-jbeil", "lb-bint-jbeil",
                 id="ar-dual-qada-cue"),
    pytest.param("وصلت عائلات إلى ريف صور", "lb-dist-tyre", "lb-tyre", id="ar-countryside-of-a-seat-is-its-district"),
    # Controls: the seat's bare name, its city cue, and a neighbour coordinated with it stay the towns.
    pytest.param("غارة على أطراف مدينة صور", "lb-tyre", "lb-dist-tyre", id="ar-city-cue-is-the-town"),
    pytest.param("غارة على سيارة عند مدخل النبطية", "lb-nabatieh", "lb-dist-nabatieh", id="ar-bare-seat-is-the-town"),
    pytest.param("قصف على حاصبيا ومرجعيون", "lb-marjayoun", "lb-dist-marjayoun", id="ar-coordinated-seats-are-towns"),
    pytest.param("A strike hit a car in Nabatieh on Monday.", "lb-nabatieh", "lb-dist-nabatieh",
                 id="en-bare-seat-is-the-town"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), LEBANESE_DISTRICTS)
def test_lebanese_districts_need_their_cue(geocoder: Geocoder, text: str, wanted: str, unwanted: str) -> None:
    found = found_places(geocoder, text)
    assert wanted in found
    assert unwanted not in found


def test_a_district_seat_lies_in_its_district(geocoder: Geocoder) -> None:
    seat, district = geocoder.get("lb-tyre"), geocoder.get("lb-dist-tyre")
    assert seat is not None and district is not None
    assert seat.parent_place_id == "lb-dist-tyre"
    assert district.parent_place_id == "lb-gov-south" and district.kind == "district" and district.needs_cue


# (text, place wanted, place not wanted)
COUNTRYSIDE_WITH_DIRECTION = [
    pytest.param("نزحت عائلات إلى مخيمات في الريف الشمالي لإدلب", "sy-gov-idlib", "sy-idlib", id="ar-northern-countryside-of"),
    pytest.param("سقطت قذائف على قرى بالريف الغربي لحلب", "sy-gov-aleppo", "sy-aleppo", id="ar-bi-western-countryside-of"),
    pytest.param("توقفت الأفران في الريف الشرقي لحماة", "sy-gov-hama", "sy-hama", id="ar-eastern-countryside-of"),
    # Controls: a neighbourhood described by direction is no countryside; the countryside after the name as before.
    pytest.param("تضررت مدرسة في الحي الشمالي لحلب", "sy-aleppo", "sy-gov-aleppo", id="ar-northern-quarter-of-city"),
    pytest.param("سقطت قذائف على ريف حلب الغربي", "sy-gov-aleppo", "sy-aleppo", id="ar-countryside-adjective-after"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), COUNTRYSIDE_WITH_DIRECTION)
def test_the_countryside_with_its_direction_before_the_name(geocoder: Geocoder, text: str, wanted: str,
                                                            unwanted: str) -> None:
    found = found_places(geocoder, text)
    assert wanted in found
    assert unwanted not in found


# (text, country hint, place wanted or None, place not wanted or None): الطبقة is 'the floor/class' too.
COMMON_WORD_TABQA = [
    pytest.param("احتمى المرضى في الطبقة السفلية من المبنى في خان يونس", None, "ps-khan-younis", "sy-tabqa",
                 id="ar-floor-in-a-gaza-report"),
    pytest.param("صعد الممرض إلى الطبقة الثانية من المستشفى", None, None, "sy-tabqa", id="ar-floor-no-context"),
    pytest.param("نزحت عائلات من الطبقة إلى الرقة", None, "sy-tabqa", None, id="ar-town-with-a-syrian-place"),
    pytest.param("نزحت عائلات من الطبقة مساء أمس", "SY", "sy-tabqa", None, id="ar-town-with-the-syria-hint"),
    pytest.param("قصفت طائرات مسيرة مدينة الطبقة", None, "sy-tabqa", None, id="ar-town-with-its-cue"),
]


@pytest.mark.parametrize(("text", "hint", "wanted", "unwanted"), COMMON_WORD_TABQA)
def test_tabqa_is_a_common_word_outside_syrian_reports(geocoder: Geocoder, text: str, hint: str | None,
                                                       wanted: str | None, unwanted: str | None) -> None:
    found = found_places(geocoder, text, hint)
    if wanted:
        assert wanted in found
    if unwanted:
        assert unwanted not in found
