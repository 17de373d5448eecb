"""Dump every extraction of the gold and demo reports as sorted JSON (to check speed-ups change nothing).

Usage: .venv/bin/python -m bench.dump_extraction OUT.json [GOLD.jsonl ...]

Runs `extract_report` over the same corpus as `bench.extract` (tests/gold/*.jsonl and data/samples
text/JSONL), the HTML samples, 400 generated reports of `bench.ingest` and one long report made of
them (40,000 characters), and writes mentions, statements and figures of every report as
JSON with sorted keys. Two dumps made before and after a performance change must be byte-identical.
Annotated sets given after OUT.json (for example real reports kept outside the repository) are added to
the corpus: real text reaches rules the generated reports never touch.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from bench.extract import ROOT, corpus
from bench.ingest import generate
from geo.geocoder import Geocoder
from ingest.evaluate import read_gold
from ingest.extract import extract_report
from ingest.readers import to_report
from ingest.records import RawDocument


def dump(extra_gold: list[Path] | None = None) -> str:
    """The JSON text of every extraction of the benchmark corpus (and the HTML samples, and the reports
    of any extra annotated sets)."""
    reports = corpus()
    for gold in extra_gold or []:
        reports.extend(to_report(item.raw_document()) for item in read_gold(gold))
    for path in sorted((ROOT / "data" / "samples").rglob("*.htm*")):
        reports.append(to_report(RawDocument(path.as_uri(), "html", path.read_bytes(), {})))
    with tempfile.TemporaryDirectory() as tmp:
        generated = [to_report(RawDocument(p.as_uri(), "text", p.read_bytes(), {}))
                     for p in generate(Path(tmp), "text", 400, seed=11)]
    reports.extend(generated)
    long_body = "\n\n".join(r.body_text for r in generated if r.language == "ar")[:40000]
    reports.append(dataclasses.replace(generated[0], body_text=long_body, report_id="long"))
    geocoder = Geocoder.from_builtin()
    out = []
    for report in reports:
        ex = extract_report(report, geocoder)
        out.append({
            "report_id": report.report_id,
            "body_sha": hash_text(report.body_text or ""),
            "mentions": sorted((dataclasses.asdict(m) for m in ex.mentions), key=_key),
            "statements": sorted((dataclasses.asdict(s) for s in ex.statements), key=_key),
            "figures": sorted((dataclasses.asdict(f) for f in ex.figures), key=_key),
        })
    out.sort(key=lambda r: (r["report_id"], r["body_sha"]))
    return json.dumps(out, sort_keys=True, ensure_ascii=False, indent=1, default=str)


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _key(obj: dict) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)


def main() -> int:
    if len(sys.argv) < 2 or any(arg.startswith("-") for arg in sys.argv[1:]):
        # Never take an option for the output path: '--help' used to become a 90,000-line file.
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    text = dump([Path(arg) for arg in sys.argv[2:]])
    Path(sys.argv[1]).write_text(text, encoding="utf-8")
    print(f"{sys.argv[1]}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
