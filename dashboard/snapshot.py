"""The weekly PDF snapshot: `make_snapshot(db_path, week, filters, lang) -> bytes`.

Three stages, I/O at the edges:

1. `load_snapshot_data` reads the week from the analyst views (`mentions_wide`, `figures_wide`,
   `statements_by_week`, `place_boundaries`) on one short read-only connection, filtered with the same
   `Filters.where_sql` the dashboard uses, into a plain `SnapshotData` record;
2. `render_html` turns that record into an HTML page (every string from a report escaped), with the map
   and timeline from `dashboard.staticmap` embedded as PNG;
3. `html_to_pdf` renders it with WeasyPrint (no browser), with the PDF dates taken from the week, not the
   clock, so the same database, week and filters give the same bytes.

A week for which the database holds no mention at all raises `NoDataError` (most likely a wrong week or
an ingest that has not run: sending partners an empty PDF would mislead them). A week with data where
nothing matches the filters still gives a PDF that says so, because "nothing reported in Nabatieh this
week" is itself a finding. See docs/reporting.md.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.areas import group_places
from dashboard.filters import Filters
from dashboard.sqlquery import connect_readonly, require_monitor_database
from dashboard.staticmap import (
    EVENT_COLOURS,
    FALLBACK_COLOUR,
    MapPoint,
    boundaries_from_wkb,
    map_extent,
    render_map,
    render_timeline,
)

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "snapshot_templates"
LANGUAGES = ("en", "ar")
TIMELINE_WEEKS = 8
TOP_PLACES = 15
MAX_STATEMENTS = 20
MAX_FIGURES = 20
MAX_NEW_PLACES = 40

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


class SnapshotError(Exception):
    """The snapshot cannot be made; the message says why and what to do."""


class NoDataError(SnapshotError):
    """The database holds no mention at all in the requested week."""


# ---------------------------------------------------------------------------------------------------
# Weeks

@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO 8601 week (Monday to Sunday), e.g. 2026-W02 = 5 to 11 January 2026."""

    year: int
    week: int

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def shifted(self, weeks: int) -> IsoWeek:
        return IsoWeek.containing(self.start + timedelta(weeks=weeks))

    @classmethod
    def containing(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)


def parse_week(text: str) -> IsoWeek:
    """Parse "2026-W02" (also "2026W2", "2026-w02"); raise SnapshotError with an example otherwise."""
    match = _WEEK_RE.match(text or "")
    if not match:
        raise SnapshotError(
            f"week {text!r} is not an ISO week. Write it as YEAR-Www, e.g. 2026-W02 (5-11 January 2026)."
        )
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise SnapshotError(f"week {text!r} does not exist: {year} has weeks 1 to "
                            f"{date(year, 12, 28).isocalendar().week}.") from None
    return IsoWeek(year, week)


# ---------------------------------------------------------------------------------------------------
# Data

@dataclass(frozen=True)
class TypeCount:
    event_type: str
    this_week: int
    previous_week: int


@dataclass(frozen=True)
class PlaceRow:
    place_id: str
    name_en: str | None
    name_ar: str | None
    admin1_name: str | None
    this_week: int
    previous_week: int
    main_types: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class FigureRow:
    place_id: str | None
    name_en: str | None
    name_ar: str | None
    category: str
    quantity: int
    unit: str
    source_name: str | None
    effective_date: date
    url: str | None


@dataclass(frozen=True)
class StatementRow:
    organisation: str
    effective_date: date
    gist_type: str | None
    source_name: str | None
    url: str | None
    evidence: str


@dataclass(frozen=True)
class SnapshotData:
    """Everything the snapshot shows, read from the views for one week and one set of filters."""

    week: IsoWeek
    filters: Filters
    type_counts: tuple[TypeCount, ...]
    new_places: tuple[PlaceRow, ...]
    figures: tuple[FigureRow, ...]
    timeline_weeks: tuple[IsoWeek, ...]
    timeline: dict  # (week_start, event_type) -> mentions
    top_places: tuple[PlaceRow, ...]
    map_points: tuple[MapPoint, ...]  # labelled in English
    map_names_ar: dict  # place_id -> Arabic name, for the Arabic map
    boundary_rows: tuple[tuple, ...]
    statements: tuple[StatementRow, ...]
    statements_total: int
    sources: tuple[tuple[str | None, int], ...]
    database_last_date: date | None

    @property
    def total_this_week(self) -> int:
        return sum(t.this_week for t in self.type_counts)

    @property
    def total_previous_week(self) -> int:
        return sum(t.previous_week for t in self.type_counts)


