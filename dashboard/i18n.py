"""Interface strings in English and Arabic, and the right-to-left layout for Arabic.

Strings are looked up by key with `t(key, lang, **values)`; a key missing in Arabic falls back to
English (and a test checks none is missing). Event types and modalities have labels too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# The statement gists and figure categories are translated once, in the PDF snapshot's strings file,
# so the dashboard and the PDF use the same words.
VOCABULARY_FILE = Path(__file__).resolve().parent / "snapshot_templates" / "strings.json"
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate: keeps 2026-01-18 whole inside Arabic text

LANGUAGES = {"en": "English", "ar": "العربية"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Displacement monitor", "ar": "مرصد النزوح"},
    "page_map": {"en": "Map and statements", "ar": "الخريطة والبيانات"},
    "page_evidence": {"en": "Evidence", "ar": "الأدلة"},
    "page_figures": {"en": "Figures", "ar": "الأرقام"},
    "language": {"en": "Language", "ar": "اللغة"},
    "filters": {"en": "Filters", "ar": "عوامل التصفية"},
    "period": {"en": "Period", "ar": "الفترة"},
    "period_weeks": {"en": "Date range", "ar": "نطاق التاريخ"},
    "period_week": {"en": "One week", "ar": "أسبوع واحد"},
    "date_range": {"en": "From – to", "ar": "من – إلى"},
    "week": {"en": "Week", "ar": "الأسبوع"},
    "event_types": {"en": "Event types", "ar": "أنواع الأحداث"},
    "modalities": {"en": "Modality", "ar": "الصيغة"},
    "modalities_help": {
        "en": "By default only events reported as happening. Denials, warnings and calls are drawn as hollow dashed circles.",
        "ar": "افتراضياً تظهر الأحداث المبلّغ عن وقوعها فقط. يظهر النفي والتحذير والمطالبة كدوائر مفرغة متقطعة.",
    },
    "country": {"en": "Country", "ar": "الدولة"},
    "governorate": {"en": "Governorate", "ar": "المحافظة"},
    "city": {"en": "City or town", "ar": "المدينة أو البلدة"},
    "neighbourhood": {"en": "Neighbourhood", "ar": "الحي"},
    "sources": {"en": "Sources", "ar": "المصادر"},
    "report_languages": {"en": "Report language", "ar": "لغة التقرير"},
    "min_confidence": {"en": "Minimum confidence", "ar": "الحد الأدنى للثقة"},
    "tiles": {"en": "Background map (OpenStreetMap tiles, needs internet)",
              "ar": "خريطة الخلفية (بلاطات OpenStreetMap، تحتاج إلى الإنترنت)"},
    "snapshot": {"en": "Weekly PDF snapshot", "ar": "ملخص أسبوعي PDF"},
    "snapshot_make": {"en": "Make the PDF of week {week}", "ar": "إنشاء ملف PDF للأسبوع {week}"},
    "snapshot_download": {"en": "Download the PDF", "ar": "تنزيل ملف PDF"},
    "snapshot_failed": {"en": "The PDF could not be made: {error}", "ar": "تعذّر إنشاء ملف PDF: {error}"},
    "mentions_shown": {"en": "{count} mentions at {places} places, {start} – {end}",
                       "ar": "{count} إشارة في {places} موقعاً، {start} – {end}"},
    "map": {"en": "Map", "ar": "الخريطة"},
    "legend": {"en": "Legend", "ar": "مفتاح الخريطة"},
    "legend_size": {"en": "Circle size: number of mentions. Colour: event type.",
                    "ar": "حجم الدائرة: عدد الإشارات. اللون: نوع الحدث."},
    "legend_other_modality": {"en": "Hollow dashed circle: denied, warned or called for (not reported as happening).",
                              "ar": "دائرة مفرغة متقطعة: منفيّ أو محذَّر منه أو مطالَب به (غير مبلّغ عن وقوعه)."},
    "no_mentions": {"en": "No mentions match these filters. Widen the dates or clear some filters.",
                    "ar": "لا توجد إشارات مطابقة. وسّع نطاق التاريخ أو أزل بعض عوامل التصفية."},
    "timeline": {"en": "Mentions per week by event type", "ar": "الإشارات أسبوعياً حسب نوع الحدث"},
    "selected_place": {"en": "Selected place", "ar": "الموقع المحدد"},
    "select_place_hint": {"en": "Click a place on the map, or choose it here.",
                          "ar": "انقر على موقع في الخريطة أو اختره من هنا."},
    "none": {"en": "(none)", "ar": "(لا شيء)"},
    "place_timeline": {"en": "Mentions per week at {place}", "ar": "الإشارات أسبوعياً في {place}"},
    "statements": {"en": "What NGOs said", "ar": "ماذا قالت المنظمات"},
    "no_statements": {"en": "No NGO statement in this period for the places shown.",
                      "ar": "لا توجد بيانات لمنظمات في هذه الفترة عن المواقع المعروضة."},
    "places_referred": {"en": "Places", "ar": "المواقع"},
    "source_link": {"en": "Source", "ar": "المصدر"},
    "evidence_title": {"en": "The mentions behind the map", "ar": "الإشارات وراء الخريطة"},
    "evidence_count": {"en": "Showing {shown} of {total} mentions, newest first.",
                       "ar": "عرض {shown} من أصل {total} إشارة، الأحدث أولاً."},
    "download_csv": {"en": "Download the filtered mentions (CSV)", "ar": "تنزيل الإشارات المصفّاة (CSV)"},
    "prepare_csv": {"en": "Prepare CSV of all {total} mentions", "ar": "تجهيز ملف CSV لكل الإشارات ({total})"},
    "page_number": {"en": "Page", "ar": "الصفحة"},
    "col_date": {"en": "Date", "ar": "التاريخ"},
    "col_place": {"en": "Place", "ar": "الموقع"},
    "col_event": {"en": "Event", "ar": "الحدث"},
    "col_sentence": {"en": "Sentence", "ar": "الجملة"},
    "col_report": {"en": "Report", "ar": "التقرير"},
    "col_source": {"en": "Source", "ar": "المصدر"},
    "col_confidence": {"en": "Confidence", "ar": "الثقة"},
    "col_published": {"en": "Published", "ar": "تاريخ النشر"},
    "open_report": {"en": "open", "ar": "فتح"},
    "figures_title": {"en": "Figures reported, per place and source", "ar": "الأرقام المذكورة حسب الموقع والمصدر"},
    "figures_help": {"en": "Each cell is the largest figure a source gave for that place and category in the period; "
                     "sources often disagree, so they are shown side by side.",
                     "ar": "كل خانة هي أكبر رقم ذكره المصدر لهذا الموقع والفئة خلال الفترة؛ "
                     "تختلف المصادر غالباً لذا تُعرض جنباً إلى جنب."},
    "no_figures": {"en": "No figures reported in this period.", "ar": "لا أرقام مذكورة في هذه الفترة."},
    "figures_detail": {"en": "Every figure with its sentence", "ar": "كل رقم مع جملته"},
    "popup_no_evidence": {"en": "Select this place (click it) and open the Evidence page for its sentences.",
                          "ar": "اختر هذا الموقع (انقر عليه) وافتح صفحة الأدلة لرؤية جمله."},
    "evidence_selected_place": {"en": "Only the mentions of the selected place ({place}) and the places below it.",
                                "ar": "إشارات الموقع المحدد ({place}) والمواقع التابعة له فقط."},
    "clear_selection": {"en": "Show all places", "ar": "عرض كل المواقع"},
    "latest_evidence": {"en": "Latest evidence", "ar": "أحدث الأدلة"},
    "counts": {"en": "Mentions", "ar": "الإشارات"},
    "error_title": {"en": "The dashboard cannot show data", "ar": "تعذّر عرض البيانات"},
    "busy_stale": {"en": "The database is being written to; showing the data read at {time}.",
                   "ar": "قاعدة البيانات قيد الكتابة؛ تُعرض البيانات المقروءة عند {time}."},
    "boundaries": {"en": "Boundaries", "ar": "الحدود"},
    "country_outlines": {"en": "Country outlines", "ar": "حدود الدول"},
    "place_names": {"en": "Place names", "ar": "أسماء الأماكن"},
    "all": {"en": "All", "ar": "الكل"},
    "map_focus": {"en": "Zoom to", "ar": "تكبير إلى"},
    "map_focus_all": {"en": "All places ({count} mentions)", "ar": "كل المواقع ({count} إشارة)"},
    "map_focus_area": {"en": "{name} and around ({count} mentions, {places} places)",
                       "ar": "{name} وما حولها ({count} إشارة، {places} مواقع)"},
    "map_focus_help": {"en": "The map opens on the area with most mentions when it holds at least half of them; "
                       "places outside it are still on the map (zoom out, or choose All places).",
                       "ar": "تفتح الخريطة على المنطقة الأكثر إشارات إذا ضمّت نصفها على الأقل؛ "
                       "المواقع الأخرى تبقى على الخريطة (صغّر الخريطة أو اختر كل المواقع)."},
    "col_category": {"en": "Category", "ar": "الفئة"},
    "col_quantity": {"en": "Figure", "ar": "الرقم"},
    "col_unit": {"en": "Unit", "ar": "الوحدة"},
    "col_link": {"en": "Link", "ar": "الرابط"},
}

EVENT_LABELS: dict[str, dict[str, str]] = {
    "displacement": {"en": "Displacement", "ar": "نزوح"},
    "return": {"en": "Return", "ar": "عودة"},
    "shelling": {"en": "Shelling", "ar": "قصف مدفعي"},
    "airstrike": {"en": "Airstrike", "ar": "غارة جوية"},
    "drone_strike": {"en": "Drone strike", "ar": "ضربة مسيّرة"},
    "armed_clash": {"en": "Armed clash", "ar": "اشتباك مسلح"},
    "attack": {"en": "Attack", "ar": "هجوم"},
    "siege": {"en": "Siege", "ar": "حصار"},
    "ceasefire": {"en": "Ceasefire", "ar": "وقف إطلاق النار"},
    "aid_access": {"en": "Aid access", "ar": "وصول المساعدات"},
    "casualties": {"en": "Casualties", "ar": "إصابات وضحايا"},
    "demolition": {"en": "Demolition", "ar": "هدم"},
}

MODALITY_LABELS: dict[str, dict[str, str]] = {
    "reported": {"en": "Reported", "ar": "مبلَّغ عنه"},
    "denied": {"en": "Denied", "ar": "منفيّ"},
    "warned": {"en": "Warned of", "ar": "محذَّر منه"},
    "called_for": {"en": "Called for", "ar": "مطالَب به"},
}

# One colour per event type, shared by the dashboard (map, legend, timeline) and the PDF snapshot
# (dashboard/staticmap.py imports it), so a colour means the same thing everywhere. Colour-blind-aware
# order: the commonest types get the most distinct hues; the order is the legends' order.
EVENT_COLOURS: dict[str, str] = {
    "displacement": "#d62728",
    "return": "#2ca02c",
    "shelling": "#ff7f0e",
    "airstrike": "#1f77b4",
    "drone_strike": "#9467bd",
    "armed_clash": "#8c564b",
    "attack": "#e377c2",
    "siege": "#7f7f7f",
    "ceasefire": "#17becf",
    "aid_access": "#bcbd22",
    "casualties": "#393b79",
    "demolition": "#ad494a",
}

RTL_CSS = """
<style>
[data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stSidebar"] label, .stRadio, .stMultiSelect { text-align: right; }
[data-testid="stMarkdownContainer"] [dir="ltr"], [data-testid="stMarkdownContainer"] td[dir="auto"] { text-align: start; }
[data-testid="stDateInput"] input { direction: ltr; text-align: right; }
</style>
"""


def t(key: str, lang: str = "en", **values: object) -> str:
    """The interface string `key` in `lang` (falling back to English), formatted with `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def event_label(event_type: str, lang: str = "en") -> str:
    entry = EVENT_LABELS.get(event_type)
    return (entry.get(lang) or entry["en"]) if entry else event_type


def modality_label(modality: str, lang: str = "en") -> str:
    entry = MODALITY_LABELS.get(modality)
    return (entry.get(lang) or entry["en"]) if entry else modality


def place_label(name_en: str | None, name_ar: str | None, lang: str, fallback: str = "") -> str:
    """A place's name in the interface language, the other language after it."""
    first, second = (name_ar, name_en) if lang == "ar" else (name_en, name_ar)
    if first and second and first != second:
        return f"{first} ({second})"
    return first or second or fallback


@cache
def _vocabulary() -> dict:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def vocabulary_label(section: str, word: str, lang: str = "en") -> str:
    """A statement gist (section "gists") or figure category ("categories") in `lang`; unknown words as given."""
    entry = _vocabulary().get(section, {}).get(word)
    return (entry.get(lang) or entry.get("en") or word) if isinstance(entry, dict) else word


def unit_label(unit: str, lang: str = "en") -> str:
    """A figure's unit (people, families...) in `lang`, from the same vocabulary as the PDF."""
    return vocabulary_label("units", unit, lang)


def ltr(value: object) -> str:
    """A date, ISO week or number as a left-to-right run that Arabic text around it cannot reorder."""
    return f"{LRI}{value}{PDI}"


def is_rtl(lang: str) -> bool:
    return lang == "ar"
