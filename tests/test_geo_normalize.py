"""geo.normalize: Arabic and Latin folding, offsets back to the original, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.normalize import normalize, normalize_text

SAME_KEY = [
    # Arabic letter forms
    pytest.param("الأشرفية", "الاشرفيه", id="ar-hamza-alef-and-taa-marbuta"),
    pytest.param("إدلب", "ادلب", id="ar-alef-hamza-below"),
    pytest.param("آل", "ال", id="ar-alef-madda"),
    pytest.param("مصطفى", "مصطفي", id="ar-alef-maqsura"),
    pytest.param("حَلَبُ", "حلب", id="ar-harakat"),
    pytest.param("حلـــب", "حلب", id="ar-tatweel"),
    pytest.param("کوبانی", "كوباني", id="fa-kaf-and-yeh"),
    pytest.param("گوران", "كوران", id="fa-gaf"),
    pytest.param("پاریس", "باريس", id="fa-peh"),
    pytest.param("چمن", "جمن", id="fa-tcheh"),
    pytest.param("٢٠٢٦", "2026", id="arabic-indic-digits"),
    pytest.param("۲۰۲۶", "2026", id="persian-digits"),
    pytest.param("رأس العين", "راس العين", id="ar-hamza-on-alef-mid-word"),
    # Latin transliteration variants
    pytest.param("Sheikh Maqsoud", "Shaykh Maqsud", id="en-sheikh-shaykh-ou-u-q"),
    pytest.param("Sheikh Maqsood", "Sheikh Maqsoud", id="en-oo-ou"),
    pytest.param("Şêxmeqsûd", "Sexmeqsud", id="en-kurdish-accents"),
    pytest.param("Ashrafieh", "Ashrafiyah", id="en-ieh-iyah"),
    pytest.param("Ashrafiyeh", "Ashrafiya", id="en-iyeh-iya"),
    pytest.param("Achrafieh", "Ashrafiyya", id="en-french-ch-and-iyya"),
    pytest.param("al-Bab", "Bab", id="en-article-al"),
    pytest.param("El Bab", "bab", id="en-article-el"),
    pytest.param("as-Sabil", "Sabil", id="en-article-as-hyphen"),
    pytest.param("ash-Shahba", "Shahba", id="en-article-ash-hyphen"),
    pytest.param("Salah ad-Din", "Salah Din", id="en-article-ad-hyphen"),
    pytest.param("Deir ez-Zor", "Deir al-Zour", id="en-article-ez-and-ou"),
    pytest.param("Raqqah", "Raqqa", id="en-double-letter-and-final-ah"),
    pytest.param("Hasakeh", "Hasakah", id="en-final-eh-ah"),
    pytest.param("Maqsoud", "Maksoud", id="en-q-k"),
    pytest.param("Wadi al-Dhahab", "Wadi Zahab", id="en-dh-z"),
    pytest.param("Ma'arrat al-Nu'man", "Maarat Numan", id="en-apostrophes"),
    pytest.param("KHAN YOUNIS", "Khan Yunis", id="en-case-ou"),
]


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_spellings_fold_to_the_same_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


DIFFERENT_KEY = [
    pytest.param("حلب", "حماة", id="different-cities"),
    pytest.param("as Sabil", "Sabil", id="bare-as-is-not-an-article"),
    pytest.param("Tyre", "Tripoli", id="different-latin"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_punctuation_separates_words_so_no_name_runs_across_it() -> None:
    assert normalize("Aleppo, Idlib") == "alepu|idlib"
    assert normalize("الأشرفية، الميدان.") == "الاشرفيه|الميدان"


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        pytest.param("قصف على والأشرفية اليوم", "الاشرفيه", "الأشرفية", id="clitic-word-maps-back"),
        pytest.param("في حَلَبَ اليوم", "حلب", "حَلَبَ", id="harakat-map-back"),
        pytest.param("in al-Ashrafiyeh today", "ashrafiya", "al-Ashrafiyeh", id="latin-word-and-its-article-map-back"),
        pytest.param("Şêxmeqsûd, Aleppo", "sexmeksud", "Şêxmeqsûd", id="accents-map-back"),
    ],
)
def test_offsets_map_back_to_the_original_text(text: str, fragment: str, expected: str) -> None:
    norm = normalize_text(text)
    start = norm.text.index(fragment)
    s, e = norm.original_span(start, start + len(fragment))
    assert text[s:e] == expected


arabic_letters = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْکگیپچ٠١٢۳"))
latin_letters = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzAEIOUQŞêûéçḨāıß×'-"))
separators = st.sampled_from([" ", "  ", "-", ",", "، ", ".", "\n", "'"])
texts = st.lists(st.one_of(arabic_letters, latin_letters, separators), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fast_path_equals_offset_path(text: str) -> None:
    norm = normalize_text(text)
    assert normalize(text) == norm.text
    for word_start in norm.word_norm_starts:
        word_end = _word_end(norm.text, word_start)
        start, end = norm.original_span(word_start, word_end)
        assert 0 <= start < end <= len(text)
        assert norm.word_start(word_end - 1) == word_start


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in " |":
        end += 1
    return end


@pytest.mark.parametrize("text", [
    pytest.param("all", id="folds-to-al"),
    pytest.param("ell", id="folds-to-el"),
    pytest.param("aal", id="long-a-article"),
    pytest.param("All displaced families", id="in-a-phrase"),
])
def test_words_that_fold_to_an_article_are_dropped_at_once(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "al" not in once.split() and "el" not in once.split()
