"""Figures: numbers of displaced, killed, injured or returned people, with unit, place and date.

A figure is a number (digits with separators, Arabic-Indic digits, "155 ألف", "26 ألفًا و751", "1.2 million",
number words, dual nouns) that counts people or families (data/lexicon/figure_units.csv, or the object of a
casualty verb, or a toll: "حصيلة الشهداء ... إلى 33") and whose nearest predicate (data/lexicon/cues.csv
`fig_*`) says they were displaced, killed, injured or returned. Not figures: numbers in dates, ages and
percentages; people the nearest predicate says were not affected (`fig_none`: aid targets, people staying);
parts of a figure ("among those killed"), combined tolls ("killed and wounded 250"), whole-war tolls, and
totals over several places. docs/extraction.md section 7 has the rules with examples.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from geo.types import PlaceMatch
from ingest.extract.document import Document
from ingest.extract.events import choose_date
from ingest.extract.lexicon import Lexicon
from ingest.extract.text import TATWEEL, literal_alternation, normalise_term
from ingest.records import Figure

UNIT_WINDOW = 3
CATEGORY_WINDOW = 8
SINGULAR_ARTICLES = frozenset({"a", "an", "one", "the", "its", "his", "her"})
CATEGORIES = {"fig_displaced": "displaced", "fig_killed": "killed", "fig_injured": "injured",
              "fig_returned": "returned"}

VERB_CATEGORIES = frozenset({"fig_killed", "fig_injured"})  # a number right after these counts people
KILLED_OR_INJURED = VERB_CATEGORIES
CONJUNCTIONS = frozenset({"and", "or", "و", "او"})
COREFERENT = frozenset({"her", "his", "their", "a", "an"})  # "a woman and her son", "a fighter and a civilian"
RANGE_OPENERS = frozenset({"between", "from", "بين"})
SUBSET_WINDOW = 4  # "من بين القتلى في سراقب 4 أطفال": a part named a few words after "among"
ELLIPSIS_WINDOW = 6  # "3 آخرون في جسر الحج و4 في حي المرجة": the second count close after the first
ORDER_WINDOW = 3
HEDGE_WINDOW = 2  # "could be displaced", "may be killed"  # "أوامر بإخلاء", "told to evacuate": an order word just before the displacement word
PLACE_PREPOSITIONS = frozenset({"في", "ب", "من", "in", "at", "from"})
BREAKDOWN_SENTENCES = 2  # a breakdown follows its total within two sentences
TOLL_WINDOW = 12  # "the number of displaced Palestinians in the besieged Gaza Strip has risen to 1.8 million"


@dataclass
class _NumberPatterns:
    number: re.Pattern
    multipliers: dict[str, int]
    words: dict[str, int]
    not_people_after: frozenset[str]  # "(11 عاما)", "60 per cent", "14 trucks": the number counts no people
    persons: frozenset[str]  # singular words for a person: "killing the driver", "استشهاد شاب"
    quantifiers: frozenset[str]  # words between a casualty verb and its number: "killing at least 12", "نحو"
    orders: frozenset[str]  # "ordered", "أوامر", "إبلاغها": a displacement word right after them is an order
    not_affected: frozenset[str]  # "registered", "housed", "arrived": the counted displaced are hosted, not displaced
    hedges: frozenset[str]  # "could", "may", "مهددون": right before the category word, it has not happened


def _spelled(word: str) -> str:
    """A regex for `word` in normalised text, where dropped diacritics stand as tatweel ("ألفًا" -> "الفـا")."""
    return f"{TATWEEL}*".join(re.escape(ch) for ch in word)


@lru_cache(maxsize=4)
def _number_patterns(lex: Lexicon) -> _NumberPatterns:
    tables: dict[str, dict[str, int]] = {"multiplier": {}, "number": {}, "dual": {}, "not_people_after": {},
                                         "person": {}, "quantifier": {}, "order": {}, "not_affected": {}, "hedge": {},
                                         "ordinal": {}}  # ordinal day words are dates.py's ("الخامس من آذار")
    for row in lex.extra["numbers.csv"]:
        tables.get(row["kind"], tables["number"])[normalise_term(row["word"])] = int(row["value"])
    multipliers, words, duals = tables["multiplier"], tables["number"], tables["dual"]
    # = "|".join(_spelled(w) for w in the words, longest first), as a faster trie
    mult = literal_alternation(multipliers, between=f"{TATWEEL}*")
    word = literal_alternation(words, between=f"{TATWEEL}*")
    dual = literal_alternation(duals, between=f"{TATWEEL}*")
    # One Arabic proclitic may stand before a number ("و31 إصابة", "وستة جرحى"); a thousands multiplier may
    # take a remainder ("26 ألفا و751 شهيدا" = 26751).
    # A number starts a word, or follows one proclitic that starts a word. Written as a lookbehind in front,
    # the engine would try the pattern at every character; instead the pattern opens with the non-word
    # character before the number (`_numbers` scans the text with a space in front, for a number opening
    # it), which the engine skips to directly: the number itself is group `n`.
    firsts = "".join(sorted({w[0] for w in (*words, *duals)} | set("وفبا")))
    number = re.compile(
        rf"\W(?:(?<![.,/-])|[وفب])(?=[\d{re.escape(firsts)}])"
        rf"(?P<n>(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|(?P<word>{word})|"
        rf"(?:[وفب]|ب?ال)?(?P<dual>{dual}))(?:\s+(?P<mult>{mult})(?:\s+و\s?(?P<rest>\d{{1,3}})(?![\d.,]))?)?"
        rf"(?![\w]|[-/]\d))")
    return _NumberPatterns(number, multipliers, {**words, **duals}, frozenset(tables["not_people_after"]),
                           frozenset(tables["person"]), frozenset(tables["quantifier"]), frozenset(tables["order"]),
                           frozenset(tables["not_affected"]), frozenset(tables["hedge"]))


class _Number:
    """A number found in the normalised text: `start()`, `end()` and `group(name)` as of a match of it there."""

    __slots__ = ("_m",)

    def __init__(self, m: re.Match) -> None:
        self._m = m  # a match in " " + the text: one character to take off its offsets

    def start(self) -> int:
        return self._m.start("n") - 1

    def end(self) -> int:
        return self._m.end() - 1

    def group(self, name: str) -> str | None:
        return self._m.group(name)


def _numbers(pats: _NumberPatterns, norm: str) -> list[_Number]:
    """The numbers of a normalised text, in order (see `_number_patterns`)."""
    return [_Number(m) for m in pats.number.finditer(" " + norm)]


def _people_next(doc: Document, m: _Number) -> bool:
    """Is the word right after number `m` a people or families noun (figure_units.csv)?"""
    s = doc.sentence_at(m.start())
    t_end = doc.token_index(m.end())
    return s is not None and any(c.cls.startswith("unit_") and c.tok_start == t_end for c in s.cues)


def _finest(places: list[PlaceMatch]) -> list[PlaceMatch]:
    """Places none of the others lies in (its direct parent named alongside it is dropped), first seen first."""
    ids = {pm.place_id for pm in places}
    out: list[PlaceMatch] = []
    for pm in places:
        if not any(o.place.parent_place_id == pm.place_id for o in places) and pm.place_id not in {
                o.place_id for o in out}:
            out.append(pm)
    return out if out else [pm for pm in places if pm.place_id in ids][:1]


def build_figures(doc: Document, report_id: str, lex: Lexicon, targets: dict[int, list[PlaceMatch]],
                  focus: list[PlaceMatch]) -> list[Figure]:
    """Figures in the document."""
    pats = _number_patterns(lex)
    # Date spans never overlap: sorted by start, their ends are sorted too (bisect instead of a scan).
    date_spans = sorted((d.start, d.end) for d in doc.dates)
    date_starts = [a for a, _ in date_spans]
    date_ends = [b for _, b in date_spans]
    numbers = _numbers(pats, doc.norm)
    number_toks = [doc.token_index(m.start()) for m in numbers]
    figures: list[Figure] = []
    subset_end = (-1, -1)  # (sentence, token) where the last part of a figure ended
    last_figure: tuple[int, str, str, int] | None = None  # (sentence, unit, category, end token) of the last figure
    for previous, m in zip([None, *numbers], numbers, strict=False):
        i = bisect.bisect_right(date_ends, m.start())  # the first date ending after the number starts
        if i < len(date_starts) and date_starts[i] <= m.start():
            continue
        if m.group("digits"):
            raw = m.group("digits").replace(",", "")
            value = float(raw)
        else:
            value = float(pats.words[(m.group("word") or m.group("dual")).replace(TATWEEL, "")])
        if m.group("mult"):
            value *= pats.multipliers[m.group("mult").replace(TATWEEL, "")]
            if m.group("rest"):
                value += int(m.group("rest"))
        elif m.group("digits") and 1900 <= value <= 2100 and "," not in m.group("digits") and not _people_next(doc, m):
            continue  # a year (not "2000 شخص", "1950 families": a people noun right after it counts them)
        elif m.group("digits") and len(m.group("digits")) >= 7 and "," not in m.group("digits"):
            continue  # a phone or reference number
        quantity = round(value)
        if quantity <= 0:
            continue
        s = doc.sentence_at(m.start())
        if s is None:
            continue
        t_start = doc.token_index(m.start())
        t_end = doc.token_index(m.end())
        if _range_upper(doc, s, previous, m):
            continue  # "between 50 and 60 people": the lower bound is the figure
        if t_end < s.tok_end and doc.tokens[t_end].key in pats.not_people_after:
            continue  # an age, a duration, a percentage, a quantity of things
        if doc.norm[m.end():m.end() + 2].lstrip().startswith("%"):
            continue
        unit = "people" if m.group("dual") else None  # "قتيلان", "طفلين": the number is in the noun
        head_end = t_end  # where the counted noun ends ("40 people|")
        verb_starts = {c.tok_start for c in s.cues if c.cls in VERB_CATEGORIES}  # "injured" is a verb or a noun
        for c in s.cues:
            if unit is None and c.cls.startswith("unit_") and 0 <= c.tok_start - t_end < UNIT_WINDOW and not (
                    c.tok_start in verb_starts and any(doc.tokens[i].key in CONJUNCTIONS for i in range(t_end, c.tok_start))):
                unit, head_end = c.label, c.tok_end  # not a verb across "and": "killed three Xs and injured six"
                break
        if unit is None and m.group("word"):  # "مدنيَّين اثنين", "عنصرين اثنين": the noun before the number
            unit = next((c.label for c in s.cues if c.cls.startswith("unit_") and c.tok_end == t_start), None)
        if unit is None and any(c.cls in VERB_CATEGORIES and c.tok_end <= t_start and all(
                doc.tokens[i].key in pats.quantifiers for i in range(c.tok_end, t_start)) for c in s.cues):
            unit = "people"  # "wounding 11", "killing at least seven", "أصيب نحو ١١": people by the verb's object
        toll = _toll_category(s, t_start, number_toks)
        if unit is None and toll is not None:
            unit = "people"  # "ارتفاع حصيلة الشهداء إلى 33"
        inherited = None
        if unit is None and last_figure is not None and last_figure[0] == s.index and _elliptical(doc, m, t_start,
                                                                                                  last_figure[3]):
            _, unit, inherited, _ = last_figure  # "استشهد 3 آخرون في A و4 في B": the 4 are killed people too
        if unit is None:
            continue
        if any(c.cls == "figure_subset" and 0 <= t_start - c.tok_end <= SUBSET_WINDOW and not any(
                c.tok_end <= n < t_start for n in number_toks[bisect.bisect_left(number_toks, c.tok_end):][:1])
                for c in s.cues):
            subset_end = (s.index, t_end)
            continue  # "nine civilians, including four children", "من بين الشهداء 5 أطفال": part of a figure
        if subset_end[0] == s.index and (doc.norm[m.start() - 1:m.start()] == "و" or (
                t_start > s.tok_start and doc.tokens[t_start - 1].key in CONJUNCTIONS)):
            subset_end = (s.index, t_end)
            continue  # "من بينها 8 إصابات بالرصاص الحي، و14 إصابة بالرصاص المطاطي": the list of parts goes on
        # the number's clause(s): a thousands separator ("275,000") is a clause break of its own
        clause = range(s.clause_of(m.start()), s.clause_of(m.end() - 1) + 1)
        category, cue = toll or inherited, None
        if category is None:
            category, cue = _nearest_category(doc, s, clause, t_start, t_end, head_end)
        if category is None or category == "none":
            continue
        if category == "displaced" and cue is not None and _not_displaced(doc, s, cue, t_end, head_end, pats):
            continue  # "أوامر بإخلاء 13 عائلة", "1.1 million displaced persons registered in 156 shelters"
        if cue is not None and any(_bare(doc.tokens[i].key) in pats.hedges for i in (
                *range(max(s.tok_start, cue.tok_start - HEDGE_WINDOW), cue.tok_start),
                *range(max(s.tok_start, t_start - HEDGE_WINDOW), t_start))):  # "تستعد 500 عائلة للعودة"
            continue  # "100,000 people could be displaced", "آلاف مهددون بالنزوح": a projection, not a count
        last_figure = (s.index, unit, category, t_end)
        if cue is not None and _part_or_total(doc, s, cue, t_start, t_end, number_toks, pats.persons):
            continue
        if any(c.cls == "fig_total" for c in s.cues):
            continue  # "11 killed in the two strikes": a total over several places, no split
        if any(c.cls == "fig_background" and c.tok_start - s.tok_start <= 2 for c in s.cues):
            continue  # "يُذكر أن ... ما أدى إلى مقتل أكثر من 380 مدنياً": a background sentence
        if category == "displaced" and cue is not None and any(
                c.cls == "fig_evacuation" and c.tok_start == cue.tok_start for c in s.cues) and any(
                c.cls == "hospital" for c in s.cues):
            continue  # "100 people were evacuated ... and taken to hospitals": a medical evacuation
        in_clause = _finest([pm for pm in targets.get(s.index, ()) if s.clause_of(pm.start) in clause])
        alternating = False
        if len(in_clause) > 1:
            alternating, in_clause = _own_place(doc, s, clause, in_clause, t_start, t_end, number_toks)
            if len(in_clause) > 1 or not (in_clause or alternating):
                continue  # "4,300 families fled Sheikh Maqsoud and Ashrafieh": a total over several places
        # a count among counts of other places whose own place the gazetteer lacks has no place
        places = in_clause or ([] if alternating else _finest(list(targets.get(s.index) or ())) or focus)
        place_id = places[0].place_id if places else None
        event_date, _precision, _note, _hist, _why = choose_date(doc, s, m.start())
        subset_end = (-1, -1)
        figures.append(Figure(
            report_id=report_id, place_id=place_id, figure_date=event_date, quantity=quantity, unit=unit,
            category=category, evidence=doc.text[s.start:s.end], char_start=s.start, char_end=s.end,
        ))
    figures.extend(_single_victims(doc, report_id, pats, targets, focus,
                                   {(f.char_start, f.category) for f in figures}, number_toks))
    return _without_breakdowns(doc, figures)


def _without_breakdowns(doc: Document, figures: list[Figure]) -> list[Figure]:
    """Drop a breakdown of a total given just before: two or more counts of one category at the total's own
    place, in the sentence right after it (or the one after that), that add up to no more than it ("58
    injured in X." then "5 of them by live fire and 31 by tear gas"). Counts at other places are the
    total's parts by place, which are figures of their own ("12 killed in X." then "5 in A, 3 in B")."""
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.char_start, []).append(f)
    sentence_index = {s.start: s for s in doc.sentences}
    dropped: set[int] = set()
    for start, group in by_sentence.items():
        s = sentence_index.get(start)
        if s is None:
            continue
        for key in {(f.category, f.unit, f.place_id) for f in group}:
            parts = [f for f in group if (f.category, f.unit, f.place_id) == key]
            if len(parts) < 2:
                continue
            earlier = [f for b in doc.sentences[max(0, s.index - BREAKDOWN_SENTENCES):s.index]
                       for f in by_sentence.get(b.start, ()) if (f.category, f.unit, f.place_id) == key]
            if any(t.quantity >= sum(p.quantity for p in parts) for t in earlier):
                dropped.update(id(p) for p in parts)
    return [f for f in figures if id(f) not in dropped]


