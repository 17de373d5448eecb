"""Every example in docs/queries.md runs, returns the columns it promises and finds data where it should.

Each ```sql block is preceded by an HTML comment `<!-- test: columns=a,b; nonempty=tiny,synthetic,seed -->`
naming its columns and the test databases whose data must give it rows: `tiny` (tests/reporting_db.py),
`synthetic` (bench/synthetic_db.py) and `seed` (the seed report through the real ingest, when ../shared
is present). The blocks run through `dmon query`'s own engine, so they are also proven read-only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import reporting_db
from conftest import SEED_REPORT

from bench.synthetic_db import build as build_synthetic
from dashboard.sqlquery import check_read_only, connect_readonly, run_query

DOC = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
EXAMPLE_RE = re.compile(r"<!-- test: columns=([^;]+); nonempty=([^ ]*) -->\s*```sql\n(.*?)```", re.S)
DATABASES = ("tiny", "synthetic", "seed")


def examples() -> list:
    text = DOC.read_text(encoding="utf-8")
    found = EXAMPLE_RE.findall(text)
    assert len(found) == text.count("```sql"), "every ```sql block needs a <!-- test: ... --> line before it"
    params = []
    for number, (columns, nonempty, sql) in enumerate(found, start=1):
        heading = re.findall(r"^## (\d+)\. ", text[: text.index(sql)], re.M)[-1]
        assert int(heading) == number
        for db in DATABASES:
            params.append(pytest.param(sql, columns.split(","), db in nonempty.split(","), db,
                                       id=f"example-{number}-{db}"))
    return params


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> dict[str, Path | None]:
    folder = tmp_path_factory.mktemp("docs-queries")
    dbs: dict[str, Path | None] = {"tiny": reporting_db.build_tiny(folder / "tiny.duckdb")}
    build_synthetic(folder / "synthetic.duckdb", mentions=3000, seed=3)
    dbs["synthetic"] = folder / "synthetic.duckdb"
    dbs["seed"] = None
    if SEED_REPORT.is_file():
        from ingest.pipeline import run_ingest

        run_ingest([str(SEED_REPORT)], folder / "seed.duckdb", progress=False)
        dbs["seed"] = folder / "seed.duckdb"
    return dbs


def test_there_are_at_least_ten_examples():
    assert len(EXAMPLE_RE.findall(DOC.read_text(encoding="utf-8"))) >= 10


@pytest.mark.parametrize(("sql", "columns", "must_have_rows", "db"), examples())
def test_example_runs(databases, sql, columns, must_have_rows, db):
    path = databases[db]
    if path is None:
        pytest.skip("../shared/seed is not present")
    result = run_query(path, sql)
    assert list(result.columns) == columns
    if must_have_rows:
        assert result.rows, f"example returned no rows on the {db} database"


def test_python_example_runs(databases):
    text = DOC.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    assert 'DB = "data/monitor.duckdb"' in code
    with connect_readonly(databases["tiny"]) as con:  # the example must be a read, too
        for sql in re.findall(r'"(SELECT .*?)"\n', code.replace('"\n    "', "")):
            check_read_only(con, sql)
    namespace: dict = {"print": lambda *_: None}
    exec(code.replace("data/monitor.duckdb", str(databases["tiny"])), namespace)
    weekly = namespace["weekly"]
    assert list(weekly.columns) == ["iso_week", "event_type", "mentions"]
    assert weekly["mentions"].sum() == 13
