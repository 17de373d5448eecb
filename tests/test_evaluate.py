"""The evaluator's scoring rules, on hand-built predictions, and the `dmon evaluate` / `dmon explain` commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dmon.cli import main
from geo.geocoder import Geocoder
from geo.types import Place
from ingest.evaluate import GoldEvent, GoldFormatError, GoldItem, read_gold, score_item
from ingest.records import Extraction, Mention, Report, Statement

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SM, ALEPPO, ASH = "sy-aleppo-sheikh-maqsoud", "sy-aleppo", "sy-aleppo-ashrafieh"


def item(events, statements=(), boilerplate=None) -> GoldItem:
    return GoldItem("g1", "ar", "2026-01-07", None, None, "text", boilerplate, tuple(events), tuple(statements), ())


def mention(place: str, etype: str, modality: str = "reported", when: date | None = None, start: int = 0,
            confidence: float = 0.9) -> Mention:
    return Mention("r", place, etype, modality, when, "day" if when else None, "evidence", start, start + 8,
                   confidence, "p", start, start + 1, "t", start, start + 1, "exact", 1)


REPORT = Report("r", "u", None, None, "ar", date(2026, 1, 7), "body text " * 5, "0", "text")


def test_perfect_prediction(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "shelling", "reported", date(2026, 1, 6))],
                [{"organisation": "UNICEF", "date": "2026-01-07", "gist_type": "call"}])
    pred = Extraction((mention(SM, "shelling", when=date(2026, 1, 6)),),
                      (Statement("r", "UNICEF", "اليونيسف", date(2026, 1, 7), "day", "e", 0, 1, "call"),))
    c, errors = score_item(gold, REPORT, pred, geocoder)
    assert errors == []
    s = c.scores()
    assert (s["place_precision"], s["place_recall"], s["event_type_f1"], s["modality_accuracy"],
            s["date_accuracy"], s["statement_precision"], s["gist_accuracy"]) == (1.0,) * 7


def test_ancestor_of_gold_place_is_neither_right_nor_wrong(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "shelling", "reported", None)])
    pred = Extraction((mention(SM, "shelling"), mention(ALEPPO, "shelling")))
    c, _ = score_item(gold, REPORT, pred, geocoder)
    assert (c.place_tp, c.place_fp, c.type_tp, c.type_fp) == (1, 0, 1, 0)


def test_ancestor_with_another_type_is_a_type_error(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "shelling", "reported", None)])
    pred = Extraction((mention(SM, "shelling"), mention(ALEPPO, "siege")))
    c, errors = score_item(gold, REPORT, pred, geocoder)
    assert (c.place_fp, c.type_fp) == (0, 1)
    assert [e["kind"] for e in errors] == ["type_fp"]


def test_modality_sets_must_match(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "displacement", "reported", None), GoldEvent(SM, "displacement", "warned", None)])
    only_reported = Extraction((mention(SM, "displacement"),))
    c, errors = score_item(gold, REPORT, only_reported, geocoder)
    assert (c.modality_pairs, c.modality_correct) == (1, 0)
    assert errors[0]["gold"] == ["reported", "warned"] and errors[0]["predicted"] == ["reported"]
    both = Extraction((mention(SM, "displacement"), mention(SM, "displacement", "warned", start=20)))
    assert score_item(gold, REPORT, both, geocoder)[0].modality_correct == 1


def test_wrong_place_counts_on_both_sides(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "shelling", "reported", None)])
    c, _ = score_item(gold, REPORT, Extraction((mention(ASH, "shelling"),)), geocoder)
    assert (c.place_tp, c.place_fp, c.place_fn, c.type_fp, c.type_fn) == (0, 1, 1, 1, 1)


def test_date_uses_the_most_confident_mention(geocoder: Geocoder) -> None:
    gold = item([GoldEvent(SM, "shelling", "reported", date(2026, 1, 6))])
    pred = Extraction((mention(SM, "shelling", when=date(2026, 1, 7), confidence=0.4),
                       mention(SM, "shelling", when=date(2026, 1, 6), start=30, confidence=0.9)))
    c, _ = score_item(gold, REPORT, pred, geocoder)
    assert (c.date_total, c.date_correct) == (1, 1)


def test_boilerplate_leak_is_counted(geocoder: Geocoder) -> None:
    report = Report("r", "u", None, None, "ar", None, "article\n\nالتعليقات الطويلة\nنص", "0", "text")
    gold = item([], boilerplate="التعليقات الطويلة\nنص")
    leak = Extraction((mention("iq-baghdad", "shelling", start=report.body_text.index("التعليقات")),))
    c, errors = score_item(gold, report, leak, geocoder)
    assert c.boilerplate_places == 1 and any(e["kind"] == "boilerplate" for e in errors)


def test_places_missing_from_the_gazetteer_lower_the_recall_with_gaps(geocoder: Geocoder, tmp_path: Path) -> None:
    line = {"id": "real-1", "language": "en", "published": "2026-01-07", "text": "Shelling hit Sheikh Maqsoud "
            "and the village of Example Hamlet.", "events": [{"place_id": SM, "event_type": "shelling",
            "modality": "reported"}], "statements": [], "gazetteer_gaps": [
                {"name": "Example Hamlet", "country": "sy", "kind": "village", "parent": "sy-gov-aleppo",
                 "event_types": ["shelling"]}]}
    gold = tmp_path / "real.jsonl"
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (read,) = read_gold(gold)
    assert read.gazetteer_gaps[0]["name"] == "Example Hamlet"
    c, _ = score_item(read, REPORT, Extraction((mention(SM, "shelling"),)), geocoder)
    s = c.scores()
    assert (s["place_recall"], s["gazetteer_gap_places"], s["place_recall_with_gaps"]) == (1.0, 1, 0.5)
    # The same gap found through an imported place is a hit for recall-with-gaps, not a false place.
    hamlet = Place(place_id="imp-example-hamlet", name_en="Example Hamlet", name_ar="", kind="village",
                   country_code="SY", lat=36.4, lon=37.0)
    with_import = Geocoder.from_builtin(extra_places=[hamlet])
    c, errors = score_item(read, REPORT, Extraction((mention(SM, "shelling"),
                                                     mention("imp-example-hamlet", "shelling"))), with_import)
    s = c.scores()
    assert (s["place_precision"], s["event_type_precision"], s["place_recall_with_gaps"]) == (1.0, 1.0, 1.0)
    assert [e["kind"] for e in errors] == ["gap_found"]


def test_gold_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "language": "ar", "text": "t", "events": []}\n{"id": "y"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:2: missing keys"):
        read_gold(bad)


def test_raw_document_appends_boilerplate_after_the_body() -> None:
    (first, _) = read_gold(FIXTURES / "mini_gold.jsonl")
    raw = first.raw_document()
    assert raw.origin == "gold:mini-ar-1" and raw.kind == "text"
    assert raw.payload.index(first.text) < raw.payload.index("التعليقات")
    assert raw.meta["published"] == "2026-01-07"


def test_dmon_evaluate_json_and_table() -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["evaluate", str(FIXTURES / "mini_gold.jsonl"), "--json", "-V"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["overall"]["reports"] == 2
    assert set(data["by_language"]) == {"ar", "en"}
    assert data["overall"]["place_recall"] == 1.0
    assert data["overall"]["boilerplate_places"] == 0
    assert isinstance(data["errors"], list)
    table = runner.invoke(main, ["evaluate", str(FIXTURES)])
    assert table.exit_code == 0 and "place_precision" in table.output and "modality_accuracy" in table.output


def test_dmon_evaluate_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["evaluate", str(bad)])
    assert res.exit_code != 0 and "not valid JSON" in res.output


def test_dmon_explain_highlights_place_and_trigger(tmp_path: Path) -> None:
    page = tmp_path / "report.txt"
    page.write_text("قصف على الشيخ مقصود\n\nقصفت القوات حي الشيخ مقصود في حلب أمس.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["explain", str(page), "--no-color"])
    assert res.exit_code == 0, res.output
    assert "shelling / reported @ sy-aleppo-sheikh-maqsoud" in res.output
    assert "<<قصفت>>" in res.output and "[[الشيخ مقصود]]" in res.output
    assert "type:" in res.output and "date:" in res.output


def test_dmon_explain_missing_file(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["explain", str(tmp_path / "nope.txt")])
    assert res.exit_code != 0 and "no such file" in res.output


def test_dmon_evaluate_can_match_places_imported_into_a_database(tmp_path: Path) -> None:
    """--gazetteer-db scores the extraction as ingest into that database would run it."""
    import duckdb

    points = tmp_path / "villages.csv"
    points.write_text("name_en,name_ar,lat,lon\nKhirbet Testiyeh,خربة تستية,36.41,37.05\n", encoding="utf-8")
    db = tmp_path / "gaz.duckdb"
    runner = CliRunner()
    imported = runner.invoke(main, ["gazetteer", "import", str(points), "--db", str(db)])
    assert imported.exit_code == 0, imported.output
    with duckdb.connect(str(db), read_only=True) as con:
        (place_id,) = con.execute("SELECT place_id FROM places WHERE name_en = 'Khirbet Testiyeh'").fetchone()
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "imp-1", "language": "ar", "published": "2026-01-07", "title": "",
        "text": "قصفت القوات الحكومية قرية خربة تستية في ريف حلب الشمالي أمس.",
        "events": [{"place_id": place_id, "event_type": "shelling", "modality": "reported"}],
        "statements": []}, ensure_ascii=False) + "\n", encoding="utf-8")

    def recall(*extra: str) -> float | None:
        res = runner.invoke(main, ["evaluate", str(gold), "--json", *extra])
        assert res.exit_code == 0, res.output
        return json.loads(res.output)["overall"]["place_recall"]

    assert recall() == 0.0  # the built-in gazetteer does not know the village
    assert recall("--gazetteer-db", str(db)) == 1.0
    missing = runner.invoke(main, ["evaluate", str(gold), "--gazetteer-db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def _annotation(report_id: str, events: list[tuple[str, str, str]], *, statements=(), figures=(), gaps=()) -> dict:
    return {"id": report_id, "language": "en", "published": "2026-01-07",
            "text": "Shelling hit Sheikh Maqsoud and Ashrafieh; families fled. Amnesty International called "
                    "for safe passage.",
            "events": [{"place_id": p, "event_type": t, "modality": m} for p, t, m in events],
            "statements": list(statements), "figures": list(figures),
            "gazetteer_gaps": [{"name": g, "country": "sy", "kind": "village"} for g in gaps]}


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path



def test_agreement_scores_one_annotation_against_another(tmp_path: Path) -> None:
    amnesty_call = {"organisation": "Amnesty International", "date": "2026-01-07", "gist_type": "call"}
    first = _write(tmp_path / "a.jsonl", [
        _annotation("r1", [(SM, "shelling", "reported"), (SM, "displacement", "reported"),
                           (ASH, "shelling", "reported")], statements=[amnesty_call],
                    figures=[{"place_id": SM, "category": "displaced", "quantity": 40, "unit": "families"}],
                    gaps=["Example Hamlet"]),
        _annotation("r2", [(SM, "ceasefire", "denied")]),
        _annotation("r3", [])])
    # The second annotator: the same places, one type read differently, a modality differs, a statement
    # with another gist, the same gap; r3 is missing from their file and r9 is not in the first.
    second = _write(tmp_path / "b.jsonl", [
        _annotation("r1", [(SM, "shelling", "reported"), (SM, "displacement", "reported"),
                           (ASH, "airstrike", "reported")], statements=[{**amnesty_call, "gist_type": "concern"}],
                    figures=[{"place_id": SM, "category": "displaced", "quantity": 40, "unit": "families"}],
                    gaps=["example hamlet"]),
        _annotation("r2", [(SM, "ceasefire", "reported")]),
        _annotation("r9", [(SM, "shelling", "reported")])])
    res = CliRunner().invoke(main, ["evaluate", str(first), "--against", str(second), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout[res.stdout.index("{"):])["overall"]
    assert scores["reports"] == 2
    assert (scores["place_precision"], scores["place_recall"]) == (1.0, 1.0)
    # 3 of the 4 (place, type) pairs on each side agree.
    assert scores["event_type_f1"] == pytest.approx(0.75)
    assert scores["modality_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert (scores["statement_precision"], scores["gist_accuracy"]) == (1.0, 0.0)
    assert (scores["figure_precision"], scores["figure_recall"]) == (1.0, 1.0)
    # Both listed the same missing village (spelled with other capitals): that counts as agreement.
    assert scores["place_recall_with_gaps"] == 1.0
    assert "1 report(s) missing from" in res.stderr and "r3" in res.stderr and "r9" in res.stderr


def test_agreement_of_an_annotation_with_itself_is_perfect(tmp_path: Path) -> None:
    rows = [_annotation("r1", [(SM, "shelling", "reported"), (ASH, "displacement", "warned")])]
    path = _write(tmp_path / "a.jsonl", rows)
    res = CliRunner().invoke(main, ["evaluate", str(path), "--against", str(path)])
    assert res.exit_code == 0, res.output
    assert "1 reports paired by id" in res.output
    assert "event_type_f1                  1.000" in res.output


def test_agreement_without_shared_ids_is_a_clear_error(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [_annotation("r1", [(SM, "shelling", "reported")])])
    second = _write(tmp_path / "b.jsonl", [_annotation("other", [(SM, "shelling", "reported")])])
    res = CliRunner().invoke(main, ["evaluate", str(first), "--against", str(second)])
    assert res.exit_code != 0
    assert "same ids" in res.output


@pytest.mark.parametrize(("written", "expected"), [
    pytest.param("Example Hamlet (قرية المثال)", {"Example Hamlet", "قرية المثال"}, id="both-scripts"),
    pytest.param("حي المثال (حلب)", {"حي المثال"}, id="arabic-locator-is-not-a-name"),
    pytest.param("Example Hospital (Aleppo)", {"Example Hospital"}, id="latin-locator-is-not-a-name"),
    pytest.param("Example Hamlet", {"Example Hamlet"}, id="plain"),
])
def test_gap_names_read_a_bracketed_translation_but_not_a_locator(written: str, expected: set[str]) -> None:
    from geo.normalize import normalize
    from ingest.evaluate import _gap_names

    gap = GoldItem(**{**item([]).__dict__, "gazetteer_gaps": ({"name": written},)})
    names = _gap_names(gap)
    assert {normalize(n) for n in expected} <= names
    assert not names & {normalize("حلب"), normalize("Aleppo")}


def test_agreement_with_a_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [_annotation("r1", [(SM, "shelling", "reported")])])
    second = tmp_path / "b.jsonl"
    second.write_bytes('{"id": "r1", "text": "قصف"}\n'.encode("windows-1256"))
    res = CliRunner().invoke(main, ["evaluate", str(first), "--against", str(second)])
    assert res.exit_code == 1  # a ClickException: one line, no traceback
    assert "is not UTF-8 text" in res.output and "b.jsonl" in res.output
