"""Turn triggers and places into `Mention` records (attachment, roles, dates, confidence)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from geo.types import Place, PlaceMatch
from ingest.extract.document import Document, Sentence
from ingest.extract.events import (
    NEGATION_REASON,
    ROLE_EVENTS,
    SCOPE_CONFIDENCE,
    DateChooser,
    SentenceCues,
    modality_of,
    place_roles,
)
from ingest.extract.lexicon import Hit
from ingest.extract.text import normalise_term
from ingest.records import Mention

GetPlace = Callable[[str], Place | None]
FLIGHT_GAP = 3  # words allowed between "fled" and its place: "fled from the X neighbourhood"
FLIGHT_FILLERS = frozenset({"من", "from", "the", "حي", "مدينه", "بلده", "مخيم", "قريه", "احياء", "منطقه",
                            "و", "and", ",", "،", "their", "homes", "in", "في"})
REASON_SEPARATOR = " | "  # between the type, modality, place and date parts of Mention.reason
# Specific violence an unspecified attack word at the same place refers back to (see `_refer_back`).
REFERABLE_VIOLENCE = frozenset({"shelling", "airstrike", "drone_strike"})  # not a clash: an explosion after a raid is its own event
WHERE_REACH = 6  # words between "X, where" and the event word of the relative clause
# A report with no strong event word and at least this many words of another topic (and no fewer than its weak
# event words) is not about conflict: its weak event words ("returned", "closure", "truce") are not events.
GENRE_MIN = 3
# A sentence with no place, in a paragraph with none, takes the places of the nearest earlier sentence if it
# is in the paragraph just before; else the report's focus, only if that is one place (real reports are long:
# a focus of several places put every placeless "the ceasefire", "the drone" on all of them).
PREVIOUS_PARAGRAPHS = 1
FOCUS_FALLBACK_MAX = 1
CITY_KINDS = frozenset({"city", "town"})
TITLE_WEIGHT = 2  # a place named in the title counts as two more mentions when choosing the focus
# Words naming a kind of place (normalised, as doc.tokens): the words after one name a place, known to the
# gazetteer or not ("حي البساتين شرق مدينة جنين": an unknown neighbourhood, located by Jenin).
PLACE_NOUNS = frozenset({"حي", "بلده", "قريه", "مخيم", "معسكر", "منطقه", "ناحيه", "neighbourhood", "neighborhood",
                         "village", "town", "camp", "district", "quarter", "area"})
UNKNOWN_NAME_WORDS = 4  # at most this many words of an unknown name between its kind word and a direction word
# "<number> km from X", "على بعد 2 كم من X": the event is near X, not at X.
DISTANCE_UNITS = frozenset({"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles",
                            "metres", "meters", "كم", "كلم", "كيلومتر", "كيلومترات", "متر", "مترا", "امتار"})
DISTANCE_FROM = frozenset({"from", "of", "من", "عن"})
DISTANCE_REACH = 4  # words between the distance unit and the place ("3 km away from the X")
# "the area between X and Y", "المنطقة الواقعة بين X وY", "the road between X and Y": X and Y bound an area.
BETWEEN = frozenset({"between", "بين"})
# Page furniture (see `furniture_paragraphs`): a photo caption is a short paragraph ending with a credit; the
# lines after the article's last sentence are short and unpunctuated (related headlines, "Press release").
CAPTION_MAX = 400
# News agencies whose name ends a caption as its credit.
CREDIT_AGENCIES = ("رويترز", "الأناضول", "فرانس برس", "أ ف ب", "AFP", "Reuters", "AP", "Getty Images", "EPA")
_AGENCY_ALT = "|".join(CREDIT_AGENCIES)  # (plain letters and spaces: nothing to escape)
CAPTION_CREDIT = re.compile(
    r"(?:\b(?:photo|picture|image|photograph)s?(?:\s+credits?)?\s*[:：]\s*[^.\n]{1,40}"
    rf"|[.،]\s*\(?(?:{_AGENCY_ALT})\)?"
    rf"|\((?:{_AGENCY_ALT})\)"
    r"|\((?:photo|picture|image|photograph)s?\s+(?:by|credits?|courtesy)\b[^()\n]{1,60}\))\s*$",
    re.IGNORECASE)
# A paragraph that is nothing but a credit ("(photo credit: Agency/Name)") ends the caption before it.
CREDIT_ONLY = re.compile(r"^\(?(?:photo|picture|image|photograph)s?(?:\s+credits?|\s+by)?\s*[:：]?\s*[^.\n]{1,60}\)?$",
                         re.IGNORECASE)
# An embedded social-media post: its link or its signature line ("— Name (@handle) May 4, 2024").
EMBEDDED_POST = re.compile(r"pic\.twitter\.com/\w+|\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
# A label that introduces the page's list of sources or related links ("Reference(s):", "Read more:", "اقرأ أيضا:").
LINKS_LABEL = re.compile(r"^(?:references?(?:\(s\))?|sources?(?:\(s\))?|related(?: articles| stories)?|read more|read also"
                         r"|see also|اقرأ أيضا|اقرأ ايضا|اقرأ أيضاً|المصدر|المصادر|مواضيع ذات صلة)\s*[:：]\s*$", re.IGNORECASE)
# Cheap necessary conditions for the regexes above (the regex search over a whole paragraph is the costly
# part, and almost no paragraph is a caption): every CAPTION_CREDIT match ends the (stripped) paragraph with
# ")" or an agency name, or has a colon after "photo"; every EMBEDDED_POST match contains one of these strings.
CREDIT_AGENCY_END = re.compile(rf"(?:{_AGENCY_ALT})\Z", re.IGNORECASE)
CREDIT_AGENCY_CHARS = max(map(len, CREDIT_AGENCIES))  # IGNORECASE matches these names char for char
# Their last letters, case-folded: every letter IGNORECASE accepts for one of them folds to it (ſ to s).
CREDIT_AGENCY_LAST = frozenset(name[-1].casefold() for name in CREDIT_AGENCIES)
EMBEDDED_POST_MARKS = ("pic.twitter.com/", "(@")
# A comma inside a number (6,000) is no comma of a sentence.
SENTENCE_COMMA = re.compile(r",(?!\d{3})|،")
TRAILING_LINE_MAX = 150
BULLETS = frozenset("-–—•*·▪●")
SENTENCE_END = frozenset(".!?؟…»\"”')")
# How coarse a kind of place is (a place right after a finer one, "X بدمشق", "X in Damascus", locates it).
KIND_RANK = {"neighbourhood": 0, "camp": 0, "village": 1, "town": 1, "city": 1, "subdistrict": 2, "district": 2,
             "region": 3, "governorate": 3, "country": 4}
IN_WORDS = frozenset({"in", "في"})
AREA_WORDS = frozenset({"area", "region", "road", "stretch", "highway", "منطقه", "المنطقه", "الممتده", "الواقعه",
                        "طريق", "الطريق", "المناطق", "مناطق"})


class Ancestry:
    """Parent chains of gazetteer places, cached."""

    def __init__(self, get: GetPlace) -> None:
        self._get = get
        self._cache: dict[str, frozenset[str]] = {}

    def ancestors(self, place_id: str) -> frozenset[str]:
        found = self._cache.get(place_id)
        if found is None:
            chain: list[str] = []
            seen = {place_id}
            place = self._get(place_id)
            while place is not None and place.parent_place_id and place.parent_place_id not in seen:
                chain.append(place.parent_place_id)
                seen.add(place.parent_place_id)
                place = self._get(place.parent_place_id)
            found = self._cache[place_id] = frozenset(chain)
        return found

    def finest(self, matches: Iterable[PlaceMatch]) -> list[PlaceMatch]:
        """One match per place, dropping any place that is an ancestor of another in the group."""
        by_id: dict[str, PlaceMatch] = {}
        for pm in matches:
            by_id.setdefault(pm.place.place_id, pm)
        if len(by_id) < 2:  # (a place is never its own ancestor: one place is its own finest)
            return list(by_id.values())
        covered: set[str] = set()
        for pid in by_id:
            covered |= self.ancestors(pid)
        return [pm for pid, pm in by_id.items() if pid not in covered]


def report_focus(named: dict[int, list[PlaceMatch]], ancestry: Ancestry, title_ids: set[str]) -> list[PlaceMatch]:
    """The places the report is about: the most named places (those named in its title count
    more), refined to the finest ones named inside them ("Aleppo" + "Sheikh Maqsoud" + "Ashrafieh"
    -> the two neighbourhoods)."""
    counts: dict[str, int] = {}  # (plain dicts, in the order places are first named: cheaper than Counter)
    first: dict[str, PlaceMatch] = {}
    for sent_places in named.values():
        for pm in sent_places:
            pid = pm.place.place_id
            if pid in counts:
                counts[pid] += 1
            else:
                counts[pid] = 1
                first[pid] = pm
    if not counts:
        return []
    for pid in counts:
        if pid in title_ids:
            counts[pid] += TITLE_WEIGHT
    # A place's weight includes the mentions of places inside it.
    weight = dict(counts)
    for pid, n in counts.items():
        for anc in ancestry.ancestors(pid):
            if anc in counts:
                weight[anc] += n
    top = max(weight.values())
    focus_ids = {pid for pid, w in weight.items() if w * 2 >= top}
    # Refine each focus place to the places named inside it.
    refined = set(focus_ids)
    for pid in counts:
        if not focus_ids.isdisjoint(ancestry.ancestors(pid)):
            refined.add(pid)
    return ancestry.finest(first[pid] for pid in first if pid in refined)


@dataclass(slots=True)
class _Reading:
    """A trigger read in its sentence: modality, date and the places it attaches to directly."""

    s: Sentence
    ev: Hit
    modality: str
    modality_reason: str
    event_date: date | None
    precision: str | None
    note: str | None
    date_reason: str
    chosen: list[tuple[PlaceMatch, str, str]]


def build_mentions(doc: Document, report_id: str, get_place: GetPlace, title_ids: set[str],
                   emit_non_target: bool = False, title: str | None = None) -> tuple[list[Mention], dict[int, list[PlaceMatch]],
                                                            list[PlaceMatch]]:
    """All mentions of a document; also returns target places per sentence and the report focus.

    Two passes: first every trigger is read with the places of its own sentence; then triggers
    without a place take the places the paragraph's (else the report's) events happened at."""
    ancestry = Ancestry(get_place)
    targets: dict[int, list[PlaceMatch]] = {}
    roles: dict[int, list[tuple[PlaceMatch, str, str]]] = {}
    furniture = furniture_paragraphs(doc, title)
    # Each sentence's cues indexed by class once, for the place roles and the modality of its triggers.
    cue_index: dict[int, SentenceCues] = {}
    for s in doc.sentences:
        places = [pm for pm in s.places if not pm.is_actor] if s.para not in furniture else []
        if not places:  # (also a photo caption, a related headline after the article: no event, no place)
            roles[s.index], targets[s.index] = [], []
            continue
        cue_index[s.index] = SentenceCues(s)
        lst = refine_roles(doc, s, place_roles(doc, s, places, cue_index[s.index]), ancestry, cue_index[s.index])
        roles[s.index] = lst
        targets[s.index] = [pm for pm, role, _ in lst if role in ("target", "flight_origin")]

    history: set[int] = set()
    readings = _read_triggers(doc, roles, history, furniture, cue_index)
    current = {r.s.index for r in readings}
    # Where the report's events happen, by sentence: the places triggers attached to directly.
    direct: dict[int, list[PlaceMatch]] = {}
    finest_targets: list[list[PlaceMatch]] = []  # per reading: kept for the mentions below
    for r in readings:
        finest = ancestry.finest([pm for pm, role, _ in r.chosen if role == "target"])
        finest_targets.append(finest)
        for pm in finest:
            direct.setdefault(r.s.index, []).append(pm)
    # Places named as targets, plus those that became event places by word order (a shelled shelter).
    named: dict[int, list[PlaceMatch]] = {}
    for i in {*targets, *direct}:
        listed, attached = targets.get(i, []), direct.get(i)
        named[i] = listed + [pm for pm in attached if pm not in listed] if attached else list(listed)
    # A place where every event is denied ("نفى ... غارة ثانية على الرويس") is not what the report is about.
    modalities: dict[str, set[str]] = {}
    for r in readings:
        for pm, role, _ in r.chosen:
            if role == "target":
                modalities.setdefault(pm.place.place_id, set()).add(r.modality)
    denied_only = {pid for pid, mods in modalities.items() if mods == {"denied"}}
    if denied_only:
        named = {i: [pm for pm in lst if pm.place_id not in denied_only] for i, lst in named.items()}
    focus = report_focus(named, ancestry, title_ids)
    para_places: dict[int, list[PlaceMatch]] = {}
    for s in doc.sentences:
        if s.index in history and s.index not in current:
            continue  # "families fled X a decade ago": X is not where this paragraph's events happen
        para_places.setdefault(s.para, []).extend(named.get(s.index, []))

    mentions: list[Mention] = []
    seen: set[tuple[str, str, str, int]] = set()
    previous_places: dict[int, list[PlaceMatch]] = {}
    for r, target_ids in zip(readings, finest_targets, strict=True):
        s, ev, chosen = r.s, r.ev, list(r.chosen)
        scope = "sentence"
        place_reason = "place: named in the same clause or sentence"
        if not target_ids and not any(role == "target" for _, role, _ in chosen):
            fallback = ancestry.finest(para_places.get(s.para, []))
            scope, place_reason = "paragraph", "place: no place in the sentence; the paragraph names it"
            if not fallback:  # the story goes on from the paragraph before ("... in X.\n\nThe strike killed four.")
                if s.index not in previous_places:  # once per sentence, not per trigger
                    previous_places[s.index] = _previous_places(doc, s, named, ancestry, focus)
                fallback = previous_places[s.index]
                place_reason = "place: no place in the sentence or paragraph; the paragraph before names it"
            if not fallback and len(focus) <= FOCUS_FALLBACK_MAX:
                fallback = focus
                scope, place_reason = "report", "place: no place in the sentence or paragraph; the report is about it"
            chosen += [(pm, "target", "") for pm in fallback]
            # (every fallback is already a `finest` list, and the reading had no target of its own)
            target_ids = fallback
        keep_ids = {pm.place.place_id for pm in target_ids}
        # (the same for every place of this trigger)
        trigger = doc.text[ev.start:ev.end]
        type_reason = f"type: '{trigger}' matches '{ev.entry.text}' ({ev.label})"
        evidence = doc.text[s.start:s.end]
        for pm, role, why in chosen:
            place_id = pm.place.place_id
            if role == "target" and place_id not in keep_ids:
                continue
            if role != "target" and not emit_non_target:
                continue
            key = (place_id, ev.label, r.modality, s.index)
            if key in seen:
                continue
            seen.add(key)
            confidence = round(SCOPE_CONFIDENCE[scope if role == "target" else "report"]
                               * max(0.1, min(1.0, pm.confidence)), 3)
            reason = REASON_SEPARATOR.join(filter(None, [
                type_reason,
                r.modality_reason,
                place_reason if role == "target" else f"place role {role}: {why}",
                f"place match: {pm.method} '{pm.text}'" + (f" ({pm.reason})" if pm.reason else ""),
                r.date_reason,
            ]))
            mentions.append(Mention(
                report_id=report_id, place_id=place_id, event_type=ev.label, modality=r.modality,
                event_date=r.event_date, date_precision=r.precision, evidence=evidence,
                char_start=s.start, char_end=s.end, confidence=confidence, place_text=pm.text,
                place_char_start=pm.start, place_char_end=pm.end, trigger_text=trigger,
                trigger_char_start=ev.start, trigger_char_end=ev.end, match_method=pm.method,
                geo_precision=pm.place.geo_precision, place_role=role, attach_scope=scope,
                date_note=r.note, reason=reason,
            ))
    return _refer_back(mentions, doc), targets, focus


def furniture_paragraphs(doc: Document, title: str | None = None) -> set[int]:
    """Paragraphs that are page furniture left in the text, not the story: photo captions (a short paragraph
    ending with a credit: "... Photo: Relief Group", "... وسط المدينة. رويترز", "دخان فوق البلدة (أ ف ب)") and the
    short lines after the article's last sentence with neither a final stop nor a comma (related headlines:
    "Markets reopen in X as fuel arrives", breadcrumbs), embedded social-media posts (their link or
    "(@handle) May 4, 2024"), a credit on a line of its own with the caption before it, the `title` repeated
    after the article, and the short lines after a "Reference(s):" / "Read more:" label. Their places are
    neither event places nor anyone's fallback."""
    out: set[int] = set()
    paras = doc.paragraphs
    texts = [doc.text[p.start:p.end].strip() for p in paras]
    title = " ".join(title.split()) if title and len(title) >= 20 else None
    title_head = title.split(" ", 1)[0] if title else ""  # (a paragraph equal to the title starts with it)
    for i, text in enumerate(texts):
        if len(text) <= 80 and CREDIT_ONLY.match(text):
            out.add(i)  # the credit on a line of its own, and the caption right before it
            if i and len(texts[i - 1]) <= CAPTION_MAX:
                out.add(i - 1)
        elif len(text) <= CAPTION_MAX and ((_may_be_credit(text) and CAPTION_CREDIT.search(text))
                                           or (_may_be_post(text) and EMBEDDED_POST.search(text))):
            out.add(i)
        elif i and title and text.startswith(title_head) and " ".join(text.split()) == title:
            out.add(i)  # the headline repeated in the page's furniture (it is read once, as the title)
    # Trailing lines: from the end, short paragraphs without a sentence's final punctuation; after a label
    # of sources or related links ("Reference(s):"), the short lines it introduces whatever their punctuation.
    # (a label ends with its colon: the texts are stripped)
    label = next((i for i in range(len(paras) - 1, 0, -1)
                  if texts[i][-1:] in (":", "：") and LINKS_LABEL.match(texts[i])), None)
    if label is not None and all(len(t) <= TRAILING_LINE_MAX for t in texts[label:]):
        out.update(range(label, len(paras)))
    for i in range(len(paras) - 1, 0, -1):
        text = texts[i]
        if i in out or not text:
            continue
        if len(text) > TRAILING_LINE_MAX or text[-1] in SENTENCE_END or _has_sentence_comma(text) \
                or text[0] in BULLETS:
            break  # (a comma: a sentence cut short, not a headline; a bullet: a list item of the story)
        out.add(i)
    return out


