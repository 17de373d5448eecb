"""`Geocoder.find_with_normalized`: the matches of `find` plus the normalised text they were found in."""

from __future__ import annotations

import pytest

from geo.geocoder import Geocoder
from geo.normalize import normalize_text
from geo.types import GeoContext


@pytest.mark.parametrize(
    ("text", "fragment", "written"),
    [
        pytest.param("اشتباكات في حي الشيخ مقصود والأشرفية بحلب", "الاشرفيه", "الأشرفية", id="arabic-clitic"),
        pytest.param("Shelling hit al-Ashrafiyeh in Aleppo, residents said.", "ashrafiya", "al-Ashrafiyeh",
                     id="latin-article"),
        pytest.param("قصف على حَلَبَ اليوم", "حلب", "حَلَبَ", id="harakat"),
    ],
)
def test_the_normalised_text_maps_back_to_the_report(
    geocoder: Geocoder, text: str, fragment: str, written: str
) -> None:
    matches, norm = geocoder.find_with_normalized(text, GeoContext(country_hint="SY"))
    assert norm.text == normalize_text(text).text
    start = norm.text.index(fragment)
    s, e = norm.original_span(start, start + len(fragment))
    assert text[s:e] == written
    assert [(m.place_id, m.start, m.end) for m in matches] == [
        (m.place_id, m.start, m.end) for m in geocoder.find(text, GeoContext(country_hint="SY"))
    ]
    assert matches, "the sample names a place"
