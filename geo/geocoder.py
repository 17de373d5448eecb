"""Find the places a text names, choose between same-named places, and flag actor uses.

    geocoder = Geocoder.from_builtin()
    for match in geocoder.find(text, GeoContext(country_hint="SY")):
        print(match.place_id, match.text, match.method, match.reason)

How `find` works (each step is a small function below):
1. normalise the text (`geo.normalize`) and scan it once with the name automaton (`geo.matcher`);
2. keep the leftmost-longest hits (مخيم جباليا over جباليا, أشرفية صحنايا over أشرفية);
3. per hit, the candidate places: those compatible with a cue word in front (حي -> neighbourhood,
   مخيم -> camp ...), minus ancestors of another candidate (حلب the city, not the governorate);
   A cue announcing other kinds is no cue (ريف المحافظة), and a plural cue covers the names listed
   after it (محافظتي رام الله وأريحا, also over describing words: مخيمات اللاجئين الثلاثة في جنين وطولكرم);
   an area cue before a town names the area around it (ريف بلدة منبج: its governorate), a camp cue
   before a town its camp (مخيمي جنين وطولكرم);
4. hits that are not uses of a name at all are dropped: right after a word that starts another name
   (جبل النصر, باب النيرب, Kroum al-Marah, Ahmad Ariha), a Latin name in lower case in a text that
   capitalises ("the area has"), an adjective coordinated with another (عائلات لبنانية وسورية);
   names that are common words or person names (`needs_cue`) stay only with a cue, in a list
   opened by a plural cue (أحياء الأشرفية والميدان), coordinated with a place of the same city, or
   right before their own city (الميدان في حلب, Midan, Damascus);
5. a coarser place right after a name locates it (X شمال Y, X في مدينة Y, X بـY, X, near Y, X (Y),
   X Y): only the candidates inside or near Y stay, none means a place we do not have (حي الزهور شمال
   رفح), and the other uses of the same name in the text follow;
6. hits left with one candidate are anchors; a hit with several is resolved by the anchors (its
   city named nearby, an ancestor or a sibling named anywhere, a city adjective right after it,
   the country hint; curated places win ties against imported homonyms). No winner, no match: a
   name is never resolved when the context points elsewhere; a lone neighbourhood, camp or region
   of a country the text never names, in a text whose towns are all in other countries, is dropped;
   a city's bare name is its governorate in a text that names that governorate (محافظة X, ريف X, X
   province) and never the city as such;
7. a town whose refugee camp the text then calls "the camp" becomes the camp (not after a city cue);
8. actor uses (الموالية لدمشق, حكومة دمشق, Damascus-backed, Damascus said, talks between X and Y) are flagged
   `is_actor=True` (phrases in data/gazetteer/actor_patterns.csv) and are not used as context.

docs/gazetteer.md explains each rule and how to curate the data files behind them.
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

from geo.matcher import Hit, NameIndex, NameRef
from geo.normalize import (
    ARTICLE_CONTRACTED_PREFIXES,
    CLITIC_PREFIXES,
    NormalizedText,
    normalize,
    normalize_text,
)
from geo.types import GeoContext, Place, PlaceMatch

log = logging.getLogger(__name__)

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# How far (normalised characters) an anchor may be from a hit to count as "named nearby".
NEAR_WINDOW = 250
# How far after a cue-needing name its own city may appear to vouch for it (الميدان في حلب).
CITY_AFTER_WINDOW = 30
CONFIDENCE = {"exact": 0.95, "variant": 0.9, "clitic": 0.9, "context_rule": 0.75}
# (method, several places shared the name) -> the rounded confidence of a match (computed once each).
_ROUNDED_CONFIDENCE: dict[tuple[str, bool], float] = {}
_COORDINATORS = frozenset({"و", "and", "or", "او"})
_ARABIC_LETTER = re.compile("[\u0620-\u064a]")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
# Words after a town's name that say the text means its refugee camp ("the camp's market").
_CAMP_WORDS = frozenset({"camp", "camps", "مخيم", "المخيم", "بالمخيم", "للمخيم", "والمخيم"})
CAMP_WINDOW = 200
_ADMIN_KINDS = frozenset({"country", "governorate", "district", "subdistrict", "region"})
_SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
# How coarse a kind is: a locator (X شمال Y, X in Y) only speaks when Y is coarser than X.
_RANK = {"neighbourhood": 0, "camp": 0, "village": 1, "town": 1, "city": 1, "subdistrict": 2, "district": 2,
         "region": 3, "governorate": 3, "country": 4}
# Kinds whose lone name is vetoed when the text names places of other countries only; kinds that
# say which country a text is about.
_VETO_KINDS = frozenset({"neighbourhood", "camp", "region"})
_COUNTRY_EVIDENCE_KINDS = frozenset({"village", "town", "city", "subdistrict", "district", "governorate"})
# A place within this distance (km) of the place a locator names is "near" it (X, 5 km north of Y).
LOCATOR_NEAR_KM = 30.0
# A neighbourhood's own city and the city that locates it are the same town when this close.
LOCATOR_TWIN_CITY_KM = 8.0
# At most this many normalised characters between a name and its locator (up to four short words).
_LOCATOR_GAP = 40
# At most this many words (cue_words.csv position `filler`) between a plural cue and the list it opens.
LIST_FILLERS_MAX = 3


@dataclass(frozen=True)
class Cue:
    """A word that announces a place of some kinds ("حي" -> neighbourhood)."""

    words: tuple[str, ...]  # normalised tokens
    position: str  # before | after
    kinds: frozenset[str]
    plural: bool
    written: str = ""  # as in cue_words.csv (for reasons)


@dataclass(frozen=True)
class Curation:
    """Human curation read from data/gazetteer: cue words, actor phrases, stop names."""

    cues_before: dict[str, tuple[Cue, ...]]  # by the cue's last word
    cues_after: dict[str, tuple[Cue, ...]]  # by the cue's first word
    actor_before: dict[str, tuple[tuple[str, ...], ...]]  # phrases by their last word
    actor_after: dict[str, tuple[tuple[str, ...], ...]]  # phrases by their first word
    locative: frozenset[str]
    stop_all: frozenset[str]
    stop_imported: frozenset[str]
    latin_needs_cue: frozenset[str]  # Latin names that are common words: a cue is needed for them too
    demonyms: dict[str, str]  # normalised adjective -> place_id (الدمشقي -> sy-damascus)
    # Common words that name a place only in reports about its country (الضاحية: Beirut's Dahiyeh).
    context_names: frozenset[str] = frozenset()
    # Words that start another name (جبل، تل، عين، Jabal, Kroum ...): a name right after one is part of it.
    name_heads: frozenset[str] = frozenset()
    # Names that are also an indefinite feminine adjective (سورية 'Syrian').
    adjective_names: frozenset[str] = frozenset()
    # Words that may stand between a name and the bigger place that locates it (X شمال Y, X, north of Y).
    locators: frozenset[str] = frozenset()
    # Capitalised words that make the Latin place name before them an organisation's (Jabalia Youth, Gaza FC).
    organisation_words: frozenset[str] = frozenset()
    # Words that may stand between a plural cue and the list it opens (مخيمات اللاجئين الثلاثة في X وY).
    list_fillers: frozenset[str] = frozenset()
    # Latin spellings that name the place only with their article or a cue (al-Maara; Marah is a person).
    article_names: frozenset[str] = frozenset()

    @classmethod
    def load(cls, folder: Path = GAZETTEER_DIR) -> Curation:
        cues = []
        for row in _read_csv(folder / "cue_words.csv"):
            words = tuple(normalize(row["word"]).split())
            cues.append(Cue(words, row["position"], frozenset(row["kinds"].split("|")), row["plural"] == "true",
                            row["word"]))
        before, after, locative = [], [], set()
        for row in _read_csv(folder / "actor_patterns.csv"):
            words = tuple(normalize(row["phrase"]).split())
            if row["position"] == "locative":
                locative.add(" ".join(words))
            else:
                (before if row["position"] == "before" else after).append(words)
        stops: dict[str, set[str]] = {"all": set(), "imported": set(), "needs_cue": set(), "context": set(),
                                      "head": set(), "adjective": set(), "organisation": set(), "article": set()}
        for row in _read_csv(folder / "stop_names.csv"):
            stops[row["scope"]].add(normalize(row["name"]))
        demonyms = {normalize(row["word"]): row["place_id"] for row in _read_csv(folder / "demonyms.csv")}
        return cls(
            _group((c for c in cues if c.position == "before"), lambda c: c.words[-1]),
            _group((c for c in cues if c.position == "after"), lambda c: c.words[0]),
            _group(before, lambda w: w[-1]), _group(after, lambda w: w[0]),
            frozenset(locative), frozenset(stops["all"]), frozenset(stops["imported"]),
            frozenset(stops["needs_cue"]), demonyms,
            frozenset(stops["context"] | {k[2:] for k in stops["context"] if k.startswith("ال")}),
            frozenset(stops["head"]), frozenset(stops["adjective"]),
            frozenset(" ".join(c.words) for c in cues if c.position == "locator"),
            frozenset(stops["organisation"]),
            frozenset(" ".join(c.words) for c in cues if c.position == "filler"),
            frozenset(stops["article"]),
        )

    @cached_property
    def cue_heads(self) -> frozenset[str]:
        """First words of the one-word 'before' cues (a name starting with one carries its cue)."""
        return frozenset(c.words[0] for group in self.cues_before.values() for c in group if len(c.words) == 1)


def _group(items, key) -> dict:
    grouped: dict = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return {k: tuple(v) for k, v in grouped.items()}


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as err:
        raise FileNotFoundError(
            f"gazetteer data file {path} is missing; restore it from the repository (git checkout {path.name})"
        ) from err


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "y"}


def _float_or_none(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


@lru_cache(maxsize=4)
def load_builtin_places(path: Path = GAZETTEER_DIR / "places.csv") -> tuple[Place, ...]:
    """The built-in gazetteer (data/gazetteer/places.csv) as Place records."""
    places = []
    for row in _read_csv(path):
        places.append(Place(
            place_id=row["place_id"], name_en=row["name_en"], name_ar=row["name_ar"], kind=row["kind"],
            country_code=row["country_code"], admin1_name=row["admin1_name"] or None, pcode=row["pcode"] or None,
            parent_place_id=row["parent_place_id"] or None, lat=_float_or_none(row["lat"]),
            lon=_float_or_none(row["lon"]), source=row["source"] or None,
            variants=tuple(v for v in row["variants"].split("|") if v), needs_cue=_truthy(row["needs_cue"]),
        ))
    return tuple(places)


@dataclass(frozen=True)
class Candidate:
    """One place a name could refer to, and whether the geocoder would choose it (for lookups)."""

    place: Place
    normalized: str
    matched_name: str
    method: str
    needs_cue: bool
    ancestors: tuple[str, ...]
    chosen: bool
    why: str


class _Span:
    """A hit being decided: its candidates and what was learnt about them.

    (A slotted class rather than a dataclass: a dozen are made per report.)
    """

    __slots__ = ("actor", "after", "before", "candidates", "chosen", "cue", "hit", "method", "notes", "reason")

    def __init__(self, hit: Hit, candidates: dict[str, NameRef], cue: Cue | None = None,
                 before: list[str] | None = None, after: list[str] | None = None) -> None:
        self.hit = hit
        self.candidates = candidates
        self.cue = cue
        self.before = before  # up to 3 normalised words right before the hit's word (to punctuation)
        self.after = after  # up to 2 normalised words right after the hit
        self.notes: dict[str, str] = {}
        self.chosen: str | None = None
        self.method = ""
        self.reason = ""
        self.actor: tuple[bool, str] = (False, "")


class Geocoder:
    """Finds gazetteer places in Arabic and English text (see the module docstring)."""

    def __init__(self, places: Iterable[Place], curation: Curation | None = None,
                 imported: Iterable[str] = ()) -> None:
        """A geocoder over `places` (the first place with a given id wins).

        Args:
            places: the gazetteer.
            curation: cue words, actor phrases, stop names (default: data/gazetteer).
            imported: ids of places that came from `dmon gazetteer import`; their single-word names
                need a cue, and curated places win ties against them.
        """
        self.curation = curation or Curation.load()
        self._places: dict[str, Place] = {}
        for place in places:
            self._places.setdefault(place.place_id, place)
        self._imported = set(imported) & set(self._places)
        self._ancestors: dict[str, tuple[str, ...]] = {}  # filled on demand
        self.index = NameIndex(self._names())
        # Per-name caches filled as names are met (all derived from the gazetteer, never from a text):
        # candidates of a name after a cue (by the refs tuple and the cue), needs_cue by (place, name),
        # and the regional ancestors and ancestor chains used in scoring.
        self._candidates_cache: dict[tuple[int, int], tuple[tuple, Cue | None, dict[str, NameRef], Cue | None]] = {}
        self._needs_cue_cache: dict[tuple[str, str], bool] = {}
        self._regional: dict[str, frozenset[str]] = {}
        self._chain_sets: dict[str, frozenset[str]] = {}
        self._cues_ending: dict[str, set[Cue]] = {}
        self._heads: dict[str, bool] = {}  # word -> whether it starts another name (جبل، وباب ...)
        self._actors_ending: dict[str, set[tuple[str, ...]]] = {}  # word -> 'before' actor phrases ending with it  # word -> 'before' cues ending with it (or its clitic-less form)

    @classmethod
    def from_builtin(cls, extra_places: Iterable[Place] = ()) -> Geocoder:
        """The built-in gazetteer plus `extra_places` (e.g. `gazetteer_db.load_imported_places`).

        An extra place with the id of a built-in place is ignored (the built-in row wins).
        """
        builtin = load_builtin_places()
        ids = {p.place_id for p in builtin}
        extra = [p for p in extra_places if p.place_id not in ids]
        return cls([*builtin, *extra], imported={p.place_id for p in extra})

    # --- gazetteer access -------------------------------------------------------------------------

    @property
    def places(self) -> list[Place]:
        return list(self._places.values())

    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of a place (nearest first)."""
        chain = self._ancestors.get(place_id)
        if chain is None:
            chain = self._ancestors[place_id] = self._chain(place_id)
        return chain

    def _chain(self, place_id: str) -> tuple[str, ...]:
        chain: list[str] = []
        current = self._places.get(place_id)
        while current is not None and current.parent_place_id and len(chain) < 10:
            if current.parent_place_id in chain or current.parent_place_id == place_id:
                break
            chain.append(current.parent_place_id)
            current = self._places.get(current.parent_place_id)
        return tuple(chain)

    def _names(self) -> Iterable[tuple[str, NameRef]]:
        stop_all, stop_imported = self.curation.stop_all, self.curation.stop_imported
        for place in self._places.values():
            imported = place.place_id in self._imported
            primary = [place.name_en, place.name_ar]
            for name, method in [*((n, "exact") for n in primary), *((v, "variant") for v in place.variants)]:
                if not name:
                    continue
                key = normalize(name)
                if key in stop_all or (imported and key in stop_imported) or len(key.replace(" ", "")) < 3:
                    continue  # stop names, and one- or two-letter keys (al, تل) that are never a name alone
                ref = NameRef(place.place_id, name, method)
                yield key, ref
                if not imported and " " in key and _ARABIC_LETTER.search(key):
                    for form in _arabic_spellings(key):
                        yield form, NameRef(place.place_id, name, "variant")

    def needs_cue(self, place: Place, key: str | None = None) -> bool:
        """Whether this place, named as `key` (a normalised name), is trusted only with a cue or strong context.

        Curated places say so in places.csv (`needs_cue`), for their Arabic names and for the Latin
        spellings listed as common words in stop_names.csv. Imported places need one whenever they
        are named by a single word (most common-word village names are single words: said, Basra,
        العودة).
        """
        if place.place_id in self._imported:
            if key is None:
                return all(len(normalize(n).split()) < 2 for n in (place.name_en, place.name_ar) if n)
            return " " not in key
        if not place.needs_cue:
            # A Latin spelling that is a common English word (stop_names.csv: ram, mare, cana) needs a cue, a
            # capital in mid-sentence or its article even when the place's own name does not ("Ram" at a
            # sentence start is the animal; "in Ram", "al-Ram" are the town).
            return key is not None and key in self.curation.latin_needs_cue and not _ARABIC_LETTER.search(key)
        if key is None or _ARABIC_LETTER.search(key):
            return True
        # A Latin spelling needs the cue too when it is a common word, or when another place shares
        # it (Douma: the Rural Damascus city, not the village near Nablus, unless a cue says so).
        return key in self.curation.latin_needs_cue or len(self.index.refs_for_key(key)) > 1

    # --- finding ----------------------------------------------------------------------------------

    def find(self, text: str, context: GeoContext | None = None) -> list[PlaceMatch]:
        """Places named in `text`, sorted by start, non-overlapping; actor uses flagged."""
        return self.find_with_normalized(text, context)[0]

    def find_with_normalized(self, text: str, context: GeoContext | None = None,
                             ) -> tuple[list[PlaceMatch], NormalizedText]:
        """`find`, plus the normalised text it matched on.

        The `NormalizedText` (geo.normalize rules: `.text`, `.original_span(start, end)` back to offsets
        in `text`, `.word_start(i)`) lets a caller that also searches the normalised report (extraction)
        reuse it instead of normalising the text a second time.
        """
        norm, spans = self._decide(text, context or GeoContext())
        matches = []
        for span in spans:
            if span.chosen is None:
                if span.candidates:
                    log.debug("unresolved %r: %s", span.hit.key, span.reason)
                continue
            start, end = norm.original_span(span.hit.word_start, span.hit.end)
            is_actor, actor_reason = span.actor
            reason = span.reason + (f"; actor use ({actor_reason})" if is_actor else "")
            shared = len(span.candidates) > 1
            confidence = _ROUNDED_CONFIDENCE.get((span.method, shared))
            if confidence is None:
                confidence = _ROUNDED_CONFIDENCE[(span.method, shared)] = round(
                    CONFIDENCE[span.method] * (0.9 if shared else 1.0), 3)
            matches.append(PlaceMatch(
                place=self._places[span.chosen], text=text[start:end], start=start, end=end,
                method=span.method, confidence=confidence, is_actor=is_actor, reason=reason,
            ))
        return matches, norm

    def _decide(self, text: str, context: GeoContext) -> tuple[NormalizedText, list[_Span]]:
        norm = normalize_text(text)
        spans = [self._span(norm, hit) for hit in _leftmost_longest(self.index.scan(norm))]
        self._apply_cues(norm, spans, text)
        organisations = self.curation.organisation_words
        for span in spans:
            if span.candidates:
                span.actor = self._actor(norm, span.hit, span.before, span.after)
                if not span.actor[0] and span.after and span.after[0] in organisations:
                    span.actor = self._organisation(text, norm, span.hit)
        # "Beirut and Damascus announced": a place coordinated with an actor use before its verb is one too.
        for first, second in zip(reversed(spans[:-1]), reversed(spans[1:]), strict=True):
            if first.candidates and not first.actor[0] and second.actor[0] and "after it" in second.actor[1] \
                    and _coordinated(norm.text, first.hit, second.hit):
                first.actor = (True, f"coordinated with '{second.hit.key}' ({second.actor[1]})")
        # "talks between Beirut and Damascus", "loyal to Damascus and Tehran": a 'before' phrase governs the list.
        for first, second in pairwise(spans):
            if second.candidates and not second.actor[0] and first.actor[0] and "before it" in first.actor[1] \
                    and not first.actor[1].startswith("coordinated") and _coordinated(norm.text, first.hit, second.hit):
                second.actor = (True, f"coordinated with '{first.hit.key}' ({first.actor[1]})")
        self._apply_locators(text, norm, spans)
        self._resolve(norm, spans, context)
        self._governorate_sense(spans)
        self._veto_by_country(spans)
        self._prefer_camps(norm, spans)
        return norm, spans

    def explain(self, name: str, context_text: str = "", context: GeoContext | None = None) -> list[Candidate]:
        """Every place called `name`, and whether `find` would choose it for `name` after `context_text`.

        Used by `dmon gazetteer lookup`. The name is looked up as written and without Arabic clitics.
        """
        key = normalize(name)
        refs = self.index.refs_for_key(key)
        if not refs:
            for prefix in sorted(CLITIC_PREFIXES | ARTICLE_CONTRACTED_PREFIXES, key=len, reverse=True):
                if key.startswith(prefix) and len(key) > len(prefix) + 1:
                    rest = key[len(prefix):]
                    rest = "ال" + rest if prefix in ARTICLE_CONTRACTED_PREFIXES else rest
                    if self.index.refs_for_key(rest):
                        key, refs = rest, self.index.refs_for_key(rest)
                        break
        refs = {r.place_id: r for r in refs}
        text = f"{context_text}\n{name}" if context_text else name
        offset = len(text) - len(name)
        norm, spans = self._decide(text, context or GeoContext())
        span = next((s for s in spans if norm.original_span(s.hit.word_start, s.hit.end)[0] >= offset), None)
        is_actor, actor_reason = span.actor if span else (False, "")
        out = []
        for pid, ref in refs.items():
            place = self._places[pid]
            if span is None:
                chosen, why = False, "not found as a whole word in the text (check the spelling)"
            elif span.chosen == pid:
                chosen, why = True, span.reason + (f"; flagged as actor ({actor_reason})" if is_actor else "")
            elif pid not in span.candidates:
                chosen = False
                why = ("needs a cue word (حي، مخيم، بلدة، neighbourhood, camp ...) or strong context"
                       if self.needs_cue(place, key) and span.cue is None else
                       f"a longer or more specific name won: {span.hit.key!r}" if span.hit.key != key else
                       "excluded by the cue word or by a more specific candidate")
            elif span.chosen:
                chosen, why = False, f"{span.chosen} was chosen instead: {span.reason}"
            else:
                chosen, why = False, span.reason or "the context does not decide"
            out.append(Candidate(place, key, ref.name, ref.method, self.needs_cue(place, key),
                                 self.ancestors(pid), chosen, why))
        return out

    def _span(self, norm: NormalizedText, hit: Hit) -> _Span:
        before = _words_before(norm.text, hit.word_start, 3)
        after = _words_after(norm.text, hit.end, 2)
        cue = self._cue(norm, hit, before, after)
        cached = self._candidates_cache.get((id(hit.refs), id(cue)))
        if cached is None or cached[0] is not hit.refs or cached[1] is not cue:
            if len(self._candidates_cache) > 100_000:
                self._candidates_cache.clear()
            span = self._span_candidates(hit, cue)
            cached = self._candidates_cache[(id(hit.refs), id(cue))] = (hit.refs, cue, span.candidates, span.cue)
        return _Span(hit, dict(cached[2]), cached[3], before, after)

    def _span_candidates(self, hit: Hit, cue: Cue | None) -> _Span:
        """The candidates of a hit after its cue: they depend on the name and the cue only."""
        candidates = {ref.place_id: ref for ref in hit.refs if ref.place_id in self._places}
        span = _Span(hit, candidates)
        span.cue = cue
        if span.cue is not None:
            compatible = {pid: ref for pid, ref in candidates.items() if self._places[pid].kind in span.cue.kinds}
            if not compatible and "governorate" in span.cue.kinds:
                compatible = self._governorates_named_after(hit.key, candidates)
            gap = min(_RANK.get(k, 1) for k in span.cue.kinds) - max(
                _RANK.get(self._places[pid].kind, 1) for pid in candidates)
            if not compatible and gap < 2 and (span.cue.kinds <= _ADMIN_KINDS or (
                    "district" in span.cue.kinds and span.cue.position == "after")):
                # ريف X, قضاء X, "X district": a town's name names the area around it. "X district" after a
                # neighbourhood's name stays the neighbourhood (compatible above), and "the district of X"
                # before a city's name is one of its neighbourhoods ("the Waer district of Homs").
                compatible = self._areas_around(candidates)
            if not compatible and "camp" in span.cue.kinds:  # مخيمات جنين وطولكرم: the towns' camps
                compatible = {self._camp_of[pid]: NameRef(self._camp_of[pid], ref.name, "variant")
                              for pid, ref in candidates.items() if pid in self._camp_of}
            if compatible:
                span.candidates = compatible
            elif gap >= 2:
                # A cue announcing much coarser kinds (ريف المحافظة: the countryside of the governorate, not
                # the neighbourhood al-Mohafaza) is no cue for these places: cue-needing names stay unvouched.
                # (حي before a village is a loose cue, not a contradiction: حي الشيخ علي.)
                span.cue = None
        if any(pid not in self._imported for pid in span.candidates):
            # Imported admin areas named like a curated place (WOF's district "Deir-ez-Zor") duplicate
            # the curated coverage: the curated place is meant.
            span.candidates = {pid: ref for pid, ref in span.candidates.items()
                               if pid not in self._imported or self._places[pid].kind not in _ADMIN_KINDS}
        descendants_of = {a for pid in span.candidates for a in self.ancestors(pid)}
        span.candidates = {pid: ref for pid, ref in span.candidates.items() if pid not in descendants_of}
        return span

    def _areas_around(self, candidates: dict[str, NameRef]) -> dict[str, NameRef]:
        """The area around these towns: ريف بلدة X, "the countryside of X", "rural X" name the villages around
        town X, not X, so the place is X's nearest administrative area (its district, else its governorate)."""
        out: dict[str, NameRef] = {}
        for pid, ref in candidates.items():
            if self._places[pid].kind not in ("town", "city", "village"):
                continue
            area = next((a for a in self.ancestors(pid) if self._places[a].kind in _ADMIN_KINDS
                         and self._places[a].kind != "country"), None)
            if area is not None:
                out[area] = NameRef(area, ref.name, "variant")
        return out

    def _governorates_named_after(self, key: str, candidates: dict[str, NameRef]) -> dict[str, NameRef]:
        """The governorates of these cities named after them (محافظتي رام الله وأريحا: the governorates).

        Palestinian governorates are called "محافظة X" but never "X" alone, so after a governorate cue
        the city's name stands for the governorate whose name contains it.
        """
        out: dict[str, NameRef] = {}
        for pid, ref in candidates.items():
            gov = self._governorate(pid)
            if gov is None or gov == pid:
                continue
            place = self._places[gov]
            names = (place.name_ar, place.name_en, *place.variants)
            if any(f" {key} " in f" {normalize(n)} " for n in names if n):
                out[gov] = NameRef(gov, ref.name, "variant")
        return out

    def _cue(self, norm: NormalizedText, hit: Hit, before: list[str] | None = None,
             after: list[str] | None = None) -> Cue | None:
        """The cue word announcing this hit, if any ("حي X", "neighbourhood of X", "X camp").

        `before`/`after`: the word windows around the hit when the caller has them already.
        """
        if before is None:
            before = _words_before(norm.text, hit.word_start, 3)
        if hit.clitic:
            before = [*before, hit.clitic]
        for skip in (0, 1):  # "حي X"; "neighbourhood of X"; "مناطق في X" (areas in X: area cues only)
            if skip and (not before or before[-1] not in ("uf", "in", "في")):
                continue
            if len(before) <= skip:
                break
            last = before[-1 - skip]
            cues = self._cues_ending.get(last)
            if cues is None:
                if len(self._cues_ending) > 100_000:
                    self._cues_ending.clear()
                cues = self._cues_ending[last] = {
                    *self.curation.cues_before.get(last, ()),
                    *(cue for stem in _clitic_stems(last) for cue in self.curation.cues_before.get(stem, ()))}
            for cue in cues:
                if skip and before[-1] == "في" and "governorate" not in cue.kinds:
                    continue  # "قرية في X" is not the village X; "مناطق في X" is the area X
                tail = before[len(before) - len(cue.words) - skip : len(before) - skip]
                if len(tail) == len(cue.words) and (tail == list(cue.words) or all(
                        w == c or c in _clitic_stems(w) for w, c in zip(tail, cue.words, strict=True))):
                    return self._area_cue_before(before, len(cue.words) + skip) or cue
        fillers = self.curation.list_fillers
        if before and before[-1] in fillers:
            # "مخيمات اللاجئين الثلاثة في جنين": a plural cue, then words that describe the list, then the list.
            wider = _words_before(norm.text, hit.word_start, LIST_FILLERS_MAX + 1)
            while wider and wider[-1] in fillers:
                wider.pop()
            if wider and len(wider) <= LIST_FILLERS_MAX + 1:
                word = wider[-1]
                for cue in (*self.curation.cues_before.get(word, ()),
                            *(c for stem in _clitic_stems(word) for c in self.curation.cues_before.get(stem, ()))):
                    if cue.plural and len(cue.words) == 1:
                        return cue
        if after is None:
            after = _words_after(norm.text, hit.end, 2)
        for cue in self.curation.cues_after.get(after[0] if after else "", ()):
            if after[: len(cue.words)] == list(cue.words):
                return cue
        return None

    def _area_cue_before(self, before: list[str], used: int) -> Cue | None:
        """An area cue right before a town cue (ريف بلدة X, ريف مدينة X, بريفي بلدتي X وY): the area cue governs."""
        if len(before) <= used:
            return None
        word = before[-1 - used]
        for cue in (*self.curation.cues_before.get(word, ()),
                    *(c for stem in _clitic_stems(word) for c in self.curation.cues_before.get(stem, ()))):
            if len(cue.words) == 1 and cue.kinds <= _ADMIN_KINDS and "governorate" in cue.kinds:
                return cue
        return None

    def _needs_cue(self, pid: str, key: str) -> bool:
        """`needs_cue` of a place by id, cached (it depends on the gazetteer only)."""
        known = self._needs_cue_cache.get((pid, key))
        if known is None:
            known = self._needs_cue_cache[(pid, key)] = self.needs_cue(self._places[pid], key)
        return known

    def _apply_cues(self, norm: NormalizedText, spans: list[_Span], text: str) -> None:
        """Drop cue-needing candidates that have neither a cue nor strong context.

        A plural cue covers the names listed after it (محافظات الخليل وبيت لحم: both governorates).
        """
        for previous, span in pairwise(spans):
            cue = previous.cue
            if (cue is not None and cue.plural and cue.position == "before" and span.cue is None
                    and span.candidates and _coordinated(norm.text, previous.hit, span.hit)):
                listed = self._span_candidates(span.hit, cue)
                if listed.cue is not None:
                    span.candidates, span.cue = dict(listed.candidates), cue
        # ... and a plural cue after a list covers the names before it (Idlib and Aleppo governorates).
        for previous, span in reversed(list(pairwise(spans))):
            cue = span.cue
            if (cue is not None and cue.plural and cue.position == "after" and previous.cue is None
                    and previous.candidates and _coordinated(norm.text, previous.hit, span.hit)):
                listed = self._span_candidates(previous.hit, cue)
                if listed.cue is not None:
                    previous.candidates, previous.cue = dict(listed.candidates), cue
        coordinated: dict[int, bool] = {}  # i -> whether spans i and i + 1 are coordinated
        following: dict[int, list[tuple[str, set[str]]]] = {}  # i -> spans right after span i
        imported = self._imported
        capitalised: bool | None = None  # whether the text has capitals at all (so names are capitalised)
        for i, span in enumerate(spans):
            key = span.hit.key
            if (span.cue is None and span.candidates and " " not in key and key not in self.curation.cue_heads
                    and all(pid in imported for pid in span.candidates)
                    and not self._context_possible(norm, spans, i, coordinated, following)):
                # A one-word name of imported places only (each needs a cue), with no cue, no coordinated
                # neighbour and no name right after it: the loop below would drop every candidate.
                span.reason = f"{next(reversed(span.candidates))} needs a cue word or strong context and has neither"
                span.candidates.clear()
                continue
            if span.candidates:
                if capitalised is None:
                    capitalised = text != text.lower()
                why_not = self._not_a_name_here(text, norm, spans, i, capitalised)
                if why_not:
                    span.reason = why_not
                    span.candidates.clear()
                    continue
            for pid in list(span.candidates):
                place = self._places[pid]
                if not self._needs_cue(pid, span.hit.key):
                    if place.needs_cue:
                        span.notes[pid] = "Latin-script spelling that is not a common word"
                    continue
                if (span.hit.key in self.curation.latin_needs_cue and place.place_id not in self._imported
                        and (_is_midsentence_proper_noun(text, norm, span.hit) or _with_article(text, norm, span.hit))):
                    span.notes[pid] = "capitalised in mid-sentence: a proper noun, not the common word"
                    continue
                if span.cue is not None:
                    span.notes[pid] = f"cue word before/after ({' '.join(span.cue.words)})"
                    continue
                if span.hit.key.split(" ", 1)[0] in self.curation.cue_heads:
                    span.notes[pid] = "the name as written includes its cue word"
                    continue
                why = self._strong_context(norm, spans, i, pid, coordinated, following)
                if why:
                    span.notes[pid] = why
                else:
                    del span.candidates[pid]
                    span.reason = f"{place.place_id} needs a cue word or strong context and has neither"

    def _not_a_name_here(self, text: str, norm: NormalizedText, spans: list[_Span], i: int,
                         capitalised: bool = True) -> str:
        """Why span `i` is not a use of its name at all ('' when it may be), whatever its places.

        - right after a word that starts another name (جبل النصر, Kroum al-Marah, باب النيرب, Ahmad Ariha):
          the text names a longer place (or a person) we do not have;
        - a Latin spelling written in lower case ("the area has seen", "a ram"), in a text that
          capitalises its names (any capital at all): a common word;
        - a name that is also an indefinite adjective, coordinated with another one (عائلات لبنانية وسورية).
        """
        span = spans[i]
        hit, curation = span.hit, self.curation
        before = span.before
        if before and not hit.clitic and self._is_head(before[-1]) and not (
                i > 0 and spans[i - 1].hit.end >= hit.word_start - len(before[-1]) - 1):
            return f"'{before[-1]} {hit.key}' is another name (or a person): '{hit.key}' is part of it"
        if hit.key[0] in _ASCII_LOWER and (hit.key in curation.latin_needs_cue or capitalised):
            start, end = norm.original_span(hit.word_start, hit.end)
            written = text[start:end]
            if written.islower() and text[start - 1 : start] != "#" and not _LATIN_ARTICLE.match(written):
                return f"'{written}' written in lower case is a common word, not a name"
        if hit.key in curation.article_names and span.cue is None and not _with_article(text, norm, hit):
            start, end = norm.original_span(hit.word_start, hit.end)
            return f"'{text[start:end]}' without its article or a cue is a person's name, not the place"
        if hit.key in curation.adjective_names and hit.clitic in ("و", "ف") and before:
            previous = before[-1]
            if previous.endswith("يه") and not previous.startswith("ال") and not (
                    i > 0 and spans[i - 1].hit.end >= hit.word_start - 1):
                return f"'{previous} {hit.clitic}{hit.key}': an adjective coordinated with another, not a place"
        return ""

    def _is_head(self, word: str) -> bool:
        """Whether a word (with or without its clitics) starts another name (cached per word)."""
        known = self._heads.get(word)
        if known is None:
            if len(self._heads) > 100_000:
                self._heads.clear()
            known = self._heads[word] = not self.curation.name_heads.isdisjoint(_clitic_forms(word))
        return known

    @staticmethod
    def _following(spans: list[_Span], i: int, following: dict[int, list[tuple[str, set[str]]]],
                   ) -> list[tuple[str, set[str]]]:
        """The names right after span `i` (within CITY_AFTER_WINDOW) and their candidates now (cached)."""
        after = following.get(i)
        if after is None:
            after = following[i] = []
            end = spans[i].hit.end
            for other in spans[i + 1 :]:
                if other.hit.start - end > CITY_AFTER_WINDOW:
                    break
                after.append((other.hit.key, set(other.candidates)))
        return after

    def _context_possible(self, norm: NormalizedText, spans: list[_Span], i: int, coordinated: dict[int, bool],
                          following: dict[int, list[tuple[str, set[str]]]]) -> bool:
        """Whether `_strong_context` could find anything for span `i`: a coordinated neighbour or a name after it."""
        for pair in (i - 1, i):
            if 0 <= pair < len(spans) - 1:
                joined = coordinated.get(pair)
                if joined is None:
                    joined = coordinated[pair] = _coordinated(norm.text, spans[pair].hit, spans[pair + 1].hit)
                if joined:
                    return True
        return bool(self._following(spans, i, following))

    def _strong_context(self, norm: NormalizedText, spans: list[_Span], i: int, pid: str,
                        coordinated: dict[int, bool] | None = None,
                        following: dict[int, list[tuple[str, set[str]]]] | None = None) -> str:
        """Why a cue-needing candidate of span `i` is kept without a cue ('' when it is not).

        `coordinated` and `following` are caches shared by the calls of one `_apply_cues` pass (whether
        spans i and i + 1 are coordinated; the names right after span i and their candidates then).
        """
        coordinated = {} if coordinated is None else coordinated
        parent = None
        for j in (i - 1, i + 1):
            if not 0 <= j < len(spans):
                continue
            pair = min(i, j)
            joined = coordinated.get(pair)
            if joined is None:
                joined = coordinated[pair] = _coordinated(norm.text, spans[pair].hit, spans[pair + 1].hit)
            if not joined:
                continue
            other = spans[j]
            if j < i and other.cue is not None and other.cue.plural:
                return f"listed after the plural cue '{' '.join(other.cue.words)}'"
            if parent is None:
                parent = self._places[pid].parent_place_id
            for opid in other.candidates:
                if opid != pid and self._places[opid].parent_place_id == parent and not self._needs_cue(opid, other.hit.key):
                    return f"coordinated with {opid} of the same city"
        after = self._following(spans, i, {} if following is None else following)
        if after:
            place_ancestors = set(self.ancestors(pid)[:2])
            for key, candidates in after:
                if place_ancestors & candidates:
                    return f"its city is named right after it ({key})"
        return ""

    def _apply_locators(self, text: str, norm: NormalizedText, spans: list[_Span]) -> None:
        """A coarser place named right after a name locates it: keep the candidates that lie there.

        "X شمال Y", "X في مدينة Y", "X بريف Y", "X, north of Y", "X in Y", "X (Y)", "X Y": only the
        candidates of X inside Y (Y among their ancestors, the same governorate, or within
        LOCATOR_NEAR_KM; against a governorate or region, the same country) stay; when none does, the
        text names a place we do not have (حي الزهور شمال
        رفح is not Aleppo's al-Zuhour) and X is dropped. One sense per text: the other uses of the same
        name without a locator follow (سوق الهال في مدينة حماة ... تجار سوق الهال).
        """
        located: dict[str, tuple[set[str], str]] = {}  # name -> the candidates a locator left, and why
        for i in range(len(spans) - 1):
            span, nxt = spans[i], spans[i + 1]
            if (not span.candidates or not nxt.candidates or nxt.hit.word_start - span.hit.end > _LOCATOR_GAP
                    or nxt.actor[0] or span.actor[0]):
                continue
            if not self._locates(text, norm, span.hit, nxt.hit):
                continue
            finest = min(_RANK.get(self._places[pid].kind, 1) for pid in span.candidates)
            containers = [y for y in nxt.candidates if _RANK.get(self._places[y].kind, 1) > finest]
            if not containers:
                continue
            inside = {pid: ref for pid, ref in span.candidates.items()
                      if any(self._inside(pid, y) for y in containers)}
            if not inside:
                # Governorates and regions are named loosely in the news (البقاع for the whole valley, ريف
                # دمشق): against one of them only another country is a contradiction.
                coarse = {self._places[y].country_code.upper() for y in containers if _RANK.get(self._places[y].kind, 1) >= 3}
                inside = {pid: ref for pid, ref in span.candidates.items()
                          if self._places[pid].country_code.upper() in coarse}
            if len(inside) == len(span.candidates):
                continue
            where = ", ".join(containers)
            if inside:
                for pid in inside:
                    span.notes[pid] = f"located by '{nxt.hit.key}' right after it"
                span.candidates = inside
            else:
                span.reason = (f"'{span.hit.key}' is located in {where} by the text; none of "
                               f"{', '.join(span.candidates)} lies there (a place we do not have)")
                span.candidates = {}
            kept, why = located.get(span.hit.key, (None, ""))
            located[span.hit.key] = (set(inside) if kept is None else kept | set(inside), why or span.reason)
        if not located:
            return
        for span in spans:
            if span.candidates and span.hit.key in located and not span.notes.keys() & located[span.hit.key][0]:
                kept, why = located[span.hit.key]
                narrowed = {pid: ref for pid, ref in span.candidates.items() if pid in kept}
                if len(narrowed) < len(span.candidates):
                    if not narrowed:
                        span.reason = f"the same name is located elsewhere in the text: {why}"
                    for pid in narrowed:
                        span.notes[pid] = f"'{span.hit.key}' is located by another use in the text"
                    span.candidates = narrowed

    def _locates(self, text: str, norm: NormalizedText, first: Hit, second: Hit) -> bool:
        """Whether the words between two hits make the second the place of the first.

        Locator words (cue_words.csv, position `locator`: شمال، في، قرب، north, of, in, near ...),
        cue words (مدينة، بريف، city ...) and distances (5 كم) may stand between them; a clitic ب on the
        second (بحلب) is "in"; a comma only before a locator word (X، جنوب Y; X, near Y); brackets
        (X (Y)); or nothing but spaces (Hadath Baalbek).
        """
        gap = norm.text[first.end : second.word_start]
        locators, heads = self.curation.locators, self.curation.cue_heads
        if "|" in gap:
            # "X (Y)", "X, north of Y", "X neighbourhood, near Y": one stop, after cue words only.
            parts = gap.split("|")
            if len(parts) != 2 or any(w not in self.curation.cues_after for w in parts[0].split()):
                return False
            words = parts[1].split()
            if (words[0] not in locators or words[0] in ("the", "of", "من")) if words else "(" not in text:
                return False  # (decided without the offsets, which cost more than the rest)
            start = norm.original_span(first.word_start, first.end)[1]
            end = norm.original_span(second.word_start, second.end)[0]
            marks = {ch for ch in text[start:end] if not ch.isalnum() and not ch.isspace()}
            words = parts[1].split()
            if marks == {"("} and not words:
                return True
            if not (marks <= {",", "،"} and words and words[0] in locators and words[0] not in ("the", "of", "من")):
                return False
        else:
            words = gap.split()
        if not words:
            if second.clitic == "ب":
                return True
            start = norm.original_span(first.word_start, first.end)[1]
            end = norm.original_span(second.word_start, second.end)[0]
            return start < end and text[start:end] == " " and not second.clitic
        if len(words) > 4:
            return False
        for k, word in enumerate(words):
            if word.isdigit() or word in locators or word in heads or _strip_clitic(word) in heads:
                if word == "من" and (k == 0 or words[k - 1] != "بالقرب"):
                    return False
                continue
            return False
        # At least one word that locates (not only "the", "of" or a cue word).
        return any(w not in ("the", "of") and (w in locators or w.isdigit()) for w in words) or \
            second.clitic == "ب" or any(_strip_clitic(w) in heads and w.startswith("ب") for w in words)

    def _inside(self, pid: str, container: str) -> bool:
        """Whether place `pid` lies in or near `container` (an ancestor, the same governorate, or close)."""
        if container in self.ancestors(pid):
            return True
        place, box = self._places[pid], self._places[container]
        city = self._places.get(place.parent_place_id or "")
        if (place.kind == "neighbourhood" and box.kind in _SETTLEMENT_KINDS and city is not None
                and city.kind in _SETTLEMENT_KINDS and None not in (city.lat, city.lon, box.lat, box.lon)
                and _km(city.lat, city.lon, box.lat, box.lon) > LOCATOR_TWIN_CITY_KM):  # type: ignore[arg-type]
            # A neighbourhood of a city lies in or by that city only: حي X بمدينة Y, Y another city 25 km
            # away, names a neighbourhood of Y that we do not have (a city listed twice, East Jerusalem
            # and Jerusalem, is one city).
            return False
        if box.kind in ("country", "region"):
            return place.country_code.upper() == box.country_code.upper()
        governorate = self._governorate(pid)
        if governorate is not None and governorate == self._governorate(container):
            return True
        if None in (place.lat, place.lon, box.lat, box.lon):
            return False
        return _km(place.lat, place.lon, box.lat, box.lon) <= LOCATOR_NEAR_KM  # type: ignore[arg-type]

    def _governorate(self, pid: str) -> str | None:
        for aid in (pid, *self.ancestors(pid)):
            place = self._places.get(aid)
            if place is not None and place.kind == "governorate":
                return aid
        return None

    def _resolve(self, norm: NormalizedText, spans: list[_Span], context: GeoContext) -> None:
        for span in spans:
            if len(span.candidates) == 1 and not self._contextual(span):
                pid = next(iter(span.candidates))
                span.chosen = pid
                span.method = self._method(span, pid)
                span.reason = self._reason(span, pid, "the only place with this name")
        # Actor uses (الموالية لدمشق) say nothing about where things happen: they are not context.
        anchors = [(s.hit.start, s.chosen) for s in spans if s.chosen and not s.actor[0]]
        for span in spans:
            if not span.chosen and self._contextual(span):
                self._admit_by_country(norm, span, anchors, context)
                continue
            if span.chosen or len(span.candidates) < 2:
                continue
            after = span.after if span.after is not None else _words_after(norm.text, span.hit.end, 1)
            demonym = self.curation.demonyms.get(after[0] if after else "")
            scores = {pid: self._score(pid, span.hit.start, anchors, context, demonym) for pid in span.candidates}
            # Built-in places win ties against imported homonyms (an unknown village called like a
            # city needs the context to point at it).
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0] in self._imported))
            (best, (best_score, why)), runner_up = ranked[0], ranked[1][1][0]
            others = ", ".join(pid for pid, _ in ranked[1:])
            builtin = [pid for pid in span.candidates if pid not in self._imported]
            lone_builtin = len(builtin) == 1 and best == builtin[0]
            if lone_builtin and best_score == runner_up:
                why = f"{why}; the only curated place with this name, the others are imported homonyms"
            if (best_score > 0 and best_score > runner_up) or (lone_builtin and best_score >= runner_up):
                span.chosen = best
                span.method = "context_rule"
                span.reason = self._reason(span, best, f"chosen over {others}: {why}")
                anchors.append((span.hit.start, best))
            else:
                span.reason = f"ambiguous between {', '.join(span.candidates)}; the context does not decide"

    def _governorate_sense(self, spans: list[_Span]) -> None:
        """A city's bare name means its governorate in a text that names that governorate and never the city.

        "ارتفعت الأسعار في محافظة درعا ... سكان درعا", "Raqqa governorate ... bakeries in
        Raqqa": once the text has said "the governorate" (محافظة X, ريف X, X province), the bare
        name X (which matching reads as the city, the finer place) is the governorate too, unless the
        text also speaks of the city itself: X with a city cue (مدينة X, the city of X) or a place inside
        the city (its neighbourhoods, its camp).
        """
        places = self._places
        governorates: dict[str, set[str]] = {}  # governorate -> the keys it was named by (محافظه السويداء, idlib)
        for span in spans:
            if span.chosen and not span.actor[0] and places[span.chosen].kind == "governorate":
                governorates.setdefault(span.chosen, set()).add(f" {span.hit.key} ")
        if not governorates:
            return
        cities: set[str] = set()  # cities the text speaks of as cities
        for span in spans:
            if span.chosen and not span.actor[0]:
                if span.cue is not None and places[span.chosen].kind in span.cue.kinds:  # not "the X area"
                    cities.add(span.chosen)
                cities.update(self.ancestors(span.chosen))
        for span in spans:
            city = span.chosen
            if city is None or city in cities or places[city].kind not in ("city", "town") or (
                    span.cue is not None and places[city].kind in span.cue.kinds):
                continue
            named_after = self._governorates_named_after(span.hit.key, {city: span.candidates[city]})
            # Named by the same name (محافظة السويداء, ريف إدلب الجنوبي, Idlib province), not another one (وسط
            # قطاع غزة) nor a longer one (محافظة بعلبك الهرمل, محافظة رام الله والبيرة: Baalbek is the city).
            gov = next((pid for pid in named_after if any(_same_name(span.hit.key, key)
                                                           for key in governorates.get(pid, ()))), None)
            if gov is None:
                continue
            span.candidates.setdefault(gov, named_after[gov])
            span.chosen, span.method = gov, "context_rule"
            span.reason = self._reason(span, gov, f"the text names the governorate {gov} and never the city "
                                                  f"{city} as such: the bare name is the governorate")

    def _veto_by_country(self, spans: list[_Span]) -> None:
        """Drop a lone neighbourhood, camp or region of a country the rest of the text never names.

        A neighbourhood-level name is rarely distinctive (الزهور, Salah al-Din, عين الحلوة, the West
        Bank): when the towns, cities and governorates the text names are all in other countries and
        nothing names the place's own country (not even the country itself), the text means a place
        we do not have. Named countries do not count against a place (refugees from Syria in Lebanon);
        a name of three words or more, or written with its kind word (مخيم السبينة, Ain al-Hilweh camp),
        is distinctive enough.
        """
        evidence: set[str] = set()  # countries of the towns, cities, districts, governorates named
        named: set[str] = set()  # countries named themselves
        chosen = [span for span in spans if span.chosen and not span.actor[0]]
        lone = []  # chosen spans of the kinds that can be vetoed
        for span in chosen:
            place = self._places[span.chosen]  # type: ignore[index]
            kind = place.kind
            if kind in _COUNTRY_EVIDENCE_KINDS:
                evidence.add(place.country_code.upper())
            elif kind == "country":
                named.add(place.country_code.upper())
            elif kind in _VETO_KINDS and len(span.candidates) == 1:
                lone.append(span)
        if not evidence or not lone:
            return
        curation = self.curation
        for span in lone:
            pid = span.chosen
            if "located" in span.notes.get(pid, ""):  # type: ignore[arg-type]
                continue
            place = self._places[pid]  # type: ignore[index]
            country = place.country_code.upper()
            if place.kind not in _VETO_KINDS or country in evidence or country in named:
                continue
            words = span.hit.key.split()
            if len(words) > 2 or (len(words) > 1 and (words[0] in curation.cue_heads
                                                      or words[-1] in curation.cues_after)):
                continue  # long names ("Beirut's southern suburbs") and names with their kind are distinctive
            span.chosen = None
            span.reason = (f"{pid} is in {country}, but the places the text names are in "
                           f"{', '.join(sorted(evidence))} only: a same-named place we do not have")

    def _contextual(self, span: _Span) -> bool:
        """A lone common-word name without a cue (الضاحية): only the context of its country admits it."""
        return len(span.candidates) == 1 and span.cue is None and span.hit.key in self.curation.context_names

    def _admit_by_country(self, norm: NormalizedText, span: _Span, anchors: list[tuple[int, str]],
                          context: GeoContext) -> None:
        """Choose a contextual name's place when the text is about its country and the word stands alone.

        A definite adjective right after it (الضاحية الشمالية) makes it another suburb, whatever the country.
        """
        pid = next(iter(span.candidates))
        country = self._places[pid].country_code.upper()
        after = _words_after(norm.text, span.hit.end, 1)
        if after and after[0].startswith("ال") and after[0].endswith("يه"):
            span.reason = f"'{span.hit.key}' is a common word here: qualified by the adjective '{after[0]}'"
            return
        why = ""
        if context.country_hint and context.country_hint.upper() == country:
            why = f"country hint {country}"
        else:
            # Against a hint of another country, naming the country itself is not enough (fled Lebanon to ...).
            contrary = bool(context.country_hint) and context.country_hint.upper() != country
            named = next((a for _, a in anchors if a != pid and self._places[a].country_code.upper() == country
                          and not (contrary and self._places[a].kind == "country")), None)
            if named:
                why = f"{named} of the same country named in the text"
        if not why:
            span.reason = f"'{span.hit.key}' is a common word; no place of {country} is named to make it {pid}"
            return
        span.chosen, span.method = pid, "context_rule"
        span.reason = self._reason(span, pid, f"a common word read as {pid}: {why}")
        anchors.append((span.hit.start, pid))

    def _prefer_camps(self, norm: NormalizedText, spans: list[_Span]) -> None:
        """A town whose refugee camp the text then calls 'the camp' means the camp (Nuseirat ... the camp's market)."""
        for span in spans:
            if span.chosen is None or self._places[span.chosen].kind not in {"town", "city"}:
                continue
            if span.cue is not None and "camp" not in span.cue.kinds:
                continue  # "the city of Tulkarm" is the city, whatever camp the text speaks of
            camp = self._camp_of.get(span.chosen)
            if camp is None:
                continue
            window = norm.text[span.hit.end : span.hit.end + CAMP_WINDOW].replace("|", " ").split()
            if any(w in _CAMP_WORDS for w in window):
                town = span.chosen
                span.chosen, span.method = camp, "context_rule"
                span.candidates.setdefault(camp, span.candidates[town])
                span.reason = f"{span.reason}; the text then speaks of the camp, so {camp} rather than {town}"

    @cached_property
    def _camp_of(self) -> dict[str, str]:
        """Town id -> the id of its refugee camp of the same name (ps-nuseirat -> ps-nuseirat-camp)."""
        return {p.parent_place_id: p.place_id for p in self._places.values()
                if p.kind == "camp" and p.parent_place_id and self._places.get(p.parent_place_id) is not None
                and normalize(self._places[p.parent_place_id].name_en) in normalize(p.name_en)}

    def _score(self, pid: str, at: int, anchors: list[tuple[int, str]], context: GeoContext,
               demonym: str | None = None) -> tuple[int, str]:
        place = self._places[pid]
        ancestors = self.ancestors(pid)
        regional = self._regional.get(pid)
        if regional is None:
            regional = self._regional[pid] = frozenset(ancestors) - {
                a for a in ancestors if self._places.get(a) and self._places[a].kind == "country"}
        score, why = 0, []
        if demonym and demonym in ancestors:
            score += 4
            why.append(f"followed by an adjective of {demonym}")
        for start, anchor in anchors:
            if anchor == pid:
                continue
            anchor_chain = self._chain_sets.get(anchor)
            if anchor_chain is None:
                anchor_chain = self._chain_sets[anchor] = frozenset({anchor, *self.ancestors(anchor)})
            if anchor in regional:
                near = abs(start - at) <= NEAR_WINDOW
                score += 3 if near else 2
                why.append(f"{anchor} named {'nearby' if near else 'in the text'}")
            elif ancestors and ancestors[0] in anchor_chain and ancestors[0] in regional:
                score += 1
                why.append(f"{anchor} shares its parent {ancestors[0]}")
            elif place.country_code and self._places[anchor].kind == "country" and anchor == place.country_code.lower():
                score += 1
                why.append(f"country {anchor} named")
        if context.country_hint and context.country_hint.upper() == place.country_code.upper():
            score += 1
            why.append(f"country hint {context.country_hint}")
        return score, "; ".join(dict.fromkeys(why)) or "no supporting context"

    def _method(self, span: _Span, pid: str) -> str:
        if pid in span.notes and span.cue is None:
            return "context_rule"
        if span.hit.clitic:
            return "clitic"
        return span.candidates[pid].method

    def _reason(self, span: _Span, pid: str, base: str) -> str:
        ref = span.candidates[pid]
        parts = [f"'{ref.name}' ({ref.method}{', clitic ' + span.hit.clitic if span.hit.clitic else ''})", base]
        if span.cue is not None and all(r.place_id != pid for r in span.hit.refs):
            what = "the camp" if self._places[pid].kind == "camp" else "the area"
            parts.append(f"'{span.cue.written or ' '.join(span.cue.words)}' before it: the name stands for {what} {pid}")
        if pid in span.notes:
            parts.append(span.notes[pid])
        return "; ".join(parts)

    @staticmethod
    def _organisation(text: str, norm: NormalizedText, hit: Hit) -> tuple[bool, str]:
        """A Latin name followed by a capitalised organisation word names the organisation ("Jabalia
        Youth faced Al-Sadaqa", "Gaza FC"): an actor use, not a location ("Gaza youth" stays a place)."""
        end = norm.original_span(hit.word_start, hit.end)[1]
        following = text[end : end + 40].split(maxsplit=1)
        if following and following[0][:1].isupper() and not following[0].isupper() and text[end : end + 1] == " ":
            return True, f"'{following[0]}' after it: an organisation named after the place"
        if following and following[0] in ("FC", "SC") and text[end : end + 1] == " ":
            return True, f"'{following[0]}' after it: a club named after the place"
        return False, ""

    def _actor(self, norm: NormalizedText, hit: Hit, before: list[str] | None = None,
               after: list[str] | None = None) -> tuple[bool, str]:
        """Whether the hit names an actor (الموالية لدمشق, Damascus said), and the phrase that says so.

        `before`/`after`: the word windows around the hit when the caller has them already.
        """
        if before is None:
            before = _words_before(norm.text, hit.word_start, 3)
        if hit.clitic:
            before = [*before, hit.clitic[-1]]
        curation = self.curation
        if before:
            last, bare = before[-1], _strip_clitic(before[-1])
            phrases = self._actors_ending.get(last)
            if phrases is None:
                if len(self._actors_ending) > 100_000:
                    self._actors_ending.clear()
                phrases = self._actors_ending[last] = {
                    *curation.actor_before.get(last, ()), *curation.actor_before.get(bare, ())}
            for words in phrases:
                if before[-len(words):] == list(words) or (len(words) == 1 and bare == words[0]):
                    return True, f"'{' '.join(words)}' before it"
            if last in curation.locative or bare in curation.locative:
                return False, ""
        if after is None:
            after = _words_after(norm.text, hit.end, 2)
        for words in curation.actor_after.get(after[0] if after else "", ()):
            if after[: len(words)] == list(words):
                return True, f"'{' '.join(words)}' after it"
        return False, ""


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.word_start, -(h.end - h.word_start))):
        if chosen and hit.word_start < chosen[-1].end:
            continue
        chosen.append(hit)
    return chosen


