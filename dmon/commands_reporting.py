"""`dmon snapshot`, `dmon query`, `dmon export`: thin shells over dashboard.snapshot, sqlquery and export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.filters import EVENT_TYPES, MODALITIES, Filters
from dmon.options import db_option, require_existing_db


def one_line(message: str) -> str:
    """DuckDB's multi-line error (message, hint, `LINE 1: ...` and a caret line) as one line."""
    parts = [line.strip() for line in str(message).splitlines()]
    return " ".join(part for part in parts if part and set(part) != {"^"})


def check_out(out: Path | None) -> None:
    """Create the folder of --out (as a user expects), failing with one line when that is impossible."""
    if out is None or str(out) == "-":
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocker = next((p for p in (out.parent, *out.parent.parents) if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file, not a folder" if blocker else error.strerror
        raise click.BadParameter(
            f"cannot create the folder {out.parent} for {out} ({why}); give a path in a folder "
            "you can write to", param_hint="--out") from error


def out_error(out: Path, error: OSError) -> click.ClickException:
    """One line for a file that could not be written."""
    return click.ClickException(f"cannot write {out} ({error.strerror}); give an --out path you can write to")


def filter_options(func):
    """The dashboard's filters as options (repeat an option to give several values)."""
    options = [
        click.option("--country", "countries", multiple=True, metavar="CODE",
                     help="Country code, e.g. SY, LB, PS (repeatable)."),
        click.option("--governorate", "admin1_names", multiple=True, metavar="NAME",
                     help="Governorate (admin 1) name as in the places table, e.g. Aleppo (repeatable)."),
        click.option("--place", "place_ids", multiple=True, metavar="PLACE_ID",
                     help="A place id such as sy-aleppo; includes the places within it (repeatable)."),
        click.option("--event-type", "event_types", multiple=True, type=click.Choice(EVENT_TYPES),
                     help="Event type (repeatable; default all)."),
        click.option("--modality", "modalities", multiple=True, type=click.Choice(MODALITIES),
                     help="Modality (repeatable; default reported only)."),
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="Source name as in reports.source_name (repeatable)."),
        click.option("--language", "languages", multiple=True, metavar="LANG",
                     help="Report language, ar or en (repeatable)."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
                     help="Leave out mentions extracted with less confidence."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def filters_from_options(countries, admin1_names, place_ids, event_types, modalities, sources, languages,
                         min_confidence) -> Filters:
    """The Filters the options describe (modalities default to reported only, as in the dashboard)."""
    return Filters(
        countries=tuple(c.upper() for c in countries), admin1_names=tuple(admin1_names),
        place_ids=tuple(place_ids), event_types=tuple(event_types),
        modalities=tuple(modalities) or ("reported",), sources=tuple(sources), languages=tuple(languages),
        min_confidence=min_confidence,
    )


#: Filter option -> (SQL listing the values the database knows, what to call them, how to find them).
FILTER_VALUE_SOURCES = {
    "place_ids": ("--place", "SELECT place_id FROM places", "place id",
                  "Look ids up with `dmon gazetteer lookup NAME`."),
    "countries": ("--country", "SELECT DISTINCT country_code FROM places WHERE country_code IS NOT NULL",
                  "country code", ""),
    "admin1_names": ("--governorate", "SELECT DISTINCT admin1_name FROM places WHERE admin1_name IS NOT NULL",
                     "governorate", ""),
    "sources": ("--source", "SELECT DISTINCT source_name FROM reports WHERE source_name IS NOT NULL",
                "source", ""),
    "languages": ("--language", "SELECT DISTINCT language FROM reports WHERE language IS NOT NULL",
                  "report language", ""),
}


#: Values always accepted, even when the database holds none of them yet (an empty result is an answer).
ALWAYS_KNOWN = {"countries": ("SY", "LB", "PS"), "languages": ("ar", "en")}


def check_filter_values(db_path: Path, filter_values: dict) -> None:
    """Fail with close matches when a filter value is not in the database (a typo would silently match nothing)."""
    import difflib

    from dashboard.sqlquery import QueryError, run_query

    for key, (option, sql, what, how) in FILTER_VALUE_SOURCES.items():
        given = [v.upper() if key == "countries" else v for v in filter_values.get(key) or ()]
        if not given:
            continue
        try:
            known = sorted({str(row[0]) for row in run_query(db_path, sql).rows} | set(ALWAYS_KNOWN.get(key, ())))
        except QueryError as error:
            raise click.ClickException(
                f"{db_path} cannot be filtered by {option}: {one_line(str(error))}. Is it a database made by "
                f"`dmon ingest`?") from error
        for value in given:
            if value in known:
                continue
            close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
            if close:
                hint = f" Did you mean {', '.join(close)}?"
            elif len(known) <= 12:
                hint = f" The database has: {', '.join(known) or 'none'}."
            else:
                hint = ""
            raise click.BadParameter(f"no {what} {value!r} in {db_path}.{hint} {how}".rstrip(), param_hint=option)


@click.command()
@click.option("--week", metavar="YYYY-Www",
              help="ISO week, e.g. 2026-W02 (5-11 Jan 2026). Default: the latest week with data the filters select.")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="PDF file to write (default: snapshot-<week>.pdf, with -ar for Arabic).")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True,
              help="Language of the snapshot; Arabic is laid out right to left.")
@filter_options
def snapshot(week, db_path, out, lang, **filter_values):
    """Write the weekly PDF snapshot: headline figures, map, timeline, top places, NGO statements."""
    from dashboard.snapshot import SnapshotError, latest_week, make_snapshot, parse_week
    from dashboard.sqlquery import QueryError

    require_existing_db(db_path)
    check_filter_values(db_path, filter_values)
    filters = filters_from_options(**filter_values)
    try:
        if week:
            iso_week = parse_week(week)
        else:
            iso_week = latest_week(db_path, filters)
            click.echo(f"no --week given: {iso_week.label} ({iso_week.start:%-d %b} to {iso_week.end:%-d %b %Y}), "
                       "the latest week with data", err=True)
        pdf = make_snapshot(db_path, iso_week.label, filters, lang)
    except (SnapshotError, QueryError) as error:
        raise click.ClickException(str(error)) from error
    out = out or Path(f"snapshot-{iso_week.label}{'-ar' if lang == 'ar' else ''}.pdf")
    check_out(out)
    try:
        out.write_bytes(pdf)
    except OSError as error:
        raise out_error(out, error) from error
    click.echo(f"wrote {out} ({len(pdf):,} bytes)")


@click.command()
@click.argument("sql")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table",
              show_default=True, help="Output format; parquet needs --out.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the result to this file instead of standard output.")
