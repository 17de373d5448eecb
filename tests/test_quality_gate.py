"""Quality gate: extraction scores on tests/gold/*.jsonl must not drop below tests/quality_floors.json.

The held-out reports in tests/heldout/ (written without sight of the rules) have floors of their own,
under "heldout" in the same file.

The floors are what the rules reached when they were pinned, rounded down a little. Only an explicit,
reviewed change to quality_floors.json lowers them; raise them when the rules get better.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.evaluate import EvalResult, evaluate_files

HERE = Path(__file__).parent
GOLD = sorted((HERE / "gold").glob("*.jsonl"))
FLOORS = json.loads((HERE / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> EvalResult:
    if not GOLD:
        pytest.skip("no gold files in tests/gold")
    return evaluate_files(GOLD)


def _cases() -> list:
    cases = []
    for group, metrics in FLOORS["minimum"].items():
        for metric, floor in metrics.items():
            cases.append(pytest.param(group, metric, floor, id=f"{group}-{metric}"))
    return cases


@pytest.mark.parametrize(("group", "metric", "floor"), _cases())
def test_score_is_not_below_its_floor(result: EvalResult, group: str, metric: str, floor: float) -> None:
    counts = result.overall if group == "overall" else result.by_language[group]
    value = counts.scores()[metric]
    assert value is not None, f"{group} {metric}: nothing to score"
    assert value >= floor, (
        f"{group} {metric} = {value:.4f} fell below its floor {floor} (tests/quality_floors.json). "
        "Run `dmon evaluate tests/gold -V` to see which reports regressed."
    )


@pytest.mark.parametrize(("metric", "ceiling"), [pytest.param(m, c, id=m) for m, c in FLOORS["maximum"].items()])
def test_count_is_not_above_its_ceiling(result: EvalResult, metric: str, ceiling: int) -> None:
    assert result.overall.scores()[metric] <= ceiling


def test_every_gold_report_was_scored(result: EvalResult) -> None:
    n = sum(1 for p in GOLD for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    assert result.overall.reports == n


HELDOUT = sorted((HERE / "heldout").glob("*.jsonl"))


@pytest.fixture(scope="module")
def heldout_result() -> EvalResult:
    if not HELDOUT:
        pytest.skip("no held-out files in tests/heldout")
    return evaluate_files(HELDOUT)


@pytest.mark.parametrize(
    ("metric", "floor"),
    [pytest.param(m, f, id=f"heldout-{m}") for m, f in FLOORS["heldout"]["minimum"]["overall"].items()],
)
def test_heldout_score_is_not_below_its_floor(heldout_result: EvalResult, metric: str, floor: float) -> None:
    value = heldout_result.overall.scores()[metric]
    assert value is not None, f"held-out {metric}: nothing to score"
    assert value >= floor, (
        f"held-out {metric} = {value:.4f} fell below its floor {floor} (tests/quality_floors.json). "
        "Run `dmon evaluate tests/heldout -V` to see which reports regressed."
    )


def test_heldout_takes_nothing_from_boilerplate(heldout_result: EvalResult) -> None:
    assert heldout_result.overall.scores()["boilerplate_places"] <= FLOORS["heldout"]["maximum"]["boilerplate_places"]
