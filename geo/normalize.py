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
so no match can run across a comma or a full stop.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

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
_WORD = re.compile(f"([{_ARABIC_WORD_CHARS}]+)|((?:[^\\W{_ARABIC_BLOCKS}]|[{re.escape(_APOSTROPHES)}])+)")
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


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and the way back to the original text.

    The normalised text is a sequence of words separated by " " or "|". For each word we keep its
    span in the normalised text and in the original, and how its characters map back: an Arabic
    word maps character by character (one to one, or through a per-character map when marks were
    dropped), so a match may start after a clitic inside a word; a Latin word maps as a whole (Latin
    matches align to whole words, and a dropped article joins the word after it).
    """

    text: str
    word_norm_starts: tuple[int, ...]
    word_orig: tuple[tuple[int, int], ...]
    word_maps: tuple[int | tuple[tuple[int, ...], tuple[int, ...]], ...]

    def word_index(self, i: int) -> int:
        """Index of the word containing normalised position `i`."""
        return bisect_right(self.word_norm_starts, i) - 1

    def word_start(self, i: int) -> int:
        """Normalised position where the word containing `i` begins."""
        return self.word_norm_starts[self.word_index(i)]

    def _orig(self, i: int, *, end: bool) -> int:
        w = self.word_index(i)
        orig_start, orig_end = self.word_orig[w]
        how = self.word_maps[w]
        offset = i - self.word_norm_starts[w]
        if how == _WHOLE_WORD:
            return orig_end if end else orig_start
        if how == _ONE_TO_ONE:
            return orig_start + offset + (1 if end else 0)
        starts, ends = how
        return ends[offset] if end else starts[offset]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end), which must lie on word characters."""
        return self._orig(start, end=False), self._orig(end - 1, end=True)


_GAP_PUNCT = re.compile(f"[^\\s{re.escape(_HYPHENS)}]")


def normalize_text(text: str) -> NormalizedText:
    """Normalise a text (or a name) for matching; see the module docstring for the rules."""
    keys: list[str] = []  # word keys, each preceded (except the first) by its separator
    origs: list[tuple[int, int]] = []
    maps: list = []
    pos = 0
    punct = False
    article_start: int | None = None  # where a dropped article (al-, el ...) began: it joins the next word
    gap_punct = _GAP_PUNCT.search
    text_len = len(text)
    arabic_word = _ARABIC_WORDS.get
    latin_word = _latin_word
    for m in _WORD.finditer(text):
        w_start, w_end = m.span()
        # Most gaps are one space; only look for punctuation in the others.
        if (w_start - pos > 1 or (w_start > pos and text[pos] != " ")) and gap_punct(text, pos, w_start):
            punct = True
            article_start = None
        pos = w_end
        word = m.group()
        if m.lastindex == 1:
            cached = arabic_word(word)
            if cached is None:
                cached = _arabic_word(word)
            key, rel = cached
            orig = (w_start, w_end)
            how: int | tuple = _ONE_TO_ONE if rel is None else (
                tuple(w_start + i for i in rel[0]), tuple(w_start + i for i in rel[1]))
            article_start = None
        else:
            key, article = latin_word(word)
            if article == _ALWAYS or (article == _IF_HYPHENATED and w_end < text_len and text[w_end] in _HYPHENS):
                if article_start is None:
                    article_start = w_start
                continue
            orig = (w_start if article_start is None else article_start, w_end)
            how = _WHOLE_WORD
            article_start = None
        if not key:
            continue
        if keys:
            keys.append("|" if punct else " ")
        punct = False
        keys.append(key)
        origs.append(orig)
        maps.append(how)
    norm_starts: list[int] = []
    length = 0
    for i, piece in enumerate(keys):
        if not i & 1:  # keys at even positions, separators (one character) at odd ones
            norm_starts.append(length)
        length += len(piece)
    return NormalizedText("".join(keys), tuple(norm_starts), tuple(origs), tuple(maps))


# Arabic word -> (key, None when it maps one to one, else (starts, ends) relative to the word).
_ARABIC_WORDS: dict[str, tuple[str, tuple[tuple[int, ...], tuple[int, ...]] | None]] = {}
_ARABIC_WORDS_MAX = 200_000  # a bounded cache: memory stays flat however large the corpus


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
    if len(_ARABIC_WORDS) >= _ARABIC_WORDS_MAX:
        _ARABIC_WORDS.clear()
    _ARABIC_WORDS[word] = (key, rel)
    return key, rel


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
