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

import bisect
import math
from dataclasses import dataclass
from datetime import date, timedelta

from geo.types import PlaceMatch
from ingest.extract.dates import DateMention
from ingest.extract.document import Document, Sentence
from ingest.extract.lexicon import Hit

NEGATION_WINDOW = 6
NEGATION_AFTER_WINDOW = 4
NEGATION_REASON = "denied: negation"
# What a prevention word after it denies: the thing that was stopped ("convoys were blocked"), not the
# thing that stopped something else ("the shelling prevented families from returning").
PREVENTABLE = frozenset({"aid_access", "return"})
PREVENTED_AFTER = 4  # "aid convoys had been unable to"
WARN_ADJ_WINDOW = 3
FUTURE_PREFIXES = frozenset({"سي", "ست", "سن"})  # سـ + the imperfect prefix: "ستقصف", "سيستهدف", "سننفذ"
CONJUNCTIONS_AR = frozenset({"و", "ف"})
PAST_NEGATIONS = frozenset({"لم", "didn", "wasn", "weren", "hasn", "haven", "hadn"})
PAST_AUXILIARIES = frozenset({"has", "have", "had", "did", "was", "were"})
PERFECT_SUFFIXES = frozenset({"ت", "وا", "نا", "تا", "ا"})  # "قصفت", "قصفوا", "قصفنا", "قصفتا", "قصفا"
# What a prevention does not reach across: a contrast, a cause or a past event ("families could not return after
# the shelling", "convoys cannot reach X because of the fighting": the shelling and the fighting happened).
PREVENTION_ENDS = ("contrast", "cause", "after_ref")
CONTRAST_AFTER_CUE = 1  # "denied, however, that ...": a contrast word right after a scope cue does not end it
AFTER_REF_REACH = 2
AFTER_EVENT_REACH = 3  # "حذرت من كارثة بعد أسابيع من الحصار", "after days of shelling": the event is past  # "بُعيد هذا الإنذار", "after the warning": a warning already past governs nothing
WARN_POST_WINDOW = 3  # "the convoy is scheduled to": a few words after the event word
PRESUPPOSE_WINDOW = 3
ROLE_WINDOW = 3
DESTINATION_WINDOW = 7
LEFT_FOR_REACH = 14  # "left houses on X's southern edge for the town centre and for Y"
ORIGIN_WINDOW = 7  # "fired from positions near the Syrian town of X"
# Words an origin cue may reach across: the description of the firing positions, not a verb ("fired from
# across the border hit X": X is the target).
ORIGIN_FILLERS = frozenset({
    "positions", "position", "posts", "base", "bases", "near", "the", "a", "of", "in", "at", "around", "inside",
    "outskirts", "its", "their", "military", "army", "nearby", "town", "village", "city", "area", "camp",
    "syrian", "lebanese", "israeli", "jordanian", "turkish", "iraqi", "forces", "troops", "regime",
    "government", "قوات", "النظام", "الجيش", "الحكوميه", "الاحتلال",
    "قرب", "في", "محيط", "بلده", "مدينه", "قريه", "منطقه", "مواقع", "مواقعها", "مواقعه", "داخل", "اطراف",
    "مخيم", "بالقرب", "من", "السوريه", "اللبنانيه", "الاسراييليه", "العسكريه", "ثكنه",
})
# Area words that, after "ب"/"in" right after a place, introduce the area containing it (see _contains_previous).
CONTAINER_AR = frozenset({"محافظه", "ريف", "قضاء", "منطقه", "جنوب", "شمال", "شرق", "غرب", "الجنوب", "الشمال"})
CONTAINER_EN = frozenset({"district", "governorate", "province", "region", "area", "countryside", "suburbs"})
PLACE_NOUNS_EN = frozenset({"camp", "camps", "refugee", "town", "towns", "village", "villages", "city",
                            "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods"})
DIRECTION_EN = frozenset({"southern", "northern", "eastern", "western", "south", "north", "east", "west"})
HISTORY_DAYS = 365
HISTORY_SPAN = timedelta(days=HISTORY_DAYS)  # (built once: choose_date compares with it for every trigger)
# How far a time reference ("منذ بدء سريان اتفاق وقف إطلاق النار") and a yardstick ("violations of the
# US-brokered ceasefire") reach the event word they name, across words that are not events.
SINCE_REACH = 2
VIOLATION_REACH = 4
CARRY_HISTORY_PARAS = 1  # how many paragraphs back a year-old date still dates the events after it
SCOPE_CLASSES = frozenset({"deny", "warn", "call"})  # the cues that govern the rest of their sentence
SPEECH_CLASSES = frozenset({"statement", "statement_continue", "deny", "warn", "call"})
CALL_TO_STOP = "a call to stop it"
ALL_TYPES = frozenset({"displacement", "return", "shelling", "airstrike", "drone_strike", "armed_clash", "attack",
                       "siege", "ceasefire", "aid_access", "casualties", "demolition"})
