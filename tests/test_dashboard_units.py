"""Pure parts of the dashboard: escaping, the folium map, the offline assets, strings, the serve command."""

from __future__ import annotations

import io
import json
import stat
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from dashboard_db import HOSTILE_TITLE, build_dashboard_db

from dashboard import i18n, mapview, queries, server, vendor
from dashboard.filters import EVENT_TYPES, MODALITIES, Filters
from dmon.cli import main as dmon_main


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_dashboard_db(tmp_path_factory.mktemp("units") / "monitor.duckdb", mentions=600)


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        pytest.param("<script>alert(1)</script>", ["<script", "</script"], id="script-tag"),
        pytest.param("<img src=x onerror=alert(1)>", ["<img"], id="img-onerror"),
        pytest.param('" onmouseover="alert(1)', ['"'], id="attribute-break"),
        pytest.param("`; alert(1); `", ["`"], id="template-literal-end"),
        pytest.param("${alert(1)}", ["${"], id="template-interpolation"),
        pytest.param("\\u0041\\", ["\\"], id="backslash-escape"),
    ],
)
def test_escape_text_is_inert_in_html_and_js_template_literals(text: str, forbidden: list[str]) -> None:
    escaped = mapview.escape_text(text)
    for piece in forbidden:
        assert piece not in escaped
    assert mapview.escape_text(None) == "" and mapview.escape_text(float("nan")) == ""


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        pytest.param("https://example.org/a?b=1&c=2", True, id="https"),
        pytest.param("http://example.org/", True, id="http"),
        pytest.param("javascript:alert(1)", False, id="javascript-scheme"),
        pytest.param("file:///etc/passwd", False, id="file-scheme"),
        pytest.param(None, False, id="none"),
    ],
)
def test_safe_link_only_links_web_addresses(url, linked: bool) -> None:
    html = mapview.safe_link(url, "<b>title</b>")
    assert ("<a href=" in html) is linked
    assert "<b>" not in html and "&lt;b&gt;title&lt;/b&gt;" in html


def test_map_escapes_text_uses_local_assets_and_draws_a_layer_per_event_type(db: Path) -> None:
    filters = Filters(modalities=())
    counts = queries.place_counts(db, filters)
    latest = queries.latest_evidence(db, filters, max_places=500)
    shapes = queries.boundaries(db, filters)
    fmap = mapview.build_map(counts, latest, shapes, options=mapview.MapOptions(tiles=None))
    html = fmap.get_root().render()
    assert "<img src=x" not in html and "<script>alert" not in html
    # GeoJSON properties are JSON with <, > and & as \u escapes: the title arrives HTML-escaped.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html
    assert "/app/static/vendor/leaflet/dist/leaflet.js" in html
    assert "tile.openstreetmap.org" not in html
    for event_type in counts["event_type"].unique():
        assert f"dmon-{event_type}" in html
    assert '"dashArray": "5 5"' in html  # denied/warned drawn hollow and dashed
    points = html.count('"type": "Point"')
    labelled = min(mapview.MapOptions().labelled_places, counts["place_id"].nunique())
    assert points == len(counts) + labelled  # a circle per place and event type, a label per busy place
    assert "dmon-label" in html and "bindTooltip(anchor.feature.properties.label" in html
    with_tiles = mapview.build_map(counts, latest, shapes).get_root().render()
    assert "tile.openstreetmap.org" in with_tiles


def test_map_clusters_when_many_and_handles_no_data(db: Path) -> None:
    counts = queries.place_counts(db, Filters())
    empty = counts.iloc[0:0]
    clustered = mapview.build_map(counts, empty, queries.boundaries(db, Filters()),
                                  options=mapview.MapOptions(tiles=None, cluster_above=5)).get_root().render()
    assert "markerClusterGroup" in clustered
    assert "/app/static/vendor/leaflet.markercluster/dist/leaflet.markercluster.js" in clustered
    nothing = mapview.build_map(empty, empty, empty.assign(geometry_wkb=None)).get_root().render()
    assert '"type": "Point"' not in nothing


def test_popup_lists_names_counts_and_escaped_evidence(db: Path) -> None:
    filters = Filters(modalities=(), place_ids=("sy-aleppo-sheikh-maqsoud",))
    counts = queries.place_counts(db, filters)
    latest = queries.latest_evidence(db, filters)
    rows = counts.to_dict("records")
    popup = mapview.popup_html(rows[0], rows, latest.to_dict("records"), "en")
    assert "Sheikh Maqsoud" in popup and "الشيخ مقصود" in popup
    assert "Denied" in popup and "Warned of" in popup
    assert mapview.escape_text(HOSTILE_TITLE) in popup and "<img" not in popup
    assert 'href="https://example.org/hostile"' in popup
    assert "Select this place" in mapview.popup_html(rows[0], rows, [], "en")


