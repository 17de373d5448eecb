"""Builds the folium map: places sized by mentions and coloured by event type, boundaries shaded.

Pure functions of query results (pandas DataFrames) to a folium.Map, so tests can build and inspect
a map without Streamlit. Every piece of report text that goes into the map's HTML passes through
`escape_text`, which also neutralises the characters that would end or interpolate the JavaScript
template literals folium wraps popups and tooltips in.
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template
from shapely import wkb
from shapely.geometry import mapping

from dashboard import areas, vendor
from dashboard.i18n import EVENT_COLOURS, event_label, modality_label, place_label, t
from dashboard.outlines import country_outlines_geojson

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
DEFAULT_CENTRE = (34.0, 37.0)
AREA_LINK_KM = areas.LINK_KM  # places closer than this (in a chain) form one area the map can zoom to
AREA_FOCUS_SHARE = 0.5  # the map opens on the busiest area when it holds at least this share of mentions


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn. tiles None draws places and boundaries on a blank background."""

    tiles: str | None = DEFAULT_TILES
    attribution: str = DEFAULT_ATTRIBUTION
    cluster_above: int = 150  # markers in one event-type layer before they are clustered
    max_radius: float = 28.0
    min_radius: float = 5.0
    labelled_places: int = 60  # the busiest places get a name label (readable offline, with no tiles)
    label_min_zoom: int = 9  # below this zoom the labels are hidden: at country scale they overlap

    @classmethod
    def from_env(cls, show_tiles: bool = True) -> MapOptions:
        """Tiles from $DMON_TILES (a URL template, or `none` for no background map)."""
        configured = os.environ.get("DMON_TILES", "").strip()
        if not show_tiles or configured.lower() in ("none", "off", "0"):
            return cls(tiles=None)
        if configured:
            return cls(tiles=configured, attribution=os.environ.get("DMON_TILES_ATTRIBUTION", "map tiles"))
        return cls()


@dataclass(frozen=True)
class Area:
    """A group of nearby places the map can zoom to (a city and its neighbourhoods, the Gaza Strip...).

    area_id is the place_id of its busiest place; label_place_id names the area (that place's city
    when it is a neighbourhood).
    """

    area_id: str
    label_place_id: str
    place_ids: tuple[str, ...]
    mention_count: int


def focus_areas(counts: pd.DataFrame, parents: dict[str, str | None] | None = None,
                link_km: float = AREA_LINK_KM) -> list[Area]:
    """Located places grouped into areas (dashboard.areas.group_places), busiest first.

    counts: place_counts() rows. parents: place_id -> parent_place_id, used to name an area after the
    city of its busiest neighbourhood.
    """
    located = counts.dropna(subset=["lat", "lon"])
    if located.empty:
        return []
    per_place = (located.groupby("place_id", sort=False)
                 .agg(lat=("lat", "first"), lon=("lon", "first"), kind=("kind", "first"), n=("mention_count", "sum")))
    groups = areas.group_places(((pid, float(r.lat), float(r.lon), int(r.n)) for pid, r in per_place.iterrows()),
                                link_km)
    out = []
    for place_ids in groups:
        top = place_ids[0]
        parent = (parents or {}).get(top)
        label = parent if per_place.at[top, "kind"] == "neighbourhood" and isinstance(parent, str) else top
        out.append(Area(area_id=top, label_place_id=label, place_ids=tuple(place_ids),
                        mention_count=int(per_place.loc[place_ids, "n"].sum())))
    return out


def default_focus(areas: list[Area]) -> str | None:
    """The area the map opens on: the busiest one when it holds at least AREA_FOCUS_SHARE of the mentions
    and there is more than one area (else None: every place)."""
    total = sum(a.mention_count for a in areas)
    if len(areas) > 1 and areas[0].mention_count >= AREA_FOCUS_SHARE * total:
        return areas[0].area_id
    return None


