"""Normalisation of Arabic and Latin-script text for place-name matching.

Both the gazetteer names and the report text go through the same function, `normalize_text`,
so a name matches whatever spelling folds to the same form. The result keeps, for every
character of the normalised string, the span of the original text it came from, so a match
found in the normalised string is reported at its exact original offsets.

Arabic: hamza forms of alef (أ إ آ ٱ) -> ا, ة -> ه, ى -> ي, ؤ -> و, ئ -> ي, lone hamza dropped,
harakat / Quranic marks / tatweel dropped, Persian and Urdu letters (ک گ ی پ چ ژ ڤ) folded to
their Arabic counterparts, Arabic-Indic and Persian digits -> ASCII digits. Clitics (و ف ب ل ك, لل)
are not stripped here: the matcher accepts them in front of a name (see `CLITIC_PREFIXES`).

Latin: lowercase, a possessive 's dropped, accents and diacritics removed (Şêxmeqsûd -> sexmeqsud), apostrophes and
ʿayn/hamza marks removed, hyphens split words, the Arabic article dropped (al-, el-, and
hyphenated as-/ash-/ad-/an-/ar-/at-/az-/es-/ez-/ed-/et-/ech-), then a small set of folding
rules applied until nothing changes (so normalising twice changes nothing): ch -> sh, dh -> z,
q -> k, o/ou/oo -> u, ee -> i, ei/ey/ai -> ay, doubled letters single, final -eh/-ah -> -a and
final -ie/-ia/-iye/-iya/-iyeh/-iyah/-iyya -> -iya.

Words are separated by one space in the output; punctuation becomes `|`, which no name contains,
so no match can run across a comma or a full stop. The underscore and the hash of hashtags separate
words like a space (#تل_رفعت -> تل رفعت, with the offsets of the two words as written).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, compress
from operator import not_

# --- Arabic -------------------------------------------------------------------------------------

_ARABIC_FOLD: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي", "ۍ": "ي", "ئ": "ي",
    "ؤ": "و", "ۆ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
    "ء": "",
}
# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks, tatweel.
_ARABIC_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

# Letters that may be glued in front of a name: conjunctions و ف, prepositions ب ل ك, and their
# combinations; ال + ل contracts to لل (للأشرفية = ل + الأشرفية).
CLITIC_PREFIXES: frozenset[str] = frozenset(
    {"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"}
)
# Prefixes before the article-less form of an al- name (للأشرفية -> لل + اشرفيه).
ARTICLE_CONTRACTED_PREFIXES: frozenset[str] = frozenset({"لل", "ولل", "فلل"})

# --- Latin --------------------------------------------------------------------------------------

_LATIN_SPECIAL = {"ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"}
_APOSTROPHES = "'’‘`ʿʾʼ´"
_ALWAYS_ARTICLES = frozenset({"al", "el"})
_HYPHEN_ARTICLES = frozenset(
    {"as", "ash", "ad", "adh", "an", "ar", "at", "ath", "az", "es", "esh", "ez", "ed", "en", "er", "et", "ech", "l"}
)
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("ch"), "sh"),
    (re.compile("dh"), "z"),
    (re.compile("q"), "k"),
    (re.compile("o"), "u"),
    (re.compile("ee"), "i"),
    (re.compile("ei|ey|ai"), "ay"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile("(?:eh|ah)$"), "a"),
    (re.compile("(?:iy?e|iy?a)$"), "iya"),
)

_ARABIC_BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
# Arabic letters, marks, tatweel and digits (Arabic punctuation such as ، ؛ ؟ is left out).
_ARABIC_WORD_CHARS = "0-9\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff"
# A word is a run of Arabic-script characters or a run of other word characters (and apostrophes):
# a token mixing scripts ("حلبA") is two words.
_WORD = re.compile(f"([{_ARABIC_WORD_CHARS}]+)|((?:[^\\W_{_ARABIC_BLOCKS}]|[{re.escape(_APOSTROPHES)}])+)")
_HYPHENS = "-‐‑‒–—"
_POSSESSIVE = re.compile("['’]s$", re.IGNORECASE)


_ARABIC_TABLE = {ord(k): (v or None) for k, v in _ARABIC_FOLD.items()} | {ord(k): v for k, v in _DIGITS.items()}
_ARABIC_TABLE |= {cp: None for cp in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                      *range(0x06D6, 0x06EE), 0x0640]}
_ARABIC_WORD_TABLE = _ARABIC_TABLE | {ord(c): None for c in "'’‘`ʿʾʼ´"}
_DROPPED_CHARS = frozenset(chr(cp) for cp, v in _ARABIC_WORD_TABLE.items() if v is None)
# Names made only of letters and spaces take a fast path in `normalize` (same result).
_PLAIN_ARABIC = re.compile("[ \u0621-\u063a\u0641-\u064a]+")
_PLAIN_LATIN = re.compile("[ A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")


@lru_cache(maxsize=65536)
def fold_latin_word(word: str) -> str:
    """Fold one Latin-script word (no spaces) to its matching key."""
    out = []
    word = _POSSESSIVE.sub("", word)  # Aleppo's -> Aleppo
    for ch in unicodedata.normalize("NFKD", word.lower()):
        if unicodedata.combining(ch) or ch in _APOSTROPHES:
            continue
        out.append(_LATIN_SPECIAL.get(ch, ch))
    key = "".join(out)
    for _ in range(10):  # to a fixed point: the rules can feed each other (two passes in practice)
        before = key
        for pattern, repl in _LATIN_RULES:
            key = pattern.sub(repl, key)
        if key == before:
            break
    return key


def fold_arabic_char(ch: str) -> str:
    """Fold one Arabic-script character ('' when it is dropped)."""
    if _ARABIC_DROP.match(ch):
        return ""
    if ch in _DIGITS:
        return _DIGITS[ch]
    return _ARABIC_FOLD.get(ch, ch)


_ONE_TO_ONE, _WHOLE_WORD = 0, 1
_NOT_ARTICLE, _ALWAYS, _IF_HYPHENATED = 0, 1, 2


def _article_form(word: str) -> str:
    """A Latin word lower-cased, without edge apostrophes and accents: what is compared with the articles
    (so an accented "Él" is the article, as its folded key "el" would be: normalising stays idempotent)."""
    lower = word.lower().strip(_APOSTROPHES)
    if lower.isascii():
        return lower
    return "".join(ch for ch in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _latin_word(word: str) -> tuple[str, int]:
    """A Latin word's key, and whether it is the Arabic article (always, or only before a hyphen)."""
    lower = _article_form(word)
    key = fold_latin_word(word)
    # A word that folds to an article ("all", "ell") is dropped too, or normalising twice would drop it
    # the second time ("all" -> "al" -> "").
    if lower in _ALWAYS_ARTICLES or key in _ALWAYS_ARTICLES:
        return "", _ALWAYS
    return key, _IF_HYPHENATED if lower in _HYPHEN_ARTICLES else _NOT_ARTICLE