# Which event types a place in each role is the location of.
ROLE_EVENTS: dict[str, frozenset[str]] = {
    "target": ALL_TYPES,
    "flight_origin": ALL_TYPES - {"aid_access", "return"},  # "fled from X": X is where it happened
    "hospital": frozenset(),  # "taken to hospital in X" (but see word order in mentions.py)
    "host": frozenset({"aid_access"}),  # "shelters in X receiving families who fled ..."
    "shelter": frozenset({"aid_access"}),  # "remain displaced, most of them in X"
    # "fled to X" is not where displacement happened; "returned to X" and "aid reached X" are.
    "destination": frozenset({"return", "aid_access"}),
    "origin": frozenset(),  # "fired from positions in X"
    "locator": frozenset(),  # "west of X", "near X": locates another place
    "institution": frozenset(),  # "the health ministry in Damascus"
    "dateline": frozenset(),  # "BEIRUT, Jan 3 (Reuters) -"
}
SCOPE_CONFIDENCE = {"sentence": 0.9, "paragraph": 0.6, "report": 0.45}


@dataclass(frozen=True)
class EventReading:
    """A trigger with its modality decided, before attachment."""

    hit: Hit
    sentence: Sentence
    modality: str
    reason: str


class SentenceCues:
    """A sentence's cues indexed once: by class, in sentence order. The rules below look for one rare cue
    class at a time (a "since", a "warn_post"), for each trigger and each place: scanning every cue of the
    sentence for each such question used to be a good part of extraction's cost."""

    __slots__ = ("by_cls", "scope_cues", "starts")

    def __init__(self, s: Sentence) -> None:
        by_cls: dict[str, list[Hit]] = {}
        for c in s.cues:
            by_cls.setdefault(c.cls, []).append(c)
        self.by_cls = by_cls
        # The deny / warn / call cues in sentence order (most sentences have at most one of these classes).
        deny, warn, call = by_cls.get("deny"), by_cls.get("warn"), by_cls.get("call")
        if (deny is not None) + (warn is not None) + (call is not None) > 1:
            self.scope_cues: list[Hit] = [c for c in s.cues if c.cls in SCOPE_CLASSES]
        else:
            self.scope_cues = deny or warn or call or []
        self.starts = s.clause_starts

    def of(self, cls: str) -> list[Hit] | tuple[()]:
        """The cues of class `cls`, in sentence order."""
        return self.by_cls.get(cls, ())

    def clause_span(self, offset: int) -> tuple[float, float]:
        """Char bounds [lo, hi) of the clause containing `offset`: `s.clause_of(x) == s.clause_of(offset)`
        exactly when lo <= x < hi (one bisect per trigger instead of one per cue)."""
        starts = self.starts
        k = bisect.bisect_right(starts, offset)
        return (starts[k - 1] if k else -math.inf), (starts[k] if k < len(starts) else math.inf)

    def between(self, cls: str, a: int, b: int, lo: float = -math.inf, hi: float = math.inf) -> bool:
        """Is there a cue of class `cls` starting at a token in [a, b) (and a char in [lo, hi))?"""
        found = self.by_cls.get(cls)
        return bool(found) and any(a <= c.tok_start < b and lo <= c.start < hi for c in found)


