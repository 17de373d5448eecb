"""`normalize_text` keeps bounded per-word caches: emptying them often must not change any result."""

from __future__ import annotations

import pytest

from geo import normalize
from geo.normalize import normalize_text

TEXTS = [
    pytest.param("قصف على والأشرفية وحَلَبَ، ونزوح من ريف إدلب", id="arabic-clitics-marks-punctuation"),
    pytest.param("Shelling hit al-Ashrafiyeh and as-Sukkari; the Al Midan area, all of it", id="latin-articles"),
    pytest.param("ash-Sheikh Maqsoud — el Bab, 'Afrin's camps", id="hyphen-article-and-apostrophes"),
    pytest.param("حلبAleppo 2026 ـ ء al", id="mixed-scripts-and-empty-words"),
]


def _snapshot(text: str) -> tuple:
    norm = normalize_text(text)
    return norm.text, norm.word_norm_starts, norm.word_orig, norm.word_maps


@pytest.mark.parametrize("text", TEXTS)
def test_results_do_not_depend_on_what_the_caches_hold(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    expected = _snapshot(text)
    monkeypatch.setattr(normalize, "_WORDS_MAX", 3)  # the caches are emptied before almost every text
    for other in (p.values[0] for p in TEXTS):
        normalize_text(other)
        assert _snapshot(text) == expected
