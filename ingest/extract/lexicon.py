"""The extraction lexicon: data/lexicon/*.csv compiled once per process into fast matchers.

Words are looked up by *analysis*, not by listing every surface form: a token is split into
every (proclitic, core, enclitic) combination the affix tables allow and each core is looked up
in a dictionary of lexicon words. So "وبالقصف", "قصفت", "يقصفون" all reach the word قصف, and a
lexicon line is one word, not forty. Analyses are cached per distinct token, so a corpus pays
for each word form once.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ingest.extract.text import Token, normalise_term

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"
GAP = "..."
MAX_GAP = 4
CONJUNCTIONS = ("", "و", "ف")
# Very frequent cue classes that only matter next to a negation: looked up on demand
# (`Lexicon.has_class`), not emitted as hits for every "the"/"من" of a report.
LAZY_CLASSES = frozenset({"neg_filler"})
_KEY = itemgetter(0)  # a Token's key


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


@dataclass(frozen=True)
class Entry:
    """One lexicon line: a pattern (sequence of word keys, GAP allowed) and what it means."""

    words: tuple[str, ...]
    cls: str  # "event" or a cue class
    label: str  # event type for events, the cue class again for cues
    kind: str = "noun"
    needs: str = ""
    blocked_by: str = ""
    text: str = ""  # the pattern as written in the file
    window: int = 0  # for cues with a reach (negation): how many words it governs
    order: int = 0  # position in the lexicon files: breaks ties deterministically
    weak: bool = False  # a polysemous event word (events.csv strength=weak): needs a conflict frame

    @property
    def length(self) -> int:
        return sum(1 for w in self.words if w != GAP)


class Hit(NamedTuple):
    """A lexicon entry found in a text: token span [tok_start, tok_end) and char span.

    `cls` and `label` repeat the entry's (fields, not properties: the rules read them a lot)."""

    entry: Entry
    tok_start: int
    tok_end: int
    start: int
    end: int
    cls: str
    label: str


class _Plan(NamedTuple):
    """What one token can open, by entry: one-word event entries and one-word cue entries, as (entry, class,
    label), in lexicon order; longer entries by their second word; longer entries whose second word is a
    gap. Built once per distinct token (`Lexicon._plan`)."""

    event_words: tuple[tuple[Entry, str, str], ...]
    cue_words: tuple[tuple[Entry, str, str], ...]
    by_second: dict[str, tuple[Entry, ...]]
    gapped: tuple[Entry, ...]


def _tok_start(hit: Hit) -> int:
    return hit.tok_start


def _longest_first(hit: Hit) -> tuple[int, int]:
    return hit.tok_start - hit.tok_end, hit.entry.order


def _read_csv(name: str, directory: Path) -> list[dict[str, str]]:
    path = directory / name
    if not path.is_file():
        raise LexiconError(f"lexicon file {path} is missing; restore it from git (data/lexicon/).")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines))
    if not rows:
        raise LexiconError(f"lexicon file {path} has no rows.")
    return rows


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


@dataclass
class _WordSpec:
    word: str
    exact: bool
    verb: bool = False


