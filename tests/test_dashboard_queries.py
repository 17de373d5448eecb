"""dashboard/queries.py against real DuckDB files: the fact store agrees with the views, data refreshes,
locks are waited out, and unreadable databases say what is wrong."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dashboard_db import HOSTILE_TITLE, LAST_DAY, build_dashboard_db

from dashboard import queries
from dashboard.filters import Filters

REPO = Path(__file__).resolve().parent.parent
VIEWS = REPO / "ingest" / "views.sql"
SCHEMA = REPO / "ingest" / "schema.sql"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = build_dashboard_db(tmp_path_factory.mktemp("dash") / "monitor.duckdb")
    yield path
    queries.forget_stores()


def sql_frame(db: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


FILTERS = [
    pytest.param(Filters(), id="default-reported"),
    pytest.param(Filters(modalities=()), id="all-modalities"),
    pytest.param(Filters(date_from=date(2026, 1, 5), date_to=LAST_DAY), id="date-range"),
    pytest.param(Filters(event_types=("shelling", "displacement")), id="event-types"),
    pytest.param(Filters(modalities=("denied", "warned")), id="denied-warned"),
    pytest.param(Filters(countries=("PS",)), id="country"),
    pytest.param(Filters(admin1_names=("Aleppo",)), id="governorate"),
    pytest.param(Filters(place_ids=("sy-aleppo",)), id="city-with-neighbourhoods"),
    pytest.param(Filters(place_ids=("sy-aleppo-sheikh-maqsoud",)), id="neighbourhood"),
    pytest.param(Filters(sources=("Levant Wire", "Test Wire")), id="sources"),
    pytest.param(Filters(languages=("en",)), id="language"),
    pytest.param(Filters(min_confidence=0.8), id="min-confidence"),
    pytest.param(Filters(date_from=date(2026, 1, 12), date_to=LAST_DAY, event_types=("attack",),
                         modalities=("reported", "warned"), countries=("SY",), min_confidence=0.6), id="combined"),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_place_counts_equal_the_view(db: Path, filters: Filters) -> None:
    where, params = filters.where_sql()
    expected = sql_frame(db, f"SELECT place_id, event_type, modality, count(*) AS mention_count FROM mentions_wide "
                             f"WHERE {where} GROUP BY ALL", params)
    got = queries.place_counts(db, filters)[["place_id", "event_type", "modality", "mention_count"]]
    key = ["place_id", "event_type", "modality"]
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True),
        expected.sort_values(key).reset_index(drop=True), check_dtype=False)
    assert queries.mention_count(db, filters) == int(expected["mention_count"].sum())


@pytest.mark.parametrize("filters", FILTERS[:6])
def test_timeline_equals_weekly_counts(db: Path, filters: Filters) -> None:
    where, params = filters.where_sql()
    expected = sql_frame(db, f"SELECT iso_week, event_type, count(*) AS mention_count FROM mentions_wide WHERE {where} "
                             "GROUP BY ALL ORDER BY iso_week, event_type", params)
    got = queries.timeline(db, filters)
    pd.testing.assert_frame_equal(got[["iso_week", "event_type", "mention_count"]].sort_values(
        ["iso_week", "event_type"]).reset_index(drop=True), expected, check_dtype=False)


def test_weekly_overview_matches_weekly_place_counts(db: Path) -> None:
    expected = sql_frame(db, "SELECT iso_week, sum(mention_count) AS n FROM weekly_place_counts GROUP BY 1 ORDER BY 1")
    got = queries.data_overview(db)
    assert got["iso_week"].tolist() == expected["iso_week"].tolist()
    assert got["mention_count"].tolist() == expected["n"].astype(int).tolist()


def test_evidence_rows_are_the_views_rows_newest_first(db: Path) -> None:
    filters = Filters(modalities=())
    rows = queries.evidence(db, filters, limit=25)
    assert len(rows) == 25
    assert rows["mention_date"].is_monotonic_decreasing
    view = sql_frame(db, f"SELECT {', '.join(queries.EVIDENCE_COLUMNS)} FROM mentions_wide WHERE mention_id IN "
                         "(SELECT unnest(?))", [rows["mention_id"].tolist()]).set_index("mention_id")
    mine = rows.set_index("mention_id").loc[view.index]
    for column in ("evidence", "report_title", "url", "place_name_ar", "iso_week", "trigger_char_start", "source_name"):
        assert mine[column].tolist() == view[column].tolist(), column
    assert (pd.to_datetime(mine["mention_date"]) == pd.to_datetime(view["mention_date"])).all()
    # The second page continues where the first stopped.
    more = queries.evidence(db, filters, limit=25, offset=25)
    assert not set(more["mention_id"]) & set(rows["mention_id"])


def test_latest_evidence_is_the_newest_of_each_place(db: Path) -> None:
    rows = queries.latest_evidence(db, Filters(modalities=()), per_place=2, max_places=500)
    assert rows.groupby("place_id").size().max() <= 2
    hostile = rows[rows["place_id"] == "sy-aleppo-sheikh-maqsoud"]
    assert set(hostile["report_title"]) == {HOSTILE_TITLE}
    newest = sql_frame(db, "SELECT place_id, max(mention_date) AS d FROM mentions_wide GROUP BY 1").set_index("place_id")
    for place_id, group in rows.groupby("place_id"):
        assert pd.Timestamp(group["mention_date"].max()) == pd.Timestamp(newest.at[place_id, "d"])


def test_statements_by_place_and_date(db: Path) -> None:
    week = Filters(date_from=date(2026, 1, 12), date_to=LAST_DAY)
    everything = queries.statements(db, week)
    expected = sql_frame(db, "SELECT count(*) AS n FROM statements_by_week WHERE effective_date BETWEEN ? AND ?",
                         [date(2026, 1, 12), LAST_DAY])["n"].iloc[0]
    assert len(everything) == expected
    aleppo = queries.statements(db, week, ["sy-aleppo"])
    assert "Amnesty International" in set(aleppo["organisation"])
    amnesty = aleppo[aleppo["organisation"] == "Amnesty International"].iloc[0]
    assert amnesty["place_names_ar"] == ["الشيخ مقصود", "حلب"]
    assert queries.statements(db, week, ["ps-gaza-city-n01"])["organisation"].ne("Amnesty International").all()


def test_figures_follow_place_filters(db: Path) -> None:
    rows = queries.figures(db, Filters(place_ids=("sy-aleppo",), date_from=LAST_DAY, date_to=LAST_DAY))
    assert 1200 in set(rows["quantity"])
    assert set(rows["place_id"]) <= {"sy-aleppo", "sy-aleppo-sheikh-maqsoud"} | {
        f"sy-aleppo-n{i:02d}" for i in range(30)}
    none = queries.figures(db, Filters(countries=("LB",), place_ids=("sy-aleppo-sheikh-maqsoud",)))
    assert none.empty


def test_boundaries_carry_mentions_below_them(db: Path) -> None:
    filters = Filters(modalities=())
    shapes = queries.boundaries(db, filters)
    assert shapes["place_id"].tolist() == ["sy-aleppo"]
    below = queries.mention_count(db, Filters(modalities=(), place_ids=("sy-aleppo",)))
    assert int(shapes["mention_count"].iloc[0]) == below > 0
    assert queries.boundaries(db, Filters(countries=("PS",))).empty


def test_choices_list_what_is_in_the_data(db: Path) -> None:
    places = queries.place_choices(db)
    assert {"sy", "sy-gov-aleppo", "sy-aleppo", "sy-aleppo-sheikh-maqsoud"} <= set(places["place_id"])
    assert "Test Wire" in queries.value_choices(db, "source_name")
    assert queries.value_choices(db, "language") == ["ar", "en"]
    with pytest.raises(ValueError):
        queries.value_choices(db, "evidence; DROP TABLE mentions")


def test_new_data_is_seen_without_restart(tmp_path: Path) -> None:
    path = build_dashboard_db(tmp_path / "fresh.duckdb", mentions=300)
    before = queries.mention_count(path, Filters(modalities=()))
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO mentions (mention_id, report_id, place_id, event_type, modality, evidence, char_start, "
                "char_end, confidence) VALUES ('late-1', 'hostile-report', 'sy-idlib', 'siege', 'reported', 'x', 0, 1, 0.9)")
    con.close()
    assert queries.mention_count(path, Filters(modalities=())) == before + 1


@pytest.mark.parametrize(
    ("prepare", "kind", "words"),
    [
        pytest.param(lambda p: None, "missing", "dmon ingest", id="missing-file"),
        pytest.param(lambda p: duckdb.connect(str(p)).execute(SCHEMA.read_text() + VIEWS.read_text()).close(),
                     "empty", "dmon ingest", id="empty-db"),
        pytest.param(lambda p: duckdb.connect(str(p)).execute("CREATE TABLE t (x INT)").close(), "schema",
                     "mentions_wide", id="wrong-schema"),
        pytest.param(lambda p: p.write_bytes(b"not a database at all" * 100), "error", "could not be opened",
                     id="not-duckdb"),
    ],
)
def test_unreadable_database_says_what_to_do(tmp_path: Path, prepare, kind: str, words: str) -> None:
    path = tmp_path / "bad.duckdb"
    prepare(path)
    with pytest.raises(queries.DataUnavailable) as info:
        queries.place_counts(path, Filters())
    assert info.value.kind == kind
    assert words in str(info.value)


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    if len(sys.argv) > 3:
        con.execute(sys.argv[3])
        con.execute("CHECKPOINT")
    con.execute("BEGIN TRANSACTION")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.execute("COMMIT")
    con.close()
    """
)

