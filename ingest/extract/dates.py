"""Dates in report text: explicit (all Arabic month-name systems, English), relative, weekdays.

Everything runs on the normalised text (see `text.normalise`: Arabic-Indic digits are already
ASCII there, hamza forms unified), so offsets are offsets into the original body text. Month,
weekday and relative-date vocabularies come from data/lexicon/*.csv.

Resolution rules (documented in docs/extraction.md):
- an explicit day-month(-year) date wins over anything else in its phrase; a year left out is the
  publication year (the previous year when that would put the date more than a month after
  publication);
- when a weekday written next to an explicit date does not match it, the explicit date is kept
  and the conflict is recorded in `note`;
- relative expressions (اليوم، أمس، منذ يومين، yesterday, last week) are offsets from the
  publication date; a bare weekday is the latest such day on or before publication, and with
  الماضي / "last" the latest strictly before it; without a publication date they stay unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter, not_

import ahocorasick

from ingest.extract.lexicon import Lexicon, default_lexicon
from ingest.extract.text import Token, literal_alternation, normalise, normalise_term

PREVIOUS = "previous"
WINDOW_BEFORE = 50  # characters: "صباح يوم الأربعاء 7 ..." starts this far before its digit
WINDOW_AFTER = 50
ORDINAL_REACH = 30  # characters before "من <month>" where its ordinal day word ("الحادي والعشرين ") stands
_DIGIT = re.compile(r"\d+")
# A bare year ("in 2016", "أواخر عام 2024") needs one of these before it: a part of the year, then
# spaces or dashes (and maybe "عام"), or a preposition and one space.
_YEAR_PARTS = ("late", "early", "mid", r"the\s+end\s+of", r"the\s+start\s+of", "اواخر", "اوايل", "مطلع", "منتصف",
               "بدايه", "نهايه", "اواسط")
_YEAR_PREPS = ("عام", "العام", "سنه", "in", "في", "of", "during", "خلال")
# The word right before such a year, once trailing spaces and dashes are dropped, ends with one of these.
_YEAR_LEADS = tuple({*(p.split("\\s+")[-1] for p in _YEAR_PARTS), *_YEAR_PREPS})
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the text and what it resolves to."""

    start: int
    end: int
    text: str
    value: date | None
    precision: str  # day | week | month | year
    kind: str  # explicit | relative | weekday | month | year | numeric
    note: str | None = None
    since: bool = False  # preceded by منذ / since: the start of something still going on


def _alt(words: list[str]) -> str:
    return literal_alternation(words)  # = "|".join(escaped words, longest first), as a faster trie


@dataclass
class _DatePatterns:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, str]]
    explicit_dmy: re.Pattern
    explicit_mdy: re.Pattern
    numeric: re.Pattern
    iso: re.Pattern
    month_year: re.Pattern
    year_only: re.Pattern
    relative_re: re.Pattern
    weekday_re: re.Pattern
    days_ago: re.Pattern
    anchors: ahocorasick.Automaton  # first words of relative/weekday expressions and month names
    # Whole relative phrases ("rel") and the weekday names the weekday pattern takes ("wd"): a text
    # with none of one kind cannot match that pattern, which is then not run at all.
    phrases: ahocorasick.Automaton
    month_anchors: ahocorasick.Automaton  # the month names alone (their entries in `anchors`)
    mdy_tail: re.Pattern  # what follows the month name in `explicit_mdy` ("Jan 5"), and in `month_year`
    month_year_tail: re.Pattern


_B = r"(?<![\w])"
_E = r"(?![\w])"


