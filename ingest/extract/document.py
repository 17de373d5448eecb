"""A report body analysed once: normalised text, tokens, paragraphs, sentences, clauses, lexicon hits,
places and dates. Every later rule reads this structure instead of re-scanning the text."""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import attrgetter, itemgetter

from geo.types import PlaceMatch
from ingest.extract.dates import DateMention, find_dates
from ingest.extract.lexicon import Hit, Lexicon, resolve_events
from ingest.extract.text import Span, Token, clause_breaks, normalise, paragraphs, sentences, tokenize

ANAPHOR_KINDS = {
    "anaphor_camp": frozenset({"camp"}),
    "anaphor_neighbourhood": frozenset({"neighbourhood"}),
    "anaphor_city": frozenset({"city", "town"}),  # "مدينة سرمين": news calls many towns a city
    "anaphor_governorate": frozenset({"governorate"}),
    "anaphor_town": frozenset({"town", "village", "city"}),
}
_ANAPHOR_CLASSES = frozenset({*ANAPHOR_KINDS, *(k + "s" for k in ANAPHOR_KINDS)})  # "the town", "the towns"
ANAPHOR_NAME_GAP = 5  # chars between "the town" and a name that it introduces ("the town of X")
TAKEN_TO_REACH = 30  # characters from "taken to" / "إلى" to the place it names
PLURAL_ANAPHOR_REACH = 200  # characters before the last named place that still count as "those places"
BLOCK_WINDOW = 6  # how near a domain word must be to block an event word ("returned to school")
# Blockers that reach a word anywhere in its sentence: a sports sentence is about sport throughout; a
# "raid" in a sentence with warplanes is the air raid ("warplanes struck ..., one of the heaviest raids").
SENTENCE_WIDE_DOMAINS = frozenset({"domain_sport", "air_context"})
METAPHOR_DOMAINS = frozenset({"domain_sport"})  # two of these words make every event word a metaphor
# Two or more words of such a domain make the whole sentence about it: every event word in it is a
# metaphor ("فرض حصاراً خانقاً على مرمى الضيوف", "the striker's attack on goal").
DOMAIN_SENTENCE_MIN = 2
RETURN_ARGUMENT_WINDOW = 5  # words between a return word and its people (in the same clause)
NEEDS_WINDOW = 8  # how far (in words) a trigger looks for the companion it needs ("عاد" + people)
# ACLED's rule for unspecified violence: "attack" only when no more specific type is reported.
GENERIC_VIOLENCE = "attack"
SPECIFIC_VIOLENCE = frozenset({"shelling", "airstrike", "drone_strike", "armed_clash", "demolition"})
AIR_WEAPONS = frozenset({"airstrike", "drone_strike"})
VIOLENCE = SPECIFIC_VIOLENCE | {GENERIC_VIOLENCE, "casualties"}
# Bombardment, gunfire and raid words marked `air_means` in events.csv name the strike of an aircraft named
# right next to them ("قصف بطائرة مسيّرة", "إطلاق نار من مسيّرات", "غارة بمسيّرة", "gunfire from a drone").
AIR_MEANS = "air_means"
AIR_MEANS_REACH = 4  # words between the two
# What ends an aircraft's reach as the actor of a later bombardment verb: a contrast, a past cause, a cause.
AGENT_BREAKS = frozenset({"contrast", "after_ref", "cause", "scope_break"})
SIMILAR_REACH = 2  # words between a bombardment word and "similar" ("قصف مماثل", "a similar bombardment")
COORDINATORS = frozenset({"and", "or", "او", "ثم", "as", "well"})
RETURN_DEPARTURE_WINDOW = 4  # words between "leave (the camp)" and "return"
OVERFLIGHT_WINDOW = 6  # words between an overflight word and the aircraft it describes
# Modality cue words inside an idiom (cue class `idiom`) are not cues: "طالب جامعي" is a student, not "demanded".
IDIOM_SILENCED = frozenset({"warn", "warn_adj", "warn_post", "call", "deny", "deny_post", "prevent", "negation"})
NO_EVENT = "_none"  # events.csv label of compounds that name no event ("displacement camps")
# A wire dateline: a place at a paragraph's start followed by a dash, a parenthesised agency or a date
# ("BEIRUT, Jan 3 (Reuters) -", "TUBAS, West Bank, Jan 8 -", "حلب - ", "بيروت – (خاص)").
_DATELINE_AFTER = re.compile(r"\s*[,،]?\s*(?:[-–—]\s|\(|\d{1,2}\s|[A-Z][a-z]{2,8}\.?\s+\d)")
_DATELINE_LEAD = re.compile(r"[^\W\d_][\w'’ ]{1,25}\s*[/،,]")  # "Brussels/", "زمن برس،"
_DATELINE_AFTER_LEAD = re.compile(r"\s*(?:[-–—:]\s|\()")
_DATELINE_DASH = re.compile(r"\s[-–—]\s|[-–—]\s|\s[-–—](?=\S)")
# Report genre: cue classes of topics other than conflict, counted over the whole report (see mentions.py,
# `_conflict_frame`). The domain_* classes also block event words near them; genre_* only count.
GENRE_CLASSES = frozenset({"domain_sport", "domain_economy", "domain_normal", "domain_history", "domain_protest",
                           "genre_culture", "genre_economy", "genre_weather"})