def _may_be_credit(text: str) -> bool:
    """Could CAPTION_CREDIT match the stripped paragraph `text`? False only when it cannot: every match ends
    the text (`\\s*$`, and the text has no trailing space) with ")" or an agency name, or has a colon."""
    return text[-1:] == ")" or ":" in text or "：" in text \
        or (text[-1:].casefold() in CREDIT_AGENCY_LAST
            and CREDIT_AGENCY_END.search(text[-CREDIT_AGENCY_CHARS:]) is not None)


def _may_be_post(text: str) -> bool:
    """Could EMBEDDED_POST match `text`? (Each of its alternatives contains one of EMBEDDED_POST_MARKS.)"""
    return EMBEDDED_POST_MARKS[0] in text or EMBEDDED_POST_MARKS[1] in text


def _has_sentence_comma(text: str) -> bool:
    """SENTENCE_COMMA.search, skipping the regex when the text has no comma at all (most headlines)."""
    return "،" in text or ("," in text and SENTENCE_COMMA.search(text) is not None)


def refine_roles(doc: Document, s: Sentence, roles: list[tuple[PlaceMatch, str, str]],
                 ancestry: Ancestry | None = None, cues: SentenceCues | None = None
                 ) -> list[tuple[PlaceMatch, str, str]]:
    """Location cues `place_roles` leaves as targets: a place that only locates another one.

    - a place we do not have, named by its kind word and located by a direction: "حي البساتين شرق
      مدينة جنين", "the Sheikh Radwan neighbourhood, north of Gaza City" (Gaza City locates it);
    - a distance from a place: "a shell landed 3 km away from X", "على بعد 2 كم من X";
    - the ends of an area or a road: "المنطقة الواقعة بين X وY", "the road between X and Y";
    - a coarser place right after another, joined by ب / في / in only, that the gazetteer does not put above
      it ("بلدة جرمانا بدمشق": Jaramana lies in Rural Damascus, Damascus only locates it);
    - a governorate, region or country in apposition after a settlement ("قرية بليدا، جنوب لبنان").
    A place coordinated with one of these (و, and, a comma) shares its role. `cues`: the sentence's cue
    index, if the caller has it.
    """
    out: list[tuple[PlaceMatch, str, str]] = []
    locators = (cues if cues is not None else SentenceCues(s)).of("locator")
    for n, (pm, role, why) in enumerate(roles):
        if role == "target":
            nxt = roles[n + 1][0] if n + 1 < len(roles) else None
            found = _located_unknown(doc, s, pm, locators) or _distance_from(doc, pm) or _area_between(doc, pm) or (
                (_in_coarser(doc, out[-1][0], pm, ancestry) or _apposition(doc, out[-1][0], pm, nxt, ancestry))
                if out and out[-1][1] != "locator" else "")
            if not found and out and out[-1][1] == "locator" and out[-1][2].endswith("(cue)"):
                between = doc.norm[out[-1][0].end:pm.start].strip(" ,،")
                found = "the ends of an area (cue)" if between in ("", "و", "and", "or", "او") else ""
            if found:
                role, why = "locator", found
        out.append((pm, role, why))
    return out


