"""NGO statements: what an organisation itself says, not a mere mention of its name.

A sentence naming an organisation (data/lexicon/organisations.csv: names and acronyms, Arabic and
English) opens a statement when a speech or statement cue ("قالت", "أعربت", "في بيان", "said",
"according to") is within a few words of the name. The following sentences belong to the same
statement while they refer back to it ("المنظمة", "البيان", "the organisation", "it said") or
open with a speech verb and no new speaker ("كما دعا", "وأضافت"), and name no other organisation.
Organisations listed together share their verb (a joint statement: one statement each); a speaker's title
and name may stand between the organisation and its verb ("UNICEF spokesperson James Elder warned").
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from geo.types import PlaceMatch
from ingest.extract.document import Document, Sentence, analyse
from ingest.extract.lexicon import LEXICON_DIR, Lexicon
from ingest.extract.text import TATWEEL, literal_alternation, normalise_term
from ingest.records import Statement

CUE_WINDOW = 10
SUBJECT_WINDOW = 2  # "NRC calls", "حذرت اليونيسف": a call or warning verb next to the organisation's name
STANCE_CLASSES = frozenset({"condemn", "concern"})
CONTINUE_WINDOW = 4
# English prepositions between a speech cue and an organisation after it: the organisation is its object
PREPOSITIONS = frozenset({"in", "at", "into", "with"})  # not "by", "from": "a statement by UNICEF"
LIST_WORDS = frozenset({"and", "the", "و"})  # between organisations of one list (commas are not tokens)
NAME_WORDS = 4  # a spokesperson's title and name between the organisation and its verb
QUOTE_WINDOW = 20  # "\"Nowhere is safe,\" the agency said": the speaker after a short quotation
ALIAS_SEPARATOR = "|"  # organisations.csv: a short name shared by several organisations
DATE_NEAR_CUE = 4
PERIOD_PRECISIONS = frozenset({"year", "week"})  # "last week", "in 2024": no day of the statement
HARM_CLASSES = frozenset({"fig_displaced", "fig_killed", "fig_injured"})
HEDGE_REACH = 1  # "could be displaced": one word between the hedge and the harm
ANAPHOR_NOUNS = frozenset({"وكاله", "منظمه", "لجنه", "مفوضيه"})  # org_anaphor cues that need the article
PERIOD_WORDS = frozenset({"منذ", "حتي", "لغايه", "since", "until", "till"})  # normalised: حتى -> حتي
OPENING_QUOTES = frozenset("“«„")
CLOSING_QUOTES = frozenset("”»")
GIST_CLASSES = {"call": "call", "concern": "concern", "warn": "warning"}
HEADLINE_STANCES = frozenset({"condemnation", "call", "warning", "concern"})
HEADLINE_ACTS = frozenset({"condemnation", "call", "warning"})
OWN_ACTS = {"call": "call", "warn": "warning"}  # concern is not: "expressed concern and called for" is a call
COMPLEMENTISERS = frozenset({"ان", "بان", "وان", "that"})  # "أشارت إلى أن ...": what follows is reported content
# words a stance participle takes ("concerned about", "alarmed that"); any other word after it is its noun
STANCE_OBJECTS = frozenset({"about", "by", "over", "at", "that", "for", "with", "regarding", "as", "and", "to",
                            "of", "in", "on", "the", "this", "these", "those", "its", "their"})
NEGATORS = frozenset({"no", "without", "دون", "بدون", "ودون"})  # "no prior warning", "دون سابق إنذار"
PERSON_PRONOUNS = frozenset({"he", "she"})  # "..., he said": the spokesperson of the statement before goes on
SPEECH_CLASSES = frozenset({"statement", "call", "warn", "concern", "condemn"})
SUBJECT_PRONOUNS = frozenset({"it", "they", "we"})  # "said that it calls for": the organisation acts itself
PERCENT = re.compile(r"\d\s*%|\d\s*(?:per ?cent|percent|بالمئه|بالمائه|في المئه|في المائه)")


@dataclass(frozen=True)
class OrgMatch:
    organisation: str
    start: int
    end: int
    text: str


@dataclass
class _OrgPatterns:
    automaton: ahocorasick.Automaton  # normalised names -> (name key, organisation), on normalised text
    exact: re.Pattern | None  # case-sensitive acronyms on the original text
    names: dict[str, str]


@lru_cache(maxsize=4)
def _org_patterns(lex: Lexicon) -> _OrgPatterns:
    names: dict[str, str] = {}
    exact: dict[str, str] = {}
    for row in lex.extra["organisations.csv"]:
        if row.get("case_sensitive", "0").strip() == "1":
            exact[row["name"].strip()] = row["organisation"]
            continue
        key = normalise_term(row["name"])
        names[key] = row["organisation"]
        if key.startswith("ال"):
            names["لل" + key[2:]] = row["organisation"]  # للعفو الدولية
    automaton = ahocorasick.Automaton()
    for key, org in names.items():
        automaton.add_word(key, (key, org))
    automaton.make_automaton()
    exact_re = None
    if exact:
        ealts = literal_alternation(exact)  # the names escaped, longest first, as a (faster) trie
        # No lookbehind in front: a pattern opening with the trie's first letters lets the regex engine skip
        # to those letters (a lookbehind first is tried at every character); `_exact_names` checks the
        # word start instead.
        exact_re = re.compile(rf"(?P<name>{ealts})(?![\w])")
    return _OrgPatterns(automaton, exact_re, {**names, **exact})


def _exact_names(pattern: re.Pattern, text: str) -> list[re.Match]:
    r"""The matches of `pattern` that start a word: what `finditer` of the pattern behind `(?<![\w])` finds.

    A match preceded by a word character is dropped and the search goes on at the next character (not after
    the match), exactly as the lookbehind would have made the engine do."""
    found = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        found.append(m)
        pos = m.end()
    return found


def _word_bounded(norm: str, start: int, end: int) -> bool:
    """A whole word (or words) in `norm`, allowing one Arabic proclitic (و ف ب ل ك) before it."""
    if end < len(norm) and (norm[end].isalnum() or norm[end] == "_"):
        return False
    if start == 0 or not norm[start - 1].isalnum():
        return True
    return norm[start - 1] in "وفبلك" and (start == 1 or not norm[start - 2].isalnum())


def organisation_spans(doc: Document, lex: Lexicon) -> list[tuple[int, int]]:
    """Char spans of every organisation name ("وكالة غوث وتشغيل اللاجئين", "Syrian Arab Red Crescent"):
    an event word or a place name inside one names the organisation, not an event or a place."""
    return [(o.start, o.end) for o in _all_organisations(doc, lex)]


def find_organisations(doc: Document, lex: Lexicon) -> list[OrgMatch]:
    """Organisation names in the text (leftmost-longest, whole words), shared short names resolved."""
    found = _all_organisations(doc, lex)
    # Short names shared by several organisations ("الهلال الأحمر": SARC or PRCS) are the one of them
    # named last before; with none named before, they are not recorded.
    resolved: list[OrgMatch] = []
    for o in found:
        if ALIAS_SEPARATOR in o.organisation:
            options = o.organisation.split(ALIAS_SEPARATOR)
            prev = next((p for p in reversed(resolved) if p.organisation in options), None)
            if prev is None:
                continue
            o = OrgMatch(prev.organisation, o.start, o.end, o.text)
        resolved.append(o)
    return resolved


def _all_organisations(doc: Document, lex: Lexicon) -> list[OrgMatch]:
    """Every organisation name, shared short names unresolved (cached on the document: one pass)."""
    if doc.organisations is not None:
        return doc.organisations
    pats = _org_patterns(lex)
    found: list[OrgMatch] = []
    norm, where = doc.norm, None
    if TATWEEL in norm:  # "منظّمة أطبّاء": ignored marks stay in the text as tatweel, which no name has
        where = [i for i, ch in enumerate(norm) if ch != TATWEEL]
        norm = "".join(norm[i] for i in where)
    for end, (key, org) in pats.automaton.iter_long(norm):
        start = end + 1 - len(key)
        if _word_bounded(norm, start, end + 1):
            if where is not None:
                start, end = where[start], where[end]
            found.append(OrgMatch(org, start, end + 1, doc.text[start:end + 1]))
    if pats.exact is not None:
        for m in _exact_names(pats.exact, doc.text):
            if all(m.end() <= o.start or m.start() >= o.end for o in found):
                found.append(OrgMatch(pats.names[m.group("name")], m.start(), m.end(), m.group("name")))
    found.sort(key=lambda o: o.start)
    doc.organisations = found
    return found


def _speaks(doc: Document, s: Sentence, org: OrgMatch, others: list[OrgMatch] = ()) -> bool:
    """Does `org` say something in sentence `s`? A speech cue near its name ("قالت", "in a statement");
    a condemnation or concern near it ("MSF condemns", "أعربت عن قلقها"); a call or warning right next to
    it ("NRC calls", "حذرت اليونيسف"). Not when it is only cited for numbers ("according to OCHA figures",
    "وفق أرقام أوتشا"), when it is only the supporter of something ("a clinic supported by MSF", "عيادة
    تدعمها أطباء بلا حدود"), or when the cue is nearer another organisation of the sentence (the speaker:
    "قال برنامج الأغذية العالمي في بيان ... مستنداً إلى بيانات الأونروا")."""
    t0, t1 = doc.token_index(org.start), doc.token_index(org.end)
    if any(c.cls == "org_object" and 0 <= t0 - c.tok_end <= 1 for c in s.cues):
        return False
    all_spans = [(doc.token_index(o.start), doc.token_index(o.end)) for o in others if o is not org]
    spans = [(a, b) for a, b in all_spans if not _listed_with(doc, (t0, t1), (a, b), all_spans)]
    # tokens of this organisation and of those listed with it ("UNICEF, WFP and WHO said")
    ours = {i for a, b in [(t0, t1), *(sp for sp in all_spans if sp not in spans)] for i in range(a, b)}

    def gap(c, a: int, b: int) -> int:
        return a - c.tok_end if c.tok_end <= a else c.tok_start - b

    def near(c, window: int) -> bool:
        if not (0 <= t0 - c.tok_end <= window or 0 <= c.tok_start - t1 <= window):
            return False
        mine = gap(c, t0, t1)
        return not any(0 <= gap(c, a, b) < mine for a, b in spans)

    cited = any(c.cls == "data_word" and near(c, 1) for c in s.cues)
    attributions = {(c.tok_start, c.tok_end) for c in s.cues if c.cls == "attribution"}
    data_words = {(c.tok_start, c.tok_end) for c in s.cues if c.cls == "data_word"}
    clause = s.clause_of(org.start)
    for c in s.cues:
        if c.cls == "statement" and near(c, CUE_WINDOW):
            if c.tok_end <= t0 and any(doc.tokens[i].key in PREPOSITIONS for i in range(c.tok_end, t0)):
                continue  # "registered in 156 UNRWA institutions": the organisation is not the speaker
            if _not_its_speech(doc, s, c, t1, ours) or _other_subject(doc, s, c, t0, t1, clause, ours):
                continue
            if (c.tok_start, c.tok_end) in attributions and (cited or c.tok_start >= t1):
                continue  # "..., according to SANA": an attribution names its source after it, not before
            if (c.tok_start, c.tok_end) in data_words:
                continue  # "بيانات الأونروا" (data), not "بيان" (a statement)
            return True
        if c.cls in STANCE_CLASSES and near(c, CUE_WINDOW) and not _attributive(doc, s, c):
            return True
        # "NRC calls", "حذرت اليونيسف"; not a participle after a comma ("... فرق الهلال الأحمر، محذّرةً"),
        # which continues the sentence's speaker
        if c.cls in ("call", "warn") and (near(c, SUBJECT_WINDOW) or _named_speaker(doc, s, t1, c.tok_start)) and (
                c.tok_end <= t0 or s.clause_of(c.start) == clause):
            return True
        if c.cls in ("call", "warn") and _titled_speaker(doc, s, t0, t1, c):
            return True
    if not doc.text[s.start:org.start].strip(" \"'“«") and doc.text[org.end:org.end + 2].lstrip().startswith(":"):
        return True  # a headline's speaker: "UNICEF: 50 children killed in ...", "اليونيسف: ..."
    return _speech_next_to(doc, s, org) is not None  # "Amnesty accused", "وصفت منظمة الصحة العالمية"


def _not_its_speech(doc: Document, s: Sentence, c, org_end: int, ours: set[int] = frozenset()) -> bool:
    """English speech cues that are not the organisation's: a capitalised speech word inside the sentence
    is part of a name ("Said Al Aas Street"), and a speech verb right after another capitalised name in a
    clause of its own has that speaker ("... organised by UNHCR, SANA said"; not "UNICEF spokesperson
    James Elder said", where only the speaker's title and name follow the organisation)."""
    first = doc.text[c.start]
    if not first.isascii() or not first.isalpha():
        return False
    if first.isupper() and c.tok_start > s.tok_start and doc.text[doc.tokens[c.tok_start - 1].end:c.start].strip() == "":
        return True
    k = c.tok_start - 1
    if k < org_end or k < s.tok_start:
        return False
    word = doc.tokens[k]
    if not doc.text[word.start].isupper() or doc.text[word.end:c.start].strip() or k in ours:
        return False
    titles = {i for h in s.cues if h.cls == "speaker_title" for i in range(h.tok_start, h.tok_end)}
    gap = range(org_end, k + 1)
    return s.clause_of(word.start) != s.clause_of(doc.tokens[org_end - 1].start) and not any(i in titles for i in gap)


def _other_subject(doc: Document, s: Sentence, c, t0: int, t1: int, org_clause: int,
                   ours: set[int] = frozenset()) -> bool:
    """Does speech cue `c` have another subject than the organisation? After the name, in a clause of its
    own whose words before the verb are not the organisation's ("an UNRWA school was hit, residents said",
    "..., the health ministry said"; not "..., the agency said", "UNHCR, the UN refugee agency, said").
    Before the name, with a complementiser between them: the organisation is in what is reported ("قال شهود
    عيان إن قذيفة سقطت قرب مستشفى تدعمه أطباء بلا حدود", "said that UNRWA schools were hit")."""
    if c.tok_end <= t0:
        between = range(c.tok_end, t0)
        comp = next((i for i in between if doc.tokens[i].key in COMPLEMENTISERS), None)
        # "أوضح مصدر في المنظمة أن مهمة الهلال الأحمر ...": the speaker refers back to the organisation
        # ("أفادت وكالة قدس برس إن ...": an agency word heading another name does not refer back)
        return comp is not None and not any(h.cls == "org_anaphor" and c.tok_end <= h.tok_start < comp
                                            and not _names_another(doc, h) for h in s.cues)
    if c.tok_start < t1 or s.clause_of(c.start) == org_clause:
        return False
    clause_start = s.clause_starts[s.clause_of(c.start)]
    if not any(ch in ",،;؛" for ch in doc.text[doc.tokens[t1 - 1].end:clause_start + 1]):
        return False  # "(OCHA) in Syria has released a report": a parenthesis, not a new clause of its own
    first = doc.token_index(clause_start)
    own = {i for h in s.cues if h.cls in ("org_anaphor", "speaker_title") for i in range(h.tok_start, h.tok_end)}
    own |= ours  # "UNICEF, WFP and WHO said": the organisations of a list share the verb
    return any(i not in own and doc.tokens[i].key not in SUBJECT_PRONOUNS | LIST_WORDS
               for i in range(first, c.tok_start))


def _listed_with(doc: Document, mine: tuple[int, int], other: tuple[int, int],
                 spans: list[tuple[int, int]]) -> bool:
    """Is `other` in one list with `mine` ("UNICEF, WFP and WHO said in a joint statement")? Only list words
    ("and", "و", "the") or other organisations of the list stand between them: they share the verb."""
    lo, hi = (mine[1], other[0]) if mine[1] <= other[0] else (other[1], mine[0])
    inside = {i for a, b in spans for i in range(a, b)}
    return all(i in inside or doc.tokens[i].key in LIST_WORDS for i in range(lo, hi))


def _named_speaker(doc: Document, s: Sentence, name_end: int, cue_start: int) -> bool:
    """Only a speaker's title and name stand between the organisation and a call or warning: "UNICEF
    spokesperson James Elder warned", "High Commissioner Filippo Grandi appeals" (up to NAME_WORDS words,
    each capitalised or a title word: cue class speaker_title)."""
    gap = cue_start - name_end
    if not 0 < gap <= NAME_WORDS + SUBJECT_WINDOW:
        return False
    titles = {i for c in s.cues if c.cls == "speaker_title" for i in range(c.tok_start, c.tok_end)}
    named = [i in titles or doc.text[doc.tokens[i].start].isupper() for i in range(name_end, cue_start)]
    # the name, then at most SUBJECT_WINDOW words of the speaker's own verb ("Filippo Grandi supports calls",
    # "James Elder renewed his call")
    lead = next((k for k, is_name in enumerate(named) if not is_name), len(named))
    return 0 < lead <= NAME_WORDS and len(named) - lead <= SUBJECT_WINDOW and not any(named[lead:])


def _negated_act(doc: Document, s: Sentence, c) -> bool:
    """A warning or call noun that did not happen ("received no prior warning", "struck without warning",
    "دون سابق إنذار"): nobody's act."""
    return c.cls in ("warn", "call") and any(doc.tokens[i].key in NEGATORS
                                             for i in range(max(s.tok_start, c.tok_start - SUBJECT_WINDOW), c.tok_start))


def _attributive(doc: Document, s: Sentence, c) -> bool:
    """An English participle describing a noun ("concerned refugees", "worried parents"): no stance of the
    organisation's. A stance takes a preposition, "that" or nothing after it ("concerned about", "is worried")."""
    last = doc.tokens[c.tok_end - 1].key
    if c.cls != "concern" or not last.endswith("ed") or c.tok_end >= s.tok_end:
        return False
    nxt = doc.tokens[c.tok_end]
    return nxt.key.isascii() and nxt.key.isalpha() and nxt.key not in STANCE_OBJECTS and \
        doc.text[doc.tokens[c.tok_end - 1].end:nxt.start].strip() == ""


def _titled_speaker(doc: Document, s: Sentence, t0: int, t1: int, c) -> bool:
    """The organisation is inside a speaker's title that opens the sentence and the person's name comes
    before the verb: "Head of the Agency's Affairs in Lebanon, Jane Roe, warned ..." (a title word right
    before the name, a capitalised word right before the verb, no other speech verb in between)."""
    if not 0 < c.tok_start - t1 <= CUE_WINDOW or not doc.tokens[c.tok_start - 1].key.isascii():
        return False
    if not any(h.cls == "speaker_title" and h.tok_start - s.tok_start <= 1 and 0 <= t0 - h.tok_end <= SUBJECT_WINDOW
               for h in s.cues):
        return False
    before = doc.tokens[c.tok_start - 1]
    return doc.text[before.start].isupper() and not any(
        h.cls in ("statement", "call", "warn") and t1 <= h.tok_start < c.tok_start for h in s.cues)


def _names_another(doc: Document, c) -> bool:
    """An Arabic word for an organisation without the article heads a name ("وكالة سانا", "منظمة الصحة"):
    another body, not "الوكالة"/"المنظمة" referring back to the statement's organisation."""
    key = normalise_term(c.entry.text)
    if key not in ANAPHOR_NOUNS or c.tok_end - c.tok_start != 1:
        return False
    word = doc.tokens[c.tok_start].key
    return "ال" + key not in word and "لل" + key not in word


def _continues(doc: Document, s: Sentence) -> bool:
    """Does sentence `s` go on with the statement before it? It opens with a word referring back or a
    speech verb ("وأكدت المنظمة", "كما دعا"), or has "the agency said" after a quotation."""
    head_end = s.tok_start + CONTINUE_WINDOW
    for c in s.cues:
        if c.tok_start < head_end and c.cls in ("org_anaphor", "statement_continue") and not _names_another(doc, c):
            return True
    anaphors = [c for c in s.cues if c.cls == "org_anaphor" and c.tok_start < s.tok_start + QUOTE_WINDOW
                and not _names_another(doc, c)]
    speech = _gist_words().speech
    for i in range(s.tok_start, s.tok_end - 1):  # "\"...\", he told reporters", "She urged donors ...": the
        if doc.tokens[i].key in PERSON_PRONOUNS and (  # speaker named before (its spokesperson) goes on
                doc.tokens[i + 1].key in speech or any(c.tok_start == i + 1 and c.cls in SPEECH_CLASSES for c in s.cues)):
            return True
    return any(c.cls == "statement" and any(abs(c.tok_start - a.tok_end) <= 1 or abs(a.tok_start - c.tok_end) <= 1
                                           for a in anaphors) for c in s.cues)


def _quote_open(text: str, start: int, end: int, open_: bool) -> bool:
    """Is a quotation still open at `end`, scanning text[start:end] from state `open_`? Curly and angle
    quotes open and close; a straight double quote toggles. A quotation mark that opens a paragraph while
    one is open continues it (press releases reopen the quotation at each paragraph and close it once)."""
    for ch in text[start:end]:
        if ch in OPENING_QUOTES:
            open_ = True
        elif ch in CLOSING_QUOTES:
            open_ = False
        elif ch == '"':
            open_ = not open_
    return open_


def _quoted_after(text: str, prev: Sentence, nxt: Sentence, quoting: bool) -> bool:
    """Does sentence `nxt` go on with the words of the statement's speaker? It lies inside a quotation
    left open by the statement ("UNICEF said: “Children are dying. Hospitals are full.”"), or it opens
    with a quotation mark right after a statement that introduced speech with a colon or whose quotation
    runs over several paragraphs ("X, director of Y, said:" / "“...")."""
    head = text[nxt.start:nxt.start + 2].lstrip()
    opens = head[:1] in OPENING_QUOTES or head[:1] == '"'
    if nxt.para > prev.para + 1:
        return False
    if quoting:
        return nxt.para == prev.para or opens
    if opens and nxt.para == prev.para and any(ch in CLOSING_QUOTES or ch == '"' for ch in text[prev.start:prev.end]):
        return True  # "“A,” said X. “B.”": the speaker's next quotation
    return opens and text[prev.start:prev.end].rstrip().endswith(":")


def _quote_opening(doc: Document, s: Sentence) -> Sentence:
    """The sentence where the quotation that statement sentence `s` closes began ("“A. B,” said X": the
    statement begins at A), within its paragraph; `s` itself when it opens no earlier quotation."""
    text = doc.text
    first = next((i for i in range(s.start, s.end) if text[i] in OPENING_QUOTES or text[i] in CLOSING_QUOTES), None)
    if first is None or text[first] not in CLOSING_QUOTES:
        return s
    for prev in reversed(doc.sentences[:s.index]):
        if prev.para != s.para:
            break
        head = text[prev.start:prev.start + 2].lstrip()[:1]
        if head in OPENING_QUOTES:
            return prev
        if any(ch in CLOSING_QUOTES for ch in text[prev.start:prev.end]):
            break
    return s


def _block_speakers(doc: Document, block: list[Sentence],
                    by_sentence: dict[int, list[OrgMatch]]) -> dict[int, list[OrgMatch]]:
    """The organisations that speak in each sentence of a statement (a mere mention, "بيانات الأونروا",
    speaks for nobody)."""
    return {b.index: [o for o in by_sentence[b.index] if _speaks(doc, b, o, by_sentence[b.index])]
            for b in block if len(by_sentence.get(b.index, ())) > 1}


def build_statements(doc: Document, report_id: str, lex: Lexicon,
                     targets: dict[int, list[PlaceMatch]], focus: list[PlaceMatch],
                     figure_sentences: set[int], title: str | None = None,
                     source: str | None = None) -> list[Statement]:
    """Statements of the document (one per organisation and run of sentences). A headline that names an
    organisation's act (`title`, read apart from the body) gives that organisation's dominant gist, and
    makes the body its release when no sentence of the body is a statement of it. So does a `source` (the
    site's name) that is an organisation: the report is what it publishes."""
    statements = _body_statements(doc, report_id, lex, targets, focus, figure_sentences)
    publisher = _publisher(source, lex)
    if publisher is not None and not any(st.organisation == publisher for st in statements):
        release = _release(doc, report_id, lex, publisher, targets, focus, figure_sentences, statements,
                           named=False)
        if release is not None:
            statements.append(release)
    if not title:
        return statements
    for org, gist in headline_acts(title, lex).items():
        if any(st.organisation == org for st in statements):
            if gist in HEADLINE_ACTS:  # "X urges ceasefire", "X issues warning": the act it is reported for
                # (concern is no such act: "X voices concern" over a body where it calls is a call, as in step 2)
                statements = [replace(st, gist_type=gist) if st.organisation == org else st for st in statements]
            continue
        release = _release(doc, report_id, lex, org, targets, focus, figure_sentences, statements)
        if release is not None:
            statements.append(replace(release, gist_type=gist) if gist in HEADLINE_STANCES else release)
    return statements


def headline_acts(title: str, lex: Lexicon) -> dict[str, str]:
    """The organisations a headline has speaking, with the gist of what it says they do ("UNHCR warns of
    ...", "UNICEF: 50 children killed", "X chief: ...", "Statement on the situation in Y: X"). Title case is
    read as sentence case ("Issues Warning" is no name), acronyms in capitals stay as written."""
    if not _names_organisation(title, lex):
        return {}  # most headlines: no analysis needed
    words = title.split(" ")
    text = " ".join(w if i == 0 or not w[:1].isupper() or w.isupper() else w[:1].lower() + w[1:]
                    for i, w in enumerate(words))
    hdoc = analyse(text, [], None, lex)
    acts: dict[str, str] = {}
    orgs = find_organisations(hdoc, lex)
    for s in hdoc.sentences:
        named = [o for o in orgs if s.start <= o.start < s.end]
        for org in named:
            if _headline_speaker(hdoc, s, org):
                pass
            elif not _speaks(hdoc, s, org, named) or (org.text.isascii() and not _opens_headline(hdoc, s, org)):
                continue  # "Israel warns UNRWA over ...": an English headline's speaker is its subject
            acts.setdefault(org.organisation, _gist(hdoc, org, [s], set()))
    return acts


def _opens_headline(doc: Document, s: Sentence, org: OrgMatch) -> bool:
    """Is the organisation the subject an English headline opens with (after a dateline or a kicker ending
    in a colon or a dash: "Gaza: UNRWA urges ...")?"""
    before = doc.text[s.start:org.start].strip(" \"'“")
    return not before or before.lower() in ("the", "un", "the un", "un's", "the un's") or before[-1] in ":—–-|"


def _names_organisation(text: str, lex: Lexicon) -> bool:
    """Does `text` hold an organisation's name anywhere (a quick check before analysing it)?"""
    pats = _org_patterns(lex)
    norm = normalise_term(text)
    return next(pats.automaton.iter(norm), None) is not None or bool(pats.exact and _exact_names(pats.exact, text))


def _headline_speaker(doc: Document, s: Sentence, org: OrgMatch) -> bool:
    """A headline's speaker by its place: its name alone after the colon ("Statement on Y: X"), or its name
    and a title word before the colon ("X chief: ...")."""
    before, after = doc.text[s.start:org.start].rstrip(), doc.text[org.end:s.end].strip(" .\"'”")
    if not after and before.endswith(":"):
        return True
    if before.strip(" \"'“«") or ":" not in after:
        return False
    t1, colon = doc.token_index(org.end), doc.token_index(doc.text.index(":", org.end, s.end))
    titles = {i for c in s.cues if c.cls == "speaker_title" for i in range(c.tok_start, c.tok_end)}
    return 0 < colon - t1 <= SUBJECT_WINDOW and all(i in titles for i in range(t1, colon))


def _release(doc: Document, report_id: str, lex: Lexicon, org: str, targets: dict[int, list[PlaceMatch]],
             focus: list[PlaceMatch], figure_sentences: set[int], statements: list[Statement],
             named: bool = True) -> Statement | None:
    """The body as the release of the organisation a headline has speaking (or the site publishing it): from
    the first sentence up to one where another organisation's statement starts; None when the body never
    names the organisation (unless `named` is False: the publisher need not name itself)."""
    if not doc.sentences:
        return None
    mention = next((o for o in find_organisations(doc, lex) if o.organisation == org), None)
    if mention is None:
        if named:
            return None
        first = doc.sentences[0]
        mention = OrgMatch(org, first.start, first.start, org)  # the site: no name in the text
    stop = min((st.char_start for st in statements), default=len(doc.text))
    block = [s for s in doc.sentences if s.start < stop]
    if not block or mention.start >= block[-1].end:
        return None
    return _statement(doc, report_id, mention, block, targets, focus, figure_sentences, None)


@lru_cache(maxsize=1024)
def _publisher(source: str | None, lex: Lexicon) -> str | None:
    """The organisation a site's name is ("Norwegian Refugee Council", "UNHCR Lebanon"); words in brackets
    are a note about the page, not the site's name."""
    if not source:
        return None
    name = re.sub(r"\([^)]*\)", " ", source)
    if not name.strip() or not _names_organisation(name, lex):
        return None
    orgs = {o.organisation for o in find_organisations(analyse(name, [], None, lex), lex)}
    return orgs.pop() if len(orgs) == 1 else None


def _body_statements(doc: Document, report_id: str, lex: Lexicon,
                     targets: dict[int, list[PlaceMatch]], focus: list[PlaceMatch],
                     figure_sentences: set[int]) -> list[Statement]:
    """Statements of the body (one per organisation and run of sentences)."""
    orgs = find_organisations(doc, lex)
    by_sentence: dict[int, list[OrgMatch]] = {}
    for o in orgs:
        s = doc.sentence_at(o.start)
        if s is not None:
            by_sentence.setdefault(s.index, []).append(o)
    statements: list[Statement] = []
    used: set[int] = set()
    for s in doc.sentences:
        if s.index in used:
            continue
        named_here = by_sentence.get(s.index, [])
        speakers = [o for o in named_here if _speaks(doc, s, o, named_here)]
        if not speakers:
            continue
        opening = _quote_opening(doc, s)
        block = [*(b for b in doc.sentences[opening.index:s.index] if b.index not in used), s]
        names = {o.organisation for o in speakers}
        quoting = _quote_open(doc.text, s.start, s.end, False)
        for nxt in doc.sentences[s.index + 1:]:
            others = {o.organisation for o in by_sentence.get(nxt.index, [])} - names
            if others:
                break
            quoted = _quoted_after(doc.text, block[-1], nxt, quoting)
            if not (quoted or _continues(doc, nxt) or nxt.index in by_sentence):
                break
            if not quoted and nxt.para != block[-1].para and nxt.para != block[-1].para + 1:
                break
            block.append(nxt)
            quoting = _quote_open(doc.text, nxt.start, nxt.end, quoted)
        used.update(b.index for b in block)
        seen_orgs: set[str] = set()
        for org in speakers:
            if org.organisation in seen_orgs:
                continue
            seen_orgs.add(org.organisation)
            statements.append(_statement(doc, report_id, org, block, targets, focus, figure_sentences,
                                         _block_speakers(doc, block, by_sentence)))
    return _report_gist(statements)


def _report_gist(statements: list[Statement]) -> list[Statement]:
    """An organisation's plain statements ("Save the Children said today") take the stance it takes later in
    the same report ("We call for ..."): the annotators give each organisation of a report its dominant gist,
    and a plain "said" is never the dominant one when the organisation also calls, warns or condemns."""
    stance: dict[str, str] = {}
    for st in statements:
        if st.gist_type not in ("statement", "figures"):
            stance.setdefault(st.organisation, st.gist_type)
    return [replace(st, gist_type=stance[st.organisation])
            if st.gist_type == "statement" and st.organisation in stance else st for st in statements]


@dataclass(frozen=True)
class _GistWords:
    none: frozenset[str]  # cue patterns that are only an event's modality ("evacuation order", "would")
    content: dict[str, str]  # cue pattern or word -> gist it suggests when nothing stronger is said
    phrases: dict[tuple[str, ...], str]  # content words of several words, by token keys
    phrase_heads: frozenset[str]  # their first words
    speech: dict[str, str]  # speech verbs the cues lack ("accused", "وصفت"), right next to the name: gist or ""


@lru_cache(maxsize=1)
def _gist_words() -> _GistWords:
    none: set[str] = set()
    content: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    speech: dict[str, str] = {}
    with (LEXICON_DIR / "gist.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if line.strip() and not line.startswith("#"))
        for row in rows:
            key = normalise_term(row["pattern"].lstrip("="))
            if row["kind"] == "none":
                none.add(key)
            elif row["kind"] == "content":
                content[key] = row["gist"]
                if " " in key:
                    phrases[tuple(key.split())] = row["gist"]
            elif row["kind"] == "speech":
                speech[key] = row["gist"] or ""
            else:
                raise ValueError(f"data/lexicon/gist.csv: kind {row['kind']!r} of {row['pattern']!r} is not "
                                 "'none', 'content' or 'speech'; fix the row")
    return _GistWords(frozenset(none), content, phrases, frozenset(ph[0] for ph in phrases), speech)


def _speech_next_to(doc: Document, s: Sentence, org: OrgMatch) -> str | None:
    """The gist ("" for a plain one) of a speech verb of gist.csv right next to the organisation's name, before
    it ("اتهمت منظمة العفو", "وصفت منظمة الصحة العالمية") or after it ("Amnesty accused"), else None."""
    speech = _gist_words().speech
    t0, t1 = bisect.bisect_right(doc.token_starts, org.start) - 1, doc.token_index(org.end)
    clause = s.clause_of(org.start)
    for i in (*range(t1, min(s.tok_end, t1 + SUBJECT_WINDOW)), *range(max(s.tok_start, t0 - SUBJECT_WINDOW), t0)):
        tok = doc.tokens[i]
        found = speech.get(tok.key, speech.get(_bare(tok.key)))
        if found is None or s.clause_of(tok.start) != clause:
            continue
        if i < t0 and tok.key.isascii():
            continue  # "Israel accused UNRWA of ...": an English verb before the name has it as its object
        return found
    return None


@lru_cache(maxsize=4096)
def _pattern_key(pattern: str) -> str:
    """A cue pattern as gist.csv keys it (normalised, without the '=' of exact words)."""
    return normalise_term(pattern.lstrip("="))


@lru_cache(maxsize=65536)
def _bare(key: str) -> str:
    """An Arabic word without one conjunction and the article ("والكارثية" -> "كارثيه")."""
    if len(key) > 4 and key[0] in "وف":
        key = key[1:]
    for article in ("بال", "لل", "ال"):
        if len(key) > len(article) + 2 and key.startswith(article):
            return key[len(article):]
    return key


def _own_act(doc: Document, s: Sentence, c) -> bool:
    """Is act cue `c` the organisation's own (its main or coordinated verb), not a verb of what it reports
    ("أشارت إلى أن القوات تطالب النازحين بالإخلاء": the forces demand)? A complementiser ("أن", "إن", "that")
    before it in its clause makes it reported content; "إنها"/"that it" keep the organisation as subject."""
    if _coordinated(doc, s, c):
        return True
    clause = s.clause_of(c.start)
    # English drops "that": a speech verb before the act in its clause introduces reported content too ("UNRWA
    # said the army had warned residents"), unless the organisation is the subject again ("said it urged")
    speech_ends = {h.tok_end for h in s.cues if h.cls == "statement" and h.tok_end + SUBJECT_WINDOW <= c.tok_start
                   and doc.tokens[h.tok_start].key.isascii()}  # not its object: "expressed deep concern"
    for i in range(c.tok_start - 1, s.tok_start - 1, -1):
        tok = doc.tokens[i]
        if s.clause_of(tok.start) != clause:
            break
        if (tok.key in COMPLEMENTISERS or i + 1 in speech_ends) and not any(
                doc.tokens[j].key in SUBJECT_PRONOUNS for j in range(i + 1, c.tok_start)):
            return False
    return True


def _coordinated(doc: Document, s: Sentence, c) -> bool:
    """Does cue `c` open its clause as a verb coordinated with "and" ("..., and urged", "، ودعت")? A
    participle ("، داعياً", "calling on") is subordinate to the sentence's report, not a second act."""
    t = doc.token_index(s.clause_starts[s.clause_of(c.start)])
    if c.tok_start > s.tok_start and doc.tokens[c.tok_start - 1].key in ("and", "و"):
        return True  # "said 60 families had fled and urged donors": families do not urge; the speaker does
    return c.tok_start == t and doc.tokens[t].key[:1] == "و"


def _speaker_of(speakers: list[OrgMatch], s: Sentence, offset: int) -> str | None:
    """The organisation whose words char `offset` of sentence `s` are, of those that speak in `s`: one named
    in the same clause ("فيما دعا المجلس النرويجي"), else the one named last before it, else the first named
    after it ("قالت المفوضية إن ...، فيما دعا المجلس النرويجي ... محذّراً": the call and the warning are
    the NRC's). None when no organisation speaks in the sentence."""
    clause = s.clause_of(offset)
    same = [o for o in speakers if s.clause_of(o.start) == clause]
    if same:
        return min(same, key=lambda o: abs(o.start - offset)).organisation
    before = [o for o in speakers if o.start < offset]
    if before:
        return before[-1].organisation
    return speakers[0].organisation if speakers else None


def _list_of(doc: Document, org: OrgMatch, speaking: list[OrgMatch]) -> set[str]:
    """`org`'s organisation and those listed with it in its sentence (they share the verb)."""
    def span(o: OrgMatch) -> tuple[int, int]:  # "وبرنامج الأغذية": the token holding the proclitic counts
        return bisect.bisect_right(doc.token_starts, o.start) - 1, doc.token_index(o.end)

    spans = [span(o) for o in speaking]
    here = next((o for o in speaking if o.organisation == org.organisation), None)
    if here is None:
        return {org.organisation}
    mine = span(here)
    return {org.organisation} | {o.organisation for o, span in zip(speaking, spans, strict=True)
                                 if span != mine and _listed_with(doc, mine, span, spans)}


def _gist(doc: Document, org: OrgMatch, block: list[Sentence], figure_sentences: set[int],
          speakers: dict[int, list[OrgMatch]] | None = None) -> str:
    """What the statement mainly does (the annotators' "dominant" gist), in this order:

    1. condemnation, if it condemns anywhere;
    2. the organisation's own act in its first sentence: a call or warning word right next to its name
       ("Save the Children warned ... It urged donors" is a warning; "دعت اليونيسف" a call). Concern is
       not such an act: "expressed concern ... and called for" is a call (step 4);
    3. figures, if its first sentence gives numbers (of people, or a percentage);
    4. its own acts anywhere: call, concern, warning, in that order. An act word inside what it reports
       ("said that the army ordered families to leave") is not its act, and modality words of events
       (data/lexicon/gist.csv kind `none`: "would", "evacuation orders") are no act at all;
    5. what its words express (gist.csv kind `content`): alarm ("horrific", "كارثي") is concern, a danger
       ("at risk", "خطر") a warning, an obligation ("must", "يجب") a call;
    6. figures, if it gives numbers anywhere; else a plain statement."""
    words = _gist_words()
    first = block[0]
    org_sentence = doc.sentence_at(org.start) or first
    t0, t1 = doc.token_index(org.start), doc.token_index(org.end)
    own = None
    own_concern = False  # its own concern in its first sentence ("said it was deeply worried about ...")
    acts: set[str] = set()
    content: set[str] = set()
    condemns = False
    for s in block:
        speaking = (speakers or {}).get(s.index, [])
        mine = _list_of(doc, org, speaking)  # "دعت اليونيسف وبرنامج الأغذية العالمي": a joint call
        for c in s.cues:
            if len(speaking) > 1 and (speaker := _speaker_of(speaking, s, c.start)) is not None and speaker not in mine:
                continue
            if c.cls == "condemn":
                condemns = True
            if c.cls not in GIST_CLASSES or _attributive(doc, s, c) or _negated_act(doc, s, c):
                continue
            key = _pattern_key(c.entry.text)
            if key in words.none:
                if any(h.cls in HARM_CLASSES and 0 <= h.tok_start - c.tok_end <= HEDGE_REACH for h in s.cues):
                    content.add("warning")  # "more people could be displaced", "may be killed": harm foreseen
                continue
            if key in words.content:
                content.add(words.content[key])
                continue
            if not _own_act(doc, s, c):
                if c.cls == "concern":
                    content.add("concern")  # "said the crisis had reached alarming levels": its view
                continue  # a call or warning inside what it reports is somebody else's act
            acts.add(GIST_CLASSES[c.cls])
            if s is org_sentence and c.cls == "concern" and s.clause_of(c.start) == s.clause_of(org.start):
                own_concern = True
            if s is org_sentence and c.cls in OWN_ACTS:
                gap = t0 - c.tok_end if c.tok_end <= t0 else c.tok_start - t1
                if _coordinated(doc, s, c) and (s.clause_of(c.start) != s.clause_of(org.start) or c.tok_start > t1):
                    gap = SUBJECT_WINDOW  # "said ..., and urged", "، مطالباً": its coordinated verb
                if 0 <= gap <= SUBJECT_WINDOW and (own is None or gap < own[0]):
                    own = (gap, OWN_ACTS[c.cls])
        keys = [doc.tokens[i].key for i in range(s.tok_start, s.tok_end)]
        for i, key in enumerate(keys):
            found = words.content.get(key) or words.content.get(_bare(key))
            if found is None and key in words.phrase_heads:
                found = next((g for ph, g in words.phrases.items() if tuple(keys[i:i + len(ph)]) == ph), None)
            if found is not None and (len(speaking) < 2 or _speaker_of(
                    speaking, s, doc.tokens[s.tok_start + i].start) in (None, *mine)):
                content.add(found)
    if condemns or _speech_next_to(doc, org_sentence, org) == "condemnation":
        return "condemnation"
    if own is not None:
        return own[1]
    if own_concern:  # before the numbers it is concerned about; a call of its own still wins ("expressed
        return "call" if "call" in acts else "concern"  # concern ... It called on all parties": a call)
    if first.index in figure_sentences or PERCENT.search(doc.norm, first.start, first.end):
        return "figures"
    for gist in ("call", "concern", "warning"):
        if gist in acts:
            return gist
    for gist in ("condemnation", "concern", "warning", "call"):
        if gist in content:
            return gist
    return "figures" if any(s.index in figure_sentences for s in block) else "statement"


def _bounds_period(doc: Document, d) -> bool:
    """Does date `d` start or end a period ("منذ 1 كانون الأول 2019 حتى 12 شباط 2020", "since 3 March")?"""
    i = doc.token_index(d.start)
    return d.since or (i > 0 and doc.tokens[i - 1].key in PERIOD_WORDS)


def _fronted_date(doc: Document, s: Sentence, org: OrgMatch) -> list:
    """A date opening the organisation's sentence, with the organisation named in the clause after it and no
    event word between them: "On Wednesday, the head of WHO, Dr X, warned that ..." (the day it spoke; not
    "On Tuesday, strikes hit X, UNICEF said", where the date is the strikes')."""
    org_clause = s.clause_of(org.start)
    for d in s.dates:
        if d.value is None or d.precision != "day" or _bounds_period(doc, d) or d.start >= org.start:
            continue
        if doc.token_index(d.start) - s.tok_start > 1 or org_clause - s.clause_of(d.start) > 1:
            continue
        if any(d.end <= ev.start < org.start for ev in s.events):
            continue
        return [d]
    return []


def _statement(doc: Document, report_id: str, org: OrgMatch, block: list[Sentence],
               targets: dict[int, list[PlaceMatch]], focus: list[PlaceMatch],
               figure_sentences: set[int], speakers: dict[int, list[OrgMatch]] | None = None) -> Statement:
    gist = _gist(doc, org, block, figure_sentences, speakers)
    # The statement's own date is a date next to a speech cue ("said on Saturday", "في بيان صادر
    # اليوم"); other dates in its sentences are the dates of the events it describes.
    # A date "since" something ("منذ 1 كانون الأول") starts a period it reports, not its own day.
    value = precision = note = None
    for s in block:
        speech = [c for c in s.cues if c.cls in ("statement", "statement_continue", "org_anaphor")]
        dated = [d for d in s.dates if d.value is not None and d.precision not in PERIOD_PRECISIONS and not _bounds_period(doc, d) and any(
            abs(doc.token_index(d.start) - c.tok_end) <= DATE_NEAR_CUE
            or abs(c.tok_start - doc.token_index(d.end)) <= DATE_NEAR_CUE for c in speech)]
        if not dated and s is block[0]:
            dated = _fronted_date(doc, s, org)
        if dated:
            value, precision, note = dated[0].value, dated[0].precision, dated[0].note
            break
    if value is None and doc.published is not None:
        value, precision = doc.published, "publication"
    place_ids: list[str] = []
    for s in block:
        for pm in s.places:
            if not pm.is_actor and pm.place_id not in place_ids:
                place_ids.append(pm.place_id)
    if not place_ids:
        place_ids = [pm.place_id for pm in focus]
    event_types: list[str] = []
    for s in block:
        for ev in s.events:
            if ev.label not in event_types:
                event_types.append(ev.label)
    start, end = block[0].start, block[-1].end
    return Statement(
        report_id=report_id, organisation=org.organisation, organisation_text=org.text,
        statement_date=value, date_precision=precision, evidence=doc.text[start:end],
        char_start=start, char_end=end, gist_type=gist, place_ids=tuple(place_ids),
        event_types=tuple(event_types), date_note=note,
    )