@lru_cache(maxsize=4)
def _patterns(lex: Lexicon) -> _DatePatterns:
    months = {normalise_term(r["name"]): int(r["month"]) for r in lex.extra["months.csv"]}
    weekdays: dict[str, int] = {}
    for r in lex.extra["weekdays.csv"]:
        name = normalise_term(r["name"])
        weekdays[name] = int(r["weekday"])
    relative = {normalise_term(r["pattern"]): (r["offset_days"].strip(), r["precision"])
                for r in lex.extra["relative_dates.csv"]}
    month_alt = _alt(list(months))
    wd_alt = _alt([w for w in weekdays if len(w) > 3])
    wd_prefix = rf"(?:(?:اليوم|today|يوم|on)\s+)?(?P<wd>{wd_alt})\s*[,،]?\s*(?:the\s+)?"
    year = r"(?:\s*[,،]?\s*(?:عام|سنه|من\s+عام)?\s*(?P<year>(?:19|20)\d\d))?"
    # "31 تموز/ يوليو 2024", "28 مايو/أيار", "10 أيلول (سبتمبر) 2022": the same month in a second system
    other_month = rf"(?:\s*(?:/|\()\s*(?:{month_alt}){_E}\s*\)?)?"
    explicit_dmy = re.compile(
        rf"{_B}(?:{wd_prefix})?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:من\s+)?(?:شهر\s+)?(?:of\s+)?[بو]?"
        rf"(?P<month>{month_alt}){_E}\.?{other_month}{year}{_E}")
    # What follows the month name in these two patterns: also matched alone after each month name, to
    # tell whether a window can hold a match at all (see `_month_windows`).
    mdy_tail = rf"\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_E}"
    month_year_tail = rf"{other_month}\s*[,،]?\s*(?:عام\s+)?(?P<year>(?:19|20)\d\d){_E}"
    explicit_mdy = re.compile(
        rf"{_B}(?:{wd_prefix})?(?P<month>{month_alt}){mdy_tail}"
        rf"(?:\s*,?\s*(?P<year>(?:19|20)\d\d){_E})?")
    numeric = re.compile(rf"{_B}(?:{wd_prefix})?(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)\d\d){_E}")
    iso = re.compile(rf"{_B}(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d){_E}")
    month_year = re.compile(rf"{_B}(?:في\s+|in\s+|خلال\s+)?[بو]?(?P<month>{month_alt}){month_year_tail}")
    # "in 2016", "عام 2016", also with a part of the year: "in late 2024", "early 2023", "mid-2022",
    # "أواخر عام 2024", "مطلع 2023", "منتصف 2022".
    year_parts = "|".join(_YEAR_PARTS)
    year_preps = "|".join(rf"(?<={w}\s)" for w in _YEAR_PREPS)
    year_only = re.compile(
        rf"{_B}(?P<since>منذ|since)?\s*(?:(?:عام|العام|سنه|in|في|of|during|خلال)\s+)?"
        rf"(?:(?:{year_parts})[\s-]+(?:عام\s+)?|{year_preps})"
        rf"(?P<year>(?:19|20)\d\d){_E}")
    rel_alt = _alt(list(relative))
    relative_re = re.compile(rf"{_B}(?:[وفب]|ب?ال)?(?P<rel>{rel_alt}){_E}")
    weekday_re = re.compile(
        rf"{_B}(?P<since>منذ\s+|since\s+)?(?:(?:صباح|مساء|ليله|فجر|ظهر|يوم|on|last|this|early|late)\s+)?"
        rf"(?:[وفب])?(?P<wd>{wd_alt})(?:\s+(?P<past>الماضي|الفايت|الفائت|المنصرم|الماضيه))?{_E}")
    days_ago = re.compile(rf"{_B}(?:(?:منذ|قبل)\s+(?P<n1>\d+)\s+(?:ايام|يوما|يوم)|(?P<n2>\d+)\s+days\s+ago){_E}")
    anchors = ahocorasick.Automaton()
    for w in {w.split()[0] for w in [*relative, *weekdays] if w}:
        anchors.add_word(w, (len(w), "word"))
    for w in months:
        anchors.add_word(w, (len(w), "month"))
    anchors.make_automaton()
    kinds: dict[str, set[str]] = {}
    for w in relative:
        kinds.setdefault(w, set()).add("rel")
    for w in weekdays:
        if len(w) > 3:  # the names in wd_alt
            kinds.setdefault(w, set()).add("wd")
    phrases = ahocorasick.Automaton()
    for w, ks in kinds.items():
        if w:
            phrases.add_word(w, frozenset(ks))
    phrases.make_automaton()
    month_anchors = ahocorasick.Automaton()
    for w in months:
        month_anchors.add_word(w, (len(w), "month"))
    month_anchors.make_automaton()
    return _DatePatterns(months, weekdays, relative, explicit_dmy, explicit_mdy, numeric, iso, month_year,
                         year_only, relative_re, weekday_re, days_ago, anchors, phrases, month_anchors,
                         re.compile(mdy_tail), re.compile(month_year_tail))


