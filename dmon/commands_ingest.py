"""`dmon ingest` and `dmon demo`: thin shells over `ingest.pipeline.run_ingest`."""

from __future__ import annotations

import logging
from pathlib import Path

import click
import duckdb

from dmon.dbcheck import check_database, check_port_free, describe_open_error
from dmon.options import db_option, require_existing_db
from ingest.fetch import FetchOptions
from ingest.pipeline import IngestSummary, PipelineOptions, run_ingest
from ingest.store import DatabaseLockedError

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "data" / "samples"


def _print_summary(summary: IngestSummary, db_path: Path, *, quiet: bool = False) -> None:
    for error in summary.errors:
        click.echo(f"error: {error.origin}: {error.reason}", err=True)
    if not quiet:
        lines = summary.lines()
        if not summary.reports_read and summary.reports_reprocessed:  # --reprocess alone read no input
            lines = sorted((line for line in lines if not line.startswith("reports read:")),
                           key=lambda line: not line.startswith("stored reports re-extracted"))
        for line in lines:
            click.echo(line)
        if summary.reports_duplicate and not summary.reports_new and not summary.reports_failed:
            click.echo(f"nothing new: every report was already in {db_path} (use --reprocess to re-extract them)")


#: Libraries that log every page they cannot parse; our own one-line error already says so.
NOISY_LOGGERS = ("trafilatura", "htmldate", "justext", "charset_normalizer")


def _run(inputs: list[str], db_path: Path, *, reprocess: bool, quiet: bool,
         options: PipelineOptions | None = None) -> IngestSummary:
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:  # not -v / -vv
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    check_database(db_path, write=True)
    try:
        return run_ingest(inputs, db_path, reprocess=reprocess, progress=False if quiet else None,
                          options=options)
    except DatabaseLockedError as exc:
        raise click.ClickException(str(exc)) from exc
    except duckdb.IOException as exc:  # the file went bad or away after the check
        raise click.ClickException(describe_open_error(db_path, exc)) from exc


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="PATH_OR_URL...")
@db_option
@click.option("--reprocess", is_flag=True,
              help="Re-extract mentions, statements and figures of reports already stored (all stored "
                   "reports when no PATH_OR_URL is given), e.g. after the rules or the gazetteer changed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors are still printed.")
@click.option("--batch-size", type=click.IntRange(min=1), default=PipelineOptions.batch_size, show_default=True,
              help="Reports written per transaction; readers can open the database between batches.")
@click.option("--delay", type=click.FloatRange(min=0), default=FetchOptions.per_host_interval, show_default=True,
              metavar="SECONDS", help="Pause between two requests to the same site when fetching URLs and feeds.")
def ingest_command(inputs: tuple[str, ...], db_path: Path, reprocess: bool, quiet: bool, batch_size: int,
                   delay: float) -> None:
    """Read reports into the database.

    PATH_OR_URL can be .html/.htm pages, .txt copies of pages, .jsonl exports (url, title, published,
    source, language, text or html), RSS/Atom feeds (file or URL), http(s) page URLs, folders (read
    recursively) and - for standard input. Reports already stored (same URL or same text) are skipped.
    Feed entries are ingested from the pages they link to; when a link cannot be fetched, the text the
    entry itself carries is used instead. URLs are fetched politely: retries with backoff, a pause
    between requests to one site (--delay), the site's robots.txt obeyed, and ETag / Last-Modified
    (pages unchanged since the last run are skipped).
    Exits with status 1 when any input failed; the others are still stored.
    """
    if not inputs and not reprocess:
        raise click.UsageError("give at least one PATH_OR_URL (or --reprocess to re-extract stored reports)")
    if reprocess and not inputs:
        require_existing_db(db_path)  # nothing stored yet, so nothing to re-extract
    summary = _run(list(inputs), db_path, reprocess=reprocess, quiet=quiet,
                   options=PipelineOptions(batch_size=batch_size,
                                           fetch=FetchOptions(per_host_interval=delay)))
    if inputs and not summary.reports_read and not summary.reports_unchanged and summary.ok:
        raise click.ClickException(
            f"nothing to ingest: {' '.join(inputs)} holds no .html, .htm, .txt, .jsonl, .rss, .atom or .xml "
            "file; check the path")
    _print_summary(summary, db_path, quiet=quiet)
    if not summary.ok:
        raise SystemExit(1)


def _demo_overview(db_path: Path) -> list[str]:
    """What the demo database now holds, and the commands worth trying on it (empty when unreadable)."""
    from ingest.store import connect_readonly

    try:
        con = connect_readonly(db_path)
        try:
            first, last, places, mentions = con.execute(
                "SELECT min(iso_week), max(iso_week), count(DISTINCT place_id), count(*) FROM mentions_wide"
            ).fetchone()
            busiest = con.execute(
                "SELECT iso_week FROM mentions_wide GROUP BY iso_week ORDER BY count(*) DESC, iso_week DESC LIMIT 1"
            ).fetchone()
        finally:
            con.close()
    except (duckdb.Error, DatabaseLockedError, FileNotFoundError) as exc:
        log.info("no overview of %s: %s", db_path, exc)
        return []
    if not mentions:
        return []
    week = busiest[0]
    return [
        f"the database holds {mentions} mentions of {places} places, weeks {first} to {last} (busiest: {week})",
        f"try: dmon snapshot --week {week} --db {db_path}   |   "
        f"dmon query \"SELECT * FROM weekly_place_counts\" --db {db_path}",
    ]


@click.command("demo")
@db_option
@click.option("--no-serve", is_flag=True, help="Build the database and print the summary; do not start the dashboard.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True, metavar="PORT",
              help="Port of the dashboard (on 127.0.0.1).")
def demo_command(db_path: Path, no_serve: bool, port: int) -> None:
    """Ingest the bundled illustrative reports (data/samples/) into the database and open the dashboard
    on them at http://127.0.0.1:PORT. Running it again adds nothing: the reports are already stored.
    """
    if not SAMPLES_DIR.is_dir():
        raise click.ClickException(f"the demo reports are missing: {SAMPLES_DIR} does not exist")
    if not no_serve:
        check_port_free("127.0.0.1", port)
    click.echo(f"ingesting the illustrative demo reports in {SAMPLES_DIR} into {db_path}")
    summary = _run([str(SAMPLES_DIR)], db_path, reprocess=False, quiet=False)
    _print_summary(summary, db_path)
    for line in _demo_overview(db_path):
        click.echo(line)
    if no_serve:
        click.echo(f"done. Open the dashboard with: dmon serve --db {db_path}")
        return
    try:
        from dashboard.server import serve  # imported lazily: the dashboard is optional for ingest
    except ImportError as exc:
        log.info("dashboard not available: %s", exc)
        click.echo(f"the dashboard is not available yet ({exc}); the database is ready at {db_path}. "
                   f"Query it with: dmon query \"SELECT * FROM weekly_place_counts\" --db {db_path}")
        return
    click.echo(f"starting the dashboard on http://127.0.0.1:{port} (Ctrl+C to stop)")
    serve(db_path, host="127.0.0.1", port=port)


COMMANDS: list[click.Command] = [ingest_command, demo_command]