@dataclass(eq=False)
class Lexicon:
    """Compiled lexicon: word analysis plus pattern index."""

    entries: list[Entry]
    noun_prefixes: tuple[str, ...]
    verb_prefixes: tuple[str, ...]
    ar_suffixes: tuple[str, ...]
    en_suffixes: tuple[str, ...]
    words: dict[str, _WordSpec] = field(default_factory=dict)
    core_index: dict[str, list[str]] = field(default_factory=dict)
    by_first: dict[str, list[Entry]] = field(default_factory=dict)
    extra: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    single_words: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        core_index: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for key in entry.words:
                if key == GAP or key in self.words:
                    if key != GAP and entry.kind == "verb":
                        self.words[key].verb = True
                    continue
                exact = key.startswith("=")
                word = key.lstrip("=")
                spec = _WordSpec(word, exact, entry.kind == "verb")
                self.words[key] = spec
                for base in self._bases(word, exact):
                    core_index[base].append(key)
            by_first[entry.words[0]].append(entry)
        for lst in by_first.values():
            lst.sort(key=lambda e: -e.length)
        self.core_index = dict(core_index)
        self.by_first = dict(by_first)
        singles: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            if len(entry.words) == 1:
                singles[entry.cls].add(entry.words[0])
        self.single_words = {cls: frozenset(words) for cls, words in singles.items()}
        self.analyse = lru_cache(maxsize=200_000)(self._analyse)
        self._plan = lru_cache(maxsize=200_000)(self._token_plan)

    @staticmethod
    def _bases(word: str, exact: bool) -> list[str]:
        if exact or not _is_arabic(word):
            return [word]
        bases = [word]
        if word.endswith("ه") and len(word) > 2:  # taa marbuta: غارة -> غارات، غارته
            bases += [word[:-1] + "ات", word[:-1] + "ت"]
        if word.endswith("اء") and len(word) > 3:  # hamza on a seat before a suffix: إخلاء -> إخلائها
            bases.append(word[:-1] + "ي")
        return bases

    def _analyse(self, token: str) -> tuple[str, ...]:
        """Every lexicon word key that `token` (a normalised token key) can be a form of."""
        found: set[str] = set()
        if _is_arabic(token):
            for prefix in ("", *self.noun_prefixes, *self.verb_prefixes):
                if not token.startswith(prefix):
                    continue
                rest = token[len(prefix):]
                for suffix in ("", *self.ar_suffixes):
                    if not rest.endswith(suffix) or len(rest) - len(suffix) < 2:
                        continue
                    core = rest[: len(rest) - len(suffix)] if suffix else rest
                    for key in self.core_index.get(core, ()):
                        spec = self.words[key]
                        if spec.exact:
                            if suffix or prefix not in CONJUNCTIONS:
                                continue
                        elif prefix in self.verb_prefixes and not spec.verb:
                            continue
                        found.add(key)
        else:
            for key in self.core_index.get(token, ()):
                found.add(key)
            if len(token) > 3:
                for suffix in self.en_suffixes:
                    if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                        core = token[: -len(suffix)]
                        cores = [core, core + "e"]
                        if len(core) > 3 and core[-1] == core[-2]:
                            cores.append(core[:-1])
                        for c in cores:
                            for key in self.core_index.get(c, ()):
                                spec = self.words[key]
                                if not spec.exact and len(spec.word) > 3:
                                    found.add(key)
        return tuple(sorted(found))

    def has_class(self, token_key: str, cls: str) -> bool:
        """Is this token (alone) a word of cue class `cls`? Used for the lazy classes."""
        return any(key in self.single_words.get(cls, ()) for key in self.analyse(token_key))

    def _token_plan(self, token: str) -> _Plan | tuple[()]:
        """What a token can open (lazy classes left out), or () when nothing: see `_Plan`. Cached per
        distinct token."""
        entries = [entry for key in self.analyse(token) for entry in self.by_first.get(key, ())
                   if entry.cls not in LAZY_CLASSES]
        if not entries:
            return ()
        entries.sort(key=lambda e: e.order)
        multis: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            if len(entry.words) > 1 and entry.words[1] != GAP:
                multis[entry.words[1]].append(entry)
        return _Plan(tuple((e, e.cls, e.label) for e in entries if len(e.words) == 1 and e.cls == "event"),
                     tuple((e, e.cls, e.label) for e in entries if len(e.words) == 1 and e.cls != "event"),
                     {word: tuple(es) for word, es in multis.items()},
                     tuple(e for e in entries if len(e.words) > 1 and e.words[1] == GAP))

    def find(self, tokens: list[Token]) -> list[Hit]:
        """All pattern hits in a token list (overlapping hits included; see `resolve`), in token order."""
        events, cues = self.find_by_kind(tokens)
        return sorted(events + cues, key=_tok_start)

    def find_by_kind(self, tokens: list[Token]) -> tuple[list[Hit], list[Hit]]:
        """All pattern hits in a token list (overlapping hits included): the event hits and the cue hits,
        each sorted by first token, then longest first, then lexicon order (`Entry.order`), the order
        the rules read them in."""
        events: list[Hit] = []
        cues: list[Hit] = []
        keys = list(map(_KEY, tokens))
        plans = list(map(self._plan, keys))  # C-level loop over the per-token caches
        analyses: list[tuple[str, ...]] | None = None
        n = len(tokens)
        make = tuple.__new__
        for i in compress(range(n), plans):  # only the tokens that open something
            event_words, cue_words, by_second, gapped = plans[i]
            token = tokens[i]
            start = token[1]
            if by_second or gapped:  # phrases first: a longer hit sorts before the one-word ones
                if analyses is None:
                    analyses = list(map(self.analyse, keys))
                found: list[Hit] = []
                if by_second and i + 1 < n:
                    # only the phrases whose second word the next token is (_match_rest's first step)
                    for word in analyses[i + 1]:
                        for entry in by_second.get(word, ()):
                            end = self._match_rest(entry, analyses, i + 1, n)
                            if end is not None:
                                found.append(make(Hit, (entry, i, end, start, tokens[end - 1][2], entry.cls,
                                                        entry.label)))
                for entry in gapped:
                    end = self._match_rest(entry, analyses, i + 1, n)
                    if end is not None:
                        found.append(make(Hit, (entry, i, end, start, tokens[end - 1][2], entry.cls, entry.label)))
                if len(found) > 1:
                    found.sort(key=_longest_first)
                for hit in found:
                    (events if hit.cls == "event" else cues).append(hit)
            end = token[2]
            for entry, cls, label in event_words:
                events.append(make(Hit, (entry, i, i + 1, start, end, cls, label)))
            for entry, cls, label in cue_words:
                cues.append(make(Hit, (entry, i, i + 1, start, end, cls, label)))
        return events, cues

    @staticmethod
    def _match_rest(entry: Entry, analyses: list[tuple[str, ...]], pos: int, n: int) -> int | None:
        words = entry.words
        k = 1
        while k < len(words):
            if words[k] == GAP:
                target = words[k + 1]
                for j in range(pos, min(n, pos + MAX_GAP + 1)):
                    if target in analyses[j]:
                        pos = j + 1
                        break
                else:
                    return None
                k += 2
                continue
            if pos >= n or words[k] not in analyses[pos]:
                return None
            pos += 1
            k += 1
        return pos


