"""Rebuild data/gazetteer/places.csv from the curated files and the shared source datasets.

    python -m geo.build_gazetteer --shared ../shared/geodata --out data/gazetteer/places.csv

Inputs (all read-only):
- data/gazetteer/curated_places.csv: hand-curated rows (countries, governorates, cities, towns,
  camps, neighbourhoods outside Aleppo) with approximate coordinates; a `wof:<id>` in `note`
  pins a row to a Who's On First record.
- data/gazetteer/curated_coverage.csv (optional): more curated rows in the same columns (the towns,
  villages, camps, neighbourhoods and regions humanitarian reporting names most), appended after
  curated_places.csv; a place_id in both files is an error.
- data/gazetteer/aleppo_neighbourhoods_curation.csv: place_id, English name, extra variants and
  needs_cue for each OCHA Aleppo neighbourhood p-code (the ids are stable: annotators use them).
- <shared>/ocha_cod_ab_syria_adm1/syr_admin1.geojson: Syrian governorate p-codes, names, centroids.
- <shared>/ocha_syria_city_neighbourhoods_aleppo/aleppo_neighborhoods_v1.json: 109 neighbourhoods.
- <shared>/columbia_csr_conflict_urbanism_aleppo/neighborhoods-names.json: spelling variants.
- <shared>/facts/aleppo_neighbourhoods_facts.csv: page-sourced coordinates and variants.
- <shared>/whosonfirst_admin_{sy,lb,ps}/*.zip: coordinates for curated rows (by id, or by the same
  name near the curated estimate).

The output is self-contained: tests and users never need the shared folder. Place ids already
published are never changed by a rebuild (they come from the curated files).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from shapely import wkt
from shapely.geometry import Point

from geo.importers import pair_names
from geo.normalize import normalize

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = REPO / "data" / "gazetteer"
PLACES_COLUMNS = (
    "place_id", "name_en", "name_ar", "kind", "country_code", "admin1_name", "pcode",
    "parent_place_id", "lat", "lon", "variants", "needs_cue", "source",
)
# How far a same-named Who's On First record may lie from the curated estimate and still be taken
# as the same place: neighbourhoods are small, towns are points with some slack.
SNAP_DISTANCE_KM = {"neighbourhood": 2.0, "camp": 3.0, "region": 10.0}
DEFAULT_SNAP_DISTANCE_KM = 8.0
OCHA_ADM1 = "OCHA COD-AB Syria admin1 v02 (2020-12-17), mirrored in syrianzone/syrianzone"
OCHA_NEIGH = "OCHA city_neighbourhoods Aleppo (C1007), mirrored in Ameerovich/TRRCMS-Backend"
COLUMBIA = "Columbia CSR Conflict Urbanism: Aleppo neighborhoods-names.json"
FACTS = "shared facts table aleppo_neighbourhoods_facts.csv (page-sourced)"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@dataclass
class WofRecord:
    wof_id: str
    placetype: str
    name: str
    names: list[str]
    name_ar: str
    lat: float
    lon: float
    is_current: int


def iter_wof(zip_path: Path) -> Iterator[WofRecord]:
    """Primary, non-deprecated records of a Who's On First repository zip."""
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.namelist():
            if "-alt-" in member or not member.endswith(".geojson"):
                continue
            props = json.loads(archive.read(member))["properties"]
            if props.get("edtf:deprecated"):
                continue
            names = [props.get("wof:name") or ""]
            for key in ("name:eng_x_preferred", "name:eng_x_variant", "name:ara_x_preferred",
                        "name:ara_x_variant", "name:fra_x_preferred"):
                names.extend(props.get(key) or [])
            yield WofRecord(
                wof_id=str(props["wof:id"]), placetype=props.get("wof:placetype", ""),
                name=props.get("wof:name") or "", names=[n for n in names if n],
                name_ar=(props.get("name:ara_x_preferred") or [""])[0],
                lat=float(props.get("geom:latitude") or 0), lon=float(props.get("geom:longitude") or 0),
                is_current=int(props.get("mz:is_current", -1) or -1),
            )