# A weak (polysemous) event word written as a name is no event: in quotes ('an installation called "Siege"',
# 'a "truce" over fees') or capitalised inside a lower-case English sentence ('the Great March of Return').
_QUOTES_OPEN = frozenset("\"'“‘«")
_QUOTES_CLOSE = frozenset("\"'”’»")
# C-level getters for map() over many tokens and hits (a named-tuple field read from Python code
# takes the slow generic attribute path in CPython 3.11)
_START = attrgetter("start")
_CLS = attrgetter("cls")
_TOKEN_START = itemgetter(Token._fields.index("start"))
_SILENCERS = frozenset({"negation_exception", "idiom"})  # cue classes that silence other cues on their tokens
CALENDAR_KINDS = frozenset({"explicit", "numeric", "month"})  # date mentions whose words are month names
DATELINE_REACH = 90  # characters after the dateline place within which its closing dash must come


@dataclass
class Sentence:
    """One sentence: char span, token range [tok_start, tok_end), clause boundaries (char offsets)."""

    index: int
    para: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    clause_starts: list[int]
    events: list[Hit] = field(default_factory=list)
    cues: list[Hit] = field(default_factory=list)
    places: list[PlaceMatch] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def clause_of(self, offset: int) -> int:
        """Index of the clause containing char `offset`."""
        return bisect_right(self.clause_starts, offset) - 1

    def cues_of(self, *classes: str) -> list[Hit]:
        return [c for c in self.cues if c.cls in classes]


@dataclass
class Document:
    text: str
    norm: str
    tokens: list[Token]
    paragraphs: list[Span]
    sentences: list[Sentence]
    places: list[PlaceMatch]
    dates: list[DateMention]
    published: date | None
    token_starts: list[int] = field(default_factory=list)
    lexicon: Lexicon | None = None
    datelines: list[tuple[int, int]] = field(default_factory=list)  # char spans of wire datelines
    genre_words: int = 0  # words of non-conflict topics (GENRE_CLASSES) in the report (and its title)
    organisations: list | None = None  # organisation names (statements.OrgMatch), found once

    def drop_inside(self, spans: list[tuple[int, int]]) -> None:
        """Event words and places inside these spans (organisation names: "وكالة غوث وتشغيل اللاجئين",
        "Syrian Arab Red Crescent") name something else: they are neither events nor places."""
        if not spans:
            return
        spans = sorted(spans)
        starts = [a for a, _ in spans]

        def inside(a: int, b: int) -> bool:
            i = bisect.bisect_right(starts, a) - 1
            return i >= 0 and b <= spans[i][1]

        for s in self.sentences:
            s.events = [ev for ev in s.events if not inside(ev.start, ev.end)]
            s.places = [pm for pm in s.places if not inside(pm.start, pm.end)]
        self.places = [pm for pm in self.places if not inside(pm.start, pm.end)]

    def in_dateline(self, offset: int) -> bool:
        """Is char `offset` inside a dateline ("NABATIEH, Lebanon, Nov 11 (Levant Wire) -")?"""
        return any(a <= offset < b for a, b in self.datelines)

    def token_index(self, offset: int) -> int:
        """Index of the first token starting at or after char `offset`."""
        return bisect_left(self.token_starts, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start:s.end]


