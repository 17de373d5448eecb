"""Readers: every input kind to RawDocument, and to_report's fields."""

from __future__ import annotations

import html as htmllib
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fetch import closed_port, quick_fetcher, serve_routes

from ingest.decode import InputError
from ingest.readers import (
    Unchanged,
    content_sha256,
    detect_language,
    expand_inputs,
    iter_documents,
    normalise_body,
    parse_published,
    sniff_kind,
    to_report,
)
from ingest.records import RawDocument

EN_PARAGRAPHS = [
    "Shelling hit the Sheikh Maqsoud neighbourhood of Aleppo on Wednesday evening, residents said, "
    "as drones circled over the residential streets for several hours.",
    "Hundreds of families left for the western districts of the city, according to local officials, "
    "while others sheltered in basements waiting for the bombardment to stop.",
    "Amnesty International said it was concerned about the continuing displacement of civilians and "
    "called on all parties to allow safe passage and the delivery of aid.",
]


def wrap_article_html(title: str, paragraphs: list[str], *, lang: str = "en",
                      comments: list[tuple[str, str]] | None = None, most_read: list[str] | None = None,
                      canonical: str = "https://news.example/world/2026/01/07/aleppo-123",
                      site: str = "Example News", published: str = "2026-01-07T18:00:00+02:00") -> str:
    """A realistic news page: navigation, breadcrumb, article, sidebar, "most read", comments, footer."""
    esc = htmllib.escape
    comments = comments if comments is not None else [
        ("Tahir", "Why does nobody write about the traffic in Baghdad? It is terrible every day ..."),
        ("Lina", "Prices in Amman have doubled this year, someone should look into it ..."),
        ("Omar", "Greetings from Germany, the weather here is awful and the trains are late ..."),
    ]
    most_read = most_read if most_read is not None else [
        "Football: Al-Wahda sign a new coach for the season",
        "Gold prices fall in local markets",
        "Recipe: kibbeh with quince for the winter",
    ]
    nav = "".join(f'<li><a href="/{i}">{esc(t)}</a></li>' for i, t in enumerate(
        ["Home", "World", "Middle East", "Economy", "Sport", "Opinion"] if lang == "en"
        else ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "منوعات", "رأي"]))
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    sidebar = "".join(f'<li><a href="/story/{i}">{esc(t)}</a></li>' for i, t in enumerate(most_read))
    comment_html = "".join(
        f'<div class="comment"><span class="author">{esc(a)}</span><p>{esc(t)}</p></div>' for a, t in comments
    )
    most_read_label = "Most read" if lang == "en" else "الأكثر قراءة"
    comments_label = "Comments" if lang == "en" else "التعليقات"
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)} | {esc(site)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{esc(site)}">
<meta property="og:title" content="{esc(title)}">
<meta property="article:published_time" content="{published}">
</head><body>
<header><div class="logo">{esc(site)}</div><nav class="menu"><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a></div>
<main><article class="post"><h1>{esc(title)}</h1><div class="date">{published[:10]}</div>
<div class="article-body">{body}</div></article>
<aside class="sidebar"><h3>{most_read_label}</h3><ul>{sidebar}</ul></aside>
<section id="comments" class="comments"><h3>{comments_label}</h3>{comment_html}</section>
</main>
<footer><p>© 2026 {esc(site)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def read_all(inputs: list[str], **kwargs) -> list:
    return list(iter_documents(inputs, **kwargs))


def test_html_page(tmp_path: Path) -> None:
    page = tmp_path / "aleppo.html"
    page.write_text(wrap_article_html("Shelling and displacement in Aleppo", EN_PARAGRAPHS), encoding="utf-8")
    (raw,) = read_all([str(page)])
    report = to_report(raw)
    assert report.url == page.resolve().as_uri()
    assert report.title == "Shelling and displacement in Aleppo"
    assert report.published_date == date(2026, 1, 7)
    assert report.date_source == "html_metadata"
    assert report.source_name == "Example News"
    assert report.canonical_url == "https://news.example/world/2026/01/07/aleppo-123"
    assert report.language == "en" and report.input_kind == "html"
    assert report.body_text == "\n\n".join(EN_PARAGRAPHS)
    for furniture in ("Baghdad", "Amman", "Germany", "Al-Wahda", "Gold prices", "Privacy", "Economy", "Comments"):
        assert furniture not in report.body_text


def test_text_file_and_ids(tmp_path: Path) -> None:
    page = tmp_path / "report.txt"
    page.write_text("World > Middle East\n\nAleppo under fire\n\n" + "\n\n".join(EN_PARAGRAPHS)
                    + "\n\nRelated\nGold prices fall\nFootball results\n", encoding="utf-8")
    report = to_report(read_all([str(page)])[0])
    assert report.title == "Aleppo under fire"
    assert report.body_text == "\n\n".join(EN_PARAGRAPHS)
    assert report.content_sha256 == content_sha256(report.body_text)
    assert report.report_id == report.content_sha256[:16]
    assert report.url.startswith("file:///") and report.url.endswith("/report.txt")


def test_evaluator_style_raw_text_document() -> None:
    raw = RawDocument(origin="gold/0001", kind="text", payload="\n\n".join(EN_PARAGRAPHS))
    report = to_report(raw)
    assert report.body_text == "\n\n".join(EN_PARAGRAPHS)
    assert report.url == "gold/0001" and report.title is None


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        pytest.param("<!DOCTYPE html><html><head><title>x</title></head><body><article><p>"
                     + EN_PARAGRAPHS[0][:80], "truncated HTML", id="truncated"),
        pytest.param("<html><head><title>Only a title</title></head><body></body></html>", "no article text",
                     id="no-text"),
    ],
)
def test_bad_html(tmp_path: Path, html: str, reason: str) -> None:
    page = tmp_path / "bad.html"
    page.write_text(html, encoding="utf-8")
    with pytest.raises(InputError) as info:
        to_report(read_all([str(page)])[0])
    assert reason in info.value.reason and info.value.origin == page.resolve().as_uri()


