"""`dmon explain` and `dmon evaluate`: look inside the extraction and measure it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dmon.dbcheck import check_database
from dmon.options import db_option


def _geocoder(db_path: Path | None, explicit: bool):
    """The built-in gazetteer plus the places imported into `db_path`, when there is one."""
    from geo.geocoder import Geocoder

    if db_path is None or not db_path.exists():
        if explicit:
            raise click.ClickException(
                f"database {db_path} does not exist. Leave out --db to use the built-in gazetteer only, "
                "or create it with `dmon ingest` / `dmon gazetteer import`.")
        return Geocoder.from_builtin()
    from geo import gazetteer_db
    from ingest.store import connect_readonly

    check_database(db_path, write=False)
    import duckdb

    con = connect_readonly(db_path)
    try:
        extra = gazetteer_db.load_imported_places(con)
    except duckdb.CatalogException as exc:
        raise click.ClickException(
            f"{db_path} has no places table, so it was not made by dmon; leave out --db to use the built-in "
            f"gazetteer only, or create it with `dmon ingest FILES --db {db_path}`") from exc
    finally:
        con.close()
    return Geocoder.from_builtin(extra_places=extra)


@click.command("explain")
@click.argument("file")
@db_option
@click.option("--color/--no-color", default=None, help="Highlight with ANSI colours (default: when a terminal).")
@click.pass_context
def explain_command(ctx: click.Context, file: str, db_path: Path, color: bool | None) -> None:
    """Show every mention, statement and figure extracted from FILE, with the evidence highlighted
    ([[place]], <<trigger>>) and the reason for each type, modality, place and date.

    FILE is anything `dmon ingest` reads (.txt, .html, .jsonl, a folder of them, an http(s) page or feed
    URL, - for standard input).
    With --db, places imported into that database are matched too (default: the built-in gazetteer,
    plus data/monitor.duckdb's imported places when that file exists).
    """
    from ingest.decode import InputError
    from ingest.explain import ANSI, PLAIN, explain_report
    from ingest.readers import iter_documents, to_report

    explicit = ctx.get_parameter_source("db_path") == click.core.ParameterSource.COMMANDLINE
    geocoder = _geocoder(db_path, explicit)
    use_color = sys.stdout.isatty() if color is None else color
    marks = ANSI if use_color else PLAIN
    errors: list[InputError] = []
    shown = 0
    from ingest.fetch import Fetcher

    for item in iter_documents([file], Fetcher()):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        if not hasattr(item, "payload"):
            continue
        try:
            report = to_report(item)
        except InputError as exc:
            errors.append(exc)
            continue
        if shown:
            click.echo("\n" + "=" * 72 + "\n")
        for line in explain_report(report, geocoder, marks):
            click.echo(line)
        shown += 1
    if len(errors) == 1 and not shown:  # the usual case, one bad file: one line
        raise click.ClickException(f"{errors[0].origin}: {errors[0].reason}")
    for error in errors:
        click.echo(f"error: {error.origin}: {error.reason}", err=True)
    if errors:
        raise click.ClickException(f"{len(errors)} input(s) of {file} could not be read (see above)")
    if not shown:
        raise click.ClickException(f"{file} holds no report: give a .txt, .html or .jsonl file, or a folder of them")


@click.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print scores (and errors) as JSON.")
@click.option("--verbose", "-V", "verbose", is_flag=True, help="Also list every error (missed, wrong, extra).")
@click.option("--gazetteer-db", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Also match the places imported into this database (dmon gazetteer import), as ingest does. "
                   "Default: the built-in gazetteer only, so scores do not depend on local imports.")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              metavar="OTHER.jsonl",
              help="Score a second annotator's file of the same reports against GOLD instead of running the "
                   "extraction (inter-annotator agreement; reports are paired by id).")
def evaluate_command(gold: tuple[Path, ...], as_json: bool, verbose: bool, gazetteer_db: Path | None,
                     against: Path | None) -> None:
    """Score extraction against annotated reports (GOLD .jsonl files or folders of them).

    Prints place precision/recall, event-type F1, modality accuracy, statement precision/recall, date
    accuracy, figure scores and places taken from boilerplate, per language and overall. When the
    annotations list places the gazetteer lacks (`gazetteer_gaps`), it also prints how many and the
    place recall counting them as missed. The metrics are defined in docs/extraction.md.

    With --against, the same metrics compare two annotations of the same reports: how far two people
    following docs/gold-format.md agree, the ceiling to read the extraction's scores against.
    """
    from ingest.evaluate import GoldFormatError, evaluate_files

    paths: list[Path] = []
    for p in gold:
        paths.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    if not paths:
        raise click.ClickException(f"no .jsonl gold files in {', '.join(map(str, gold))}")
    for path in [*paths, *([against] if against is not None else [])]:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise click.ClickException(
                f"{path} is not UTF-8 text (byte {exc.start}): gold files are JSON lines in UTF-8, one "
                "annotated report a line (docs/gold-format.md)") from exc
    from ingest.decode import InputError

    geocoder = _geocoder(gazetteer_db, explicit=True) if gazetteer_db is not None else None
    if against is not None:
        _print_agreement(paths, against, geocoder, as_json=as_json, verbose=verbose)
        return
    try:
        result = evaluate_files(paths, geocoder)
    except GoldFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    except InputError as exc:  # a gold text the readers refuse (empty, furniture only)
        raise click.ClickException(
            f"gold report {exc.origin.removeprefix('gold:')!r}: {exc.reason}; its 'text' must be the report's "
            "article (docs/gold-format.md)") from exc
    if not result.overall.reports:
        raise click.ClickException(
            f"no annotated report in {', '.join(map(str, paths))}: each line must be one JSON object "
            "(docs/gold-format.md)")
    _print_result(result, as_json=as_json, verbose=verbose)


def _print_result(result, *, as_json: bool, verbose: bool) -> None:
    from ingest.evaluate import format_scores, result_json

    if as_json:
        click.echo(result_json(result, with_errors=verbose))
        return
    for line in format_scores(result):
        click.echo(line)
    if verbose:
        click.echo("")
        click.echo(f"errors ({len(result.errors)}):")
        for e in result.errors:
            detail = ", ".join(f"{k}={v}" for k, v in e.items() if k not in ("id", "language", "kind"))
            click.echo(f"  {e['id']:<8} {e['kind']:<15} {detail}")


def _print_agreement(paths: list[Path], against: Path, geocoder, *, as_json: bool, verbose: bool) -> None:
    """`dmon evaluate GOLD --against OTHER`: one annotation scored against another."""
    from ingest.evaluate import GoldFormatError, agreement, read_gold

    try:
        reference = [item for path in paths for item in read_gold(path)]
        other = read_gold(against)
    except GoldFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    found = agreement(reference, other, geocoder)
    if not found.result.overall.reports:
        raise click.ClickException(
            f"no report id of {against} is in {', '.join(map(str, paths))}: --against needs a second "
            "annotation of the same reports (same ids)")
    if not as_json:
        click.echo(f"{against} scored against {', '.join(map(str, paths))}: "
                   f"{found.result.overall.reports} reports paired by id (precision = share of the second "
                   "annotation the first has; F1 is symmetric)")
    for ids, where in ((found.only_in_reference, against), (found.only_in_other, "the reference")):
        if ids:
            click.echo(f"warning: {len(ids)} report(s) missing from {where}, not scored: "
                       f"{', '.join(ids[:8])}{' ...' if len(ids) > 8 else ''}", err=True)
    _print_result(found.result, as_json=as_json, verbose=verbose)


COMMANDS: list = [explain_command, evaluate_command]
