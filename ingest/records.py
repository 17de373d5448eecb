"""Typed records passed between pipeline stages. Stages are pure functions over these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """One input as read from disk, a URL, a feed or stdin, before any extraction.

    `payload` is bytes for files/pages; for JSONL records that carry text already it may be str.
    `kind` is html | text. `meta` carries what the container already says (jsonl fields, feed entry
    fields, HTTP headers): keys among url, title, published, source, language.
    """

    origin: str  # file:// URI, http(s) URL, or "stdin"
    kind: str
    payload: bytes | str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """A report reduced to its article: what the `reports` table stores."""

    report_id: str
    url: str
    source_name: str | None
    title: str | None
    language: str | None
    published_date: date | None
    body_text: str
    content_sha256: str
    input_kind: str
    date_source: str | None = None
    canonical_url: str | None = None  # the page's own <link rel=canonical> / og:url, when it names one


@dataclass(frozen=True)
class Mention:
    """An event of one type and modality reported at one place (a row of `mentions`).

    `char_start`/`char_end` delimit `evidence` (the sentence) in the report's body_text; the place
    and trigger offsets are also into body_text.
    """

    report_id: str
    place_id: str
    event_type: str
    modality: str
    event_date: date | None
    date_precision: str | None
    evidence: str
    char_start: int
    char_end: int
    confidence: float
    place_text: str
    place_char_start: int
    place_char_end: int
    trigger_text: str
    trigger_char_start: int
    trigger_char_end: int
    match_method: str
    geo_precision: int
    place_role: str = "target"
    attach_scope: str = "sentence"
    date_note: str | None = None
    reason: str = ""

    @property
    def mention_id(self) -> str:
        return stable_id(self.report_id, self.place_id, self.event_type, self.modality,
                         str(self.char_start), str(self.trigger_char_start))


@dataclass(frozen=True)
class Statement:
    """What an NGO itself said (a row of `statements`)."""

    report_id: str
    organisation: str
    organisation_text: str
    statement_date: date | None
    date_precision: str | None
    evidence: str
    char_start: int
    char_end: int
    gist_type: str
    place_ids: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    date_note: str | None = None

    @property
    def statement_id(self) -> str:
        return stable_id(self.report_id, self.organisation, str(self.char_start))


@dataclass(frozen=True)
class Figure:
    """A number of people reported displaced, killed, injured... (a row of `figures`)."""

    report_id: str
    place_id: str | None
    figure_date: date | None
    quantity: int
    unit: str
    category: str
    evidence: str
    char_start: int
    char_end: int

    @property
    def figure_id(self) -> str:
        return stable_id(self.report_id, self.category, str(self.quantity), str(self.char_start))


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one report."""

    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()


def stable_id(*parts: str) -> str:
    """A short deterministic id, so reprocessing a report gives the same ids."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
