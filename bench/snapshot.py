"""Benchmark: time to make the weekly PDF snapshot of a week holding ~50,000 mentions (target < 15 s).

    .venv/bin/python -m bench.snapshot [--per-week 50000] [--weeks 12] [--runs 3] [--keep DB]

Builds a synthetic database (bench/synthetic_db.py) with about --per-week mentions in each of --weeks
weeks, then times make_snapshot for the last full week in English and Arabic, split into its stages
(read the views, draw the figures and HTML, WeasyPrint), and prints the figures.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.synthetic_db import build
from dashboard.filters import Filters
from dashboard.snapshot import html_to_pdf, load_snapshot_data, make_snapshot, parse_week, render_html
from dashboard.sqlquery import run_query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-week", type=int, default=50_000)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="build the database here and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        build(db, mentions=args.per_week * args.weeks, weeks=args.weeks, seed=7)
        print(f"built {db} with {args.per_week * args.weeks:,} mentions in {time.perf_counter() - started:.1f} s")
        week_label, in_week = run_query(
            db, "SELECT iso_week, count(*) AS n FROM mentions_wide GROUP BY 1 ORDER BY 1 DESC LIMIT 1 OFFSET 1"
        ).rows[0]
        reported = run_query(db, "SELECT count(*) FROM mentions_wide WHERE iso_week = ? "
                                 "AND modality = 'reported'".replace("?", f"'{week_label}'")).rows[0][0]
        print(f"week {week_label}: {in_week:,} mentions ({reported:,} reported, shown by default)")

        for lang in ("en", "ar"):
            totals, stages = [], {"read views": [], "figures + html": [], "weasyprint": []}
            for _ in range(args.runs):
                t0 = time.perf_counter()
                data = load_snapshot_data(db, parse_week(week_label), Filters())
                t1 = time.perf_counter()
                page = render_html(data, lang, db_label=db.name)
                t2 = time.perf_counter()
                pdf = html_to_pdf(page)
                t3 = time.perf_counter()
                stages["read views"].append(t1 - t0)
                stages["figures + html"].append(t2 - t1)
                stages["weasyprint"].append(t3 - t2)
                totals.append(t3 - t0)
            # The public entry point once more, end to end (what `dmon snapshot` runs).
            t0, c0 = time.perf_counter(), time.process_time()
            make_snapshot(db, week_label, Filters(), lang)
            end_to_end, cpu = time.perf_counter() - t0, time.process_time() - c0
            detail = ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in stages.items())
            print(f"[{lang}] snapshot median {statistics.median(totals):.2f} s over {args.runs} runs "
                  f"({detail}); make_snapshot end to end {end_to_end:.2f} s wall, {cpu:.2f} s CPU (all threads); "
                  f"PDF {len(pdf):,} bytes; "
                  f"target < 15 s: {'met' if end_to_end < 15 else 'MISSED'}")
        load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
        print(f"load average during the run: {' '.join(load)} (2-core machine: above 2 means other work "
              "competed for the CPU and wall times are inflated)")


if __name__ == "__main__":
    main()
