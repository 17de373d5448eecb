"""Explain one report's extraction: every mention and statement with its evidence highlighted and the
reasons for its type, modality, place and date (`dmon explain FILE`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from geo.geocoder import Geocoder
from ingest.extract import extract_document
from ingest.extract.document import Document
from ingest.extract.events import place_roles
from ingest.extract.mentions import REASON_SEPARATOR
from ingest.records import Extraction, Mention, Report


@dataclass(frozen=True)
class Marks:
    """How to highlight: ANSI colours on a terminal, brackets otherwise."""

    place: tuple[str, str] = ("[[", "]]")
    trigger: tuple[str, str] = ("<<", ">>")
    heading: tuple[str, str] = ("", "")


PLAIN = Marks()
ANSI = Marks(place=("\x1b[1;34m", "\x1b[0m"), trigger=("\x1b[1;31m", "\x1b[0m"), heading=("\x1b[1m", "\x1b[0m"))


def highlight(text: str, base: int, spans: list[tuple[int, int, tuple[str, str]]]) -> str:
    """`text` (starting at offset `base` of the body) with the given absolute spans wrapped in marks."""
    out, pos = [], 0
    for start, end, (left, right) in sorted(spans):
        s, e = start - base, end - base
        if s < pos or s < 0 or e > len(text):
            continue  # overlapping or outside the evidence (paragraph/report-scope place)
        out += [text[pos:s], left, text[s:e], right]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def explain_mention(m: Mention, marks: Marks = PLAIN) -> list[str]:
    spans = [(m.trigger_char_start, m.trigger_char_end, marks.trigger)]
    if m.char_start <= m.place_char_start < m.char_end:
        spans.append((m.place_char_start, m.place_char_end, marks.place))
    h0, h1 = marks.heading
    date = f"{m.event_date} ({m.date_precision})" if m.event_date else "no date"
    lines = [
        f"{h0}{m.event_type} / {m.modality} @ {m.place_id}{h1}  role={m.place_role} scope={m.attach_scope} "
        f"confidence={m.confidence} date={date}",
        "  " + highlight(m.evidence, m.char_start, spans).replace("\n", " "),
    ]
    lines += [f"  - {part}" for part in m.reason.split(REASON_SEPARATOR)]
    if m.date_note:
        lines.append(f"  - date note: {m.date_note}")
    return lines


def explain_lines(report: Report, extraction: Extraction, doc: Document, marks: Marks = PLAIN) -> Iterator[str]:
    """The full explanation of one report, line by line."""
    h0, h1 = marks.heading
    yield f"{h0}Report{h1} {report.report_id}  language={report.language}  published={report.published_date}"
    if report.title:
        yield f"  title: {report.title}"
    yield ""
    yield f"{h0}Places found{h1} (role in their sentence; actors are never event places)"
    for s in doc.sentences:
        for pm, role, why in place_roles(doc, s, [p for p in s.places if not p.is_actor]):
            yield f"  {pm.place_id:<32} '{pm.text}' {pm.method} role={role}" + (f" ({why})" if why else "")
        for pm in s.places:
            if pm.is_actor:
                yield f"  {pm.place_id:<32} '{pm.text}' actor use, ignored ({pm.reason})"
    yield ""
    yield f"{h0}Mentions{h1} ({len(extraction.mentions)})"
    for m in extraction.mentions:
        yield from explain_mention(m, marks)
    yield ""
    yield f"{h0}Statements{h1} ({len(extraction.statements)})"
    for st in extraction.statements:
        yield (f"{h0}{st.organisation}{h1} ('{st.organisation_text}') gist={st.gist_type} "
               f"date={st.statement_date} ({st.date_precision}) places={list(st.place_ids)} "
               f"events={list(st.event_types)}")
        org_at = st.evidence.find(st.organisation_text)
        spans = [(st.char_start + org_at, st.char_start + org_at + len(st.organisation_text), marks.place)] \
            if org_at >= 0 else []
        yield "  " + highlight(st.evidence, st.char_start, spans).replace("\n", " ")
        if st.date_note:
            yield f"  - date note: {st.date_note}"
    yield ""
    yield f"{h0}Figures{h1} ({len(extraction.figures)})"
    for f in extraction.figures:
        yield f"  {f.quantity} {f.unit} {f.category} @ {f.place_id} date={f.figure_date}: {f.evidence[:200]}"


def explain_report(report: Report, geocoder: Geocoder, marks: Marks = PLAIN) -> list[str]:
    """Run extraction on `report` and explain it."""
    extraction, doc = extract_document(report, geocoder)
    return list(explain_lines(report, extraction, doc, marks))