def query(sql, db_path, fmt, out):
    """Run read-only SQL on the database (writes are refused). Views: mentions_wide,
    weekly_place_counts, statements_by_week, figures_wide and more (docs/queries.md)."""
    from dashboard import sqlquery

    require_existing_db(db_path)
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet writes a binary file: give --out FILE.parquet.")
    check_out(out)
    try:
        if fmt == "parquet":
            rows = sqlquery.write_parquet(db_path, sql, out)
            click.echo(f"wrote {out} ({rows} row{'' if rows == 1 else 's'})", err=True)
            return
        result = sqlquery.run_query(db_path, sql)
    except sqlquery.QueryError as error:
        raise click.ClickException(one_line(str(error))) from error
    except OSError as error:
        raise out_error(out, error) from error
    text = {"table": sqlquery.format_table, "csv": sqlquery.format_csv, "json": sqlquery.format_json}[fmt](result)
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise out_error(out, error) from error
        rows = len(result.rows)
        click.echo(f"wrote {out} ({rows} row{'' if rows == 1 else 's'})", err=True)


EXPORT_FORMATS = ["csv", "geojson", "geoparquet", "hxl", "acled"]


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Required: csv, geojson, geoparquet (QGIS), hxl (HDX), acled (ACLED column layout).")
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: mentions.<ext>); '-' writes text formats to standard output.")
@click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="First day of the mentions' dates (default: the earliest).")
@click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Last day, included (default: the latest).")
@filter_options
def export(fmt, db_path, out, date_from, date_to, **filter_values):
    """Export the filtered mentions for spreadsheets, QGIS, HDX or ACLED-style tools.

    Filters default to the dashboard's: every event type, reported mentions only, all dates.
    """
    import dataclasses

    if fmt is None:
        raise click.UsageError(f"Missing option '--format': choose one of {', '.join(EXPORT_FORMATS)}, "
                               "e.g. --format csv")

    from dashboard import export as exporter
    from dashboard.sqlquery import QueryError

    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(
            f"{date_from:%Y-%m-%d} is after --date-to {date_to:%Y-%m-%d}; swap them", param_hint="--date-from")
    require_existing_db(db_path)
    check_filter_values(db_path, filter_values)
    filters = dataclasses.replace(
        filters_from_options(**filter_values),
        date_from=date_from.date() if date_from else None, date_to=date_to.date() if date_to else None,
    )
    if str(out) == "-" and fmt == "geoparquet":
        raise click.UsageError("geoparquet is binary: give --out FILE.parquet.")
    target = None if str(out) == "-" else (out or Path(f"mentions{exporter.EXTENSIONS[fmt]}"))
    check_out(target)
    try:
        result = exporter.export(db_path, fmt, filters, target)
    except (exporter.ExportError, QueryError) as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:
        raise out_error(target, error) from error
    if target is None:
        sys.stdout.write(result.text or "")
    else:
        click.echo(f"wrote {target} ({result.rows} mentions)", err=True)
    if result.left_out:
        click.echo(f"left out {result.left_out} mentions that ACLED would not code as events (denied, "
                   "warned or called for; displacement, return, aid access, casualties): use --format csv "
                   "or hxl for those.", err=True)


COMMANDS: list = [snapshot, query, export]