def place_filters(filters: Filters) -> Filters:
    """Only the place part of `filters` (country, governorate, place), for tables without event types."""
    return Filters(countries=filters.countries, admin1_names=filters.admin1_names,
                   place_ids=filters.place_ids, modalities=())


def week_filters(filters: Filters, first: IsoWeek | None, last: IsoWeek) -> Filters:
    """`filters` with its date range replaced by the weeks first..last (first None: from the beginning)."""
    return dataclasses.replace(filters, date_from=first.start if first else None, date_to=last.end)


def _source_clause(filters: Filters, column: str = "source_name") -> tuple[str, list]:
    if not filters.sources:
        return "TRUE", []
    return f"{column} IN ({', '.join('?' for _ in filters.sources)})", list(filters.sources)


def latest_week(db_path: Path | str, filters: Filters) -> IsoWeek:
    """The latest ISO week holding a mention that `filters` select (what a weekly briefing wants).

    Raises:
        NoDataError: nothing matches the filters (or the database holds no mentions yet).
    """
    where, params = filters.where_sql()
    with connect_readonly(db_path) as con:
        (latest,) = con.execute(f"SELECT max(week_start) FROM mentions_wide WHERE {where}", params).fetchone()
        if latest is None:
            (any_mention,) = con.execute("SELECT count(*) FROM mentions_wide").fetchone()
    if latest is None:
        if not any_mention:
            raise NoDataError("the database holds no mentions yet. Ingest reports first: dmon ingest FILES.")
        raise NoDataError("no mention matches these filters in any week; loosen them (see dmon snapshot -h).")
    year, week, _ = latest.isocalendar()
    return IsoWeek(year, week)