def _merge(points: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for s, e in sorted(points):
        a, b = max(0, s - WINDOW_BEFORE), min(size, e + WINDOW_AFTER)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return spans


def _anchor_points(norm: str, pats: _DatePatterns, words: bool = True,
                   tokens: list[Token] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Spans of the digit runs ("digit"), month names ("month") and first words of relative/weekday
    expressions ("word") in `norm`, each list in the order the spans end. With `words` False the "word"
    list is left empty (and its frequent anchors, such as في and "the", are not collected). `tokens`,
    if given, are `tokenize(norm)`: the digit runs are then read from them."""
    found: dict[str, list[tuple[int, int]]] = {"word": [], "month": [],
                                               "digit": _digit_runs(norm, tokens)}
    for end, (length, kind) in (pats.anchors if words else pats.month_anchors).iter(norm):
        found[kind].append((end + 1 - length, end + 1))
    return found


def _digit_runs(norm: str, tokens: list[Token] | None) -> list[tuple[int, int]]:
    """The spans of `\\d+` in `norm`. From its tokens (the `\\w+` runs, digits included) when given: a
    regex pass over the whole text costs more than looking at the few tokens that are not all letters."""
    if tokens is None:
        return [m.span() for m in _DIGIT.finditer(norm)]
    runs = []
    for key, start, end in compress(tokens, map(not_, map(str.isalpha, map(itemgetter(0), tokens)))):
        if len(key) == end - start and key.isdecimal():  # (`\d` is str.isdecimal; no tatweel dropped)
            runs.append((start, end))
        else:  # letters and digits ("5th", "2025م"), an underscore, a dropped tatweel: the regex, in the token
            runs.extend(m.span() for m in _DIGIT.finditer(norm, start, end))
    return runs


def _holding(windows: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows that hold at least one of `spans` whole."""
    return [(a, b) for a, b in windows if any(a <= s and e <= b for s, e in spans)]


def _sep_pairs(norm: str, digits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Digit, separator (/ . -), digit: what a numeric ("3/1/2026") or ISO ("2026-01-03") date holds."""
    return [(e - 1, e + 2) for (_, e), (s2, _) in pairwise(digits) if s2 == e + 1 and norm[e] in "/.-"]


def _bare_years(norm: str, digits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Four-digit years 19xx/20xx after a word that `year_only` needs before one ("in", "عام", "late")."""
    out = []
    for s, e in digits:
        if e - s == 4 and norm.startswith(("19", "20"), s):
            i = s
            while i > 0 and (norm[i - 1].isspace() or norm[i - 1] == "-"):  # `\s` is str.isspace
                i -= 1
            if norm.endswith(_YEAR_LEADS, 0, i):
                out.append((s, e))
    return out


def _month_windows(norm: str, windows: list[tuple[int, int]], names: list[tuple[int, int]],
                   tail: re.Pattern, free: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """The windows where a pattern made of a month name and `tail` can still find a date: some month name
    in the window is followed by `tail` (matched, like the pattern, with the window's end as the text's
    end) and overlaps no date found so far (a match there could not be kept)."""
    return [(a, b) for a, b in windows
            if any(a <= s and e <= b and free(s, e) and tail.match(norm, e, b) for s, e in names)]


@lru_cache(maxsize=4)
def _ordinal_pattern(lex: Lexicon) -> tuple[re.Pattern, re.Pattern, dict[str, int]]:
    """Arabic ordinal day words before a month (numbers.csv kind `ordinal`): "الخامس من كانون الثاني". Not
    after a word for a part of a month or a month name ("الأسبوع الأول من آذار", "كانون الأول من عام").
    Two patterns: "من <month> [year]" (a literal first, so the scan is fast), then the ordinal right before it."""
    ordinals = {normalise_term(r["word"]).removeprefix("ال"): int(r["value"])
                for r in lex.extra["numbers.csv"] if r["kind"] == "ordinal"}
    month_alt = _alt([normalise_term(r["name"]) for r in lex.extra["months.csv"]])
    other_month = rf"(?:\s*(?:/|\()\s*(?:{month_alt}){_E}\s*\)?)?"
    year = r"(?:\s*[,،]?\s*(?:عام|سنه|من\s+عام)?\s*(?P<year>(?:19|20)\d\d))?"
    of_month = re.compile(rf"من\s+(?:شهر\s+)?[بو]?(?P<month>{month_alt}){_E}{other_month}{year}{_E}")
    parts = "".join(rf"(?<!{w}\s)" for w in ("الاسبوع", "النصف", "الربع", "الشهر", "العقد", "كانون", "تشرين"))
    ordinal = re.compile(rf"{_B}{parts}(?:ال|[وب]ال)(?P<ord>{_alt(list(ordinals))})\s+\Z")
    return of_month, ordinal, ordinals


def _weekday_note(wd_text: str, wd: int, value: date) -> str | None:
    if wd == value.weekday():
        return None
    return (f"weekday '{wd_text}' ({WEEKDAY_NAMES_EN[wd]}) does not match {value.isoformat()} "
            f"(a {WEEKDAY_NAMES_EN[value.weekday()]}); kept the explicit date")


def _infer_year(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    if candidate - published > timedelta(days=31):
        year -= 1
    return year


def _absent_words(norm: str, pats: _DatePatterns) -> set[str]:
    """Patterns that cannot match `norm` because a word they all need is absent: "rel" (no relative
    phrase), "wd" (no weekday name), "ago" (neither منذ, قبل nor "days"). find_dates does not run them."""
    present: set[str] = set()
    for _, kinds in pats.phrases.iter(norm):
        present |= kinds
        if len(present) == 2:
            break
    if "" in pats.relative:  # an empty phrase would let the pattern match without one: never skip it
        present.add("rel")
    absent = {"rel", "wd"} - present
    if "منذ" not in norm and "قبل" not in norm and "days" not in norm:
        absent.add("ago")
    return absent


def find_dates(norm: str, original: str, published: date | None,
               lex: Lexicon | None = None, tokens: list[Token] | None = None) -> list[DateMention]:
    """Every date expression in `norm` (the normalised body text), resolved against `published`.
    `tokens`, if given, must be `tokenize(norm)` (it saves a pass over the text)."""
    pats = _patterns(lex or default_lexicon())
    absent = _absent_words(norm, pats)
    points = _anchor_points(norm, pats, words=not {"rel", "wd"} <= absent, tokens=tokens)
    # Stretches of text around digits, month names and relative/weekday words: the date regexes only run
    # there (one C pass finds the anchors; the regexes are the slow part).
    windows = {kind: _merge(spans, len(norm)) for kind, spans in points.items()}
    digits, words = windows["digit"], windows["word"]
    # Month-name patterns need a month name and a digit: scan where both windows overlap.
    months = [(max(a, c), min(b, d)) for a, b in windows["month"] for c, d in digits if max(a, c) < min(b, d)]

    def scan(regex: re.Pattern, spans: list[tuple[int, int]]) -> list[re.Match]:
        # (the windows are passed, not looked up by pattern: hashing a compiled pattern hashes its
        # whole code, thousands of words for the month-name tries, on every lookup)
        return [m for a, b in spans for m in regex.finditer(norm, a, b)]

    found: list[DateMention] = []
    # Spans already taken, sorted; they never overlap, so their ends are sorted too (a bisect, not a
    # scan of every earlier date: long reports have hundreds).
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(taken_ends, s)  # the first taken span ending after s
        return i == len(taken_starts) or taken_starts[i] >= e

    def add(m: re.Match, value: date | None, precision: str, kind: str, note: str | None = None,
            since: bool = False) -> None:
        s, e = m.span()
        while s < e and norm[s].isspace():
            s += 1
        found.append(DateMention(s, e, original[s:e], value, precision, kind, note, since))
        i = bisect.bisect_left(taken_starts, s)
        taken_starts.insert(i, s)
        taken_ends.insert(i, e)

    # A pattern runs only in the windows that hold what every match of it holds, and where such a match
    # could be kept (it would overlap no date found before it): "2026-01-03" needs digit, separator,
    # digit; "Jan 5" a month name followed by a day; "in 2016" a year after "in". Most windows hold none.
    sep_pairs = _sep_pairs(norm, points["digit"])
    for regex, kind in ((pats.explicit_dmy, "explicit"), (pats.explicit_mdy, "explicit"),
                        (pats.iso, "numeric"), (pats.numeric, "numeric")):
        if regex is pats.explicit_dmy:
            windows_of = months
        elif regex is pats.explicit_mdy:
            windows_of = _month_windows(norm, months, points["month"], pats.mdy_tail, free)
        else:
            windows_of = _holding(digits, [p for p in sep_pairs if free(*p)])
        for m in scan(regex, windows_of):
            if not free(*m.span()):
                continue
            day = int(m.group("day"))
            month_raw = m.group("month")
            month = pats.months[month_raw] if kind == "explicit" else int(month_raw)
            year = int(m.group("year")) if m.group("year") else _infer_year(month, day, published)
            if kind == "explicit" and month_raw in ("may", "mar", "march") and not m.group("year"):
                continue  # "may" / "march" without a year are too often not months
            try:
                value = date(year, month, day) if year else None
            except ValueError:
                continue
            note = None
            wd_text = m.groupdict().get("wd")
            if wd_text and value is not None:
                note = _weekday_note(original[m.start("wd"):m.end("wd")], pats.weekdays[wd_text], value)
            add(m, value, "day", "explicit", note)
    of_month, ordinal, ordinals = _ordinal_pattern(lex or default_lexicon())
    for a, b in windows["month"] if ordinals else ():
        for m in of_month.finditer(norm, a, b):  # "الخامس من كانون الثاني", "في العشرين من آذار 2025"
            o = ordinal.search(norm, max(0, m.start() - ORDINAL_REACH), m.start())
            if o is None or not free(o.start(), m.end()):
                continue
            day, month = ordinals[o.group("ord")], pats.months[m.group("month")]
            year = int(m.group("year")) if m.group("year") else _infer_year(month, day, published)
            try:
                value = date(year, month, day) if year else None
            except ValueError:
                continue
            found.append(DateMention(o.start(), m.end(), original[o.start():m.end()], value, "day", "explicit"))
            i = bisect.bisect_left(taken_starts, o.start())
            taken_starts.insert(i, o.start())
            taken_ends.insert(i, m.end())
    for m in scan(pats.month_year, _month_windows(norm, months, points["month"], pats.month_year_tail, free)):
        if free(*m.span()):
            add(m, date(int(m.group("year")), pats.months[m.group("month")], 1), "month", "month")
    for m in scan(pats.days_ago, [] if "ago" in absent else digits):
        if free(*m.span()):
            n = int(m.group("n1") or m.group("n2"))
            add(m, published - timedelta(days=n) if published else None, "day", "relative")
    for m in scan(pats.relative_re, [] if "rel" in absent else words):
        if free(*m.span()):
            offset, precision = pats.relative[m.group("rel")]
            if offset.startswith(PREVIOUS):
                add(m, None, precision, offset)  # resolved below from the date named before it
            else:
                add(m, published + timedelta(days=int(offset)) if published else None, precision, "relative")
    for m in scan(pats.weekday_re, [] if "wd" in absent else words):
        if not free(*m.span()):
            continue
        wd = pats.weekdays[m.group("wd")]
        value = None
        if published is not None:
            back = (published.weekday() - wd) % 7
            strict = bool(m.group("past")) or norm[m.start():m.start("wd")].strip().startswith("last")
            if strict and back == 0:
                back = 7
            value = published - timedelta(days=back)
        add(m, value, "day", "weekday", since=bool(m.group("since")))
    for m in scan(pats.year_only, _holding(digits, [y for y in _bare_years(norm, points["digit"]) if free(*y)])):
        if free(*m.span()):
            add(m, date(int(m.group("year")), 1, 1), "year", "year", since=bool(m.group("since")))
    found.sort(key=lambda d: d.start)
    # "the same day", "في اليوم التالي": the last day-precision date named before it, plus the offset.
    for i, d in enumerate(found):
        if not d.kind.startswith(PREVIOUS):
            continue
        extra = int(d.kind[len(PREVIOUS):] or 0)
        prev = next((p for p in reversed(found[:i]) if p.value is not None and p.precision == "day"), None)
        value = prev.value + timedelta(days=extra) if prev else None
        found[i] = DateMention(d.start, d.end, d.text, value, "day", "relative", d.note, d.since)
    return found


TODAY_REACH = 12  # characters between a "today" word and the explicit date that names it ("today, 6 January 2026")


def infer_published(text: str, lex: Lexicon | None = None) -> date | None:
    """A publication date read from a body whose metadata has none (a pasted text file).

    The strongest signal is an explicit full date named as today ("اليوم الأربعاء 6 كانون الثاني 2026",
    "today, 6 January 2026"); otherwise the latest explicit full date (day, month and year) in the text.
    None when the text names no full date. Pure."""
    lex = lex or default_lexicon()
    norm = normalise(text)
    found = find_dates(norm, text, None, lex)
    full = [d for d in found if d.kind in ("explicit", "numeric") and d.value is not None and d.precision == "day"]
    if not full:
        return None
    today_words = {normalise_term(r["pattern"]) for r in lex.extra["relative_dates.csv"]
                   if r["offset_days"].strip() == "0"}
    for d in full:
        key = normalise_term(d.text)
        if any(key.startswith(w + " ") for w in today_words):
            return d.value  # the date mention itself opens with "اليوم"
        before = normalise_term(text[max(0, d.start - TODAY_REACH):d.start]).split()
        if before and before[-1].strip(",،") in today_words:
            return d.value
    return max(d.value for d in full)