def modality_of(doc: Document, s: Sentence, ev: Hit, cues: SentenceCues | None = None) -> tuple[str | None, str]:
    """The modality of trigger `ev` in sentence `s`, with the reason in words (None: not an event). `cues`:
    the sentence's cue index when the caller reads several triggers of it."""
    ix = cues if cues is not None else SentenceCues(s)
    trig = doc.text[ev.start:ev.end]

    if ev.entry.kind == "negative":  # "أضرار مادية فقط", "material damage only": the word itself says none
        return "denied", f"denied: '{trig}' itself says it did not happen"

    # A cue is in the trigger's clause when lo <= cue.start < hi.
    lo, hi = ix.clause_span(ev.start)
    between = ix.between
    of = ix.by_cls.get
    et = ev.tok_start

    # 0. "no reports of casualties", "لم تتبنَّ أي جهة التفجير": neither reported nor denied.
    for c in of("no_report", ()):
        if lo <= c.start < hi and c.tok_end <= et and et - c.tok_end < (c.entry.window or NEGATION_WINDOW):
            return None, f"dropped: '{trig}' follows '{doc.text[c.start:c.end]}' (no information either way)"

    if "since" in ix.by_cls or "response" in ix.by_cls:
        for c in s.cues:  # "since the fighting began", "منذ اندلاع الاشتباكات": a time reference
            if not lo <= c.start < hi:
                continue
            if c.cls == "since" and 0 <= et - c.tok_end <= SINCE_REACH and not _event_between(s, c, ev):
                return None, f"dropped: '{trig}' only dates something else ('{doc.text[c.start:c.end]} ...')"
            if c.cls == "response" and 0 <= et - c.tok_end <= 1:
                # "shelled X in response to the attack on its positions": the cause, named, happened elsewhere
                return None, f"dropped: '{trig}' is only the cause of another event ('{doc.text[c.start:c.end]} ...')"
    for c in of("violation", ()):  # "violations of the truce": the truce is a yardstick, not an event
        if lo <= c.start < hi and 0 <= et - c.tok_end <= VIOLATION_REACH and not _event_between(s, c, ev):
            return None, f"dropped: '{trig}' is named only as violated ('{doc.text[c.start:c.end]}')"

    # 1. Negation in the clause (with negated cessation = affirmation); prevention ("منع", "blocked").
    negation = None
    for c in of("prevent", ()):
        if not lo <= c.start < hi:
            continue
        if c.tok_end <= et and et - c.tok_end < c.entry.window \
                and not any(between(cls, c.tok_end, et, lo, hi) for cls in PREVENTION_ENDS):
            # "failed to stop the shelling", "unable to halt the raids": the stopping failed, the event goes on
            negation = ("affirm" if between("cessation", c.tok_end, et, lo, hi) else "deny", c)
        elif ev.label in PREVENTABLE and 0 <= c.tok_start - ev.tok_end <= PREVENTED_AFTER \
                and not any(ev.tok_end <= e.tok_start < c.tok_start and e.label != ev.label for e in s.events):
            negation = ("deny", c)  # "aid convoys were unable to reach X", "القوافل مُنعت من الدخول"
    for c in of("negation", ()):
        if not lo <= c.start < hi:
            continue
        if c.tok_end <= et and et - c.tok_end < (c.entry.window or NEGATION_WINDOW):
            if between("contrast", c.tok_end, et, lo, hi):
                continue
            reach = _negation_reach(doc, s, c.tok_end, et)
            if reach is not None and not (negation and negation[1].cls == "prevent"):
                negation = (reach, c)  # ("could not return": the prevention, not the modal's negation, decides)
        elif c.tok_start >= ev.tok_end and c.tok_start - ev.tok_end <= NEGATION_AFTER_WINDOW and not any(
                x.tok_start == c.tok_start and lo <= x.start < hi for x in of("pre_only", ())):
            if between("cessation", c.tok_end, c.tok_end + 2, lo, hi):  # (right after the negation)
                negation = ("affirm", c)
            elif between("occurrence", c.tok_end, c.tok_end + 2, lo, hi):
                negation = ("deny", c)
    if negation and negation[0] == "affirm":
        cue = doc.text[negation[1].start:negation[1].end]
        return "reported", f"reported: negated cessation ('{cue} ...') affirms '{trig}'"

    # 2. The nearest governing scope cue before the trigger (deny / warn / call).
    scope = None
    for c in ix.scope_cues:
        if c.tok_start > et:
            continue
        if any(c.tok_start >= e.tok_start and c.tok_end <= e.tok_end and e.tok_end - e.tok_start > 1
               for e in s.events) or (c.tok_start >= et and c.tok_end < ev.tok_end):
            continue  # "warning shots", "رشقات نارية تحذيرية": the cue word is part of an event's name
        # (a contrast word right after the cue is a discourse marker of the whole sentence, not the end of the
        # scope: "the army denied, however, that it had carried out any strike")
        if between("contrast", c.tok_end + CONTRAST_AFTER_CUE, et) or between("scope_break", c.tok_end, et):
            continue
        if between("after_ref", max(c.tok_end, et - AFTER_EVENT_REACH), et):
            continue  # "warned of a new exodus after the shelling of X", "حذر من موجة نزوح بعد قصف": a past cause
        if c.cls == "warn" and between("after_ref", c.tok_start - AFTER_REF_REACH, c.tok_start) \
                and not lo <= c.start < hi:
            # "وعقب الإنذار، نزحت العائلات", "after the warning, families fled": the warning is past (but
            # "after warning residents to evacuate": the evacuation is what the warning says)
            continue
        if scope is None or c.tok_start >= scope.tok_start:
            scope = c
    for c in of("deny_post", ()):  # postposed denial in the same clause: "الأنباء ... عن تهدئة ... غير صحيحة"
        if lo <= c.start < hi and c.tok_start >= ev.tok_end and not between("contrast", ev.tok_end, c.tok_start):
            scope = c
            break
    if scope is None or scope.cls not in ("deny", "deny_post"):
        # "زعمت صفحات أن قصفاً طال البلدة، إلا أن الرواية كاذبة", "claimed ... shelling, but the claim was false":
        # a claim refuted later in the sentence is denied, across the contrast that introduces the refutation.
        refuted = _refuted_claim(s.cues, ev) if "claim" in ix.by_cls else None
        if refuted is not None:
            scope = refuted
    for c in of("warn_adj", ()):  # "هجوم وشيك", "imminent attack"
        near = 0 <= c.tok_start - ev.tok_end < WARN_ADJ_WINDOW or 0 <= et - c.tok_end < 2
        if near and (scope is None or scope.cls != "deny"):
            scope = c
    for c in of("warn_post", ()):  # "a convoy is scheduled to enter X", "aid is expected to reach X": not yet
        if lo <= c.start < hi and 0 <= c.tok_start - ev.tok_end < WARN_POST_WINDOW and (
                scope is None or scope.cls not in ("deny", "deny_post")):
            scope = c

    if negation:  # negation in the clause; a warning or call before the negation governs it
        cue = doc.text[negation[1].start:negation[1].end]
        governed = scope is not None and scope.cls in ("warn", "call") and scope.tok_start < negation[1].tok_start
        if governed and scope.cls == "warn" and _past_negation(doc, negation[1]):
            # "warned that the region has not seen any truce", "حذّر من أن المساعدات لم تصل": what a warning
            # says has not happened is a fact it states (but "warned it would not allow aid" stays a threat)
            governed = False
        if not governed or negation[1].cls == "prevent":
            return "denied", f"{NEGATION_REASON} '{cue}' in the same clause as '{trig}'"
    if scope is None and any(0 <= et - c.tok_end <= 1 for c in of("ahead", ())) and any(
            e.entry.kind == "warning" and e.tok_end <= et for e in s.events):
        # "أوامر إخلاء لسكان X قبل قصفها", "evacuation orders for X before the strikes": not yet happened
        return "warned", f"warned: '{trig}' is what an order or warning before it prepares for"
    if ev.entry.kind == "warning" and (scope is None or scope.cls in ("warn", "warn_adj", "warn_post")):
        # The word is itself a warning ("إنذارات الإخلاء", "evacuation orders").
        return "warned", f"warned: '{trig}' is itself a warning or an order"
    if scope is None:
        if _future_verb(doc, ev):
            return "warned", f"warned: '{trig}' is in the future tense (سـ)"
        return "reported", f"reported: no denial, warning or call governs '{trig}'"
    cue_text = doc.text[scope.start:scope.end]
    if scope.cls in ("deny", "deny_post"):
        return "denied", f"denied: '{trig}' is inside the denial '{cue_text}'"
    # (only now: whether the event is presupposed matters only under a warning or a call)
    presupposed = _presupposed(s, ev)
    if presupposed:
        return "reported", f"reported: '{trig}' is presupposed ({presupposed}) inside '{cue_text}'"
    if scope.cls == "warn" and _perfect_verb(doc, ev):
        # "هددت بقصف الخيام وقصفت كفرنبل", "threatened to raid the camp and shelled its outskirts": a verb in the
        # past tense says what happened; a threat or preparation is about what has not
        return "reported", f"reported: '{trig}' is a verb in the past tense after the warning '{cue_text}'"
    if scope.cls in ("warn", "warn_adj", "warn_post"):
        return "warned", f"warned: '{trig}' is governed by the warning '{cue_text}'"
    if ev.label == "displacement":  # "you must evacuate", "دعاهم إلى إخلاء منازلهم": an evacuation order
        return "warned", f"warned: a call ('{cue_text}') to leave ('{trig}') is an evacuation order"
    return "called_for", f"called_for: '{trig}' is governed by the call '{cue_text}'"


