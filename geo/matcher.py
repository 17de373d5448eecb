"""One pass over a normalised text with an Aho-Corasick automaton of every gazetteer name.

The automaton holds the normalised form of every name (and, for Arabic names with the article,
the article-less form, accepted only after a contracted ل + ال clitic: للأشرفية). Each hit is
checked against word boundaries: it must end at the end of a word, and start at the start of a
word or, in Arabic, right after a clitic prefix (و ف ب ل ك and their pairs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from geo.normalize import (
    ARTICLE_CONTRACTED_PREFIXES,
    CLITIC_PREFIXES,
    NormalizedText,
    normalize,
    strip_arabic_article,
)


@dataclass(frozen=True)
class NameRef:
    """One gazetteer name of one place, as stored in the automaton."""

    place_id: str
    name: str  # as written in the gazetteer
    method: str  # exact (a primary name) or variant


class Hit(NamedTuple):
    """A name found in the normalised text.

    `start`/`end` delimit the name in the normalised text; `word_start` is where its word begins
    (before any clitic), `clitic` the clitic letters between the two. (A named tuple: thousands are
    made per second.)
    """

    start: int
    end: int
    word_start: int
    clitic: str
    key: str
    refs: tuple[NameRef, ...]


class NameIndex:
    """The automaton over all names of a set of places."""

    def __init__(self, keyed_names: Iterable[tuple[str, NameRef]]) -> None:
        """`keyed_names`: (normalised name, ref) pairs."""
        table: dict[str, dict[str, NameRef]] = {}
        contracted: dict[str, dict[str, NameRef]] = {}
        for key, ref in keyed_names:
            if not key or "|" in key:
                continue
            _add(table.setdefault(key, {}), ref)
            if key.startswith("ال"):
                bare = strip_arabic_article(key)
                if bare:
                    _add(contracted.setdefault(bare, {}), ref)
        self._automaton = ahocorasick.Automaton()
        self._table = {k: tuple(v.values()) for k, v in table.items()}
        bare_table = {k: tuple(v.values()) for k, v in contracted.items()}
        keys = set(self._table) | set(bare_table)
        # Each key is stored with a space after it and the text is scanned with a space after every word
        # (see `scan`), so the automaton reports only names that end where a word ends.
        for key in keys:
            self._automaton.add_word(key + " ", (key, len(key), self._table.get(key, ()), bare_table.get(key, ()), " " in key))
        self.size = len(keys)
        if keys:
            self._automaton.make_automaton()

    def refs(self, name: str) -> tuple[NameRef, ...]:
        """Names whose normalised form equals that of `name` (for lookups)."""
        return self._table.get(normalize(name), ())

    def refs_for_key(self, key: str) -> tuple[NameRef, ...]:
        """Names whose normalised form is `key`."""
        return self._table.get(key, ())

    def scan(self, norm: NormalizedText) -> list[Hit]:
        """All word-bounded hits in `norm`, overlapping ones included (in the automaton's order: by end)."""
        if not self.size or not norm.text:
            return []
        text = norm.text
        # Every separator a space, and one at the end: a key (stored with its trailing space) then matches
        # only at a word end. A name of several words must not span a "|" (punctuation) of the text.
        flat = (text.replace("|", " ") if "|" in text else text) + " "
        rfind = flat.rfind
        new = tuple.__new__  # Hit(...) without the Python-level __new__ of a named tuple
        hits: list[Hit] = []
        for end, (key, size, full, bare, spaced) in self._automaton.iter(flat):
            start = end - size
            if spaced and "|" in text[start:end]:
                continue
            word_start = rfind(" ", 0, start) + 1
            if word_start == start:
                if full:
                    hits.append(new(Hit, (start, end, start, "", key, full)))
                continue
            prefix = text[word_start:start]
            if full and prefix in CLITIC_PREFIXES:
                hits.append(new(Hit, (start, end, word_start, prefix, key, full)))
            elif bare and prefix in ARTICLE_CONTRACTED_PREFIXES:
                hits.append(new(Hit, (start, end, word_start, prefix, key, bare)))
        return hits


def _add(refs: dict[str, NameRef], ref: NameRef) -> None:
    """Keep one ref per place, preferring a primary (exact) name."""
    current = refs.get(ref.place_id)
    if current is None or (ref.method == "exact" and current.method != "exact"):
        refs[ref.place_id] = ref
