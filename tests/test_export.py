"""`dmon export`: every format read back by the library its users would use."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import reporting_db
from click.testing import CliRunner

from dashboard import export as exporter
from dashboard.filters import EVENT_TYPES, Filters
from dmon.cli import main

REPORTED = 13  # mentions with modality reported in the tiny database (one denied ceasefire besides)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    return reporting_db.build_tiny(tmp_path_factory.mktemp("export") / "tiny.duckdb")


def export_file(db: Path, fmt: str, out: Path, *options: str) -> Path:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(db), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return out


def view_count(db: Path, filters: Filters) -> int:
    where, params = filters.where_sql()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM mentions_wide WHERE {where}", params).fetchone()[0]
    finally:
        con.close()


def test_csv_holds_the_filtered_mentions_with_their_evidence(tiny_db, tmp_path):
    frame = pd.read_csv(export_file(tiny_db, "csv", tmp_path / "m.csv"))
    assert len(frame) == REPORTED == view_count(tiny_db, Filters())
    assert list(frame.columns) == list(exporter.EXPORT_COLUMNS)
    assert set(frame["modality"]) == {"reported"}
    row = frame[(frame["place_id"] == "sy-aleppo-sheikh-maqsoud") & (frame["event_type"] == "displacement")
                & (frame["report_id"] == "rep-ar-1")].iloc[0]
    assert (row["place_name_ar"], row["mention_date"], row["affected_idps"], row["fatalities_reported"]) == \
        ("الشيخ مقصود", "2026-01-07", 1200, 4)
    assert row["evidence"].startswith("displacement reported in")


@pytest.mark.parametrize(
    ("options", "filters"),
    [
        pytest.param(["--place", "sy-aleppo"], Filters(place_ids=("sy-aleppo",)), id="city-and-below"),
        pytest.param(["--country", "lb"], Filters(countries=("LB",)), id="country-lowercase"),
        pytest.param(["--event-type", "shelling", "--event-type", "airstrike"],
                     Filters(event_types=("shelling", "airstrike")), id="two-types"),
        pytest.param(["--modality", "denied"], Filters(modalities=("denied",)), id="denied-only"),
        pytest.param(["--date-from", "2026-01-05", "--date-to", "2026-01-11"], None, id="one-week"),
        pytest.param(["--source", "Levant Example Wire", "--language", "en"],
                     Filters(sources=("Levant Example Wire",), languages=("en",)), id="source-language"),
    ],
)
def test_filters_select_what_the_dashboard_selects(tiny_db, tmp_path, options, filters):
    from datetime import date

    filters = filters or Filters(date_from=date(2026, 1, 5), date_to=date(2026, 1, 11))
    frame = pd.read_csv(export_file(tiny_db, "csv", tmp_path / "m.csv", *options))
    assert len(frame) == view_count(tiny_db, filters)
    assert len(frame) > 0


def test_geojson_reads_back_in_geopandas(tiny_db, tmp_path):
    out = export_file(tiny_db, "geojson", tmp_path / "m.geojson", "--place", "sy-aleppo")
    frame = gpd.read_file(out)
    assert len(frame) == 11
    assert frame.crs.to_epsg() == 4326
    ashrafieh = frame[frame["place_id"] == "sy-aleppo-ashrafieh"].iloc[0]
    assert (round(ashrafieh.geometry.x, 4), round(ashrafieh.geometry.y, 4)) == (37.147, 36.2279)
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection" and "lat" not in raw["features"][0]["properties"]


def test_geoparquet_reads_back_in_geopandas_and_duckdb(tiny_db, tmp_path):
    out = export_file(tiny_db, "geoparquet", tmp_path / "m.parquet")
    frame = gpd.read_parquet(out)
    assert len(frame) == REPORTED and frame.crs.to_epsg() == 4326
    assert frame.geometry.geom_type.unique().tolist() == ["Point"]
    assert sorted(frame["place_name_en"].unique()) == ["Ashrafieh", "Nabatieh", "Sheikh Maqsoud"]
    rows = duckdb.sql(f"SELECT count(*), count(DISTINCT place_id) FROM read_parquet('{out}')").fetchall()[0]
    assert rows == (REPORTED, 3)


def test_hxl_has_a_hashtag_row_for_hdx(tiny_db, tmp_path):
    out = export_file(tiny_db, "hxl", tmp_path / "m.hxl.csv")
    frame = pd.read_csv(out, header=0, dtype=str, keep_default_na=False)
    tags = dict(zip(frame.columns, frame.iloc[0], strict=True))
    for column, tag in {"mention_date": "#date", "country_code": "#country+code", "admin1_name": "#adm1+name",
                        "lat": "#geo+lat", "lon": "#geo+lon", "event_type": "#event+type",
                        "affected_idps": "#affected+idps", "source_name": "#meta+source"}.items():
        assert tags[column] == tag
    assert tags["place_name_en"].startswith("#loc+name")
    assert all(tag.startswith("#") for tag in tags.values())
    data = frame.iloc[1:]
    assert len(data) == REPORTED
    assert set(data.loc[data["affected_idps"] != "", "affected_idps"]) == {"1200"}


def test_acled_layout_maps_our_types(tiny_db, tmp_path):
    out = tmp_path / "m.acled.csv"
    result = CliRunner().invoke(main, ["export", "--format", "acled", "--db", str(tiny_db), "--out", str(out),
                                       "--modality", "reported", "--modality", "denied"])
    assert result.exit_code == 0, result.output
    assert "left out 6 mentions" in result.output  # 4 displacement, 1 denied ceasefire, 1 denied shelling
    frame = duckdb.sql(f"SELECT * FROM read_csv('{out}', header = true)").df()
    assert list(frame.columns) == list(exporter.ACLED_COLUMNS)
    assert frame["notes"].str.extract(r"^\[dmon (\w+)\]")[0].value_counts().to_dict() == \
        {"shelling": 6, "airstrike": 2, "drone_strike": 1}
    shelling = frame[frame["notes"].str.startswith("[dmon shelling]")].iloc[0]
    assert (shelling["event_type"], shelling["sub_event_type"], shelling["country"], shelling["iso"]) == \
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Syria", 760)
    in_sheikh_maqsoud = frame[(frame["location"] == "Sheikh Maqsoud") & frame["notes"].str.contains("shelling")]
    # The killed figure belongs to the report of 7 January; the other reports give none (ACLED's 0).
    assert sorted(zip(in_sheikh_maqsoud["event_date"].astype(str), in_sheikh_maqsoud["fatalities"],
                      strict=True)) == [("2025-12-30", 0), ("2026-01-07", 4), ("2026-01-07", 4), ("2026-01-08", 0)]
    assert set(frame["region"]) == {"Middle East"}
    nabatieh = frame[frame["location"] == "Nabatieh"].iloc[0]
    assert (nabatieh["country"], nabatieh["iso"], nabatieh["sub_event_type"]) == ("Lebanon", 422, "Air/drone strike")


def test_every_event_type_has_an_acled_mapping():
    assert set(exporter.ACLED_TYPES) == set(EVENT_TYPES)


def test_text_formats_go_to_stdout_with_dash(tiny_db):
    result = CliRunner().invoke(main, ["export", "--format", "geojson", "--db", str(tiny_db), "--out", "-",
                                       "--country", "LB"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["features"]) == 2


def test_empty_selection_still_writes_a_readable_file(tiny_db, tmp_path):
    out = export_file(tiny_db, "csv", tmp_path / "none.csv", "--country", "PS")
    frame = pd.read_csv(out)
    assert len(frame) == 0 and list(frame.columns) == list(exporter.EXPORT_COLUMNS)
    gdf = gpd.read_parquet(export_file(tiny_db, "geoparquet", tmp_path / "none.parquet", "--country", "PS"))
    assert len(gdf) == 0


def test_geoparquet_to_stdout_is_refused(tiny_db):
    result = CliRunner().invoke(main, ["export", "--format", "geoparquet", "--db", str(tiny_db), "--out", "-"])
    assert result.exit_code != 0 and "--out FILE.parquet" in result.output


@pytest.mark.parametrize(
    "filters",
    [pytest.param(Filters(), id="default"),
     pytest.param(Filters(place_ids=("sy-aleppo",), modalities=("reported", "denied")), id="city-denied"),
     pytest.param(Filters(sources=("Example Arabic News",)), id="source")],
)
def test_export_holds_the_rows_of_the_dashboard_download(tiny_db, filters):
    from dashboard import queries

    ours = exporter.load_mentions(tiny_db, filters)
    dashboards = queries.mentions_export(tiny_db, filters)
    assert sorted(ours["mention_id"]) == sorted(dashboards["mention_id"])
    assert len(ours) > 0
