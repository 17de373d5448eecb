"""Map page: the map of the filtered mentions, NGO statements beside it, timelines below."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from dashboard import cache, mapview, ui
from dashboard.i18n import EVENT_COLOURS, event_label, ltr, place_label, t, vocabulary_label

ctx = ui.context()
lang = ctx.lang
filters = ctx.filters

counts = cache.place_counts(ctx.db_path, filters)
total = int(counts["mention_count"].sum()) if not counts.empty else 0
st.caption(t("mentions_shown", lang, count=total, places=counts["place_id"].nunique(),
             start=ltr(filters.date_from), end=ltr(filters.date_to)))

# The place selected by a click on the map or in the picker below the map.
places_shown = (counts.groupby(["place_id", "name_en", "name_ar"], dropna=False)["mention_count"].sum()
                .reset_index().sort_values("mention_count", ascending=False))
place_names = {r.place_id: place_label(r.name_en, r.name_ar, lang, r.place_id) for r in places_shown.itertuples()}

map_col, statements_col = st.columns([3, 2], gap="medium")
with map_col:
    st.subheader(t("map", lang))
    if counts.empty:
        st.info(t("no_mentions", lang))
    # Where the view opens: the busiest area (e.g. Aleppo's neighbourhoods, ~1 km apart, which are one
    # blot at the zoom that frames Syria, Lebanon and Palestine together) or every place.
    choices = cache.place_choices(ctx.db_path)
    all_names = {r.place_id: place_label(r.name_en, r.name_ar, lang, r.place_id) for r in choices.itertuples()}
    areas = mapview.focus_areas(counts, dict(zip(choices["place_id"], choices["parent_place_id"], strict=False)))
    by_area = {a.area_id: a for a in areas}
    focus_options = [None, *by_area] if len(areas) > 1 else [None]
    chosen_focus = st.session_state.get("map_focus", "unset")
    # Assigned on every run: the browser keeps a selectbox's value as the label it showed, and these
    # labels carry counts that change with the filters.
    st.session_state["map_focus"] = chosen_focus if chosen_focus in focus_options else mapview.default_focus(areas)
    focus = st.selectbox(
        t("map_focus", lang), focus_options, key="map_focus", help=t("map_focus_help", lang),
        format_func=lambda a: t("map_focus_all", lang, count=total) if a is None else t(
            "map_focus_area", lang, name=all_names.get(by_area[a].label_place_id, by_area[a].label_place_id),
            count=by_area[a].mention_count, places=len(by_area[a].place_ids)))
    latest = cache.latest_evidence(ctx.db_path, filters)
    shapes = cache.boundaries(ctx.db_path, filters)
    fmap = mapview.build_map(counts, latest, shapes, lang=lang,
                             options=mapview.MapOptions.from_env(show_tiles=ctx.show_tiles),
                             focus=by_area[focus].place_ids if focus in by_area else None)
    clicked = st_folium(fmap, key="map", height=560, use_container_width=True,
                        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
    point = (clicked or {}).get("last_object_clicked") or {}
    clicked_place = mapview.place_at(counts, point.get("lat"), point.get("lng"),
                                     (clicked or {}).get("last_object_clicked_tooltip"), lang)
    if clicked_place and clicked_place != st.session_state.get("_last_clicked_place"):
        st.session_state["_last_clicked_place"] = clicked_place
        ui.select_place(clicked_place)
    st.markdown(mapview.legend_html(sorted(counts["event_type"].unique()), lang,
                                    any(m != "reported" for m in filters.modalities) or not filters.modalities),
                unsafe_allow_html=True)

with statements_col:
    st.subheader(t("statements", lang))
    place_filtered = bool(filters.countries or filters.admin1_names or filters.place_ids)
    in_view = None
    if place_filtered:
        choices = cache.place_choices(ctx.db_path)
        parents = dict(zip(choices["place_id"], choices["parent_place_id"], strict=False))
        in_view = set(counts["place_id"])
        for pid in list(in_view):  # a statement about a city covers its neighbourhoods on the map
            parent = parents.get(pid)
            while isinstance(parent, str) and parent not in in_view:
                in_view.add(parent)
                parent = parents.get(parent)
        in_view = sorted(in_view | set(filters.place_ids))
    said = cache.statements(ctx.db_path, filters, in_view)
    box = st.container(height=600, border=False)
    if said.empty:
        box.info(t("no_statements", lang))
    for row in said.itertuples():
        names = row.place_names_ar if lang == "ar" else row.place_names_en
        # The sentence's own script decides its direction (a report tagged Arabic can quote English).
        is_arabic = any("\u0600" <= ch <= "\u06ff" for ch in str(row.evidence)[:80])
        direction = "rtl" if is_arabic else "ltr"
        link = mapview.safe_link(row.url, row.report_title or row.source_name or row.url)
        box.markdown(
            f"<div class='dmon-statement' style='border-inline-start:3px solid #1f77b4;padding:4px 8px;"
            f"margin-bottom:10px'><b>{mapview.escape_text(row.organisation)}</b> · "
            f"{mapview.escape_text(ltr(row.effective_date.date()) if pd.notna(row.effective_date) else '')} · "
            f"<i>{mapview.escape_text(vocabulary_label('gists', row.gist_type, lang))}</i>"
            f"<div dir='{direction}' lang='{'ar' if is_arabic else 'en'}' "
            f"style='margin:4px 0'>{mapview.escape_text(row.evidence)}</div>"
            f"<small>{mapview.escape_text(t('places_referred', lang))}: "
            f"{mapview.escape_text(', '.join(str(n) for n in names) or '—')} · "
            f"{mapview.escape_text(t('source_link', lang))}: {link}</small></div>",
            unsafe_allow_html=True,
        )


def timeline_figure(frame: pd.DataFrame, title: str):
    """A stacked bar chart of mentions per ISO week by event type, in the map's colours."""
    frame = frame.assign(label=[event_label(e, lang) for e in frame["event_type"]])
    colours = {event_label(e, lang): c for e, c in EVENT_COLOURS.items()}
    figure = px.bar(frame, x="iso_week", y="mention_count", color="label", title=title,
                    color_discrete_map=colours,
                    labels={"iso_week": t("week", lang), "mention_count": t("counts", lang), "label": ""})
    figure.update_layout(height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend_title_text="",
                         xaxis={"type": "category", "categoryorder": "category ascending"})
    return figure


series = cache.timeline(ctx.db_path, filters)
if not series.empty:
    st.plotly_chart(timeline_figure(series, t("timeline", lang)), key="timeline_chart")

options = [None, *places_shown["place_id"].tolist()]
if ui.selected_place() not in options:
    ui.select_place(None)
st.session_state["selected_place"] = ui.selected_place()  # the widget shows the kept selection
selected = st.selectbox(t("selected_place", lang), options, key="selected_place",
                        format_func=lambda p: t("none", lang) if p is None else place_names.get(p, p),
                        help=t("select_place_hint", lang),
                        on_change=lambda: ui.select_place(st.session_state["selected_place"]))
if selected:
    own = cache.place_timeline(ctx.db_path, filters, selected)
    if not own.empty:
        st.plotly_chart(timeline_figure(own, t("place_timeline", lang, place=place_names.get(selected, selected))),
                        key="place_timeline_chart")