def _located_unknown(doc: Document, s: Sentence, pm: PlaceMatch, locators: list[Hit] | tuple[()]) -> str:
    """A direction word right before `pm`, after a name the gazetteer does not have and its kind word
    (before the name in Arabic, "حي X شمال Y"; after it in English, "the X neighbourhood, north of Y").
    `locators`: the sentence's cues of class locator, in order."""
    if not locators:
        return ""
    tok = doc.token_index(pm.start)
    cue = next((c for c in locators if 0 <= tok - c.tok_end <= 1), None)
    if cue is None:
        return ""
    while True:  # "شمال غرب Y": the first of adjacent direction words
        prev = next((c for c in locators if c.tok_end == cue.tok_start), None)
        if prev is None:
            break
        cue = prev
    toks = doc.tokens
    last = cue.tok_start - 1
    if last - 1 >= s.tok_start and toks[last].key in PLACE_NOUNS and doc.text[toks[last - 1].start].isupper():
        kind_word = last - 1  # English: a capitalised name, then its kind word, then the direction
    else:  # Arabic: the kind word, then one to four words of the name, then the direction
        kind_word = next((j for j in range(cue.tok_start - 2, max(s.tok_start, last - UNKNOWN_NAME_WORDS) - 1, -1)
                          if toks[j].key in PLACE_NOUNS or toks[j].key[1:] in PLACE_NOUNS), None)
        if kind_word is None:
            return ""
    start, end = toks[kind_word].start, toks[cue.tok_start].start
    if any(start <= p.start < end for p in s.places) or any(start <= e.start < end for e in s.events):
        return ""  # a place we have (place_roles decides), or another event's words
    if any(ch in ".!?؟:;؛()" for ch in doc.text[start:end]):
        return ""
    return "locates a place the gazetteer does not have, named before it ('حي X شمال Y', 'X neighbourhood, north of Y')"


