"""Normalisation, tokens and segmentation used by extraction: offsets must stay offsets into the body."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.text import (
    _CLAUSE_PUNCT_RE,
    _SENTENCE_END_RE,
    clause_breaks,
    normalise,
    paragraphs,
    sentences,
    tokenize,
)


@given(st.text())
def test_normalise_keeps_length_so_offsets_align(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        pytest.param("الطائرات المسيّرة", ["الطايرات", "المسيره"], id="shadda-and-hamza"),
        pytest.param("قصفٌ عنيفٌ", ["قصف", "عنيف"], id="tanwin"),
        pytest.param("إلى أمس", ["الي", "امس"], id="alef-forms-and-alef-maqsura"),
        pytest.param("٣١٠ عائلات", ["310", "عايلات"], id="arabic-indic-digits"),
        pytest.param("Şêxmeqsûd SHELLED", ["sexmeqsud", "shelled"], id="latin-accents-and-case"),
        pytest.param("بـ\"جرائم", ["ب", "جرايم"], id="tatweel-is-not-a-word"),
    ],
)
def test_token_keys(raw: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(normalise(raw))] == keys


def test_token_offsets_point_into_the_original_text() -> None:
    text = "نزحت العائلاتُ من حيّ الشيخ مقصود"
    for tok in tokenize(normalise(text)):
        assert normalise(text[tok.start:tok.end]).replace("\u0640", "") == tok.key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Shelling hit Idlib. Families fled.", ["Shelling hit Idlib.", "Families fled."], id="english"),
        pytest.param("The U.N. agency said 3.5 million people fled. Aid arrived.",
                     ["The U.N. agency said 3.5 million people fled.", "Aid arrived."], id="abbreviation-decimal"),
        pytest.param("قصف على الحي. ونزحت عائلات؟ نعم", ["قصف على الحي.", "ونزحت عائلات؟", "نعم"], id="arabic"),
        pytest.param("Title line\nBody sentence.", ["Title line", "Body sentence."], id="line-break"),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    got = [text[s:e] for p in paragraphs(text) for s, e in sentences(text, p)]
    assert got == expected


def test_paragraphs_split_on_blank_lines_only() -> None:
    text = "First para.\nStill first.\n\n  \nSecond."
    assert [text[p.start:p.end] for p in paragraphs(text)] == ["First para.\nStill first.", "Second."]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab C.!?؟… \n\"'”»(),،;:-–—قصف3", max_size=60))
def test_sentences_and_clause_breaks_read_the_text_as_their_slice(text: str) -> None:
    # Both search the body between two offsets (pos/endpos) instead of a copied slice: the same matches.
    for para in paragraphs(text):
        chunk = text[para.start:para.end]
        sliced = [para.start + m.end() for m in _SENTENCE_END_RE.finditer(chunk)]
        assert [m.end() for m in _SENTENCE_END_RE.finditer(text, para.start, para.end)] == sliced
        for s, e in sentences(text, para):
            assert clause_breaks(text, s, e) == [s + m.start() for m in _CLAUSE_PUNCT_RE.finditer(text[s:e])]
