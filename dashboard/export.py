"""`dmon export`: the filtered mentions as CSV, GeoJSON, GeoParquet, HXL-tagged CSV or ACLED layout.

All formats start from one read of `mentions_wide` filtered with `Filters.where_sql` (the dashboard's
filter), joined to the figures the same report gives for the same place (`figures_wide`), so an export
holds exactly the mentions the dashboard shows. Formats (documented in docs/reporting.md):

- csv: one row per mention, every column analysts need to trace it (evidence sentence, report, url);
- geojson: RFC 7946 FeatureCollection of points (null geometry when a place has no coordinates);
- geoparquet: the same as a GeoDataFrame written by geopandas (EPSG:4326);
- hxl: CSV with a second row of HXL hashtags for HDX;
- acled: ACLED's column layout, our event types mapped to ACLED event / sub-event types
  (ACLED_TYPES below, as docs/taxonomy.md defines them); only `reported` mentions of types ACLED
  codes, since a denial or a warning is not an event and ACLED has no displacement event.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd

from dashboard.filters import Filters
from dashboard.sqlquery import read_frame, require_monitor_database

log = logging.getLogger(__name__)

EXTENSIONS = {"csv": ".csv", "geojson": ".geojson", "geoparquet": ".parquet", "hxl": ".hxl.csv",
              "acled": ".acled.csv"}

# Figure categories that count people displaced (the extraction's vocabulary, docs/schema.md).
DISPLACED_CATEGORIES = ("displaced",)
KILLED_CATEGORIES = ("killed",)

EXPORT_COLUMNS = (
    "mention_id", "mention_date", "iso_week", "event_type", "modality", "place_id", "place_name_en",
    "place_name_ar", "place_kind", "country_code", "admin1_name", "pcode", "lat", "lon", "geo_precision",
    "confidence", "date_precision", "evidence", "place_text", "trigger_text", "source_name",
    "report_title", "url", "language", "published_date", "report_id", "affected_idps", "fatalities_reported",
)

# HXL hashtags (https://hxlstandard.org/standard/dictionary/) for the HXL export, column by column.
HXL_TAGS: dict[str, str] = {
    "mention_date": "#date",
    "iso_week": "#date+week",
    "country_code": "#country+code",
    "admin1_name": "#adm1+name",
    "place_name_en": "#loc+name+i_en",
    "place_name_ar": "#loc+name+i_ar",
    "place_id": "#loc+id",
    "pcode": "#loc+code",
    "place_kind": "#loc+type",
    "lat": "#geo+lat",
    "lon": "#geo+lon",
    "geo_precision": "#geo+precision",
    "event_type": "#event+type",
    "modality": "#event+modality",
    "affected_idps": "#affected+idps",
    "fatalities_reported": "#affected+killed",
    "evidence": "#description+evidence",
    "confidence": "#meta+confidence",
    "source_name": "#meta+source",
    "url": "#meta+url",
    "report_title": "#meta+title",
    "mention_id": "#meta+id",
    "date_precision": "#date+precision",
    "place_text": "#loc+name+as_written",
    "trigger_text": "#event+trigger",
    "language": "#meta+lang",
    "published_date": "#date+reported",
    "report_id": "#meta+report_id",
}

# Our event types in ACLED's typology (event_type, sub_event_type, disorder_type), as docs/taxonomy.md
# defines them. None: ACLED codes no event of that kind (displacement, return and aid access are
# consequences or responses; casualties go into the fatalities column of the causing event), so those
# mentions are left out of the ACLED layout; use csv or hxl for them.
ACLED_TYPES: dict[str, tuple[str, str, str] | None] = {
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    "drone_strike": ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    "armed_clash": ("Battles", "Armed clash", "Political violence"),
    "attack": ("Violence against civilians", "Attack", "Political violence"),
    "demolition": ("Strategic developments", "Looting/property destruction", "Strategic developments"),
    "ceasefire": ("Strategic developments", "Agreement", "Strategic developments"),
    "siege": ("Strategic developments", "Change to group/activity", "Strategic developments"),
    "displacement": None,
    "return": None,
    "aid_access": None,
    "casualties": None,
}
ACLED_COUNTRIES: dict[str, tuple[int, str]] = {"SY": (760, "Syria"), "LB": (422, "Lebanon"),
                                               "PS": (275, "Palestine")}
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


class ExportError(Exception):
    """An export that cannot be written; the message says what to do."""


@dataclass(frozen=True)
class ExportResult:
    rows: int
    text: str | None = None  # the file's text when no path was given (text formats only)
    left_out: int = 0  # mentions the format cannot hold (acled: not reported, or no ACLED event type)


def load_mentions(db_path: Path | str, filters: Filters) -> pd.DataFrame:
    """The filtered mentions with the displaced / killed figures the same report gives for the place."""
    where, params = filters.where_sql("m")
    displaced = ", ".join(f"'{c}'" for c in DISPLACED_CATEGORIES)
    killed = ", ".join(f"'{c}'" for c in KILLED_CATEGORIES)
    sql = f"""
        WITH place_figures AS (
            SELECT report_id, place_id,
                   max(quantity) FILTER (WHERE category IN ({displaced})) AS affected_idps,
                   max(quantity) FILTER (WHERE category IN ({killed})) AS fatalities_reported
            FROM figures_wide WHERE place_id IS NOT NULL
            GROUP BY report_id, place_id
        )
        SELECT {", ".join(c if c in ("affected_idps", "fatalities_reported") else "m." + c
                          for c in EXPORT_COLUMNS)}
        FROM mentions_wide AS m
        LEFT JOIN place_figures AS f ON f.report_id = m.report_id AND f.place_id = m.place_id
        WHERE {where}
        ORDER BY m.mention_date, m.mention_id
    """
    frame = read_frame(db_path, sql, params)
    for column in ("affected_idps", "fatalities_reported"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _iso(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text, so CSV and JSON readers get 2026-01-07 and not a timestamp."""
    frame = frame.copy()
    for column in ("mention_date", "published_date"):
        frame[column] = frame[column].map(_iso)
    return frame