def _in_coarser(doc: Document, previous: PlaceMatch, pm: PlaceMatch, ancestry: Ancestry | None) -> str:
    """"بلدة جرمانا بدمشق", "X في دمشق", "X in Damascus": a coarser place right after another one,
    joined by ب / في / in only, locates it (when the gazetteer does not already put X inside it, which
    `Ancestry.finest` handles)."""
    coarser, finer = KIND_RANK.get(pm.place.kind, 1), KIND_RANK.get(previous.place.kind, 1)
    if coarser < finer or (coarser == finer and not (pm.place.kind == "city" and previous.place.kind in ("town", "village"))):
        return ""  # (a city locates a town or village: "جرمانا بدمشق")
    gap = doc.text[previous.end:pm.start]
    words = gap.split()
    lowered = [w.lower() for w in words]
    if gap.strip(" ") != gap.strip() or (words and not (lowered[0] in IN_WORDS and lowered[1:] in ([], ["the"]))):
        return ""  # a line break, or other words than "in" / "في"
    if not words and not (pm.text[:1] == "ب" and _is_clitic_ba(pm)):
        return ""
    if ancestry is not None and pm.place_id in ancestry.ancestors(previous.place_id):
        return ""
    return "locates the place named right before it ('X بدمشق', 'X in Damascus')"


