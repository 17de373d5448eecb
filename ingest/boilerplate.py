"""Keep the article, drop the site around it: menus, breadcrumbs, "most read" lists, reader comments.

Two inputs reach this module:

* plain-text copies of news pages (what a browser's "save as text" or a copy-paste gives): the
  article sits between leading site furniture (section breadcrumb, date, byline) and trailing
  furniture (related links, "most read", currency widgets, reader comments). `split_article` finds
  the headline and where the article ends from general signals, in Arabic and English:

  - a section marker line ("التعليقات", "اقرأ أيضا", "الأكثر مشاهدة", "Comments", "Related", "Most read"...);
  - the structure of a comment list: "name : text" lines, often each followed by a "subject" line
    ("الموضوع :");
  - a run of short, link-like lines (menus and headline lists) once the article has started.

* HTML pages: `extract_html` runs trafilatura with comments off for the main text and metadata,
  then applies the same end-of-article rules to its text when they find trailing furniture that
  trafilatura kept.

Everything here is pure (text in, text out).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Signals. Phrases are written in their normalised form (see `_norm`: no hamza on alef, ه for ة,
# ي for ى, lower case, punctuation removed).

#: A line that is exactly one of these (plus counts or punctuation) starts the page's trailing furniture.
SECTION_MARKERS_EXACT: frozenset[str] = frozenset({
    # Arabic
    "التعليقات", "تعليقات", "تعليق", "تعليقات القراء", "اراء القراء", "اضف تعليق", "اضف تعليقك",
    "اكتب تعليقك", "شارك", "شارك الخبر", "شارك المقال", "مشاركه", "الوسوم", "كلمات مفتاحيه", "وسوم",
    "ذات صله", "اقرا ايضا", "اقرا ايضاً", "اقرا المزيد", "المزيد", "اخر الاخبار", "اخر الاضافات",
    "الاكثر قراءه", "الاكثر مشاهده", "الاكثر تداولا", "الاكثر تعليقا", "تابعونا", "تابعنا",
    "اخبار ذات صله", "مواضيع ذات صله", "مقالات ذات صله", "روابط ذات صله", "قد يهمك ايضا",
    "قد يعجبك ايضا", "اخترنا لك", "مواضيع مشابهه", "اخبار متعلقه",
    # English
    "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment",
    "related", "related articles", "related stories", "related news", "related content",
    "related posts", "related topics", "most read", "most popular", "most viewed", "most shared",
    "read more", "read also", "see also", "also read", "more stories", "more from", "more news",
    "share", "share this", "share this article", "share this story", "share on", "tags", "topics",
    "follow us", "subscribe", "newsletter", "trending", "trending now", "you may also like",
    "recommended", "recommended for you", "latest news", "latest stories", "what to read next",
    "about the author", "sign up", "join the conversation", "discussion",
})

#: A short line that starts with one of these starts the trailing furniture, whatever follows
#: ("الاكثر مشاهده في (سوريا - لبنان)", "Most read in World", "Comments (12)").
SECTION_MARKERS_PREFIX: tuple[str, ...] = (
    "الاكثر مشاهده", "الاكثر قراءه", "الاكثر تداولا", "اقرا ايضا", "اخبار ذات صله", "مواضيع ذات صله",
    "مقالات ذات صله", "التعليقات", "تعليقات القراء", "اخر الاضافات", "اخر الاخبار", "الاسعار الرسميه",
    "اسعار العملات", "most read", "most popular", "most viewed", "related articles", "related stories",
    "read more", "more from", "comments", "share this", "you may also like", "follow us on",
    "subscribe to", "sign up for",
)

#: Lines dropped wherever they are (ads, share buttons) without ending the article.
DROP_LINES: frozenset[str] = frozenset({
    "advertisement", "ad", "sponsored", "اعلان", "اعلانات", "print", "طباعه", "email", "facebook",
    "twitter", "whatsapp", "telegram", "x",
})

#: "Subject" lines under a reader comment ("الموضوع :", "Topic:", "On:").
COMMENT_SUBJECT = re.compile(r"^(الموضوع|موضوع|التعليق على|topic|on|in reply to|re)\s*[:：]\s*$", re.IGNORECASE)
#: "name : text" (a commenter's name, a colon with spaces, the comment).
COMMENT_LINE = re.compile(r"^[-–—\s]*(?P<name>[^\s:：][^:：.!?؟]{0,38}?)\s+[:：]\s*\S")
#: Separators of breadcrumbs ("سوريا - لبنان - فلسطين", "Home > World > Middle East").
BREADCRUMB_SEP = re.compile(r"\s+[-–—>»›|/\\]\s+|\s*[>»›|]\s*")
BYLINE = re.compile(r"^(by|بقلم|كتب|كتبت|تحرير|reporting by|written by|author)\b", re.IGNORECASE)
DATELINE = re.compile(
    r"^(published|updated|posted|نشر|تاريخ النشر|اخر تحديث|آخر تحديث)?[\s:：]*"
    r"(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2})",
    re.IGNORECASE,
)
SENTENCE_END = (".", "!", "?", "؟", "…", "۔", '"', "”", "»", ")")
_FULL_STOPS = (".", "!", "?", "؟", "…", "۔")

#: Words in a line at or above which it counts as a paragraph of prose.
PARAGRAPH_MIN_WORDS = 14
#: A line of at most this many words, not ending a sentence, looks like a link or menu item.
SHORT_LINE_MAX_WORDS = 8
#: This many short lines in a row (blank lines ignored) after the article has started end it.
SHORT_RUN = 3

#: Month names as written in datelines: Levantine (Syriac), Egyptian/Gulf, Maghrebi, English.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"(?<!\w)(\d{{1,2}})\s+({_MONTH_ALT})\s*,?\s+(\d{{4}})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"(?<!\w)({_MONTH_ALT})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_ANY_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _indexed(table: dict[int, str | None]) -> list[str | None]:
    """A `str.translate` table as a list indexed by code point: the same mapping, twice as fast as a
    dict (code points past its end raise IndexError, which `translate` reads as "unchanged")."""
    return [table.get(cp, chr(cp)) for cp in range(max(table) + 1)]


def find_date(line: str) -> date | None:
    """The first calendar date written in a line ("الخميس 4 كانون الأول 2025", "3 December 2025",
    "December 3, 2025", "2025-12-03", "03/12/2025" day first), or None."""
    if not _ANY_DIGIT.search(line):
        return None  # every written date has a day or a year in digits
    folded = _HARAKAT.sub("", line).translate(_FOLD_AND_DIGITS).lower()
    candidates: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for match in _DAY_MONTH_YEAR.finditer(folded):
        candidates.append((match.start(), int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))))
    for match in _MONTH_DAY_YEAR.finditer(folded):
        candidates.append((match.start(), int(match.group(3)), MONTHS[match.group(1)], int(match.group(2))))
    for match in _NUMERIC_YMD.finditer(folded):
        candidates.append((match.start(), int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in _NUMERIC_DMY.finditer(folded):
        candidates.append((match.start(), int(match.group(3)), int(match.group(2)), int(match.group(1))))
    for _, year, month, day in sorted(candidates):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


_WEEKDAYS = frozenset({
    "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
})


def source_from_dateline(line: str) -> str | None:
    """The site name a dateline starts with ("بوابة القطاع - الخميس 11 كانون الأول 2025"), if any."""
    parts = [p.strip() for p in re.split(r"\s+[-–—|]\s+", line.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    first = parts[0]
    if (re.search(r"[\d٠-٩]", first) or BYLINE.match(first) or _words(first) > 4
            or _norm(first).split()[0] in _WEEKDAYS or find_date(first)):
        return None
    return first


def is_dateline(line: str) -> bool:
    """A short line that carries a date (and maybe a time, a site name or a byline): not a headline."""
    stripped = line.strip()
    if stripped.endswith(_FULL_STOPS) and _words(stripped) >= 5:
        return False  # a sentence that mentions a date ("Artillery shelled X on 2 December 2025.")
    return _words(stripped) <= 12 and (find_date(stripped) is not None or DATELINE.match(stripped) is not None)


_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": ""})
_ARABIC_FOLD_LIST = _indexed(_ARABIC_FOLD)
# Folding then Indic digits in one table (the two touch disjoint characters and the fold's output
# holds no digit, so one pass gives what the two passes gave).
_FOLD_AND_DIGITS = _indexed({**_ARABIC_FOLD, **_INDIC_DIGITS})
_HARAKAT = re.compile(r"[\u064b-\u0652\u0670]")
_NON_WORD = re.compile(r"[^\w\s]+")
_DIGITS = re.compile(r"[\d٠-٩]+")


def _norm(line: str) -> str:
    """Fold a line for matching markers: Arabic letter variants, case, punctuation, counts."""
    line = _HARAKAT.sub("", line).translate(_ARABIC_FOLD_LIST).lower()
    line = _DIGITS.sub(" ", _NON_WORD.sub(" ", line))
    return " ".join(line.split())


def _words(line: str) -> int:
    return len(line.split())


def is_section_marker(line: str) -> bool:
    """True when a line is a heading of site furniture ("التعليقات", "Most read", "Related")."""
    if _words(line) > SHORT_LINE_MAX_WORDS:
        return False
    folded = _norm(line)
    if not folded:
        return False
    if folded in SECTION_MARKERS_EXACT:
        return True
    return any(folded == p or folded.startswith(p + " ") for p in SECTION_MARKERS_PREFIX)


def is_breadcrumb(line: str) -> bool:
    """True for section paths such as "سوريا - لبنان - فلسطين" or "Home > World > Middle East"."""
    parts = [p for p in BREADCRUMB_SEP.split(line.strip()) if p.strip()]
    return len(parts) >= 2 and all(_words(p) <= 3 for p in parts) and BREADCRUMB_SEP.search(line) is not None


def is_paragraph(line: str) -> bool:
    """A line long enough to be prose rather than a heading, link or label."""
    return _words(line) >= PARAGRAPH_MIN_WORDS


def is_short_link_like(line: str) -> bool:
    """A short line that does not end a sentence: a menu item, a headline in a list, a label."""
    stripped = line.strip()
    if not stripped or _words(stripped) > SHORT_LINE_MAX_WORDS:
        return False
    if stripped[0] in "-•*·–" or re.match(r"^[\d٠-٩]+[.)]\s", stripped):
        return False  # a bulleted or numbered list inside the article
    return not stripped.endswith(SENTENCE_END[:6])


def _is_comment_start(lines: list[str], i: int) -> bool:
    """Line i opens a list of reader comments ("name : text" followed by a subject line or more such)."""
    if not COMMENT_LINE.match(lines[i]):
        return False
    window = [ln for ln in lines[i + 1: i + 8] if ln.strip()]
    if any(COMMENT_SUBJECT.match(ln.strip()) for ln in window[:2]):
        return True
    return sum(1 for ln in window if COMMENT_LINE.match(ln)) >= 2


@dataclass(frozen=True)
class ArticleText:
    """What `split_article` found in a plain-text page."""

    title: str | None
    body: str
    leading: tuple[str, ...] = ()  # furniture lines dropped before the body (breadcrumb, date, byline)
    end_reason: str | None = None  # why the article was cut where it was (None: it ran to the end)


def find_article_end(lines: list[str], start: int = 0, *, started: bool = False) -> tuple[int, str | None]:
    """Index of the first line after the article, and the signal that marked it.

    Args:
        lines: the page's lines.
        start: where the article starts.
        started: whether prose has already been seen (trailing-run detection only applies after it).
    """
    short_run_start: int | None = None
    short_run = 0
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if (started or i > start) and is_section_marker(line):
            return i, f"section marker {line!r}"
        if started and _is_comment_start(lines, i):
            return i, "reader comments"
        if is_paragraph(line):
            started = True
            short_run, short_run_start = 0, None
            continue
        if started and is_short_link_like(line) and _norm(line) not in DROP_LINES:
            if short_run == 0:
                short_run_start = i
            short_run += 1
            if short_run >= SHORT_RUN:
                assert short_run_start is not None
                return short_run_start, "run of short link-like lines"
        else:
            short_run, short_run_start = 0, None
    return len(lines), None


def _join_paragraphs(lines: list[str]) -> str:
    """Blank-line separated blocks become paragraphs; wrapped lines inside a block are re-joined."""
    paragraphs: list[str] = []
    current = ""
    for raw in [*lines, ""]:
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if _norm(line) in DROP_LINES:
            continue
        if not current:
            current = line
        elif current.endswith(SENTENCE_END) or is_short_link_like(current):
            paragraphs.append(current)
            current = line
        else:
            current = f"{current} {line}"
    return "\n\n".join(paragraphs)


def split_article(text: str) -> ArticleText:
    """Find the headline and the article in a plain-text copy of a news page.

    Leading furniture (breadcrumbs, dates, bylines, single-word menu items) before the headline is
    dropped; the headline is the last title-like line before the first paragraph of prose; the
    article ends at the first section marker, comment list or run of short link-like lines.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_para = next((i for i, ln in enumerate(lines) if is_paragraph(ln)), None)
    if first_para is None:
        # No line of prose: a short report. Keep everything up to a marker.
        end, reason = find_article_end(lines, 0, started=True)
        kept = [ln for ln in lines[:end] if not is_breadcrumb(ln)]
        return ArticleText(None, _join_paragraphs(kept), (), reason)

    # A long headline (no full stop, at most 30 words) followed by prose is the title, not prose.
    head = lines[first_para].strip()
    following = next((i for i in range(first_para + 1, len(lines)) if is_paragraph(lines[i])), None)
    # A line ending in a colon introduces what follows ("X, director of Y, said:"): prose, not a headline.
    if following is not None and _words(head) <= 30 and not head.endswith((*_FULL_STOPS, ":")):
        first_para = following
    search_from = first_para - 1

    title: str | None = None
    title_index: int | None = None
    for i in range(search_from, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if line.endswith(_FULL_STOPS):
            continue  # a short opening sentence of the article, not a headline: it stays in the body
        if (_words(line) >= 3 and not is_breadcrumb(line) and not BYLINE.match(line)
                and not is_dateline(line) and not is_section_marker(line)):
            title, title_index = " ".join(line.split()), i
            break
    leading_end = title_index + 1 if title_index is not None else 0
    leading = [ln.strip() for ln in lines[:leading_end] if ln.strip() and ln.strip() != title]
    # Between the headline and the first paragraph: keep a subtitle, drop dates, bylines, labels.
    between: list[str] = []
    for ln in lines[leading_end:first_para]:
        s = ln.strip()
        if not s:
            continue
        if BYLINE.match(s) or is_dateline(s) or is_breadcrumb(s) or _words(s) <= 3:
            leading.append(s)
        else:
            between.append(s)
    end, reason = find_article_end(lines, first_para, started=False)
    body_lines = [*between, "", *lines[first_para:end]] if between else lines[first_para:end]
    body = _join_paragraphs(body_lines)
    log.debug("article: title=%r, %d leading lines dropped, end: %s", title, len(leading), reason)
    return ArticleText(title, body, tuple(leading), reason)


def article_from_text(text: str) -> str:
    """The article's paragraphs from a plain-text copy of a news page (see `split_article`)."""
    return split_article(text).body


def strip_leading_furniture(text: str, title: str | None = None) -> str:
    """Drop a repeated headline, datelines, bylines and breadcrumbs from the top of extracted text."""
    lines = text.split("\n")
    folded_title = " ".join(title.split()) if title else None
    start = 0
    for line in lines:
        s = " ".join(line.split())
        if not s or s == folded_title or BYLINE.match(s) or is_breadcrumb(s) or (
                is_dateline(s) and not is_paragraph(s)):
            start += 1
            continue
        break
    return "\n".join(lines[start:])


def trim_trailing_furniture(text: str, *, min_kept_share: float = 0.3) -> tuple[str, str | None]:
    """Cut "most read" lists, related links or comments an HTML extractor left after the article.

    The cut is applied only when it keeps at least `min_kept_share` of the text, so a marker near the
    top of a short text never throws the article away. Returns the text and why it was cut (or None).
    """
    lines = text.split("\n")
    end, reason = find_article_end(lines, 0, started=False)
    if reason is None:
        return text, None
    kept = "\n".join(lines[:end]).rstrip()
    if len(kept) < min_kept_share * len(text.strip()):
        return text, None
    return kept, reason
