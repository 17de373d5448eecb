"""Benchmark of the geocoder: gazetteer load time and matching throughput.

Prints:
* load time of the built-in gazetteer alone, and of the full gazetteer (built-in plus Who's On First
  Syria, Lebanon and Palestine imported into a temporary DuckDB file from ../shared/geodata, when
  present): reading the imported places from DuckDB, and building the automaton;
* matching throughput with the full gazetteer: characters/second, reports/second and milliseconds
  per report (mean, median, p95) over the demo corpus in data/samples (plain-text copies and JSONL
  feed exports), or over generated reports when the samples are missing.

    python bench/geocode.py                  # WOF from ../shared/geodata when present
    python bench/geocode.py --no-wof         # built-in gazetteer only
    python bench/geocode.py --repeat 20      # more passes over the corpus

Targets (issue 3): load under 1 s; matching under 1 ms per typical report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo import gazetteer_db  # noqa: E402
from geo.geocoder import Geocoder, load_builtin_places  # noqa: E402
from geo.importers import read_features  # noqa: E402
from geo.types import GeoContext  # noqa: E402

SHARED_GEODATA = REPO.parent / "shared" / "geodata"


def corpus() -> tuple[list[str], str]:
    """Report texts from data/samples, or generated ones when the samples are missing."""
    samples = REPO / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted((samples / "text").glob("*.txt"))]
    for path in sorted((samples / "jsonl").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("text"):
                    texts.append(record["text"])
    if texts:
        return texts, f"data/samples ({len(texts)} reports)"
    pieces = ["اشتباكات في حي الشيخ مقصود والأشرفية بحلب ونزوح مئات العائلات.",
              "Airstrikes hit Jabalia camp and Beit Lahia in northern Gaza, residents said.",
              "قصف مدفعي على بلدة الخيام في جنوب لبنان، وفق الوكالة الوطنية للإعلام.",
              "Damascus-backed factions shelled the Ashrafieh neighbourhood of Aleppo overnight."]
    generated = [" ".join(pieces[(i + j) % 4] for j in range(12)) for i in range(200)]
    return generated, "generated reports (data/samples missing)"


def build_wof_db(folder: Path) -> tuple[Path, float]:
    """Import the three WOF zips into a temporary DuckDB file; returns it and the import time."""
    from ingest.store import open_writer

    db = Path(tempfile.mkdtemp(prefix="dmon-bench-")) / "gazetteer.duckdb"
    started = time.perf_counter()
    con = open_writer(db)
    try:
        for cc in ("sy", "lb", "ps"):
            for zip_path in sorted((folder / f"whosonfirst_admin_{cc}").glob("*.zip")):
                known = [*load_builtin_places(), *gazetteer_db.load_imported_places(con)]
                gazetteer_db.import_features(con, read_features(zip_path), known)
    finally:
        con.close()
    return db, time.perf_counter() - started


def timed(func, repeat: int = 3) -> tuple[float, float, float, object]:
    """(first wall time, best wall time, best CPU time) of `repeat` calls, and the last result.

    CPU time (time.process_time) is reported next to wall time because the bench often runs on a
    shared, busy machine where wall time mostly measures the other processes.
    """
    first, best, best_cpu, result = None, float("inf"), float("inf"), None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = func()
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        first = wall if first is None else first
        best, best_cpu = min(best, wall), min(best_cpu, cpu)
    return first, best, best_cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-wof", action="store_true", help="do not import Who's On First")
    parser.add_argument("--repeat", type=int, default=10, help="passes over the corpus (default 10)")
    args = parser.parse_args()

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")
    load_builtin_places.cache_clear()
    first, best, cpu, builtin = timed(lambda: Geocoder.from_builtin(), repeat=3)
    print(f"built-in gazetteer: {len(builtin.places)} places, {builtin.index.size} names; "
          f"load {first * 1000:.0f} ms first, {best * 1000:.0f} ms best (CPU {cpu * 1000:.0f} ms)")

    geocoder = builtin
    if not args.no_wof and SHARED_GEODATA.is_dir():
        import duckdb

        db, import_seconds = build_wof_db(SHARED_GEODATA)
        print(f"imported Who's On First sy+lb+ps into a temporary database in {import_seconds:.1f} s (one-off)")
        con = duckdb.connect(str(db), read_only=True)
        r_first, r_best, r_cpu, imported = timed(lambda: gazetteer_db.load_imported_places(con), repeat=3)
        con.close()
        shutil.rmtree(db.parent, ignore_errors=True)
        b_first, b_best, b_cpu, geocoder = timed(lambda: Geocoder.from_builtin(imported), repeat=3)
        print(f"full gazetteer: {len(geocoder.places)} places, {geocoder.index.size} names; load "
              f"{(r_first + b_first) * 1000:.0f} ms first, {(r_best + b_best) * 1000:.0f} ms best, "
              f"CPU {(r_cpu + b_cpu) * 1000:.0f} ms (read imported places from DuckDB {r_best * 1000:.0f} ms "
              f"+ build the automaton {b_best * 1000:.0f} ms, best wall)")
    else:
        print("Who's On First not imported (--no-wof or ../shared/geodata absent)")

    texts, label = corpus()
    context = GeoContext()
    for text in texts[:5]:  # warm caches
        geocoder.find(text, context)
    per_report: list[float] = []
    fastest = [float("inf")] * len(texts)  # per report, its fastest pass
    matches = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for k, text in enumerate(texts):
            t0 = time.process_time()
            matches += len(geocoder.find(text, context))
            spent = time.process_time() - t0
            per_report.append(spent)
            fastest[k] = min(fastest[k], spent)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    chars = sum(len(t) for t in texts) * args.repeat
    reports = len(texts) * args.repeat
    per_report.sort()
    print(f"matching on {label}, {args.repeat} passes: wall {reports / elapsed:,.0f} reports/s, "
          f"{chars / elapsed:,.0f} chars/s; CPU {reports / elapsed_cpu:,.0f} reports/s, "
          f"{chars / elapsed_cpu:,.0f} chars/s; mean report {chars / reports:,.0f} chars, "
          f"{matches / args.repeat:.0f} matches per pass")
    print(f"CPU ms per report: mean {statistics.mean(per_report) * 1000:.3f}, "
          f"median {statistics.median(per_report) * 1000:.3f}, "
          f"p95 {per_report[int(len(per_report) * 0.95)] * 1000:.3f}, max {per_report[-1] * 1000:.3f}")
    # On a shared machine the CPU time of the same call varies 2x with the other jobs (caches, SMT
    # siblings): each report's fastest pass is the figure that tracks the code rather than the load.
    fastest.sort()
    print(f"CPU ms per report, fastest of the {args.repeat} passes (less sensitive to load): "
          f"mean {statistics.mean(fastest) * 1000:.3f}, median {statistics.median(fastest) * 1000:.3f}, "
          f"p95 {fastest[int(len(fastest) * 0.95)] * 1000:.3f}; load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
