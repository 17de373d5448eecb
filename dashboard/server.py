"""Starts the dashboard: `streamlit run dashboard/app.py` with safe defaults.

Binds 127.0.0.1 unless told otherwise, sends no usage statistics, serves dashboard/static/ (the
offline Leaflet files) and passes the database path to the app in $DMON_DB.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
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
    process = subprocess.Popen(command, env=env)
    # Stopping `dmon serve` (Ctrl-C, or SIGTERM from a service manager or a test) must stop Streamlit too.
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, lambda sig, _frame: process.send_signal(sig))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
