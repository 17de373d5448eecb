"""Run the stages in order: read inputs, reduce them to reports, extract, store in batches.

`run_ingest` is what `dmon ingest` and `dmon demo` call. The geocoder is loaded once per run. Reading,
boilerplate removal and extraction happen with the database closed; each batch is then written in one
transaction by a connection opened for that batch only, so the dashboard (which opens the file
read-only) can read between batches, and a killed ingest leaves whole reports or nothing.
"""

from __future__ import annotations

import logging
import pickle
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import click
import duckdb

from geo import gazetteer_db
from geo.geocoder import Geocoder
from geo.types import Place
from ingest import cache
from ingest.decode import InputError
from ingest.extract import extract_report
from ingest.fetch import Fetcher, FetchOptions, Validators
from ingest.readers import Unchanged, expand_inputs, is_url, read_input, to_report
from ingest.records import Extraction, Report
from ingest.store import (
    SCHEMA_SQL,
    VIEWS_SQL,
    BatchResult,
    WriterSession,
    finish_run,
    iter_report_ids,
    load_reports,
    load_validators,
    start_run,
    stored_keys,
    write_batch,
)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PipelineOptions:
    """How a run is carried out (defaults suit a laptop)."""

    # Reports per transaction (the database is released between batches). 1,000 rather than 500:
    # each batch ends with a DuckDB checkpoint (~40 ms), and a batch of 1,000 is still written in well
    # under a second, so readers wait little.
    batch_size: int = 1000
    fetch: FetchOptions = field(default_factory=FetchOptions)


@dataclass
class IngestSummary:
    """What a run did. `reports_read` = new + duplicate + failed."""

    run_id: str = ""
    reports_read: int = 0
    reports_new: int = 0
    reports_duplicate: int = 0
    reports_failed: int = 0
    reports_unchanged: int = 0  # URLs the server said had not changed (HTTP 304), not read
    reports_reprocessed: int = 0
    mentions_written: int = 0
    statements_written: int = 0
    figures_written: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def run_counts(self) -> dict[str, int]:
        """The counts stored in `ingest_runs`."""
        return {
            "reports_read": self.reports_read, "reports_new": self.reports_new,
            "reports_duplicate": self.reports_duplicate, "reports_failed": self.reports_failed,
            "mentions_written": self.mentions_written, "statements_written": self.statements_written,
        }

    def add(self, result: BatchResult) -> None:
        self.reports_new += result.new
        self.reports_duplicate += result.duplicate
        self.reports_reprocessed += result.reprocessed
        self.mentions_written += result.mentions
        self.statements_written += result.statements
        self.figures_written += result.figures

    def lines(self) -> list[str]:
        """The human summary printed at the end of a run."""
        out = [
            f"reports read: {self.reports_read} (new {self.reports_new}, duplicate {self.reports_duplicate}, "
            f"failed {self.reports_failed})",
            f"mentions written: {self.mentions_written}, statements written: {self.statements_written}, "
            f"figures written: {self.figures_written}",
        ]
        if self.reports_unchanged:
            out.append(f"unchanged since the last run (HTTP 304, skipped): {self.reports_unchanged}")
        if self.reports_reprocessed:
            out.append(f"stored reports re-extracted: {self.reports_reprocessed}")
        return out


def safe_extract(report: Report, geocoder: Geocoder) -> Extraction | InputError:
    """Extraction of one report; a crash in the rules becomes an error for that report only."""
    try:
        return extract_report(report, geocoder)
    except Exception as exc:
        log.debug("extraction of %s failed", report.url, exc_info=True)
        return InputError(report.url, f"extraction failed ({type(exc).__name__}: {exc}); please report this")


