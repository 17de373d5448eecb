"""Figures: numbers of displaced, killed, injured or returned people, with unit, place and date.

A figure is a number (digits with separators, Arabic-Indic digits, "155 ألف", "1.2 million", a few
number words) followed within three words by a unit (people, families: data/lexicon/figure_units.csv)
and with a category word (data/lexicon/cues.csv `fig_*`) within eight words in the same sentence.
Numbers inside date expressions are skipped.
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
from ingest.extract.text import normalise_term
from ingest.records import Figure

UNIT_WINDOW = 3
CATEGORY_WINDOW = 8
SINGULAR_ARTICLES = frozenset({"a", "an", "one"})
CATEGORIES = {"fig_displaced": "displaced", "fig_killed": "killed", "fig_injured": "injured",
              "fig_returned": "returned"}

VERB_CATEGORIES = frozenset({"fig_killed", "fig_injured"})  # a number right after these counts people


@dataclass
class _NumberPatterns:
    number: re.Pattern
    multipliers: dict[str, int]
    words: dict[str, int]


@lru_cache(maxsize=4)
def _number_patterns(lex: Lexicon) -> _NumberPatterns:
    multipliers, words, duals = {}, {}, {}
    for row in lex.extra["numbers.csv"]:
        key = normalise_term(row["word"])
        {"multiplier": multipliers, "dual": duals}.get(row["kind"], words)[key] = int(row["value"])
    mult = "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
    word = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    dual = "|".join(re.escape(w) for w in sorted(duals, key=len, reverse=True))
    number = re.compile(
        rf"(?<![\w.,])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|(?P<word>{word})|"
        rf"(?:[وفب]|ب?ال)?(?P<dual>{dual}))(?:\s+(?P<mult>{mult}))?(?![\w])")
    return _NumberPatterns(number, multipliers, {**words, **duals})


def build_figures(doc: Document, report_id: str, lex: Lexicon, targets: dict[int, list[PlaceMatch]],
                  focus: list[PlaceMatch]) -> list[Figure]:
    """Figures in the document."""
    pats = _number_patterns(lex)
    # Date spans never overlap: sorted by start, their ends are sorted too (bisect instead of a scan).
    date_spans = sorted((d.start, d.end) for d in doc.dates)
    date_starts = [a for a, _ in date_spans]
    date_ends = [b for _, b in date_spans]
    figures: list[Figure] = []
    for m in pats.number.finditer(doc.norm):
        i = bisect.bisect_right(date_ends, m.start())  # the first date ending after the number starts
        if i < len(date_starts) and date_starts[i] <= m.start():
            continue
        if m.group("digits"):
            raw = m.group("digits").replace(",", "")
            value = float(raw)
        else:
            value = float(pats.words[m.group("word") or m.group("dual")])
        if m.group("mult"):
            value *= pats.multipliers[m.group("mult")]
        elif m.group("digits") and 1900 <= value <= 2100 and "," not in m.group("digits"):
            continue  # a year
        quantity = round(value)
        if quantity <= 0:
            continue
        s = doc.sentence_at(m.start())
        if s is None:
            continue
        t_start = doc.token_index(m.start())
        t_end = doc.token_index(m.end())
        unit = "people" if m.group("dual") else None  # "قتيلان", "طفلين": the number is in the noun
        for c in s.cues:
            if unit is None and c.cls.startswith("unit_") and 0 <= c.tok_start - t_end < UNIT_WINDOW:
                unit = c.label
                break
        if unit is None and m.group("word"):  # "مدنيَّين اثنين", "عنصرين اثنين": the noun before the number
            unit = next((c.label for c in s.cues if c.cls.startswith("unit_") and c.tok_end == t_start), None)
        if unit is None and any(c.cls in VERB_CATEGORIES and c.tok_end == t_start for c in s.cues):
            unit = "people"  # "wounding 11", "killing seven", "أصيب ١١": people by the verb's object
        if unit is None:
            continue
        if any(c.cls == "figure_subset" and 0 <= t_start - c.tok_end <= 1 for c in s.cues):
            continue  # "nine civilians, including four children": part of the figure before it
        # The category word nearest the number, preferring one in the number's own clause
        # ("استشهد أربعة مواطنين، وأصيب عشرون آخرون").
        clause = s.clause_of(m.start())
        category = None
        best = None
        for c in s.cues:
            if c.cls not in CATEGORIES:
                continue
            dist = c.tok_start - t_end if c.tok_start >= t_end else t_start - c.tok_end
            rank = (s.clause_of(c.start) != clause, dist)
            if dist <= CATEGORY_WINDOW and (best is None or rank < best):
                best, category = rank, CATEGORIES[c.cls]
        if category is None:
            continue
        places = targets.get(s.index) or focus
        place_id = places[0].place_id if places else None
        event_date, _precision, _note, _hist, _why = choose_date(doc, s, m.start())
        figures.append(Figure(
            report_id=report_id, place_id=place_id, figure_date=event_date, quantity=quantity, unit=unit,
            category=category, evidence=doc.text[s.start:s.end], char_start=s.start, char_end=s.end,
        ))
    figures.extend(_single_victims(doc, report_id, targets, focus, {(f.char_start, f.category) for f in figures}))
    return figures


def _single_victims(doc: Document, report_id: str, targets: dict[int, list[PlaceMatch]],
                    focus: list[PlaceMatch], taken: set[tuple[int, str]]) -> list[Figure]:
    """"killing a paramedic", "wounding a girl": a casualty verb with "a/an" and a word for a person is
    one person (unless the sentence already gave a number for that category)."""
    out: list[Figure] = []
    for s in doc.sentences:
        for c in s.cues:
            if c.cls not in VERB_CATEGORIES or (s.start, CATEGORIES[c.cls]) in taken:
                continue
            i = c.tok_end
            if i >= s.tok_end or doc.tokens[i].key not in SINGULAR_ARTICLES:
                continue
            unit = next((u for u in s.cues if u.cls == "unit_people" and i < u.tok_start <= i + 2), None)
            if unit is None or (unit.tok_end < s.tok_end and doc.tokens[unit.tok_end].key in ("and", "و")
                                and not doc.text[unit.end:doc.tokens[unit.tok_end].start].strip()):
                continue  # "wounding a woman and her son": more than one, not counted here
            taken.add((s.start, CATEGORIES[c.cls]))
            places = targets.get(s.index) or focus
            event_date = choose_date(doc, s, c.start)[0]
            out.append(Figure(
                report_id=report_id, place_id=places[0].place_id if places else None, figure_date=event_date,
                quantity=1, unit="people", category=CATEGORIES[c.cls], evidence=doc.text[s.start:s.end],
                char_start=s.start, char_end=s.end,
            ))
    return out