def analyse(text: str, places: list[PlaceMatch], published: date | None, lex: Lexicon) -> Document:
    """Build the `Document` for a body text and the geocoder's matches on it."""
    norm = normalise(text)
    tokens = tokenize(norm)
    token_starts = list(map(_TOKEN_START, tokens))
    event_hits, cue_hits = lex.find_by_kind(tokens)
    # An entry that needs a companion it does not have ("إصابة" without people) must not shadow
    # another reading of the same word ("إصابات"): check companions before choosing between readings.
    needs = {h.entry.needs for h in event_hits} - {""}
    if needs:  # (most reports: no event word needs a companion, and nothing to look up)
        by_class: dict[str, list[int]] = {}
        for h in cue_hits:  # in token order: each list comes out sorted
            if h.cls in needs:
                by_class.setdefault(h.cls, []).append(h.tok_start)
        event_hits = [h for h in event_hits if not h.entry.needs or _near(
            by_class.get(h.entry.needs, ()), h.tok_start, NEEDS_WINDOW)]
    events = resolve_events(event_hits)
    cues = _resolve_cues(cue_hits, events)
    dates = find_dates(norm, text, published, lex, tokens)
    paras = paragraphs(text)
    sents: list[Sentence] = []
    # The sentence of each token (None between sentences), to place the lexicon hits by their first
    # token with a list index: built once per report (this used to be a bisect per hit).
    tok_sent: list[Sentence | None] = [None] * len(tokens)
    for para in paras:
        for s, e in sentences(text, para):
            t0 = bisect_left(token_starts, s)
            t1 = bisect_left(token_starts, e)
            sent = Sentence(len(sents), para.index, s, e, t0, t1, [s, *clause_breaks(text, s, e)])
            sents.append(sent)
            tok_sent[t0:t1] = [sent] * (t1 - t0)
    sent_starts = [s.start for s in sents]

    def owner(offset: int) -> Sentence | None:
        i = bisect_right(sent_starts, offset) - 1
        return sents[i] if i >= 0 and offset < sents[i].end else None

    # (a hit's char start is its first token's: the token's sentence is the sentence `owner` finds)
    for hit in events:
        if (s := tok_sent[hit.tok_start]) is not None:
            s.events.append(hit)
    datelines = dateline_spans(text, paras, places)
    for s in sents if datelines else ():  # the dateline's agency or place words are no events ("(Levant Wire) -")
        s.events = [ev for ev in s.events if not any(a <= ev.start < b for a, b in datelines)]
    # Words inside a dateline or a calendar date are not cues: "GAZA, May 2 -", "on 2 May" ("may" warns).
    quiet = sorted([*datelines, *((d.start, d.end) for d in dates if d.kind in CALENDAR_KINDS)])
    quiet_toks = _quiet_tokens(quiet, token_starts)
    for hit in cues:
        if hit.tok_start in quiet_toks:
            continue
        if (s := tok_sent[hit.tok_start]) is not None:
            s.cues.append(hit)
            if hit.cls == "clause_break" and hit.start > s.start:
                insort(s.clause_starts, hit.start)
    places = sorted([*places, *_anaphora(text, places, cues, datelines)], key=_START)
    for pm in places:
        if (s := owner(pm.start)) is not None:
            s.places.append(pm)
    for dm in dates:
        if (s := owner(dm.start)) is not None:
            s.dates.append(dm)
    # Words that only mean something in another context (sport "attack") and words that need a
    # companion ("عاد" needs people) are dropped here, sentence by sentence.
    for s in sents:
        if not s.events:  # (nothing below adds one)
            continue
        classes = set(map(_CLS, s.cues))
        if classes & METAPHOR_DOMAINS:
            domain_counts: dict[str, int] = {}
            for c in s.cues:
                if c.cls in METAPHOR_DOMAINS:
                    domain_counts[c.cls] = domain_counts.get(c.cls, 0) + 1
            if any(n >= DOMAIN_SENTENCE_MIN for n in domain_counts.values()):
                s.events = []
                continue
        kept = []
        raw_events = list(s.events)
        for ev in s.events:
            # A domain word nearby means another topic: the entry's own (sport "attack") and, for every
            # event word, history ("نزوح العائلات في القرن التاسع عشر").
            blockers = _blockers(ev.entry.blocked_by)
            if blockers & classes and any(
                    c.cls in blockers and (c.cls in SENTENCE_WIDE_DOMAINS or abs(c.tok_start - ev.tok_start) <= (c.entry.window or BLOCK_WINDOW))
                    for c in s.cues):
                continue
            if ev.entry.needs and not _has_companion(s, ev):
                continue
            if ev.entry.kind == "people" and not _people_as_event(s, ev):
                continue
            if ev.entry.weak and _written_as_name(text, tokens, ev):
                continue
            kept.append(ev)
        # Each rule below runs only if the labels it reads are there (most sentences: one or two
        # events, no aircraft, no generic attack): `labels` is a superset of what is left at each step,
        # as the rules only drop events or turn a bombardment into the strike of an aircraft.
        labels = {ev.label for ev in kept}
        if NO_EVENT in labels:
            kept = [ev for ev in kept if ev.label != NO_EVENT]
        if "overflight" in classes:
            kept = _drop_overflight(s, kept, raw_events)
        # "leave the camp and return to their homes", "غادروا المخيم للعودة إلى": the leaving is the
        # return's departure, not a displacement.
        # Not when the return is prevented: "أُخليت البيوت ومُنعت العائلات من العودة", "were evacuated and
        # barred from returning" report the displacement and a denied return.
        if "displacement" in labels and "return" in labels:
            kept = [ev for ev in kept if not (ev.label == "displacement" and any(
                e.label == "return" and 0 <= e.tok_start - ev.tok_end <= RETURN_DEPARTURE_WINDOW
                and not any(c.cls in ("prevent", "negation") and ev.tok_end <= c.tok_start < e.tok_start
                            for c in s.cues)
                for e in kept))]
        if labels & AIR_WEAPONS:
            kept = _yield_to_aircraft(s, kept, tokens)
        if "shelling" in labels:
            kept = _aircraft_means(s, kept, tokens)
        if GENERIC_VIOLENCE in labels and labels & SPECIFIC_VIOLENCE:
            specific = [ev for ev in kept if ev.label in SPECIFIC_VIOLENCE]
            kept = [ev for ev in kept if not (ev.label == GENERIC_VIOLENCE and any(
                s.clause_of(sp.start) == s.clause_of(ev.start) and not _own_places(s, sp, ev) for sp in specific))]
        s.events = kept
    genre = sum(map(GENRE_CLASSES.__contains__, map(_CLS, cues)))
    return Document(text, norm, tokens, paras, sents, places, dates, published, token_starts, lex, datelines,
                    genre)