class NormalizedText:
    """A normalised string and the way back to the original text.

    The normalised text is a sequence of words separated by " " or "|" (a word never contains
    either). For each word we know its span in the normalised text and in the original, and how its
    characters map back: an Arabic word maps character by character (one to one, or through a
    per-character map when marks were dropped), so a match may start after a clitic inside a word; a
    Latin word maps as a whole (Latin matches align to whole words, and a dropped article joins the
    word after it).

    `text` is computed at once; the offset tables are built on first use (matching needs the
    offsets of a few words only): `word_norm_starts` (start of each word in `text`), `word_orig`
    ((start, end) of each word in the original) and `word_maps` (per word `_ONE_TO_ONE`,
    `_WHOLE_WORD`, or the original (starts, ends) of each of its characters).
    """

    __slots__ = ("_article_starts", "_bounds", "_kept", "_pieces", "_word_maps", "_word_norm_starts",
                 "_word_orig", "text")

    def __init__(self, text: str, pieces: list[str], kept: list[int] | None = None,
                 article_starts: dict[int, int] | None = None) -> None:
        """`pieces`: the original text split as gap, word, gap, ..., word, gap (see `_SPLIT`); `kept`: the
        indices (into the words) of the words that are in `text`, None when all are; `article_starts`:
        word index -> original start, for Latin words that take in the dropped article before them."""
        self.text = text
        self._pieces = pieces
        self._kept = kept
        self._article_starts = article_starts
        self._bounds: list[int] | None = None
        self._word_norm_starts: tuple[int, ...] | None = None
        self._word_orig: tuple[tuple[int, int], ...] | None = None
        self._word_maps: tuple | None = None

    def __repr__(self) -> str:
        return f"NormalizedText({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalizedText):
            return NotImplemented
        return (self.text, self.word_orig, self.word_maps) == (other.text, other.word_orig, other.word_maps)

    def __hash__(self) -> int:
        return hash(self.text)

    @property
    def word_norm_starts(self) -> tuple[int, ...]:
        """Where each word begins in `text`."""
        if self._word_norm_starts is None:
            text = self.text
            self._word_norm_starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == " " or ch == "|")) \
                if text else ()
        return self._word_norm_starts

    @property
    def word_orig(self) -> tuple[tuple[int, int], ...]:
        """Original (start, end) of each word (a Latin word's start includes a dropped article before it)."""
        if self._word_orig is None:
            self._word_orig = tuple(self._orig_word(w)[:2] for w in range(len(self.word_norm_starts)))
        return self._word_orig

    @property
    def word_maps(self) -> tuple[int | tuple[tuple[int, ...], tuple[int, ...]], ...]:
        """Per word: `_ONE_TO_ONE`, `_WHOLE_WORD`, or the original (starts, ends) of each of its characters."""
        if self._word_maps is None:
            maps = []
            for w in range(len(self.word_norm_starts)):
                start, _, how = self._orig_word(w)
                maps.append(how if isinstance(how, int) else
                            (tuple(start + i for i in how[0]), tuple(start + i for i in how[1])))
            self._word_maps = tuple(maps)
        return self._word_maps

    def word_index(self, i: int) -> int:
        """Index of the word containing normalised position `i` (of the word before, on a separator)."""
        return self.text.count(" ", 0, i) + self.text.count("|", 0, i)

    def word_start(self, i: int) -> int:
        """Normalised position where the word containing `i` begins."""
        return max(self.text.rfind(" ", 0, i), self.text.rfind("|", 0, i)) + 1

    def _orig_word(self, w: int) -> tuple[int, int, int | tuple[tuple[int, ...], tuple[int, ...]]]:
        """Original start and end of word `w`, and how its characters map (relative to the word's start)."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self._pieces)))
        if self._kept is not None:
            w = self._kept[w]
        word = self._pieces[2 * w + 1]
        entry = _WORDS.get(word) or _word_entry(word)
        start = self._bounds[2 * w]
        if self._article_starts:
            start = self._article_starts.get(w, start)
        return start, self._bounds[2 * w + 1], entry[2]

    def _orig(self, i: int, *, end: bool) -> int:
        w = self.text.count(" ", 0, i) + self.text.count("|", 0, i)
        orig_start, orig_end, how = self._orig_word(w)
        if how == _WHOLE_WORD:
            return orig_end if end else orig_start
        offset = i - (max(self.text.rfind(" ", 0, i), self.text.rfind("|", 0, i)) + 1)
        if how == _ONE_TO_ONE:
            return orig_start + offset + (1 if end else 0)
        return orig_start + (how[1][offset] if end else how[0][offset])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end), which must lie on word characters."""
        text = self.text
        last = end - 1
        w = text.count(" ", 0, start) + text.count("|", 0, start)
        word_start = max(text.rfind(" ", 0, start), text.rfind("|", 0, start)) + 1
        orig_start, orig_end, how = self._orig_word(w)
        if how == _WHOLE_WORD:
            first = orig_start
        elif how == _ONE_TO_ONE:
            first = orig_start + start - word_start
        else:
            first = orig_start + how[0][start - word_start]
        between = text.count(" ", start, last) + text.count("|", start, last)
        if between:  # the slice ends in a later word
            w += between
            word_start = max(text.rfind(" ", 0, last), text.rfind("|", 0, last)) + 1
            orig_start, orig_end, how = self._orig_word(w)
        if how == _WHOLE_WORD:
            return first, orig_end
        if how == _ONE_TO_ONE:
            return first, orig_start + last - word_start + 1
        return first, orig_start + how[1][last - word_start]


