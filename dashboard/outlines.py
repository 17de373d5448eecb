"""The built-in country outlines (Syria, Lebanon, Palestine) drawn under places on every map.

They let the dashboard map and the PDF map show where places are with no tiles and no imported
boundaries (offline). Hand-written generalised outlines, documented in the JSON file itself.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

OUTLINES_FILE = Path(__file__).resolve().parent / "snapshot_templates" / "country_outlines.json"


@cache
def country_outlines_geojson() -> dict:
    """A GeoJSON FeatureCollection of the outlines, with place_id and names as properties."""
    data = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    features = []
    for item in data["outlines"]:
        rings = item["rings"]
        geometry = ({"type": "Polygon", "coordinates": [rings[0]]} if len(rings) == 1 else
                    {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]})
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {"place_id": item["place_id"], "name_en": item["name_en"],
                           "name_ar": item["name_ar"]},
        })
    return {"type": "FeatureCollection", "features": features}