def load_snapshot_data(db_path: Path | str, week: IsoWeek, filters: Filters) -> SnapshotData:
    """Read one week's snapshot from the views. Raises NoDataError when the week has no mention at all."""
    previous = week.shifted(-1)
    first = week.shifted(-(TIMELINE_WEEKS - 1))
    window_where, window_params = week_filters(filters, first, week).where_sql()
    history_where, history_params = week_filters(filters, None, week).where_sql()
    places_where, places_params = place_filters(filters).where_sql()
    source_where, source_params = _source_clause(filters)
    wk, prev = week.start, previous.start

    with connect_readonly(db_path) as con:
        any_in_week, last_date = con.execute(
            "SELECT count(*) FILTER (WHERE week_start = ?), max(mention_date) FROM mentions_wide", [wk]
        ).fetchone()
        if not any_in_week:
            raise NoDataError(_no_data_message(con, week, last_date))

        # Only the columns the snapshot shows: copying the evidence sentences would triple the time.
        con.execute(
            "CREATE TEMP TABLE snap AS SELECT week_start, event_type, place_id, place_name_en, place_name_ar, "
            f"admin1_name, lat, lon, source_name, report_id FROM mentions_wide WHERE {window_where}",
            window_params,
        )

        type_counts = tuple(
            TypeCount(*row) for row in con.execute(
                "SELECT event_type, count(*) FILTER (WHERE week_start = ?) AS this_week, "
                "count(*) FILTER (WHERE week_start = ?) AS previous_week FROM snap "
                "WHERE week_start IN (?, ?) GROUP BY event_type ORDER BY this_week DESC, event_type",
                [wk, prev, wk, prev],
            ).fetchall()
        )

        new_places = tuple(
            PlaceRow(*row) for row in con.execute(
                f"""
                SELECT place_id, any_value(place_name_en), any_value(place_name_ar), any_value(admin1_name),
                       count(*) FILTER (WHERE week_start = ?) AS this_week, 0 AS previous_week
                FROM mentions_wide WHERE {history_where}
                GROUP BY place_id HAVING min(week_start) = ?
                ORDER BY this_week DESC, place_id LIMIT {MAX_NEW_PLACES}
                """,
                [wk, *history_params, wk],
            ).fetchall()
        )

        figures = tuple(
            FigureRow(*row) for row in con.execute(
                f"""
                SELECT place_id, place_name_en, place_name_ar, category, quantity, unit, source_name,
                       effective_date, url
                FROM figures_wide
                WHERE week_start = ? AND {source_where}
                  AND (place_id IS NULL AND ? OR place_id IN (SELECT place_id FROM places WHERE {places_where}))
                ORDER BY category <> 'displaced', category, quantity DESC, place_id, source_name, figure_id
                LIMIT {MAX_FIGURES}
                """,
                [wk, *source_params, not (filters.countries or filters.admin1_names or filters.place_ids),
                 *places_params],
            ).fetchall()
        )

        timeline = {
            (row[0], row[1]): row[2]
            for row in con.execute("SELECT week_start, event_type, count(*) FROM snap GROUP BY ALL").fetchall()
        }

        by_type = {}
        for place_id, event_type, n in con.execute(
            "SELECT place_id, event_type, count(*) AS n FROM snap WHERE week_start = ? GROUP BY ALL "
            "ORDER BY place_id, n DESC, event_type", [wk]
        ).fetchall():
            by_type.setdefault(place_id, []).append((event_type, n))

        top_places = tuple(
            PlaceRow(*row, main_types=tuple(by_type.get(row[0], [])[:3])) for row in con.execute(
                f"""
                SELECT place_id, any_value(place_name_en), any_value(place_name_ar), any_value(admin1_name),
                       count(*) FILTER (WHERE week_start = ?) AS this_week,
                       count(*) FILTER (WHERE week_start = ?) AS previous_week
                FROM snap WHERE week_start IN (?, ?)
                GROUP BY place_id HAVING this_week > 0
                ORDER BY this_week DESC, place_id LIMIT {TOP_PLACES}
                """,
                [wk, prev, wk, prev],
            ).fetchall()
        )

        point_rows = con.execute(
            "SELECT place_id, any_value(place_name_en), any_value(place_name_ar), any_value(lat), "
            "any_value(lon), count(*) AS n FROM snap WHERE week_start = ? AND lat IS NOT NULL "
            "AND lon IS NOT NULL GROUP BY place_id ORDER BY n DESC, place_id", [wk]
        ).fetchall()
        map_points = tuple(
            MapPoint(place_id, name_en or place_id, lat, lon, n, by_type[place_id][0][0])
            for place_id, name_en, _name_ar, lat, lon, n in point_rows
        )
        map_labels_ar = {row[0]: row[2] for row in point_rows}

        boundary_rows = tuple(con.execute(
            "SELECT place_id, admin_level, geometry_wkb FROM place_boundaries ORDER BY admin_level, place_id"
        ).fetchall())

        lang_where = (f"language IN ({', '.join('?' for _ in filters.languages)})"
                      if filters.languages else "TRUE")
        statement_where = (
            f"week_start = ? AND {source_where} AND {lang_where} AND "
            "(? OR list_has_any(place_ids, (SELECT list(place_id) FROM places WHERE "
            f"{places_where})))"
        )
        statement_params = [wk, *source_params, *filters.languages,
                            not (filters.countries or filters.admin1_names or filters.place_ids),
                            *places_params]
        statements_total = con.execute(
            f"SELECT count(*) FROM statements_by_week WHERE {statement_where}", statement_params
        ).fetchone()[0]
        statements = tuple(
            StatementRow(*row) for row in con.execute(
                f"""
                WITH ranked AS (
                    SELECT *, row_number() OVER (PARTITION BY organisation
                                                 ORDER BY effective_date DESC, statement_id) AS nth
                    FROM statements_by_week WHERE {statement_where}
                ), shown AS (  -- breadth first: every organisation's latest before anyone's second
                    SELECT * FROM ranked ORDER BY nth, organisation LIMIT {MAX_STATEMENTS}
                )
                SELECT organisation, effective_date, gist_type, source_name, url, evidence
                FROM shown ORDER BY organisation, effective_date, statement_id
                """,
                statement_params,
            ).fetchall()
        )

        sources = tuple(con.execute(
            "SELECT source_name, count(DISTINCT report_id) AS n FROM snap "
            "WHERE week_start = ? GROUP BY 1 ORDER BY n DESC, 1 NULLS LAST", [wk]
        ).fetchall())

    return SnapshotData(
        week=week, filters=filters, type_counts=type_counts, new_places=new_places, figures=figures,
        timeline_weeks=tuple(first.shifted(i) for i in range(TIMELINE_WEEKS)), timeline=timeline,
        top_places=top_places,
        map_points=map_points, map_names_ar=map_labels_ar,
        boundary_rows=boundary_rows, statements=statements, statements_total=statements_total,
        sources=sources, database_last_date=last_date,
    )


