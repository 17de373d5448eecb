"""Events: modality of each trigger, and attaching triggers to the places they happened at.

Modality (docs/extraction.md has the full table):
- scope cues (deny, warn, call) govern the rest of their sentence up to a contrast word
  ("لكن", "but", "بينما"); the nearest governing cue before the trigger wins;
- a postposed denial ("... غير صحيحة", "... were false") denies what precedes it;
- a negation in the trigger's clause denies it (up to six words before, or right after it with an
  occurrence verb: "التهدئة لم تكلل بالنجاح", "no shelling took place") — unless the negated verb is
  a cessation verb: "القصف لم يتوقف" affirms the shelling;
- words for the affected people ("the displaced"), a continuation ("استمرار القصف") or a cessation
  ("وقف الهجمات") inside a warning or a call presuppose the event: it stays `reported`.

Attachment: a trigger takes the places of its own clause; a clause without a place borrows from the
nearest clause before it (then after it) in the same sentence; a sentence without places falls back
to the paragraph's places, then to the report's focus places, with lower confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from geo.types import PlaceMatch
from ingest.extract.dates import DateMention
from ingest.extract.document import Document, Sentence
from ingest.extract.lexicon import Hit

NEGATION_WINDOW = 6
WARN_ADJ_WINDOW = 3
PRESUPPOSE_WINDOW = 3
ROLE_WINDOW = 3
HISTORY_DAYS = 365
SCOPE_CONFIDENCE = {"sentence": 0.9, "paragraph": 0.6, "report": 0.45}


@dataclass(frozen=True)
class EventReading:
    """A trigger with its modality decided, before attachment."""

    hit: Hit
    sentence: Sentence
    modality: str
    reason: str


def _between(cues: list[Hit], cls: str, a: int, b: int) -> bool:
    return any(c.cls == cls and a <= c.tok_start < b for c in cues)


def modality_of(doc: Document, s: Sentence, ev: Hit) -> tuple[str, str]:
    """The modality of trigger `ev` in sentence `s`, with the reason in words."""
    cues = s.cues
    clause = s.clause_of(ev.start)
    same_clause = [c for c in cues if s.clause_of(c.start) == clause]
    trig = doc.text[ev.start:ev.end]

    # 1. Negation in the clause (with negated cessation = affirmation).
    negation = None
    for c in same_clause:
        if c.cls != "negation":
            continue
        if c.tok_end <= ev.tok_start and ev.tok_start - c.tok_end < NEGATION_WINDOW:
            if _between(same_clause, "contrast", c.tok_end, ev.tok_start):
                continue
            if _between(same_clause, "cessation", c.tok_end, ev.tok_start):
                negation = ("affirm", c)
            else:
                negation = ("deny", c)
        elif c.tok_start >= ev.tok_end and c.tok_start - ev.tok_end <= 2:
            after = [x for x in same_clause if c.tok_end <= x.tok_start <= c.tok_end + 1]
            if any(x.cls == "cessation" for x in after):
                negation = ("affirm", c)
            elif any(x.cls == "occurrence" for x in after):
                negation = ("deny", c)
    if negation and negation[0] == "affirm":
        cue = doc.text[negation[1].start:negation[1].end]
        return "reported", f"reported: negated cessation ('{cue} ...') affirms '{trig}'"

    # 2. The nearest governing scope cue before the trigger (deny / warn / call).
    scope = None
    for c in cues:
        if c.cls not in ("deny", "warn", "call") or c.tok_start > ev.tok_start:
            continue
        if _between(cues, "contrast", c.tok_end, ev.tok_start):
            continue
        if scope is None or c.tok_start >= scope.tok_start:
            scope = c
    for c in cues:  # postposed denial: "... غير صحيحة"
        if c.cls == "deny_post" and c.tok_start >= ev.tok_end and not _between(
                cues, "contrast", ev.tok_end, c.tok_start):
            scope = c
            break
    for c in cues:  # "هجوم وشيك", "imminent attack"
        near = 0 <= c.tok_start - ev.tok_end < WARN_ADJ_WINDOW or 0 <= ev.tok_start - c.tok_end < 2
        if c.cls == "warn_adj" and near and (scope is None or scope.cls != "deny"):
            scope = c
    presupposed = _presupposed(s, ev)

    if negation:  # negation in the clause
        cue = doc.text[negation[1].start:negation[1].end]
        if scope is not None and scope.cls in ("warn", "call"):
            pass
        else:
            return "denied", f"denied: negation '{cue}' in the same clause as '{trig}'"
    if scope is None:
        return "reported", f"reported: no denial, warning or call governs '{trig}'"
    cue_text = doc.text[scope.start:scope.end]
    if scope.cls in ("deny", "deny_post"):
        return "denied", f"denied: '{trig}' is inside the denial '{cue_text}'"
    if presupposed:
        return "reported", f"reported: '{trig}' is presupposed ({presupposed}) inside '{cue_text}'"
    if scope.cls in ("warn", "warn_adj"):
        return "warned", f"warned: '{trig}' is governed by the warning '{cue_text}'"
    return "called_for", f"called_for: '{trig}' is governed by the call '{cue_text}'"


def _presupposed(s: Sentence, ev: Hit) -> str | None:
    """Why a trigger under a warning/call is still a fact: affected people, continuation, cessation."""
    if ev.entry.kind == "participant":
        return "a word for the affected people"
    for c in s.cues:
        near = (0 <= ev.tok_start - c.tok_end < PRESUPPOSE_WINDOW) or (0 <= c.tok_start - ev.tok_end < 2)
        if near and c.cls == "continuation":
            return "a continuation"
        if c.cls == "cessation" and 0 <= ev.tok_start - c.tok_end < PRESUPPOSE_WINDOW:
            return "a call to stop it"
    return None


def place_role(doc: Document, s: Sentence, pm: PlaceMatch) -> tuple[str, str]:
    """target | destination | origin for a place in a sentence, with the reason."""
    tok = doc.token_index(pm.start)
    before = [c for c in s.cues if 0 <= tok - c.tok_end < ROLE_WINDOW]
    if any(c.cls == "origin" for c in before):
        return "origin", "origin of fire (e.g. 'من مواقعها في', 'fired from')"
    moved = any(c.cls == "movement" and c.tok_start < tok for c in s.cues) or any(
        e.label in ("displacement", "return") and e.tok_start < tok for e in s.events)
    if moved and any(c.cls == "destination" and tok - c.tok_end < 2 for c in before):
        return "destination", "destination of a movement ('إلى', 'to' after a movement word)"
    if moved and any(c.cls == "hospital" for c in before):
        return "destination", "where people were taken (hospital)"
    return "target", ""



def choose_date(doc: Document, s: Sentence, offset: int) -> tuple[date | None, str | None, str | None, bool, str]:
    """(event_date, precision, note, historical, reason) for an event at char `offset` in `s`."""
    usable = [d for d in s.dates if d.value is not None]
    historical = False
    if doc.published is not None:
        for d in usable:
            if not d.since and (doc.published - d.value) > timedelta(days=HISTORY_DAYS) and (
                    d.precision != "year" or d.value.year < doc.published.year - 1):
                historical = True
    dated = [d for d in usable if d.precision != "year"]
    if dated:
        best = min(dated, key=lambda d: abs(d.start - offset))
        return best.value, best.precision, best.note, historical, f"date: '{best.text}' in the sentence"
    prev = _previous_date(doc, s)
    if prev is not None:
        return prev.value, prev.precision, prev.note, historical, f"date: '{prev.text}' earlier in the paragraph"
    if doc.published is not None:
        return doc.published, "publication", None, historical, "date: publication date (no date in the text)"
    return None, None, None, historical, "date: none (no date in the text, no publication date)"


def _previous_date(doc: Document, s: Sentence) -> DateMention | None:
    for prev in reversed(doc.sentences[: s.index]):
        if prev.para != s.para:
            return None
        dated = [d for d in prev.dates if d.value is not None and d.precision != "year"]
        if dated:
            return dated[-1]
    return None
