"""geo.geocoder: spellings, clitics, cue words, disambiguation, actor uses, the seed report."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.geocoder import Geocoder
from geo.types import GeoContext, Place, PlaceMatch

SEED_ARTICLE_END = "آخر الاضافات"


def located(matches: list[PlaceMatch]) -> list[str]:
    """Place ids of the matches that are locations (not actor uses)."""
    return [m.place_id for m in matches if not m.is_actor]


SHEIKH_MAQSOUD_SPELLINGS = [
    pytest.param("قصف على حي الشيخ مقصود في حلب", "الشيخ مقصود", id="ar-al-sheikh-maqsoud"),
    pytest.param("قصف على شيخ مقصود في حلب", "شيخ مقصود", id="ar-without-article"),
    pytest.param("قصفٌ على الشَّيخ مقصود", "الشَّيخ مقصود", id="ar-with-harakat"),
    pytest.param("Shelling hit Sheikh Maqsoud in Aleppo", "Sheikh Maqsoud", id="en-sheikh-maqsoud"),
    pytest.param("Shelling hit Sheikh Maqsood in Aleppo", "Sheikh Maqsood", id="en-sheikh-maqsood"),
    pytest.param("Shelling hit Shaykh Maqsud in Aleppo", "Shaykh Maqsud", id="en-shaykh-maqsud"),
    pytest.param("Êrîş li ser Şêxmeqsûd", "Şêxmeqsûd", id="ku-sexmeqsud"),
    pytest.param("Attacks on Sexmeqsud continued", "Sexmeqsud", id="ku-without-accents"),
    pytest.param("Clashes in al-Sheikh Maqsoud", "al-Sheikh Maqsoud", id="en-with-article"),
    pytest.param("SHEIKH MAKSOUD residents fled", "SHEIKH MAKSOUD", id="en-upper-case-k"),
]


@pytest.mark.parametrize(("text", "written"), SHEIKH_MAQSOUD_SPELLINGS)
def test_every_spelling_of_sheikh_maqsoud(geocoder: Geocoder, text: str, written: str) -> None:
    matches = [m for m in geocoder.find(text) if m.place_id == "sy-aleppo-sheikh-maqsoud"]
    assert len(matches) == 1
    match = matches[0]
    assert match.text == written
    assert text[match.start : match.end] == written
    assert match.method in {"exact", "variant"}
    assert match.place.geo_precision == 1


ASHRAFIEH_SPELLINGS = [
    pytest.param("الأشرفية", id="ar-hamza"),
    pytest.param("الاشرفية", id="ar-without-hamza"),
    pytest.param("الأشرفيه", id="ar-haa-for-taa-marbuta"),
    pytest.param("Ashrafieh", id="en-ieh"),
    pytest.param("Ashrafiyah", id="en-iyah"),
    pytest.param("Ashrafiyeh", id="en-iyeh"),
    pytest.param("Achrafieh", id="fr-achrafieh"),
    pytest.param("al-Ashrafiyah", id="en-with-article"),
]


@pytest.mark.parametrize("spelling", ASHRAFIEH_SPELLINGS)
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param("اشتباكات في حي {} بمدينة حلب", "sy-aleppo-ashrafieh", id="aleppo-ar-report"),
        pytest.param("Clashes in {} and Sheikh Maqsoud, Aleppo", "sy-aleppo-ashrafieh", id="aleppo-en-report"),
        pytest.param("غارة على {} في بيروت", "lb-beirut-achrafieh", id="beirut-ar-report"),
        pytest.param("An explosion shook {} in east Beirut", "lb-beirut-achrafieh", id="beirut-en-report"),
    ],
)
def test_every_spelling_of_ashrafieh_resolves_by_city(
    geocoder: Geocoder, spelling: str, template: str, expected: str
) -> None:
    text = template.format(spelling)
    matches = [m for m in geocoder.find(text) if m.text.endswith(spelling.split("-")[-1]) or m.text == spelling]
    ids = [m.place_id for m in matches if m.place.kind == "neighbourhood"]
    assert ids == [expected]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        pytest.param("الأشرفية", "LB", "lb-beirut-achrafieh", id="country-hint-lebanon"),
        pytest.param("سقطت قذيفة على الأشرفية في ريف دمشق", None, "sy-ashrafiyat-sahnaya", id="town-near-damascus"),
        pytest.param("قصف على أشرفية صحنايا", None, "sy-ashrafiyat-sahnaya", id="full-town-name-wins"),
        pytest.param("حي الميدان في دمشق", None, "sy-damascus-midan", id="midan-damascus"),
        pytest.param("اشتباكات في حي الميدان بحلب", None, "sy-aleppo-midan", id="midan-aleppo"),
        pytest.param("Shelling of the Midan district of Damascus", None, "sy-damascus-midan", id="midan-en-after-cue"),
        pytest.param("بانفجار في حي الميدان الدمشقي", None, "sy-damascus-midan", id="midan-city-adjective"),
        pytest.param("in Aleppo's Sukkari and Midan districts", None, "sy-aleppo-midan", id="possessive-city"),
    ],
)
def test_same_named_places_are_chosen_from_context(
    geocoder: Geocoder, text: str, country: str | None, expected: str
) -> None:
    ids = located(geocoder.find(text, GeoContext(country_hint=country)))
    assert expected in ids
    others = {"sy-aleppo-ashrafieh", "lb-beirut-achrafieh", "sy-ashrafiyat-sahnaya", "sy-aleppo-midan",
              "sy-damascus-midan"} - {expected}
    assert not others & set(ids)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("قصف على الأشرفية", id="ashrafieh-no-context"),
        pytest.param("قصف على الأشرفية بعد اجتماع في دمشق", id="ashrafieh-context-points-to-damascus-city"),
        pytest.param("حي الميدان في بيروت", id="midan-context-points-to-lebanon"),
        pytest.param("Clashes in Ashrafieh", id="en-no-context"),
    ],
)
def test_never_resolved_when_the_context_does_not_decide(geocoder: Geocoder, text: str) -> None:
    ids = set(located(geocoder.find(text)))
    assert not ids & {"sy-aleppo-ashrafieh", "lb-beirut-achrafieh", "sy-aleppo-midan", "sy-damascus-midan"}


CLITICS = [
    pytest.param("قصف على الشيخ مقصود والأشرفية في حلب", "والأشرفية", "sy-aleppo-ashrafieh", id="wa-al"),
    pytest.param("نزوح من الأشرفية وبالشيخ مقصود في حلب", "وبالشيخ مقصود", "sy-aleppo-sheikh-maqsoud", id="wa-bi-al"),
    pytest.param("عاد السكان للأشرفية في حلب", "للأشرفية", "sy-aleppo-ashrafieh", id="lil-contracted-article"),
    pytest.param("اشتباكات بحلب", "بحلب", "sy-aleppo", id="bi"),
    pytest.param("وصل النازحون لمخيم جباليا", "لمخيم جباليا", "ps-jabalia-camp", id="li-before-camp"),
    pytest.param("فحلب تشهد تصعيدا", "فحلب", "sy-aleppo", id="fa"),
    pytest.param("وبحي الشيخ مقصود", "الشيخ مقصود", "sy-aleppo-sheikh-maqsoud", id="clitic-on-cue-word"),
    pytest.param("وكخان يونس", "وكخان يونس", "ps-khan-younis", id="wa-ka"),
]


@pytest.mark.parametrize(("text", "written", "expected"), CLITICS)
def test_clitics(geocoder: Geocoder, text: str, written: str, expected: str) -> None:
    match = next(m for m in geocoder.find(text) if m.place_id == expected)
    assert match.text == written
    assert text[match.start : match.end] == written


def test_clitic_match_is_reported_as_clitic(geocoder: Geocoder) -> None:
    match = next(m for m in geocoder.find("اشتباكات بحلب") if m.place_id == "sy-aleppo")
    assert match.method == "clitic"
    assert "clitic ب" in match.reason


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        pytest.param("يعاني من السكري منذ سنوات", "sy-aleppo-sukkari", id="sukkari-diabetes"),
        pytest.param("أغلق الباب خلفه", "sy-al-bab", id="bab-door"),
        pytest.param("نشر صور الدمار", "lb-tyre", id="sour-pictures"),
        pytest.param("في تشرين الأول الماضي", "sy-aleppo-tishreen", id="tishreen-month"),
        pytest.param("رفع المتظاهرون شعار الحرية في الميدان", "sy-aleppo-midan", id="midan-square"),
        pytest.param("a sour taste", "lb-tyre", id="en-sour-adjective"),
        pytest.param("ذهب إلى الخيام لإيواء النازحين", "lb-khiam", id="khiam-tents"),
    ],
)
def test_common_word_names_without_a_cue_do_not_match(geocoder: Geocoder, text: str, place_id: str) -> None:
    assert place_id not in {m.place_id for m in geocoder.find(text)}


@pytest.mark.parametrize(
    ("text", "place_id", "written"),
    [
        pytest.param("قصف على حي السكري في حلب", "sy-aleppo-sukkari", "السكري", id="sukkari-with-hayy"),
        pytest.param("سيطرت القوات على مدينة الباب", "sy-al-bab", "الباب", id="bab-with-madina"),
        pytest.param("غارة على مدينة صور", "lb-tyre", "صور", id="tyre-with-madina"),
        pytest.param("قصف بلدة الخيام", "lb-khiam", "الخيام", id="khiam-with-balda"),
        pytest.param("Airstrikes on the town of Khiam", "lb-khiam", "Khiam", id="en-town-of"),
        pytest.param("Sukkari neighbourhood of Aleppo was shelled", "sy-aleppo-sukkari", "Sukkari", id="en-cue-after"),
        pytest.param("قصف أحياء الأشرفية والميدان والسريان في حلب", "sy-aleppo-midan", "والميدان", id="list-after-plural-cue"),
        pytest.param("قصف الشيخ مقصود والميدان", "sy-aleppo-midan", "والميدان", id="coordinated-with-same-city"),
        pytest.param("اشتباكات في الميدان في حلب", "sy-aleppo-midan", "الميدان", id="its-city-right-after"),
        pytest.param("Israeli troops blew up houses in Khiam", "lb-khiam", "Khiam", id="en-spelling-not-a-common-word"),
        pytest.param("A SARC convoy entered Douma on Saturday", "sy-douma", "Douma", id="en-homonym-needs-cue-loses"),
        pytest.param("Settlers attacked the village of Duma near Nablus", "ps-duma", "Duma", id="en-homonym-with-cue"),
    ],
)
def test_common_word_names_with_a_cue_or_strong_context_match(
    geocoder: Geocoder, text: str, place_id: str, written: str
) -> None:
    match = next(m for m in geocoder.find(text) if m.place_id == place_id)
    assert match.text == written
    assert match.reason


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        pytest.param("جرائم الفصائل الموالية لدمشق", "sy-damascus", id="ar-loyal-to"),
        pytest.param("بسبب إصرار فصائل حكومة دمشق على التصعيد", "sy-damascus", id="ar-government-of"),
        pytest.param("القوات التابعة لدمشق", "sy-damascus", id="ar-belonging-to"),
        pytest.param("دمشق تنفي الاتهامات", "sy-damascus", id="ar-verb-after"),
        pytest.param("قالت دمشق إن", "sy-damascus", id="ar-said-before"),
        pytest.param("Damascus said on Monday that", "sy-damascus", id="en-said"),
        pytest.param("Damascus-backed factions advanced", "sy-damascus", id="en-backed"),
        pytest.param("fighters loyal to Damascus", "sy-damascus", id="en-loyal-to"),
        pytest.param("the Damascus government denied it", "sy-damascus", id="en-the-x-government"),
        pytest.param("Beirut announced new measures", "lb-beirut", id="en-beirut-announced"),
        pytest.param("قوات سوريا الديمقراطية (قسد)", "sy", id="ar-sdf-name"),
        pytest.param("the Syrian Democratic Forces", "sy", id="en-sdf-name-has-no-place"),
    ],
)
def test_actor_uses_are_flagged(geocoder: Geocoder, text: str, place_id: str) -> None:
    matches = [m for m in geocoder.find(text) if m.place_id == place_id]
    assert all(m.is_actor for m in matches)
    assert place_id not in located(geocoder.find(text))


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        pytest.param("قصف على دمشق", "sy-damascus", id="ar-shelling-on"),
        pytest.param("الإدارة الذاتية في حلب تنفي التهدئة", "sy-aleppo", id="ar-in-x-then-verb"),
        pytest.param("Airstrikes hit Damascus overnight", "sy-damascus", id="en-location"),
    ],
)
def test_locations_are_not_actors(geocoder: Geocoder, text: str, place_id: str) -> None:
    assert place_id in located(geocoder.find(text))


def test_matches_are_sorted_non_overlapping_and_longest(geocoder: Geocoder) -> None:
    text = "نزوح من مخيم جباليا إلى حلب الجديدة وريف حلب"
    matches = geocoder.find(text)
    assert [m.place_id for m in matches] == ["ps-jabalia-camp", "sy-aleppo-new-aleppo", "sy-gov-aleppo"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a hospital in Nuseirat received wounded after a strike near the camp's market",
                     "ps-nuseirat-camp", id="en-the-camp-later"),
        pytest.param("غارة على النصيرات أدت إلى دمار في سوق المخيم", "ps-nuseirat-camp", id="ar-the-camp-later"),
        pytest.param("a strike in Nuseirat town centre", "ps-nuseirat", id="en-town"),
    ],
)
def test_town_means_its_camp_when_the_text_speaks_of_the_camp(geocoder: Geocoder, text: str, expected: str) -> None:
    assert located(geocoder.find(text)) == [expected]


def test_city_preferred_over_same_named_governorate(geocoder: Geocoder) -> None:
    assert located(geocoder.find("قصف في إدلب")) == ["sy-idlib"]
    assert located(geocoder.find("قصف في محافظة إدلب")) == ["sy-gov-idlib"]


@pytest.fixture
def seed_article(seed_report: Path) -> str:
    text = seed_report.read_text(encoding="utf-8")
    return text.split(SEED_ARTICLE_END)[0]


def test_seed_report(geocoder: Geocoder, seed_article: str) -> None:
    matches = geocoder.find(seed_article, GeoContext(country_hint="SY", language="ar"))
    ids = set(located(matches))
    assert {"sy-aleppo", "sy-aleppo-sheikh-maqsoud", "sy-aleppo-ashrafieh"} <= ids
    assert not {pid for pid in ids if pid.startswith(("ps", "lb"))} - {"lb", "ps"}  # only the section header
    assert "lb-beirut-achrafieh" not in ids and "sy-ashrafiyat-sahnaya" not in ids
    damascus = [m for m in matches if m.place_id == "sy-damascus"]
    assert damascus and all(m.is_actor for m in damascus)
    for m in matches:
        assert seed_article[m.start : m.end] == m.text
        assert m.method in {"exact", "variant", "clitic", "context_rule"}
        assert 0 < m.confidence <= 1


def test_seed_report_comments_name_no_gazetteer_place_in_iraq_jordan_or_germany(
    geocoder: Geocoder, seed_report: Path
) -> None:
    comments = seed_report.read_text(encoding="utf-8").split(SEED_ARTICLE_END)[1]
    countries = {m.place.country_code for m in geocoder.find(comments)}
    assert countries <= {"SY", "LB", "PS"}  # the gazetteer has nothing in Iraq, Jordan or Germany


def test_explain_lists_candidates_with_reasons(geocoder: Geocoder) -> None:
    candidates = {c.place.place_id: c for c in geocoder.explain("والأشرفية", "قصف على حلب")}
    assert set(candidates) >= {"sy-aleppo-ashrafieh", "lb-beirut-achrafieh"}
    assert candidates["sy-aleppo-ashrafieh"].chosen
    assert not candidates["lb-beirut-achrafieh"].chosen
    assert "sy-aleppo-ashrafieh was chosen" in candidates["lb-beirut-achrafieh"].why
    midan = {c.place.place_id: c for c in geocoder.explain("الميدان")}
    assert all(not c.chosen and "cue" in c.why for c in midan.values())


def test_geocoder_from_explicit_places_and_get(geocoder: Geocoder) -> None:
    aleppo = geocoder.get("sy-aleppo")
    small = Geocoder([aleppo])
    assert small.places == [aleppo]
    assert [m.place_id for m in small.find("في حلب")] == ["sy-aleppo"]
    assert small.get("sy-damascus") is None


def _imported(place_id: str, name_en: str, name_ar: str, kind: str = "town", lat: float = 35.0,
              lon: float = 38.0, parent: str | None = "sy-gov-raqqa") -> Place:
    return Place(place_id=place_id, name_en=name_en, name_ar=name_ar, kind=kind, country_code="SY",
                 parent_place_id=parent, lat=lat, lon=lon, source=f"import:test {place_id}")


@pytest.fixture(scope="module")
def with_imports() -> Geocoder:
    return Geocoder.from_builtin([
        _imported("sy-sa-id", "Sa'id", "سعيد"),
        _imported("sy-madinat-al-awda", "Madinat al Awda", "مدينة العودة", ),
        _imported("sy-halab-village", "Halab", "حلب", lat=35.5, lon=39.5),
        _imported("sy-markaz-dayr-az-zawr", "Deir ez-Zor", "دير الزور", kind="district", parent="sy-gov-deir-ez-zor"),
        _imported("sy-tall-abu-qubays", "Tall Abu Qubays", "تل أبو قبيس"),
    ])


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        pytest.param("the spokesman said on Monday", set(), {"sy-sa-id"}, id="single-word-import-needs-a-cue"),
        pytest.param("shelling of the village of Said", {"sy-sa-id"}, set(), id="single-word-import-with-cue"),
        pytest.param("حق العودة للاجئين", set(), {"sy-madinat-al-awda"}, id="import-variant-word-needs-cue"),
        pytest.param("قصف على تل أبو قبيس", {"sy-tall-abu-qubays"}, set(), id="multi-word-import-matches"),
        pytest.param("قصف على حلب", {"sy-aleppo"}, {"sy-halab-village"}, id="curated-city-beats-imported-homonym"),
        pytest.param("Clashes in Deir ez-Zor", {"sy-deir-ez-zor"}, {"sy-markaz-dayr-az-zawr"},
                     id="imported-district-does-not-shadow-city"),
    ],
)
def test_imported_places(with_imports: Geocoder, text: str, expected: set[str], absent: set[str]) -> None:
    ids = set(located(with_imports.find(text)))
    assert expected <= ids
    assert not absent & ids


def test_builtin_row_wins_over_an_imported_place_with_the_same_id() -> None:
    geocoder = Geocoder.from_builtin([_imported("sy-aleppo", "Somewhere", "مكان")])
    assert geocoder.get("sy-aleppo").name_ar == "حلب"
    assert not geocoder.find("مكان")


@functools.lru_cache(maxsize=1)
def _shared_geocoder() -> Geocoder:
    return Geocoder.from_builtin()


_NAMES = ["الشيخ مقصود", "والأشرفية", "بحلب", "لمخيم جباليا", "Sheikh Maqsood", "Ashrafieh", "al-Bab", "Şêxmeqsûd",
          "حي الميدان", "Damascus-backed", "الموالية لدمشق", "Khan Younis", "حَلَب", "مدينة صور", "Beirut's"]
_FILLER = ["قصف", "على", "في", "و", "،", ".", " ", "\n", "the", "shelling", "of", "(", ")", "-", "ـ", "١٢"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_NAMES + _FILLER), max_size=30).map(" ".join))
def test_matches_are_sorted_non_overlapping_and_quote_the_text(text: str) -> None:
    matches = _shared_geocoder().find(text)
    for a, b in itertools.pairwise(matches):
        assert a.end <= b.start
    for m in matches:
        assert text[m.start : m.end] == m.text and m.text.strip() == m.text
        assert m.method in {"exact", "variant", "clitic", "context_rule"} and m.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Israeli strikes hit Tyre on Monday, residents said.", {"lb-tyre"}, id="capital-mid-sentence"),
        pytest.param("Shelling was reported in Tyre and its camps.", {"lb-tyre"}, id="capital-after-in"),
        pytest.param("The lorry had a flat tyre near the checkpoint.", set(), id="common-word-lowercase"),
        pytest.param("Tyre prices rose again this month.", set(), id="capital-at-sentence-start"),
    ],
)
def test_capitalised_latin_common_word_names_are_proper_nouns(geocoder, text, expected):
    found = {m.place_id for m in geocoder.find(text) if not m.is_actor}
    assert found == expected