def _apposition(doc: Document, previous: PlaceMatch, pm: PlaceMatch, nxt: PlaceMatch | None,
                ancestry: Ancestry | None) -> str:
    """"قرية بليدا، جنوب لبنان", "the village of X, southern Lebanon": a governorate, region or country set
    off by a comma right after a settlement is where the settlement lies (not a list: "X, south Lebanon and
    Y" lists places)."""
    if KIND_RANK.get(pm.place.kind, 1) < 3 or KIND_RANK.get(previous.place.kind, 1) > 1:
        return ""
    if doc.text[previous.end:pm.start].strip() not in (",", "،"):
        return ""
    if nxt is not None and doc.norm[pm.end:nxt.start].strip(" ,،") in ("", "و", "and", "or", "او"):
        return ""
    if ancestry is not None and pm.place_id in ancestry.ancestors(previous.place_id):
        return ""
    return "says where the place named right before it lies ('X، جنوب لبنان', 'X, southern Lebanon')"


def _is_clitic_ba(pm: PlaceMatch) -> bool:
    """Whether the ب that starts `pm.text` is the preposition, not the name's first letter (بيروت)."""
    names = [pm.place.name_ar, *pm.place.variants]
    rest = normalise_term(pm.text[1:])
    return any(n and normalise_term(n) == rest for n in names)