def _past_negation(doc: Document, neg: Hit) -> bool:
    """Is the negation one of the past ("لم", "didn't", "has not", "were not"), not of the future or of a
    modal ("لن", "would not", "not to")?"""
    key = doc.tokens[neg.tok_start].key
    if key[:1] in CONJUNCTIONS_AR and key[1:] in PAST_NEGATIONS:
        return True
    if key in PAST_NEGATIONS:
        return True
    return key in ("not", "never") and neg.tok_start > 0 and doc.tokens[neg.tok_start - 1].key in PAST_AUXILIARIES


def _future_verb(doc: Document, ev: Hit) -> bool:
    """Is the trigger an Arabic verb with the future prefix سـ ("ستقصف", "سيستهدف", "وستنزح")? Like "will"
    in English, the future tense says the event has not happened yet."""
    key = doc.tokens[ev.tok_start].key
    if key[:1] in CONJUNCTIONS_AR and key[1:3] in FUTURE_PREFIXES:
        key = key[1:]
    if key[:2] not in FUTURE_PREFIXES:
        return False
    word = ev.entry.words[0].lstrip("=")
    return key[2:].startswith(word[:2]) and not key.startswith(word[:2])


def _perfect_verb(doc: Document, ev: Hit) -> bool:
    """Is the trigger a verb in the past tense: Arabic with a person suffix and no prefix but a conjunction
    ("قصفت", "وقصفوا", "اقتحمت"; not "بقصف", "القصف", nor the bare "قصف", which may be the noun), or an
    English "-ed" form right after "and" ("and shelled")?"""
    if ev.entry.kind != "verb" or ev.tok_end - ev.tok_start != 1:
        return False
    key = doc.tokens[ev.tok_start].key
    word = ev.entry.words[0].lstrip("=")
    if key.isascii():
        return key.endswith("ed") and ev.tok_start > 0 and doc.tokens[ev.tok_start - 1].key == "and"
    if key[:1] in CONJUNCTIONS_AR and not word.startswith(key[:1]):
        key = key[1:]
    return key.startswith(word) and key[len(word):] in PERFECT_SUFFIXES