def escape_text(value: object) -> str:
    """HTML-escape report text, and make it inert inside a JavaScript template literal too."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return (html.escape(str(value), quote=True)
            .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;"))


def safe_link(url: object, label: str) -> str:
    """An <a> to an http(s) URL (anything else is shown as text, never as a link)."""
    text = escape_text(label)
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape_text(url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text


def radius_for(count: int, largest: int, options: MapOptions) -> float:
    """Circle radius in pixels: area proportional to mentions, between min_radius and max_radius."""
    if largest <= 0:
        return options.min_radius
    share = math.sqrt(max(count, 0) / largest)
    return round(options.min_radius + (options.max_radius - options.min_radius) * share, 1)


def popup_html(place: dict, rows: list[dict], latest: list[dict], lang: str) -> str:
    """A place's popup: both names, counts by type and modality, its latest evidence with links.

    place: name_en, name_ar, kind, place_id; rows: place_counts() records of this place;
    latest: latest_evidence() records of this place.
    """
    direction = "rtl" if lang == "ar" else "ltr"
    parts = [f'<div class="dmon-popup" dir="{direction}" style="min-width:220px;max-width:340px">']
    parts.append(f"<b>{escape_text(place.get('name_en'))}</b>")
    if place.get("name_ar"):
        parts.append(f'<br><span dir="rtl" lang="ar"><b>{escape_text(place.get("name_ar"))}</b></span>')
    parts.append(f'<br><small>{escape_text(place.get("kind"))} · {escape_text(place.get("place_id"))}</small>')
    parts.append('<table style="font-size:12px;margin-top:4px">')
    for row in sorted(rows, key=lambda r: (-int(r["mention_count"]), r["event_type"], r["modality"])):
        parts.append(
            f"<tr><td>{escape_text(event_label(row['event_type'], lang))}</td>"
            f"<td>{escape_text(modality_label(row['modality'], lang))}</td>"
            f"<td style='text-align:right'>{int(row['mention_count'])}</td></tr>"
        )
    parts.append("</table>")
    if latest:
        parts.append(f"<div style='margin-top:4px'><b>{escape_text(t('latest_evidence', lang))}</b></div>")
        for ev in latest:
            when = pd.Timestamp(ev["mention_date"]).date().isoformat() if pd.notna(ev["mention_date"]) else ""
            parts.append(
                f"<div style='font-size:12px;margin-top:3px' dir='auto'>"
                f"{escape_text(when)} · {escape_text(event_label(ev['event_type'], lang))}: "
                f"“{escape_text(ev['evidence'])}” — "
                f"{safe_link(ev['url'], str(ev['report_title'] or ev['source_name'] or ev['url']))}</div>"
            )
    else:
        parts.append(f"<div style='margin-top:4px;font-size:12px'><i>{escape_text(t('popup_no_evidence', lang))}</i></div>")
    parts.append("</div>")
    return "".join(parts)


def marker_style(feature: dict, colour: str) -> dict:
    """A place's circle: filled for reported events, hollow and dashed for denied/warned/called for.

    Hollow circles keep an invisible fill so the whole circle, not only its outline, can be clicked.
    """
    hollow = feature["properties"]["modality"] != "reported"
    return {"radius": feature["properties"]["radius"], "color": colour, "weight": 3 if hollow else 1,
            "dashArray": "5 5" if hollow else None, "fill": True, "fillColor": colour,
            "fillOpacity": 0.0 if hollow else 0.45, "opacity": 0.9}


BOUNDARY_FILL = "#3d3d3d"  # neutral grey: polygon shading must not read as an event type's colour


def boundary_geojson(shapes: pd.DataFrame, lang: str) -> dict:
    """A GeoJSON FeatureCollection of boundary polygons (WKB) with escaped labels and mention counts.

    Features come largest first, so a city's neighbourhoods are drawn over (and hover above) its
    governorate. Each carries `share`: its mentions over the most of any polygon of the same
    admin_level, so neighbourhoods are shaded against neighbourhoods, not against their governorate.
    """
    features = []
    for _, row in shapes.iterrows():
        try:
            geometry = wkb.loads(bytes(row["geometry_wkb"]))
        except Exception:  # a broken polygon must not take the map down; it is simply not drawn
            continue
        label = place_label(row.get("name_en"), row.get("name_ar"), lang, row["place_id"])
        features.append((geometry.area, {
            "type": "Feature",
            "geometry": mapping(geometry),
            "properties": {
                "place_id": row["place_id"],
                "label": f"{escape_text(label)}: {int(row['mention_count'])}",
                "mention_count": int(row["mention_count"]),
                "admin_level": None if pd.isna(row.get("admin_level")) else int(row["admin_level"]),
            },
        }))
    features.sort(key=lambda item: -item[0])
    most: dict[int | None, int] = {}
    for _, feature in features:
        level = feature["properties"]["admin_level"]
        most[level] = max(most.get(level, 0), feature["properties"]["mention_count"])
    for _, feature in features:
        props = feature["properties"]
        props["share"] = round(props["mention_count"] / most[props["admin_level"]], 4) if most[props["admin_level"]] else 0.0
    return {"type": "FeatureCollection", "features": [feature for _, feature in features]}


def boundary_style(feature: dict) -> dict:
    """A polygon's style: outline only without mentions; grey shading by share, lighter for admin areas
    (governorates, districts) than for neighbourhoods and towns drawn over them."""
    props = feature["properties"]
    level = props.get("admin_level")
    strongest = 0.15 if level is not None and level <= 2 else 0.45
    opacity = 0.0 if props["mention_count"] <= 0 else round(0.06 + (strongest - 0.06) * props["share"], 3)
    return {"color": "#555555", "weight": 1, "fillColor": BOUNDARY_FILL, "fillOpacity": opacity}


def build_map(counts: pd.DataFrame, latest: pd.DataFrame, shapes: pd.DataFrame, *, lang: str = "en",
              options: MapOptions | None = None, focus: tuple[str, ...] | None = None) -> folium.Map:
    """The map of what the filters select.

    counts: place_counts() rows (place, event type, modality, mention_count, names, lat, lon).
    latest: latest_evidence() rows for popups. shapes: boundaries() rows. focus: the place_ids the view
    opens on (an Area's places; every place when None). Places outside it are still drawn.
    """
    options = options or MapOptions()
    located = counts.dropna(subset=["lat", "lon"])
    fmap = folium.Map(location=DEFAULT_CENTRE, zoom_start=7, tiles=None, control_scale=True,
                      prefer_canvas=False)
    if options.tiles:
        folium.TileLayer(options.tiles, attr=options.attribution, name="OpenStreetMap",
                         control=False).add_to(fmap)

    # Country outlines first, so places can be placed at a glance with no tiles (offline).
    folium.GeoJson(
        country_outlines_geojson(), name=t("country_outlines", lang), control=False,
        style_function=lambda _feature: {"color": "#6b6b6b", "weight": 1.2, "fill": True,
                                         "fillColor": "#f4f1ea", "fillOpacity": 0.6},
        interactive=False,
    ).add_to(fmap)

    if not shapes.empty:
        collection = boundary_geojson(shapes, lang)
        if collection["features"]:
            folium.GeoJson(
                collection, name=t("boundaries", lang), style_function=boundary_style,
                tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
            ).add_to(fmap)

    if not located.empty:
        records = located.to_dict("records")
        totals: dict[str, int] = {}
        by_place: dict[str, list[dict]] = {}
        for record in records:
            totals[record["place_id"]] = totals.get(record["place_id"], 0) + int(record["mention_count"])
            by_place.setdefault(record["place_id"], []).append(record)
        largest = max(int(r["mention_count"]) for r in records)
        latest_by_place: dict[str, list[dict]] = {}
        for ev in (latest.to_dict("records") if not latest.empty else []):
            latest_by_place.setdefault(ev["place_id"], []).append(ev)
        popups = {place_id: popup_html(rows[0], rows, latest_by_place.get(place_id, []), lang)
                  for place_id, rows in by_place.items()}
        # One GeoJSON layer per event type: folium renders one template per layer instead of one per
        # marker (hundreds of places would otherwise cost seconds per rerun).
        # Layers with the most mentions first, so their (larger) circles lie under the smaller ones.
        type_totals = located.groupby("event_type")["mention_count"].sum()
        for event_type in sorted(type_totals.index, key=lambda e: (-int(type_totals[e]), e)):
            of_type = sorted((r for r in records if r["event_type"] == event_type),
                             key=lambda r: -int(r["mention_count"]))
            label = f"{event_label(event_type, lang)} ({sum(int(r['mention_count']) for r in of_type)})"
            colour = EVENT_COLOURS.get(event_type, "#444444")
            features = []
            for row in of_type:
                name = place_label(row["name_en"], row["name_ar"], lang, row["place_id"])
                count = int(row["mention_count"])
                features.append({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
                    "properties": {
                        "place_id": row["place_id"],
                        "modality": row["modality"],
                        "radius": radius_for(count, largest, options),
                        "tooltip": (f"{escape_text(name)} · {escape_text(event_label(event_type, lang))}"
                                    f" · {escape_text(modality_label(row['modality'], lang))}: {count}"
                                    f" / {totals[row['place_id']]}"),
                        "popup": popups[row["place_id"]],
                    },
                })
            layer = folium.GeoJson(
                {"type": "FeatureCollection", "features": features},
                name=escape_text(label),
                marker=folium.CircleMarker(radius=options.min_radius, class_name=f"dmon-place dmon-{event_type}"),
                style_function=lambda feature, colour=colour: marker_style(feature, colour),
                tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
                popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=360),
                zoom_on_click=False,
            )
            if len(features) > options.cluster_above:
                cluster = MarkerCluster(name=escape_text(label))
                cluster.add_to(fmap)
                layer.control = False
                layer.add_to(cluster)
            else:
                layer.add_to(fmap)
        _add_place_labels(fmap, by_place, totals, lang, options)
        framed = located[located["place_id"].isin(focus)] if focus else located
        if framed.empty:
            framed = located
        south, north = float(framed["lat"].min()), float(framed["lat"].max())
        west, east = float(framed["lon"].min()), float(framed["lon"].max())
        pad = 0.002 if focus else 0.02
        # Padding in pixels, so the largest circles at the edges stay inside the frame.
        fmap.fit_bounds([(south - pad, west - pad), (north + pad, east + pad)],
                        padding=(int(options.max_radius) + 8, int(options.max_radius) + 8))
    folium.LayerControl(collapsed=len(located["event_type"].unique()) > 4 if not located.empty else True,
                        position="topright").add_to(fmap)
    vendor.localize(fmap)
    return fmap


def _add_place_labels(fmap: folium.Map, by_place: dict[str, list[dict]], totals: dict[str, int], lang: str,
                      options: MapOptions) -> None:
    """A toggleable layer naming the busiest places, shown from `label_min_zoom` on.

    Without tiles (offline, or DMON_TILES=none) the circles are the only thing on the map; the names
    say which neighbourhood is which without a hover on every circle.
    """
    busiest = sorted(totals, key=lambda place_id: (-totals[place_id], place_id))[:options.labelled_places]
    if not busiest:
        return
    features = []
    for place_id in busiest:
        row = by_place[place_id][0]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
            "properties": {"label": escape_text(place_label(row["name_en"], row["name_ar"], lang, place_id))},
        })
    labels = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=escape_text(t("place_names", lang)),
        marker=folium.CircleMarker(radius=0, class_name="dmon-label-anchor"),
        style_function=lambda _feature: {"opacity": 0, "fillOpacity": 0, "interactive": False},
    )
    labels.add_to(fmap)
    # A FeatureGroup's permanent tooltip opens on one member only, so bind one per anchor. Labels are
    # escaped above (Leaflet inserts tooltip strings as HTML). Leaflet has no per-layer zoom range:
    # a class on the map container lets CSS hide the labels when zoomed out.
    fmap.get_root().header.add_child(folium.Element(
        "<style>.dmon-label{background:rgba(255,255,255,.85);border:0;box-shadow:none;padding:0 3px;"
        "font:600 11px/1.3 sans-serif;color:#222}.dmon-label:before{display:none}"
        ".dmon-far .dmon-label{display:none}</style>"))
    fmap.add_child(_LabelScript(labels.get_name(), options.label_min_zoom))


class _LabelScript(MacroElement):
    """Binds the label tooltips and the zoom class; rendered after the layer and the map's framing."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.layer }}.eachLayer(function(anchor) {
            anchor.bindTooltip(anchor.feature.properties.label,
                {permanent: true, direction: "right", offset: [6, 0], className: "dmon-label"});
        });
        (function(map) {
            function toggle() { map.getContainer().classList.toggle("dmon-far", map.getZoom() < {{ this.min_zoom }}); }
            map.on("zoomend", toggle);
            toggle();
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, layer: str, min_zoom: int) -> None:
        super().__init__()
        self._name = "DmonPlaceLabels"
        self.layer = layer
        self.min_zoom = int(min_zoom)


def legend_html(event_types: list[str], lang: str, show_other_modalities: bool) -> str:
    """The legend under the map: a colour swatch per event type, and the hollow circle when needed."""
    items = [
        f"<span style='white-space:nowrap;margin-inline-end:12px'><span style='display:inline-block;width:12px;"
        f"height:12px;border-radius:6px;background:{EVENT_COLOURS.get(e, '#444444')};opacity:.75'></span> "
        f"{escape_text(event_label(e, lang))}</span>"
        for e in event_types
    ]
    text = f"<div class='dmon-legend'><b>{escape_text(t('legend', lang))}</b>: {escape_text(t('legend_size', lang))}<br>"
    text += " ".join(items)
    if show_other_modalities:
        text += ("<br><span style='display:inline-block;width:14px;height:14px;box-sizing:border-box;"
                 "border-radius:50%;border:2px dashed #444;vertical-align:middle'></span> "
                 + escape_text(t("legend_other_modality", lang)))
    return text + "</div>"


def place_at(counts: pd.DataFrame, lat: float | None, lon: float | None, tooltip: str | None = None,
             lang: str = "en") -> str | None:
    """The place the user clicked on the map.

    streamlit-folium reports the click position (not the marker's centre) and the clicked tooltip's
    text, which starts with the place's label; the nearest place with that label wins. Without a
    tooltip, the nearest place within about 2 km.
    """
    if lat is None or lon is None or counts.empty:
        return None
    located = counts.dropna(subset=["lat", "lon"]).drop_duplicates("place_id")
    if located.empty:
        return None
    if tooltip:
        text = " ".join(str(tooltip).split())
        labels = [place_label(r.name_en, r.name_ar, lang, r.place_id) for r in located.itertuples()]
        matching = located[[bool(label) and text.startswith(" ".join(label.split())) for label in labels]]
        if not matching.empty:
            located = matching
        else:
            return None
    distance = ((located["lat"] - lat) ** 2 + ((located["lon"] - lon) * math.cos(math.radians(lat))) ** 2) ** 0.5
    nearest = distance.idxmin()
    if not tooltip and distance[nearest] > 0.02:
        return None
    return str(located.at[nearest, "place_id"])
