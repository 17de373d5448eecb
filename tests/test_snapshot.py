"""The weekly PDF snapshot, read back: text with pdfplumber, pages rendered with pdftoppm."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import duckdb
import pdfplumber
import pypdf
import pytest
import reporting_db
from click.testing import CliRunner
from PIL import Image

from dashboard.filters import Filters
from dashboard.snapshot import (
    IsoWeek,
    NoDataError,
    SnapshotError,
    latest_week,
    load_snapshot_data,
    make_snapshot,
    parse_week,
    render_html,
    text_direction,
)
from dmon.cli import main

EVENT_LABELS_EN = {"shelling": "Shelling", "displacement": "Displacement", "drone_strike": "Drone strike",
                   "airstrike": "Airstrike"}


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def has_arabic(text: str, phrase: str) -> bool:
    """Is the Arabic `phrase` in text extracted from a PDF?

    pdfplumber returns right-to-left runs in visual order (letters reversed), so the phrase is looked
    for in both orders after Unicode normalisation (NFKC folds any presentation forms back to letters).
    """
    text = unicodedata.normalize("NFKC", text)
    phrase = unicodedata.normalize("NFKC", phrase)
    return phrase in text or phrase[::-1] in text


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    return reporting_db.build_tiny(tmp_path_factory.mktemp("snapshot") / "tiny.duckdb")


@pytest.fixture(scope="module")
def pdf_en(tiny_db) -> bytes:
    return make_snapshot(tiny_db, reporting_db.WEEK, Filters(), "en")


@pytest.fixture(scope="module")
def pdf_ar(tiny_db) -> bytes:
    return make_snapshot(tiny_db, reporting_db.WEEK, Filters(), "ar")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-W02", IsoWeek(2026, 2), id="canonical"),
        pytest.param("2026w2", IsoWeek(2026, 2), id="short-lowercase"),
        pytest.param(" 2026-W53 ", IsoWeek(2026, 53), id="week-53-exists-in-2026"),
        pytest.param("2025-W01", IsoWeek(2025, 1), id="first-week"),
    ],
)
def test_parse_week_accepts_iso_weeks(text, expected):
    assert parse_week(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("2026-02", "YEAR-Www", id="month-not-week"),
        pytest.param("W02", "YEAR-Www", id="no-year"),
        pytest.param("", "YEAR-Www", id="empty"),
        pytest.param("2026-W00", "does not exist", id="week-zero"),
        pytest.param("2025-W53", "weeks 1 to 52", id="no-week-53-in-2025"),
    ],
)
def test_parse_week_rejects_with_an_example(text, message):
    with pytest.raises(SnapshotError, match=message):
        parse_week(text)


def test_iso_week_bounds():
    week = IsoWeek(2026, 2)
    assert (week.start.isoformat(), week.end.isoformat()) == ("2026-01-05", "2026-01-11")
    assert week.shifted(-2).label == "2025-W52"


@pytest.mark.parametrize(
    ("text", "direction"),
    [pytest.param("الشيخ مقصود", "rtl", id="arabic"), pytest.param("Sheikh Maqsoud", "ltr", id="latin"),
     pytest.param("2026-01-05", "ltr", id="digits"), pytest.param("حي 10 في Aleppo", "rtl", id="mixed")],
)
def test_text_direction(text, direction):
    assert text_direction(text) == direction


def test_english_pdf_has_every_section(pdf_en):
    assert pdf_en.startswith(b"%PDF")
    text = pdf_text(pdf_en)
    for heading in ("Weekly snapshot", "2026-W02", "2026-01-05 to 2026-01-11", "Filters", "Headline figures",
                    "Mentions by event type", "Places newly affected", "Figures reported: displaced, returned, killed, injured",
                    "Map of the week", "Timeline", "Top places", "NGO statements of the week",
                    "Methods and caveats", "not verified incidents", "Sources of this week's mentions"):
        assert heading in text, heading


def weekly_counts_from_views(db: Path, week: str, previous: str) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT event_type, sum(mention_count) FILTER (WHERE iso_week = ?), "
            "sum(mention_count) FILTER (WHERE iso_week = ?) FROM weekly_place_counts "
            "WHERE modality = 'reported' AND iso_week IN (?, ?) GROUP BY event_type",
            [week, previous, week, previous],
        ).fetchall()
    finally:
        con.close()
    return {t: (int(a or 0), int(b or 0)) for t, a, b in rows}


def test_headline_figures_equal_the_views(tiny_db, pdf_en):
    counts = weekly_counts_from_views(tiny_db, "2026-W02", "2026-W01")
    assert counts == {**reporting_db.EXPECTED_W02, "airstrike": (0, 2)}
    text = pdf_text(pdf_en)
    for event_type, (this_week, previous) in counts.items():
        assert re.search(rf"^{EVENT_LABELS_EN[event_type]} {this_week} {previous}\b", text, re.M), event_type
    total, previous_total = (sum(v[i] for v in counts.values()) for i in (0, 1))
    assert re.search(rf"^All types {total} {previous_total} \+5 \(\+125%\)", text, re.M)
    assert "Ceasefire" not in text.split("Places newly affected")[0]  # the denied ceasefire is left out


def test_newly_affected_places_and_figures(pdf_en, tiny_db):
    con = duckdb.connect(str(tiny_db), read_only=True)
    try:
        from_view = con.execute("SELECT place_name_en FROM places_first_seen WHERE first_iso_week = '2026-W02'"
                                ).fetchall()
    finally:
        con.close()
    assert from_view == [("Ashrafieh",)]
    text = pdf_text(pdf_en)
    newly = text.split("Places newly affected (1)")[1].split("Figures reported: displaced, returned, killed, injured")[0]
    assert "Ashrafieh (3)" in newly and "Sheikh Maqsoud" not in newly
    assert "Sheikh Maqsoud 1,200 families displaced Example Arabic News 2026-01-07" in text


def test_top_places_show_week_over_week_change(pdf_en):
    text = pdf_text(pdf_en)
    assert re.search(r"Sheikh Maqsoud Aleppo 6 2 \+4 \(\+200%\)", text)
    assert re.search(r"Ashrafieh Aleppo 3 0 new", text)


def test_statements_are_quoted_and_report_text_is_escaped(pdf_en, tiny_db):
    text = pdf_text(pdf_en)
    assert "Amnesty International · 2026-01-06 · Gist: concern · Source: Example Arabic News" in text
    assert has_arabic(text, "منظمة العفو الدولية")
    # Markup in a statement is shown as text, not interpreted.
    assert "<b>not bold</b> & <script>alert(1)</script>" in text
    html_page = render_html(load_snapshot_data(tiny_db, parse_week("2026-W02"), Filters()))
    assert "<script>alert" not in html_page and "&lt;script&gt;alert(1)&lt;/script&gt;" in html_page


def test_arabic_pdf_is_right_to_left_with_real_arabic_text(pdf_ar, tiny_db):
    text = pdf_text(pdf_ar)
    for heading in ("الموجز الأسبوعي", "الأرقام الرئيسية", "خريطة الأسبوع", "الخط الزمني", "الأماكن الأكثر ذكرا",
                    "بيانات المنظمات هذا الأسبوع", "المنهجية والتحفظات"):
        assert has_arabic(text, heading), heading
    for place in ("الشيخ مقصود", "الأشرفية"):
        assert has_arabic(text, place), place
    # The characters are Arabic letters (not glyph ids or images of text).
    with pdfplumber.open(io.BytesIO(pdf_ar)) as document:
        chars = "".join(c["text"] for page in document.pages for c in page.chars)
    assert sum("\u0621" <= c <= "\u064a" for c in chars) > 500
    html_page = render_html(load_snapshot_data(tiny_db, parse_week("2026-W02"), Filters()), "ar")
    assert '<html lang="ar" dir="rtl">' in html_page
    # The same numbers as the English version.
    assert re.search(r"\+4 \(\+400%\) 1 5", text)


def test_map_and_timeline_images_are_present_and_not_blank(pdf_en, tmp_path):
    with pdfplumber.open(io.BytesIO(pdf_en)) as document:
        images = [(i, img) for i, page in enumerate(document.pages) for img in page.images]
    assert len(images) == 2  # the map and the timeline
    page_index = images[0][0]
    width = images[0][1]["x1"] - images[0][1]["x0"]
    assert width > 300  # points: the map spans most of the page
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf_file = tmp_path / "s.pdf"
    pdf_file.write_bytes(pdf_en)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page_index + 1), "-l", str(page_index + 1),
                    str(pdf_file), str(tmp_path / "page")], check=True)
    rendered = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = rendered.getcolors(maxcolors=1_000_000)
    assert len(colours) > 200  # a blank page has one colour; text alone a few dozen greys


def test_same_input_gives_the_same_pdf(tiny_db, pdf_en):
    assert make_snapshot(tiny_db, "2026-W02", Filters(), "en") == pdf_en
    metadata = pypdf.PdfReader(io.BytesIO(pdf_en)).metadata
    # Dated by the week (its Sunday), never by the clock.
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20260111000000Z"
    assert metadata["/Title"] == "Weekly snapshot 2026-W02"


@pytest.mark.parametrize(
    ("filters", "expected_total"),
    [
        pytest.param(Filters(place_ids=("sy-aleppo-ashrafieh",)), 3, id="one-neighbourhood"),
        pytest.param(Filters(place_ids=("sy-aleppo",)), 9, id="city-includes-neighbourhoods"),
        pytest.param(Filters(event_types=("shelling",)), 5, id="event-type"),
        pytest.param(Filters(modalities=("reported", "denied")), 11, id="with-denials"),
        pytest.param(Filters(sources=("Levant Example Wire",)), 2, id="source"),
        pytest.param(Filters(countries=("LB",)), 0, id="nothing-matches"),
    ],
)
def test_filters_change_the_headline_like_the_dashboard(tiny_db, filters, expected_total):
    data = load_snapshot_data(tiny_db, parse_week("2026-W02"), filters)
    assert data.total_this_week == expected_total
    con = duckdb.connect(str(tiny_db), read_only=True)
    try:
        where, params = dataclasses.replace(
            filters, date_from=parse_week("2026-W02").start, date_to=parse_week("2026-W02").end).where_sql()
        assert con.execute(f"SELECT count(*) FROM mentions_wide WHERE {where}", params).fetchone()[0] == \
            expected_total
    finally:
        con.close()


def test_a_week_where_nothing_matches_the_filters_still_says_so(tiny_db):
    text = pdf_text(make_snapshot(tiny_db, "2026-W02", Filters(countries=("LB",))))
    assert "No mention matches these filters in 2026-W02." in text
    assert "Amnesty International" not in text  # its places are in Syria


def test_a_week_without_any_data_is_an_error_naming_the_weeks_with_data(tiny_db):
    with pytest.raises(NoDataError, match=r"no mentions in 2026-W10 .*2026-W02, 2026-W01"):
        make_snapshot(tiny_db, "2026-W10", Filters())


def test_cli_writes_the_pdf(tiny_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["snapshot", "--week", "2026-W02", "--db", str(tiny_db),
                                  "--place", "sy-aleppo-ashrafieh", "--event-type", "shelling"])
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "snapshot-2026-W02.pdf").read_bytes()
    text = pdf_text(pdf)
    assert re.search(r"^Shelling 2 0 new", text, re.M)
    assert "sy-aleppo-ashrafieh" in text and "Shelling" in text.split("Headline figures")[0]


@pytest.mark.parametrize(
    ("args", "week"),
    [
        pytest.param([], "2026-W02", id="latest-week-with-data"),
        pytest.param(["--country", "LB"], "2026-W01", id="latest-week-the-filters-select"),
    ],
)
def test_cli_without_week_takes_the_latest_week_the_filters_select(tiny_db, tmp_path, monkeypatch, args, week):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["snapshot", "--db", str(tiny_db), *args])
    assert result.exit_code == 0, result.output
    assert f"no --week given: {week}" in result.stderr
    assert pdf_text((tmp_path / f"snapshot-{week}.pdf").read_bytes()).count(week) >= 1


def test_latest_week_says_when_the_filters_match_nothing(tiny_db):
    with pytest.raises(NoDataError, match="no mention matches these filters in any week"):
        latest_week(tiny_db, Filters(event_types=("siege",)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--week", "2026-13"], "is not an ISO week", id="bad-week"),
        pytest.param(["--week", "2026-W10"], "no mentions in 2026-W10", id="week-without-data"),
        pytest.param(["--week", "2026-W02", "--lang", "fr"], "Invalid value for '--lang'", id="bad-lang"),
        pytest.param(["--week", "2026-W02", "--place", "sy-aleppo-ashrafiye"],
                     "Did you mean sy-aleppo-ashrafieh", id="unknown-place"),
    ],
)
def test_cli_errors_are_clear_and_write_nothing(tiny_db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["snapshot", "--db", str(tiny_db), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"this is not a database", "could not be opened", id="not-duckdb"),
        pytest.param(None, "lacks mentions_wide", id="duckdb-without-our-schema"),
    ],
)
def test_cli_explains_a_file_that_is_not_a_monitor_database(tmp_path, content, message):
    db = tmp_path / "other.duckdb"
    if content is None:
        duckdb.connect(str(db)).close()
    else:
        db.write_bytes(content)
    for command in (["snapshot", "--week", "2026-W02"], ["export", "--format", "csv", "--out", str(tmp_path / "x")]):
        result = CliRunner().invoke(main, [*command, "--db", str(db)])
        assert result.exit_code == 1, result.output
        assert message in result.output and "Traceback" not in result.output


def test_cli_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["snapshot", "--week", "2026-W02", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "does not exist" in result.output


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    from bench.synthetic_db import build

    db = tmp_path_factory.mktemp("snapshot-synthetic") / "synthetic.duckdb"
    build(db, mentions=6000, seed=5)
    return db


@pytest.mark.parametrize(
    "filters",
    [
        pytest.param(Filters(), id="default"),
        pytest.param(Filters(countries=("SY",), event_types=("shelling", "displacement")), id="country-types"),
        pytest.param(Filters(place_ids=("sy-aleppo",), modalities=("reported", "warned")), id="city-modalities"),
        pytest.param(Filters(sources=("Levant Wire",), languages=("ar",), min_confidence=0.7), id="source-lang-conf"),
    ],
)
def test_snapshot_agrees_with_the_dashboard_queries(synthetic_db, filters):
    """The PDF's counts and the dashboard's (dashboard.queries, its own fact store) are the same numbers."""
    from dashboard import queries

    week = parse_week("2026-W02")
    data = load_snapshot_data(synthetic_db, week, filters)
    shown = queries.place_counts(synthetic_db, dataclasses.replace(filters, date_from=week.start,
                                                                   date_to=week.end))
    by_type = shown.groupby("event_type")["mention_count"].sum().to_dict()
    assert {t.event_type: t.this_week for t in data.type_counts if t.this_week} == by_type
    by_place = shown.groupby("place_id")["mention_count"].sum()
    assert data.top_places and all(by_place[p.place_id] == p.this_week for p in data.top_places)
    assert [p.place_id for p in data.top_places] == \
        sorted(by_place.index, key=lambda pid: (-by_place[pid], pid))[: len(data.top_places)]


def _point(place_id: str, lat: float, lon: float, n: int):
    from dashboard.staticmap import MapPoint

    return MapPoint(place_id, place_id, lat, lon, n, "shelling")


SHEIKH_MAQSOUD_POINT = ("sy-aleppo-sheikh-maqsoud", 36.2366, 37.1528, 39)
ASHRAFIEH_POINT = ("sy-aleppo-ashrafieh", 36.2279, 37.1470, 42)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        pytest.param([ASHRAFIEH_POINT, SHEIKH_MAQSOUD_POINT, ("ps-jabalia-camp", 31.5296, 34.4846, 5)],
                     ["sy-aleppo-ashrafieh", "sy-aleppo-sheikh-maqsoud"], id="aleppo-and-gaza-gets-a-close-up"),
        pytest.param([ASHRAFIEH_POINT, SHEIKH_MAQSOUD_POINT], [], id="the-map-is-already-the-city"),
        pytest.param([ASHRAFIEH_POINT, ("ps-jabalia-camp", 31.5296, 34.4846, 50)], [], id="busiest-area-is-one-place"),
        pytest.param([("sy-idlib", 35.93, 36.63, 5), ("sy-saraqib", 35.8645, 36.8059, 4),
                      ("sy-deir-ez-zor", 35.3359, 40.1408, 2)], ["sy-idlib", "sy-saraqib"], id="idlib-seen-from-deir-ez-zor"),
        pytest.param([("a", 33.0, 35.0, 10), ("b", 33.0, 35.18, 10), ("c", 33.0, 35.6, 1)], [],
                     id="area-too-wide-for-a-close-up"),
        pytest.param([], [], id="no-points"),
    ],
)
def test_close_up_of_the_busiest_area_when_its_places_cannot_be_told_apart(points, expected):
    from dashboard.snapshot import closeup_points

    assert [p.place_id for p in closeup_points([_point(*p) for p in points])] == expected


def test_pdf_adds_a_close_up_map_and_translates_units(tiny_db, tmp_path):
    db = tmp_path / "wider.duckdb"
    shutil.copy(tiny_db, db)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO mentions (mention_id, report_id, place_id, event_type, modality, event_date, "
                "date_precision, evidence, char_start, char_end, confidence, place_text, trigger_text, "
                "place_char_start, place_char_end, trigger_char_start, trigger_char_end) "
                "SELECT 'nabatieh-w02', report_id, 'lb-nabatieh', 'airstrike', 'reported', DATE '2026-01-08', "
                "date_precision, evidence, char_start, char_end, confidence, 'Nabatieh', trigger_text, "
                "place_char_start, place_char_end, trigger_char_start, trigger_char_end FROM mentions LIMIT 1")
    con.close()
    pdf = make_snapshot(db, "2026-W02", Filters(), "en")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        images = [img for page in document.pages for img in page.images]
    assert len(images) == 3  # the week's map, the close-up of Aleppo, the timeline
    text = pdf_text(pdf)
    assert "Close-up of the busiest area: Sheikh Maqsoud, Ashrafieh" in text
    arabic = pdf_text(make_snapshot(db, "2026-W02", Filters(), "ar"))
    assert has_arabic(arabic, "عائلات") and "families" not in arabic
