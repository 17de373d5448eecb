"""Score extraction against annotated reports (tests/gold/*.jsonl; format in docs/extraction.md).

Each gold item is turned into the document a reader would see — title, text and, when present, the
boilerplate appended after it — and run through `readers.to_report` and `extract_report`, so
boilerplate stripping is measured together with extraction. Metric definitions are in
docs/extraction.md ("Measurement").
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from geo.geocoder import Geocoder
from geo.normalize import normalize
from ingest.extract import extract_report
from ingest.readers import to_report
from ingest.records import Extraction, Figure, Mention, RawDocument, Report, Statement

log = logging.getLogger(__name__)

GOLD_KEYS = ("id", "language", "text", "events")


class GoldFormatError(ValueError):
    """A gold file line is not valid."""


@dataclass(frozen=True)
class GoldEvent:
    place_id: str
    event_type: str
    modality: str
    date: date | None


@dataclass(frozen=True)
class GoldItem:
    id: str
    language: str
    published: str | None
    source: str | None
    title: str | None
    text: str
    boilerplate: str | None
    events: tuple[GoldEvent, ...]
    statements: tuple[dict, ...]
    figures: tuple[dict, ...]
    phenomena: tuple[str, ...] = ()
    # Places the text gives events for but the gazetteer lacks (annotations of real reports list them
    # so the recall lost to the gazetteer is counted, not hidden).
    gazetteer_gaps: tuple[dict, ...] = ()

    def raw_document(self) -> RawDocument:
        """The input document as a reader would see it."""
        payload = (self.title + "\n\n" if self.title else "") + self.text
        if self.boilerplate:
            payload += "\n\n" + self.boilerplate
        meta = {k: v for k, v in (("title", self.title), ("published", self.published),
                                   ("source", self.source), ("language", self.language)) if v}
        return RawDocument(origin=f"gold:{self.id}", kind="text", payload=payload, meta=meta)


def _parse_date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise GoldFormatError(f"{where}: date {value!r} is not YYYY-MM-DD; fix the gold file.") from exc


#: Keys every gold event must have ("date" is optional).
GOLD_EVENT_KEYS = ("place_id", "event_type", "modality")


def _check_shape(obj: dict, where: str) -> None:
    """Fail with the line and the key when a gold record's lists are not lists of objects."""
    for key in ("events", "statements", "figures"):
        value = obj.get(key)
        if value is None and key != "events":
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise GoldFormatError(f"{where}: {key!r} must be a list of objects; see docs/gold-format.md.")
    for n, event in enumerate(obj["events"], 1):
        lacking = [k for k in GOLD_EVENT_KEYS if not event.get(k)]
        if lacking:
            raise GoldFormatError(f"{where}: event {n} lacks {lacking}; each event needs "
                                  f"{', '.join(GOLD_EVENT_KEYS)} (date optional); see docs/gold-format.md.")