def _refuted_claim(cues: list[Hit], ev: Hit) -> Hit | None:
    """The refutation (a `deny_post` cue after the trigger, anywhere in the sentence) of a claim (a `claim`
    cue before it: "زعم", "claimed") that reports the trigger; None when there is no such pair."""
    if not any(c.cls == "claim" and c.tok_end <= ev.tok_start for c in cues):
        return None
    return next((c for c in cues if c.cls == "deny_post" and c.tok_start >= ev.tok_end), None)


def _event_between(s: Sentence, c: Hit, ev: Hit) -> bool:
    """Is another event word between cue `c` and the trigger `ev` after it?"""
    return any(c.tok_end <= e.tok_start < ev.tok_start for e in s.events)


def _negation_reach(doc: Document, s: Sentence, a: int, b: int) -> str | None:
    """Does a negation ending at token `a` reach the trigger starting at token `b`?

    Only across words that belong to the negated predicate: auxiliaries, "any", occurrence verbs
    ("لم تشهد", "no ... took place") and place names ("لم تشهد المدينة أي قصف"). A cessation verb in
    between makes it an affirmation ("لم يتوقف القصف"). Returns "deny", "affirm" or None.
    """
    if a >= b:
        return "deny"
    covered: dict[int, str] = {}
    lex = doc.lexicon
    if lex is not None:
        for i in range(a, b):
            if lex.has_class(doc.tokens[i].key, "neg_filler"):
                covered[i] = "neg_filler"
    for c in s.cues:
        if c.cls in ("neg_filler", "occurrence", "cessation", "negation"):
            if c.cls == "negation" and c.tok_start < a:
                continue  # a longer negation phrase containing this one ("لم يسفر ... عن") covers nothing
            for i in range(max(a, c.tok_start), min(b, c.tok_end)):
                covered.setdefault(i, c.cls)
                if c.cls == "cessation":
                    covered[i] = "cessation"
    for pm in s.places:
        for i in range(doc.token_index(pm.start), doc.token_index(pm.end)):
            covered.setdefault(i, "place")
    if any(covered.get(i) == "cessation" for i in range(a, b)):
        return "affirm"
    return "deny" if all(i in covered for i in range(a, b)) else None


