"""`dmon snapshot --week 2026-W02` on a database holding the seed report (ingested by the real pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_snapshot import has_arabic, pdf_text

from dmon.cli import main

pytestmark = pytest.mark.shared


@pytest.fixture
def seed_db(seed_report, tmp_path) -> Path:
    from ingest.pipeline import run_ingest

    db = tmp_path / "seed.duckdb"
    summary = run_ingest([str(seed_report)], db, progress=False)
    assert summary.reports_new == 1, summary
    return db


def test_seed_snapshot_names_the_neighbourhoods_and_amnesty_in_english_and_arabic(seed_db, tmp_path):
    out = tmp_path / "seed.pdf"
    result = CliRunner().invoke(main, ["snapshot", "--week", "2026-W02", "--db", str(seed_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    for name in ("Sheikh Maqsoud", "Ashrafieh", "Amnesty International"):
        assert name in text, name
    statements = text.split("NGO statements of the week")[1].split("Methods and caveats")[0]
    assert "Amnesty International · 2026-01-06" in statements
    assert has_arabic(statements, "منظمة العفو الدولية")  # the statement's own sentence, in Arabic

    out = tmp_path / "seed-ar.pdf"
    result = CliRunner().invoke(main, ["snapshot", "--week", "2026-W02", "--db", str(seed_db), "--out", str(out),
                                       "--lang", "ar"])
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    for name in ("الشيخ مقصود", "الأشرفية", "بيانات المنظمات هذا الأسبوع"):
        assert has_arabic(text, name), name