def split_variants(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def unique(names: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Names in order, dropping exact repeats and the excluded ones."""
    seen = set(exclude)
    out = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def load_wof(shared: Path) -> dict[str, WofRecord]:
    records: dict[str, WofRecord] = {}
    for cc in ("sy", "lb", "ps"):
        for zip_path in sorted((shared / f"whosonfirst_admin_{cc}").glob("*.zip")):
            for rec in iter_wof(zip_path):
                records[rec.wof_id] = rec
    return records


def snap_to_wof(row: dict, by_key: dict[str, list[WofRecord]]) -> WofRecord | None:
    """The WOF record with one of the row's names closest to its estimate (see SNAP_DISTANCE_KM)."""
    if not row["lat"]:
        return None
    lat, lon = float(row["lat"]), float(row["lon"])
    wanted = {"neighbourhood": {"neighbourhood", "locality"},
              "camp": {"locality", "neighbourhood", "campus"},
              "region": {"locality", "region", "county", "neighbourhood"}}.get(row["kind"], {"locality"})
    limit = SNAP_DISTANCE_KM.get(row["kind"], DEFAULT_SNAP_DISTANCE_KM)
    best: tuple[float, WofRecord] | None = None
    for name in [row["name_en"], row["name_ar"], *split_variants(row["variants"])]:
        for rec in by_key.get(normalize(name), []):
            if rec.placetype not in wanted:
                continue
            dist = haversine_km(lat, lon, rec.lat, rec.lon)
            if dist <= limit and (best is None or dist < best[0]):
                best = (dist, rec)
    return best[1] if best else None


def build(shared: Path, gazetteer_dir: Path = GAZETTEER_DIR) -> list[dict]:
    """All rows of places.csv, in a stable order."""
    curated = list(csv.DictReader((gazetteer_dir / "curated_places.csv").open(encoding="utf-8")))
    for r in curated:
        r["_file"] = "curated_places.csv"
    coverage_path = gazetteer_dir / "curated_coverage.csv"
    if coverage_path.exists():
        coverage = list(csv.DictReader(coverage_path.open(encoding="utf-8")))
        taken = {r["place_id"] for r in curated}
        clashes = [r["place_id"] for r in coverage if r["place_id"] in taken]
        if clashes:
            raise ValueError(f"place_id in both curated_places.csv and curated_coverage.csv: {', '.join(clashes)}; "
                             "keep each place in one file")
        for r in coverage:
            r["_file"] = "curated_coverage.csv"
        curated += coverage
    curation = {r["pcode"]: r for r in csv.DictReader(
        (gazetteer_dir / "aleppo_neighbourhoods_curation.csv").open(encoding="utf-8"))}
    wof = load_wof(shared)
    by_key: dict[str, list[WofRecord]] = {}
    for rec in wof.values():
        for name in set(rec.names):
            by_key.setdefault(normalize(name), []).append(rec)

    rows: list[dict] = []
    for r in curated:
        row = {k: r.get(k, "") for k in PLACES_COLUMNS}
        note = r.get("note", "")
        sources = []
        pinned = next((t.split(":", 1)[1].strip() for t in note.replace(";", " ").split() if t.startswith("wof:")), None)
        rec = wof.get(pinned) if pinned else None
        if rec is None and row["kind"] not in ("country", "governorate"):
            rec = snap_to_wof(row, by_key)
        if rec is not None:
            row["lat"], row["lon"] = f"{rec.lat:.6f}", f"{rec.lon:.6f}"
            sources.append(f"coords: Who's On First {rec.wof_id} ({rec.placetype} '{rec.name}')")
            # Only the point is taken: WOF's Arabic names are uneven (a governorate's record may carry the
            # bare city name, a village the name of a neighbour), and the curated names are authoritative.
        elif row["lat"]:
            sources.append("coords: APPROXIMATE curated estimate (no same-named dataset record nearby; verify)")
        note_text = " ; ".join(t for t in note.split(" ; ") if not t.startswith("wof:"))
        if note_text:
            sources.append(note_text)
        sources.append(f"names: curated (data/gazetteer/{r['_file']})")
        row["source"] = "; ".join(sources)
        rows.append(row)
    by_id = {row["place_id"]: row for row in rows}

    # Syrian governorates: OCHA COD-AB p-codes, names and centroids.
    adm1 = json.loads((shared / "ocha_cod_ab_syria_adm1" / "syr_admin1.geojson").read_text(encoding="utf-8"))
    town_keys = {normalize(r["name_ar"]) for r in rows if r["kind"] != "governorate"} | {
        normalize(r["name_en"]) for r in rows if r["kind"] != "governorate"}
    for feature in adm1["features"]:
        p = feature["properties"]
        row = next((r for r in rows if r["pcode"] == p["ADM1_PCODE"] and r["kind"] == "governorate"), None)
        if row is None:
            raise ValueError(f"no curated governorate row for OCHA p-code {p['ADM1_PCODE']} ({p['ADM1_EN']})")
        row["lat"], row["lon"] = f"{float(p['center_lat']):.6f}", f"{float(p['center_lon']):.6f}"
        extra = [n for n in (p["ADM1_EN"], p["ADM1_AR"], p.get("province_name") or "") if n and normalize(n) not in town_keys]
        row["variants"] = "|".join(unique([*split_variants(row["variants"]), *extra], [row["name_en"], row["name_ar"]]))
        row["source"] = f"{OCHA_ADM1}: p-code, names, centroid; variants curated"

    # Aleppo neighbourhoods: OCHA layer + Columbia variants + page facts.
    layer = json.loads((shared / "ocha_syria_city_neighbourhoods_aleppo" / "aleppo_neighborhoods_v1.json").read_text(encoding="utf-8"))
    columbia = json.loads((shared / "columbia_csr_conflict_urbanism_aleppo" / "neighborhoods-names.json").read_text(encoding="utf-8"))
    columbia_by_key: dict[str, dict] = {}
    for entry in columbia.values():
        for name in [entry.get("original_name_a") or "", *(entry.get("alternative_arabic") or [])]:
            if name:
                columbia_by_key.setdefault(_join_key(name), entry)
    facts = {}
    facts_path = shared / "facts" / "aleppo_neighbourhoods_facts.csv"
    for f in csv.DictReader(facts_path.open(encoding="utf-8")):
        if f["ocha_neigh_pcode"]:
            facts[f["ocha_neigh_pcode"]] = f
    insert_at = next(i for i, r in enumerate(rows) if r["place_id"] == "sy-aleppo-bani-zaid")
    new_rows = []
    for item in layer["items"]:
        pcode = item["pCode"]
        cur = curation.get(pcode)
        if cur is None:
            raise ValueError(f"OCHA neighbourhood {pcode} ({item['nameEnglish']}) has no row in aleppo_neighbourhoods_curation.csv")
        name_ar, variants = _ocha_names(item["nameEnglish"], item["nameArabic"], cur)
        sources = [f"{OCHA_NEIGH} {pcode}: Arabic name, centroid"]
        arabic_parts = [ar for _, ar in pair_names(item["nameEnglish"], item["nameArabic"]) if ar]
        entry = next((columbia_by_key[k] for k in map(_join_key, [name_ar, *arabic_parts]) if k in columbia_by_key), None)
        if entry:
            variants += [entry.get("original_name_a") or "", entry.get("original_name") or "", *(entry.get("alternative_arabic") or []),
                         *(entry.get("alternative_english") or [])]
            sources.append(f"variants: {COLUMBIA}")
        lat, lon = float(item["centerLatitude"]), float(item["centerLongitude"])
        polygon = wkt.loads(item["boundaryWkt"])
        fact = facts.get(pcode)
        if fact:
            variants += [v.strip() for v in fact["spelling_variants_en"].split(";") + fact["spelling_variants_ar"].split(";")]
            if fact["name_ku"]:
                variants.append(fact["name_ku"])
            if fact["coord_basis"].startswith("page") and fact["lat"]:
                if polygon.contains(Point(float(fact["lon"]), float(fact["lat"]))):
                    lat, lon = float(fact["lat"]), float(fact["lon"])
                    sources[0] = f"{OCHA_NEIGH} {pcode}: Arabic name; coords: page infobox {fact['coord_source']}"
                else:
                    sources[0] += f" (page coordinates {fact['lat']}, {fact['lon']} lie outside the OCHA polygon: not used)"
            sources.append(f"variants: {FACTS}")
        if not polygon.contains(Point(lon, lat)):
            inside = polygon.representative_point()
            lat, lon = inside.y, inside.x
            sources[0] += " (centroid outside the polygon: a point inside it is used)"
        # "حي X" spellings are X after a cue word: the geocoder handles the cue, the name is X.
        variants = [v.split("(")[0].strip().removeprefix("حي ") for v in variants]
        sources.append("id, English name, extra variants, needs_cue: data/gazetteer/aleppo_neighbourhoods_curation.csv")
        new_rows.append({
            "place_id": cur["place_id"], "name_en": cur["name_en"], "name_ar": name_ar,
            "kind": "camp" if "camp" in cur["place_id"] else "neighbourhood", "country_code": "SY",
            "admin1_name": "", "pcode": pcode, "parent_place_id": "sy-aleppo",
            "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
            "variants": "|".join(unique(variants, [cur["name_en"], name_ar])),
            "needs_cue": cur["needs_cue"], "source": "; ".join(sources),
        })
    rows[insert_at:insert_at] = new_rows
    by_id = {row["place_id"]: row for row in rows}
    if len(by_id) != len(rows):
        raise ValueError("duplicate place_id in the gazetteer inputs")

    for row in rows:
        row["admin1_name"] = _admin1_name(row, by_id)
        parent = row["parent_place_id"]
        if parent and parent not in by_id:
            raise ValueError(f"{row['place_id']}: parent {parent} is not in the gazetteer")
    return rows


def _ocha_names(name_en: str, name_ar: str, curation: dict) -> tuple[str, list[str]]:
    """The Arabic name of a curated OCHA neighbourhood and the variants its OCHA names give.

    A compound OCHA name ("Beit Meheb / Jdeydeh", "بيت محب/ جديدة") covers two neighbourhoods: the
    Arabic name is the Arabic part paired with the English part that is the curated name (Jdeideh ->
    جديدة), and every paired part is a variant. An Arabic part with no English counterpart is a
    description ("الراموسة/ المنطقة الصناعية" for "Ar-Ramouseh Industrial District"), never a name.
    """
    pairs = pair_names(name_en, name_ar)
    # The curated English name decides first: Jdeideh's curated variants also list Beit Meheb (the polygon
    # covers both), which must not choose Beit Meheb's Arabic.
    for names in ([curation["name_en"]], split_variants(curation["extra_variants"])):
        own = {normalize(n) for n in names}
        arabic = next((ar for en, ar in pairs if ar and en and normalize(en) in own), "")
        if arabic:
            break
    else:
        arabic = next((ar for _, ar in pairs if ar), "")
    if not arabic:
        raise ValueError(f"OCHA neighbourhood {curation['pcode']} ({name_en}) has no Arabic name")
    variants = [*split_variants(curation["extra_variants"])]
    variants += [part for en, ar in pairs if en for part in (en, ar) if part]
    return arabic, variants


def _join_key(name: str) -> str:
    key = normalize(name).replace("حي ", "")
    return key[2:] if key.startswith("ال") else key


def _admin1_name(row: dict, by_id: dict[str, dict]) -> str:
    current = row
    for _ in range(10):
        if current["kind"] == "governorate":
            return current["name_en"].replace(" Governorate", "")
        parent = by_id.get(current["parent_place_id"])
        if parent is None:
            return ""
        current = parent
    return ""


def write_csv(rows: list[dict], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PLACES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "geodata",
                        help="folder with the shared geodata (default: ../shared/geodata)")
    parser.add_argument("--out", type=Path, default=GAZETTEER_DIR / "places.csv")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        parser.error(f"shared geodata folder {args.shared} not found; pass --shared PATH")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = build(args.shared)
    write_csv(rows, args.out)
    log.info("wrote %d places to %s", len(rows), args.out)


if __name__ == "__main__":
    main()
