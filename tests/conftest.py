"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_REPORT = SHARED / "seed" / "000_535a5bc4cd7e1ae0.txt"


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The suite's own cache folder (ingest/cache.py), inherited by the servers tests start, so a run
    neither reads a developer's cache nor leaves entries in ~/.cache."""
    folder = tmp_path_factory.mktemp("dmon-cache")
    previous = os.environ.get("DMON_CACHE_DIR")
    os.environ["DMON_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("DMON_CACHE_DIR", None)
    else:
        os.environ["DMON_CACHE_DIR"] = previous


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
