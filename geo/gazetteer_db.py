"""The gazetteer tables in DuckDB: places, place_names, place_boundaries.

- `write_places(con, places)`: upsert places and their names; `sync_places(con, places)` writes only
  those that differ from the stored rows (the pipeline syncs the built-in gazetteer once per run so
  mentions can be joined to names and coordinates).
- `load_imported_places(con)`: the places that came from `dmon gazetteer import` (source starting
  with "import:"), for `Geocoder.from_builtin(extra_places=...)`.
- `import_features(con, features, known_places)`: attach imported features to gazetteer places
  (by p-code, then by normalised name and distance or containment), create places for the rest,
  fill their parents by point-in-polygon roll-up (neighbourhood -> city -> district -> governorate)
  and store polygons as WKB. Compound names ("Jericho (Ariha)", "Beit Meheb / Jdeydeh") are matched
  and stored by their parts too (`feature_names`).

The connection must already carry the schema (ingest/schema.sql); geo imports nothing of ours
outside geo, so the CLI layer opens the database.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from shapely.geometry import Point

from geo.importers import Feature, split_name
from geo.normalize import normalize
from geo.types import Place

log = logging.getLogger(__name__)

IMPORT_PREFIX = "import:"
# Coarseness of each kind, for parents (a parent is always coarser) and for matching.
LEVEL = {"neighbourhood": 1, "camp": 1, "village": 2, "town": 2, "city": 2, "subdistrict": 3,
         "district": 4, "region": 4, "governorate": 5, "country": 7}
# How far a same-named feature may lie from a place's point and still be that place (km).
MATCH_DISTANCE_KM = {1: 2.0, 2: 8.0, 3: 25.0, 4: 50.0, 5: 150.0, 7: 2000.0}
_ARABIC = re.compile("[\u0600-\u06ff]")
_EXTERNAL_REF = re.compile(r"Who's On First (\d+)")


def _language(name: str) -> str:
    return "ar" if _ARABIC.search(name) else "en"


_PLACE_COLUMNS = (("place_id", "VARCHAR"), ("name_en", "VARCHAR"), ("name_ar", "VARCHAR"), ("kind", "VARCHAR"),
                  ("country_code", "VARCHAR"), ("admin1_name", "VARCHAR"), ("pcode", "VARCHAR"),
                  ("parent_place_id", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
                  ("geo_precision", "INTEGER"), ("source", "VARCHAR"))
_NAME_COLUMNS = (("place_id", "VARCHAR"), ("name", "VARCHAR"), ("language", "VARCHAR"), ("name_kind", "VARCHAR"),
                 ("source", "VARCHAR"))


def _insert_columns(con, table: str, columns: tuple[tuple[str, str], ...], rows: list[tuple]) -> None:
    """Insert `rows` in one statement: each column is one typed list parameter, zipped back by unnest."""
    names = ", ".join(name for name, _ in columns)
    select = ", ".join(f"unnest(${i}::{sql_type}[])" for i, (_, sql_type) in enumerate(columns, 1))
    con.execute(f"INSERT INTO {table} ({names}) SELECT {select}", [list(col) for col in zip(*rows, strict=True)])


def _place_rows(places: Sequence[Place]) -> tuple[list[tuple], list[tuple]]:
    """The `places` and `place_names` rows of `places`, as write_places inserts them."""
    rows = [(p.place_id, p.name_en, p.name_ar, p.kind, p.country_code, p.admin1_name, p.pcode, p.parent_place_id,
             p.lat, p.lon, p.geo_precision, p.source) for p in places]
    names = [
        (p.place_id, name, _language(name), kind, p.source)
        for p in places
        for name, kind in [(p.name_en, "primary"), (p.name_ar, "primary"), *((v, "variant") for v in p.variants)]
        if name
    ]
    return rows, names


def write_places(con, places: Iterable[Place]) -> None:
    """Upsert `places` into places and replace their rows in place_names.

    Plain DuckDB list parameters, no DataFrames: every `dmon ingest` writes the gazetteer once, and
    importing pandas/geopandas for it cost ~0.5 s CPU per run (they are imported only for imports).
    """
    places = list(places)
    if not places:
        return
    rows, names = _place_rows(places)
    ids = [p.place_id for p in places]
    # Delete + insert rather than INSERT OR REPLACE: DuckDB's upsert took ~25 s for 15,000 rows.
    con.execute("DELETE FROM places WHERE place_id IN (SELECT unnest($1::VARCHAR[]))", [ids])
    _insert_columns(con, "places", _PLACE_COLUMNS, rows)
    con.execute("DELETE FROM place_names WHERE place_id IN (SELECT unnest($1::VARCHAR[]))", [ids])
    if names:
        _insert_columns(con, "place_names", _NAME_COLUMNS, names)


def sync_places(con, places: Iterable[Place]) -> int:
    """Write only the places whose row or names differ from what the database holds; return how many.

    Every ingest run stores the built-in gazetteer so mentions join to names and coordinates. Rewriting
    all of it each time cost ~0.1 s for the 1,100 built-in places and over a second once Who's On
    First is imported; reading the stored rows back to compare costs ~15 ms.
    """
    places = list(places)
    if not places:
        return 0
    rows, names = _place_rows(places)
    ids = [p.place_id for p in places]
    columns = ", ".join(name for name, _ in _PLACE_COLUMNS)
    stored_rows = {r[0]: r for r in con.execute(
        f"SELECT {columns} FROM places WHERE place_id IN (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall()}
    stored_names: dict[str, set[tuple]] = {}
    for row in con.execute(
        f"SELECT {', '.join(name for name, _ in _NAME_COLUMNS)} FROM place_names "
        "WHERE place_id IN (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall():
        stored_names.setdefault(row[0], set()).add(row)
    wanted_names: dict[str, set[tuple]] = {}
    for row in names:
        wanted_names.setdefault(row[0], set()).add(row)
    changed = [p for p, row in zip(places, rows, strict=True)
               if stored_rows.get(p.place_id) != row
               or stored_names.get(p.place_id, set()) != wanted_names.get(p.place_id, set())]
    write_places(con, changed)
    return len(changed)


def load_imported_places(con) -> list[Place]:
    """Places created by `dmon gazetteer import` (not the built-in ones), with their names."""
    rows = con.execute(
        "SELECT place_id, name_en, name_ar, kind, country_code, admin1_name, pcode, parent_place_id, lat, lon, "
        "source FROM places WHERE source LIKE ? ORDER BY place_id", [IMPORT_PREFIX + "%"]
    ).fetchall()
    if not rows:
        return []
    variants: dict[str, list[str]] = {}
    for place_id, name in con.execute(
        "SELECT n.place_id, n.name FROM place_names n JOIN places p USING (place_id) "
        "WHERE p.source LIKE ? AND n.name_kind = 'variant'", [IMPORT_PREFIX + "%"]
    ).fetchall():
        variants.setdefault(place_id, []).append(name)
    return [
        Place(place_id=r[0], name_en=r[1] or "", name_ar=r[2] or "", kind=r[3], country_code=r[4] or "",
              admin1_name=r[5], pcode=r[6], parent_place_id=r[7], lat=r[8], lon=r[9], source=r[10],
              variants=tuple(variants.get(r[0], ())))
        for r in rows
    ]


@dataclass
class ImportSummary:
    """What an import did, for the CLI to print."""

    read: int = 0
    matched_by_pcode: int = 0
    matched_by_source_id: int = 0
    matched_by_name: int = 0
    created: int = 0
    boundaries: int = 0
    skipped: int = 0
    examples: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (f"read {self.read} features: {self.matched_by_pcode} matched by p-code, "
                f"{self.matched_by_source_id} by dataset id, {self.matched_by_name} "
                f"by name and distance, {self.created} new places, {self.skipped} skipped (no name or point); "
                f"{self.boundaries} polygons stored")


def slugify(text: str) -> str:
    """Lowercase ASCII slug (accents dropped, non-alphanumerics -> '-')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    dp, dl = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dl / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


