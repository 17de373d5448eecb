"""Inputs to reports: files, folders, JSONL exports, RSS/Atom feeds, web pages and standard input.

Two halves:

* `iter_documents(inputs, fetcher)` walks what the user named and yields one `RawDocument` per report
  (or an `InputError` for each input or entry that cannot be read, or `Unchanged` for URLs the server
  says have not changed). This is the I/O edge.
* `to_report(raw)` is pure: it decodes, keeps only the article, and fills a `Report` (title,
  publication date, source, language, normalised content hash, id).

Feeds: each entry's link is fetched and the linked page ingested. When the link cannot be fetched
but the entry carries its own text (``content:encoded``, Atom ``content`` or a ``description``), that
text is ingested instead (logged as a warning), so a feed with full-text entries still works offline
from its publisher. An entry with neither a usable link nor text is an error; the other entries proceed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote_from_bytes, urljoin, urlparse

import feedparser
import lxml.etree
import lxml.html
import trafilatura

from ingest.boilerplate import (
    find_date,
    source_from_dateline,
    split_article,
    strip_leading_furniture,
    trim_trailing_furniture,
)
from ingest.decode import InputError, decode_bytes
from ingest.fetch import Fetcher, FetchError, FetchResult
from ingest.records import RawDocument, Report

log = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

#: Characters of a report looked at to tell its language (plenty for the script ratio, and fast).
LANGUAGE_SAMPLE_CHARS = 3000
# Runs of letters (counted by their lengths: one match per run, not one per letter, is ~4x faster).
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]+")


@dataclass(frozen=True)
class Unchanged:
    """A URL the server says has not changed since the last run (HTTP 304): nothing to read."""

    origin: str


ReadItem = RawDocument | InputError | Unchanged


# ---------------------------------------------------------------------------------------------
# Pure: RawDocument -> Report


def normalise_body(text: str) -> str:
    """NFC, one space between words inside a line, no blank runs: the text the offsets refer to."""
    text = unicodedata.normalize("NFC", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    lines = "\n\n".join(p for p in paragraphs if p)
    return lines


def content_sha256(body: str) -> str:
    """sha256 of the whitespace-collapsed NFC text: the same article saved twice hashes the same."""
    collapsed = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(collapsed.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str | None:
    """"ar" or "en" by which script most letters are in (None when there are no letters)."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    arabic = sum(map(len, _ARABIC_LETTER.findall(sample)))
    latin = sum(map(len, _LATIN_LETTER.findall(sample)))
    if arabic == 0 and latin == 0:
        return None
    return "ar" if arabic >= latin else "en"


def parse_published(value: object) -> date | None:
    """A publication date from ISO 8601, RFC 2822 (feeds, HTTP) or a written date (see `find_date`)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(text)


def _language(value: object) -> str | None:
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code or None


def _is_truncated_html(html: str) -> bool:
    """A whole HTML document (starts with a doctype or <html>) without its closing tags was cut off."""
    head = html.lstrip()[:200].lower()
    if not (head.startswith("<!doctype") or head.startswith("<html")):
        return False  # a fragment (JSONL `html`, feed content): nothing to close
    tail = html[-2000:].lower()
    return "</html>" not in tail and "</body>" not in tail


def _is_fragment(html: str) -> bool:
    """HTML without <html> or <body>: a piece of a page (feed entry content, JSONL `html` field)."""
    head = html[:4000].lower()
    return "<html" not in head and "<body" not in head


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "td")


def _fragment_text(html: str) -> str:
    """Paragraph text of an HTML fragment (no scripts, styles, navigation or comment sections)."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//nav|//aside|//footer|//header|//form"
                          "|//*[contains(@class,'comment') or contains(@id,'comment')]"):
        bad.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*_BLOCK_TAGS)
              if not any(child.tag in _BLOCK_TAGS for child in el)]
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n".join(b for b in blocks if b)