class _Run:
    """State of one ingest run: the pending batch and the running summary."""

    def __init__(self, writer: WriterSession, geocoder: Geocoder, summary: IngestSummary, *, reprocess: bool,
                 options: PipelineOptions) -> None:
        self.writer = writer
        self.geocoder = geocoder
        self.summary = summary
        self.reprocess = reprocess
        self.options = options
        self.pending: list[Report] = []
        self.pending_errors: list[InputError] = []

    def error(self, exc: InputError) -> None:
        """An input or entry that could not be read: counted as read and failed."""
        self.summary.reports_read += 1
        self._failed(exc)
        self.pending_errors.append(exc)

    def _failed(self, exc: InputError) -> None:
        log.info("failed: %s", exc)
        self.summary.errors.append(exc)
        self.summary.reports_failed += 1

    def add(self, report: Report) -> None:
        self.summary.reports_read += 1
        self.pending.append(report)
        if len(self.pending) >= self.options.batch_size:
            self.flush()

    def flush(self, then: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> bool:
        """Extract the pending reports (database closed), then write them in one transaction.

        `then` runs on the same connection after the batch (the run's last writes: one open less).
        Returns False, without calling `then`, when nothing was pending.
        """
        reports, self.pending = self.pending, []
        errors, self.pending_errors = self.pending_errors, []
        if not reports and not errors:
            return False
        with self.writer.open() as con:
            keys = stored_keys(con, reports)
            stored_ids = {keys.find(r) for r in reports} - {None}
            to_reextract = load_reports(con, sorted(stored_ids)) if self.reprocess else []
        new: list[tuple[Report, Extraction]] = []
        seen: set[str] = set()
        for report in reports:
            if keys.find(report) or report.content_sha256 in seen or report.url in seen:
                new.append((report, Extraction()))  # write_batch counts it as a duplicate
                continue
            seen.update((report.content_sha256, report.url))
            extraction = safe_extract(report, self.geocoder)
            if isinstance(extraction, InputError):
                self._failed(extraction)
                errors.append(extraction)
            else:
                new.append((report, extraction))
        self._write(new, self._reextract(to_reextract, errors), errors, then)
        return True

    def _reextract(self, stored: Sequence[Report], errors: list[InputError]) -> dict[str, Extraction]:
        reprocessed: dict[str, Extraction] = {}
        for report in stored:
            extraction = safe_extract(report, self.geocoder)
            if isinstance(extraction, InputError):
                log.warning("%s", extraction)
                self.summary.errors.append(extraction)
                errors.append(extraction)
            else:
                reprocessed[report.report_id] = extraction
        return reprocessed

    def _counts_after(self, result: BatchResult) -> dict[str, int]:
        counts = self.summary.run_counts()
        counts["reports_new"] += result.new
        counts["reports_duplicate"] += result.duplicate
        counts["mentions_written"] += result.mentions
        counts["statements_written"] += result.statements
        return counts

    def _write(self, new: Sequence[tuple[Report, Extraction]], reprocessed: dict[str, Extraction],
               errors: Sequence[InputError],
               then: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        with self.writer.open() as con:
            result = write_batch(con, new, reprocessed, run_id=self.summary.run_id,
                                 errors=[(e.origin, e.reason) for e in errors], run_counts=self._counts_after)
            self.summary.add(result)
            if then is not None:
                then(con)

    def reextract_all(self) -> None:
        """Re-run extraction on every stored report (``--reprocess`` without inputs)."""
        with self.writer.open() as con:
            ids = iter_report_ids(con)
        for start in range(0, len(ids), self.options.batch_size):
            with self.writer.open() as con:
                stored = load_reports(con, ids[start:start + self.options.batch_size])
            errors: list[InputError] = []
            self._write([], self._reextract(stored, errors), errors)


def _progress_enabled(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    return sys.stderr.isatty()


#: What the geocoder is built from (hashed into its cache key with the imported places).
GEOCODER_SOURCES = (REPO / "geo", REPO / "data" / "gazetteer")
#: What a new database's schema, comments and built-in gazetteer are made from.
TEMPLATE_SOURCES = (*GEOCODER_SOURCES, SCHEMA_SQL, VIEWS_SQL, *(REPO / "ingest" / f for f in (
    "store.py", "schema_comments.py", "pipeline.py", "cache.py")))


def load_geocoder(imported: Sequence[Place] = ()) -> Geocoder:
    """`Geocoder.from_builtin(imported)`, from the per-user cache when it was built before (`ingest.cache`)."""
    imported = list(imported)
    try:
        key = cache.fingerprint(GEOCODER_SOURCES, pickle.dumps(imported, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:
        log.debug("no geocoder cache key (%s)", exc)
        return Geocoder.from_builtin(extra_places=imported)
    return cache.cached_object("geocoder", key, lambda: Geocoder.from_builtin(extra_places=imported), Geocoder)


def _build_template(path: Path) -> None:
    """A new database with the schema, the comments and the built-in gazetteer (what a run's first
    open writes into an empty file), at `path`."""
    writer = WriterSession(path)
    try:
        with writer.open(apply=True) as con:
            con.execute("BEGIN")
            try:
                gazetteer_db.sync_places(con, load_geocoder().places)
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
    finally:
        writer.close()


def _from_template(db_path: Path) -> Path | None:
    """Create the missing database `db_path` as a copy of the cached new-database template; return
    the template copied (None: `db_path` exists, or no template could be had)."""
    if str(db_path).startswith(":memory:") or db_path.exists() or db_path.with_name(db_path.name + ".wal").exists():
        return None
    try:
        template = cache.cached_file("new-database", cache.fingerprint(TEMPLATE_SOURCES), _build_template)
    except (OSError, duckdb.Error) as exc:
        log.debug("no new-database template (%s)", exc)
        return None
    if template is None:
        return None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return template if cache.copy_new(template, db_path) else None


def prepare_run(writer: WriterSession, run_id: str, inputs: Sequence[str]) -> tuple[Geocoder, dict[str, Validators]]:
    """Open the database once at the start of a run: schema, geocoder, its places, the run row.

    A database that does not exist yet starts as a copy of a cached template that holds the schema
    and the built-in gazetteer (`ingest.cache`; the same content a first open would write).

    Returns the geocoder (built-in gazetteer plus imported places, loaded once per run) and the HTTP
    validators remembered from earlier runs.
    """
    template = _from_template(writer.db_path)
    templated = template is not None
    if template is not None:
        try:
            with writer.open():
                pass
        except duckdb.Error as exc:  # a damaged template: drop it and the copy just made, build the file
            log.warning("the cached new-database template %s could not be opened (%s); removed it, building "
                        "%s instead", template, exc, writer.db_path)
            for path in (template, writer.db_path, writer.db_path.with_name(writer.db_path.name + ".wal")):
                path.unlink(missing_ok=True)
            templated = False
    with writer.open(apply=not templated) as con:
        imported = gazetteer_db.load_imported_places(con)
        geocoder = load_geocoder(imported)
        con.execute("BEGIN")
        try:
            if templated:  # the template's schema and places are current; the migrations date from now
                con.execute("UPDATE schema_migrations SET applied_at = current_timestamp")
            else:
                # Imported places were just read from this database: only the built-in ones may be new.
                imported_ids = {p.place_id for p in imported}
                gazetteer_db.sync_places(con, [p for p in geocoder.places if p.place_id not in imported_ids])
            start_run(con, run_id, inputs)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        known = {u: Validators(e, lm) for u, (e, lm) in load_validators(con).items()}
    return geocoder, known


def run_ingest(
    inputs: list[str],
    db_path: Path,
    *,
    reprocess: bool = False,
    progress: bool | None = None,
    options: PipelineOptions | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> IngestSummary:
    """Ingest files, folders, JSONL exports, feeds, URLs or stdin (``-``) into the database.

    Args:
        inputs: what to read; folders are read recursively in sorted order.
        db_path: the DuckDB file (created if missing).
        reprocess: re-extract mentions, statements and figures of reports that are already stored
            (those among the inputs; all stored reports when `inputs` is empty).
        progress: draw a progress bar on stderr (default: only when stderr is a terminal).
        options: batch size and fetch politeness.
        stdin: the stream read for ``-`` (default: the process's standard input).
        fetcher: the HTTP fetcher (default: a polite one remembering validators from the database).

    Returns:
        Counts of what was read and written, and one error per failed input.
    """
    options = options or PipelineOptions()
    db_path = Path(db_path)
    summary = IngestSummary(run_id=uuid.uuid4().hex[:16])
    writer = WriterSession(db_path)  # one in-memory instance; the file attached per batch
    try:
        geocoder, known = prepare_run(writer, summary.run_id, inputs)
        if fetcher is None:
            fetcher = Fetcher(options=options.fetch, known=known)
        else:
            fetcher.known.update({u: v for u, v in known.items() if u not in fetcher.known})
        run = _Run(writer, geocoder, summary, reprocess=reprocess, options=options)
        items = expand_inputs(inputs)
        failed_inputs: set[str] = set()

        def consume(item: str) -> None:
            errors_before = len(summary.errors)
            for read in read_input(item, fetcher, stdin=stdin):
                if isinstance(read, InputError):
                    run.error(read)
                    failed_inputs.add(read.origin)
                elif isinstance(read, Unchanged):
                    summary.reports_unchanged += 1
                else:
                    try:
                        report = to_report(read)
                    except InputError as exc:
                        run.error(exc)
                        failed_inputs.add(exc.origin)
                    else:
                        run.add(report)
            if len(summary.errors) > errors_before:
                failed_inputs.add(item)

        if _progress_enabled(progress) and items:
            with click.progressbar(items, label="ingesting", file=sys.stderr, show_pos=True,
                                   item_show_func=lambda i: (i or "")[-40:]) as bar:
                for item in bar:
                    consume(item)
        else:
            for item in items:
                consume(item)
        validators = {u: (v.etag, v.last_modified) for u, v in fetcher.fresh.items()
                      if u not in failed_inputs and is_url(u)}

        def finish(con: duckdb.DuckDBPyConnection) -> None:
            if validators:
                write_batch(con, [], validators=validators)
            finish_run(con, summary.run_id, summary.run_counts())

        if reprocess and not inputs:
            run.flush()
            run.reextract_all()
            finished = False
        else:
            finished = run.flush(then=finish)  # the last batch and the run's totals on one connection
        if not finished:
            with writer.open() as con:
                finish(con)
    finally:
        writer.close()
    log.info("ingest run %s: %s", summary.run_id, "; ".join(summary.lines()))
    return summary