def to_csv(frame: pd.DataFrame) -> str:
    return _text_columns(frame).to_csv(index=False, lineterminator="\n")


def to_hxl(frame: pd.DataFrame) -> str:
    """CSV with HXL hashtags in the second row (columns without a tag get an empty cell)."""
    frame = _text_columns(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    writer.writerow([HXL_TAGS.get(c, "") for c in frame.columns])
    body = frame.to_csv(index=False, header=False, lineterminator="\n")
    return buffer.getvalue() + body


def _json_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_geojson(frame: pd.DataFrame) -> str:
    """A FeatureCollection of points (lon, lat); mentions of places without coordinates get null geometry."""
    frame = _text_columns(frame)
    features = []
    for record in frame.to_dict(orient="records"):
        props = {k: _json_value(v) for k, v in record.items() if k not in ("lat", "lon")}
        lat, lon = _json_value(record["lat"]), _json_value(record["lon"])
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "id": record["mention_id"], "geometry": geometry,
                         "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"


def to_geodataframe(frame: pd.DataFrame):
    import geopandas as gpd

    frame = frame.copy()
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    geometry = [None if pd.isna(x) or pd.isna(y) else g for g, x, y in zip(geometry, frame["lon"],
                                                                           frame["lat"], strict=True)]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def to_acled(frame: pd.DataFrame) -> pd.DataFrame:
    """ACLED's column layout for the mentions ACLED would code as events.

    Left out: mentions whose modality is not `reported` (a denial or warning is not an event) and event
    types ACLED does not code (ACLED_TYPES maps them to None).
    """
    keep = (frame["modality"] == "reported") & frame["event_type"].map(lambda t: ACLED_TYPES.get(t) is not None)
    if (~keep).any():
        log.info("acled export: left out %d mentions that are not reported or have no ACLED event type",
                 int((~keep).sum()))
    rows = []
    for m in frame[keep].to_dict(orient="records"):
        event_type, sub_event_type, disorder = ACLED_TYPES[m["event_type"]]
        iso_num, country = ACLED_COUNTRIES.get(m["country_code"] or "", (None, m["country_code"]))
        day = pd.Timestamp(m["mention_date"]).date() if m["mention_date"] is not None else None
        fatalities = m["fatalities_reported"]
        rows.append({
            "event_id_cnty": f"{m['country_code'] or 'XX'}-DMON-{m['mention_id']}",
            "event_date": day.isoformat() if day else None,
            "year": day.year if day else None,
            "time_precision": ACLED_TIME_PRECISION.get(m["date_precision"] or "", 3),
            "disorder_type": disorder,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": "", "assoc_actor_1": "", "inter1": "", "actor2": "", "assoc_actor_2": "", "inter2": "",
            "interaction": "",
            "civilian_targeting": "Civilian targeting" if m["event_type"] == "attack" else "",
            "iso": iso_num,
            "region": "Middle East",
            "country": country,
            "admin1": m["admin1_name"],
            "admin2": "", "admin3": "",
            "location": m["place_name_en"],
            "latitude": m["lat"],
            "longitude": m["lon"],
            "geo_precision": m["geo_precision"],
            "source": m["source_name"],
            "source_scale": "",
            "notes": f"[dmon {m['event_type']}] {m['evidence']} ({m['url']})",
            "fatalities": 0 if fatalities is None or pd.isna(fatalities) else int(fatalities),
            "tags": f"dmon_event_type={m['event_type']}; confidence={m['confidence']:.2f}",
            "timestamp": int(datetime.combine(day, time(), tzinfo=UTC).timestamp()) if day else None,
        })
    out = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
    return out.astype({"year": "Int64", "iso": "Int64", "geo_precision": "Int64", "timestamp": "Int64"})


def export(db_path: Path | str, fmt: str, filters: Filters, out: Path | None) -> ExportResult:
    """Write the filtered mentions to `out` in `fmt`; with out=None return the text (text formats)."""
    if fmt not in EXTENSIONS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXTENSIONS)}.")
    require_monitor_database(db_path)
    frame = load_mentions(db_path, filters)
    if fmt == "geoparquet":
        if out is None:
            raise ExportError("geoparquet is a binary format: give an output file.")
        out.parent.mkdir(parents=True, exist_ok=True)
        to_geodataframe(frame).to_parquet(out, index=False)
        return ExportResult(len(frame))
    if fmt == "acled":
        acled = to_acled(frame)
        text, rows = acled.to_csv(index=False, lineterminator="\n"), len(acled)
        left_out = len(frame) - rows
    else:
        text = {"csv": to_csv, "geojson": to_geojson, "hxl": to_hxl}[fmt](frame)
        rows, left_out = len(frame), 0
    if out is None:
        return ExportResult(rows, text, left_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return ExportResult(rows, left_out=left_out)
