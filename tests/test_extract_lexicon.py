"""The lexicon finds words through their affixes, from data files, and refuses bad files clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.lexicon import LexiconError, default_lexicon, load_lexicon
from ingest.extract.text import normalise, tokenize


def labels(text: str, cls: str = "event") -> list[str]:
    lex = default_lexicon()
    return [h.label for h in lex.find(tokenize(normalise(text))) if h.cls == cls]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        pytest.param("وبالقصف", "shelling", id="wa-bi-al-prefixes"),
        pytest.param("قصفت", "shelling", id="past-feminine"),
        pytest.param("يقصفون", "shelling", id="imperfect-plural"),
        pytest.param("القذائف", "shelling", id="broken-plural"),
        pytest.param("نزحوا", "displacement", id="verb-plural"),
        pytest.param("تهجير", "displacement", id="tahjir"),
        pytest.param("الغارات", "airstrike", id="feminine-plural-from-taa-marbuta"),
        pytest.param("غارته", "airstrike", id="taa-marbuta-with-pronoun"),
        pytest.param("الطائرات المسيّرة", "drone_strike", id="two-word-pattern"),
        pytest.param("اشتباكات", "armed_clash", id="clashes"),
        pytest.param("وقف إطلاق النار", "ceasefire", id="three-word-pattern"),
        pytest.param("بوقف فوري لإطلاق النار", "ceasefire", id="gapped-pattern"),
        pytest.param("مرور الفارين بشكل آمن", "aid_access", id="gapped-safe-passage"),
        pytest.param("shelled", "shelling", id="en-ed"),
        pytest.param("evacuating", "displacement", id="en-ing-e-restored"),
        pytest.param("airstrikes", "airstrike", id="en-plural"),
        pytest.param("cease-fire", "ceasefire", id="en-hyphenated"),
    ],
)
def test_trigger_forms(text: str, event_type: str) -> None:
    assert event_type in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("وفرت المنظمة الخيام", id="wafarat-provided-is-not-fled"),
        pytest.param("مقصف الجامعة", id="cafeteria-is-not-shelling"),
        pytest.param("notes", id="notes-is-not-not"),
    ],
)
def test_lookalikes_are_not_triggers(text: str) -> None:
    assert labels(text) == []
    assert "negation" not in labels(text, "negation")


def test_exact_words_take_only_conjunctions() -> None:
    assert labels("ولم", "negation") == ["negation"]
    assert labels("الم", "negation") == []


def test_missing_lexicon_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"affixes\.csv is missing"):
        load_lexicon(tmp_path)


def test_pattern_must_not_start_with_a_gap(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[1] / "data" / "lexicon"
    for f in src.glob("*.csv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "en,... shelling,shelling,noun,,,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="must start and end with a word"):
        load_lexicon(tmp_path)
