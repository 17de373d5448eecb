"""Times every query the dashboard runs for one interaction, on synthetic databases of 1M and 5M mentions.

    .venv/bin/python bench/dashboard.py                 # 1M and 5M mentions (databases kept in bench/out/)
    .venv/bin/python bench/dashboard.py --sizes 200000  # quicker

Interactions (what a rerun of the map page asks dashboard/queries.py for):
- filter change: event types narrowed  -> place_counts, latest_evidence, boundaries, statements, timeline
- week change: the week slider moves     -> the same five queries for one ISO week
- place selection: a place is clicked    -> place_timeline
- the Evidence page of that place         -> mention_count, evidence (first 50 rows)
The first read after the database file changed also builds the in-memory fact store; that is timed
separately ("fact store build"). Times are wall-clock milliseconds, median of 3 runs after one warm-up
(the warm-up is printed as "first"). The map drawing (folium) is timed too, as it is part of a rerun.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.synthetic_db import build  # noqa: E402
from dashboard import mapview, queries  # noqa: E402
from dashboard.filters import Filters  # noqa: E402

OUT = REPO / "bench" / "out"
LAST_DAY = date(2026, 1, 18)
TARGET_MS = 300.0


def ensure_db(mentions: int) -> Path:
    """The synthetic database with `mentions` mentions, built once and kept in bench/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"dashboard-{mentions}.duckdb"
    if path.exists():
        con = duckdb.connect(str(path), read_only=True)
        try:
            if con.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions:
                return path
        finally:
            con.close()
    started = time.perf_counter()
    build(path, mentions=mentions, seed=1, weeks=12, last_day=LAST_DAY)
    print(f"  built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def timed(function: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """(first call, median of the next `runs`) in milliseconds."""
    started = time.perf_counter()
    function()
    first = (time.perf_counter() - started) * 1000
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(samples)


def map_queries(db: Path, filters: Filters) -> dict[str, Callable[[], object]]:
    return {
        "place_counts": lambda: queries.place_counts(db, filters),
        "latest_evidence": lambda: queries.latest_evidence(db, filters),
        "boundaries": lambda: queries.boundaries(db, filters),
        "statements": lambda: queries.statements(db, filters),
        "timeline": lambda: queries.timeline(db, filters),
    }


def run(mentions: int) -> list[tuple[str, float]]:
    print(f"\n== {mentions:,} mentions ==")
    db = ensure_db(mentions)
    queries.forget_stores()
    started = time.perf_counter()
    store = queries.fact_store(db)
    print(f"  fact store build (first read after a change): {(time.perf_counter() - started) * 1000:8.0f} ms"
          f"  ({store.mention_count:,} mentions)")
    first_week = LAST_DAY - timedelta(days=27)
    opening = Filters(date_from=first_week, date_to=LAST_DAY)
    interactions = {
        "filter change (event types)": map_queries(db, replace(opening, event_types=("shelling", "displacement"))),
        "week change (one ISO week)": map_queries(
            db, replace(opening, date_from=LAST_DAY - timedelta(days=13), date_to=LAST_DAY - timedelta(days=7))),
        "place selection": {
            "place_timeline": lambda: queries.place_timeline(db, opening, "sy-aleppo"),
        },
        "evidence page of the selected place": {
            "mention_count": lambda: queries.mention_count(db, replace(opening, place_ids=("sy-aleppo",))),
            "evidence (first 50 rows)": lambda: queries.evidence(db, replace(opening, place_ids=("sy-aleppo",)),
                                                                 limit=50),
        },
    }
    totals = []
    for name, steps in interactions.items():
        print(f"  {name}")
        total = 0.0
        for step, function in steps.items():
            first, median = timed(function)
            total += median
            print(f"    {step:<36} first {first:7.0f} ms   median {median:7.0f} ms")
        verdict = "ok" if total < TARGET_MS else "OVER TARGET"
        print(f"    {'total (medians)':<36} {'':>16}   {total:7.0f} ms   [{verdict}, target {TARGET_MS:.0f} ms]")
        totals.append((name, total))
    counts = queries.place_counts(db, opening)
    latest = queries.latest_evidence(db, opening)
    shapes = queries.boundaries(db, opening)
    first, median = timed(lambda: mapview.build_map(counts, latest, shapes, options=mapview.MapOptions(tiles=None))
                          .get_root().render())
    print(f"  map drawing (folium build + render, {counts['place_id'].nunique()} places): median {median:.0f} ms")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 5_000_000])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work inflates the times), "
          f"duckdb {duckdb.__version__}, python {sys.version.split()[0]}")
    for size in args.sizes:
        run(size)


if __name__ == "__main__":
    main()
