"""The fast paths of extraction give exactly what the plain code they replaced gives.

Each speed-up in text.py, lexicon.py and dates.py replaced a simple formulation by a faster one
(a trie-shaped regex for a list of words, a split instead of match objects, a string-indexed
translate table, patterns skipped when their words are absent). These tests compare the two on
generated inputs, so a later edit that breaks the equivalence fails here and not silently in the
extraction output.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract import dates, figures, mentions
from ingest.extract.lexicon import default_lexicon
from ingest.extract.text import (
    NORMALISE_TABLE,
    Token,
    literal_alternation,
    normalise,
    normalise_term,
    tokenize,
)

_TOKEN_RE = re.compile(r"\w+")
# Small alphabets make words that are prefixes of one another, the case the alternation order decides.
WORDS = st.lists(st.text(alphabet="abc .", min_size=0, max_size=4), max_size=8)
TEXTS = st.text(alphabet="abcx .,\n", max_size=20)
CONTEXTS = ["(?<![\\w])(?P<g>{})(?![\\w])", "(?P<g>{})(?:\\s+x)?(?![a])", "(?P<g>{})c", "(?P<g>{})"]


def _joined(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@pytest.mark.parametrize("context", CONTEXTS, ids=["bounded", "optional-tail", "literal-after", "bare"])
@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=TEXTS)
def test_literal_alternation_matches_like_the_joined_words(context: str, words: list[str], text: str) -> None:
    joined = re.compile(context.format(_joined(words)))
    trie = re.compile(context.format(literal_alternation(words)))
    assert [(m.span(), m.span("g")) for m in trie.finditer(text)] == \
        [(m.span(), m.span("g")) for m in joined.finditer(text)]


@pytest.mark.parametrize("context", CONTEXTS, ids=["bounded", "optional-tail", "literal-after", "bare"])
@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet="abcx .,\n", max_size=20))
def test_literal_alternation_with_a_filler_between_characters(context: str, words: list[str], text: str) -> None:
    # "x*" stands for the tatweel that dropped diacritics leave inside normalised words.
    spelled = "|".join("x*".join(re.escape(ch) for ch in w) for w in sorted(set(words), key=len, reverse=True))
    joined = re.compile(context.format(spelled))
    trie = re.compile(context.format(literal_alternation(words, between="x*")))
    assert [(m.span(), m.span("g")) for m in trie.finditer(text)] == \
        [(m.span(), m.span("g")) for m in joined.finditer(text)]


@lru_cache(maxsize=1)
def _number_pattern_as_joined_words() -> re.Pattern:
    """figures' number pattern as it was written before the tries: each word list joined, longest first."""

    def joined(words, between: str = "") -> str:  # the old code: tatweel allowed whatever the call says
        return "|".join(figures._spelled(w) for w in sorted(words, key=len, reverse=True))

    with mock.patch.object(figures, "literal_alternation", joined):
        gap_form = figures._number_patterns.__wrapped__(default_lexicon()).number.pattern
    # ... and with the word-start lookbehind in front it had before `_numbers` scanned for the gap before it
    body = gap_form[gap_form.index("(?P<n>") + len("(?P<n>"):-1]
    return re.compile(r"(?:(?<![\w.,/-])|(?<=(?<![\w])[وفب]))" + body)


_NUMBER_WORDS = [normalise_term(r["word"]) for r in default_lexicon().extra["numbers.csv"]] + \
    ["1", "26", "751", "1,200", "3.5", "2025", "و", "ب", "ال", "x", "قتيل", "-", "/", "%", ".", ","]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_NUMBER_WORDS), min_size=1, max_size=10),
       seps=st.lists(st.sampled_from([" ", " ", "", "\u0640", "\u0640\u0640", ", ", "\n", " و"]), min_size=10,
                     max_size=10),
       tatweels=st.lists(st.integers(min_value=0, max_value=6), min_size=10, max_size=10))
def test_number_pattern_tries_match_like_the_joined_words(words: list[str], seps: list[str],
                                                          tatweels: list[int]) -> None:
    pats = figures._number_patterns(default_lexicon())
    reference = _number_pattern_as_joined_words()
    assert pats.number.pattern[pats.number.pattern.index("(?P<n>") + 6:-1] not in reference.pattern  # tries in use
    parts = []
    for word, sep, at in zip(words, seps, tatweels, strict=False):
        if at and at < len(word):  # a dropped diacritic inside the word
            word = word[:at] + "\u0640" + word[at:]
        parts.append(word + sep)
    text = "".join(parts)
    groups = ("digits", "word", "dual", "mult", "rest")
    assert [{g: n.group(g) for g in groups} | {"span": (n.start(), n.end())} for n in figures._numbers(pats, text)] == \
        [{g: m.group(g) for g in groups} | {"span": m.span()} for m in _number_pattern_as_joined_words().finditer(text)]