def test_jsonl_reads_good_lines_and_reports_broken_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://a.example/1", "title": "One", "published": "2026-01-05", "source": "A",
                    "language": "en", "text": EN_PARAGRAPHS[0]}),
        '{"url": "https://a.example/2", "text": "unterminated',
        json.dumps({"url": "https://a.example/3", "html": f"<article><p>{EN_PARAGRAPHS[1]}</p></article>",
                    "published": "Tue, 06 Jan 2026 10:00:00 GMT"}),
        json.dumps({"url": "https://a.example/4", "title": "no body"}),
        "",
        json.dumps({"title": "no url", "text": EN_PARAGRAPHS[2], "language": "EN-gb"}),
        json.dumps(["not", "an", "object"]),
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines), encoding="utf-8")
    items = read_all([str(export)])
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [e.origin.rsplit("#", 1)[1] for e in errors] == ["L2", "L4", "L7"]
    assert "broken JSON" in errors[0].reason
    reports = [to_report(d) for d in docs]
    assert [r.url for r in reports] == ["https://a.example/1", "https://a.example/3", f"{export.resolve().as_uri()}#L6"]
    assert reports[0].published_date == date(2026, 1, 5) and reports[0].source_name == "A"
    assert reports[0].date_source == "container" and reports[0].title == "One"
    assert reports[1].published_date == date(2026, 1, 6) and reports[1].source_name == "a.example"
    assert reports[2].language == "en" and {r.input_kind for r in reports} == {"jsonl"}


def _rss(items: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Levant Wire</title>'
            "<link>https://wire.example/</link>" + "".join(items) + "</channel></rss>").encode("utf-8")


def test_rss_feed_fetches_links_and_falls_back_to_entry_text(tmp_path: Path) -> None:
    page = wrap_article_html("Aleppo report", EN_PARAGRAPHS)
    dead = f"http://127.0.0.1:{closed_port()}"
    with serve_routes({"/story/1": [(200, {"Content-Type": "text/html"}, page.encode())]}) as srv:
        feed = _rss([
            f"<item><title>Linked</title><link>{srv.url('/story/1')}</link>"
            "<pubDate>Wed, 07 Jan 2026 09:00:00 GMT</pubDate></item>",
            f"<item><title>Dead link, own text</title><link>{dead}/story/2</link>"
            f"<description>{htmllib.escape('<p>' + EN_PARAGRAPHS[1] + '</p>')}</description></item>",
            f"<item><title>Dead link, no text</title><link>{dead}/story/3</link></item>",
            "<item><title>Broken: nothing at all</title></item>",
            f"<item><title>No link, own text</title><description>{EN_PARAGRAPHS[2]}</description></item>",
        ])
        path = tmp_path / "wire.rss"
        path.write_bytes(feed)
        fetcher, _ = quick_fetcher(retries=0)
        items = read_all([str(path)], fetcher=fetcher)
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 3 and len(errors) == 2
    assert errors[0].origin == f"{dead}/story/3" and "unreachable" in errors[0].reason
    assert "broken feed entry" in errors[1].reason
    linked, fallback, own = (to_report(d) for d in docs)
    assert linked.body_text == "\n\n".join(EN_PARAGRAPHS) and linked.url == srv.url("/story/1")
    assert linked.published_date == date(2026, 1, 7) and linked.source_name == "Levant Wire"
    assert linked.title == "Linked" and linked.input_kind == "feed"
    assert fallback.body_text == EN_PARAGRAPHS[1] and fallback.url == f"{dead}/story/2"
    assert own.body_text == EN_PARAGRAPHS[2]