# Hashtags join words with "_" (#تل_رفعت, #Tal_Rifaat) and mark them with "#": both separate words like a
# space, not like punctuation (so "بريف #حلب" keeps its cue and "#تل_رفعت" is the name تل رفعت). Double
# quotation marks around a name do too: Arabic reports quote names (حي "المرجة"، قرى «المالكية» و"شوارغة"),
# and the quote must neither cut the name from its cue word nor a list from its coordinator.
_QUOTES = "\"“”„‟«»″"
_GAP_PUNCT = re.compile(f"[^\\s{re.escape(_HYPHENS)}_#{_QUOTES}]")
# The text split into gap, word, gap, word, ..., gap (the words are those of `_WORD`).
# (Written with possessive runs of whole character classes: the same maximal runs as one character at a time,
# without the engine's per-character bookkeeping of a repeated alternation.)
_SPLIT = re.compile(f"([{_ARABIC_WORD_CHARS}]++|(?:[^\\W_{_ARABIC_BLOCKS}]++|[{re.escape(_APOSTROPHES)}]++)++)")
_ARABIC_FIRST = re.compile(f"[{_ARABIC_WORD_CHARS}]")
_HYPHEN_AT = re.compile(f"[{re.escape(_HYPHENS)}]")

# What a word becomes: kept, or dropped as an article (always; or only before a hyphen), or dropped as empty.
_KEEP, _ARTICLE, _HYPHEN_ARTICLE, _EMPTY = 0, 1, 2, 3
# Word -> (key, what, how): `how` is _ONE_TO_ONE or (starts, ends) relative to the word for an Arabic
# word, _WHOLE_WORD for a Latin one. `_KEYS` holds the keys alone (one C-level lookup per word).
# Bounded caches: memory stays flat however large the corpus.
_WORDS: dict[str, tuple[str, int, int | tuple[tuple[int, ...], tuple[int, ...]]]] = {}
_KEYS: dict[str, str] = {}
_WORDS_MAX = 200_000
# Words that are articles before a hyphen (as, ash, ad ... in any case or accent): a small set, never
# cleared, and filled before a word enters the caches, so a word found in `_KEYS` is in it if it belongs.
_HYPHEN_ARTICLE_WORDS: set[str] = set()
# Gap between two words -> the separator it makes: "|" when it holds punctuation, else " ".
_GAPS: dict[str, str] = {"": " ", " ": " ", "\n": " ", "-": " "}
_GAPS_MAX = 20_000


