"""Session 3, round 2 place precision: 'X district' after a town's name, a neighbourhood located by another city.

Invented sentences (never text from real reports). Each table has the case the rule is for and the
control case that must stay as it was.
"""

from __future__ import annotations

import pytest

from geo.geocoder import Geocoder
from tests.geo_helpers import found_places

# (text, place wanted, place not wanted)
DISTRICT_AFTER_TOWN = [
    pytest.param("A drone hit a tractor near a farm in the Tyre district on Monday.",
                 "lb-gov-south", "lb-tyre", id="en-town-district-is-the-area"),
    pytest.param("Two cars burned on a road in the Sidon district of the south.",
                 "lb-gov-south", "lb-sidon", id="en-town-district-before-of-a-region"),
    pytest.param("Farmers in the Nabatieh district lost their harvest.",
                 "lb-gov-nabatieh", "lb-nabatieh", id="en-city-district-is-the-area"),
    # Controls: a neighbourhood's name before 'district' stays the neighbourhood; 'the district of' before a
    # city's name introduces one of its neighbourhoods; a town without 'district' stays the town.
    pytest.param("Shops reopened in the Hanano district of Aleppo.",
                 "sy-aleppo-hanano", "sy-gov-aleppo", id="en-neighbourhood-district-stays"),
    pytest.param("Shops reopened in the Hanano district of Aleppo.",
                 "sy-aleppo", "sy-gov-aleppo", id="en-district-of-city-keeps-the-city"),
    pytest.param("A drone hit a tractor near a farm outside Tyre on Monday.",
                 "lb-tyre", "lb-gov-south", id="en-town-without-district-stays"),
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
