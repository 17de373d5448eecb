"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_REPORT = SHARED / "seed" / "000_535a5bc4cd7e1ae0.txt"


@pytest.fixture
def shared_dir() -> Path:
    """../shared next to the repository; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the repository")
    return SHARED


@pytest.fixture
def seed_report(shared_dir: Path) -> Path:
    if not SEED_REPORT.is_file():
        pytest.skip("the seed report is not in ../shared/seed")
    return SEED_REPORT


@pytest.fixture(scope="module")
def geocoder():
    """The built-in gazetteer's geocoder, built once per test module."""
    from geo.geocoder import Geocoder

    return Geocoder.from_builtin()


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """A path for a real DuckDB file in a temporary folder."""
    return tmp_path / "monitor.duckdb"