def read_gold(path: Path) -> list[GoldItem]:
    """Read a gold JSONL file, failing with the line number on a malformed line."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{where}: not valid JSON ({exc.msg}); fix that line.") from exc
            if not isinstance(obj, dict):
                raise GoldFormatError(f"{where}: a line must be one JSON object (one annotated report), "
                                      f"not {type(obj).__name__}; see docs/gold-format.md.")
            missing = [k for k in GOLD_KEYS if k not in obj]
            if missing:
                raise GoldFormatError(f"{where}: missing keys {missing}; see docs/extraction.md for the format.")
            _check_shape(obj, where)
            events = tuple(GoldEvent(e["place_id"], e["event_type"], e["modality"],
                                     _parse_date(e.get("date"), where)) for e in obj["events"])
            items.append(GoldItem(
                id=obj["id"], language=obj["language"], published=obj.get("published"),
                source=obj.get("source"), title=obj.get("title"), text=obj["text"],
                boilerplate=obj.get("boilerplate"), events=events,
                statements=tuple(obj.get("statements") or ()), figures=tuple(obj.get("figures") or ()),
                phenomena=tuple(obj.get("phenomena") or ()),
                gazetteer_gaps=tuple(g for g in obj.get("gazetteer_gaps") or () if isinstance(g, dict)),
            ))
    return items


@dataclass
class Counts:
    """Raw counts for one group of reports (a language, or all)."""

    reports: int = 0
    place_tp: int = 0
    place_fp: int = 0
    place_fn: int = 0
    type_tp: int = 0
    type_fp: int = 0
    type_fn: int = 0
    modality_pairs: int = 0
    modality_correct: int = 0
    statement_tp: int = 0
    statement_fp: int = 0
    statement_fn: int = 0
    statement_date_total: int = 0
    statement_date_correct: int = 0
    gist_total: int = 0
    gist_correct: int = 0
    date_total: int = 0
    date_correct: int = 0
    figure_tp: int = 0
    figure_fp: int = 0
    figure_fn: int = 0
    boilerplate_places: int = 0
    gazetteer_gap_places: int = 0
    gazetteer_gap_found: int = 0  # gap places an imported gazetteer (--gazetteer-db) let the extraction find

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        def f1(tp: int, fp: int, fn: int) -> float | None:
            return round(2 * tp / (2 * tp + fp + fn), 4) if (tp + fp + fn) else None

        return {
            "reports": self.reports,
            "place_precision": ratio(self.place_tp, self.place_tp + self.place_fp),
            "place_recall": ratio(self.place_tp, self.place_tp + self.place_fn),
            "event_type_precision": ratio(self.type_tp, self.type_tp + self.type_fp),
            "event_type_recall": ratio(self.type_tp, self.type_tp + self.type_fn),
            "event_type_f1": f1(self.type_tp, self.type_fp, self.type_fn),
            "modality_accuracy": ratio(self.modality_correct, self.modality_pairs),
            "statement_precision": ratio(self.statement_tp, self.statement_tp + self.statement_fp),
            "statement_recall": ratio(self.statement_tp, self.statement_tp + self.statement_fn),
            "statement_date_accuracy": ratio(self.statement_date_correct, self.statement_date_total),
            "gist_accuracy": ratio(self.gist_correct, self.gist_total),
            "date_accuracy": ratio(self.date_correct, self.date_total),
            "figure_precision": ratio(self.figure_tp, self.figure_tp + self.figure_fp),
            "figure_recall": ratio(self.figure_tp, self.figure_tp + self.figure_fn),
            "boilerplate_places": self.boilerplate_places,
            "gazetteer_gap_places": self.gazetteer_gap_places,
            "place_recall_with_gaps": ratio(self.place_tp + self.gazetteer_gap_found,
                                            self.place_tp + self.place_fn + self.gazetteer_gap_places),
        }


@dataclass
class EvalResult:
    """Scores per language and overall, with the list of errors."""

    by_language: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "overall": self.overall.scores(),
            "by_language": {lang: c.scores() for lang, c in sorted(self.by_language.items())},
            "errors": self.errors,
        }


def _ancestors(geocoder: Geocoder, place_id: str) -> set[str]:
    out: set[str] = set()
    place = geocoder.get(place_id)
    while place is not None and place.parent_place_id and place.parent_place_id not in out:
        out.add(place.parent_place_id)
        place = geocoder.get(place.parent_place_id)
    return out


def _boilerplate_start(item: GoldItem, report: Report) -> int | None:
    """Where the boilerplate begins in body_text, if the reader kept any of it."""
    if not item.boilerplate:
        return None
    for line in item.boilerplate.splitlines():
        line = line.strip()
        if len(line) >= 8:
            pos = report.body_text.find(line)
            if pos >= 0:
                return pos
    return None


def _gap_places_found(item: GoldItem, unexplained: set[str], geocoder: Geocoder) -> set[str]:
    """Predicted places (neither annotated nor ancestors) that are one of the item's gazetteer gaps.

    With places imported from Who's On First or GeoNames, the extraction can find a village the
    annotator had to list as a gap: that is a hit for recall-with-gaps, not a false place.
    """
    if not item.gazetteer_gaps or not unexplained:
        return set()
    gap_names = _gap_names(item)
    found = set()
    for pid in unexplained:
        place = geocoder.get(pid)
        if place and gap_names & {normalize(n) for n in (place.name_en, place.name_ar, *place.variants) if n}:
            found.add(pid)
    return found


def score_item(item: GoldItem, report: Report, extraction: Extraction, geocoder: Geocoder) -> tuple[Counts, list[dict]]:
    """Counts and errors for one gold item."""
    c = Counts(reports=1, gazetteer_gap_places=len(item.gazetteer_gaps))
    errors: list[dict] = []

    def err(kind: str, **detail: object) -> None:
        errors.append({"id": item.id, "language": item.language, "kind": kind,
                       **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in detail.items()}})

    mentions = [m for m in extraction.mentions if m.place_role == "target"]
    gold_places = {e.place_id for e in item.events}
    gold_ancestors: set[str] = set()
    for pid in gold_places:
        gold_ancestors |= _ancestors(geocoder, pid)
    pred_places = {m.place_id for m in mentions}
    gap_found = _gap_places_found(item, pred_places - gold_places - gold_ancestors, geocoder)
    c.gazetteer_gap_found = len(gap_found)
    for pid in sorted(pred_places):
        if pid in gold_places:
            c.place_tp += 1
        elif pid in gap_found:
            err("gap_found", place_id=pid)
        elif pid not in gold_ancestors:
            c.place_fp += 1
            m = next(m for m in mentions if m.place_id == pid)
            err("place_fp", place_id=pid, event_type=m.event_type, evidence=m.evidence[:160])
    for pid in sorted(gold_places - pred_places):
        c.place_fn += 1
        err("place_fn", place_id=pid)

    gold_pairs: dict[tuple[str, str], list[GoldEvent]] = {}
    for e in item.events:
        gold_pairs.setdefault((e.place_id, e.event_type), []).append(e)
    pred_pairs: dict[tuple[str, str], list] = {}
    for m in mentions:
        pred_pairs.setdefault((m.place_id, m.event_type), []).append(m)
    for pair, ms in sorted(pred_pairs.items()):
        if pair in gold_pairs or pair[0] in gap_found:
            continue
        pid, etype = pair
        # A pair at an ancestor of an annotated place with the same type is neither right nor wrong.
        if pid in gold_ancestors and any(t == etype and pid in _ancestors(geocoder, g)
                                         for g, t in gold_pairs):
            continue
        c.type_fp += 1
        err("type_fp", place_id=pid, event_type=etype, modality=ms[0].modality, trigger=ms[0].trigger_text,
            evidence=ms[0].evidence[:160])
    for pair, gs in sorted(gold_pairs.items()):
        if pair not in pred_pairs:
            c.type_fn += 1
            err("type_fn", place_id=pair[0], event_type=pair[1], modality=sorted({g.modality for g in gs}))
            continue
        c.type_tp += 1
        ms = pred_pairs[pair]
        gold_mods = {g.modality for g in gs}
        pred_mods = {m.modality for m in ms}
        c.modality_pairs += 1
        if gold_mods == pred_mods:
            c.modality_correct += 1
        else:
            err("modality", place_id=pair[0], event_type=pair[1], gold=sorted(gold_mods), predicted=sorted(pred_mods))
        for g in gs:
            if g.date is None:
                continue
            c.date_total += 1
            same_mod = [m for m in ms if m.modality == g.modality] or ms
            best = max(same_mod, key=lambda m: (m.confidence, -m.char_start))
            if best.event_date == g.date:
                c.date_correct += 1
            else:
                err("date", place_id=pair[0], event_type=pair[1], gold=g.date, predicted=best.event_date,
                    precision=best.date_precision)

    gold_orgs = {s["organisation"]: s for s in item.statements}
    pred_orgs: dict[str, object] = {}
    for s in extraction.statements:
        pred_orgs.setdefault(s.organisation, s)
    for org, s in pred_orgs.items():
        if org in gold_orgs:
            c.statement_tp += 1
            g = gold_orgs[org]
            if g.get("date"):
                c.statement_date_total += 1
                if s.statement_date and s.statement_date.isoformat() == g["date"]:
                    c.statement_date_correct += 1
                else:
                    err("statement_date", organisation=org, gold=g["date"], predicted=s.statement_date)
            if g.get("gist_type"):
                c.gist_total += 1
                if s.gist_type == g["gist_type"]:
                    c.gist_correct += 1
                else:
                    err("gist", organisation=org, gold=g["gist_type"], predicted=s.gist_type)
        else:
            c.statement_fp += 1
            err("statement_fp", organisation=org, evidence=s.evidence[:160])
    for org in gold_orgs:
        if org not in pred_orgs:
            c.statement_fn += 1
            err("statement_fn", organisation=org)

    gold_figs = {(f.get("category"), int(f.get("quantity", 0)), f.get("unit")) for f in item.figures}
    pred_figs = {(f.category, f.quantity, f.unit) for f in extraction.figures}
    c.figure_tp += len(gold_figs & pred_figs)
    c.figure_fp += len(pred_figs - gold_figs)
    c.figure_fn += len(gold_figs - pred_figs)
    for f in sorted(pred_figs - gold_figs, key=str):
        err("figure_fp", figure=list(f))
    for f in sorted(gold_figs - pred_figs, key=str):
        err("figure_fn", figure=list(f))

    bp = _boilerplate_start(item, report)
    if bp is not None:
        leaked = {m.place_id for m in extraction.mentions if m.char_start >= bp}
        leaked |= {f"statement:{s.organisation}" for s in extraction.statements if s.char_start >= bp}
        c.boilerplate_places += len(leaked)
        for pid in sorted(leaked):
            err("boilerplate", place_id=pid)
    return c, errors


def run_item(item: GoldItem, geocoder: Geocoder) -> tuple[Report, Extraction]:
    """Reader + extraction for one gold item."""
    report = to_report(item.raw_document())
    return report, extract_report(report, geocoder)


def evaluate(items: Iterable[GoldItem], geocoder: Geocoder | None = None) -> EvalResult:
    """Score `items`; the built-in geocoder is used when none is given."""
    geocoder = geocoder or Geocoder.from_builtin()
    result = EvalResult()
    for item in items:
        report, extraction = run_item(item, geocoder)
        counts, errors = score_item(item, report, extraction, geocoder)
        result.by_language.setdefault(item.language, Counts()).add(counts)
        result.overall.add(counts)
        result.errors.extend(errors)
    return result


def annotation_as_extraction(item: GoldItem) -> Extraction:
    """Another annotator's record in the shape of an extraction, so one annotation can be scored
    against another (inter-annotator agreement) with exactly the metrics the rules are scored by.

    Annotations carry no offsets, so every row is placed at the start of the text: nothing counts as
    taken from boilerplate.
    """
    mentions = tuple(
        Mention(report_id=item.id, place_id=e.place_id, event_type=e.event_type, modality=e.modality,
                event_date=e.date, date_precision="day" if e.date else None, evidence="", char_start=0,
                char_end=0, confidence=1.0, place_text="", place_char_start=0, place_char_end=0,
                trigger_text="", trigger_char_start=0, trigger_char_end=0, match_method="annotation",
                geo_precision=0)
        for e in item.events)
    statements = tuple(
        Statement(report_id=item.id, organisation=str(s.get("organisation", "")), organisation_text="",
                  statement_date=_parse_date(s.get("date"), item.id), date_precision=None, evidence="",
                  char_start=0, char_end=0, gist_type=str(s.get("gist_type") or "statement"))
        for s in item.statements)
    figures = tuple(
        Figure(report_id=item.id, place_id=f.get("place_id"), figure_date=None, quantity=int(f.get("quantity", 0)),
               unit=str(f.get("unit")), category=str(f.get("category")), evidence="", char_start=0, char_end=0)
        for f in item.figures)
    return Extraction(mentions=mentions, statements=statements, figures=figures)


_BRACKETED = re.compile(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def _gap_names(item: GoldItem) -> set[str]:
    """Normalised names of the item's gap places.

    Annotators write "Name (الاسم)" (the name in both scripts) or "Name (Town)" (a locator): the part
    outside the brackets is the name, and the bracketed part is one too only when it is in the other
    script, so a locator never makes the town it names count as the gap place.
    """
    names: set[str] = set()
    for gap in item.gazetteer_gaps:
        written = str(gap.get("name", "")).strip()
        names.add(normalize(written))
        if bracketed := _BRACKETED.match(written):
            outside, inside = bracketed["outside"], bracketed["inside"]
            names.add(normalize(outside))
            if bool(_ARABIC_LETTER.search(outside)) != bool(_ARABIC_LETTER.search(inside)):
                names.add(normalize(inside))
    return names - {""}


@dataclass
class Agreement:
    """Scores of one annotation set against another, and which reports could not be paired."""

    result: EvalResult
    only_in_reference: list[str]
    only_in_other: list[str]


def agreement(reference: Iterable[GoldItem], other: Iterable[GoldItem], geocoder: Geocoder | None = None) -> Agreement:
    """Score `other` (a second annotator's records) against `reference`, pairing reports by id.

    Precision here is how much of the second annotation the first shares, recall how much of the first
    the second found; F1 is symmetric, so it is the agreement figure to quote.
    """
    geocoder = geocoder or Geocoder.from_builtin()
    others = {item.id: item for item in other}
    result = EvalResult()
    paired: set[str] = set()
    only_in_reference: list[str] = []
    for item in reference:
        second = others.get(item.id)
        if second is None:
            only_in_reference.append(item.id)
            continue
        paired.add(item.id)
        report = to_report(item.raw_document())
        counts, errors = score_item(item, report, annotation_as_extraction(second), geocoder)
        # A place both annotators had to list as a gap is a place they agree on.
        counts.gazetteer_gap_found += len(_gap_names(item) & _gap_names(second))
        result.by_language.setdefault(item.language, Counts()).add(counts)
        result.overall.add(counts)
        result.errors.extend(errors)
    return Agreement(result, only_in_reference, sorted(set(others) - paired))


def evaluate_files(paths: Iterable[Path], geocoder: Geocoder | None = None) -> EvalResult:
    """Read every gold file and score them together."""
    items: list[GoldItem] = []
    for path in paths:
        items.extend(read_gold(Path(path)))
    return evaluate(items, geocoder)


def format_scores(result: EvalResult) -> Iterator[str]:
    """Human-readable score table lines."""
    rows = [("overall", result.overall.scores())] + [
        (lang, c.scores()) for lang, c in sorted(result.by_language.items())]
    metrics = [k for k in rows[0][1] if k != "reports"]
    header = f"{'metric':<26}" + "".join(f"{name:>10}" for name, _ in rows)
    yield header
    yield f"{'reports':<26}" + "".join(f"{s['reports']:>10}" for _, s in rows)
    for metric in metrics:
        cells = []
        for _, s in rows:
            v = s[metric]
            cells.append(f"{'-':>10}" if v is None else (f"{v:>10}" if isinstance(v, int) else f"{v:>10.3f}"))
        yield f"{metric:<26}" + "".join(cells)


def result_json(result: EvalResult, with_errors: bool = True) -> str:
    d = result.to_dict()
    if not with_errors:
        d.pop("errors")
    return json.dumps(d, ensure_ascii=False, indent=2, default=str)


__all__ = [
    "Agreement",
    "Counts",
    "EvalResult",
    "GoldFormatError",
    "GoldItem",
    "agreement",
    "annotation_as_extraction",
    "asdict",
    "evaluate",
    "evaluate_files",
    "format_scores",
    "read_gold",
    "result_json",
    "run_item",
    "score_item",
]
