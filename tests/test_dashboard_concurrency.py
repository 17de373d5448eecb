"""The dashboard reads while `dmon ingest` writes: a real `dmon ingest` process adds reports batch after
batch to the same file while the dashboard's query functions read it in a loop. Neither may fail, and
the reader must see the new data without a restart."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.filters import Filters

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"


def ingest(inputs: list[Path], db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dmon", "ingest", *map(str, inputs), "--db", str(db), "-q"],
                          cwd=REPO, capture_output=True, text=True, timeout=300, check=False)


def test_dashboard_reads_while_dmon_ingest_writes(tmp_path: Path) -> None:
    html = sorted((SAMPLES / "html").glob("*.html"))
    texts = sorted((SAMPLES / "text").glob("*.txt"))
    if len(html) < 2 or len(texts) < 4:
        pytest.skip("the demo reports in data/samples are missing")
    db = tmp_path / "monitor.duckdb"
    first = ingest(html[:4], db)
    assert first.returncode == 0, first.stderr
    # Later batches: the remaining pages and text copies, twelve files per `dmon ingest` run.
    rest = html[4:] + texts
    batches = []
    for i in range(0, len(rest), 12):
        folder = tmp_path / f"batch{i:02d}"
        folder.mkdir()
        for path in rest[i:i + 12]:
            shutil.copy(path, folder / path.name)
        batches.append(folder)

    results: list[subprocess.CompletedProcess] = []

    def writer() -> None:
        for folder in batches:
            results.append(ingest([folder], db))

    thread = threading.Thread(target=writer)
    everything = Filters(modalities=())
    counts_seen: list[int] = []
    reads = 0
    thread.start()
    try:
        while thread.is_alive() or reads < 3:
            counts_seen.append(queries.mention_count(db, everything))
            queries.place_counts(db, Filters())
            queries.timeline(db, everything)
            queries.evidence(db, everything, limit=20)
            queries.latest_evidence(db, everything)
            queries.statements(db, everything)
            queries.figures(db, everything)
            reads += 1
    finally:
        thread.join(timeout=300)
    assert [r.returncode for r in results] == [0] * len(batches), [r.stderr[-500:] for r in results]
    assert reads >= 3
    con = duckdb.connect(str(db), read_only=True)
    final = con.execute("SELECT count(*) FROM mentions_wide").fetchone()[0]
    con.close()
    print(f"{len(batches)} ingest runs, {reads} dashboard read rounds, mentions {counts_seen[0]} -> {final}")
    assert queries.mention_count(db, everything) == final
    assert counts_seen[0] < final, "the reader saw the new data without a restart"
    assert counts_seen == sorted(counts_seen), "counts never went backwards"
