"""The shared part of every page: database path, language, the one sidebar of filters, errors.

`setup()` runs at the top of dashboard/app.py on every rerun and returns a `Context` the pages read
with `context()`. Widgets keep their values in st.session_state under stable keys (listed in
WIDGET_KEYS), so switching pages keeps the filters.
"""

from __future__ import annotations

import html
import logging
import os
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import cache, queries
from dashboard.filters import EVENT_TYPES, MODALITIES, Filters
from dashboard.i18n import LANGUAGES, RTL_CSS, event_label, modality_label, place_label, t

log = logging.getLogger(__name__)

DEFAULT_WEEKS_SHOWN = 4
CITY_KINDS_EXCLUDED = ("country", "governorate", "district", "neighbourhood")


@dataclass(frozen=True)
class Context:
    """What every page needs: where the data is, what the user chose, in which language."""

    db_path: Path
    filters: Filters
    lang: str
    weeks: pd.DataFrame  # data_overview(): ISO weeks with data
    current_week: str  # the ISO week the snapshot button makes
    show_tiles: bool


def database_path(argv: list[str] | None = None) -> Path:
    """`--db FILE` after `streamlit run app.py --`, else $DMON_DB, else data/monitor.duckdb."""
    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--db="):
            return Path(arg.split("=", 1)[1])
    return Path(os.environ.get("DMON_DB") or Path("data") / "monitor.duckdb")


def show_unavailable(exc: queries.DataUnavailable, lang: str) -> None:
    """The page's answer when data cannot be read: what is wrong and what to do, no traceback."""
    st.error(f"**{t('error_title', lang)}**\n\n{exc.problem}\n\n{exc.remedy}")


def lang() -> str:
    return st.session_state.get("lang", "en")


# Widgets whose option labels depend on the interface language. The browser keeps a multiselect's or
# selectbox's value as the labels it showed, so after a language switch it would keep showing (and send
# back) the old language's labels; re-assigning the values makes Streamlit send them with the new labels.
RELABELLED_KEYS = ("event_types", "modalities", "countries", "cities", "neighbourhoods",
                   "map_focus")


def relabel_selections() -> None:
    """on_change of the language switch: re-send every language-labelled selection to the browser."""
    for key in RELABELLED_KEYS:
        if key in st.session_state:
            value = st.session_state[key]
            st.session_state[key] = list(value) if isinstance(value, (list, tuple)) else value


def _language_switch() -> str:
    choice = st.sidebar.radio(
        t("language", lang()), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True,
        on_change=relabel_selections,
    )
    if choice == "ar":
        st.markdown(RTL_CSS, unsafe_allow_html=True)
    return choice


def _period(weeks: pd.DataFrame, language: str) -> tuple[date, date, str]:
    """The sidebar's period: a date range (default the latest weeks with data) or one ISO week."""
    first = weeks["week_start"].min().date()
    last_week_start = weeks["week_start"].max().date()
    last = last_week_start + timedelta(days=6)
    mode = st.sidebar.radio(
        t("period", language), ["range", "week"], key="period_mode", horizontal=True,
        format_func=lambda m: t("period_weeks" if m == "range" else "period_week", language),
    )
    iso_weeks = weeks["iso_week"].tolist()
    if mode == "week":
        if st.session_state.get("week") not in iso_weeks:
            st.session_state["week"] = iso_weeks[-1]
        chosen = st.sidebar.select_slider(t("week", language), options=iso_weeks, key="week")
        start = weeks.loc[weeks["iso_week"] == chosen, "week_start"].iloc[0].date()
        return start, start + timedelta(days=6), chosen
    default_start = weeks["week_start"].iloc[max(0, len(weeks) - DEFAULT_WEEKS_SHOWN)].date()
    if "date_range" not in st.session_state:
        st.session_state["date_range"] = (default_start, last)
    picked = st.sidebar.date_input(t("date_range", language), min_value=first, max_value=last, key="date_range")
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        start, end = picked
    elif isinstance(picked, (tuple, list)) and len(picked) == 1:
        start = end = picked[0]
    else:
        start = end = picked
    end_week = f"{end.isocalendar()[0]}-W{end.isocalendar()[1]:02d}"
    current = end_week if end_week in iso_weeks else iso_weeks[-1]
    return start, end, current


def _place_filters(places: pd.DataFrame, language: str) -> tuple[tuple, tuple, tuple]:
    """Country, governorate, city and neighbourhood pickers, each narrowed by the one above."""
    names = {r.place_id: place_label(r.name_en, r.name_ar, language, r.place_id) for r in places.itertuples()}
    countries = places[places["kind"] == "country"]
    country_codes = sorted(places["country_code"].dropna().unique())
    country_names = {c: next((names[p] for p in countries[countries["country_code"] == c]["place_id"]), c)
                     for c in country_codes}
    chosen_countries = st.sidebar.multiselect(
        t("country", language), country_codes, key="countries", format_func=country_names.get,
        placeholder=t("all", language))
    scope = places[places["country_code"].isin(chosen_countries)] if chosen_countries else places
    admin1 = sorted(scope["admin1_name"].dropna().unique())
    st.session_state["governorates"] = [g for g in st.session_state.get("governorates", []) if g in admin1]
    chosen_admin1 = st.sidebar.multiselect(t("governorate", language), admin1, key="governorates",
                                           placeholder=t("all", language))
    if chosen_admin1:
        scope = scope[scope["admin1_name"].isin(chosen_admin1)]
    cities = scope[~scope["kind"].isin(CITY_KINDS_EXCLUDED)]
    city_ids = cities["place_id"].tolist()
    st.session_state["cities"] = [c for c in st.session_state.get("cities", []) if c in city_ids]
    chosen_cities = st.sidebar.multiselect(t("city", language), city_ids, key="cities", format_func=names.get,
                                           placeholder=t("all", language))
    hoods = scope[scope["kind"] == "neighbourhood"]
    if chosen_cities:
        hoods = hoods[hoods["parent_place_id"].isin(chosen_cities)]
    hood_ids = hoods["place_id"].tolist()
    st.session_state["neighbourhoods"] = [h for h in st.session_state.get("neighbourhoods", []) if h in hood_ids]
    chosen_hoods = st.sidebar.multiselect(t("neighbourhood", language), hood_ids, key="neighbourhoods",
                                          format_func=names.get, placeholder=t("all", language))
    place_ids = tuple(chosen_hoods) or tuple(chosen_cities)
    return tuple(chosen_countries), tuple(chosen_admin1), place_ids