def _elliptical(doc: Document, m: _Number, t_start: int, last_end: int) -> bool:
    """Is number `m` a second count with its noun left out, joined by و/and right after a figure's words
    ("واستشهد 3 آخرون في جسر الحج و4 في حي المرجة", "killing 3 in A and 4 in B")? Only a place or a
    preposition may follow it: a noun of its own ("و14 إصابة") gives its own unit."""
    joined = doc.norm[m.start() - 1:m.start()] == "و" or (t_start > 0 and doc.tokens[t_start - 1].key in ("and", "و"))
    if not joined or not 0 <= t_start - last_end <= ELLIPSIS_WINDOW:
        return False
    t_end = doc.token_index(m.end())
    if not (t_end < len(doc.tokens) and doc.tokens[t_end].key in PLACE_PREPOSITIONS):
        return False
    # its own place is named right after it (what makes it a separate count): "و4 في حي المرجة"
    return any(0 < doc.token_index(pm.start) - t_end <= 3 for pm in doc.places if not pm.is_actor)


def _own_place(doc: Document, s, clause: range, places: list[PlaceMatch], t_start: int, t_end: int,
               number_toks: list[int]) -> tuple[bool, list[PlaceMatch]]:
    """Where numbers and places alternate in a clause ("3 killed in A and 4 in B"), a number's place is the one
    right after it, before the next number: (True, those places). A clause with one number and several places
    is a total: (False, [])."""
    j = bisect.bisect_right(number_toks, t_start)  # the next number after this one
    nxt = number_toks[j] if j < len(number_toks) else s.tok_end
    clause_numbers = [n for n in number_toks[max(0, j - 3):j + 3]
                      if s.tok_start <= n < s.tok_end and s.clause_of(doc.tokens[n].start) in clause]
    if len(clause_numbers) < 2:
        return False, []
    return True, _finest([pm for pm in places
                          if t_end <= doc.token_index(pm.start) < min(nxt, t_end + ELLIPSIS_WINDOW)])