def test_atom_feed_from_url_then_unchanged() -> None:
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>Relief Brief</title><entry><title>Camps flood</title><link href=\"/story/9\"/>"
            b"<updated>2026-01-09T08:00:00Z</updated><id>urn:9</id></entry></feed>")
    page = wrap_article_html("Camps flood", EN_PARAGRAPHS[:2]).encode()

    def feed_route(headers: dict[str, str]):
        if headers.get("If-None-Match") == '"f1"':
            return 304, {}, b""
        return 200, {"Content-Type": "application/atom+xml", "ETag": '"f1"'}, atom

    with serve_routes({"/feed": feed_route, "/story/9": [(200, {"Content-Type": "text/html"}, page)]}) as srv:
        fetcher, _ = quick_fetcher()
        (doc,) = read_all([srv.url("/feed")], fetcher=fetcher)
        report = to_report(doc)
        assert report.url == srv.url("/story/9") and report.published_date == date(2026, 1, 9)
        fetcher.known.update(fetcher.fresh)
        assert read_all([srv.url("/feed")], fetcher=fetcher) == [Unchanged(srv.url("/feed"))]


def test_page_url_and_unreachable_url() -> None:
    page = wrap_article_html("Aleppo", EN_PARAGRAPHS).encode("utf-8")
    with serve_routes({"/a": [(200, {"Content-Type": "text/html; charset=utf-8"}, page)]}) as srv:
        fetcher, _ = quick_fetcher(retries=0)
        (doc,) = read_all([srv.url("/a")], fetcher=fetcher)
        assert to_report(doc).source_name == "Example News"
    dead = f"http://127.0.0.1:{closed_port()}/x"
    (error,) = read_all([dead], fetcher=fetcher)
    assert isinstance(error, InputError) and error.origin == dead and "unreachable" in error.reason


def test_folders_are_recursive_sorted_and_skip_other_files(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/1.html", "a/z/3.jsonl", "c.txt", ".hidden/4.txt", "notes.md", "img.png"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    names = [Path(p).relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])]
    assert names == ["a/1.html", "a/z/3.jsonl", "b/2.txt", "c.txt"]


def test_missing_path_is_an_error() -> None:
    (error,) = read_all(["/no/such/report.txt"])
    assert isinstance(error, InputError) and "no such file" in error.reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(b"<!DOCTYPE html><html>...", "html", id="html"),
        pytest.param(b'\xef\xbb\xbf<?xml version="1.0"?><rss>', "feed", id="rss-bom"),
        pytest.param(b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed", id="atom"),
        pytest.param(b'{"text": "x"}\n{"text": "y"}', "jsonl", id="jsonl"),
        pytest.param("قصف على حلب".encode(), "text", id="text"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_stdin() -> None:
    stream = io.BytesIO("\n\n".join(EN_PARAGRAPHS).encode("utf-16"))
    (doc,) = read_all(["-"], stdin=stream)
    report = to_report(doc)
    assert doc.origin == "stdin" and report.url == f"stdin:{report.report_id}"
    assert report.body_text == "\n\n".join(EN_PARAGRAPHS)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("قصف مدفعي على حي الشيخ مقصود في حلب", "ar", id="arabic"),
        pytest.param("Shelling hit Sheikh Maqsoud in Aleppo", "en", id="english"),
        pytest.param("Amnesty International (منظمة العفو الدولية) قالت إن النزوح مستمر في حلب وريفها", "ar",
                     id="arabic-with-english-name"),
        pytest.param("UNHCR said 12,000 people fled Aleppo (حلب) this week", "en", id="english-with-arabic-name"),
        pytest.param("2026-01-07 12:00", None, id="no-letters"),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-01-07", date(2026, 1, 7), id="iso-date"),
        pytest.param("2026-01-07T23:30:00+02:00", date(2026, 1, 7), id="iso-datetime"),
        pytest.param("Wed, 07 Jan 2026 09:00:00 GMT", date(2026, 1, 7), id="rfc2822"),
        pytest.param("7 كانون الثاني 2026", date(2026, 1, 7), id="arabic"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_published(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


words = st.text(alphabet=st.sampled_from(list("abc حلب قصف,.")), min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=20), st.sampled_from([" ", "  ", "\t", " \n "]))
def test_hash_ignores_whitespace_and_normalising_is_idempotent(parts: list[str], gap: str) -> None:
    text = " ".join(parts)
    assert content_sha256(text) == content_sha256(gap.join(parts))
    once = normalise_body(text)
    assert normalise_body(once) == once


def test_hash_is_nfc_insensitive() -> None:
    composed = "Caf\u00e9 in Beirut"
    decomposed = "Cafe\u0301 in Beirut"
    assert content_sha256(composed) == content_sha256(decomposed)