@pytest.mark.parametrize(("words", "text", "expected"), [
    pytest.param(["ab", "abc", "b"], "abc b ab", ["abc", "b", "ab"], id="longest-first"),
    pytest.param(["كانون الثاني", "كانون"], "كانون الثاني", ["كانون الثاني"], id="arabic-phrase"),
    pytest.param([], "abc", ["", "", "", ""], id="empty-list-matches-empty"),
])
def test_literal_alternation_examples(words: list[str], text: str, expected: list[str]) -> None:
    assert [m.group() for m in re.finditer(literal_alternation(words), text)] == expected


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab ,.\nقصف 12_'-é\u0640", max_size=40))
def test_tokenize_gives_the_word_matches(text: str) -> None:
    expected = []
    for m in _TOKEN_RE.finditer(text):
        key = m.group().replace("\u0640", "")
        if key:
            expected.append(Token(key, m.start(), m.end()))
    assert tokenize(text) == expected


def test_normalise_table_string_equals_the_dict_table() -> None:
    text = "".join(chr(cp) for cp in range(0x3000)) + "\U0001F600\ufeff"
    assert normalise(text) == text.translate(NORMALISE_TABLE)


_DATE_WORDS = [r["name"] for r in default_lexicon().extra["months.csv"]] + \
    [r["name"] for r in default_lexicon().extra["weekdays.csv"]] + \
    [r["pattern"] for r in default_lexicon().extra["relative_dates.csv"]] + \
    ["منذ", "since", "صباح", "on", "last", "the", "عام", "in", "late", "2024", "6", "12", "2026", "31",
     "1/2/2025", "2025-03-04", "days ago", "يوما", "قبل", "3", "و", "ب", "x", "قصف", ",", ".", "-", "\n", "1st"]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_DATE_WORDS), min_size=1, max_size=14),
       seps=st.lists(st.sampled_from([" ", " ", "", ", ", "\n"]), min_size=14, max_size=14),
       published=st.sampled_from([None, date(2026, 1, 6)]))
def test_find_dates_skips_only_patterns_that_cannot_match(words: list[str], seps: list[str],
                                                         published: date | None) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    norm = normalise(text)
    skipped = dates.find_dates(norm, text, published)
    with pytest.MonkeyPatch.context() as mp:  # every pattern runs in its windows
        mp.setattr(dates, "_absent_words", lambda norm, pats: set())
        full = dates.find_dates(norm, text, published)
    assert skipped == full


def test_find_dates_skips_patterns_whose_words_are_absent() -> None:
    pats = dates._patterns(default_lexicon())
    assert dates._absent_words(normalise("قصفت المدفعية حي الشيخ مقصود يوم 6 كانون الثاني 2026"), pats) == \
        {"rel", "wd", "ago"}
    assert dates._absent_words(normalise("قصفت المدفعية الحي أمس منذ يومين"), pats) == {"wd"}
    assert dates._absent_words(normalise("Artillery shelled the town on Tuesday"), pats) == {"rel", "ago"}


@pytest.mark.parametrize(("text", "is_credit"), [
    pytest.param("Residents flee the shelling (Reuters)", True, id="agency-in-brackets"),
    pytest.param("Smoke rises over the camp. AFP", True, id="agency-after-full-stop"),
    pytest.param("Smoke rises over the camp. reuterſ", True, id="long-s-ignorecase"),
    pytest.param("Smoke rises over the camp. Getty Images", True, id="longest-agency"),
    pytest.param("نازحون في مخيم قرب المدينة، رويترز", True, id="arabic-agency"),
    pytest.param("Photo: a displaced family", True, id="photo-colon"),
    pytest.param("The shelling went on through the night", False, id="no-credit"),
    pytest.param("Talks on the AP highway resumed", False, id="agency-word-not-at-end"),
])
def test_caption_quick_check_never_hides_a_credit(text: str, is_credit: bool) -> None:
    """`_may_be_credit` says yes wherever the credit regex matches (the agency list, its longest name
    and its last letters all come from CREDIT_AGENCIES), and no for plain prose."""
    assert bool(mentions.CAPTION_CREDIT.search(text)) is is_credit
    assert mentions._may_be_credit(text) is is_credit


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaPpSsſ().،: رويترزEFGIRUTgmy", max_size=30))
def test_caption_quick_check_on_generated_endings(text: str) -> None:
    """Texts made of agency letters, brackets and stops: wherever the credit regex matches, so does the check."""
    text = text.strip()
    if text and mentions.CAPTION_CREDIT.search(text):
        assert mentions._may_be_credit(text)