def _not_displaced(doc: Document, s, cue, t_end: int, head_end: int, pats: _NumberPatterns) -> bool:
    """Are the counted people not displaced themselves? Their displacement word is an order ("أوامر بإخلاء",
    "ordered to evacuate", "تم إبلاغها بإخلاء مساكنها": warned, not yet gone), or it only describes them
    ("1.1 million displaced persons", "80,000 newly displaced people") while the clause says where they are
    registered, housed or arrived: people hosted at a destination, not a displacement."""
    for i in range(max(s.tok_start, cue.tok_start - ORDER_WINDOW), cue.tok_start):
        if _bare(doc.tokens[i].key) in pats.orders or doc.tokens[i].key in pats.orders:
            return True
    if not t_end <= cue.tok_start < head_end:
        return False
    clause = s.clause_of(cue.start)
    return any(doc.tokens[i].key in pats.not_affected or _bare(doc.tokens[i].key) in pats.not_affected
               for i in range(head_end, min(s.tok_end, head_end + CATEGORY_WINDOW))
               if s.clause_of(doc.tokens[i].start) == clause)


def _bare(key: str) -> str:
    """An Arabic word without one conjunction or preposition clitic ("وبضرورة" -> "بضروره" stays: listed as is)."""
    return key[1:] if len(key) > 3 and key[0] in "وف" else key