def _is_midsentence_proper_noun(text: str, norm: NormalizedText, hit: Hit) -> bool:
    """A Latin name written with a capital inside a sentence ("strikes hit Tyre") is a proper noun.

    English capitalises names, not common words, so the capital is as good a cue as "the city of" for
    a Latin spelling that is also a common word ("tyre"). At a sentence start the capital says nothing.
    """
    start, end = norm.original_span(hit.word_start, hit.end)
    written = text[start:end]
    if not written or _ARABIC_LETTER.search(written) or not written[0].isupper() or written.isupper():
        return False
    before = text[:start].rstrip()
    if not before or before[-1] in ".!?:;\n\"'«“(-–—":
        return False
    # In a title-cased headline ("Aid Has Reached Idlib") every word has a capital: it says nothing.
    previous, following = before.split()[-1], text[end:].lstrip().split(maxsplit=1)
    return not (previous[:1].isupper() and following and following[0][:1].isupper())


# Words that may come with a governorate's name without making it another name (محافظة X, ريف X الشمالي, X province).
_GOVERNORATE_WORDS = frozenset({"محافظه", "ريف", "الشمالي", "الجنوبي", "الشرقي", "الغربي", "guvernurate", "pruvince",
                                "cuntryside", "rural", "nurthern", "suthern", "eastern", "western"})