def _html_article(raw: RawDocument, html: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page (trafilatura, comments off)."""
    if _is_truncated_html(html):
        raise InputError(raw.origin, "truncated HTML: the page has no closing </body> or </html> "
                                     "(cut off while saving or downloading?); save or fetch it again")
    url = raw.meta.get("url") or raw.origin
    fragment = _is_fragment(html)
    doc = trafilatura.bare_extraction(
        f"<html><body>{html}</body></html>" if fragment else html,
        url=url if url.startswith("http") else None, include_comments=False, with_metadata=True,
        include_tables=False,
    )
    if (doc is None or not (doc.text or "").strip()) and fragment:
        # Short fragments (feed descriptions, JSONL `html`) fall under trafilatura's minimum size.
        text = _fragment_text(html)
        if text:
            return text, {}
    if doc is None or not (doc.text or "").strip():
        raise InputError(raw.origin, "no article text found in the HTML page")
    # trafilatura repeats the <h1> headline and keeps datelines/bylines at the top: drop them.
    text = strip_leading_furniture(doc.text, doc.title)
    text, reason = trim_trailing_furniture(text)
    if reason:
        log.debug("%s: cut trailing furniture trafilatura kept (%s)", raw.origin, reason)
    meta = {"title": doc.title, "published": doc.date, "source": doc.sitename,
            "canonical_url": doc.url, "hostname": doc.hostname}
    # Paragraphs are one per line in trafilatura's output; make them blank-line separated.
    return "\n\n".join(ln for ln in text.split("\n") if ln.strip()), meta


def to_report(raw: RawDocument) -> Report:
    """Reduce one input to its article and metadata. Pure.

    The container's own fields (`raw.meta`: JSONL fields, feed entry, HTTP headers) win over what is
    found in the page. For local files `url` is the file:// URI; stdin reports get ``stdin:<id>``.

    Raises:
        InputError: empty, binary, undecodable or truncated input, or no article text in it.
    """
    meta = raw.meta or {}
    if isinstance(raw.payload, bytes):
        text = decode_bytes(raw.payload, raw.origin, content_type=meta.get("content_type")).text
    else:
        text = raw.payload
        if not text.strip():
            raise InputError(raw.origin, "empty input: no text")
    text = text.replace("\x00", "")

    found: dict = {}
    date_source: str | None = None
    if raw.kind == "html":
        body, found = _html_article(raw, text)
        if found.get("published"):
            date_source = "html_metadata"
    elif raw.kind == "text":
        article = split_article(text)
        body = article.body
        found["title"] = article.title
        for line in article.leading:
            published = find_date(line)
            if published:
                found["published"], date_source = published, "dateline"
                found["source"] = source_from_dateline(line)
                break
    else:
        raise InputError(raw.origin, f"unknown document kind {raw.kind!r} (expected html or text)")

    body = normalise_body(body)
    if not body:
        raise InputError(raw.origin, "no article text found (only site furniture or nothing at all)")
    sha = content_sha256(body)
    report_id = sha[:16]

    published = parse_published(meta.get("published"))
    if published is not None:
        date_source = "container"
    else:
        published = parse_published(found.get("published"))
    if published is None:
        # No date in the metadata or the dateline: the body's own "today" date, else its latest full date.
        from ingest.extract.dates import infer_published

        published = infer_published(body)
        date_source = "text" if published else None
    url = meta.get("url") or raw.origin
    if url == "stdin":
        url = f"stdin:{report_id}"
    source = meta.get("source") or found.get("source")
    if not source and url.startswith("http"):
        source = urlparse(url).hostname
    title = meta.get("title") or found.get("title")
    canonical = found.get("canonical_url")
    return Report(
        report_id=report_id,
        url=url,
        source_name=" ".join(str(source).split()) if source else None,
        title=" ".join(str(title).split()) if title else None,
        language=_language(meta.get("language")) or detect_language(body),
        published_date=published,
        body_text=body,
        content_sha256=sha,
        input_kind=meta.get("input_kind") or raw.kind,
        date_source=date_source if published else None,
        canonical_url=canonical if canonical and canonical != url else None,
    )


# ---------------------------------------------------------------------------------------------
# I/O edge: what the user named -> RawDocuments


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Folders become their report files (recursive, sorted, hidden files skipped); the rest stay."""
    expanded: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and not is_url(item) and path.is_dir():
            files = _report_files(path)
            if not files:
                log.warning("%s: folder holds no .html/.txt/.jsonl/.xml files", item)
            expanded.extend(files)
        else:
            expanded.append(item)
    return expanded


def _suffix(name: str) -> str:
    """`Path(name).suffix`, without making a Path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _report_files(folder: Path) -> list[str]:
    """The report files below `folder` as ``str(p) for p in sorted(folder.rglob("*"))`` that are files
    with a known suffix and no hidden part below `folder`, from one os.walk (pathlib made a Path per
    entry: ~0.1 ms per file). Symlinked folders are not entered, as rglob does not enter them."""
    base = str(folder)
    prefix = "" if base == "." else base if base.endswith("/") else base + "/"  # as str(folder / rel) writes it
    found: list[tuple[list[str], str]] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, base)
        parts = [] if rel_dir == "." else rel_dir.split(os.sep)
        for name in filenames:
            if name.startswith(".") or _suffix(name).lower() not in KNOWN_SUFFIXES:
                continue
            if os.path.isfile(os.path.join(dirpath, name)):  # follows a symlink, as Path.is_file does
                found.append(([*parts, name], prefix + "/".join([*parts, name])))
    found.sort(key=lambda item: item[0])  # Path order: part by part
    return [path for _, path in found]


def sniff_kind(data: bytes) -> str:
    """html, text, jsonl or feed from the first bytes, for stdin and files with unknown suffixes."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "html" if b"<html" in head else "feed"
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def _kind_for_path(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return sniff_kind(data)


def iter_jsonl(data: bytes, origin: str) -> Iterator[RawDocument | InputError]:
    """One RawDocument per JSON line; a broken line is one error, the other lines are read."""
    try:
        text = decode_bytes(data, origin).text
    except InputError as exc:
        yield exc
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}#L{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"broken JSON line ({exc.msg} at column {exc.colno}); fix or remove that line, "
                                    "the other lines are read")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSONL line must be an object with `text` or `html`")
            continue
        html, body = record.get("html"), record.get("text")
        if not (isinstance(html, str) and html.strip()) and not (isinstance(body, str) and body.strip()):
            yield InputError(where, "no `text` or `html` field with content")
            continue
        meta = {k: record[k] for k in ("url", "title", "published", "source", "language")
                if record.get(k) not in (None, "")}
        meta.setdefault("url", where)
        meta["input_kind"] = "jsonl"
        if isinstance(html, str) and html.strip():
            yield RawDocument(where, "html", html, meta)
        else:
            yield RawDocument(where, "text", str(body), meta)