def _range_upper(doc: Document, s, lower: _Number | None, upper: _Number) -> bool:
    """Is `upper` the upper bound of a range ("between 50 and 60", "بين 50 و60", "from 50 to 60") whose lower
    bound `lower` (the number before it) opens with a range word?"""
    if lower is None or lower.start() < s.start:
        return False
    t = doc.token_index(lower.start())
    if t - 1 < s.tok_start or doc.tokens[t - 1].key not in RANGE_OPENERS:
        return False
    return doc.norm[lower.end():upper.start()].strip() in ("", "and", "to", "و")


def _toll_category(s, t_start: int, number_toks: list[int]) -> str | None:
    """"the number of displaced ... has risen to 1.8 million", "ارتفاع حصيلة الشهداء ... إلى 33": a toll word with
    a category word right after it, before the number in its sentence with no other number between."""
    for c in s.cues:
        if c.cls != "fig_toll" or not 0 <= t_start - c.tok_end <= TOLL_WINDOW:
            continue
        j = bisect.bisect_right(number_toks, c.tok_end - 1)
        if j < len(number_toks) and number_toks[j] < t_start:
            continue  # another number stands between: the toll word counts that one
        for k in s.cues:
            if k.cls in CATEGORIES and (0 <= k.tok_start - c.tok_end <= 1 or (
                    k.tok_start <= c.tok_start and c.tok_end <= k.tok_end)):  # "death toll": a toll of its own
                return CATEGORIES[k.cls]
    return None


