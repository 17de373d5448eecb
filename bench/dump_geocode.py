"""Dump every `Geocoder.find` result over the test and demo texts (to check speed-ups change nothing).

Usage:
    .venv/bin/python -m bench.dump_geocode OUT.json [--wof-places FILE.pickle]

Runs `find` over every text in data/samples (text, JSONL, HTML bodies), tests/gold/*.jsonl and
tests/heldout/*.jsonl (titles, texts and boilerplate), the seed report (../shared/seed) and the
generated reports of `bench.ingest`, with the built-in gazetteer and with Who's On First Syria,
Lebanon and Palestine imported (from ../shared/geodata, when present), each with no context and with
the country hints SY and LB. For each match it writes place_id, start, end, the text as written, method,
confidence, precision, is_actor and reason, as JSON with sorted keys. Two dumps made before and after a
performance change must be byte-identical.

The imported places are pickled to `--wof-places` (default: a file in the temporary directory) the
first time, and read back from it afterwards, so the before and after dumps use the very same places
even if the importers change in between (and the slow import runs once).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import tempfile
from pathlib import Path

from geo.geocoder import Geocoder
from geo.types import GeoContext

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_WOF_PLACES = Path(tempfile.gettempdir()) / "dmon-dump-geocode-wof-places.pickle"


def texts() -> list[tuple[str, str]]:
    """(label, text) of every text the dump covers."""
    out: list[tuple[str, str]] = []
    samples = ROOT / "data" / "samples"
    for path in sorted((samples / "text").glob("*.txt")):
        out.append((f"samples/text/{path.name}", path.read_text(encoding="utf-8")))
    jsonl = [*sorted((samples / "jsonl").glob("*.jsonl")), *sorted((ROOT / "tests" / "gold").glob("*.jsonl")),
             *sorted((ROOT / "tests" / "heldout").glob("*.jsonl"))]
    for path in jsonl:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            record = json.loads(line)
            for field in ("title", "text", "boilerplate"):
                value = record.get(field)
                if isinstance(value, str) and value:
                    out.append((f"{path.relative_to(ROOT)}:{n}:{field}", value))
    from ingest.readers import to_report
    from ingest.records import RawDocument

    for path in sorted(samples.rglob("*.htm*")):
        report = to_report(RawDocument(path.as_uri(), "html", path.read_bytes(), {}))
        out.append((f"samples/html/{path.name}", report.body_text or ""))
    seed = SHARED / "seed" / "000_535a5bc4cd7e1ae0.txt"
    if seed.is_file():
        out.append(("seed", seed.read_text(encoding="utf-8")))
    from bench.ingest import generate

    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(Path(tmp), "text", 200, seed=11):
            out.append((f"generated/{path.name}", path.read_text(encoding="utf-8")))
    return out


def wof_places(cache: Path) -> list | None:
    """The Who's On First sy+lb+ps places (imported once, then read from `cache`), or None without geodata."""
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    if not (SHARED / "geodata").is_dir():
        return None
    import shutil

    import duckdb

    from bench.geocode import build_wof_db
    from geo import gazetteer_db

    db, _ = build_wof_db(SHARED / "geodata")
    con = duckdb.connect(str(db), read_only=True)
    try:
        places = gazetteer_db.load_imported_places(con)
    finally:
        con.close()
        shutil.rmtree(db.parent, ignore_errors=True)
    cache.write_bytes(pickle.dumps(places))
    return places


def dump(wof_cache: Path = DEFAULT_WOF_PLACES) -> str:
    """The JSON text of every `find` result over the corpus, for each gazetteer and context."""
    corpus = texts()
    geocoders = {"builtin": Geocoder.from_builtin()}
    imported = wof_places(wof_cache)
    if imported is not None:
        geocoders["wof"] = Geocoder.from_builtin(imported)
    contexts = {"none": None, "SY": GeoContext(country_hint="SY"), "LB": GeoContext(country_hint="LB")}
    out = []
    for gname, geocoder in geocoders.items():
        for cname, context in contexts.items():
            for label, text in corpus:
                matches = [{
                    "place_id": m.place_id, "start": m.start, "end": m.end, "text": m.text, "method": m.method,
                    "confidence": m.confidence, "precision": m.place.geo_precision, "is_actor": m.is_actor,
                    "reason": m.reason,
                } for m in geocoder.find(text, context)]
                out.append({"gazetteer": gname, "context": cname, "label": label,
                            "sha": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], "matches": matches})
    return json.dumps(out, sort_keys=True, ensure_ascii=False, indent=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--wof-places", type=Path, default=DEFAULT_WOF_PLACES,
                        help="pickle of the imported WOF places (written on first use)")
    args = parser.parse_args()
    text = dump(args.wof_places)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
