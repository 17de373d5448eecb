"""The per-user cache (ingest.cache): a cached geocoder and a new database copied from a template must be
exactly what building them gives, and a missing, damaged or switched-off cache must only cost time."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

import ingest.pipeline as pipeline
from geo.geocoder import Geocoder
from geo.types import GeoContext, Place
from ingest import cache
from ingest.pipeline import load_geocoder, run_ingest

TEXTS = [
    pytest.param("قصفت القوات الحكومية حي الشيخ مقصود في حلب ونزحت عائلات إلى مدينة سراقب.", "ar", id="arabic"),
    pytest.param("Heavy clashes broke out in Saraqib, near Idlib city; families fled to Jabalia camp.", "en",
                 id="english"),
    pytest.param("Damascus said the convoy reached Douma, Rural Damascus.", "en", id="actor-and-cue"),
]

ARTICLE = ("Home > World\n\nShelling in Aleppo\n\nArtillery shelled Sheikh Maqsoud in Aleppo on 3 January 2026, "
           "local sources said, and dozens of families fled to Afrin.\n")


@pytest.fixture
def cache_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DMON_CACHE_DIR", str(folder))
    return folder


def _found(geocoder: Geocoder, text: str, language: str) -> list[tuple]:
    return [(m.place_id, m.start, m.end, m.method, m.is_actor, m.reason)
            for m in geocoder.find(text, GeoContext(language=language))]


@pytest.mark.parametrize(("text", "language"), TEXTS)
def test_a_cached_geocoder_finds_what_a_built_one_finds(cache_at: Path, text: str, language: str) -> None:
    built = load_geocoder()  # builds, then writes the entry
    assert len(list(cache_at.glob("geocoder-*.pickle"))) == 1
    cached = load_geocoder()  # read back
    assert cached is not built
    assert _found(cached, text, language) == _found(built, text, language) == _found(
        Geocoder.from_builtin(), text, language)
    assert [p.place_id for p in cached.places] == [p.place_id for p in Geocoder.from_builtin().places]


def test_imported_places_have_an_entry_of_their_own(cache_at: Path) -> None:
    village = Place("import:wof-1", "Qaryat al-Tajriba", "قرية التجربة", "village", "SY", None, None, "sy", 35.0, 37.0,
                    source="import:test")
    plain = load_geocoder()
    with_village = load_geocoder([village])
    assert len(list(cache_at.glob("geocoder-*.pickle"))) == 2
    assert plain.get("import:wof-1") is None
    assert load_geocoder([village]).get("import:wof-1") == with_village.get("import:wof-1") == village


@pytest.mark.parametrize("content", [
    pytest.param(b"", id="empty"),
    pytest.param(b"\x80\x05not a pickle at all", id="garbage"),
    pytest.param(__import__("pickle").dumps({"a": "dict"}), id="another-object"),
])
def test_a_damaged_geocoder_entry_is_rebuilt(cache_at: Path, content: bytes) -> None:
    load_geocoder()
    (entry,) = cache_at.glob("geocoder-*.pickle")
    entry.write_bytes(content)
    geocoder = load_geocoder()
    assert isinstance(geocoder, Geocoder)
    assert _found(geocoder, "Artillery shelled Saraqib.", "en")[0][0] == "sy-saraqib"
    assert isinstance(cache.cached_object("geocoder", entry.name[len("geocoder-"):-len(".pickle")],
                                          lambda: None, Geocoder), Geocoder)  # the rebuilt entry reads back


def test_the_key_follows_every_source_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.csv").write_text("x\n1\n", encoding="utf-8")
    single = tmp_path / "code.py"
    single.write_text("A = 1\n", encoding="utf-8")
    first = cache.fingerprint([folder, single])
    assert cache.fingerprint([folder, single]) == first
    (folder / "a.csv").write_text("x\n2\n", encoding="utf-8")
    second = cache.fingerprint([folder, single])
    single.write_text("A = 2\n", encoding="utf-8")
    third = cache.fingerprint([folder, single])
    (folder / "b.csv").write_text("", encoding="utf-8")
    fourth = cache.fingerprint([folder, single])
    assert len({first, second, third, fourth, cache.fingerprint([folder, single], b"imported")}) == 5


def _content(db: Path) -> dict[str, list]:
    """Everything a new database holds before any report: schema, comments, views, gazetteer, migrations."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        queries = {
            "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default, comment "
                       "FROM duckdb_columns() WHERE database_name = current_database() ORDER BY ALL",
            "tables": "SELECT table_name, comment, sql FROM duckdb_tables() "
                      "WHERE database_name = current_database() ORDER BY ALL",
            "views": "SELECT view_name, comment, sql FROM duckdb_views() "
                     "WHERE database_name = current_database() AND NOT internal ORDER BY ALL",
            "constraints": "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
                           "WHERE database_name = current_database() ORDER BY ALL",
            "places": "SELECT * FROM places ORDER BY ALL",
            "place_names": "SELECT * FROM place_names ORDER BY ALL",
            "migrations": "SELECT version, name FROM schema_migrations ORDER BY ALL",
            "run_rows": "SELECT count(*) FROM ingest_runs",
        }
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def test_a_new_database_from_the_template_holds_what_a_built_one_holds(tmp_path: Path, cache_at: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    run_ingest([], tmp_path / "first.duckdb", progress=False)  # builds the template, then copies it
    assert len(list(cache_at.glob("new-database-*"))) == 1
    run_ingest([], tmp_path / "second.duckdb", progress=False)  # copies it
    monkeypatch.setenv("DMON_CACHE_DIR", "none")
    run_ingest([], tmp_path / "built.duckdb", progress=False)
    built = _content(tmp_path / "built.duckdb")
    assert built["places"] and built["columns"]
    assert _content(tmp_path / "first.duckdb") == _content(tmp_path / "second.duckdb") == built
    con = duckdb.connect(str(tmp_path / "second.duckdb"), read_only=True)
    try:  # the migration rows date from this database's creation, not the template's
        applied, started = con.execute(
            "SELECT (SELECT min(applied_at) FROM schema_migrations), (SELECT min(started_at) FROM ingest_runs)"
        ).fetchone()
    finally:
        con.close()
    assert abs((started - applied).total_seconds()) < 60


def test_an_ingest_into_a_templated_database_stores_what_a_built_one_stores(
        tmp_path: Path, cache_at: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "in" / "report.txt"
    page.parent.mkdir()
    page.write_text(ARTICLE, encoding="utf-8")
    templated = run_ingest([str(page)], tmp_path / "templated.duckdb", progress=False)
    monkeypatch.setenv("DMON_CACHE_DIR", "off")
    built = run_ingest([str(page)], tmp_path / "built.duckdb", progress=False)
    assert templated.reports_new == built.reports_new == 1 and templated.mentions_written == built.mentions_written

    def rows(db: Path) -> list[tuple]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT place_id, event_type, modality, place_name_en, admin1_name, evidence "
                               "FROM mentions_wide ORDER BY ALL").fetchall()
        finally:
            con.close()

    assert rows(tmp_path / "templated.duckdb") == rows(tmp_path / "built.duckdb") != []


def test_a_damaged_template_is_dropped_and_the_database_built(tmp_path: Path, cache_at: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    run_ingest([], tmp_path / "first.duckdb", progress=False)
    (template,) = cache_at.glob("new-database-*")
    template.write_bytes(b"DUCK" * 100)
    with caplog.at_level(logging.WARNING, logger="ingest.pipeline"):
        summary = run_ingest([], tmp_path / "second.duckdb", progress=False)
    assert summary.ok
    assert "could not be opened" in caplog.text and str(template) in caplog.text
    assert _content(tmp_path / "second.duckdb") == _content(tmp_path / "first.duckdb")
    run_ingest([], tmp_path / "third.duckdb", progress=False)  # a good template again
    assert len(list(cache_at.glob("new-database-*"))) == 1


@pytest.mark.parametrize("setting", [pytest.param("none", id="none"), pytest.param("off", id="off"),
                                     pytest.param("", id="empty")])
def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv("DMON_CACHE_DIR", setting)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() is None
    run_ingest([], tmp_path / "db.duckdb", progress=False)
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("DMON_CACHE_DIR", str(blocker / "cache"))
    summary = run_ingest([], tmp_path / "db.duckdb", progress=False)
    assert summary.ok and (tmp_path / "db.duckdb").exists()
    assert isinstance(load_geocoder(), Geocoder)


def test_copy_new_never_replaces_a_file(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(b"template")
    assert cache.copy_new(source, target)
    assert target.read_bytes() == b"template"
    source.write_bytes(b"another")
    assert not cache.copy_new(source, target)
    assert target.read_bytes() == b"template"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source", "target"]  # no temporary left


def test_an_existing_database_is_never_replaced_by_the_template(tmp_path: Path, cache_at: Path) -> None:
    db = tmp_path / "db.duckdb"
    run_ingest([], db, progress=False)
    assert pipeline._from_template(db) is None
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM ingest_runs").fetchone() == (1,)
    finally:
        con.close()


def test_old_entries_are_pruned(cache_at: Path) -> None:
    for i in range(cache.KEEP + 3):
        cache.cached_object("thing", f"key{i}", lambda i=i: i, int)
    assert len(list(cache_at.glob("thing-*"))) == cache.KEEP
    assert cache.cached_object("thing", f"key{cache.KEEP + 2}", lambda: -1, int) == cache.KEEP + 2