def _presupposed(s: Sentence, ev: Hit) -> str | None:
    """Why a trigger under a warning/call is still a fact: affected people, continuation, cessation."""
    if ev.entry.kind == "participant" or (ev.entry.kind == "people" and not any(
            c.cls == "be_aux" and 0 <= ev.tok_start - c.tok_end <= 1 for c in s.cues)):
        # "the wounded", "families displaced from X", "النازحين من X": the people are already affected (but "could
        # be displaced" is the verb, and what it says may not have happened yet)
        return "a word for the affected people"
    clause = s.clause_of(ev.start)
    for c in s.cues:
        if c.cls == "relative" and 0 <= ev.tok_start - c.tok_end < NEGATION_WINDOW and s.clause_of(c.start) == clause:
            return "a relative clause stating a fact"
    for c in s.cues:
        near = (0 <= ev.tok_start - c.tok_end < PRESUPPOSE_WINDOW) or (0 <= c.tok_start - ev.tok_end < 2)
        # (in the trigger's clause: "أنذر السكان بإخلائها، مع تواصل الاشتباكات" continues the clashes, not the order)
        if near and c.cls == "continuation" and s.clause_of(c.start) == clause:
            return "a continuation"
        if c.cls == "cessation" and 0 <= ev.tok_start - c.tok_end < PRESUPPOSE_WINDOW:
            return CALL_TO_STOP
    return None


def place_roles(doc: Document, s: Sentence, places: list[PlaceMatch], cues: SentenceCues | None = None
                ) -> list[tuple[PlaceMatch, str, str]]:
    """The role of each place of a sentence (see ROLE_EVENTS), with the reason. `cues`: the sentence's cue
    index, if the caller has it."""
    out: list[tuple[PlaceMatch, str, str]] = []
    if not places:
        return out
    ix = cues if cues is not None else SentenceCues(s)
    prev_end = None
    for pm in places:
        tok = doc.token_index(pm.start)
        # A dateline names no place that a later one could locate ("NABATIEH - ... outskirts of Nabatieh").
        others = any(p.place_id != pm.place_id and r != "dateline" for p, r, _ in out)
        role, why = _role(doc, s, pm, tok, others, ix)
        # "أطمة وسرمدا", "Abasan and Bani Suheila": a coordinated place shares the role of the first.
        if prev_end is not None and out[-1][1] != "target":
            between = doc.norm[prev_end:pm.start].strip(" ,،")
            if between in ("", "و", "and", "or", "او"):
                role, why = out[-1][1], out[-1][2] + " (coordinated)"
        out.append((pm, role, why))
        prev_end = pm.end
    return out


def _leads_to(doc: Document, s: Sentence, cue: Hit, tok: int, ix: SentenceCues) -> bool:
    """Does destination word `cue` ("إلى", "to") lead to the place at token `tok`? Not across a "from"
    or another event word ("لجأت إلى المدرسة بعد أن نزحت من مخيم X"), not "نحو 12 ألف" (about)."""
    if tok - cue.tok_end >= DESTINATION_WINDOW:
        return False
    if cue.tok_end < len(doc.tokens) and doc.tokens[cue.tok_end].key.isdigit():
        return False
    if ix.between("from", cue.tok_end, tok):
        return False
    return not any(cue.tok_end <= e.tok_start < tok for e in s.events)


