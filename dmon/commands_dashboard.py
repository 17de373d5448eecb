"""`dmon serve`: the dashboard."""

from __future__ import annotations

from pathlib import Path

import click

from dmon.dbcheck import check_database, check_port_free
from dmon.options import db_option, require_existing_db

#: Ports a user may give; below 1024 needs root, so it is allowed but unusual.
PORT_TYPE = click.IntRange(1, 65535)


@click.command("serve")
@db_option
@click.option("--port", type=PORT_TYPE, default=8501, show_default=True, metavar="PORT", help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 exposes the dashboard to the network (no login!).")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True,
              help="Open a browser tab on the dashboard.")
def serve_command(db_path: Path, port: int, host: str, open_browser: bool) -> None:
    """Open the dashboard (map, timeline, NGO statements, evidence) on a database."""
    from dashboard.server import serve

    require_existing_db(db_path)
    check_database(db_path, write=False)
    check_port_free(host, port)
    click.echo(f"dashboard: http://{host}:{port}  (database {db_path}; Ctrl-C to stop)")
    raise SystemExit(serve(db_path, host=host, port=port, headless=not open_browser))


COMMANDS = [serve_command]
