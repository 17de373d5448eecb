"""Helpers shared by the geocoder test modules."""

from __future__ import annotations

from geo.geocoder import Geocoder
from geo.types import GeoContext


def found_places(geocoder: Geocoder, text: str, hint: str | None = None) -> set[str]:
    """Place ids the geocoder finds in `text` as locations (actors left out)."""
    return {m.place_id for m in geocoder.find(text, GeoContext(country_hint=hint)) if not m.is_actor}