def _distance_from(doc: Document, pm: PlaceMatch) -> str:
    """"3 km away from X", "على بعد 2 كم من X": a distance from `pm`."""
    tok = doc.token_index(pm.start)
    if tok == 0:
        return ""
    k = tok - 1
    if doc.tokens[k].key == "the" and k > 0:
        k -= 1
    if doc.tokens[k].key not in DISTANCE_FROM:
        return ""
    for j in range(k - 1, max(-1, k - 1 - DISTANCE_REACH), -1):
        key = doc.tokens[j].key
        if key in DISTANCE_UNITS or (key[:1].isdigit() and key.rstrip("km").isdigit() and key[-2:] == "km"):
            return "a distance from it ('3 km away from X', 'على بعد 2 كم من X')"
    return ""


def _area_between(doc: Document, pm: PlaceMatch) -> str:
    """"المنطقة الواقعة بين X وY", "the road between X and Y": `pm` bounds an area, the event is in between."""
    tok = doc.token_index(pm.start)
    if tok < 2 or doc.tokens[tok - 1].key not in BETWEEN:
        return ""
    if any(doc.tokens[j].key in AREA_WORDS for j in range(max(0, tok - 4), tok - 1)):
        return "one end of an area or a road ('the area between X and Y') (cue)"
    return ""