def _same_name(city_key: str, governorate_key: str) -> bool:
    """Whether a governorate was named by the city's name plus only governorate words (" محافظه ادلب ")."""
    words = governorate_key.split()
    name = city_key.split()
    for i in range(len(words) - len(name) + 1):
        if words[i : i + len(name)] == name:
            return all(w in _GOVERNORATE_WORDS for w in words[:i] + words[i + len(name):])
    return False


_LATIN_ARTICLE = re.compile(r"(?:(?:al|el)[-‐‑ ]|(?:a|[ae][sdnrtz]h?)[-‐‑])\w", re.IGNORECASE)


def _with_article(text: str, norm: NormalizedText, hit: Hit) -> bool:
    """A Latin name written with the Arabic article (al-Ram, Ar-Ram): a name, never the English word."""
    start, end = norm.original_span(hit.word_start, hit.end)
    return bool(_LATIN_ARTICLE.match(text, start, end))


def _words_before(text: str, index: int, count: int) -> list[str]:
    """Up to `count` normalised words right before `index`, stopping at punctuation."""
    chunk = text[max(0, index - 80) : index]
    bar = chunk.rfind("|")
    if bar >= 0:
        chunk = chunk[bar + 1 :]
    return chunk.rsplit(None, count)[-count:]


def _words_after(text: str, index: int, count: int) -> list[str]:
    chunk = text[index : index + 80]
    bar = chunk.find("|")
    if bar >= 0:
        chunk = chunk[:bar]
    return chunk.split(None, count)[:count]