def _entry_content(entry: dict) -> str | None:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value
    summary = entry.get("summary")
    return summary if summary and summary.strip() else None


def _entry_published(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return entry.get("published") or entry.get("updated")


def iter_feed(data: bytes, origin: str, fetcher: Fetcher | None) -> Iterator[ReadItem]:
    """The pages an RSS/Atom feed links to (see the module docstring for the fallback rules)."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        yield InputError(origin, f"not a readable RSS/Atom feed{f' ({problem})' if problem else ''}")
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    base = origin if is_url(origin) else None
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#entry{number}"
        link = entry.get("link")
        if link and base:
            link = urljoin(base, link)
        content = _entry_content(entry)
        meta = {"title": entry.get("title"), "published": _entry_published(entry),
                "source": feed_title, "input_kind": "feed"}
        meta = {k: v for k, v in meta.items() if v}
        if link and is_url(link) and fetcher is not None:
            try:
                result = fetcher.get(link)
            except FetchError as exc:
                if content:
                    log.warning("%s: %s; using the text the feed entry carries", where, exc.reason)
                    yield RawDocument(link, "html", content, {**meta, "url": link})
                else:
                    yield InputError(link, f"{exc.reason} (feed entry {number} of {origin})")
                continue
            if result.not_modified:
                yield Unchanged(link)
                continue
            yield _page_document(result, {**meta, "url": result.url})
        elif content:
            yield RawDocument(where, "html", content, {**meta, "url": link or where})
        else:
            yield InputError(where, "broken feed entry: no link to fetch and no text of its own")


def _page_document(result: FetchResult, meta: dict | None = None) -> RawDocument:
    meta = dict(meta or {})
    meta.setdefault("url", result.url)
    if result.content_type:
        meta["content_type"] = result.content_type
    kind = "text" if (result.content_type or "").startswith("text/plain") else "html"
    return RawDocument(result.url, kind, result.content, meta)


def read_url(url: str, fetcher: Fetcher) -> Iterator[ReadItem]:
    """A web page (one report) or a feed (the pages it links to)."""
    try:
        result = fetcher.get(url)
    except FetchError as exc:
        yield exc
        return
    if result.not_modified:
        yield Unchanged(url)
        return
    content_type = (result.content_type or "").lower()
    if any(t in content_type for t in ("rss", "atom")) or (
        "xml" in content_type and "html" not in content_type
    ) or sniff_kind(result.content) == "feed":
        yield from iter_feed(result.content, result.url, fetcher)
    else:
        yield _page_document(result)


#: Leading bytes of document and image formats people save reports as, which dmon does not read.
BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "convert it to text first (pdftotext FILE.pdf) and ingest the .txt"),
    (b"PK\x03\x04", "a ZIP archive or Office document (.docx, .xlsx, .odt)",
     "save it as .txt or .html from the office program, or unzip it, and ingest that"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)", "save it as .txt or .html and ingest that"),
    (b"{\\rtf", "an RTF document", "save it as .txt or .html and ingest that"),
    (b"\x89PNG", "a PNG image", "dmon reads text, not images; ingest the page the image came from"),
    (b"\xff\xd8\xff", "a JPEG image", "dmon reads text, not images; ingest the page the image came from"),
    (b"GIF8", "a GIF image", "dmon reads text, not images; ingest the page the image came from"),
    (b"\x1f\x8b", "a gzip archive", "decompress it (gunzip) and ingest the files inside"),
)


def binary_format(data: bytes) -> tuple[str, str] | None:
    """(what it is, what to do) when `data` starts like a document or image format dmon does not read."""
    for signature, what, todo in BINARY_SIGNATURES:
        if data.startswith(signature):
            return what, todo
    return None


def read_bytes(data: bytes, origin: str, kind: str, fetcher: Fetcher | None) -> Iterator[ReadItem]:
    """Documents in the bytes of one file or of stdin, by kind (html, text, jsonl, feed)."""
    binary = binary_format(data)
    if binary is not None:
        what, todo = binary
        yield InputError(origin, f"binary content ({what}), not a text, HTML, JSONL or feed file: {todo}")
        return
    if kind == "jsonl":
        yield from iter_jsonl(data, origin)
    elif kind == "feed":
        yield from iter_feed(data, origin, fetcher)
    else:
        yield RawDocument(origin, kind, data, {"input_kind": kind})


_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_BARE_HOST = re.compile(r"^(www\.|[\w-]+(\.[\w-]+)*\.[a-z]{2,}/)", re.I)


def _missing_path_reason(item: str) -> str:
    """Why `item` is not read, with a hint when it looks like a web address rather than a file."""
    if _OTHER_SCHEME.match(item):
        return "no such file or folder, and only http:// and https:// addresses are fetched"
    if _BARE_HOST.match(item):
        return f"no such file or folder; if it is a web page, write it as https://{item}"
    return "no such file or folder; check the path"


def read_input(item: str, fetcher: Fetcher | None, *, stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Everything one (already expanded) input holds."""
    if item == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        yield from read_bytes(data, "stdin", sniff_kind(data), fetcher)
        return
    if is_url(item):
        if fetcher is None:
            yield InputError(item, "URLs need a fetcher (network access is off)")
            return
        yield from read_url(item, fetcher)
        return
    try:
        with open(item, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        if exc.errno in _MISSING_ERRNOS:  # what Path.exists() answers False to
            yield InputError(item, _missing_path_reason(item))
        else:
            yield InputError(_file_uri(item), f"cannot read the file: {exc.strerror or exc}")
        return
    except ValueError:  # a NUL byte in the name: no such file (Path.exists() says False too)
        yield InputError(item, _missing_path_reason(item))
        return
    yield from read_bytes(data, _file_uri(item), _kind_for_path(Path(item), data), fetcher)


#: errno values for which `Path.exists()` says False (pathlib's own list): the input is missing.
_MISSING_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _file_uri(item: str) -> str:
    """``Path(os.path.abspath(item)).as_uri()`` without the Path on POSIX (the same quoting)."""
    absolute = os.path.abspath(item)
    if os.name != "posix":
        return Path(absolute).as_uri()
    return "file://" + quote_from_bytes(os.fsencode(absolute))


def iter_documents(inputs: Iterable[str], fetcher: Fetcher | None = None,
                   *, stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Documents of every input in order (folders expanded recursively and sorted)."""
    for item in expand_inputs(inputs):
        yield from read_input(item, fetcher, stdin=stdin)