def test_boundaries_become_geojson_with_escaped_labels(db: Path) -> None:
    shapes = queries.boundaries(db, Filters())
    collection = mapview.boundary_geojson(shapes.assign(name_en="<b>Aleppo</b>"), "en")
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["properties"]["label"].startswith("&lt;b&gt;Aleppo&lt;/b&gt;")
    broken = mapview.boundary_geojson(shapes.assign(geometry_wkb=[b"not wkb"]), "en")
    assert broken["features"] == []


@pytest.mark.parametrize(
    ("lat", "lon", "tooltip", "expected"),
    [
        pytest.param(36.2266, 37.1556, "Sheikh Maqsoud (الشيخ مقصود) · Displacement · Reported: 1 / 4",
                     "sy-aleppo-sheikh-maqsoud", id="tooltip-and-point"),
        pytest.param(36.25, 37.2, "Sheikh Maqsoud (الشيخ مقصود) · Shelling", "sy-aleppo-sheikh-maqsoud",
                     id="click-off-centre-tooltip-decides"),
        pytest.param(36.2266, 37.1556, None, "sy-aleppo-sheikh-maqsoud", id="no-tooltip-nearest"),
        pytest.param(30.0, 30.0, None, None, id="far-from-everything"),
        pytest.param(None, None, None, None, id="no-click"),
    ],
)
def test_place_at_finds_the_clicked_place(db: Path, lat, lon, tooltip, expected) -> None:
    counts = queries.place_counts(db, Filters(modalities=()))
    assert mapview.place_at(counts, lat, lon, tooltip) == expected


def test_radius_grows_with_mentions_and_stays_bounded() -> None:
    options = mapview.MapOptions()
    radii = [mapview.radius_for(n, 100, options) for n in (0, 1, 10, 50, 100)]
    assert radii == sorted(radii)
    assert radii[0] == options.min_radius and radii[-1] == options.max_radius


