"""The geocoder finds every place the gold reports (tests/gold) annotate an event at.

A recall gate for the gazetteer and the matching rules: extraction can only report an event at a
place the geocoder found, so a curation change that loses one of these names fails here first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.geocoder import Geocoder

GOLD = sorted((Path(__file__).resolve().parent / "gold").glob("*.jsonl"))
RECORDS = [json.loads(line) for path in GOLD for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not RECORDS, reason="no gold annotations in tests/gold")
@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_every_annotated_place_is_found(geocoder: Geocoder, record: dict) -> None:
    wanted = {e["place_id"] for e in record["events"]}
    found = geocoder.find(record["text"])
    located = {m.place_id for m in found if not m.is_actor}
    assert wanted <= located, f"missed {sorted(wanted - located)}; found {[(m.place_id, m.text) for m in found]}"