def _refer_back(mentions: list[Mention], doc: Document) -> list[Mention]:
    """A weapon-neutral attack word (cue class refers_back) at a place where the report names a specific kind of violence
    ("the strikes", "استهدفت حي السريان" after "قذائف هاون على حي السريان", "denied ... a drone strike on X,
    saying no strike had been carried out") refers back to that event: it takes its type (keeping its
    own modality). The nearest such event named before it wins; an attack word before any specific
    event ("warned it would strike" ... "shells landed") keeps its own type."""
    specific: dict[str, list[tuple[int, str]]] = {}
    for m in mentions:
        if m.event_type in REFERABLE_VIOLENCE and m.place_role == "target":
            specific.setdefault(m.place_id, []).append((m.trigger_char_start or 0, m.event_type))
    if not specific:
        return mentions
    back_words = {c.start for s in doc.sentences for c in s.cues if c.cls == "refers_back"}
    out: list[Mention] = []
    seen: set[tuple[str, str, str, int]] = set()
    for m in mentions:
        if m.event_type == "attack" and m.place_id in specific and m.trigger_char_start in back_words:
            at = m.trigger_char_start or 0
            before = [(a, t) for a, t in specific[m.place_id] if a <= at]
            if before:  # ("would strike" before any shells landed is a warning of its own)
                t = max(before)[1]
                m = replace(m, event_type=t, reason=m.reason + REASON_SEPARATOR
                            + f"type: the unspecified attack word refers back to the {t} at this place")
        key = (m.place_id, m.event_type, m.modality, m.char_start)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def _read_triggers(doc: Document, roles: dict[int, list[tuple[PlaceMatch, str, str]]],
                   history: set[int] | None = None, skip_paras: set[int] | frozenset[int] = frozenset(),
                   cue_index: dict[int, SentenceCues] | None = None) -> list[_Reading]:
    """Modality, date and sentence-level places of every trigger (pass one of `build_mentions`). The
    indexes of sentences whose event words were background history are added to `history`; sentences
    of the paragraphs `skip_paras` (page furniture) are not read. `cue_index`: sentences' cue indexes
    already built (more are added)."""
    readings: list[_Reading] = []
    doc_history = history if history is not None else set()
    warned_types: set[str] = set()
    cue_index = cue_index if cue_index is not None else {}
    dates = DateChooser(doc)
    for s in doc.sentences:
        if not s.events or s.para in skip_paras:
            continue
        cues = cue_index.get(s.index) or cue_index.setdefault(s.index, SentenceCues(s))
        places = roles[s.index]
        links = _clause_links(s, places)
        for ev in s.events if places else ():  # (a sentence without places has no place to take directly)
            direct = _flight_object(doc, s, ev, places) or _where_place(doc, s, ev, places, cues)
            if direct:
                links[id(ev)] = direct
        for ev in s.events:
            if ev.label == "aid_access" and _refuge_not_aid(s, ev):
                continue
            modality, modality_reason = modality_of(doc, s, ev, cues)
            if modality is None:
                continue
            if modality == "warned":
                warned_types.add(ev.label)
            elif modality_reason.startswith(NEGATION_REASON) and ev.label in warned_types:
                continue  # "no strike had taken place" after a warning of a strike: not yet, still warned
            event_date, precision, note, historical, date_reason = dates.choose(s, ev.start)
            if modality == "called_for" and precision not in (None, "publication") and "earlier" in date_reason \
                    and doc.published is not None:
                # A call is dated by when it is made: a date carried forward from an earlier sentence
                # ("orders issued on Monday ... NRC calls for a ceasefire") is not the call's.
                event_date, precision, note = doc.published, "publication", None
                date_reason = "date: publication date (a call is made when it is published)"
            if historical:
                doc_history.add(s.index)
                continue
            chosen: list[tuple[PlaceMatch, str, str]] = []
            items = links.get(id(ev), [])
            if ev.label == "return" and any(role == "destination" and pm.start > ev.start for pm, role, _ in items):
                # "leave the camp and return to their homes in X": the place left is not a return place.
                items = [i for i in items if i[1] not in ("target", "destination") or i[0].start > ev.start]
            for pm, role, why in items:
                # Hospitals and shelters: "the hospital in X received wounded after strikes on Y", "a
                # school in X sheltering families who fled": X is the place of an event only when the
                # event word comes first ("mortar shells struck the Midan district ... sheltering").
                if role in ("hospital", "host"):
                    if ev.label in ROLE_EVENTS[role] or (ev.start < pm.start and ev.label != "casualties"):
                        role = "target"
                elif ev.label in ROLE_EVENTS[role]:
                    role = "target"
                chosen.append((pm, role, why))
            readings.append(_Reading(s, ev, modality, modality_reason, event_date, precision, note,
                                     date_reason, chosen))
    if not _conflict_frame(doc, readings):
        return []
    return readings


def _previous_places(doc: Document, s: Sentence, named: dict[int, list[PlaceMatch]], ancestry: Ancestry,
                     focus: list[PlaceMatch]) -> list[PlaceMatch]:
    """The event places of the nearest earlier sentence that names some, if it is in the paragraph just
    before `s` (a placeless paragraph continues the one before it, not a story three paragraphs up). A
    city there that contains the report's focus places (its neighbourhoods) stands for them."""
    for prev in range(s.index - 1, -1, -1):
        if named.get(prev):
            if s.para - doc.sentences[prev].para > PREVIOUS_PARAGRAPHS:
                return []
            out: list[PlaceMatch] = []
            for pm in ancestry.finest(named[prev]):
                inner = [f for f in focus if pm.place_id in ancestry.ancestors(f.place_id)]
                out += inner if pm.place.kind in CITY_KINDS else []
                out += [pm] if not inner or pm.place.kind not in CITY_KINDS else []
            return ancestry.finest(out)
    return []


def _conflict_frame(doc: Document, readings: list[_Reading]) -> bool:
    """Is the report about conflict? Yes if any current event word is strong (shelling, killed, fled...);
    else (only weak, polysemous words: "returned", "closure", "siege", "truce", "trucks") yes unless the
    report is dominated by another topic (culture, economy, weather, sport, normal life, history words)."""
    if any(not r.ev.entry.weak for r in readings):
        return True
    return doc.genre_words < GENRE_MIN or doc.genre_words < len(readings)


def _refuge_not_aid(s: Sentence, ev: Hit) -> bool:
    """"لجأت إلى مدارس ومراكز إيواء", "fled to shelters": the shelter is where people went, not an aid event."""
    if ev.label != "aid_access":
        return False
    moved = any(e.label == "displacement" and e.tok_start < ev.tok_start for e in s.events) or any(
        c.cls == "movement" and c.tok_start < ev.tok_start for c in s.cues)
    return moved and any(c.cls == "destination" and 0 <= ev.tok_start - c.tok_end <= 2 for c in s.cues)