def _role(doc: Document, s: Sentence, pm: PlaceMatch, tok: int, has_previous: bool, ix: SentenceCues
          ) -> tuple[str, str]:
    # (Each rule first asks whether its cue class is there at all: most places have few cues around them.)
    if doc.in_dateline(pm.start):
        return "dateline", "dateline: where the report was filed from"
    before = [c for c in s.cues if c.tok_end <= tok and tok - c.tok_end < ROLE_WINDOW]
    classes = {c.cls for c in before}
    of = ix.by_cls.get
    # (not across another place: "fired from Khiam at Marjayoun", "القوات المتمركزة في سراقب قصفت كفرنبل")
    if ("origin" in classes and any(c.cls == "origin" and not any(c.end <= p.start < pm.start for p in s.places)
                                    for c in before)) \
            or ("origin" in ix.by_cls and _origin_reaches(doc, s, pm, tok)):
        return "origin", "origin of fire ('من مواقعها في', 'fired from')"
    if ("street" in classes and any(c.cls == "street" and tok - c.tok_end == 0 for c in before)) \
            or _street_after(doc, pm):
        return "locator", "names a street ('شارع صلاح الدين', 'Salaheddine Street')"
    if "route_to" in classes:
        return "locator", "the far end of a road ('الطريق الواصل إلى', 'the road to')"
    if "institution" in ix.by_cls:
        end_tok = doc.token_index(pm.end)
        # (not across an event word: "نفت الوزارة قصف بلدة X" names the ministry and a shelled town)
        if any(c.cls == "institution" and not any(c.tok_end <= e.tok_start < tok for e in s.events)
               for c in before) or any(0 <= c.tok_start - end_tok < ROLE_WINDOW
                                       and s.clause_of(c.start) == s.clause_of(pm.start) for c in of("institution", ())):
            return "institution", "names an institution's seat ('وزارة الصحة في دمشق', 'Gaza's health ministry')"
    if has_previous and "locator" in classes and any(c.cls == "locator" and tok - c.tok_end <= 1 for c in before):
        return "locator", "locates the place named before it ('غرب', 'near', 'east of')"
    if has_previous and _contains_previous(doc, s, pm, tok):
        return "locator", "the area that contains the place named just before ('بمحافظة النبطية', 'in the X district')"
    moved = any(c.tok_start < tok for c in of("movement", ())) or any(
        e.label in ("displacement", "return") and e.tok_start < tok for e in s.events)
    if moved and any(_leads_to(doc, s, c, tok, ix) for c in of("destination", ()) if c.tok_end <= tok):
        return "destination", "destination of a movement ('إلى', 'to' after a movement word)"
    if "destination_after_move" in classes:
        # "left X for Y", "fled ... for Y" (but "evacuation orders for Y" name the place to leave)
        left = any(e.label in ("displacement", "return") and e.entry.kind != "warning"
                   and 0 < tok - e.tok_start <= LEFT_FOR_REACH for e in s.events)
        for c in before:  # "left Nabatieh for Sidon": "for" only after a movement verb
            if c.cls == "destination_after_move" and tok - c.tok_end <= 2 and (left or any(
                    0 <= c.tok_start - m.tok_end <= 4 for m in of("movement", ()))):
                return "destination", "destination of a movement ('left X for Y')"
    if "hospital" in classes:
        return "hospital", "where the wounded were taken (hospital)"
    from_before = "from" in classes and any(c.cls == "from" and tok - c.tok_end <= 1 for c in before)
    if any(c.tok_start > tok for c in of("host", ())) and not from_before:
        return "host", "hosts displaced people ('لاستقبال', 'hosting')"
    if "shelter_place" in classes:
        return "shelter", "where displaced people are staying ('most of them in', 'living in')"
    if from_before and any(e.label == "displacement" and e.tok_start < tok for e in s.events):
        return "flight_origin", "where people fled from"
    if from_before and any(e.label == "return" and 0 < tok - e.tok_end <= LEFT_FOR_REACH for e in s.events):
        # "refugees returned from Lebanon to Syria": the place they came back from is not where they returned
        return "flight_origin", "where the returnees came back from"
    return "target", ""


def _contains_previous(doc: Document, s: Sentence, pm: PlaceMatch, tok: int) -> bool:
    """"أرنون بمحافظة النبطية", "بنت جبيل بجنوب لبنان", "Toul in the Nabatieh district", "Bint Jbeil in
    southern Lebanon": a place right after another one, introduced by "in" + an area word, is the area that
    contains it (where the other place is), not a second event place."""
    toks = doc.tokens
    end_tok = doc.token_index(pm.end)
    # Arabic: ب + area word, before the name or as the name's own first word ("بجنوب لبنان")
    for i in (tok - 1, tok):
        if 0 <= i < len(toks) and toks[i].key[:1] == "ب" and toks[i].key[1:] in CONTAINER_AR:
            return any(doc.token_index(p.end) == i for p in s.places if p.end <= pm.start)
    # English: <place> [refugee camps] in [the] <place> district / in southern <place>
    for gap in (1, 2):
        j = tok - gap
        if j < 1 or toks[j].key != "in" or (gap == 2 and toks[j + 1].key != "the"):
            continue
        k = j
        while k > 0 and j - k < 2 and toks[k - 1].key in PLACE_NOUNS_EN:
            k -= 1  # "Tulkarm and Nur Shams refugee camps in the northern West Bank"
        if not any(doc.token_index(p.end) == k for p in s.places if p.end <= pm.start):
            continue
        after = toks[end_tok].key if end_tok < len(toks) else ""
        return after in CONTAINER_EN or toks[tok].key in DIRECTION_EN
    return False


def _street_after(doc: Document, pm: PlaceMatch) -> bool:
    """"Salaheddine Street", "Baghdad Road": the place name is a street's name."""
    return doc.text[pm.end:pm.end + 8].lstrip(" ").startswith(("Street", "street", "St.", "Road"))


def _origin_reaches(doc: Document, s: Sentence, pm: PlaceMatch, tok: int) -> bool:
    """"shells fired from positions near the Syrian town of X": an origin cue reaches a place a few
    words on, in the same clause, when no event word or other place comes in between."""
    clause = s.clause_of(pm.start)
    for c in s.cues:
        if c.cls != "origin" or not 0 <= tok - c.tok_end < ORIGIN_WINDOW or s.clause_of(c.start) != clause:
            continue
        if any(c.tok_end <= e.tok_start < tok for e in s.events):
            continue
        if any(c.end <= p.start < pm.start for p in s.places):
            continue
        if all(doc.tokens[i].key in ORIGIN_FILLERS for i in range(c.tok_end, tok)):
            return True
    return False


