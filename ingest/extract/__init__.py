"""Extraction: what a report says happened where, who says so, and when.

`extract_report(report, geocoder)` is a pure function from a `Report` to an `Extraction`
(mentions, statements, figures). All vocabulary comes from data/lexicon/ and is compiled once per
process (`lexicon.default_lexicon`). How the rules work is documented in docs/extraction.md.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from geo.geocoder import Geocoder
from geo.types import GeoContext
from ingest.extract.document import Document, analyse, genre_words
from ingest.extract.figures import build_figures
from ingest.extract.lexicon import Lexicon, default_lexicon
from ingest.extract.mentions import build_mentions
from ingest.extract.statements import build_statements, organisation_spans
from ingest.extract.text import normalise_term
from ingest.records import Extraction, Report

log = logging.getLogger(__name__)

# Country-code top-level domains of the countries the gazetteer covers (a report's site -> country hint).
SOURCE_TLD_COUNTRY = {"sy": "SY", "lb": "LB", "ps": "PS"}
# An address whose host is letters, digits, dots and hyphens ("https://www.example.sy/a", "file:///x"): its
# host read directly, as urlsplit would (which costs more than the rest of the report's setup); any
# other address (a port, credentials, whitespace ...) goes through urlsplit.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9.-]*)(?=[/?#]|\Z)")

__all__ = ["ExtractOptions", "extract_document", "extract_report", "source_country"]


@dataclass(frozen=True)
class ExtractOptions:
    """Options of the extraction stage (defaults are what the pipeline uses)."""

    # Also emit mentions for places that are only a destination or an origin of fire
    # (place_role destination/origin). Off: the map would show them as event places.
    emit_non_target_roles: bool = False


DEFAULT_OPTIONS = ExtractOptions()


def extract_document(report: Report, geocoder: Geocoder, options: ExtractOptions = DEFAULT_OPTIONS,
                     lexicon: Lexicon | None = None) -> tuple[Extraction, Document]:
    """Like `extract_report`, also returning the analysed document (used by `dmon explain`)."""
    lex = lexicon or default_lexicon()
    text = report.body_text or ""
    context = GeoContext(country_hint=source_country(report.canonical_url or report.url), language=report.language)
    places = geocoder.find(text, context) if text else []
    doc = analyse(text, places, report.published_date, lex)
    if report.title:  # "Design week returns to ...": the headline's topic counts with the body's
        doc.genre_words += genre_words(report.title, lex)
    doc.drop_inside(organisation_spans(doc, lex))
    title_ids = _title_places(report.title, [pm for pm in doc.places if pm.method != "anaphora"])
    mentions, targets, focus = build_mentions(doc, report.report_id, geocoder.get, title_ids,
                                              options.emit_non_target_roles, title=report.title)
    figures = build_figures(doc, report.report_id, lex, targets, focus)
    figure_sentences = {s.index for s in doc.sentences for f in figures if f.char_start == s.start}
    statements = build_statements(doc, report.report_id, lex, targets, focus, figure_sentences,
                                  title=report.title, source=report.source_name)
    log.debug("report %s: %d mentions, %d statements, %d figures", report.report_id, len(mentions),
              len(statements), len(figures))
    return Extraction(tuple(mentions), tuple(statements), tuple(figures)), doc


def source_country(url: str | None) -> str | None:
    """The country of a report's site when its address says so (a .sy, .lb or .ps domain): the geocoder's
    country hint (it breaks ties between same-named places and admits names that are common words
    elsewhere, such as الضاحية in a Lebanese site's report). Other domains say nothing."""
    if not url:
        return None
    plain = _PLAIN_ADDRESS.match(url)
    host = plain.group(1).lower() if plain else (urlsplit(url).hostname or "")
    return SOURCE_TLD_COUNTRY.get(host.rsplit(".", 1)[-1].lower()) if "." in host else None


def _title_places(title: str | None, places: list) -> set[str]:
    """Places of the body whose name (Arabic, English or as written) also appears in the title."""
    if not title:
        return set()
    norm_title = normalise_term(title)
    found = set()
    for pm in places:
        if pm.is_actor or pm.place_id in found:
            continue
        names = (pm.place.name_ar, pm.place.name_en, pm.text)
        if any(n and len(key := normalise_term(n)) > 2 and key in norm_title for n in names):
            found.add(pm.place_id)
    return found


def extract_report(report: Report, geocoder: Geocoder) -> Extraction:
    """Mentions, statements and figures of one report (pure; offsets are into `report.body_text`)."""
    return extract_document(report, geocoder)[0]
