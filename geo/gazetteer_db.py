"""TEMPORARY placeholder: reads/writes gazetteer tables. Replaced by the geo owner (issue 3)."""

from __future__ import annotations

from collections.abc import Iterable

from geo.types import Place


def load_imported_places(con) -> list[Place]:
    return []


def write_places(con, places: Iterable[Place]) -> None:
    rows = [
        (p.place_id, p.name_en, p.name_ar, p.kind, p.country_code, p.admin1_name, p.pcode,
         p.parent_place_id, p.lat, p.lon, p.geo_precision, p.source)
        for p in places
    ]
    if rows:
        con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