def _pattern_words(pattern: str) -> tuple[str, ...]:
    words = []
    for raw in pattern.split():
        if raw == GAP:
            words.append(GAP)
            continue
        exact = raw.startswith("=")
        word = normalise_term(raw.lstrip("="))
        if not _is_arabic(word) and len(word) <= 3:
            exact = True
        words.append(("=" if exact else "") + word)
    if not words or words[0] == GAP or words[-1] == GAP:
        raise LexiconError(f"pattern {pattern!r}: must start and end with a word")
    return tuple(words)


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read and compile every lexicon file in `directory`."""
    affixes = _read_csv("affixes.csv", directory)
    by_class: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in affixes:
        by_class[(row["language"], row["class"])].append(normalise_term(row["affix"]))
    entries: list[Entry] = []
    for row in _read_csv("events.csv", directory):
        entries.append(Entry(_pattern_words(row["pattern"]), "event", row["event_type"], row["kind"] or "noun",
                             row.get("needs") or "", row.get("blocked_by") or "", row["pattern"],
                             weak=(row.get("strength") or "").strip() == "weak"))
    for row in _read_csv("cues.csv", directory):
        # Cues may take verb prefixes too ("تُسجل", "يحذر"); exact ("=") cues take none.
        entries.append(Entry(_pattern_words(row["pattern"]), row["cue"], row["cue"], "verb", "", "",
                             row["pattern"], int(row.get("window") or 0)))
    for row in _read_csv("figure_units.csv", directory):
        cls = "unit_" + row["unit"]
        entries.append(Entry(_pattern_words(row["word"]), cls, row["unit"], "noun", "", "", row["word"]))
    entries = [replace(e, order=i) for i, e in enumerate(entries)]
    lex = Lexicon(
        entries=entries,
        noun_prefixes=tuple(sorted(set(by_class[("ar", "noun")]), key=len, reverse=True)),
        verb_prefixes=tuple(sorted(set(by_class[("ar", "verb")]) - set(by_class[("ar", "noun")]),
                                   key=len, reverse=True)),
        ar_suffixes=tuple(sorted(set(by_class[("ar", "suffix")]), key=len, reverse=True)),
        en_suffixes=tuple(sorted(set(by_class[("en", "suffix")]), key=len, reverse=True)),
    )
    for name in ("organisations.csv", "months.csv", "weekdays.csv", "relative_dates.csv", "numbers.csv"):
        lex.extra[name] = _read_csv(name, directory)
    log.debug("lexicon: %d entries, %d words", len(entries), len(lex.words))
    return lex


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The built-in lexicon, compiled once per process."""
    return load_lexicon()


def resolve_events(hits: Iterable[Hit]) -> list[Hit]:
    """Event hits without overlaps: the longest pattern wins, then the earliest."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted((h for h in hits if h.cls == "event"),
                      key=lambda h: (-(h.tok_end - h.tok_start), h.tok_start, h.entry.order)):
        span = set(range(hit.tok_start, hit.tok_end))
        if span & taken:
            continue
        taken |= span
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.tok_start)
