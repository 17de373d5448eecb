"""Decoding: every supported encoding, declared or detected, and the inputs that must fail."""

from __future__ import annotations

import codecs
import random

import pytest

from ingest.decode import InputError, declared_encoding, decode_bytes, script_score

ARABIC = ("نفى المركز الإعلامي للإدارة الذاتية في حلب الأنباء حول التوصل إلى تهدئة، وأكد أن القصف "
          "لم يتوقف على حيي الشيخ مقصود والأشرفية، فيما تتواصل حركة نزوح المدنيين.")
ENGLISH = "Shelling continued overnight in Sheikh Maqsoud, residents said; hundreds of families fled."
MIXED = f"{ENGLISH}\n{ARABIC}"


@pytest.mark.parametrize(
    ("data", "text", "method"),
    [
        pytest.param(ARABIC.encode("utf-8"), ARABIC, "utf-8", id="utf8"),
        pytest.param(codecs.BOM_UTF8 + ARABIC.encode("utf-8"), ARABIC, "bom", id="utf8-bom"),
        pytest.param(ARABIC.encode("utf-16"), ARABIC, "bom", id="utf16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), ARABIC, "bom", id="utf16be-bom"),
        pytest.param(MIXED.encode("utf-16-le"), MIXED, "detected", id="utf16le-no-bom"),
        pytest.param(ARABIC.encode("cp1256"), ARABIC, "detected", id="cp1256"),
        pytest.param(ARABIC.encode("iso-8859-6"), ARABIC, "detected", id="iso-8859-6"),
        pytest.param(MIXED.encode("cp1256"), MIXED, "detected", id="cp1256-mixed"),
        pytest.param(MIXED.encode("iso-8859-6"), MIXED, "detected", id="iso-8859-6-mixed"),
        pytest.param(ENGLISH.encode("ascii"), ENGLISH, "utf-8", id="ascii"),
        pytest.param("Café in Beyrouth: réfugiés déplacés.".encode("cp1252"), "Café in Beyrouth: réfugiés déplacés.",
                     "detected", id="latin-accents"),
    ],
)
def test_encodings(data: bytes, text: str, method: str) -> None:
    decoded = decode_bytes(data, "test")
    assert decoded.text == text
    assert decoded.method == method


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        pytest.param('<meta charset="windows-1256">', "cp1256", id="meta-charset-cp1256"),
        pytest.param('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">', "iso8859-6",
                     id="meta-http-equiv-iso"),
    ],
)
def test_declared_html_charset(declaration: str, encoding: str) -> None:
    html = f"<html><head>{declaration}</head><body><p>{ARABIC}</p></body></html>"
    decoded = decode_bytes(html.encode(encoding), "page.html")
    assert decoded.method == "declared" and decoded.encoding == encoding
    assert ARABIC in decoded.text


def test_declared_xml_prolog_and_http_header() -> None:
    feed = f'<?xml version="1.0" encoding="windows-1256"?><rss><channel><title>{ARABIC}</title></channel></rss>'
    assert declared_encoding(feed.encode("cp1256")) == "cp1256"
    assert decode_bytes(feed.encode("cp1256"), "feed.xml").method == "declared"
    decoded = decode_bytes(ARABIC.encode("iso-8859-6"), "http://x", content_type="text/plain; charset=iso-8859-6")
    assert decoded.text == ARABIC and decoded.method == "declared"


def test_wrong_declaration_falls_back_to_detection() -> None:
    html = f'<html><head><meta charset="iso-8859-6"></head><body>{ARABIC}</body></html>'
    decoded = decode_bytes(html.encode("cp1256"), "lying.html")
    assert ARABIC in decoded.text
    assert decoded.encoding == "cp1256"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \r\n\t ", "empty", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", id="png-nul-bytes"),
        pytest.param(bytes(range(256)) * 4, "binary", id="all-bytes"),
        pytest.param(random.Random(7).randbytes(600).replace(b"\x00", b"\x01"), "undecodable", id="random-bytes"),
        pytest.param(bytes(range(0x80, 0x100)).replace(b"\x00", b"") * 3, "undecodable", id="high-bytes"),
    ],
)
def test_bad_input_raises_typed_error(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "file:///bad.txt")
    assert info.value.origin == "file:///bad.txt"
    assert fragment in info.value.reason
    assert str(info.value).startswith("file:///bad.txt: ")


def test_script_score_prefers_real_arabic() -> None:
    iso = ARABIC.encode("iso-8859-6")
    assert script_score(iso.decode("iso-8859-6")) > script_score(iso.decode("cp1256", errors="replace"))
    assert script_score(ARABIC.encode("cp1256").decode("cp1252", errors="replace")) < 0.5
