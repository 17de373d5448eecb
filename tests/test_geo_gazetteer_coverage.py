"""Coverage places (data/gazetteer/curated_coverage.csv): found where reports name them, not in common words.

Each case is a short report sentence (Arabic or English) and a place id the geocoder must find in it, or
must not find. The negative cases are the precision traps met while curating the file: village names
that are common Arabic words once normalised (فصايل is فصائل, جويا is in قصفا جويا), names that read as a
clitic plus a noun (بدرس), and Latin spellings that are English words, person names or other places
(Brazil, Aqaba, Samoa, Kefraya).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from geo_helpers import found_places as found

from geo.geocoder import Geocoder

COVERAGE = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "curated_coverage.csv"
COVERAGE_IDS = {row["place_id"] for row in csv.DictReader(COVERAGE.open(encoding="utf-8"))}


FOUND = [
    pytest.param("New wave of shelling in north-west Syria displaces thousands", "sy-region-north-west",
                 id="en-region-north-west"),
    pytest.param("نزوح آلاف العائلات من مناطق شمال غرب سوريا", "sy-region-north-west", id="ar-region-with-cue"),
    pytest.param("قصف مدفعي على قرى جبل الأكراد بريف اللاذقية", "sy-jabal-al-akrad", id="ar-jabal-al-akrad"),
    pytest.param("Families were displaced from the South Hebron Hills", "ps-south-hebron-hills",
                 id="en-south-hebron-hills"),
    pytest.param("هدمت قوات الاحتلال مساكن في الأغوار الشمالية", "ps-northern-jordan-valley",
                 id="ar-northern-jordan-valley"),
    pytest.param("غارة إسرائيلية على بلدة محيبيب جنوبي لبنان", "lb-mhaibib", id="ar-border-village"),
    pytest.param("An Israeli strike hit the town of Toul in the Nabatieh district", "lb-toul", id="en-toul"),
    pytest.param("غارة على بلدة جويا في قضاء صور", "lb-jouaiya", id="ar-jouaiya-with-cue"),
    pytest.param("Israeli forces demolished homes in Fasayil in the Jordan Valley", "ps-fasayil",
                 id="en-fasayil-latin"),
    pytest.param("أخطرت قوات الاحتلال بهدم منازل في قرية فصايل", "ps-fasayil", id="ar-fasayil-with-cue"),
    pytest.param("هدمت جرافات إسرائيلية منشآت زراعية في بلدة بدرس غربي رام الله", "ps-budrus",
                 id="ar-budrus-with-cue"),
    pytest.param("قصف بالبراميل المتفجرة على أطراف بلدات التح والتمانعة", "sy-tamanah", id="ar-clitic-list"),
    pytest.param("Settlers attacked al-Mughayyir and Turmus Ayya; in Sinjil and Silwad too, and in Jalud",
                 "ps-jalud", id="en-west-bank-village"),
    pytest.param("Israeli forces demolished two homes in Sur Baher, south-east of Jerusalem", "ps-sur-baher",
                 id="en-east-jerusalem"),
]

NOT_FOUND = [
    pytest.param("قصفت فصائل المعارضة مواقع قوات النظام", "ps-fasayil", id="ar-fasayil-is-factions"),
    pytest.param("شنت الطائرات قصفا جويا على القرية", "lb-jouaiya", id="ar-jouaiya-in-air-strike"),
    pytest.param("قال المصدر إن القصف استمر ساعات", "ps-musaddar", id="ar-musaddar-is-the-source"),
    pytest.param("وقفوا جنبا إلى جنب مع النازحين", "ps-jinba", id="ar-jinba-side-by-side"),
    pytest.param("لم تمنح السلطات إذنا بدخول القافلة", "ps-idhna", id="ar-idhna-is-permission"),
    pytest.param("أعلن فريق منسقو الاستجابة في شمال غرب سوريا أرقام النازحين", "sy-region-north-west",
                 id="ar-region-locating-an-organisation"),
    pytest.param("Brazil sent humanitarian aid to Gaza", "ps-rafah-brazil", id="en-brazil-the-country"),
    pytest.param("Aid trucks waited at the Jordanian port of Aqaba", "ps-aqqaba", id="en-aqaba-jordan"),
    pytest.param("A delegation from Samoa attended the conference", "ps-samu", id="en-samoa"),
    pytest.param("Roads closed by snow: Ainata - Cedars - Maaser el-Chouf - Kefraya", "sy-kafriya",
                 id="en-kefraya-lebanon"),
    pytest.param("People used to tour the market before the war", "*", id="en-tour-is-a-word"),
    pytest.param("Maher al-Mansouri and Yahya Ayyash were named", "*", id="en-person-names"),
    pytest.param("Ansar Allah said it fired a missile", "lb-ansar", id="en-ansar-allah"),
    pytest.param("Yair Golan criticised the government", "sy-golan", id="en-golan-a-surname"),
    pytest.param("Israeli forces advanced from the occupied Golan into Quneitra", "!sy-golan", id="en-occupied-golan"),
    pytest.param("Al Jazeera reported heavy shelling", "sy-jazira", id="en-al-jazeera"),
    pytest.param("قصف على قرى في منطقة الجزيرة السورية", "!sy-jazira", id="ar-jazira-with-cue"),
    pytest.param("ذكرت قناة الجزيرة أن القصف استمر", "sy-jazira", id="ar-al-jazeera"),
]


@pytest.mark.parametrize(("text", "place_id"), FOUND)
def test_coverage_place_is_found(geocoder: Geocoder, text: str, place_id: str) -> None:
    assert place_id in found(geocoder, text)


@pytest.mark.parametrize(("text", "place_id"), NOT_FOUND)
def test_common_word_or_other_place_is_not_a_coverage_place(geocoder: Geocoder, text: str, place_id: str) -> None:
    """`*`: no coverage place at all; `!id`: the control case, found with its cue."""
    places = found(geocoder, text)
    if place_id == "*":
        assert not places & COVERAGE_IDS
    elif place_id.startswith("!"):
        assert place_id[1:] in places
    else:
        assert place_id not in places


def test_coverage_rows_have_the_curated_columns_and_a_source() -> None:
    header = (COVERAGE.parent / "curated_places.csv").open(encoding="utf-8").readline().strip().split(",")
    rows = list(csv.DictReader(COVERAGE.open(encoding="utf-8")))
    assert list(rows[0].keys()) == header
    for row in rows:
        assert row["note"], f"{row['place_id']}: say where the facts come from"
        assert row["needs_cue"] in {"true", "false"}
        if row["kind"] == "region":
            assert row["lat"] and row["lon"], f"{row['place_id']}: a region needs a representative point"


@pytest.mark.shared
def test_syrian_coverage_points_lie_in_their_governorate(shared_dir: Path) -> None:
    """Each Syrian coverage place's point is inside (or within 2 km of) the OCHA admin-1 polygon of the
    governorate it rolls up to: a wrong estimate or a same-named WOF record in another governorate fails."""
    import json

    from shapely.geometry import Point, shape

    adm1 = json.loads((shared_dir / "geodata" / "ocha_cod_ab_syria_adm1" / "syr_admin1.geojson").read_text(encoding="utf-8"))
    polygons = {f["properties"]["ADM1_PCODE"]: shape(f["geometry"]) for f in adm1["features"]}
    places = {r["place_id"]: r for r in csv.DictReader((COVERAGE.parent / "places.csv").open(encoding="utf-8"))}
    outside = []
    for pid in sorted(COVERAGE_IDS):
        row = places[pid]
        if row["country_code"] != "SY" or row["kind"] == "region":
            continue
        governorate = row
        while governorate["kind"] != "governorate":
            governorate = places[governorate["parent_place_id"]]
        degrees = polygons[governorate["pcode"]].distance(Point(float(row["lon"]), float(row["lat"])))
        if degrees > 0.02:  # about 2 km
            outside.append((pid, governorate["pcode"], round(degrees * 100, 1)))
    assert not outside, f"points outside their governorate (id, p-code, ~km): {outside}"