def _no_data_message(con, week: IsoWeek, last_date: date | None) -> str:
    if last_date is None:
        return "the database holds no mentions yet. Ingest reports first: dmon ingest FILES."
    weeks = [row[0] for row in con.execute(
        "SELECT DISTINCT iso_week FROM mentions_wide ORDER BY iso_week DESC LIMIT 6").fetchall()]
    return (f"the database holds no mentions in {week.label} ({week.start} to {week.end}). "
            f"Weeks with data, latest first: {', '.join(weeks)}. Choose one of those with --week.")


# ---------------------------------------------------------------------------------------------------
# HTML

@cache
def _strings() -> dict:
    return json.loads((TEMPLATES / "strings.json").read_text(encoding="utf-8"))


def text_direction(text: str) -> str:
    """'rtl' when the first letter of `text` is Arabic, else 'ltr' (the Unicode "first strong" rule)."""
    for char in text:
        if char.isalpha():
            return "rtl" if _ARABIC_RE.match(char) else "ltr"
    return "ltr"


class _Text:
    """Translated, escaped strings for one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise SnapshotError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}.")
        self.lang = lang
        self.table = _strings()[lang]

    def __call__(self, key: str, **values) -> str:
        """The escaped string `key`, with `values` (already HTML: escape them first) filled in."""
        return html.escape(self.table[key]).format(**values)

    def raw(self, key: str) -> str:
        return self.table[key]

    def event_type(self, event_type: str) -> str:
        return _strings()["event_types"].get(event_type, {}).get(self.lang, event_type)

    def modality(self, modality: str) -> str:
        return _strings()["modalities"].get(modality, {}).get(self.lang, modality)

    def term(self, table: str, value: str | None) -> str:
        """A translated vocabulary word (gists, figure categories); unknown words as they are."""
        return _strings()[table].get(value or "", {}).get(self.lang, value or "?")

    def term_or_word(self, table: str, value: str) -> str:
        """Like term(), for a vocabulary table that may not list every word (units)."""
        return _strings().get(table, {}).get(value, {}).get(self.lang, value)

    def source(self, source_name: str | None, url: str | None) -> str:
        """The source's name, else its web host, else "source not named" (escaped, direction-isolated)."""
        host = urlsplit(url).hostname if url else None
        return _bidi(source_name or host or self.table["unknown_source"])

    def place(self, name_en: str | None, name_ar: str | None, place_id: str | None) -> str:
        """A place's name in the snapshot's language, with the other one after it when both exist."""
        first, second = (name_ar, name_en) if self.lang == "ar" else (name_en, name_ar)
        first = first or second or place_id or "?"
        if second and second != first:
            return f'{_bidi(first)} <span class="alt">{_bidi(second)}</span>'
        return _bidi(first)


def _bidi(text: str) -> str:
    """Escaped text in its own direction, so Arabic names inside English lines (and back) keep order."""
    return f'<bdi dir="{text_direction(text)}">{html.escape(text)}</bdi>'


def _ltr(text: str) -> str:
    """Escaped left-to-right text (numbers with signs, ISO weeks and dates) that keeps its order in RTL."""
    return f'<bdi dir="ltr">{html.escape(text)}</bdi>'