def _strip_clitic(word: str) -> str:
    for size in (2, 1):
        if len(word) > size + 1 and word[:size] in CLITIC_PREFIXES:
            return word[size:]
    return word


# Arabic letters that never join the letter after them: a name's space after one is invisible in print and
# often left out (دير الزور as ديرالزور, طير حرفا as طيرحرفا).
_NON_JOINING_END = frozenset("اأإآدذرزو")


def _arabic_spellings(key: str) -> list[str]:
    """Other usual spellings of a normalised Arabic name of several words: the words joined where the first
    ends with a letter that does not join the next (ديرالزور، طيرحرفا).

    (Direction nouns in their adjective form, جنوبي لبنان for جنوب لبنان, are left out: right after a town's
    name the adjective form says where it lies, "الخيام جنوبي لبنان", and would become an event place.)"""
    words = key.split(" ")
    joined = words[0]
    for word in words[1:]:
        joined += ("" if joined[-1] in _NON_JOINING_END else " ") + word
    return [joined] if joined != key else []


def _clitic_stems(word: str) -> tuple[str, ...]:
    """The word without a clitic prefix, each way it can be read: وبلدة is و + بلدة (the town) as well as
    وب + لدة, so a cue word starting with a clitic letter (بلدة، بلدات) is found after و or ف too."""
    return tuple(word[size:] for size in (2, 1) if len(word) > size + 1 and word[:size] in CLITIC_PREFIXES)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points (equirectangular: exact enough within a few hundred km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _clitic_forms(word: str) -> tuple[str, ...]:
    """A word as written and without each clitic prefix it may carry (وباب -> وباب, باب, اب)."""
    return (word, *(word[size:] for size in (1, 2) if len(word) > size + 1 and word[:size] in CLITIC_PREFIXES))


def _coordinated(text: str, first: Hit, second: Hit) -> bool:
    """Whether two hits are joined by و / and / a comma only (X والميدان, X, Y and Z)."""
    gap = text[first.end : second.word_start]
    words = gap.replace("|", " ").split()
    if second.clitic.startswith("و") and not words:
        return True
    joined = "|" in gap or any(w in _COORDINATORS for w in words)
    return joined and len(words) <= 1 and all(w in _COORDINATORS for w in words) and len(gap) <= 6