def _fake_npm(tmp_path: Path) -> tuple[Path, Path]:
    """An `npm` that answers `npm pack NAME@VERSION --pack-destination DIR` with a local tarball."""
    calls = tmp_path / "npm-calls.txt"
    script = tmp_path / "npm"
    script.write_text(
        f"#!{sys.executable}\n"
        "import io, sys, tarfile\n"
        f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        "spec = sys.argv[2]; dest = sys.argv[sys.argv.index('--pack-destination') + 1]\n"
        f"files = {json.dumps({p.name: list(p.files) for p in vendor.PACKAGES})}\n"
        "name = spec.rsplit('@', 1)[0]\n"
        "path = f'{dest}/{name}.tgz'\n"
        "with tarfile.open(path, 'w:gz') as tar:\n"
        "    for f in files[name]:\n"
        "        data = f'// {name} {f}'.encode()\n"
        "        info = tarfile.TarInfo('package/' + f); info.size = len(data)\n"
        "        tar.addfile(info, io.BytesIO(data))\n"
        "print(f'{name}.tgz')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, calls


def test_vendor_install_unpacks_pinned_packages_once(tmp_path: Path) -> None:
    npm, calls = _fake_npm(tmp_path)
    target = tmp_path / "vendor"
    written = vendor.install(target, npm=str(npm))
    assert (target / "leaflet" / "dist" / "leaflet.js").read_text() == "// leaflet dist/leaflet.js"
    assert len(written) == sum(len(p.files) for p in vendor.PACKAGES)
    assert json.loads((target / "manifest.json").read_text()) == {p.name: p.version for p in vendor.PACKAGES}
    assert vendor.installed(target)
    assert [line.split()[1] for line in calls.read_text().splitlines()] == [
        f"{p.name}@{p.version}" for p in vendor.PACKAGES]
    assert vendor.install(target, npm=str(npm)) == []  # idempotent: npm is not called again
    assert len(calls.read_text().splitlines()) == len(vendor.PACKAGES)
    (target / "leaflet" / "dist" / "leaflet.js").unlink()
    assert not vendor.installed(target)


def test_vendor_install_explains_failures(tmp_path: Path) -> None:
    with pytest.raises(vendor.VendorError, match="was not found"):
        vendor.install(tmp_path / "v", npm=str(tmp_path / "no-such-npm"))
    failing = tmp_path / "npm"
    failing.write_text("#!/bin/sh\necho 'E404 not found' >&2\nexit 1\n")
    failing.chmod(0o755)
    with pytest.raises(vendor.VendorError, match="npm pack leaflet@"):
        vendor.install(tmp_path / "v", npm=str(failing))


def test_unpack_rejects_a_package_without_the_expected_file(tmp_path: Path) -> None:
    tarball = tmp_path / "bad.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        info = tarfile.TarInfo("package/README.md")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    with pytest.raises(vendor.VendorError, match=r"has no file dist/leaflet\.js"):
        vendor._unpack(tarball, vendor.PACKAGES[0], tmp_path / "out")


def test_every_interface_string_event_and_modality_has_arabic() -> None:
    assert all(entry.get("ar") for entry in i18n.STRINGS.values())
    assert set(EVENT_TYPES) <= set(i18n.EVENT_LABELS) and set(EVENT_TYPES) <= set(i18n.EVENT_COLOURS)
    assert set(MODALITIES) <= set(i18n.MODALITY_LABELS)
    assert i18n.t("snapshot_make", "ar", week="2026-W02") == "إنشاء ملف PDF للأسبوع 2026-W02"
    assert i18n.place_label("Aleppo", "حلب", "ar") == "حلب (Aleppo)"
    assert i18n.place_label(None, None, "en", "sy-x") == "sy-x"


def test_server_binds_locally_without_usage_stats(tmp_path: Path) -> None:
    command = server.streamlit_command(tmp_path / "m.duckdb")
    joined = " ".join(command)
    assert "--server.address 127.0.0.1" in joined
    assert "--browser.gatherUsageStats false" in joined
    assert "--server.enableStaticServing true" in joined
    assert command[-2:] == ["--db", str(tmp_path / "m.duckdb")]
    assert "--server.address 0.0.0.0" in " ".join(server.streamlit_command(tmp_path / "m", host="0.0.0.0"))


def test_dmon_serve_help_and_missing_database(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(dmon_main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--port", "--host"):
        assert option in result.output
    missing = runner.invoke(dmon_main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code != 0
    assert "does not exist" in missing.output and "dmon ingest" in missing.output


def test_stopping_dmon_serve_stops_streamlit(db: Path, tmp_path: Path) -> None:
    """SIGTERM to `dmon serve` (what a service manager or a test sends) must not leave Streamlit running."""
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "dmon", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("dmon serve did not start")
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    time.sleep(0.5)
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def _counts(rows: list[tuple[str, float, float, str, int]]):
    import pandas as pd

    columns = ["place_id", "lat", "lon", "kind", "mention_count", "event_type", "modality"]
    return pd.DataFrame([(p, lat, lon, kind, n, "shelling", "reported") for p, lat, lon, kind, n in rows],
                        columns=columns)


ALEPPO = [("sy-aleppo-ashrafieh", 36.2279, 37.1470, "neighbourhood", 43),
          ("sy-aleppo-sheikh-maqsoud", 36.2361, 37.1517, "neighbourhood", 39),
          ("sy-aleppo-sukkari", 36.1755, 37.1420, "neighbourhood", 2)]


@pytest.mark.parametrize(
    ("rows", "areas", "focus"),
    [
        pytest.param([*ALEPPO, ("ps-jabalia-camp", 31.5296, 34.4846, "camp", 10), ("lb-khiam", 33.3278, 35.6128, "town", 8)],
                     [["sy-aleppo-ashrafieh", "sy-aleppo-sheikh-maqsoud", "sy-aleppo-sukkari"], ["ps-jabalia-camp"],
                      ["lb-khiam"]], "sy-aleppo-ashrafieh", id="aleppo-holds-most-mentions"),
        pytest.param([*ALEPPO[:1], ("ps-jabalia-camp", 31.5296, 34.4846, "camp", 40), ("lb-khiam", 33.3278, 35.6128, "town", 30)],
                     [["sy-aleppo-ashrafieh"], ["ps-jabalia-camp"], ["lb-khiam"]], None, id="spread-out-shows-all"),
        pytest.param(ALEPPO, [[r[0] for r in ALEPPO]], None, id="one-area-needs-no-choice"),
        pytest.param([("ps-gaza-city", 31.50, 34.47, "city", 5), ("ps-deir-al-balah", 31.4178, 34.3503, "city", 4),
                      ("ps-rafah", 31.287, 34.2595, "city", 3), ("sy-idlib", 35.93, 36.63, "city", 1)],
                     [["ps-gaza-city", "ps-deir-al-balah", "ps-rafah"], ["sy-idlib"]], "ps-gaza-city",
                     id="chain-of-towns-is-one-area"),
        pytest.param([], [], None, id="nothing"),
    ],
)
def test_map_opens_on_the_busiest_area_when_it_holds_most_mentions(rows, areas, focus) -> None:
    found = mapview.focus_areas(_counts(rows), {"sy-aleppo-ashrafieh": "sy-aleppo"})
    assert [list(a.place_ids) for a in found] == areas
    assert mapview.default_focus(found) == focus
    if found and found[0].area_id == "sy-aleppo-ashrafieh":
        assert found[0].label_place_id == "sy-aleppo"  # a neighbourhood's area is named after its city
        assert found[0].mention_count == sum(r[4] for r in rows if r[0] in found[0].place_ids)


def test_focused_map_frames_only_the_area_so_neighbourhoods_are_apart() -> None:
    import pandas as pd

    counts = _counts([*ALEPPO, ("ps-jabalia-camp", 31.5296, 34.4846, "camp", 10)]).assign(
        name_en="x", name_ar="س", latest_date=pd.Timestamp("2026-01-10"))
    empty = pd.DataFrame()
    area = mapview.focus_areas(counts)[0]
    framed = mapview.build_map(counts, empty, empty, options=mapview.MapOptions(tiles=None), focus=area.place_ids)
    whole = mapview.build_map(counts, empty, empty, options=mapview.MapOptions(tiles=None))
    (south, west), (north, east) = _fit_bounds(framed)
    assert north - south < 0.1 and east - west < 0.1  # a city, not three countries
    assert 36.17 < south < 36.18 and 36.23 < north < 36.24
    (south, _), (north, _) = _fit_bounds(whole)
    assert north - south > 4  # every place: from Gaza to Aleppo
    assert "ps-jabalia-camp" in framed.get_root().render()  # places outside the area are still drawn


def _fit_bounds(fmap):
    from folium.map import FitBounds

    fit = next(child for child in fmap._children.values() if isinstance(child, FitBounds))
    return fit.bounds


def test_boundaries_draw_largest_first_and_shade_within_their_level() -> None:
    import pandas as pd
    from shapely.geometry import box

    shapes = pd.DataFrame([
        {"place_id": "sy-aleppo-ashrafieh", "name_en": "Ashrafieh", "name_ar": None, "admin_level": None,
         "geometry_wkb": box(37.14, 36.22, 37.15, 36.23).wkb, "mention_count": 40},
        {"place_id": "sy-gov-aleppo", "name_en": "Aleppo", "name_ar": None, "admin_level": 1,
         "geometry_wkb": box(36.5, 35.5, 38.5, 36.8).wkb, "mention_count": 100},
        {"place_id": "sy-aleppo-midan", "name_en": "Midan", "name_ar": None, "admin_level": None,
         "geometry_wkb": box(37.16, 36.21, 37.17, 36.22).wkb, "mention_count": 0},
    ])
    features = mapview.boundary_geojson(shapes, "en")["features"]
    assert features[0]["properties"]["place_id"] == "sy-gov-aleppo"  # under the neighbourhoods, not over them
    styles = {f["properties"]["place_id"]: mapview.boundary_style(f) for f in features}
    assert styles["sy-aleppo-ashrafieh"]["fillOpacity"] > styles["sy-gov-aleppo"]["fillOpacity"]
    assert styles["sy-aleppo-midan"]["fillOpacity"] == 0.0  # no mentions: outline only
    assert {s["fillColor"] for s in styles.values()} == {mapview.BOUNDARY_FILL}
    assert mapview.BOUNDARY_FILL not in i18n.EVENT_COLOURS.values()


@pytest.mark.parametrize(
    ("section", "word", "lang", "expected"),
    [
        pytest.param("gists", "call", "ar", "دعوة", id="gist-ar"),
        pytest.param("gists", "call", "en", "call for action", id="gist-en"),
        pytest.param("categories", "displaced", "ar", "نازحون", id="category-ar"),
        pytest.param("categories", "unheard-of", "ar", "unheard-of", id="unknown-word-as-is"),
        pytest.param("units", "families", "ar", "عائلات", id="unit-ar"),
    ],
)
def test_statement_and_figure_words_are_translated_like_the_pdf(section, word, lang, expected) -> None:
    assert i18n.vocabulary_label(section, word, lang) == expected


def test_pdf_and_dashboard_share_one_palette() -> None:
    from dashboard import staticmap

    assert staticmap.EVENT_COLOURS is i18n.EVENT_COLOURS
    assert len(set(i18n.EVENT_COLOURS.values())) == len(i18n.EVENT_COLOURS)