def _word_entry(word: str) -> tuple[str, int, int | tuple[tuple[int, ...], tuple[int, ...]]]:
    """The cache entry of a word (see `_WORDS`)."""
    if _ARABIC_FIRST.match(word):
        key, rel = _arabic_word(word)
        entry = (key, _KEEP if key else _EMPTY, _ONE_TO_ONE if rel is None else rel)
    else:
        key, article = _latin_word(word)
        what = _ARTICLE if article == _ALWAYS else _EMPTY if not key else \
            _HYPHEN_ARTICLE if article == _IF_HYPHENATED else _KEEP
        entry = (key, what, _WHOLE_WORD)
    if entry[1] == _HYPHEN_ARTICLE:
        _HYPHEN_ARTICLE_WORDS.add(word)
    _WORDS[word] = entry
    _KEYS[word] = entry[0]
    return entry


def _arabic_word(word: str) -> tuple[str, tuple[tuple[int, ...], tuple[int, ...]] | None]:
    """The key of an Arabic-script word and, when marks were dropped, where each key letter came from."""
    key = word.translate(_ARABIC_WORD_TABLE)
    rel = None
    if key and len(key) != len(word):
        starts: list[int] = []
        ends: list[int] = []
        for offset, ch in enumerate(word):
            if ch in _DROPPED_CHARS:
                if ends:
                    ends[-1] = offset + 1  # a dropped mark belongs to the letter before it
            else:
                starts.append(offset)
                ends.append(offset + 1)
        rel = (tuple(starts), tuple(ends))
    return key, rel


def _gap_separator(gap: str) -> str:
    if len(_GAPS) >= _GAPS_MAX:
        _GAPS.clear()
    sep = _GAPS[gap] = "|" if _GAP_PUNCT.search(gap) else " "
    return sep


