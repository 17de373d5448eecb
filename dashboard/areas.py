"""Groups nearby places into areas, so maps can open on (or zoom into) the busiest one.

A city's neighbourhoods lie about 1 km apart: at the zoom that frames Syria, Lebanon and Palestine together
they are one blot. The dashboard map opens on the busiest area when it holds most mentions, and the PDF
adds a close-up of it. Pure functions over (place_id, lat, lon, mentions) tuples; no map library here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

LINK_KM = 20.0  # places closer than this to another place of an area (in a chain) belong to that area


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km (equirectangular; exact enough below a few hundred km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def group_places(places: Iterable[tuple[str, float, float, int]], link_km: float = LINK_KM) -> list[list[str]]:
    """Place ids grouped into areas, busiest area first, each area's places busiest first.

    places: (place_id, lat, lon, mentions), one per place. Two places share an area when a chain of
    places, each within link_km of the next, joins them (single linkage).
    """
    rows = sorted(places, key=lambda p: (-p[3], p[0]))
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, lat1, lon1, _) in enumerate(rows):
        for j in range(i + 1, len(rows)):
            if distance_km(lat1, lon1, rows[j][1], rows[j][2]) <= link_km:
                parent[root(j)] = root(i)
    groups: dict[int, list[tuple[str, float, float, int]]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(root(i), []).append(row)
    ordered = sorted(groups.values(), key=lambda g: (-sum(p[3] for p in g), g[0][0]))
    return [[p[0] for p in group] for group in ordered]
