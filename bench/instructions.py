"""Instructions per report of extraction, counted by valgrind: a speed figure the machine's load cannot move.

Usage: .venv/bin/python -m bench.instructions [--reports N]   (needs valgrind: apt-get install valgrind)

CPU time on a shared 2-core box varies by 30-45% between runs of the same code, so small speed-ups
cannot be told apart by timing. This runs `extract_report` over N generated reports (the corpus of
`bench.ingest`) under callgrind twice, once with one timed pass and once without, after the same
warm-up pass; the difference of the two instruction totals, divided by N, is the cost of one pass. It
takes about 2 minutes of CPU for the default 150 reports. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_passes(passes: int, count: int) -> None:
    """The measured program: build the corpus, warm the caches with one pass, then `passes` more."""
    from bench.ingest import generate
    from geo.geocoder import Geocoder
    from ingest.extract import extract_report
    from ingest.readers import to_report
    from ingest.records import RawDocument

    with tempfile.TemporaryDirectory() as tmp:
        reports = [to_report(RawDocument(p.as_uri(), "text", p.read_bytes(), {}))
                   for p in generate(Path(tmp), "text", count, seed=3)]
    geocoder = Geocoder.from_builtin()
    for _ in range(1 + passes):
        for report in reports:
            extract_report(report, geocoder)


def instructions(passes: int, count: int, valgrind: str) -> int:
    """Total instructions callgrind counts for `run_passes(passes, count)` in a fresh process."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "bench.instructions",
         "--child", str(passes), "--reports", str(count)],
        cwd=REPO, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=150, help="generated reports per pass (default 150)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        run_passes(args.child, args.reports)
        return 0
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (Debian: apt-get install valgrind); nothing measured.", file=sys.stderr)
        return 2
    without = instructions(0, args.reports, valgrind)
    with_pass = instructions(1, args.reports, valgrind)
    per_report = (with_pass - without) / args.reports
    print(f"extract_report: {per_report:,.0f} instructions per report "
          f"({args.reports} generated reports; callgrind, PYTHONHASHSEED=0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
