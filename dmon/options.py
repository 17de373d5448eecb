"""Options shared by every dmon command, defined once."""

from __future__ import annotations

import os
from pathlib import Path

import click

DEFAULT_DB = Path("data") / "monitor.duckdb"


def default_db_path() -> Path:
    """The database used when --db is not given: $DMON_DB, else data/monitor.duckdb."""
    return Path(os.environ.get("DMON_DB") or DEFAULT_DB)


def db_option(func):
    """`--db FILE`, defaulting to $DMON_DB or data/monitor.duckdb."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="DuckDB database file (default: $DMON_DB or data/monitor.duckdb).",
        callback=lambda _ctx, _param, value: value or default_db_path(),
    )(func)


def require_existing_db(db_path: Path) -> None:
    """Fail with a readable message when a read-only command is pointed at a missing database."""
    if not db_path.exists():
        raise click.ClickException(
            f"database {db_path} does not exist. Create it with `dmon ingest FILES --db {db_path}` "
            "or `dmon demo`."
        )
    if db_path.is_dir():  # $DMON_DB bypasses --db's file check
        raise click.ClickException(
            f"database {db_path} is a folder; point --db or $DMON_DB at a database file such as "
            f"{db_path / 'monitor.duckdb'}"
        )
