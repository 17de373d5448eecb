"""data/gazetteer: the committed places.csv is complete, consistent and self-contained."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from geo.build_gazetteer import PLACES_COLUMNS, build, haversine_km
from geo.geocoder import load_builtin_places
from geo.types import GEO_PRECISION_BY_KIND

REPO = Path(__file__).resolve().parent.parent
GAZETTEER = REPO / "data" / "gazetteer"
ROWS = list(csv.DictReader((GAZETTEER / "places.csv").open(encoding="utf-8")))
BY_ID = {r["place_id"]: r for r in ROWS}
# Rough bounding boxes (lat min, lat max, lon min, lon max) of each country, with a small margin.
BOXES = {"SY": (32.2, 37.4, 35.6, 42.5), "LB": (33.0, 34.75, 35.05, 36.65), "PS": (31.2, 32.6, 34.2, 35.6)}


def test_columns_and_unique_slug_ids() -> None:
    assert tuple(ROWS[0].keys()) == PLACES_COLUMNS
    assert len(BY_ID) == len(ROWS)
    for row in ROWS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["place_id"]), row["place_id"]
        assert row["place_id"].split("-")[0] in {"sy", "lb", "ps"}


@pytest.mark.parametrize("row", ROWS, ids=[r["place_id"] for r in ROWS])
def test_row_is_consistent(row: dict) -> None:
    assert row["kind"] in GEO_PRECISION_BY_KIND
    assert row["name_en"] and row["name_ar"]
    assert re.search("[\u0600-\u06ff]", row["name_ar"])
    assert row["needs_cue"] in {"true", "false"}
    assert row["source"], "every row names where its facts come from"
    assert row["country_code"] == row["place_id"].split("-")[0].upper()
    if row["kind"] != "country":
        assert row["parent_place_id"] in BY_ID
        assert BY_ID[row["parent_place_id"]]["country_code"] == row["country_code"]
    lat, lon = float(row["lat"]), float(row["lon"])
    lat_min, lat_max, lon_min, lon_max = BOXES[row["country_code"]]
    assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, (lat, lon)
    assert "|" not in row["name_en"] and all(v.strip() == v and v for v in row["variants"].split("|") if row["variants"])


def test_parents_form_a_tree_and_neighbourhoods_are_near_their_city() -> None:
    for row in ROWS:
        seen, current = set(), row
        while current["parent_place_id"]:
            assert current["place_id"] not in seen, f"cycle at {row['place_id']}"
            seen.add(current["place_id"])
            current = BY_ID[current["parent_place_id"]]
        assert current["kind"] == "country"
        parent = BY_ID.get(row["parent_place_id"])
        if row["kind"] == "neighbourhood" and parent and parent["kind"] == "city":
            distance = haversine_km(float(row["lat"]), float(row["lon"]), float(parent["lat"]), float(parent["lon"]))
            assert distance < 15, (row["place_id"], distance)


def test_syrian_governorates_carry_the_ocha_pcodes() -> None:
    governorates = {r["pcode"]: r["place_id"] for r in ROWS if r["kind"] == "governorate" and r["country_code"] == "SY"}
    assert sorted(governorates) == [f"SY{i:02d}" for i in range(1, 15)]
    assert governorates["SY02"] == "sy-gov-aleppo"
    lebanon = [r for r in ROWS if r["kind"] == "governorate" and r["country_code"] == "LB"]
    palestine = [r for r in ROWS if r["kind"] == "governorate" and r["country_code"] == "PS"]
    assert len(lebanon) == 8 and len(palestine) == 16


def test_every_ocha_aleppo_neighbourhood_and_bani_zaid() -> None:
    aleppo = [r for r in ROWS if r["parent_place_id"] == "sy-aleppo" and r["pcode"].startswith("N0")]
    assert len(aleppo) == 109
    bani_zaid = BY_ID["sy-aleppo-bani-zaid"]
    assert bani_zaid["name_ar"] == "بني زيد"
    assert "APPROXIMATE" in bani_zaid["source"] and "uncertainty" in bani_zaid["source"]


REQUIRED = [
    "sy", "lb", "ps", "sy-aleppo", "sy-idlib", "sy-damascus", "sy-homs", "sy-hama", "sy-raqqa", "sy-deir-ez-zor",
    "sy-hasakah", "sy-qamishli", "sy-afrin", "sy-azaz", "sy-al-bab", "sy-manbij", "sy-kobani", "sy-tal-rifaat",
    "sy-saraqib", "sy-maarat-al-numan", "sy-ariha", "sy-jisr-al-shughur", "sy-daraa", "sy-sweida", "sy-latakia",
    "sy-tartus", "sy-douma", "sy-damascus-jobar", "sy-damascus-midan", "sy-aleppo-sheikh-maqsoud",
    "sy-aleppo-ashrafieh", "sy-aleppo-midan", "sy-ashrafiyat-sahnaya", "sy-homs-baba-amr",
    "lb-beirut", "lb-tyre", "lb-sidon", "lb-nabatieh", "lb-bint-jbeil", "lb-khiam", "lb-marjayoun", "lb-baalbek",
    "lb-tripoli", "lb-dahiyeh", "lb-beirut-achrafieh", "lb-haret-hreik", "lb-bourj-el-barajneh", "lb-ghobeiry",
    "lb-chiyah", "ps-gaza-strip", "ps-west-bank", "ps-gaza-city", "ps-jabalia", "ps-jabalia-camp", "ps-beit-lahia",
    "ps-beit-hanoun", "ps-deir-al-balah", "ps-khan-younis", "ps-rafah", "ps-al-mawasi", "ps-nuseirat-camp",
    "ps-bureij-camp", "ps-maghazi-camp", "ps-shati-camp", "ps-jenin", "ps-jenin-camp", "ps-tulkarm",
    "ps-tulkarm-camp", "ps-nur-shams-camp", "ps-balata-camp", "ps-nablus", "ps-hebron", "ps-ramallah",
]


def test_places_named_in_the_brief_are_present() -> None:
    assert not [pid for pid in REQUIRED if pid not in BY_ID]


def test_spelling_variants_of_the_seed_places() -> None:
    sheikh = BY_ID["sy-aleppo-sheikh-maqsoud"]["variants"].split("|")
    assert {"Sheikh Maqsood", "Shaykh Maqsud", "Şêxmeqsûd"} <= set(sheikh)
    ashrafieh = BY_ID["sy-aleppo-ashrafieh"]["variants"].split("|")
    assert {"الاشرفية", "الأشرفيه", "Ashrafiyah", "Ashrafiyeh", "Achrafieh"} <= set(ashrafieh)


def test_gold_annotations_use_existing_place_ids() -> None:
    used = set()
    for path in (REPO / "tests" / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                used |= {e["place_id"] for e in record.get("events", []) + record.get("figures", []) if e.get("place_id")}
    assert not used - set(BY_ID)


def test_builtin_places_load_as_records() -> None:
    places = load_builtin_places()
    assert len(places) == len(ROWS)
    sheikh = next(p for p in places if p.place_id == "sy-aleppo-sheikh-maqsoud")
    assert sheikh.geo_precision == 1 and "Şêxmeqsûd" in sheikh.variants and not sheikh.needs_cue
    assert next(p for p in places if p.place_id == "sy-aleppo-midan").needs_cue


@pytest.mark.shared
@pytest.mark.slow
def test_rebuild_from_shared_reproduces_the_committed_csv(shared_dir: Path) -> None:
    rows = build(shared_dir / "geodata")
    assert [r["place_id"] for r in rows] == [r["place_id"] for r in ROWS]
    assert rows == ROWS