def _flight_object(doc: Document, s: Sentence, ev: Hit, places: list[tuple[PlaceMatch, str, str]]
                   ) -> list[tuple[PlaceMatch, str, str]]:
    """"fled Sheikh Maqsoud", "نزحوا من حي X": the place right after a displacement word (and the places
    coordinated with it) is where the displacement happened; other places of the sentence are not."""
    if ev.label != "displacement":
        return []
    out: list[tuple[PlaceMatch, str, str]] = []
    expect = ev.tok_end
    for item in sorted(places, key=lambda i: i[0].start):
        pm = item[0]
        tok = doc.token_index(pm.start)
        if tok < expect:
            continue
        gap = doc.norm[doc.tokens[expect - 1].end:pm.start].split()
        if len(gap) <= FLIGHT_GAP and all(w in FLIGHT_FILLERS for w in gap):
            out.append(item)
            expect = doc.token_index(pm.end)
            continue
        break
    return out


def _where_place(doc: Document, s: Sentence, ev: Hit, places: list[tuple[PlaceMatch, str, str]],
                 cues: SentenceCues) -> list[tuple[PlaceMatch, str, str]]:
    """"families headed to X, where clashes also broke out", "نزحوا إلى X حيث تعرضت البلدة لقصف": an event
    in a relative clause opened by "where"/"حيث" right after a place happened AT that place, whatever
    role the place has in the main clause (a destination here)."""
    for c in cues.of("where_clause"):
        if not 0 <= ev.tok_start - c.tok_end <= WHERE_REACH:
            continue
        if any(c.tok_end <= e.tok_start < ev.tok_start for e in s.events):
            continue  # the clause's first event word takes it; others read it through attachment
        for n, item in enumerate(places):
            if doc.token_index(item[0].end) == c.tok_start:
                if item[1] == "locator":  # "ريف X شمال غربي Y، حيث طال القصف": where X is, not Y
                    located = [i for i in places[:n] if i[1] != "locator"]
                    return [(located[-1][0], "target", "")] if located else []
                return [(item[0], "target", "")]
    return []


def _verb_objects(evs: list[Hit], items: list[tuple[PlaceMatch, str, str]]
                  ) -> dict[int, list[tuple[PlaceMatch, str, str]]] | None:
    """"imposed a curfew on A and raided houses in B": in a clause where event words and places
    strictly alternate (each event word followed by its own places, none before the first), each event
    takes the places that follow it up to the next event word. None: no such pattern."""
    evs = sorted(evs, key=lambda e: e.start)
    if len(evs) < 2 or len(items) < 2 or min(i[0].start for i in items) < evs[0].start:
        return None
    groups: list[tuple[list[Hit], list[tuple[PlaceMatch, str, str]]]] = []
    for ev in evs:
        if groups and not groups[-1][1]:
            groups[-1][0].append(ev)  # "killed and wounded in X": adjacent event words share places
        else:
            groups.append(([ev], []))
        nxt = next((e.start for e in evs if e.start > ev.start), None)
        groups[-1][1].extend(i for i in items if i[0].start > ev.start and (nxt is None or i[0].start < nxt))
    if len(groups) < 2 or any(not places or len(group) > 1 for group, places in groups):
        return None
    return {id(ev): places for group, places in groups for ev in group}


def _nearest_clause(clause: int, pool: dict[int, list]) -> int | None:
    """The nearest clause of `pool` before `clause`, else after it."""
    before = [c for c in pool if c < clause]
    if before:
        return max(before)
    after = [c for c in pool if c > clause]
    return min(after) if after else None


def _clause_links(s: Sentence, places: list[tuple[PlaceMatch, str, str]]
                  ) -> dict[int, list[tuple[PlaceMatch, str, str]]]:
    """Which places each trigger of the sentence attaches to (clause-based, see module doc)."""
    if not places:
        return {id(ev): [] for ev in s.events}
    clause_of = s.clause_of
    pl_by_clause: dict[int, list[tuple[PlaceMatch, str, str]]] = {}
    for item in places:
        pl_by_clause.setdefault(clause_of(item[0].start), []).append(item)
    ev_by_clause: dict[int, list[Hit]] = {}
    for ev in s.events:
        ev_by_clause.setdefault(clause_of(ev.start), []).append(ev)
    links: dict[int, list[tuple[PlaceMatch, str, str]]] = {id(ev): [] for ev in s.events}

    for clause, evs in ev_by_clause.items():
        src = clause if clause in pl_by_clause else _nearest_clause(clause, pl_by_clause)
        if src is None:
            continue
        objects = _verb_objects(evs, pl_by_clause[src]) if src == clause else None
        for ev in evs:
            links[id(ev)].extend(objects[id(ev)] if objects else pl_by_clause[src])
    # Clauses with places but no trigger lend them to the nearest trigger clause that names no place of
    # its own ("... في الشجاعية ...، لكنه نفى أن تكون المدفعية قد استهدفت حي الزيتون": Zeitoun only).
    placeless = {c: evs for c, evs in ev_by_clause.items() if c not in pl_by_clause}
    for clause, items in pl_by_clause.items():
        if clause in ev_by_clause:
            continue
        src = _nearest_clause(clause, placeless)
        if src is None:
            continue
        for ev in ev_by_clause[src]:
            links[id(ev)].extend(i for i in items if i not in links[id(ev)])
    return links
