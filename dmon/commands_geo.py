"""`dmon gazetteer import` and `dmon gazetteer lookup`: thin shells over geo.importers, geo.gazetteer_db
and geo.geocoder."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from dmon.dbcheck import check_database
from dmon.options import db_option
from geo import gazetteer_db
from geo.geocoder import Geocoder, load_builtin_places
from geo.importers import ImportFormatError, read_features, split_name
from geo.types import GeoContext

log = logging.getLogger(__name__)

KINDS = ("country", "governorate", "district", "subdistrict", "region", "city", "town", "village", "camp",
         "neighbourhood")


@click.group("gazetteer")
def gazetteer() -> None:
    """Import boundary/gazetteer files and look names up in the gazetteer."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--name-field", default=None, help="Column holding the place name (generic GeoJSON/shapefiles).")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Kind to give every imported feature.")
@db_option
def import_command(file: Path, name_field: str | None, kind: str | None, db_path: Path) -> None:
    """Import FILE into the gazetteer tables of the database.

    FILE may be an OCHA COD-AB boundary file (GeoJSON/shapefile with ADM*_EN/AR/PCODE columns), the
    OCHA city-neighbourhood JSON layer, Who's On First records (a .geojson, a folder, or a repository
    zip), a GeoNames dump (.txt), any GeoJSON/shapefile/GeoPackage with a name column (--name-field), or
    a CSV of points with a name column and lon/lat (or longitude/latitude) columns in WGS 84.
    Features are attached to existing places by p-code, then by name and distance; the others become
    new places whose parents are filled by point-in-polygon roll-up.
    """
    from ingest.store import DatabaseLockedError, open_writer

    try:
        features = read_features(file, name_field=name_field, kind=kind)
    except ImportFormatError as err:
        raise click.ClickException(str(err)) from err
    if not features:
        raise click.ClickException(f"{file}: no features with a name were found; check --name-field")
    check_database(db_path, write=True)
    try:
        con = open_writer(db_path)
    except DatabaseLockedError as err:
        raise click.ClickException(str(err)) from err
    try:
        builtin = load_builtin_places()
        con.execute("BEGIN")
        gazetteer_db.write_places(con, builtin)
        con.execute("COMMIT")
        known = [*builtin, *gazetteer_db.load_imported_places(con)]
        summary = gazetteer_db.import_features(con, features, known)
    finally:
        con.close()
    click.echo(f"{file.name}: {summary.describe()} -> {db_path}")
    for example in summary.examples:
        click.echo(f"  e.g. {example}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--context", "context_text", default="", help="Text around the name (the report), to disambiguate.")
@click.option("--country", type=click.Choice(["SY", "LB", "PS"], case_sensitive=False), default=None,
              help="Country hint, when the report's country is known (default: none).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also use the places imported into this database (default: built-in gazetteer only).")
def lookup_command(name: str, context_text: str, country: str | None, db_path: Path | None) -> None:
    """Show every place called NAME and why each would or would not be chosen."""
    if not name.strip():
        raise click.BadParameter("the name is empty; give a place name, e.g. dmon gazetteer lookup Ashrafieh",
                                 param_hint="NAME")
    country = country.upper() if country else None
    extra = []
    if db_path is not None:
        import duckdb

        from ingest.store import DatabaseLockedError, connect_readonly

        if db_path.exists():
            check_database(db_path, write=False)
        try:
            con = connect_readonly(db_path)
        except (FileNotFoundError, DatabaseLockedError) as err:
            raise click.ClickException(str(err)) from err
        try:
            extra = gazetteer_db.load_imported_places(con)
        except duckdb.CatalogException as err:
            raise click.ClickException(
                f"{db_path} has no gazetteer tables yet; run `dmon gazetteer import FILE --db {db_path}` first"
            ) from err
        finally:
            con.close()
    geocoder = Geocoder.from_builtin(extra)
    hint = GeoContext(country_hint=country)
    candidates = geocoder.explain(name, context_text, hint)
    parts = split_name(name)
    if not candidates and len(parts) > 1:
        # "Al Mawais (Rafah)", "Beit Meheb / Jdeydeh": punctuation never survives normalisation, so the
        # full form is looked up with the brackets dropped (imports store it so), then part by part.
        for attempt in [" ".join(parts), *parts]:
            candidates = geocoder.explain(attempt, context_text, hint)
            if candidates:
                click.echo(f"{name!r} holds brackets or a slash: looked up as {attempt!r}")
                name = attempt
                break
    if not candidates:
        raise click.ClickException(
            f"no place is called {name!r} (normalised: {geocoder_key(name)!r}); try another spelling, "
            "or add it as a variant in data/gazetteer/curated_places.csv"
        )
    click.echo(f"{name!r} -> normalised {candidates[0].normalized!r}; {len(candidates)} candidate(s)")
    for c in candidates:
        place = c.place
        mark = "CHOSEN" if c.chosen else "not chosen"
        click.echo(f"- {place.place_id} [{place.kind}, {place.country_code}] {place.name_en} / {place.name_ar}")
        click.echo(f"    matched name {c.matched_name!r} ({c.method}); needs_cue={c.needs_cue}; "
                   f"parents: {' > '.join(c.ancestors) or '-'}; at {place.lat}, {place.lon}")
        click.echo(f"    {mark}: {c.why}")


def geocoder_key(name: str) -> str:
    from geo.normalize import normalize

    return normalize(name)


COMMANDS = [gazetteer]
