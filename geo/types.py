"""Small typed records that `geo` hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass, field

# ACLED-style geo precision: 1 = the exact neighbourhood/town, 2 = near it or a district,
# 3 = a governorate or larger region. We keep the finer split in `kind` as well.
GEO_PRECISION_BY_KIND: dict[str, int] = {
    "neighbourhood": 1,
    "camp": 1,
    "village": 1,
    "town": 1,
    "city": 1,
    "subdistrict": 2,
    "district": 2,
    "governorate": 3,
    "region": 3,
    "country": 3,
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry (a row of the `places` table)."""

    place_id: str
    name_en: str
    name_ar: str
    kind: str
    country_code: str
    admin1_name: str | None = None
    pcode: str | None = None
    parent_place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    variants: tuple[str, ...] = field(default=(), compare=False)
    needs_cue: bool = False

    @property
    def geo_precision(self) -> int:
        return GEO_PRECISION_BY_KIND.get(self.kind, 2)


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in a text, with how and how well it matched.

    `start`/`end` are character offsets into the text given to the geocoder; `text` is the string
    as written there (clitics included). `method` is one of exact, variant, clitic, context_rule.
    `is_actor` marks metonymic uses ("loyal to Damascus") that must not become event locations.
    """

    place: Place
    text: str
    start: int
    end: int
    method: str
    confidence: float
    is_actor: bool = False
    reason: str = ""

    @property
    def place_id(self) -> str:
        return self.place.place_id


@dataclass(frozen=True)
class GeoContext:
    """What the caller knows about the report: used to choose between same-named places."""

    country_hint: str | None = None  # ISO-2 of the source or report, if known
    language: str | None = None
