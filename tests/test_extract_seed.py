"""Acceptance on the seed report: reader + extraction with the real gazetteer (issue 4, "Done when")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.readers import to_report
from ingest.records import Extraction, RawDocument

pytestmark = pytest.mark.shared

SM, ASH = "sy-aleppo-sheikh-maqsoud", "sy-aleppo-ashrafieh"


@pytest.fixture(scope="module")
def seed(request: pytest.FixtureRequest) -> tuple[str, Extraction]:
    path: Path = request.getfixturevalue("seed_report")
    raw = RawDocument(origin=path.resolve().as_uri(), kind="text", payload=path.read_bytes(), meta={})
    report = to_report(raw)
    return report.body_text, extract_report(report, Geocoder.from_builtin())


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_535a5bc4cd7e1ae0.txt"


@pytest.fixture(scope="module")
def seed_report() -> Path:  # module-scoped (conftest's is per test): extraction runs once for the module
    if not SEED.is_file():
        pytest.skip("the seed report is not in ../shared/seed")
    return SEED


@pytest.mark.parametrize("place", [SM, ASH])
def test_neighbourhoods_carry_violence_and_displacement_reported(seed, place: str) -> None:
    _, ex = seed
    types = {m.event_type for m in ex.mentions if m.place_id == place and m.modality == "reported"}
    assert {"shelling", "drone_strike", "displacement"} <= types, f"{place}: {types}"
    assert types & {"armed_clash", "attack"}, f"{place}: {types}"


def test_ceasefire_denied_and_attack_warned(seed) -> None:
    _, ex = seed
    pairs = {(m.event_type, m.modality) for m in ex.mentions}
    assert ("ceasefire", "denied") in pairs
    assert ("attack", "warned") in pairs
    assert ("ceasefire", "reported") not in pairs


def test_amnesty_statement(seed) -> None:
    _, ex = seed
    amnesty = [s for s in ex.statements if s.organisation == "Amnesty International"]
    assert len(amnesty) == 1
    st = amnesty[0]
    assert st.statement_date in (date(2026, 1, 6), date(2026, 1, 7))
    assert st.date_note and "Tuesday" in st.date_note
    assert "displacement" in st.event_types and "aid_access" in st.event_types
    assert "ممر" in st.evidence or "مرور" in st.evidence  # safe passage is part of what it said
    assert "المساعدات" in st.evidence


def test_nothing_from_the_comments_and_no_event_in_damascus(seed) -> None:
    body, ex = seed
    assert "التعليقات" not in body  # the reader cut the page before the comments
    assert all(m.place_id != "sy-damascus" for m in ex.mentions)
    assert not {m.place_id for m in ex.mentions} & {"iq", "jo", "de", "ps-gaza-city"}
    for m in ex.mentions:
        assert body[m.char_start:m.char_end] == m.evidence