class _PlaceIndex:
    """Known places by p-code and by normalised name, for attaching features."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.by_id = {p.place_id: p for p in places}
        self.by_pcode = {p.pcode.upper(): p for p in places if p.pcode}
        # Built-in rows name the dataset record their coordinates came from ("Who's On First 421202163").
        self.by_external: dict[str, Place] = {}
        for place in places:
            for ref in _EXTERNAL_REF.findall(place.source or ""):
                self.by_external.setdefault(ref, place)
        self.by_name: dict[str, list[Place]] = {}
        for place in places:
            for name in {place.name_en, place.name_ar, *place.variants}:
                if name:
                    self.by_name.setdefault(normalize(name), []).append(place)

    def add(self, place: Place) -> None:
        self.by_id[place.place_id] = place
        if place.pcode:
            self.by_pcode.setdefault(place.pcode.upper(), place)
        for name in {place.name_en, place.name_ar, *place.variants}:
            if name:
                self.by_name.setdefault(normalize(name), []).append(place)

    def places_named(self, name: str) -> list[Place]:
        return self.by_name.get(normalize(name), [])

    def match(self, feature: Feature, names: Sequence[str] | None = None) -> tuple[Place | None, str]:
        if feature.pcode and feature.pcode.upper() in self.by_pcode:
            return self.by_pcode[feature.pcode.upper()], "pcode"
        if feature.source.startswith("Who's On First") and feature.external_id in self.by_external:
            return self.by_external[feature.external_id], "source id"
        level = LEVEL.get(feature.kind, 2)
        point = feature.point()
        best: tuple[float, Place] | None = None
        for name in names if names is not None else feature.all_names:
            for place in self.by_name.get(normalize(name), []):
                place_level = LEVEL.get(place.kind, 2)
                if abs(place_level - level) > 1 or (feature.country_code and place.country_code
                                                    and feature.country_code != place.country_code.upper()):
                    continue
                if place.lat is None or point is None:
                    continue
                inside = feature.geometry is not None and feature.geometry.contains(Point(place.lon, place.lat))
                dist = 0.0 if inside else _haversine_km(point[0], point[1], place.lat, place.lon)
                if dist <= MATCH_DISTANCE_KM.get(max(level, place_level), 8.0) and (best is None or dist < best[0]):
                    best = (dist, place)
        return (best[1], "name") if best else (None, "")


def feature_names(feature: Feature, index: _PlaceIndex | None = None, descriptors: frozenset[str] = frozenset()) -> list[str]:
    """Every name a feature may be matched and looked up by: its names whole, then the parts of compound ones.

    - "Beit Meheb / Jdeydeh": both parts (two neighbourhoods sharing one polygon), when the English and
      Arabic names have as many parts (see `geo.importers.pair_names`; otherwise only the first part).
    - "Jericho (Ariha)": the base, and the bracketed part when it is another name of the same place.
      It is not when it names another known place (the qualifier in "Al Mawais (Rafah)"), starts with a
      lower-case word ("Palestinian Territory (the Occupied)") or is one of `descriptors` (a bracketed
      part the file gives several different places: "(Tajammu' Badawi)", a Bedouin community).
    - The full form with the brackets dropped ("Al Mawais Rafah"), so the name as the file writes it can
      still be looked up (`dmon gazetteer lookup "Al Mawais (Rafah)"`): a normalised name never holds
      punctuation.
    """
    names = list(feature.all_names)
    counts = {len(split_name(n)) for n in (feature.name_en, feature.name_ar) if n}
    for whole in feature.all_names:
        parts = split_name(whole)
        if len(parts) < 2:
            continue
        base, rest = parts[0], parts[1:]
        names.append(base)
        if "(" in whole:
            names.append(" ".join(parts))
        elif len(counts) > 1:
            continue  # English and Arabic disagree on the parts: the others may be descriptions
        for part in rest:
            if part[:1].islower() or normalize(part) in descriptors:
                continue
            if "(" in whole and index is not None:
                same = {p.place_id for p in index.places_named(base)}
                others = {p.place_id for p in index.places_named(part)}
                if others and not others & same:
                    continue  # a qualifier naming another place: Al Mawais (Rafah)
            names.append(part)
    return [n for n in dict.fromkeys(names) if n]


def _bracket_descriptors(features: Sequence[Feature]) -> frozenset[str]:
    """Bracketed parts that a file gives to places of different names: descriptions, not names."""
    bases: dict[str, set[str]] = {}
    for feature in features:
        for whole in feature.all_names:
            parts = split_name(whole)
            if "(" in whole and len(parts) == 2:
                bases.setdefault(normalize(parts[1]), set()).add(normalize(parts[0]))
    return frozenset(key for key, named in bases.items() if len(named) > 1)


def import_features(con, features: Sequence[Feature], known_places: Sequence[Place]) -> ImportSummary:
    """Attach `features` to the gazetteer and write places, names and polygons (one transaction).

    Args:
        con: an open DuckDB connection carrying the schema.
        features: as read by `geo.importers.read_features`.
        known_places: built-in places plus those imported before (the ids features attach to).
    """
    summary = ImportSummary(read=len(features))
    _infer_countries(features, known_places)
    index = _PlaceIndex(known_places)
    descriptors = _bracket_descriptors(features)
    used_ids = set(index.by_id)
    external_to_id: dict[str, str] = {}
    new_places: list[tuple[Feature, Place]] = []
    boundaries: list[tuple[str, str, int | None, bytes]] = []
    for feature in features:
        point = feature.point()
        if not feature.all_names or point is None:
            summary.skipped += 1
            continue
        names = feature_names(feature, index, descriptors)
        place, how = index.match(feature, names)
        if place is not None:
            if how == "pcode":
                summary.matched_by_pcode += 1
            elif how == "source id":
                summary.matched_by_source_id += 1
            else:
                summary.matched_by_name += 1
            if len(summary.examples) < 5:
                summary.examples.append(f"{feature.name_en or feature.name_ar} -> {place.place_id} ({how})")
        else:
            place = _new_place(feature, point, used_ids, names)
            used_ids.add(place.place_id)
            index.add(place)
            new_places.append((feature, place))
            summary.created += 1
        external_to_id[feature.external_id] = place.place_id
        if feature.geometry is not None and feature.geometry.geom_type in {"Polygon", "MultiPolygon"}:
            boundaries.append((place.place_id, feature.source, feature.admin_level, feature.geometry.wkb))
    summary.boundaries = len(boundaries)

    con.execute("BEGIN")
    try:
        if boundaries:
            import pandas as pd  # imported here: `dmon ingest` never needs it

            frame = pd.DataFrame(boundaries, columns=["place_id", "source", "admin_level", "geometry_wkb"])
            frame = frame.drop_duplicates(["place_id", "source"], keep="last")
            con.register("_dmon_boundaries", frame)
            con.execute("DELETE FROM place_boundaries WHERE (place_id, source) IN "
                        "(SELECT (place_id, source) FROM _dmon_boundaries)")
            con.execute("INSERT INTO place_boundaries (place_id, source, admin_level, geometry_wkb) "
                        "SELECT place_id, source, admin_level, geometry_wkb FROM _dmon_boundaries")
            con.unregister("_dmon_boundaries")
        parents = _roll_up(con, [p for _, p in new_places], index.by_id)
        with_parents = []
        for feature, place in new_places:
            parent = parents.get(place.place_id) or external_to_id.get(feature.parent_external_id or "")
            if parent is None and feature.parent_external_id:  # a p-code of a known place (SY02, C1007)
                known_parent = index.by_pcode.get(feature.parent_external_id.upper())
                parent = known_parent.place_id if known_parent else None
            if parent == place.place_id or (parent and LEVEL.get(index.by_id[parent].kind, 2) <= LEVEL.get(place.kind, 2)):
                parent = None
            with_parents.append(replace(place, parent_place_id=parent))
        by_id = {**index.by_id, **{p.place_id: p for p in with_parents}}
        write_places(con, [_with_admin1(p, by_id) for p in with_parents])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return summary


def _infer_countries(features: Sequence[Feature], known: Sequence[Place], max_km: float = 100.0) -> None:
    """Give features without a country the country of the nearest known place (within `max_km`)."""
    missing = [f for f in features if not f.country_code and f.point() is not None]
    anchors = [p for p in known if p.lat is not None and p.lon is not None and p.country_code]
    if not missing or not anchors:
        return
    lat = np.radians([p.lat for p in anchors])
    lon = np.radians([p.lon for p in anchors])
    for feature in missing:
        f_lat, f_lon = (np.radians(v) for v in feature.point())
        a = np.sin((lat - f_lat) / 2) ** 2 + np.cos(f_lat) * np.cos(lat) * np.sin((lon - f_lon) / 2) ** 2
        distances = 2 * 6371.0 * np.arcsin(np.sqrt(a))
        nearest = int(np.argmin(distances))
        if distances[nearest] <= max_km:
            feature.country_code = anchors[nearest].country_code.upper()


def _new_place(feature: Feature, point: tuple[float, float], used: set[str], names: Sequence[str] = ()) -> Place:
    country = (feature.country_code or "").lower() or "xx"
    base = slugify(feature.name_en) or slugify(feature.external_id) or "place"
    place_id = f"{country}-{base}"
    if place_id in used:
        place_id = f"{country}-{base}-{slugify(feature.external_id)}"
    suffix = 2
    while place_id in used:
        place_id = f"{country}-{base}-{slugify(feature.external_id)}-{suffix}"
        suffix += 1
    names = [n for n in (*feature.names, *names) if n not in (feature.name_en, feature.name_ar)]
    return Place(
        place_id=place_id, name_en=feature.name_en, name_ar=feature.name_ar, kind=feature.kind,
        country_code=feature.country_code, pcode=feature.pcode, lat=point[0], lon=point[1],
        source=f"{IMPORT_PREFIX}{feature.source} {feature.external_id}", variants=tuple(dict.fromkeys(names)),
    )


def _with_admin1(place: Place, by_id: dict[str, Place]) -> Place:
    """The place with admin1_name taken from its governorate ancestor."""
    current: Place | None = place
    for _ in range(10):
        if current is None:
            return place
        if current.kind == "governorate":
            return replace(place, admin1_name=current.name_en.replace(" Governorate", ""))
        current = by_id.get(current.parent_place_id) if current.parent_place_id else None
    return place


def _roll_up(con, places: Sequence[Place], by_id: dict[str, Place]) -> dict[str, str]:
    """Parent of each new place: the smallest stored polygon of a coarser place containing its point."""
    if not places:
        return {}
    rows = con.execute("SELECT place_id, geometry_wkb FROM place_boundaries").fetchall()
    polygons = [(pid, wkb) for pid, wkb in rows if pid in by_id]
    if not polygons:
        return {}
    import geopandas as gpd  # imported here: `dmon ingest` never needs it

    boundaries = gpd.GeoDataFrame(
        {"parent_id": [pid for pid, _ in polygons],
         "parent_level": [LEVEL.get(by_id[pid].kind, 2) for pid, _ in polygons]},
        geometry=gpd.GeoSeries.from_wkb([bytes(wkb) for _, wkb in polygons]), crs=4326,
    )
    boundaries["area"] = [geom.area for geom in boundaries.geometry]  # degrees²: only used to rank
    points = gpd.GeoDataFrame(
        {"place_id": [p.place_id for p in places], "level": [LEVEL.get(p.kind, 2) for p in places]},
        geometry=gpd.points_from_xy([p.lon for p in places], [p.lat for p in places]), crs=4326,
    )
    joined = gpd.sjoin(points, boundaries, predicate="within", how="inner")
    joined = joined[(joined["parent_level"] > joined["level"]) & (joined["parent_id"] != joined["place_id"])]
    joined = joined.sort_values(["place_id", "area"])
    return dict(joined.groupby("place_id")["parent_id"].first())