@cache
def _blockers(blocked_by: str) -> frozenset[str]:
    """The cue classes that block an event word (events.csv `blocked_by`, "|"-separated), history included."""
    return frozenset({*blocked_by.split("|"), "domain_history"} - {""})


def genre_words(title: str, lex: Lexicon) -> int:
    """How many words of non-conflict topics (GENRE_CLASSES) a title has ("Design week returns ...")."""
    return sum(1 for h in lex.find_by_kind(tokenize(normalise(title)))[1] if h.cls in GENRE_CLASSES)


def _written_as_name(text: str, tokens: list[Token], ev: Hit) -> bool:
    """Is the event word written as a name: alone in quotes, or capitalised after a lower-case word?"""
    if ev.start > 0 and ev.end < len(text) and text[ev.start - 1] in _QUOTES_OPEN and text[ev.end] in _QUOTES_CLOSE:
        return True
    first = text[ev.start]
    if not (first.isascii() and first.isupper()) or ev.tok_start == 0:
        return False
    prev = tokens[ev.tok_start - 1]
    between = text[prev.end:ev.start]
    return text[prev.start].islower() and between.strip() == ""

def _near(sorted_positions: list[int] | tuple[()], pos: int, window: int) -> bool:
    """Is some position of the sorted list within `window` of `pos`? (A bisect, not a scan.)"""
    i = bisect.bisect_left(sorted_positions, pos - window)
    return i < len(sorted_positions) and sorted_positions[i] <= pos + window


