"""Event types, modality with scope, and attachment to places, on short Arabic and English texts.

Runs with the real built-in gazetteer, so what is tested is what the pipeline does."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Report


def report(text: str, language: str = "ar", published: date | None = date(2026, 1, 7), title: str | None = None) -> Report:
    return Report(report_id="t", url="test:", source_name=None, title=title, language=language,
                  published_date=published, body_text=text, content_sha256="0", input_kind="text")


def triples(text: str, geocoder: Geocoder, language: str = "ar") -> set[tuple[str, str, str]]:
    ex = extract_report(report(text, language), geocoder)
    return {(m.place_id, m.event_type, m.modality) for m in ex.mentions}


SM, ASH, ALEPPO = "sy-aleppo-sheikh-maqsoud", "sy-aleppo-ashrafieh", "sy-aleppo"


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("قصفت القوات الحكومية حي الشيخ مقصود في حلب.", "ar",
                     {(SM, "shelling", "reported")}, set(), id="ar-shelling-reported"),
        pytest.param("أكد المركز أن القصف على حي الشيخ مقصود لم يتوقف حتى المساء.", "ar",
                     {(SM, "shelling", "reported")}, {(SM, "shelling", "denied")}, id="ar-negated-cessation-affirms"),
        pytest.param("نفى الجيش الأنباء حول التوصل إلى تهدئة في حي الشيخ مقصود.", "ar",
                     {(SM, "ceasefire", "denied")}, {(SM, "ceasefire", "reported")}, id="ar-denial-reported-speech"),
        pytest.param("نفى الجيش قصف حي الأشرفية في حلب، لكنه أقر بوقوع اشتباكات في حي الشيخ مقصود.", "ar",
                     {(ASH, "shelling", "denied"), (SM, "armed_clash", "reported")},
                     {(SM, "armed_clash", "denied")}, id="ar-denial-stops-at-contrast"),
        pytest.param("حذرت الأسايش من هجوم وشيك على حي الشيخ مقصود في حلب.", "ar",
                     {(SM, "attack", "warned")}, {(SM, "attack", "reported")}, id="ar-warned"),
        pytest.param("دعت المنظمة إلى فتح ممر آمن لإدخال المساعدات إلى حي الشيخ مقصود في حلب.", "ar",
                     {(SM, "aid_access", "called_for")}, set(), id="ar-called-for"),
        pytest.param("نزحت مئات العائلات من حي الشيخ مقصود إلى حي الأشرفية في حلب.", "ar",
                     {(SM, "displacement", "reported")}, {(ASH, "displacement", "reported")},
                     id="ar-destination-is-not-displacement-place"),
        pytest.param("تعرضت بلدة كفرنبل لقصف مدفعي مصدره مواقع عسكرية في محيط خان شيخون.", "ar",
                     {("sy-kafr-nabl", "shelling", "reported")}, {("sy-khan-shaykhun", "shelling", "reported")},
                     id="ar-origin-of-fire"),
        pytest.param("لم تشهد مدينة حلب أي قصف اليوم.", "ar",
                     {(ALEPPO, "shelling", "denied")}, {(ALEPPO, "shelling", "reported")}, id="ar-plain-negation"),
        pytest.param("عادت الحياة إلى طبيعتها في حي الأشرفية بحلب وفتحت الأسواق.", "ar",
                     set(), {(ASH, "return", "reported")}, id="ar-life-back-to-normal"),
        pytest.param("Government forces shelled Sheikh Maqsoud in Aleppo on Tuesday.", "en",
                     {(SM, "shelling", "reported")}, set(), id="en-shelling"),
        pytest.param("The army denied that its forces shelled Ashrafieh in Aleppo.", "en",
                     {(ASH, "shelling", "denied")}, {(ASH, "shelling", "reported")}, id="en-denied-that"),
        pytest.param("Residents said the shelling of Sheikh Maqsoud in Aleppo did not stop overnight.", "en",
                     {(SM, "shelling", "reported")}, {(SM, "shelling", "denied")}, id="en-did-not-stop"),
        pytest.param("The military issued evacuation orders for Ashrafieh in Aleppo, warning of imminent airstrikes.", "en",
                     {(ASH, "airstrike", "warned")}, {(ASH, "airstrike", "reported")}, id="en-warned"),
        pytest.param("Thousands of families fled Sheikh Maqsoud in Aleppo to Afrin.", "en",
                     {(SM, "displacement", "reported")}, {("sy-afrin", "displacement", "reported")},
                     id="en-fled-to"),
        pytest.param("Government media made no mention of the strikes on Sheikh Maqsoud in Aleppo.", "en",
                     set(), {(SM, "airstrike", "denied")}, id="en-no-mention-is-not-denial"),
        pytest.param("Aleppo's football team launched a late attack to win the match.", "en",
                     set(), {(ALEPPO, "attack", "reported")}, id="en-sport-attack"),
    ],
)
def test_events(text: str, language: str, present: set, absent: set, geocoder: Geocoder) -> None:
    got = triples(text, geocoder, language)
    assert present <= got, f"missing {present - got}; got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


def test_sentence_without_place_attaches_to_paragraph_with_lower_confidence(geocoder: Geocoder) -> None:
    text = "قصفت القوات حي الشيخ مقصود في حلب صباح اليوم. ونزحت عشرات العائلات خشية تجدد القصف."
    ex = extract_report(report(text), geocoder)
    direct = next(m for m in ex.mentions if m.event_type == "shelling" and m.attach_scope == "sentence")
    fallback = next(m for m in ex.mentions if m.event_type == "displacement")
    assert fallback.place_id == SM and fallback.attach_scope == "paragraph"
    assert fallback.confidence < direct.confidence


def test_actor_use_of_a_city_is_not_an_event_place(geocoder: Geocoder) -> None:
    text = "قصفت الفصائل الموالية لدمشق حي الشيخ مقصود في حلب."
    places = {m.place_id for m in extract_report(report(text), geocoder).mentions}
    assert "sy-damascus" not in places and SM in places


def test_mention_offsets_and_reason(geocoder: Geocoder) -> None:
    text = "مقدمة.\n\nقصفت القوات حي الشيخ مقصود في حلب أمس."
    m = next(iter(extract_report(report(text), geocoder).mentions))
    assert text[m.char_start:m.char_end] == m.evidence
    assert text[m.trigger_char_start:m.trigger_char_end] == m.trigger_text == "قصفت"
    assert text[m.place_char_start:m.place_char_end] == m.place_text
    assert m.event_date == date(2026, 1, 6) and m.date_precision == "day"
    for part in ("type:", "reported", "place:", "date:"):
        assert part in m.reason


def test_historical_background_is_not_an_event(geocoder: Geocoder) -> None:
    text = "Sheikh Maqsoud in Aleppo was besieged and shelled in 2016, long before the current truce."
    assert not {t for t in triples(text, geocoder, "en") if t[1] in ("siege", "shelling")}


def test_empty_report_gives_empty_extraction(geocoder: Geocoder) -> None:
    ex = extract_report(report(""), geocoder)
    assert (ex.mentions, ex.statements, ex.figures) == ((), (), ())


GAZA_ROLES = [
    pytest.param("استشهد 7 مواطنين في غارة استهدفت خيمة في منطقة المواصي غرب خان يونس.", "ar",
                 {("ps-al-mawasi", "airstrike", "reported")}, {("ps-khan-younis", "airstrike", "reported")},
                 id="ar-locator-west-of"),
    pytest.param("Israeli forces raided Nur Shams camp near Tulkarm before dawn.", "en",
                 {("ps-nur-shams-camp", "armed_clash", "reported")}, {("ps-tulkarm", "armed_clash", "reported")},
                 id="en-locator-near"),
    pytest.param("The ICRC said its field hospital in Rafah received 22 wounded people after airstrikes on Jabalia camp.",
                 "en", {("ps-jabalia-camp", "airstrike", "reported")},
                 {("ps-rafah", "casualties", "reported"), ("ps-rafah", "airstrike", "reported")},
                 id="en-hospital-receives-wounded"),
    pytest.param("وأعلنت وزارة الصحة في دمشق وصول ستة مصابين إلى مشافي حلب جراء الاشتباكات.", "ar",
                 set(), {("sy-damascus", "casualties", "reported"), ("sy-damascus", "armed_clash", "reported")},
                 id="ar-ministry-seat-is-not-event-place"),
    pytest.param("وصلت إلى دير البلح شاحنتان تحملان مساعدات غذائية.", "ar",
                 {("ps-deir-al-balah", "aid_access", "reported")}, set(), id="ar-aid-reached-destination"),
    pytest.param("يُمنع سكان مخيم طولكرم من العودة إلى منازلهم.", "ar",
                 {("ps-tulkarm-camp", "return", "denied")}, {("ps-tulkarm-camp", "return", "reported")},
                 id="ar-prevented-return"),
    pytest.param("كما طال القصف أطراف مخيم جباليا دون أن ترد أنباء عن إصابات هناك.", "ar",
                 {("ps-jabalia-camp", "shelling", "reported")},
                 {("ps-jabalia-camp", "casualties", "denied"), ("ps-jabalia-camp", "casualties", "reported")},
                 id="ar-no-reports-of-casualties"),
    pytest.param("Beirut condemned the strike on Haret Hreik as a violation of the ceasefire.", "en",
                 set(), {("lb-haret-hreik", "ceasefire", "reported")}, id="en-violation-of-ceasefire"),
    pytest.param("Heavy rain flooded displacement camps around Atmeh.", "en",
                 set(), {("sy-atmeh", "displacement", "reported")}, id="en-displacement-camps-compound"),
    pytest.param("Israeli forces raided Jenin camp at dawn. Clashes erupted as troops entered the camp.", "en",
                 {("ps-jenin-camp", "armed_clash", "reported")}, set(), id="en-anaphoric-the-camp"),
]


@pytest.mark.parametrize(("text", "language", "present", "absent"), GAZA_ROLES)
def test_roles_and_cues(text: str, language: str, present: set, absent: set, geocoder: Geocoder) -> None:
    got = triples(text, geocoder, language)
    assert present <= got, f"missing {present - got}; got {got}"
    assert not (absent & got), f"unexpected {absent & got}"


def test_anaphoric_place_is_recorded_as_such(geocoder: Geocoder) -> None:
    text = "Israeli forces raided Jenin camp at dawn.\n\nClashes erupted as troops entered the camp."
    ex = extract_report(report(text, "en"), geocoder)
    clash = next(m for m in ex.mentions if m.event_type == "armed_clash" and "Clashes" in m.evidence)
    assert clash.place_id == "ps-jenin-camp" and clash.match_method == "anaphora" and clash.place_text == "the camp"


@pytest.mark.parametrize(
    ("text", "language", "dateline", "target"),
    [
        pytest.param("BEIRUT, Jan 3 (Reuters) - Israeli air strikes hit Nabatieh on Friday.", "en",
                     "lb-beirut", "lb-nabatieh", id="en-reuters-dateline"),
        pytest.param("حلب - قصفت القوات الحكومية حي الشيخ مقصود صباح اليوم.", "ar", "sy-aleppo", SM, id="ar-dash-dateline"),
    ],
)
def test_dateline_is_not_an_event_place(text: str, language: str, dateline: str, target: str,
                                        geocoder: Geocoder) -> None:
    places = {m.place_id for m in extract_report(report(text, language), geocoder).mentions}
    assert target in places and dateline not in places


def test_place_opening_a_sentence_is_not_a_dateline(geocoder: Geocoder) -> None:
    places = {m.place_id for m in extract_report(report("Aleppo, the second city, was shelled.", "en"), geocoder).mentions}
    assert places == {"sy-aleppo"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Bread prices in Aleppo's Hanano market rose this week as the Syrian pound weakened. "
                     "Economists blamed a speculative attack on the currency.", "en", id="en-economy"),
        pytest.param("في مثل هذا اليوم من عام 2016، انتهى حصار الأحياء الشرقية في حلب بعد أشهر من القصف والتهجير.",
                     "ar", id="ar-history-year"),
        pytest.param("افتتح في حي الميدان بدمشق معرض عن نزوح العائلات الدمشقية في القرن التاسع عشر.", "ar",
                     id="ar-history-century"),
        pytest.param("Al-Jazeera Club beat Al-Wahda 2-1 in Damascus, with a late attack sealing the win.", "en",
                     id="en-sport"),
        pytest.param("عاد التيار الكهربائي إلى أحياء حلب بعد انقطاع دام يومين، وعادت الحركة إلى الأسواق.", "ar",
                     id="ar-back-to-normal"),
    ],
)
def test_hard_negatives_have_no_events(text: str, language: str, geocoder: Geocoder) -> None:
    assert triples(text, geocoder, language) == set()


_WORDS = ["قصف", "نزوح", "حلب", "الشيخ", "مقصود", "لم", "يتوقف", "نفى", "حذر", "من", "إلى", "أمس", "الأربعاء",
          "6", "كانون", "الثاني", "2026", "،", ".", "\n\n", "shelled", "Aleppo", "not", "denied", "fled", "to",
          "Idlib", "UNICEF", "said", "12,000", "families", "the", "camp", "المخيم", "منظمة", "العفو", "الدولية"]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=60))
def test_any_text_gives_consistent_offsets(words: list[str], geocoder: Geocoder) -> None:
    text = " ".join(words)
    ex = extract_report(report(text), geocoder)
    for m in ex.mentions:
        assert text[m.char_start:m.char_end] == m.evidence
        assert text[m.trigger_char_start:m.trigger_char_end] == m.trigger_text
        assert m.modality in {"reported", "denied", "warned", "called_for"}
    for s in ex.statements:
        assert text[s.char_start:s.char_end] == s.evidence

