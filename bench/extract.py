"""Extraction throughput: reports/second for extraction alone and with the geocoder.

Usage: .venv/bin/python -m bench.extract [--repeat N]   (as a module: bench/ingest.py would shadow the package)

Runs on the annotated reports in tests/gold/*.jsonl and the demo samples in data/samples (text and
JSONL), through `readers.to_report` once, then times `extract_report` over them N times. Prints figures;
asserts nothing (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from geo.geocoder import Geocoder
from geo.types import GeoContext
from ingest.evaluate import read_gold
from ingest.extract import extract_report
from ingest.extract.document import analyse
from ingest.extract.lexicon import default_lexicon
from ingest.readers import to_report
from ingest.records import RawDocument, Report

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[Report]:
    reports = [to_report(item.raw_document()) for p in sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
               for item in read_gold(p)]
    for path in sorted((ROOT / "data" / "samples").rglob("*")):
        if path.suffix == ".txt":
            reports.append(to_report(RawDocument(path.as_uri(), "text", path.read_bytes(), {})))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    obj = json.loads(line)
                    if obj.get("text"):
                        meta = {k: obj[k] for k in ("title", "published", "source", "language") if obj.get(k)}
                        reports.append(to_report(RawDocument(path.as_uri(), "text", obj["text"], meta)))
    return [r for r in reports if r.body_text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    geocoder = Geocoder.from_builtin()
    lex = default_lexicon()
    load = time.perf_counter() - t0
    reports = corpus()
    chars = statistics.mean(len(r.body_text) for r in reports)
    places = [geocoder.find(r.body_text, GeoContext(language=r.language)) for r in reports]
    for r in reports:  # warm the caches
        extract_report(r, geocoder)

    def timed(fn) -> float:
        # CPU time of this process (the box is shared: wall time mostly measures the neighbours).
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
        return best

    full = timed(lambda: [extract_report(r, geocoder) for r in reports])
    geo = timed(lambda: [geocoder.find(r.body_text, GeoContext(language=r.language)) for r in reports])
    ours = timed(lambda: [analyse(r.body_text, p, r.published_date, lex) for r, p in zip(reports, places, strict=True)])
    n = len(reports)
    print(f"corpus: {n} reports, mean {chars:.0f} characters; gazetteer + lexicon load {load:.2f} s")
    print(f"extract_report (geocoder included): {n / full:8.0f} reports/s  {1000 * full / n:6.2f} ms/report")
    print(f"  geocoder.find alone:              {n / geo:8.0f} reports/s  {1000 * geo / n:6.2f} ms/report")
    print(f"  extraction without geocoding:     {n / max(full - geo, 1e-9):8.0f} reports/s  "
          f"{1000 * (full - geo) / n:6.2f} ms/report")
    print(f"  of which document analysis:       {1000 * ours / n:6.2f} ms/report")
    print(f"(CPU time, best of {args.repeat} runs, one core; machine: {sys.platform}, shared 2-core box)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