def choose_date(doc: Document, s: Sentence, offset: int) -> tuple[date | None, str | None, str | None, bool, str]:
    """(event_date, precision, note, historical, reason) for an event at char `offset` in `s`."""
    return DateChooser(doc).choose(s, offset)


class DateChooser:
    """`choose_date` for the triggers of one document. What depends only on a sentence (its usable dates,
    the date carried forward from the sentences before it) is worked out once per sentence, not once per
    trigger and, for the carried date, not again for every later sentence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._dates: dict[int, tuple[list[DateMention], list[DateMention]]] = {}
        self._previous: dict[int, tuple[DateMention | None, int]] = {}

    def _sentence_dates(self, s: Sentence) -> tuple[list[DateMention], list[DateMention]]:
        """The sentence's usable dates, and those of them that date an event (not a year, not a saying)."""
        found = self._dates.get(s.index)
        if found is None:
            doc = self.doc
            # The dateline's date ("DAMASCUS, Jan 26 -") is when the report was filed, not when it happened.
            usable = [d for d in s.dates if d.value is not None and not doc.in_dateline(d.start)]
            dated = [d for d in usable if d.precision != "year"]
            # "said on Thursday that ... airstrikes on Tuesday": the date of the saying is not the event's.
            speech = [c for c in s.cues if c.cls in SPEECH_CLASSES] if dated else []
            events_dated = [d for d in dated if not _speech_date_among(doc, speech, d)] if speech else dated
            found = self._dates[s.index] = (usable, events_dated or dated)
        return found

    def choose(self, s: Sentence, offset: int) -> tuple[date | None, str | None, str | None, bool, str]:
        """(event_date, precision, note, historical, reason) for an event at char `offset` in `s`."""
        doc = self.doc
        usable, events_dated = self._sentence_dates(s)
        historical = False
        if doc.published is not None and usable:
            # Background history ("the 2016 siege", "displaced ... years ago"): the date nearest the
            # event word is more than a year before publication (and not "since ...": still going on).
            d = usable[0] if len(usable) == 1 else min(usable, key=lambda d: abs(d.start - offset))
            if not d.since and (doc.published - d.value) > HISTORY_SPAN and (
                    d.precision != "year" or d.value.year < doc.published.year - 1):
                historical = True
        if events_dated:
            best = events_dated[0] if len(events_dated) == 1 else min(events_dated, key=lambda d: abs(d.start - offset))
            return best.value, best.precision, best.note, historical, f"date: '{best.text}' in the sentence"
        prev, prev_para = self.previous_date(s)
        if prev is not None:
            # A story told in the past ("the August 2020 port explosion ... Among the highlights is 'Siege'"): an
            # event dated only by a date more than a year old, named in this or the previous paragraph, is
            # background history too.
            if doc.published is not None and (doc.published - prev.value) > HISTORY_SPAN \
                    and s.para - prev_para <= CARRY_HISTORY_PARAS:
                historical = True
            return prev.value, prev.precision, prev.note, historical, f"date: '{prev.text}' named earlier in the report"
        if doc.published is not None:
            return doc.published, "publication", None, historical, "date: publication date (no date in the text)"
        return None, None, None, historical, "date: none (no date in the text, no publication date)"

    def previous_date(self, s: Sentence) -> tuple[DateMention | None, int]:
        """The last day/week/month date named before sentence `s` (news carries its date forward), and the
        paragraph it is in."""
        found = self._previous.get(s.index)
        if found is None:
            found = (None, s.para)
            sentences = self.doc.sentences
            for i in range(s.index - 1, -1, -1):
                prev = sentences[i]
                dated = self._sentence_dates(prev)[1]
                if dated:
                    found = (dated[-1], prev.para)
                    break
            self._previous[s.index] = found
        return found


def _speech_date_among(doc: Document, cues: list[Hit], d: DateMention) -> bool:
    """Is `d` the date of a saying ("said on Thursday", "denied on Thursday", "أعلنت اليوم"), given the
    cues of its sentence (all of them, or just those of SPEECH_CLASSES)?"""
    t0, t1 = doc.token_index(d.start), doc.token_index(d.end)
    return any(c.cls in SPEECH_CLASSES and (0 <= t0 - c.tok_end <= 1 or 0 <= c.tok_start - t1 <= 1)
               for c in cues)
