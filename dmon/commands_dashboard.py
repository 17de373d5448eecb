"""`dmon serve`: the dashboard."""

from __future__ import annotations

from pathlib import Path

import click

from dmon.options import db_option, require_existing_db


@click.command("serve")
@db_option
@click.option("--port", type=int, default=8501, show_default=True, help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 exposes the dashboard to the network (no login!).")
@click.option("--open/--no-open", "open_browser", default=False, help="Open a browser tab.")
def serve_command(db_path: Path, port: int, host: str, open_browser: bool) -> None:
    """Open the dashboard (map, timeline, NGO statements, evidence) on a database."""
    from dashboard.server import serve

    require_existing_db(db_path)
    click.echo(f"dashboard: http://{host}:{port}  (database {db_path}; Ctrl-C to stop)")
    raise SystemExit(serve(db_path, host=host, port=port, headless=not open_browser))


COMMANDS = [serve_command]