def _quiet_tokens(quiet: list[tuple[int, int]], token_starts: list[int]) -> set[int]:
    """The tokens whose start is in a quiet span, as the per-offset test reads `quiet` (sorted spans): the
    last span starting at or before the offset must still run at it."""
    out: set[int] = set()
    for i, (a, b) in enumerate(quiet):
        if i + 1 < len(quiet):
            b = min(b, quiet[i + 1][0])  # later offsets belong to the next span
        out.update(range(bisect_left(token_starts, a), bisect_left(token_starts, b)))
    return out


def dateline_spans(text: str, paras: list[Span], places: list[PlaceMatch]) -> list[tuple[int, int]]:
    """Char spans of wire datelines: where a report was filed from, not where anything happened.

    A paragraph opening with a place name in capitals, or followed by a dash, an agency in
    parentheses or a date, is a dateline up to its closing dash ("DAMASCUS, Jan 26 - ",
    "TUBAS, West Bank, Jan 8 - ", "دمشق - ", "بيروت – (خاص) "); without a dash, just the place.
    """
    out: list[tuple[int, int]] = []
    by_start = sorted((p for p in places if not p.is_actor), key=_START)
    starts = [p.start for p in by_start]
    for para in paras:
        i = bisect.bisect_left(starts, para.start)  # the paragraph's first place, if it has one
        first = by_start[i] if i < len(starts) and starts[i] < para.end else None
        if first is None:
            continue
        lead = text[para.start:first.start].strip(" \t\"'«“")
        after = text[first.end:first.end + 40]
        if lead:
            # "Brussels/Jerusalem –", "زمن برس، فلسطين:": an unknown city or an agency before the place
            # (it ends with one of "/،,": a test that spares the regex most paragraphs' opening words)
            if not (lead[-1] in "/،," and _DATELINE_LEAD.fullmatch(lead) and _DATELINE_AFTER_LEAD.match(after)):
                continue
        elif not ((first.text.isupper() and len(first.text) > 2) or _DATELINE_AFTER.match(after)):
            continue
        m = _DATELINE_DASH.search(text, first.end, min(para.end, first.end + DATELINE_REACH))
        head = text[first.end:m.start()] if m else ""
        # The dash must close a short head (place, country, date, agency), not a sentence.
        if m and len(head.split()) <= 8:
            out.append((first.start, m.end()))
        else:
            out.append((first.start, first.end))
    return out


