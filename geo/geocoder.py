"""TEMPORARY placeholder so the pipeline runs while the geo owner builds the real geocoder.

Finds nothing. Replaced wholesale by the gazetteer/geocoder work (issue 3).
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.types import GeoContext, Place, PlaceMatch


class Geocoder:
    def __init__(self, places: Iterable[Place]) -> None:
        self._places = {p.place_id: p for p in places}

    @classmethod
    def from_builtin(cls, extra_places: Iterable[Place] = ()) -> Geocoder:
        return cls(extra_places)

    @property
    def places(self) -> list[Place]:
        return list(self._places.values())

    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def find(self, text: str, context: GeoContext | None = None) -> list[PlaceMatch]:
        return []
