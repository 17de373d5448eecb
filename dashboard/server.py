"""Starts the dashboard: `streamlit run dashboard/app.py` with safe defaults.

Binds 127.0.0.1 unless told otherwise, sends no usage statistics, serves dashboard/static/ (the
offline Leaflet files) and passes the database path to the app in $DMON_DB.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from dashboard import vendor

log = logging.getLogger(__name__)

APP = Path(__file__).resolve().parent / "app.py"


def streamlit_command(db_path: Path, host: str = "127.0.0.1", port: int = 8501, headless: bool = True) -> list[str]:
    """The command line that runs the app (also used by tests)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--server.enableStaticServing", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        "--", "--db", str(db_path),
    ]


def serve(db_path: Path | str, host: str = "127.0.0.1", port: int = 8501, headless: bool = True) -> int:
    """Run the dashboard in the foreground until interrupted; returns Streamlit's exit code."""
    db_path = Path(db_path).resolve()
    if not vendor.installed():
        log.warning("offline map files are missing: the map needs internet. Run `python -m dashboard.vendor install`.")
    env = dict(os.environ, DMON_DB=str(db_path), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    command = streamlit_command(db_path, host, port, headless)
    log.info("starting the dashboard on http://%s:%d for %s", host, port, db_path)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