def _nearest_category(doc: Document, s, clause: range, t_start: int, t_end: int, head_end: int):
    """The category word nearest the number, preferring one in the number's own clause ("استشهد أربعة
    مواطنين، وأصيب عشرون آخرون"), one right after the counted noun ("left 40 people dead"), one outside a
    relative clause ("60 families who had returned were forced out") and one not before "and" ("a man was
    killed and four people were injured"). A fig_none word nearest ("aid would reach 2,500 families") means no figure ("none")."""
    relatives = [c.tok_start for c in s.cues if c.cls == "relative"]
    best = None
    found = (None, None)
    for c in s.cues:
        if c.cls not in CATEGORIES and c.cls != "fig_none":
            continue
        dist = c.tok_start - t_end if c.tok_start >= t_end else t_start - c.tok_end
        if dist > CATEGORY_WINDOW:
            continue
        relative = c.tok_start >= t_end and any(t_end <= r < c.tok_start and c.tok_start - r <= 3 for r in relatives)
        # "a woman was killed and three people were injured": a category word before "and" is the last clause's
        conj = c.tok_end <= t_start and any(doc.tokens[t].key in CONJUNCTIONS for t in range(c.tok_end, t_start))
        # "left 40 people dead": a category word right after the counted noun describes it
        modifier = c.tok_start == head_end and head_end > t_end and not doc.tokens[c.tok_start].key.startswith("و")
        # "left 80 dead", "21 قتيلا": the counted noun itself is a word for the killed or injured
        modifier = modifier or (c.cls in KILLED_OR_INJURED and t_end <= c.tok_start and c.tok_end <= head_end)
        rank = (s.clause_of(c.start) not in clause, not modifier, relative, conj, dist)
        if best is None or rank < best:
            best, found = rank, (CATEGORIES.get(c.cls, "none"), c)
    return found