def _change(this_week: int, previous_week: int, t: _Text) -> str:
    if previous_week == 0:
        return t("new") if this_week else "0"
    diff = this_week - previous_week
    pct = round(100 * diff / previous_week)
    return _ltr(f"{diff:+d} ({pct:+d}%)")


def _filters_html(filters: Filters, t: _Text) -> str:
    parts = []
    for key, values, render in (
        ("filter_country", filters.countries, str),
        ("filter_governorate", filters.admin1_names, str),
        ("filter_place", filters.place_ids, str),
        ("filter_event_type", filters.event_types, t.event_type),
        ("filter_modality", filters.modalities, t.modality),
        ("filter_source", filters.sources, str),
        ("filter_language", filters.languages, str),
    ):
        shown = ", ".join(_bidi(render(v)) for v in values) if values else t("all")
        parts.append(f"<li><b>{t(key)}</b>: {shown}</li>")
    if filters.min_confidence > 0:
        parts.append(f"<li><b>{t('filter_min_confidence')}</b>: {filters.min_confidence:g}</li>")
    return "<ul class='filters'>" + "".join(parts) + "</ul>"


def closeup_points(points: Sequence[MapPoint], max_share_of_span: float = 0.1) -> tuple[MapPoint, ...]:
    """The places of the busiest area (dashboard.areas) when the week's map cannot tell them apart.

    Empty unless that area has at least two places, other places lie outside it, and it spans less than
    max_share_of_span of the whole map's width and height (e.g. Aleppo's neighbourhoods on a map that
    also reaches Gaza).
    """
    located = [p for p in points if p.lat is not None and p.lon is not None
               and not (math.isnan(p.lat) or math.isnan(p.lon))]
    groups = group_places((p.place_id, p.lat, p.lon, p.mention_count) for p in located)
    if len(groups) < 2 or len(groups[0]) < 2:
        return ()
    by_id = {p.place_id: p for p in located}
    area = [by_id[pid] for pid in groups[0]]
    lon_min, lon_max, lat_min, lat_max = map_extent(located)
    lon_span = max(p.lon for p in area) - min(p.lon for p in area)
    lat_span = max(p.lat for p in area) - min(p.lat for p in area)
    if lon_span > max_share_of_span * (lon_max - lon_min) or lat_span > max_share_of_span * (lat_max - lat_min):
        return ()
    return tuple(area)