def _anaphora(text: str, places: list[PlaceMatch], cues: list[Hit],
              datelines: list[tuple[int, int]] = ()) -> list[PlaceMatch]:
    """"المخيم", "the town": the last camp / town named before, as an extra place match."""
    anaphors = [c for c in cues if c.cls in _ANAPHOR_CLASSES]
    if not anaphors:
        return []
    # Candidates: real places that do not only locate another one ("مخيم نور شمس شرق طولكرم ... للمخيم" is
    # Nur Shams) or seat an official ("نفى محافظ اللاذقية ... على المدينة" is not Latakia), in text order.
    locator_ends = {c.end for c in cues if c.cls in ("locator", "street", "institution")}
    # Where the wounded were taken ("نُقل المصابون إلى مشفى مدينة إدلب", "taken to Idlib") is not what
    # "the city" refers back to.
    moves = [c.end for c in cues if c.cls == "movement"]
    taken_to = [c.end for c in cues
                if c.cls == "destination" and any(0 <= c.start - m <= TAKEN_TO_REACH for m in moves)]
    real = sorted((p for p in places if not p.is_actor and not any(
        p.start - k in locator_ends for k in (0, 1, 2)) and not any(
        a <= p.start < b for a, b in datelines) and not any(
        0 <= p.start - e <= TAKEN_TO_REACH for e in taken_to)), key=lambda p: p.end)
    real_ends = [p.end for p in real]
    spans = sorted((p.start, p.end) for p in places)
    span_starts = [a for a, _ in spans]
    out = []
    for c in anaphors:
        plural = c.cls not in ANAPHOR_KINDS
        kinds = ANAPHOR_KINDS[c.cls[:-1] if plural else c.cls]
        i = bisect.bisect_right(span_starts, c.end + ANAPHOR_NAME_GAP)
        if any(b > c.start for _, b in spans[max(0, i - 3):i]):
            continue  # part of a place name ("مخيم جباليا", "the town of Tammun"), not a reference back
        earlier = [p for p in real[:bisect.bisect_right(real_ends, c.start)] if p.place.kind in kinds]
        if not earlier:
            continue
        referents = [earlier[-1]]
        if plural:  # "the districts": every such place named in the stretch that named the last one
            seen: set[str] = set()
            referents = []
            for p in reversed(earlier):
                if earlier[-1].start - p.end > PLURAL_ANAPHOR_REACH:
                    break
                if p.place_id not in seen:
                    seen.add(p.place_id)
                    referents.append(p)
        for prev in referents:
            out.append(PlaceMatch(prev.place, text[c.start:c.end], c.start, c.end, "anaphora",
                                  round(min(prev.confidence, 0.9) * 0.85, 3),
                                  reason=f"refers back to '{prev.text}'"))
    return out


def _drop_overflight(s: Sentence, events: list[Hit], raw: list[Hit]) -> list[Hit]:
    """Aircraft only flying over a place ("الطيران المسيّر واصل تحليقه فوق النبطية", "drones were seen
    hovering over the camp") are not a strike. In a sentence that reports violence by another word
    ("القصف لم يتوقف ... استمرار تحليق الطائرات المسيّرة فوق الأحياء") the overflight is part of the
    attack and stays an event."""
    flights = [c for c in s.cues if c.cls == "overflight"]
    if not flights:
        return events

    def flying(ev: Hit) -> bool:
        return ev.label in AIR_WEAPONS and any(
            abs(c.tok_start - ev.tok_end) <= OVERFLIGHT_WINDOW or abs(ev.tok_start - c.tok_end) <= OVERFLIGHT_WINDOW
            for c in flights)

    # `raw`: before filtering, so the missile a drone fired ("a drone flying over X fired a missile")
    # still counts as violence although it yields to the drone strike.
    if any(ev.label in VIOLENCE and not flying(ev) for ev in raw if ev.label != NO_EVENT):
        return events
    return [ev for ev in events if not flying(ev)]