def _part_or_total(doc: Document, s, cue, t_start: int, t_end: int, number_toks: list[int],
                   persons: frozenset[str]) -> bool:
    """Is the number only a part of a figure ("seven children were among those killed"; "2,500 families,
    including hundreds who have returned": the category word describes a part), a combined toll ("killed
    and wounded some 250", "بين قتيل وجريح"), or a toll of the whole war ("a war that has killed 320,000")?"""
    lo, hi = (t_end, cue.tok_start) if cue.tok_start >= t_end else (cue.tok_end, t_start)
    for c in s.cues:
        if c.cls == "figure_subset" and lo <= c.tok_start < hi:
            j = bisect.bisect_left(number_toks, c.tok_end)
            if not (j < len(number_toks) and number_toks[j] < hi):
                return True
        if c.cls in KILLED_OR_INJURED and cue.cls in KILLED_OR_INJURED and c.cls != cue.cls and (
                _joined(doc, cue, c) or _joined(doc, c, cue) or (
                    c.tok_start - cue.tok_end == 1 and _key(doc, c, -1) in CONJUNCTIONS) or (
                    cue.tok_start - c.tok_end == 1 and _key(doc, cue, -1) in CONJUNCTIONS)):
            a, b = min(c.tok_start, cue.tok_start), max(c.tok_end, cue.tok_end)
            j = bisect.bisect_left(number_toks, a)
            if j < len(number_toks) and number_toks[j] < b:
                continue  # "قُتل شخصان وأصيب أربعة": each verb has its own number
            far = c if abs(c.tok_start - t_start) > abs(cue.tok_start - t_start) else cue
            if t_start >= b and _key(doc, far) in persons:
                continue  # "سقوط شهيد وإصابة شخصين": the first noun is one person of its own
            return True
        if c.cls == "fig_background" and 0 <= cue.tok_start - c.tok_end <= 1:
            return True
    return False


def _joined(doc: Document, a, b) -> bool:
    """Is hit `b` the word right after hit `a`, with no punctuation between ("قتيل وجريح"; not "dead, wounding")?"""
    return b.tok_start == a.tok_end and not doc.text[a.end:b.start].strip()


def _key(doc: Document, hit, shift: int = 0) -> str:
    """The normalised word of a one-word hit (or of the word `shift` words from it), without a conjunction
    before it ("وجريح" -> "جريح")."""
    key = doc.tokens[hit.tok_start + shift].key
    return key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key


