"""Places added to the built-in gazetteer for issue 3's known gaps, and the rule for common-word names.

Each case is a short report sentence (Arabic and English) and the place ids the geocoder must find in
it, or must not find. The places and their sources are in data/gazetteer/curated_places.csv.
"""

from __future__ import annotations

import pytest

from geo.geocoder import Geocoder
from geo.types import GeoContext


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_builtin()


def found(geocoder: Geocoder, text: str, hint: str | None = None) -> set[str]:
    return {m.place_id for m in geocoder.find(text, GeoContext(country_hint=hint)) if not m.is_actor}


# "الضاحية" is "the suburb": Beirut's Dahiyeh only in a report about Lebanon, and never when an
# adjective follows it (الضاحية الشمالية is another suburb). Latin "Dahiyeh"/"Dahieh" are not words.
DAHIYEH = [
    pytest.param("غارات إسرائيلية على الضاحية بعد إنذار لسكان حارة حريك", None, True, id="ar-lebanese-place-named"),
    pytest.param("نزوح آلاف العائلات من الضاحية ليلاً", "LB", True, id="ar-country-hint-lb"),
    pytest.param("قصف للضاحية في لبنان", None, True, id="ar-clitic-lil-and-lebanon-named"),
    pytest.param("عادت عائلات إلى الضاحية الجنوبية", None, True, id="ar-full-name-needs-no-context"),
    pytest.param("نزوح من الضاحية", None, False, id="ar-no-context-no-match"),
    pytest.param("قصف على الضاحية الشمالية لمدينة حماة", None, False, id="ar-syrian-suburb"),
    pytest.param("نزحت عائلات من بيروت إلى الضاحية الشمالية", "LB", False, id="ar-qualified-by-adjective"),
    pytest.param("نزحت عائلات من لبنان إلى الضاحية", "SY", False, id="ar-syrian-report-naming-only-lebanon"),
    pytest.param("Israeli strikes hit the Dahiyeh overnight", None, True, id="en-the-dahiyeh"),
    pytest.param("Residents fled Dahieh after the warning", None, True, id="en-dahieh"),
    pytest.param("Families returned to Beirut's southern suburbs", None, True, id="en-southern-suburbs"),
    pytest.param("Families moved to a suburb of Hama", None, False, id="en-common-word-suburb"),
]


@pytest.mark.parametrize(("text", "hint", "expected"), DAHIYEH)
def test_dahiyeh_alone_needs_a_lebanese_context(geocoder: Geocoder, text: str, hint: str | None,
                                                expected: bool) -> None:
    assert ("lb-dahiyeh" in found(geocoder, text, hint)) is expected
