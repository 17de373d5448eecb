"""Readable one-line errors for a --db file that cannot be opened, checked before a command starts work.

DuckDB reports a wrong file as an `IOException` whose text is meant for developers ("IO Error: The file
... exists, but it is not a valid DuckDB database file!"), and a writer waits up to a minute and a half
for another process's lock without saying so. The commands call these checks first, so a user learns
what is wrong with which file, and what to do, in one line.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click
import duckdb


def _is_lock_error(text: str) -> bool:
    text = text.lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text or "held" in text)


def describe_open_error(db_path: Path, error: BaseException) -> str:
    """One line saying why DuckDB (or the file system) refused `db_path`, and what to do."""
    text = str(error)
    if "not a valid DuckDB database" in text:
        return (f"{db_path} exists but is not a DuckDB database; give another --db FILE "
                "(a missing file is created by `dmon ingest`)")
    if "Permission denied" in text or isinstance(error, PermissionError):
        return f"cannot open {db_path}: permission denied; give a --db FILE in a folder you can write to"
    if _is_lock_error(text):
        return (f"{db_path} is locked by another process (probably `dmon ingest` writing); "
                "try again when it has finished")
    first_line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return f"cannot open the database {db_path}: {first_line}; check the --db path"


def _writable_folder(folder: Path) -> Path | None:
    """The nearest existing ancestor of `folder` when it cannot be written to (None when it can)."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return None
    return existing


def check_database(db_path: Path, *, write: bool) -> None:
    """Fail with one readable line when `db_path` cannot be opened; say so when it is locked.

    Args:
        db_path: the --db file.
        write: the command writes (a missing file will be created, so its folder must be writable);
            read-only commands check that the file exists elsewhere (`require_existing_db`).

    Raises:
        click.ClickException: not a DuckDB file, no permission, a folder where the file should be.
    """
    db_path = Path(db_path)
    if db_path.is_dir():
        raise click.ClickException(f"database {db_path} is a folder; point --db or $DMON_DB at a database file "
                                   f"such as {db_path / 'monitor.duckdb'}")
    if not db_path.exists():
        if write:
            blocked = _writable_folder(db_path.parent)
            if blocked is not None:
                why = f"{blocked} is a file, not a folder" if blocked.exists() and not blocked.is_dir() \
                    else f"{blocked} is not a folder you can write to"
                raise click.ClickException(
                    f"cannot create {db_path}: {why}; give a --db FILE in a folder you can write to")
        return
    try:
        duckdb.connect(str(db_path), read_only=True).close()
    except duckdb.Error as error:
        if _is_lock_error(str(error)):
            # Another process is writing: the command's own connection waits for it (with backoff).
            click.echo(f"{db_path} is locked by another process (probably `dmon ingest`); waiting for it "
                       "(Ctrl-C to give up)", err=True)
            return
        raise click.ClickException(describe_open_error(db_path, error)) from error
    if write and not os.access(db_path, os.W_OK):
        raise click.ClickException(
            f"cannot write to {db_path}: permission denied; give a --db FILE you can write to")
    if write and _writable_folder(db_path.resolve().parent) is not None:
        raise click.ClickException(
            f"cannot write next to {db_path}: its folder is read-only (DuckDB keeps a .wal file beside the "
            "database); copy the database to a folder you can write to")


def check_port_free(host: str, port: int) -> None:
    """Fail with one readable line when the dashboard could not listen on host:port.

    Raises:
        click.ClickException: the port is taken (another `dmon serve`?) or the address is not this machine's.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise click.ClickException(
            f"--host {host} is not an address of this machine ({error.strerror}); "
            "use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)") from error
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise click.ClickException(
                    f"port {port} on {host} is already in use (another `dmon serve`?); "
                    f"choose another with --port, e.g. --port {port + 1}") from error
            raise click.ClickException(
                f"cannot listen on {host}:{port} ({error.strerror}); use --host 127.0.0.1 "
                "or an address of this machine") from error