def _own_places(s: Sentence, a: Hit, b: Hit) -> bool:
    """Do two event words of one clause each name their own place ("القصف على تل تمر مع استمرار الهجمات على
    عين عيسى", "shelling of A and attacks on B")? Then they are two events, and the unspecified attack does
    not yield to the specific one (ACLED's rule is about one event named twice: "القصف الذي استهدف الحي")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    clause = s.clause_of(second.start)
    between = any(first.end <= p.start < second.start for p in s.places)
    return between and any(p.start >= second.end and s.clause_of(p.start) == clause for p in s.places)


def _yield_to_aircraft(s: Sentence, events: list[Hit], tokens: list[Token]) -> list[Hit]:
    """A bombardment, gunfire or raid word (`air_means` in events.csv) next to the aircraft that carried it
    out is that aircraft's strike, named once: "قصف بطائرة مسيّرة" and "غارة بمسيّرة" are drone
    strikes, "Israeli drones opened fire on X" is not also a clash. Not when the two are coordinated
    ("قصف وغارات", "shelling and airstrikes") or a place or another event word comes between them
    ("قصف على البلدة وغارات على أطرافها")."""
    aircraft = [e for e in events if e.label in AIR_WEAPONS]
    if not aircraft:
        return events
    return [ev for ev in events if AIR_MEANS not in ev.entry.blocked_by or not any(
        a.label != ev.label and _carried_out_by(s, ev, a, events, tokens) for a in aircraft)]


def _aircraft_means(s: Sentence, events: list[Hit], tokens: list[Token]) -> list[Hit]:
    """A bare bombardment word ("قصف", "bombardment": shelling marked `air_means`) whose means the sentence
    gives elsewhere is that means' strike: "similar" after a strike ("غارة على X، تزامناً مع قصف مماثل على
    Y", "a similar bombardment") repeats it, and aircraft named as the actor earlier in the sentence
    ("صعّد الطيران الحربي حملته ... وقصف بلدة X", "warplanes pressed on ... and bombarded X": the bombardment
    is their second verb, with no contrast or past cause between) carried it out.
    Not when a ground means or force is named after the aircraft (`ground_means`: "المدفعية", "the army",
    or another shelling word: "قصفت الطائرات X وقصفت المدفعية Y"), nor right after a strike word it is
    coordinated with ("غارات وقصف": two means side by side, two events)."""
    bare = [ev for ev in events if ev.label == "shelling" and AIR_MEANS in ev.entry.blocked_by]
    if not bare:
        return events
    out = []
    for ev in events:
        if ev in bare and (label := _means_of(s, ev, events, tokens)) is not None:
            ev = ev._replace(label=label)
        out.append(ev)
    return out


def _second_verb(s: Sentence, ev: Hit, tokens: list[Token]) -> bool:
    """Is the bombardment word the actor's second verb: "وقصف" (و + the word) or "and bombarded"?"""
    key = tokens[ev.tok_start].key
    if key.isascii():
        return key.endswith("ed") and ev.tok_start > 0 and tokens[ev.tok_start - 1].key == "and"
    return key[:1] in ("و", "ف") and not ev.entry.words[0].lstrip("=").startswith(key[:1])


def _means_of(s: Sentence, ev: Hit, events: list[Hit], tokens: list[Token]) -> str | None:
    earlier = [e for e in events if e.tok_end <= ev.tok_start and e.label in SPECIFIC_VIOLENCE]
    if not earlier:
        return None
    last = earlier[-1]
    if any(c.cls == "similar" and (0 <= c.tok_start - ev.tok_end < SIMILAR_REACH
                                   or 0 <= ev.tok_start - c.tok_end < SIMILAR_REACH) for c in s.cues):
        return last.label if last.label in AIR_WEAPONS else None
    if ev.tok_start - last.tok_end <= 1:
        return None  # "غارات وقصف", "airstrikes and shelling": two means side by side
    agents = [e for e in earlier if e.label in AIR_WEAPONS and AIR_MEANS not in e.entry.blocked_by]
    if not agents or not _second_verb(s, ev, tokens):
        return None
    agent = agents[-1]
    if any(c.cls in AGENT_BREAKS and agent.tok_end <= c.tok_start < ev.tok_start for c in s.cues):
        return None  # "warplanes struck X, while / a day after the bombardment of Y": another event
    if any(e.tok_start > agent.tok_start and e is not ev and e.label not in AIR_WEAPONS
           and e.label in SPECIFIC_VIOLENCE for e in events):
        return None
    if any(c.cls == "ground_means" and c.tok_start > agent.tok_start for c in s.cues):
        return None
    return agent.label