def _img(png: bytes, alt: str, css_class: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="{css_class}" alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _type_cell(event_type: str, t: _Text) -> str:
    colour = EVENT_COLOURS.get(event_type, FALLBACK_COLOUR)
    return f'<span class="swatch" style="background:{colour}"></span>{html.escape(t.event_type(event_type))}'


def render_html(data: SnapshotData, lang: str = "en", db_label: str = "") -> str:
    """The snapshot as one self-contained HTML page (images inlined), ready for WeasyPrint."""
    t = _Text(lang)
    direction = "rtl" if lang == "ar" else "ltr"
    week = data.week
    css = (TEMPLATES / "snapshot.css").read_text(encoding="utf-8")
    out: list[str] = []
    add = out.append

    add(f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">')
    add(f"<title>{t('title')} {html.escape(week.label)}</title>")
    add('<meta name="author" content="displacement-monitor">')
    add('<meta name="generator" content="displacement-monitor dmon snapshot">')
    add(f'<meta name="dcterms.created" content="{week.end.isoformat()}T00:00:00Z">')
    add(f'<meta name="dcterms.modified" content="{week.end.isoformat()}T00:00:00Z">')
    add(f"<style>{css}</style></head><body class='lang-{lang}'>")

    # Title, period and filters.
    add(f"<header><h1>{t('title')} · {_ltr(week.label)}</h1><p class='subtitle'>{t('subtitle')}</p>")
    add(f"<p><b>{t('period')}</b>: "
        f"{t('period_value', week=_ltr(week.label), start=_ltr(week.start.isoformat()), end=_ltr(week.end.isoformat()))}</p>")
    add(f"<div><b>{t('filters')}</b>:{_filters_html(data.filters, t)}</div></header>")

    # Headline figures.
    add(f"<section id='headline'><h2>{t('headline')}</h2>")
    if data.total_this_week == 0:
        add(f"<p class='nodata'>{t('no_data', week=_ltr(week.label))}</p>")
    add(f"<h3>{t('mentions_by_type')}</h3><table class='counts'><thead><tr><th>{t('event_type')}</th>"
        f"<th class='num'>{t('this_week')}</th><th class='num'>{t('previous_week')}</th>"
        f"<th class='num'>{t('change')}</th></tr></thead><tbody>")
    for row in data.type_counts:
        add(f"<tr data-type='{html.escape(row.event_type)}'><td>{_type_cell(row.event_type, t)}</td>"
            f"<td class='num'>{row.this_week}</td><td class='num'>{row.previous_week}</td>"
            f"<td class='num'>{_change(row.this_week, row.previous_week, t)}</td></tr>")
    add(f"<tr class='total'><td>{t('total')}</td><td class='num'>{data.total_this_week}</td>"
        f"<td class='num'>{data.total_previous_week}</td>"
        f"<td class='num'>{_change(data.total_this_week, data.total_previous_week, t)}</td></tr>")
    add("</tbody></table>")

    add(f"<h3>{t('places_newly_affected')} ({len(data.new_places)})</h3>"
        f"<p class='note'>{t('places_newly_affected_note')}</p>")
    if data.new_places:
        add("<p class='newplaces'>" + " · ".join(
            f"{t.place(p.name_en, p.name_ar, p.place_id)} ({p.this_week})" for p in data.new_places) + "</p>")
    else:
        add(f"<p>{t('none_newly_affected')}</p>")

    add(f"<h3>{t('figures_reported')}</h3><p class='note'>{t('figures_note')}</p>")
    if data.figures:
        add(f"<table class='figures'><thead><tr><th>{t('place')}</th><th class='num'>{t('figure')}</th>"
            f"<th>{t('category')}</th><th>{t('source')}</th><th>{t('date')}</th></tr></thead><tbody>")
        for f in data.figures:
            amount = f"{f.quantity:,} {t.term_or_word('units', f.unit)}"
            add(f"<tr><td>{t.place(f.name_en, f.name_ar, f.place_id)}</td>"
                f"<td class='num'>{_bidi(amount)}</td>"
                f"<td>{html.escape(t.term('categories', f.category))}</td><td>{t.source(f.source_name, f.url)}</td><td>{_ltr(f.effective_date.isoformat())}</td></tr>")
        add("</tbody></table>")
    else:
        add(f"<p>{t('no_figures')}</p>")
    add("</section>")

    # Map.
    add(f"<section id='map'><h2>{t('map')}</h2>")
    points = data.map_points
    if lang == "ar":
        points = tuple(dataclasses.replace(p, label=data.map_names_ar.get(p.place_id) or p.label)
                       for p in points)
    if points:
        type_labels = {k: t.event_type(k) for k in EVENT_COLOURS}
        boundaries = boundaries_from_wkb(data.boundary_rows)
        png = render_map(points, boundaries, type_labels=type_labels)
        add(_img(png, t.raw("map"), "map"))
        add(f"<p class='note'>{t('map_note')}</p>")
        close = closeup_points(points)
        if close:
            names = ("، " if lang == "ar" else ", ").join(_bidi(p.label) for p in close[:3]) + (" …" if len(close) > 3 else "")
            add(f"<h3>{t('map_closeup', places=names)}</h3>")
            add(_img(render_map(close, boundaries, type_labels=type_labels), t.raw("map"), "map closeup"))
            add(f"<p class='note'>{t('map_closeup_note')}</p>")
    else:
        add(f"<p>{t('map_none')}</p>")
    add("</section>")

    # Timeline.
    add(f"<section id='timeline'><h2>{t('timeline')}</h2>")
    weeks = [(w.start, f"W{w.week:02d}") for w in data.timeline_weeks]
    png = render_timeline(weeks, data.timeline, type_labels={k: t.event_type(k) for k in EVENT_COLOURS},
                          highlight=week.start)
    add(_img(png, t.raw("timeline"), "timeline"))
    add(f"<p class='note'>{t('timeline_note', n=TIMELINE_WEEKS, week=_ltr(week.label))}</p></section>")

    # Top places.
    add(f"<section id='top-places'><h2>{t('top_places')}</h2>")
    add(f"<table class='places'><thead><tr><th>{t('place')}</th><th>{t('governorate')}</th>"
        f"<th class='num'>{t('this_week')}</th><th class='num'>{t('previous_week')}</th>"
        f"<th class='num'>{t('change')}</th><th>{t('main_types')}</th></tr></thead><tbody>")
    for p in data.top_places:
        types = ("، " if lang == "ar" else ", ").join(f"{html.escape(t.event_type(k))} {n}" for k, n in p.main_types)
        add(f"<tr><td>{t.place(p.name_en, p.name_ar, p.place_id)}</td><td>{_bidi(p.admin1_name or '')}</td>"
            f"<td class='num'>{p.this_week}</td><td class='num'>{p.previous_week}</td>"
            f"<td class='num'>{_change(p.this_week, p.previous_week, t)}</td><td>{types}</td></tr>")
    add("</tbody></table></section>")

    # NGO statements.
    add(f"<section id='statements'><h2>{t('statements')}</h2>")
    if not data.statements:
        add(f"<p>{t('no_statements')}</p>")
    for s in data.statements:
        add("<div class='statement'>"
            f"<p class='meta'><b>{_bidi(s.organisation)}</b> · {_ltr(s.effective_date.isoformat())} · "
            f"{t('gist')}: {html.escape(t.term('gists', s.gist_type))} · {t('source')}: {t.source(s.source_name, s.url)}"
            f"{' · <span class=url>' + html.escape(s.url) + '</span>' if s.url else ''}</p>"
            f"<blockquote dir='{text_direction(s.evidence)}'>{html.escape(s.evidence)}</blockquote></div>")
    if data.statements_total > len(data.statements):
        add(f"<p class='note'>{t('more_statements', n=data.statements_total - len(data.statements))}</p>")
    add("</section>")

    # Methods and caveats.
    add(f"<section id='methods'><h2>{t('methods')}</h2>")
    for key in ("methods_1", "methods_2", "methods_3", "methods_4"):
        add(f"<p>{t(key)}</p>")
    add(f"<h3>{t('sources_list')}</h3><ul class='sources'>")
    for source, n in data.sources:
        add(f"<li>{t.source(source, None)}: {n} {t('reports')}</li>")
    add("</ul>")
    last = data.database_last_date.isoformat() if data.database_last_date else "?"
    add(f"<p class='note'>{t('generated_from', db=_bidi(db_label or 'monitor.duckdb'), last=_ltr(last))}</p>")
    add("</section></body></html>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# PDF

def html_to_pdf(page_html: str) -> bytes:
    """Render the snapshot HTML with WeasyPrint; fonts come from the system (Noto, Amiri)."""
    import weasyprint  # imported here: it is slow to import and only the snapshot needs it

    document = weasyprint.HTML(string=page_html, base_url=str(TEMPLATES))
    return document.write_pdf(uncompressed_pdf=False)


def make_snapshot(db_path: Path | str, week: str, filters: Filters, lang: str = "en") -> bytes:
    """The weekly snapshot PDF of `week` ("2026-W02") for `filters`, in English or Arabic.

    Raises SnapshotError (bad week or language), NoDataError (no mention at all that week) or
    dashboard.sqlquery.QueryError (not a monitor database, or locked by a writer for too long).
    """
    if lang not in LANGUAGES:
        raise SnapshotError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}.")
    iso_week = parse_week(week)
    require_monitor_database(db_path)
    data = load_snapshot_data(db_path, iso_week, filters)
    log.info("snapshot %s: %d mentions, %d places, %d statements", iso_week.label, data.total_this_week,
             len(data.map_points), data.statements_total)
    return html_to_pdf(render_html(data, lang, db_label=Path(db_path).name))
