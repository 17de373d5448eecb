"""Static figures for the PDF snapshot: the map of the week and the timeline, drawn with matplotlib.

No map tiles and no internet: the map draws generalised country outlines written for this project
(`snapshot_templates/country_outlines.json`) and any boundaries imported into `place_boundaries`
(neighbourhood and admin polygons), with one circle per place sized by its mentions and coloured by its
most mentioned event type. Both figures come back as PNG bytes with no timestamp in them, so the same
data gives the same image. matplotlib 3.11 shapes Arabic itself; labels are passed as plain strings.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import shapely
import shapely.geometry
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from dashboard.i18n import EVENT_COLOURS
from dashboard.outlines import country_outlines_geojson

log = logging.getLogger(__name__)


# One colour per event type, the dashboard's own (dashboard.i18n), so the PDF and the dashboard agree.
FALLBACK_COLOUR = "#444444"

# Latin first, then Arabic: matplotlib falls back per glyph, so mixed labels render in one string.
FONT_FAMILY = ["DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic"]
DPI = 150


@dataclass(frozen=True)
class MapPoint:
    """One place on the map: how many mentions it had and its most mentioned event type."""

    place_id: str
    label: str
    lat: float
    lon: float
    mention_count: int
    main_event_type: str


@dataclass(frozen=True)
class Boundary:
    """An outline to draw under the points (WKB from `place_boundaries`, or a built-in outline)."""

    place_id: str
    geometry: shapely.Geometry
    admin_level: int | None = None


@cache
def builtin_outlines() -> tuple[Boundary, ...]:
    """The generalised outlines of Syria, Lebanon and Palestine shipped with the project."""
    return tuple(Boundary(f["properties"]["place_id"], shapely.geometry.shape(f["geometry"]), admin_level=0)
                 for f in country_outlines_geojson()["features"])


def boundaries_from_wkb(rows: Sequence[tuple[str, int | None, bytes]]) -> list[Boundary]:
    """Parse (place_id, admin_level, geometry_wkb) rows; rows that do not parse are logged and skipped."""
    out = []
    for place_id, admin_level, wkb in rows:
        try:
            out.append(Boundary(place_id, shapely.from_wkb(bytes(wkb)), admin_level))
        except (shapely.errors.GEOSException, TypeError, ValueError) as error:
            log.warning("skipping boundary of %s: its geometry does not parse (%s)", place_id, error)
    return out


def _style() -> dict:
    return {"font.family": FONT_FAMILY, "font.size": 8, "svg.hashsalt": "dmon", "axes.titlesize": 9}


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight",
                pad_inches=0.05)
    plt.close(fig)
    return buffer.getvalue()


def _polygon_patch(geometry: shapely.Geometry, **style) -> PathPatch | None:
    """A matplotlib patch for a (multi)polygon, holes included; None for other geometry types."""
    polygons = []
    if isinstance(geometry, shapely.Polygon):
        polygons = [geometry]
    elif isinstance(geometry, (shapely.MultiPolygon, shapely.GeometryCollection)):
        polygons = [g for g in geometry.geoms if isinstance(g, shapely.Polygon)]
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)
            if len(coords) < 3:
                continue
            vertices.extend(coords)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY])
    if not vertices:
        return None
    return PathPatch(MplPath(vertices, codes), **style)


def map_extent(points: Sequence[MapPoint], min_span_deg: float = 0.04) -> tuple[float, float, float, float]:
    """(lon_min, lon_max, lat_min, lat_max) around the points with a margin.

    A minimum span keeps one neighbourhood from filling the page, and the shorter side is widened so
    the map is never narrower than 2:3 either way (it has to fit a page).
    """
    if not points:
        return (34.0, 42.5, 31.0, 37.5)  # Palestine, Lebanon and Syria
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    lon_c, lat_c = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    squash = math.cos(math.radians(lat_c))  # a degree of longitude is shorter than one of latitude
    width = max(max(lons) - min(lons), min_span_deg) * 1.3 * squash
    height = max(max(lats) - min(lats), min_span_deg) * 1.3
    width, height = max(width, height * 1.5), max(height, width / 1.5)
    width /= squash
    return (lon_c - width / 2, lon_c + width / 2, lat_c - height / 2, lat_c + height / 2)


def _spread_labels(points: Sequence[MapPoint], extent: tuple[float, float, float, float],
                   limit: int) -> list[MapPoint]:
    """Up to `limit` of the biggest points whose labels will not sit on top of each other."""
    lon_min, lon_max, lat_min, lat_max = extent
    chosen: list[MapPoint] = []
    for point in points:
        if len(chosen) == limit:
            break
        clash = any(
            abs(point.lat - other.lat) < 0.05 * (lat_max - lat_min)
            and abs(point.lon - other.lon) < 0.22 * (lon_max - lon_min)
            for other in chosen
        )
        if not clash:
            chosen.append(point)
    return chosen


def render_map(points: Sequence[MapPoint], boundaries: Sequence[Boundary], *, type_labels: dict[str, str],
               label_count: int = 10, title: str = "") -> bytes:
    """The map of the week as PNG bytes.

    `boundaries` are drawn when they intersect the extent (imported polygons light grey, built-in
    country outlines as lines); the `label_count` places with the most mentions are named.
    """
    points = [p for p in points if p.lat is not None and p.lon is not None
              and not (math.isnan(p.lat) or math.isnan(p.lon))]
    extent = map_extent(points)
    lon_min, lon_max, lat_min, lat_max = extent
    frame = shapely.box(lon_min, lat_min, lon_max, lat_max)
    with plt.rc_context(_style()):
        squash = math.cos(math.radians((lat_min + lat_max) / 2))
        ratio = (lat_max - lat_min) / ((lon_max - lon_min) * squash)
        fig, ax = plt.subplots(figsize=(6.0, 6.0 * ratio))
        ax.set_facecolor("#eef3f7")
        # A mentioned place's own polygon is tinted with its circle's colour.
        tints = {p.place_id: EVENT_COLOURS.get(p.main_event_type, FALLBACK_COLOUR) for p in points}
        layers = [(b, False) for b in builtin_outlines()] + [(b, True) for b in boundaries]
        for boundary, imported in layers:
            if not boundary.geometry.intersects(frame):
                continue
            tint = tints.get(boundary.place_id) if imported else None
            patch = _polygon_patch(
                boundary.geometry,
                facecolor=matplotlib.colors.to_rgba(tint, 0.3) if tint else "#ebe8df" if imported else "#f7f5ef",
                edgecolor="#8a8a8a" if imported else "#555555",
                linewidth=0.4 if imported else 0.9,
                zorder=2 if imported else 1,
            )
            if patch is not None:
                ax.add_patch(patch)
        if points:
            biggest = max(p.mention_count for p in points)
            ordered = sorted(points, key=lambda p: (-p.mention_count, p.place_id))
            # Big circles first so small ones stay visible on top.
            ax.scatter(
                [p.lon for p in ordered], [p.lat for p in ordered],
                s=[25 + 475 * math.sqrt(p.mention_count / biggest) for p in ordered],
                c=[EVENT_COLOURS.get(p.main_event_type, FALLBACK_COLOUR) for p in ordered],
                alpha=0.75, edgecolors="white", linewidths=0.6, zorder=3,
            )
            for point in _spread_labels(ordered, extent, label_count):
                ax.annotate(f"{point.label} ({point.mention_count})", (point.lon, point.lat),
                            xytext=(6, 4), textcoords="offset points", fontsize=7, zorder=4,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
            present = sorted({p.main_event_type for p in points},
                             key=lambda t: list(EVENT_COLOURS).index(t) if t in EVENT_COLOURS else 99)
            handles = [
                plt.Line2D([], [], marker="o", linestyle="", markersize=7, alpha=0.75,
                           markerfacecolor=EVENT_COLOURS.get(t, FALLBACK_COLOUR), markeredgecolor="white",
                           label=type_labels.get(t, t))
                for t in present
            ]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
                      frameon=False)
        ax.set_xlim(lon_min, lon_max)
        ax.set_ylim(lat_min, lat_max)
        ax.set_aspect(1 / squash)
        ax.tick_params(labelsize=6, colors="#666666")
        if title:
            ax.set_title(title)
        return _png(fig)


def render_timeline(weeks: Sequence[tuple[date, str]], counts: dict[tuple[date, str], int], *,
                    type_labels: dict[str, str], highlight: date | None = None, title: str = "") -> bytes:
    """Weekly mentions by event type as stacked bars, PNG bytes. `weeks` is (week_start, label) in order."""
    types = [t for t in EVENT_COLOURS if any(counts.get((w, t), 0) for w, _ in weeks)]
    types += sorted({t for (_, t) in counts} - set(types) - set(EVENT_COLOURS))
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.0, 2.8))
        x = list(range(len(weeks)))
        bottoms = [0] * len(weeks)
        for event_type in types:
            heights = [counts.get((w, event_type), 0) for w, _ in weeks]
            ax.bar(x, heights, bottom=bottoms, color=EVENT_COLOURS.get(event_type, FALLBACK_COLOUR),
                   label=type_labels.get(event_type, event_type), width=0.7)
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        if highlight is not None:
            for i, (w, _) in enumerate(weeks):
                if w == highlight:
                    ax.axvspan(i - 0.45, i + 0.45, color="#fff2a8", zorder=0)
        ax.set_xticks(x, [label for _, label in weeks], fontsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=7)
        if types:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        if title:
            ax.set_title(title)
        return _png(fig)