def _passive_subject(doc: Document, s, c, pats: _NumberPatterns) -> tuple[int, int] | None:
    """(token of the person word, how many) for "a woman was killed", "one gunman was reported killed" (1) and
    "a fighter and a civilian were killed" (2) before casualty verb `c`."""
    j = c.tok_start - 1
    if j > s.tok_start and doc.tokens[j].key == "reported":
        j -= 1
    if j - 2 < s.tok_start or doc.tokens[j].key not in ("was", "were"):
        return None
    key = doc.tokens[j].key
    if doc.tokens[j - 1].key not in pats.persons or doc.tokens[j - 2].key not in COREFERENT | {"one"}:
        return None
    if key == "was":
        return (j - 1, 1)
    k = j - 3  # "a fighter and a civilian were": the first person, then "and"
    if k - 1 >= s.tok_start and doc.tokens[k].key == "and" and doc.tokens[k - 1].key in pats.persons and (
            k - 2 >= s.tok_start and doc.tokens[k - 2].key in ("a", "an", "one")) and (
            k - 3 < s.tok_start or doc.tokens[k - 3].key not in CONJUNCTIONS):
        return (j - 1, 2)
    return None


def _single_victims(doc: Document, report_id: str, pats: _NumberPatterns, targets: dict[int, list[PlaceMatch]],
                    focus: list[PlaceMatch], taken: set[tuple[int, str]], number_toks: list[int]) -> list[Figure]:
    """One person: a casualty verb with "a/an/the/its" and a word for a person ("killing a paramedic",
    "killing the driver"); an indefinite Arabic singular right after it ("استشهاد شاب", "قُتل مدني",
    "وإصابة آخر"); a singular noun for a victim ("سقوط شهيد", "قتيل وجرحى"; not "بين قتيل وجريح"). Not when the
    sentence already gave a number for that category."""
    out: list[Figure] = []
    for s in doc.sentences:
        for c in s.cues:
            if c.cls not in VERB_CATEGORIES or (s.start, CATEGORIES[c.cls]) in taken:
                continue
            i = c.tok_end
            passive_count = 1
            if _key(doc, c) in pats.persons and c.tok_end - c.tok_start == 1:
                j = bisect.bisect_left(number_toks, c.tok_start - 1)
                before = {doc.tokens[t].key for t in range(max(s.tok_start, c.tok_start - 2), c.tok_start)}
                if before & {"بين", "between"} or (j < len(number_toks) and number_toks[j] < c.tok_start):
                    continue  # "بين قتيل وجريح", "12 قتيل"
                head = c.tok_start
            elif (passive := _passive_subject(doc, s, c, pats)) is not None:
                head, passive_count = passive  # "a woman was killed", "a fighter and a civilian were killed"
            elif i >= s.tok_end:
                continue
            elif doc.tokens[i].key in SINGULAR_ARTICLES and i + 1 < s.tok_end:
                unit = next((u for u in s.cues if u.cls == "unit_people" and i < u.tok_start <= i + 2), None)
                if unit is not None:
                    head = unit.tok_end - 1
                elif doc.tokens[i + 1].key in pats.persons:
                    head = i + 1
                else:
                    continue
            elif doc.tokens[i].key in pats.persons and not any(
                    k.tok_start == i and k.cls in CATEGORIES for k in s.cues):
                head = i  # Arabic: an indefinite singular noun right after the verb or verbal noun
            else:
                continue
            quantity = passive_count
            nxt = head + 1
            if nxt < s.tok_end and doc.tokens[nxt].key in ("and", "و") and not doc.text[
                    doc.tokens[head].end:doc.tokens[nxt].start].strip():
                # "wounding a woman and her son": two; anything longer is not counted here
                if head > c.tok_start and nxt + 2 < s.tok_end and doc.tokens[nxt + 1].key in COREFERENT and \
                        doc.tokens[nxt + 2].key in pats.persons and (
                        nxt + 3 >= s.tok_end or doc.tokens[nxt + 3].key not in CONJUNCTIONS):
                    quantity = 2
                else:
                    continue
            taken.add((s.start, CATEGORIES[c.cls]))
            places = _finest(list(targets.get(s.index) or ())) or focus
            event_date = choose_date(doc, s, c.start)[0]
            out.append(Figure(
                report_id=report_id, place_id=places[0].place_id if places else None, figure_date=event_date,
                quantity=quantity, unit="people", category=CATEGORIES[c.cls], evidence=doc.text[s.start:s.end],
                char_start=s.start, char_end=s.end,
            ))
    return out
