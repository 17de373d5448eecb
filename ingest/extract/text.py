"""Text preparation for extraction: length-preserving normalisation, tokens, sentences, clauses.

Every offset produced here is an offset into the original text (`Report.body_text`): the
normaliser maps each character to exactly one character (`str.translate` with a 1:1 table), so
normalised and original text align position by position. Characters that a matcher should
ignore (Arabic diacritics, tatweel) become TATWEEL, which stays inside a word and is removed
from token keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

TATWEEL = "\u0640"

# Paragraph boundary: a blank line. Sentence boundary: a line break, or . ! ? ؟ followed by
# space and something that can start a sentence (so "U.N. agency" and "3.5" stay whole).
_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v]*\n+")
_SENTENCE_END_RE = re.compile(r"[.!?؟…]+[\"'”’»)]*(?=\s+[\"'“‘«(]?[A-Z\u0600-\u06FF0-9])|\n+")
# Clause boundaries inside a sentence: punctuation (list commas included; see attach.py).
_CLAUSE_PUNCT_RE = re.compile(r"[,،;؛:]|\s[-–—]\s|\(|\)")
_TOKEN_RE = re.compile(r"\w+")
_TOKEN_SPLIT_RE = re.compile(r"(\w+)")  # the same words, kept by split between the gaps


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Arabic letter variants -> one form (what geo's normaliser does too, but 1:1 here).
    for src, dst in {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ک": "ك", "ی": "ي", "ڤ": "ف", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز",
    }.items():
        table[ord(src)] = dst
    # Diacritics, superscript alef, Quranic marks, tatweel: ignored inside words.
    for cp in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)]:
        table[cp] = TATWEEL
    # Arabic-Indic and Persian digits -> ASCII; Arabic thousands separator -> comma.
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    table[0x066C] = ","
    table[0x066B] = "."
    # Latin: lower case and strip accents where the result is one character.
    for cp in range(0x41, 0x5B):
        table[cp] = chr(cp + 32)
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        if base.isascii() and base.isalpha():
            table[cp] = base
    # Typographic quotes and dashes -> ASCII.
    for src, dst in {"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"}.items():
        table[ord(src)] = dst
    return table


NORMALISE_TABLE = _build_table()
# The same table as a string indexed by code point (up to the highest one mapped): `str.translate`
# indexes a string instead of hashing into a dict, twice as fast. Code points past its end raise
# IndexError, which `translate` reads as "unchanged", as it reads a missing dict key.
_TABLE_STR = "".join(NORMALISE_TABLE.get(cp, chr(cp)) for cp in range(max(NORMALISE_TABLE) + 1))


def normalise(text: str) -> str:
    """Normalise `text` character by character; the result has exactly the same length."""
    return text.translate(_TABLE_STR)


@lru_cache(maxsize=4096)
def normalise_term(term: str) -> str:
    """Normalise a lexicon term: like `normalise`, then drop ignored characters and extra spaces."""
    return " ".join(normalise(term).replace(TATWEEL, "").split())


def literal_alternation(words: Iterable[str], between: str = "") -> str:
    """A regex matching any of `words` literally, longest first, written as a character trie.

    It matches exactly what ``"|".join(re.escape(w) for w in sorted(set(words), key=len,
    reverse=True))`` matches, trying the same candidates in the same order (of the words that match
    at a position, which are prefixes of one another, the longest first; a greedy optional group
    tries going on before stopping). But the regex engine tests one branch per distinct next
    character instead of every word at every position: several times faster for the long
    vocabularies of month names, relative dates and number words.

    `between`, a regex, may stand between two characters of a word (``"ـ*"``: the tatweel that
    dropped diacritics leave in normalised text): the trie then matches what joining each word's
    escaped characters with `between` and those words longest first matches.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # "" (not a character) marks the end of a word
    return _trie_regex(trie, between, "")


def _trie_regex(node: dict, between: str = "", glue: str = "") -> str:
    children = [glue + re.escape(ch) + _trie_regex(sub, between, between) for ch, sub in sorted(node.items()) if ch]
    if not children:
        return ""
    if "" in node:  # a word ends here: first try the longer ones (greedy), then stop
        return "(?:" + "|".join(children) + ")?"
    return children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"


class Token(NamedTuple):
    """A word: `key` is its normalised form (no diacritics), offsets into the original text.

    A NamedTuple, not a dataclass: reports have thousands of tokens and creation cost matters."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A paragraph, sentence or clause: [start, end) into the original text."""

    start: int
    end: int
    index: int


def tokenize(norm: str) -> list[Token]:
    """Tokens of a normalised text (word characters; Latin apostrophes split words)."""
    if TATWEEL not in norm:  # the common case: every match is a token as it stands
        # One split (gaps and words alternate) and running lengths for the offsets: no match objects.
        parts = _TOKEN_SPLIT_RE.split(norm)
        offsets = list(accumulate(map(len, parts)))  # offsets[2k] = start, offsets[2k+1] = end of word k
        # Token(key, start, end) for each, made by `map` in C: no Python-level loop, no NamedTuple __new__
        return list(map(tuple.__new__, repeat(Token), zip(parts[1::2], offsets[0:-1:2], offsets[1::2], strict=True)))
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(norm):
        key = m.group()
        if TATWEEL in key:
            key = key.replace(TATWEEL, "")
            if not key:
                continue
        append(Token(key, *m.span()))
    return tokens


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[Span]:
    """Paragraphs separated by blank lines."""
    spans, pos = [], 0
    for m in _PARAGRAPH_RE.finditer(text):
        s, e = _trimmed(text, pos, m.start())
        if e > s:
            spans.append(Span(s, e, len(spans)))
        pos = m.end()
    s, e = _trimmed(text, pos, len(text))
    if e > s:
        spans.append(Span(s, e, len(spans)))
    return spans


def sentences(text: str, para: Span) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs inside one paragraph."""
    out, pos = [], para.start
    # (pos/endpos instead of a slice: the same matches, as the pattern looks at nothing behind a match)
    for m in _SENTENCE_END_RE.finditer(text, para.start, para.end):
        end = m.end()
        s, e = _trimmed(text, pos, end)
        if e > s:
            out.append((s, e))
        pos = end
    s, e = _trimmed(text, pos, para.end)
    if e > s:
        out.append((s, e))
    return out


def clause_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets (within [start, end)) where punctuation separates clauses of a sentence."""
    return [m.start() for m in _CLAUSE_PUNCT_RE.finditer(text, start, end)]  # (as `sentences`: no slice)