def _snapshot_button(ctx: Context) -> None:
    """The weekly PDF of the current filters, made by dashboard.snapshot (the same as `dmon snapshot`)."""
    language = ctx.lang
    st.sidebar.subheader(t("snapshot", language))
    if st.sidebar.button(t("snapshot_make", language, week=ctx.current_week), key="snapshot_make"):
        try:
            from dashboard.snapshot import make_snapshot  # imported here: it loads WeasyPrint

            with st.spinner("…"):
                pdf = make_snapshot(ctx.db_path, ctx.current_week, ctx.filters, language)
            st.session_state["snapshot_pdf"] = (ctx.current_week, language, pdf)
        except Exception as exc:  # the PDF must never take the dashboard down
            log.exception("snapshot failed")
            st.sidebar.error(t("snapshot_failed", language, error=html.escape(str(exc))))
    made = st.session_state.get("snapshot_pdf")
    if made:
        week, made_lang, pdf = made
        st.sidebar.download_button(t("snapshot_download", language), data=pdf,
                                   file_name=f"displacement-snapshot-{week}-{made_lang}.pdf",
                                   mime="application/pdf", key="snapshot_download")


def setup() -> Context | None:
    """Draw the language switch and the shared sidebar; return the Context, or None after an error."""
    language = _language_switch()
    db_path = database_path()
    try:
        cache.check_database(db_path)
        weeks = cache.data_overview(db_path)
        places = cache.place_choices(db_path)
        sources = cache.value_choices(db_path, "source_name")
        languages = cache.value_choices(db_path, "language")
    except queries.DataUnavailable as exc:
        show_unavailable(exc, language)
        return None
    if weeks.empty:
        show_unavailable(queries.DataUnavailable(
            "empty", f"The mentions in {db_path} have no dates.", "Re-run `dmon ingest` with --reprocess."), language)
        return None
    stale = cache.stale_since(db_path)
    if stale:
        st.warning(t("busy_stale", language, time=time.strftime("%H:%M:%S", time.localtime(stale))))

    st.sidebar.header(t("filters", language))
    start, end, current_week = _period(weeks, language)
    event_types = st.sidebar.multiselect(
        t("event_types", language), list(EVENT_TYPES), key="event_types",
        format_func=lambda e: event_label(e, language), placeholder=t("all", language))
    if "modalities" not in st.session_state:
        st.session_state["modalities"] = ["reported"]
    modalities = st.sidebar.multiselect(
        t("modalities", language), list(MODALITIES), key="modalities",
        format_func=lambda m: modality_label(m, language), help=t("modalities_help", language),
        placeholder=t("all", language))
    countries, admin1, place_ids = _place_filters(places, language)
    chosen_sources = st.sidebar.multiselect(t("sources", language), sources, key="sources",
                                            placeholder=t("all", language))
    chosen_languages = st.sidebar.multiselect(t("report_languages", language), languages, key="report_languages",
                                              format_func=lambda c: LANGUAGES.get(c, c),
                                              placeholder=t("all", language))
    min_confidence = st.sidebar.slider(t("min_confidence", language), 0.0, 1.0, step=0.05, key="min_confidence")
    show_tiles = st.sidebar.checkbox(t("tiles", language), key="tiles",
                                     value=os.environ.get("DMON_TILES", "").lower() not in ("none", "off", "0"))

    filters = Filters(
        date_from=start, date_to=end, event_types=tuple(event_types), modalities=tuple(modalities),
        countries=countries, admin1_names=admin1, place_ids=place_ids, sources=tuple(chosen_sources),
        languages=tuple(chosen_languages), min_confidence=float(min_confidence),
    )
    ctx = Context(db_path=db_path, filters=filters, lang=language, weeks=weeks, current_week=current_week,
                  show_tiles=show_tiles)
    st.session_state["_dmon_context"] = ctx
    _snapshot_button(ctx)
    return ctx


def context() -> Context | None:
    """The Context setup() made for this rerun (None when the data could not be loaded)."""
    return st.session_state.get("_dmon_context")


# The place selected on the map page, kept under a key no widget owns: Streamlit drops a widget's value
# when a page without that widget runs, so the Evidence page would never see the map's selectbox value.
PLACE_SELECTION = "place_selection"


def selected_place() -> str | None:
    return st.session_state.get(PLACE_SELECTION)


def select_place(place_id: str | None) -> None:
    st.session_state[PLACE_SELECTION] = place_id


def with_place(filters: Filters, place_id: str | None) -> Filters:
    return replace(filters, place_ids=(place_id,)) if place_id else filters