def _carried_out_by(s: Sentence, ev: Hit, aircraft: Hit, events: list[Hit], tokens: list[Token]) -> bool:
    first, second = (ev, aircraft) if ev.tok_start < aircraft.tok_start else (aircraft, ev)
    if second.tok_start - first.tok_end > AIR_MEANS_REACH or s.clause_of(ev.start) != s.clause_of(aircraft.start):
        return False
    if any(first.tok_end <= e.tok_start < second.tok_start for e in events):
        return False
    if any(first.end <= p.start < second.start for p in s.places):
        return False
    if any(tokens[i].key in COORDINATORS for i in range(first.tok_end, second.tok_start)):
        return False
    # "وغارات" after "قصف": the conjunction و on the second word coordinates two events
    return not (tokens[second.tok_start].key.startswith("و") and not second.entry.words[0].lstrip("=").startswith("و"))


def _has_companion(s: Sentence, ev: Hit) -> bool:
    """The companion an event word needs ("عاد" needs people) within NEEDS_WINDOW words. A return needs
    its people as its argument: close to the word and in its clause ("عاد النازحون", "families returned",
    "the return of displaced families"), not anywhere in the sentence ("electricity returned to X ...,
    residents said")."""
    if ev.label == "return":
        clause = s.clause_of(ev.start)
        return any(c.cls == ev.entry.needs and abs(c.tok_start - ev.tok_start) <= RETURN_ARGUMENT_WINDOW
                   and s.clause_of(c.start) == clause for c in s.cues)
    return any(c.cls == ev.entry.needs and abs(c.tok_start - ev.tok_start) <= NEEDS_WINDOW for c in s.cues)


def _people_as_event(s: Sentence, ev: Hit) -> bool:
    """A word for the displaced ("النازحين", "displaced families") is an event only when it says where
    they fled from ("النازحين من X", "displaced from X") or is used as a verb ("were displaced")."""
    for c in s.cues:
        if c.cls == "from" and 0 <= c.tok_start - ev.tok_end <= 2:
            return True
        if c.cls == "be_aux" and 0 <= ev.tok_start - c.tok_end <= 1:
            return True
    return False


def _resolve_cues(hits: list[Hit], events: list[Hit]) -> list[Hit]:
    """Cue hits, minus those swallowed by a longer event phrase or a negation exception. `hits`: the cue
    hits in `Lexicon.find_by_kind`'s order (first token, longest first, lexicon order)."""
    multi_event_tokens: set[int] = set()
    for ev in events:
        if ev.tok_end - ev.tok_start > 1:
            multi_event_tokens.update(range(ev.tok_start, ev.tok_end))
    exceptions: set[int] = set()
    idioms: set[int] = set()
    if not _SILENCERS.isdisjoint(map(_CLS, hits)):  # (a C-level look first: most reports have neither)
        for h in hits:
            if h.cls == "negation_exception":
                exceptions.update(range(h.tok_start, h.tok_end))
            elif h.cls == "idiom":
                idioms.update(range(h.tok_start, h.tok_end))
    silenced = multi_event_tokens or exceptions or idioms
    out = []
    seen: set[tuple[str, int, int]] = set()
    for h in hits:
        if silenced:
            if h.cls in ("cessation", "negation", "destination") and h.tok_start in multi_event_tokens:
                continue
            if h.cls == "negation" and h.tok_start in exceptions:
                continue
            if h.cls in IDIOM_SILENCED and h.tok_start in idioms:
                continue  # "قُتل طالب جامعي" (a student, not "demanded"), "الطالب" (the student)
        key = (h.cls, h.tok_start, h.tok_end)
        if key in seen:
            continue
        seen.add(key)
        out.append(h)
    return out
