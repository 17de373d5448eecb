"""Readers for the boundary and gazetteer files users already have, as `Feature` records.

Supported (`read_features` picks the reader from the file):
- OCHA COD-AB boundaries: GeoJSON / shapefile / GeoPackage with ADM<n>_EN / ADM<n>_AR / ADM<n>_PCODE.
- The OCHA city-neighbourhood JSON layer (object with `items`, each with pCode, nameArabic,
  nameEnglish, centerLatitude/Longitude, boundaryWkt).
- Who's On First: one record (.geojson), a folder of records, or a zip of a WOF repository's
  `data/` tree. Alternate geometries (`-alt-` files) and deprecated records are dropped.
- GeoNames dumps (tab-separated, 19 columns: geonameid, name, asciiname, alternatenames, lat, lon,
  feature class, feature code, country code ...). Only populated places (P) and admin areas (A).
- Any GeoJSON/shapefile with a name column (`name_field`; an Arabic column is picked up when it
  is called name_ar, NAME_A, NAME_AR, ADM*_AR or name:ar).

Names are kept whole as the files give them ("Beit Meheb / Jdeydeh", "Jericho (Ariha)");
`split_name` and `pair_names` take compound names apart, pairing English and Arabic parts by position,
for the attaching step and the built-in gazetteer build.

Everything here is pure reading: attaching features to gazetteer places and writing the database
happen in `geo.gazetteer_db`.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shapely import wkt
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

log = logging.getLogger(__name__)

WOF_KINDS = {
    "country": "country", "region": "governorate", "county": "district", "localadmin": "subdistrict",
    "locality": "town", "neighbourhood": "neighbourhood", "macrohood": "neighbourhood", "borough": "district",
}
OCHA_LEVEL_KINDS = {0: "country", 1: "governorate", 2: "district", 3: "subdistrict", 4: "town"}
GEONAMES_KINDS = {"PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPL": "town",
                  "PPLX": "neighbourhood", "PPLL": "village", "ADM1": "governorate", "ADM2": "district",
                  "ADM3": "subdistrict", "ADM4": "town"}
ARABIC_COLUMNS = ("name_ar", "NAME_A", "NAME_AR", "name:ar", "nameArabic", "name_arabic", "ar_name")
NAME_COLUMNS = ("name", "NAME", "Name", "name_en", "NAME_EN", "nameEnglish", "wof:name")
_ARABIC = re.compile("[\u0600-\u06ff]")


_BRACKET = re.compile(r"^(?P<base>[^()]*?)\s*\((?P<inner>[^()]*?)\s*(?:\)\s*(?P<tail>[^()]*))?$")


def split_name(name: str) -> list[str]:
    """The parts of a compound name, in order; a simple name is its own single part.

    "Beit Meheb / Jdeydeh" -> [Beit Meheb, Jdeydeh]; "بيت محب/ جديدة" -> [بيت محب, جديدة];
    "Jericho (Ariha)" -> [Jericho, Ariha]; a bracket cut off by a field limit ("An Nabi Salih (Bani
    Zeid al gharbi") still splits.
    """
    name = " ".join((name or "").split())
    match = _BRACKET.match(name) if "(" in name else None
    if match and match["base"]:
        pieces = [" ".join(filter(None, (match["base"], match["tail"]))), match["inner"] or ""]
    else:
        pieces = [name]
    return [part.strip(" -–") for piece in pieces for part in piece.split("/") if part.strip(" -–")]


def pair_names(name_en: str, name_ar: str) -> list[tuple[str, str]]:
    """(English, Arabic) parts of a compound name, aligned by position.

    OCHA writes two neighbourhoods sharing one polygon as "Beit Meheb / Jdeydeh" and "بيت محب/ جديدة":
    the second Arabic part is the Arabic of the second English part. When the two languages have a
    different number of parts the alignment is unknown ("Ar-Ramouseh Industrial District" and
    "الراموسة/ المنطقة الصناعية": the extra Arabic part describes the place, it is not a second name), so
    only the first parts pair and the extra parts come alone, with "" on the other side.
    """
    english = split_name(name_en) if name_en else []
    arabic = split_name(name_ar) if name_ar else []
    size = max(len(english), len(arabic))
    return [(english[i] if i < len(english) else "", arabic[i] if i < len(arabic) else "") for i in range(size)]


class ImportFormatError(ValueError):
    """The file is not in a format we can import (the message says what was expected)."""


@dataclass
class Feature:
    """One place read from an imported file, before it is attached to the gazetteer."""

    name_en: str
    name_ar: str
    kind: str
    country_code: str
    source: str  # dataset label, e.g. "whosonfirst-data-admin-sy"
    external_id: str  # id in that dataset (WOF id, p-code, GeoNames id, row number)
    names: list[str] = field(default_factory=list)  # every other name and variant
    pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    geometry: BaseGeometry | None = None
    admin_level: int | None = None
    parent_external_id: str | None = None

    @property
    def all_names(self) -> list[str]:
        """The names as the file gives them (compound names whole; see `split_name`)."""
        return [n for n in dict.fromkeys([self.name_en, self.name_ar, *self.names]) if n]

    def point(self) -> tuple[float, float] | None:
        """(lat, lon): the given point, else a point inside the geometry."""
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        if self.geometry is not None and not self.geometry.is_empty:
            p = self.geometry.representative_point()
            return p.y, p.x
        return None


def read_features(path: Path, *, name_field: str | None = None, kind: str | None = None) -> list[Feature]:
    """Read any supported file (see the module docstring) into features.

    Raises:
        FileNotFoundError: `path` does not exist.
        ImportFormatError: the file is none of the supported formats.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if path.is_dir():
        features = list(_wof_records(_iter_wof_folder(path), path.name))
    elif path.suffix.lower() == ".zip":
        features = list(_wof_records(_iter_wof_zip(path), path.stem.removesuffix("_data")))
    elif path.suffix.lower() in {".txt", ".tsv"}:
        features = list(read_geonames(path))
    else:
        features = _read_json_or_vector(path, name_field)
    if kind:
        for feature in features:
            feature.kind = kind
    return features


#: Column names GDAL's CSV driver tries for the longitude and latitude of a CSV of points (WGS 84).
CSV_LON_COLUMNS = "lon,longitude,lng,long,x"
CSV_LAT_COLUMNS = "lat,latitude,y"


def _read_json_or_vector(path: Path, name_field: str | None) -> list[Feature]:
    if path.suffix.lower() in {".json", ".geojson"}:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            where = f"line {err.lineno}" if isinstance(err, json.JSONDecodeError) else f"byte {err.start}"
            raise ImportFormatError(
                f"{path}: not valid JSON ({where}: {getattr(err, 'msg', None) or err.reason}); "
                "check the file is a complete GeoJSON export") from err
        if isinstance(data, dict) and isinstance(data.get("items"), list) and data["items"] and "boundaryWkt" in data["items"][0]:
            return read_ocha_neighbourhoods(data, path.stem)
        if isinstance(data, dict) and data.get("type") == "Feature" and "wof:id" in data.get("properties", {}):
            return list(_wof_records([data], path.stem))
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            features = data.get("features") or []
            if features and "wof:id" in (features[0].get("properties") or {}):
                return list(_wof_records(features, path.stem))
            return read_feature_collection(features, path.stem, name_field)
        raise ImportFormatError(
            f"{path}: JSON that is neither GeoJSON, a Who's On First record nor an OCHA neighbourhood layer "
            "(an object with 'items' carrying 'boundaryWkt')"
        )
    try:
        import geopandas as gpd
    except ImportError as err:  # pragma: no cover - geopandas is a dependency
        raise ImportFormatError("reading shapefiles needs geopandas") from err
    is_csv = path.suffix.lower() == ".csv"
    # A CSV of points: GDAL's CSV driver makes the geometry from the longitude/latitude columns.
    csv_options = {"X_POSSIBLE_NAMES": CSV_LON_COLUMNS, "Y_POSSIBLE_NAMES": CSV_LAT_COLUMNS} if is_csv else {}
    try:
        frame = gpd.read_file(path, **csv_options)
    except Exception as err:
        first_line = str(err).split(";")[0]
        raise ImportFormatError(
            f"{path}: not a vector file geopandas can read ({first_line}); give GeoJSON, a shapefile, "
            "GeoPackage, a Who's On First record or folder, a GeoNames .txt dump, or a CSV with lat/lon columns"
        ) from err
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry is None or frame.geometry.isna().all():
        raise ImportFormatError(
            f"{path}: no coordinates found; a CSV needs longitude and latitude columns named "
            f"{CSV_LON_COLUMNS} and {CSV_LAT_COLUMNS}")
    if is_csv and frame.crs is None:
        frame = frame.set_crs(4326)
    if frame.crs is not None and frame.crs.to_epsg() not in (4326, None):
        frame = frame.to_crs(4326)
    geometry_column = frame.geometry.name
    records = [{"type": "Feature", "properties": {k: v for k, v in row.items() if k != geometry_column},
                "geometry": row[geometry_column]} for row in frame.to_dict("records")]
    return read_feature_collection(records, path.stem, name_field)


def read_feature_collection(records: list[dict], label: str, name_field: str | None) -> list[Feature]:
    """GeoJSON-like features: OCHA COD-AB (ADM*_PCODE columns) or any layer with a name column."""
    if not records:
        return []
    props0 = records[0].get("properties") or {}
    levels = sorted({int(m.group(1)) for k in props0 if (m := re.fullmatch(r"ADM(\d)_PCODE", k, re.I))})
    out = []
    for i, record in enumerate(records):
        props = record.get("properties") or {}
        geometry = _geometry(record.get("geometry"))
        if levels and not name_field:
            level = levels[-1]
            pcode = str(_get(props, f"ADM{level}_PCODE") or "")
            name_en = str(_get(props, f"ADM{level}_EN") or "")
            name_ar = str(_get(props, f"ADM{level}_AR") or "")
            names = [str(v) for k, v in props.items() if v and re.fullmatch(rf"ADM{level}(ALT\d?)?_(EN|AR|REF)", k, re.I)]
            country = str(_get(props, "ADM0_PCODE") or pcode[:2])
            parent = str(_get(props, f"ADM{level - 1}_PCODE") or "") if level else None
            out.append(Feature(name_en, name_ar, OCHA_LEVEL_KINDS.get(level, "town"), country.upper()[:2],
                               f"OCHA COD-AB {label}", pcode, names, pcode=pcode, geometry=geometry,
                               admin_level=level, parent_external_id=parent or None))
            continue
        field_name = name_field or next((c for c in NAME_COLUMNS if c in props), None)
        if field_name is None or field_name not in props:
            looked = (f"--name-field {name_field!r} is not one of its columns" if name_field
                      else f"looked for {', '.join(NAME_COLUMNS)}")
            raise ImportFormatError(
                f"{label}: no name column found ({looked}); "
                f"pass --name-field with one of: {', '.join(sorted(props0))}"
            )
        name = str(props.get(field_name) or "").strip()
        arabic_field = next((c for c in ARABIC_COLUMNS if c in props), None)
        name_ar = str(props.get(arabic_field) or "").strip() if arabic_field else ""
        if _ARABIC.search(name) and not name_ar:
            name, name_ar = "", name
        if not (name or name_ar):
            continue
        external = str(props.get("id") or props.get("Id") or props.get("ID") or i)
        out.append(Feature(name, name_ar, "neighbourhood" if geometry is not None and geometry.area < 0.001 else "town",
                           "", label, external, geometry=geometry))
    return out


def read_ocha_neighbourhoods(data: dict, label: str) -> list[Feature]:
    """The OCHA city_neighbourhoods JSON layer (see its PROVENANCE.md)."""
    out = []
    for item in data["items"]:
        geometry = wkt.loads(item["boundaryWkt"]) if item.get("boundaryWkt") else None
        # Keep compound names whole ("بيت محب/ جديدة" is Beit Meheb and Jdeydeh, in that order): taking the
        # first Arabic part as *the* Arabic name gave Jdeideh the Arabic name of Beit Meheb.
        out.append(Feature(
            name_en=" ".join(str(item.get("nameEnglish") or "").split()),
            name_ar=" / ".join(split_name(str(item.get("nameArabic") or ""))),
            kind="neighbourhood", country_code="SY", source=f"OCHA city_neighbourhoods {label}",
            external_id=str(item["pCode"]), pcode=str(item["pCode"]),
            lat=_float(item.get("centerLatitude")), lon=_float(item.get("centerLongitude")), geometry=geometry,
            parent_external_id=data.get("communityExternalPCode"),
        ))
    return out


def _iter_wof_zip(path: Path) -> Iterator[dict]:
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".geojson") and "-alt-" not in member:
                yield json.loads(archive.read(member))


