"""Bytes to text: declared or detected encodings of Arabic and English reports.

Arabic news sites still serve windows-1256 and ISO-8859-6 besides UTF-8 and UTF-16, and saved pages
often lose the HTTP header that named their charset. `decode_bytes` tries, in order: a byte-order
mark, the declared charset (HTTP header, HTML ``<meta charset>``, XML prolog), strict UTF-8, then the
legacy Arabic code pages and charset-normalizer's guess, keeping the candidate whose text looks most
like real Arabic or Latin prose. Binary and empty inputs raise `InputError`.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

#: Share of letters that must be Arabic or Latin for a decoding to count as text.
MIN_PLAUSIBLE_SCORE = 0.75


class InputError(Exception):
    """An input that cannot be read as a report: names the input and says what is wrong.

    Attributes:
        origin: the input (file:// URI, URL, "stdin", "file.jsonl:12"...).
        reason: what is wrong and, where useful, what to do about it.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    """Text with the encoding it was read with and how that encoding was chosen."""

    text: str
    encoding: str
    method: str  # bom | declared | utf-8 | detected


def canonical_encoding(name: str | None) -> str | None:
    """The Python codec name for a charset label ("windows-1256" -> "cp1256"), or None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP Content-Type header, XML prolog or HTML meta tag declares, if any."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and canonical_encoding(match.group(1)):
            return canonical_encoding(match.group(1))
    head = data[:_SNIFF_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            name = canonical_encoding(match.group(1).decode("ascii", "ignore"))
            if name:
                return name
    return None


def script_score(text: str) -> float:
    """How much a decoded text looks like real Arabic or Latin prose (0..1; pure ASCII scores 1).

    Correctly decoded Arabic is almost only letters of the Arabic block; Arabic read with the wrong
    code page turns into accented Latin letters and symbols. Real Latin prose has few accented
    letters per plain ASCII letter, so accented letters only count as good when they are rare.
    """
    arabic = accented = ascii_letters = junk = 0
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                ascii_letters += 1
            continue
        if ch.isalpha():
            if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
                arabic += 1
            else:
                accented += 1
        elif unicodedata.category(ch) in ("So", "Co", "Cn", "Cc"):
            junk += 1
    non_ascii = arabic + accented + junk
    if non_ascii == 0:
        return 1.0
    good = arabic + (accented if accented <= 0.2 * ascii_letters else 0)
    return good / non_ascii


def _strip_bom(data: bytes) -> Decoded | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding, "bom")
            except UnicodeDecodeError:
                return None
    return None


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: NUL bytes on every other position (ASCII and Arabic both show it)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, encoding in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        if nuls >= 0.05 * half and other == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if script_score(text) >= MIN_PLAUSIBLE_SCORE:
                return Decoded(text, encoding, "detected")
    return None


def decode_bytes(data: bytes, origin: str, *, content_type: str | None = None) -> Decoded:
    """Decode the bytes of a report.

    Args:
        data: the raw bytes.
        origin: the input, for error messages.
        content_type: the HTTP Content-Type header when the bytes came from the web.

    Returns:
        The text, the codec used and how it was chosen.

    Raises:
        InputError: for empty input, binary content (NUL bytes) or bytes no supported encoding reads.
    """
    if not data.strip():
        raise InputError(origin, "empty input: the file or response has no content")
    bom = _strip_bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise InputError(origin, "binary content (NUL bytes): not a text, HTML, JSONL or feed file; "
                                 "save the report as .txt or .html and ingest that")

    declared = declared_encoding(data, content_type)
    if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            log.info("%s declares %s but is not valid %s; detecting instead", origin, declared, declared)
        else:
            if declared in ("utf-8", "ascii") or script_score(text) >= MIN_PLAUSIBLE_SCORE:
                return Decoded(text, declared, "declared")
            log.info("%s declares %s but does not read as text in it; detecting instead", origin, declared)

    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass

    # (score, priority, codec): on equal scores windows-1256, the commoner code page, wins.
    candidates: list[tuple[float, int, str]] = []
    for priority, encoding in ((2, "cp1256"), (1, "iso8859-6")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((script_score(text), priority, encoding))
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding:
        guessed = canonical_encoding(guess.encoding) or guess.encoding
        if all(guessed != enc for _, _, enc in candidates):
            candidates.append((script_score(str(guess)) - guess.chaos, 0, guessed))
    if candidates:
        score, _, encoding = max(candidates)
        if score >= MIN_PLAUSIBLE_SCORE:
            log.debug("%s decoded as %s (score %.2f)", origin, encoding, score)
            return Decoded(data.decode(encoding), encoding, "detected")
    raise InputError(
        origin,
        "undecodable: not UTF-8, UTF-16, windows-1256 or ISO-8859-6; re-save the file as UTF-8",
    )
