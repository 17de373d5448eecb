"""The dashboard in a real browser: `dmon serve` on a fixture database, driven by Playwright's Python API
through Debian's Chromium, offline (Leaflet from dashboard/static/vendor, no map tiles).

Screenshots go to tests/artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from dashboard_db import HOSTILE_TITLE, build_dashboard_db

from dashboard import vendor

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHEIKH_MAQSOUD = "sy-aleppo-sheikh-maqsoud"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`dmon serve` on the fixture database, on a free local port; yields its base URL."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (bash scripts/setup.sh --test installs it)")
    assert vendor.installed(), "offline map files missing: run `python -m dashboard.vendor install`"
    db = build_dashboard_db(tmp_path_factory.mktemp("browser") / "monitor.duckdb")
    port = free_port()
    env = dict(os.environ, DMON_TILES="none")
    log = (tmp_path_factory.getbasetemp() / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "dmon", "serve", "--db", str(db), "--port", str(port)],
                               cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"dmon serve did not start: {(tmp_path_factory.getbasetemp() / 'serve.log').read_text()}")
        time.sleep(0.3)
    yield url
    os.killpg(process.pid, signal.SIGTERM)  # dmon serve and the Streamlit it started
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="module")
def browser_page(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1500, "height": 1200},
        )
        page = context.new_page()
        page.requests_seen = []
        page.dialogs_seen = []
        page.on("request", lambda request: page.requests_seen.append(request.url))

        def on_dialog(dialog):
            page.dialogs_seen.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.context.on("page", lambda popup: page.dialogs_seen.append(f"new page {popup.url}"))
        page.goto(server, wait_until="domcontentloaded")
        yield page
        context.close()


def map_frame(page):
    """The streamlit-folium iframe once Leaflet has drawn its markers."""
    page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=60_000)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url and frame.locator("path.dmon-place").count() > 0:
                return frame
        time.sleep(0.3)
    raise AssertionError("the map never drew a place")


def drawn_place_ids(frame) -> list[str]:
    return frame.evaluate(
        "() => Object.values(window.map._layers)"
        ".filter(l => l.feature && l.feature.geometry.type === 'Point' && l._path && l.feature.properties.place_id)"
        ".map(l => l.feature.properties.place_id)"
    )


def test_map_timeline_and_statements_draw_offline(browser_page) -> None:
    page = browser_page
    frame = map_frame(page)
    places = drawn_place_ids(frame)
    assert SHEIKH_MAQSOUD in places and "sy-idlib" in places
    assert frame.locator("path.dmon-place").count() == len(places)
    assert frame.locator("path.dmon-shelling").count() > 0
    # The busiest places are named on the map itself (no tiles here: offline).
    labels = frame.locator(".leaflet-tooltip.dmon-label")
    assert labels.count() == min(60, len(set(places)))
    texts = frame.evaluate("() => [...document.querySelectorAll('.leaflet-tooltip.dmon-label')].map(e => e.textContent)")
    assert all(text.strip() for text in texts) and len(set(texts)) > 1
    # The boundary polygon of Aleppo is drawn too.
    assert frame.evaluate("() => Object.values(window.map._layers).filter(l => l.feature && "
                          "l.feature.properties.place_id === 'sy-aleppo' && l.feature.geometry.type === 'Polygon').length") == 1
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30_000)
    assert page.locator(".js-plotly-plot .bars path").count() > 0
    statement = page.locator(".dmon-statement", has_text="Amnesty International").first
    statement.wait_for(timeout=30_000)
    arabic = statement.locator("div[dir='rtl']")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    time.sleep(1)
    page.screenshot(path=str(ARTIFACTS / "dashboard-map-en.png"), full_page=True)
    # Offline: every request stayed on this machine (Leaflet from the vendor folder, no tiles, no CDN).
    outside = [u for u in page.requests_seen if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
    assert outside == []
    assert any("/app/static/vendor/leaflet/dist/leaflet.js" in u for u in page.requests_seen)


def test_hostile_report_title_is_text_in_popup_and_evidence(browser_page, server) -> None:
    page = browser_page
    frame = map_frame(page)
    # The popup is bound to the event type's GeoJSON layer; a click on the circle propagates to it.
    frame.evaluate(
        "id => { const l = Object.values(window.map._layers).find(x => x.feature && x._path &&"
        " x.feature.geometry.type === 'Point' && x.feature.properties.place_id === id);"
        " l.fire('click', {latlng: l.getLatLng()}, true); }", SHEIKH_MAQSOUD)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert HOSTILE_TITLE in popup.inner_text()
    assert "<script>alert(2)</script>" in popup.inner_text()
    assert frame.locator("img[src='x']").count() == 0
    time.sleep(0.5)
    page.screenshot(path=str(ARTIFACTS / "dashboard-popup.png"), full_page=True)
    page.get_by_role("link", name="Evidence").click()
    table = page.locator("table.dmon-evidence")
    table.wait_for(timeout=30_000)
    assert HOSTILE_TITLE in table.inner_text()
    assert page.locator("img[src='x']").count() == 0 and page.locator("script:has-text('alert(2)')").count() == 0
    mark = table.locator("mark.dmon-place", has_text="Sheikh Maqsoud").first
    assert mark.is_visible()
    time.sleep(0.5)
    page.screenshot(path=str(ARTIFACTS / "dashboard-evidence.png"), full_page=True)
    assert page.dialogs_seen == []
    page.goto(server, wait_until="domcontentloaded")


def test_clicking_a_place_selects_it(browser_page) -> None:
    page = browser_page
    frame = map_frame(page)
    # Click the Sheikh Maqsoud circle where it is drawn (it may sit under others: click its centre).
    box = frame.evaluate(
        "id => { const l = Object.values(window.map._layers).find(x => x.feature && x._path &&"
        " x.feature.properties.place_id === id); window.map.setView(l.getLatLng(), 14); return true; }",
        SHEIKH_MAQSOUD)
    assert box
    time.sleep(1)
    point = frame.evaluate(
        "id => { const l = Object.values(window.map._layers).find(x => x.feature && x._path &&"
        " x.feature.properties.place_id === id); l.bringToFront();"
        " const r = l._path.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }",
        SHEIKH_MAQSOUD)
    iframe_box = page.locator("iframe[title*='streamlit_folium']").bounding_box()
    page.mouse.click(iframe_box["x"] + point[0], iframe_box["y"] + point[1])
    page.get_by_text("Mentions per week at Sheikh Maqsoud").wait_for(timeout=30_000)
    time.sleep(1)
    page.screenshot(path=str(ARTIFACTS / "dashboard-place-selected.png"), full_page=True)
    # The selection survives the page switch (Streamlit drops the map page's widget values there).
    page.get_by_role("link", name="Evidence").click()
    page.get_by_text("Only the mentions of the selected place (Sheikh Maqsoud").wait_for(timeout=30_000)
    # The note renders before the table: wait for the rows, not only for the note.
    rows = page.locator("table.dmon-evidence tr.dmon-evidence-row td:nth-child(2)")
    rows.first.wait_for(timeout=30_000)
    places = rows.all_inner_texts()
    assert places and all(p.startswith("Sheikh Maqsoud") for p in places), places
    page.get_by_role("link", name="Map and statements").click()
    map_frame(page)


def on_map_page(page) -> None:
    """Back on the map page, whatever an earlier test (or its failure) left open."""
    if "/evidence" in page.url or "/figures" in page.url:
        page.get_by_role("link", name="Map and statements").click()
    map_frame(page)


def test_arabic_switch_lays_the_page_out_right_to_left(browser_page) -> None:
    page = browser_page
    on_map_page(page)
    # Choose a second modality in English: its chip must follow the language switch.
    modality = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']", has_text="Modality")
    modality.locator("input").click()
    page.get_by_role("option", name="Denied", exact=True).click()
    page.keyboard.press("Escape")
    chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelectTagsContainer'] [data-tag]")
    chips.filter(has_text="Denied").wait_for(timeout=30_000)
    page.locator("[data-testid='stSidebar'] label", has_text="العربية").click()
    page.get_by_role("heading", name="مرصد النزوح").wait_for(timeout=30_000)
    chips.filter(has_text="منفيّ").wait_for(timeout=30_000)
    labels = [text.strip() for text in chips.all_inner_texts()]
    assert "مبلَّغ عنه" in labels and not {"Reported", "Denied"} & set(labels), labels
    direction = page.locator("[data-testid='stMain']").evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"
    assert page.locator("[data-testid='stSidebar']").evaluate("e => getComputedStyle(e).direction") == "rtl"
    map_frame(page)
    time.sleep(1.5)
    page.screenshot(path=str(ARTIFACTS / "dashboard-map-ar.png"), full_page=True)
    assert page.dialogs_seen == []
