"""The snapshot's static map and timeline (matplotlib, no tiles)."""

from __future__ import annotations

import io
import logging
import math
from datetime import date, timedelta

import pytest
import shapely
from PIL import Image

from dashboard.staticmap import (
    EVENT_COLOURS,
    MapPoint,
    _spread_labels,
    boundaries_from_wkb,
    builtin_outlines,
    map_extent,
    render_map,
    render_timeline,
)

SHEIKH_MAQSOUD = MapPoint("sy-aleppo-sheikh-maqsoud", "Sheikh Maqsoud", 36.2366, 37.1528, 7, "shelling")
ASHRAFIEH = MapPoint("sy-aleppo-ashrafieh", "Ashrafieh", 36.2279, 37.1470, 3, "displacement")
NABATIEH = MapPoint("lb-nabatieh", "Nabatieh", 33.3789, 35.4839, 2, "airstrike")
LABELS = {k: k for k in EVENT_COLOURS}


def test_builtin_outlines_cover_the_three_countries():
    outlines = {b.place_id: b.geometry for b in builtin_outlines()}
    assert set(outlines) == {"sy", "lb", "ps"}
    assert all(g.is_valid for g in outlines.values())
    for place_id, lon, lat in (("sy", 37.1343, 36.2021), ("sy", 36.29, 33.51), ("lb", 35.50, 33.89),
                               ("lb", 35.48, 33.38), ("ps", 34.47, 31.50), ("ps", 35.20, 31.90)):
        assert outlines[place_id].contains(shapely.Point(lon, lat)), (place_id, lon, lat)


@pytest.mark.parametrize(
    "points",
    [
        pytest.param([SHEIKH_MAQSOUD], id="one-neighbourhood"),
        pytest.param([SHEIKH_MAQSOUD, ASHRAFIEH], id="two-neighbours"),
        pytest.param([SHEIKH_MAQSOUD, NABATIEH], id="two-countries"),
        pytest.param([], id="nothing"),
    ],
)
def test_extent_holds_every_point_and_fits_a_page(points):
    lon_min, lon_max, lat_min, lat_max = extent = map_extent(points)
    for p in points:
        assert lon_min < p.lon < lon_max and lat_min < p.lat < lat_max
    width = (lon_max - lon_min) * math.cos(math.radians((lat_min + lat_max) / 2))
    height = lat_max - lat_min
    assert 1 / 1.5 - 1e-9 <= height / width <= 1.5 + 1e-9
    assert height >= 0.04  # one neighbourhood does not fill the page
    assert extent == map_extent(points)


def test_labels_skip_places_that_would_collide():
    close = MapPoint("x", "Next door", SHEIKH_MAQSOUD.lat + 0.0005, SHEIKH_MAQSOUD.lon, 1, "shelling")
    chosen = _spread_labels([SHEIKH_MAQSOUD, close, NABATIEH], map_extent([SHEIKH_MAQSOUD, NABATIEH]), 10)
    assert [p.place_id for p in chosen] == ["sy-aleppo-sheikh-maqsoud", "lb-nabatieh"]


def test_map_draws_points_and_tints_the_mentioned_polygon():
    square = shapely.box(37.140, 36.222, 37.154, 36.233)  # around Ashrafieh, away from its circle's edge
    boundaries = boundaries_from_wkb([("sy-aleppo-ashrafieh", None, shapely.to_wkb(square))])
    with_polygon = render_map([SHEIKH_MAQSOUD, ASHRAFIEH], boundaries, type_labels=LABELS)
    without = render_map([SHEIKH_MAQSOUD, ASHRAFIEH], [], type_labels=LABELS)
    assert with_polygon.startswith(b"\x89PNG") and with_polygon != without
    assert render_map([SHEIKH_MAQSOUD, ASHRAFIEH], boundaries, type_labels=LABELS) == with_polygon  # no timestamp

    def tinted_pixels(png: bytes) -> int:
        # The displacement red (#d62728) at 30 % over the land colour (#f7f5ef) is about (237, 183, 179).
        colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1_000_000)
        return sum(n for n, rgb in colours if all(abs(c - e) <= 8 for c, e in zip(rgb, (237, 183, 179),
                                                                                   strict=True)))

    assert tinted_pixels(with_polygon) > 2000 and tinted_pixels(without) < 100


def test_boundaries_that_do_not_parse_are_skipped_with_a_warning(caplog):
    good = shapely.to_wkb(shapely.box(0, 0, 1, 1))
    with caplog.at_level(logging.WARNING):
        parsed = boundaries_from_wkb([("ok", 1, good), ("broken", 1, b"not wkb")])
    assert [b.place_id for b in parsed] == ["ok"]
    assert "broken" in caplog.text


def test_arabic_labels_render():
    arabic = [MapPoint(p.place_id, name, p.lat, p.lon, p.mention_count, p.main_event_type)
              for p, name in ((SHEIKH_MAQSOUD, "الشيخ مقصود"), (ASHRAFIEH, "الأشرفية"))]
    png = render_map(arabic, [], type_labels={"shelling": "قصف", "displacement": "نزوح"})
    assert png != render_map([SHEIKH_MAQSOUD, ASHRAFIEH], [], type_labels=LABELS)


def test_timeline_stacks_weeks_and_types():
    weeks = [(date(2025, 12, 29) + timedelta(weeks=i), f"W{i}") for i in range(3)]
    counts = {(weeks[0][0], "shelling"): 4, (weeks[2][0], "displacement"): 2, (weeks[2][0], "unknown_type"): 1}
    png = render_timeline(weeks, counts, type_labels=LABELS, highlight=weeks[2][0])
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 500 and len(image.getcolors(maxcolors=1_000_000)) > 20
    assert render_timeline(weeks, counts, type_labels=LABELS, highlight=weeks[2][0]) == png