def normalize_text(text: str) -> NormalizedText:
    """Normalise a text (or a name) for matching; see the module docstring for the rules.

    Vectorised: the text is split once by a regular expression, each distinct word and gap is folded
    once (cached), and only the words that are dropped (articles, words that fold to nothing) are
    handled one by one. The offset map is built when first asked for.
    """
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
        _KEYS.clear()
    pieces = _SPLIT.split(text)
    if len(pieces) < 2:
        return NormalizedText("", pieces, [])
    words = pieces[1::2]
    keys = list(map(_KEYS.get, words))
    if None in keys:
        keys = [key if key is not None else _word_entry(word)[0] for key, word in zip(keys, words, strict=True)]
    seps = list(map(_GAPS.get, pieces[0:-1:2]))  # the separator made by the gap before each word
    if None in seps:
        seps = [sep or _gap_separator(gap) for sep, gap in zip(seps, pieces[0:-1:2], strict=True)]

    drop: list[int] = []
    if "" in keys:  # articles and words that fold to nothing have an empty key
        drop = list(compress(range(len(words)), map(not_, keys)))
    if not _HYPHEN_ARTICLE_WORDS.isdisjoint(words) and _HYPHEN_AT.search(text):
        drop = sorted({*drop, *_hyphenated_articles(text, pieces)})
    kept = article_starts = None
    if drop:
        kept, article_starts = _drop_words(drop, pieces, keys, seps)
        if not keys:
            return NormalizedText("", pieces, kept)

    parts = [""] * (2 * len(keys) - 1)
    parts[0::2] = keys
    parts[1::2] = seps[1:]
    return NormalizedText("".join(parts), pieces, kept, article_starts)


def _hyphenated_articles(text: str, pieces: list[str]) -> list[int]:
    """Indices of the words that are articles because a hyphen follows them (as-Sham, ash-Sheikh)."""
    ends = list(accumulate(map(len, pieces)))[1::2]
    out = []
    for m in _HYPHEN_AT.finditer(text):
        w = bisect_left(ends, m.start())
        if w < len(ends) and ends[w] == m.start():
            word = pieces[2 * w + 1]
            if (_WORDS.get(word) or _word_entry(word))[1] == _HYPHEN_ARTICLE:
                out.append(w)
    return out


def _drop_words(drop: list[int], pieces: list[str], keys: list[str], seps: list[str],
                ) -> tuple[list[int], dict[int, int]]:
    """Remove the words at the sorted indices `drop` from `keys` and `seps` (in place).

    A dropped word's separator merges into the next word's ("|" wins), and a run of dropped articles
    right before a Latin word, with no punctuation between, becomes part of that word's original span.
    Returns the indices of the kept words and the original starts of the words that took in articles.
    """
    dropped = set(drop)
    article_starts: dict[int, int] = {}
    bounds: list[int] | None = None
    run_start = -1  # first article of the current run of articles
    previous = -2
    count = len(keys)
    for i in drop:
        word = pieces[2 * i + 1]
        if (_WORDS.get(word) or _word_entry(word))[1] == _EMPTY:  # not an article: ends a run
            run_start, previous = -1, i
            continue
        if not (previous == i - 1 and run_start >= 0 and seps[i] != "|"):
            run_start = i
        previous = i
        nxt = i + 1
        if nxt < count and nxt not in dropped and seps[nxt] != "|":
            word = pieces[2 * nxt + 1]
            if (_WORDS.get(word) or _word_entry(word))[2] == _WHOLE_WORD:
                if bounds is None:
                    bounds = list(accumulate(map(len, pieces)))
                article_starts[nxt] = bounds[2 * run_start]
    for i in reversed(drop):
        if seps[i] == "|" and i + 1 < len(seps):
            seps[i + 1] = "|"
        del keys[i], seps[i]
    return [i for i in range(count) if i not in dropped], article_starts


@lru_cache(maxsize=131072)
def normalize(text: str) -> str:
    """The normalised form of `text`: the same string as `normalize_text(text).text`, faster for plain names.

    Used for gazetteer names (tens of thousands at load time), where no offset map is needed.
    """
    if _PLAIN_ARABIC.fullmatch(text):
        return " ".join(text.translate(_ARABIC_WORD_TABLE).split())
    if _PLAIN_LATIN.fullmatch(text):
        return " ".join(key for key in (_latin_word(w)[0] for w in text.split()) if key)
    return normalize_text(text).text


def strip_arabic_article(key: str) -> str | None:
    """The article-less form of a normalised Arabic name starting with ال, else None."""
    if key.startswith("ال") and len(key) > 4 and " " not in key[:3]:
        return key[2:]
    return None