LATE_MENTION = ("INSERT INTO mentions (mention_id, report_id, place_id, event_type, modality, evidence, char_start, "
                "char_end, confidence) VALUES ('late-2', 'hostile-report', 'sy-idlib', 'siege', 'reported', 'x', 0, 1, 0.9)")


def _hold_write_lock(path: Path, seconds: float, sql: str | None = None) -> subprocess.Popen:
    """Another process opening the database for writing (as dmon ingest does) and keeping it."""
    args = [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)] + ([sql] if sql else [])
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def test_reader_waits_for_a_short_write_lock(tmp_path: Path) -> None:
    path = build_dashboard_db(tmp_path / "locked.duckdb", mentions=200)
    writer = _hold_write_lock(path, 0.6)
    try:
        started = time.monotonic()
        with queries.connect_readonly(path, queries.RetryPolicy(attempts=20, first_delay_s=0.05)) as con:
            assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] > 0
        assert time.monotonic() - started > 0.2  # it really waited for the writer
    finally:
        writer.wait(timeout=10)


def test_busy_database_keeps_the_last_good_data(tmp_path: Path) -> None:
    path = build_dashboard_db(tmp_path / "busy.duckdb", mentions=200)
    before = queries.mention_count(path, Filters(modalities=()))
    writer = _hold_write_lock(path, 6, LATE_MENTION)  # the file changed, and the writer keeps the lock
    try:
        with (pytest.raises(queries.DataUnavailable) as info,
              queries.connect_readonly(path, queries.RetryPolicy(attempts=2, first_delay_s=0.01))):
            pass
        assert info.value.kind == "busy"
        assert "dmon ingest" in info.value.problem
        # The store cannot be rebuilt while the writer holds the lock: the previous one is served.
        assert queries.mention_count(path, Filters(modalities=())) == before
    finally:
        writer.wait(timeout=20)
    assert queries.mention_count(path, Filters(modalities=())) == before + 1


@pytest.mark.parametrize("filters", [FILTERS[0], FILTERS[7], FILTERS[12]])
def test_csv_export_holds_exactly_the_filtered_mentions(db: Path, filters: Filters) -> None:
    where, params = filters.where_sql()
    expected = sql_frame(db, f"SELECT mention_id FROM mentions_wide WHERE {where}", params)
    exported = queries.mentions_export(db, filters)
    assert sorted(exported["mention_id"]) == sorted(expected["mention_id"])
    assert list(exported.columns) == list(queries.EVIDENCE_COLUMNS)
    again = pd.read_csv(io.StringIO(exported.to_csv(index=False)))
    assert len(again) == len(expected)