def _iter_wof_folder(path: Path) -> Iterator[dict]:
    """Records of a checked-out WOF repository, or of the WOF zips a folder holds (as downloaded)."""
    for file in sorted(path.rglob("*.geojson")):
        if "-alt-" not in file.name:
            yield json.loads(file.read_text(encoding="utf-8"))
    for archive in sorted(path.rglob("*.zip")):
        yield from _iter_wof_zip(archive)


def _wof_records(records: Iterable[dict], label: str) -> Iterator[Feature]:
    """Who's On First records -> features (deprecated, superseded-only and alt records dropped)."""
    for record in records:
        props = record.get("properties") or {}
        if "wof:id" not in props or props.get("edtf:deprecated") or props.get("src:alt_label"):
            continue
        kind = WOF_KINDS.get(props.get("wof:placetype", ""))
        if kind is None:
            continue
        if props.get("mz:is_current") == 0 and props.get("wof:superseded_by"):
            continue
        name_ar = (props.get("name:ara_x_preferred") or [""])[0]
        name_en = (props.get("name:eng_x_preferred") or [""])[0] or props.get("wof:name") or ""
        names = [props.get("wof:name") or ""]
        for key in ("name:eng_x_variant", "name:ara_x_variant", "name:fra_x_preferred", "name:kur_x_preferred"):
            names.extend(props.get(key) or [])
        geometry = _geometry(record.get("geometry"))
        if geometry is not None and geometry.geom_type == "Point":
            geometry = None
        yield Feature(
            name_en=name_en, name_ar=name_ar, names=[n for n in names if n and n not in (name_en, name_ar)],
            kind=kind, country_code=str(props.get("wof:country") or "").upper(), source=f"Who's On First {label}",
            external_id=str(props["wof:id"]), lat=_float(props.get("geom:latitude")),
            lon=_float(props.get("geom:longitude")), geometry=geometry,
            parent_external_id=str(props.get("wof:parent_id")) if props.get("wof:parent_id") not in (None, -1) else None,
        )


