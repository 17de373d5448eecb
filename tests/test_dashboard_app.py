"""The dashboard through Streamlit's AppTest: every page, every sidebar filter and the language switch,
checked against SQL counts on the same database under the same filter."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from dashboard_db import LAST_DAY, STATEMENT_AR, build_dashboard_db
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TIMEOUT = 90


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_dashboard_db(tmp_path_factory.mktemp("app") / "monitor.duckdb")


def open_app(db_path: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("DMON_DB", str(db_path))
    monkeypatch.setenv("DMON_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def sql_count(db_path: Path, filters: Filters) -> int:
    where, params = filters.where_sql()
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM mentions_wide WHERE {where}", params).fetchone()[0]
    finally:
        con.close()


def default_filters(db_path: Path) -> Filters:
    """What the app should open on: the latest four ISO weeks with data, reported only."""
    con = duckdb.connect(str(db_path), read_only=True)
    weeks = [r[0] for r in con.execute("SELECT DISTINCT week_start FROM mentions_wide ORDER BY 1").fetchall()]
    con.close()
    return Filters(date_from=weeks[-4], date_to=weeks[-1] + timedelta(days=6))


def evidence_total(at: AppTest) -> int:
    captions = [c.value for c in at.caption if re.search(r"Showing \d+ of \d+", c.value)]
    assert captions, [c.value for c in at.caption]
    return int(re.search(r"of (\d+)", captions[0]).group(1))


def map_total(at: AppTest) -> int:
    captions = [c.value for c in at.caption if "mentions at" in c.value]
    assert captions, [c.value for c in at.caption]
    return int(captions[0].split()[0])


def test_map_page_opens_on_the_latest_weeks_with_data(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch)
    expected = default_filters(db)
    assert tuple(at.date_input(key="date_range").value) == (expected.date_from, expected.date_to)
    assert expected.date_to == LAST_DAY  # the data's last week, not today's date
    assert map_total(at) == sql_count(db, expected)
    html = "\n".join(m.value for m in at.markdown)
    assert "dmon-legend" in html
    # The statements panel: Amnesty's Arabic sentence, right to left, with its places and a link.
    statement = next(m.value for m in at.markdown if "Amnesty International" in m.value)
    assert f"<div dir='rtl' lang='ar' style='margin:4px 0'>{STATEMENT_AR}</div>" in statement
    assert "Sheikh Maqsoud, Aleppo" in statement and 'href="https://example.org/amnesty"' in statement
    charts = [e for e in at.main if getattr(e, "key", None) == "timeline_chart"]
    assert charts, "the timeline is drawn"


FILTER_CASES = [
    pytest.param("multiselect", "event_types", ["shelling", "displacement"],
                 lambda f: replace(f, event_types=("shelling", "displacement")), id="event-types"),
    pytest.param("multiselect", "modalities", ["denied", "warned"],
                 lambda f: replace(f, modalities=("denied", "warned")), id="modality"),
    pytest.param("multiselect", "countries", ["PS"], lambda f: replace(f, countries=("PS",)), id="country"),
    pytest.param("multiselect", "governorates", ["Aleppo"], lambda f: replace(f, admin1_names=("Aleppo",)),
                 id="governorate"),
    pytest.param("multiselect", "cities", ["sy-aleppo"], lambda f: replace(f, place_ids=("sy-aleppo",)), id="city"),
    pytest.param("multiselect", "neighbourhoods", ["sy-aleppo-sheikh-maqsoud"],
                 lambda f: replace(f, place_ids=("sy-aleppo-sheikh-maqsoud",)), id="neighbourhood"),
    pytest.param("multiselect", "sources", ["Test Wire", "Levant Wire"],
                 lambda f: replace(f, sources=("Test Wire", "Levant Wire")), id="source"),
    pytest.param("multiselect", "report_languages", ["en"], lambda f: replace(f, languages=("en",)), id="language"),
    pytest.param("slider", "min_confidence", 0.8, lambda f: replace(f, min_confidence=0.8), id="min-confidence"),
    pytest.param("date_input", "date_range", (date(2026, 1, 1), date(2026, 1, 10)),
                 lambda f: replace(f, date_from=date(2026, 1, 1), date_to=date(2026, 1, 10)), id="date-range"),
]


@pytest.mark.parametrize(("widget", "key", "value", "expect"), FILTER_CASES)
def test_each_filter_changes_map_and_evidence_like_sql(db: Path, monkeypatch, widget, key, value, expect) -> None:
    at = open_app(db, monkeypatch)
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    expected = sql_count(db, expect(default_filters(db)))
    assert expected != sql_count(db, default_filters(db)), "the case must actually filter something"
    assert map_total(at) == expected
    at.switch_page("app_pages/evidence.py").run()
    assert not at.exception, at.exception
    assert evidence_total(at) == expected


def test_week_by_week_slider(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch)
    at.radio(key="period_mode").set_value("week").run()
    slider = at.select_slider(key="week")
    assert slider.value == "2026-W03"  # the latest week with data
    assert "2025-W52" in slider.options
    slider.set_value("2026-W01").run()
    week = Filters(date_from=date(2025, 12, 29), date_to=date(2026, 1, 4))
    assert map_total(at) == sql_count(db, week)


def test_selecting_a_place_draws_its_timeline_and_narrows_the_evidence(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch)
    at.multiselect(key="modalities").set_value(["reported", "denied", "warned", "called_for"]).run()
    at.selectbox(key="selected_place").set_value("sy-aleppo-sheikh-maqsoud").run()
    assert not at.exception, at.exception
    assert [e for e in at.main if getattr(e, "key", None) == "place_timeline_chart"]
    at.switch_page("app_pages/evidence.py").run()
    filters = replace(default_filters(db), modalities=(), place_ids=("sy-aleppo-sheikh-maqsoud",))
    assert evidence_total(at) == sql_count(db, filters) == 4


def test_evidence_page_escapes_report_text_and_highlights_place_and_trigger(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch, "app_pages/evidence.py")
    table = next(m.value for m in at.markdown if "dmon-evidence" in m.value)
    assert "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "<img" not in table and "<script" not in table
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in table
    assert "<mark class='dmon-place'>Sheikh Maqsoud</mark>" in table
    assert "<mark class='dmon-trigger'>shelling</mark>" in table
    rows = table.count("class='dmon-evidence-row'")
    total = sql_count(db, default_filters(db))
    assert rows == min(50, total)
    assert at.get("download_button"), "the CSV download is offered"


def test_figures_page_shows_sources_side_by_side(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch, "app_pages/figures.py")
    assert not at.exception
    side_by_side = at.dataframe[0].value
    assert "Test Wire" in side_by_side.columns
    row = side_by_side[side_by_side["Place"].str.startswith("Sheikh Maqsoud")]
    assert row["Test Wire"].iloc[0] == "1,200"
    assert "None" not in side_by_side.to_string() and "nan" not in side_by_side.to_string()
    # Displacement figures come first: they are what the page is for.
    assert side_by_side["Category"].iloc[0] == "displaced"
    con = duckdb.connect(str(db), read_only=True)
    expected = con.execute("SELECT count(*) FROM figures_wide WHERE effective_date BETWEEN ? AND ?",
                           [default_filters(db).date_from, LAST_DAY]).fetchone()[0]
    con.close()
    assert len(at.dataframe[1].value) == expected


def test_arabic_switch_translates_and_lays_out_right_to_left_keeping_filters(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch)
    at.multiselect(key="event_types").set_value(["shelling"]).run()
    english_total = map_total(at)
    at.radio(key="lang").set_value("ar").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "مرصد النزوح"
    assert any("direction: rtl" in m.value for m in at.markdown)
    caption = next(c.value for c in at.caption if "إشارة" in c.value)
    assert int(caption.split()[0]) == english_total  # same filters, other language
    assert "\u2066" in caption and "\u2069" in caption  # ISO dates isolated: Arabic text cannot reverse them
    assert at.multiselect(key="event_types").value == ["shelling"]
    assert any(s.value == "ماذا قالت المنظمات" for s in at.subheader)
    at.switch_page("app_pages/evidence.py").run()
    assert any(s.value == "الإشارات وراء الخريطة" for s in at.subheader)
    at.switch_page("app_pages/figures.py").run()
    figures = at.dataframe[0].value
    assert {"الموقع", "الفئة", "الوحدة"} <= set(figures.columns)
    assert figures["الفئة"].iloc[0] == "نازحون"
    at.radio(key="lang").set_value("en").run()
    assert not any("direction: rtl" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("prepare", "words"),
    [
        pytest.param(lambda p: None, "does not exist", id="missing"),
        pytest.param(lambda p: duckdb.connect(str(p)).execute(
            (Path(APP).parent.parent / "ingest" / "schema.sql").read_text()
            + (Path(APP).parent.parent / "ingest" / "views.sql").read_text()).close(), "holds no mentions", id="empty"),
        pytest.param(lambda p: duckdb.connect(str(p)).execute("CREATE TABLE t (x INT)").close(), "lacks", id="schema"),
    ],
)
def test_pages_that_cannot_load_data_say_what_to_do(tmp_path: Path, monkeypatch, prepare, words: str) -> None:
    path = tmp_path / "bad.duckdb"
    prepare(path)
    for page in (None, "app_pages/evidence.py", "app_pages/figures.py"):
        at = open_app(path, monkeypatch, page)
        assert not at.exception
        message = at.error[0].value
        assert words in message and "dmon ingest" in message


def test_snapshot_button_makes_the_pdf_of_the_current_week(db: Path, monkeypatch) -> None:
    at = open_app(db, monkeypatch)
    button = at.button(key="snapshot_make")
    assert "2026-W03" in button.label
    pytest.importorskip("dashboard.snapshot", reason="the reporting engineer's snapshot module is not installed")
    assert not button.disabled
    button.click().run()
    assert not at.exception, at.exception
    assert not at.sidebar.error, [e.value for e in at.sidebar.error]
    week, lang, pdf = at.session_state["snapshot_pdf"]
    assert (week, lang) == ("2026-W03", "en")
    assert pdf.startswith(b"%PDF")
    assert at.get("download_button")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The bundled demo reports (data/samples) through the real ingest pipeline."""
    samples = Path(APP).parent.parent / "data" / "samples"
    if not samples.is_dir():
        pytest.skip("data/samples is missing")
    from ingest.pipeline import run_ingest

    path = tmp_path_factory.mktemp("demo") / "monitor.duckdb"
    run_ingest([str(samples)], path, progress=False)
    return path


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_reports_on_every_page(demo_db: Path, monkeypatch, lang: str) -> None:
    at = open_app(demo_db, monkeypatch)
    at.radio(key="lang").set_value(lang).run()
    at.multiselect(key="modalities").set_value(["reported", "denied", "warned", "called_for"]).run()
    filters = replace(default_filters(demo_db), modalities=())
    total = sql_count(demo_db, filters)
    assert total > 0
    caption = next(c.value for c in at.caption if re.match(r"\d+ ", c.value))
    assert int(caption.split()[0]) == total
    assert any("dmon-statement" in m.value for m in at.markdown), "the demo has NGO statements"
    for page in ("app_pages/evidence.py", "app_pages/figures.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
    at.switch_page("app_pages/evidence.py").run()
    counts = [re.findall(r"\d+", c.value) for c in at.caption]
    assert [str(min(50, total)), str(total)] in counts  # "Showing 50 of N" in either language