def read_geonames(path: Path) -> Iterator[Feature]:
    """A GeoNames dump (e.g. SY.txt): populated places and admin areas."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if len(row) < 19:
                raise ImportFormatError(
                    f"{path}:{line_no}: expected 19 tab-separated GeoNames columns, found {len(row)}"
                )
            feature_class, code = row[6], row[7]
            kind = GEONAMES_KINDS.get(code) or ("town" if feature_class == "P" else None)
            if feature_class not in {"P", "A"} or kind is None:
                continue
            alternates = [a for a in row[3].split(",") if a]
            name_ar = next((a for a in alternates if _ARABIC.search(a)), "")
            yield Feature(
                name_en=row[1], name_ar=name_ar, names=[a for a in [row[2], *alternates] if a != name_ar],
                kind=kind, country_code=row[8].upper(), source=f"GeoNames {path.name}", external_id=row[0],
                lat=_float(row[4]), lon=_float(row[5]),
            )


def _geometry(value) -> BaseGeometry | None:
    if value is None:
        return None
    if isinstance(value, BaseGeometry):
        return value
    try:
        return shape(value)
    except Exception:  # a broken geometry is dropped, the name is still imported
        log.warning("dropping an unreadable geometry")
        return None


def _get(props: dict, key: str):
    for k, v in props.items():
        if k.lower() == key.lower():
            return v
    return None


def _float(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
