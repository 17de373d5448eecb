"""Session 3 place roles: location cues that are not event places (ingest/extract/mentions.py, refine_roles).

Invented sentences (never text from real reports), run with the built-in gazetteer and lexicon. Each
table has the case the rule is for and a control that must keep its event place.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Extraction, Report


def run(text: str, geocoder: Geocoder, language: str) -> Extraction:
    rep = Report(report_id="r", url="test:", source_name=None, title=None, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return extract_report(rep, geocoder)


def event_places(ex: Extraction) -> set[str]:
    return {m.place_id for m in ex.mentions if m.place_role == "target"}


# (text, language, places that must be event places, places that must not)
LOCATION_CUES = [
    pytest.param("هدمت جرافات منزلين في حي البساتين شرق مدينة جنين.", "ar", set(),
                 {"ps-jenin"}, id="ar-unknown-neighbourhood-located-by-city"),
    pytest.param("قصفت المدفعية قرية العين الزرقاء جنوب شرق رفح.", "ar", set(), {"ps-rafah"},
                 id="ar-unknown-village-two-direction-words"),
    pytest.param("Bulldozers razed two homes in the Olive Grove quarter, south of Jenin, on Monday.", "en",
                 set(), {"ps-jenin"}, id="en-unknown-neighbourhood-comma-north-of"),
    pytest.param("A tank shell exploded some 3 km from al-Shifa Hospital in Gaza City at dawn.", "en",
                 {"ps-gaza-city"}, {"ps-al-shifa-hospital"}, id="en-distance-from-a-place"),
    pytest.param("انفجرت قذيفة دبابة على بعد 3 كم من مجمع الشفاء الطبي في مدينة غزة.", "ar", {"ps-gaza-city"},
                 {"ps-al-shifa-hospital"}, id="ar-distance-from-a-place"),
    pytest.param("احترقت حقول قمح بعد قصف على المنطقة الواقعة بين منبج والطبقة.", "ar", set(),
                 {"sy-manbij", "sy-tabqa"}, id="ar-area-between-two-towns"),
    pytest.param("Shelling damaged farms along the road between Saraqib and Maarat al-Numan.", "en", set(),
                 {"sy-saraqib", "sy-maarat-al-numan"}, id="en-road-between-two-towns"),
    pytest.param("اندلعت اشتباكات مسلحة في بلدة جرمانا بدمشق ليلاً.", "ar", {"sy-jaramana"},
                 {"sy-damascus"}, id="ar-town-ba-city"),
    pytest.param("Gunfire broke out in Jaramana in Damascus overnight.", "en", {"sy-jaramana"},
                 {"sy-damascus"}, id="en-town-in-city"),
    pytest.param("قُتل راعيان، مساء السبت، بقذيفة أطلقتها دبابة على أطراف قرية بليدا، "
                 "جنوب لبنان، بحسب رئيس البلدية.", "ar", {"lb-blida"}, {"lb-gov-south"},
                 id="ar-apposition-region-after-village"),
    pytest.param("Two shepherds were killed on Saturday, the mayor said, when a tank shell hit the edge of the village of "
                 "Blida, southern Lebanon, in the evening.", "en", {"lb-blida"},
                 {"lb-gov-south"}, id="en-apposition-region-after-village"),
    pytest.param("وجرى إخراج المصابين بالحافلات من بلدة سراقب إلى مناطق شمال شرق سوريا.", "ar", set(),
                 {"sy-region-north-east"}, id="ar-wounded-taken-out-to-a-destination"),
    # Controls: the town itself, a known place located by a direction (place_roles already), clashes between.
    pytest.param("Drone strikes hit Blida, southern Lebanon and the Bekaa on Monday.", "en", {"lb-blida"},
                 set(), id="en-control-list-is-no-apposition"),
    pytest.param("قصفت الطائرات بلدة بنت جبيل.", "ar", {"lb-bint-jbeil"}, set(), id="ar-control-name-starting-with-ba"),
    pytest.param("Gunfire broke out in Jaramana and Damascus overnight.", "en",
                 {"sy-jaramana", "sy-damascus"}, set(), id="en-control-coordinated-town-and-city"),
    pytest.param("هدمت جرافات منزلين في مدينة جنين.", "ar", {"ps-jenin"}, set(),
                 id="ar-control-city-itself"),
    pytest.param("قصفت المدفعية بلدة شمال رفح.", "ar", {"ps-rafah"}, set(), id="ar-control-no-name-after-kind-word"),
    pytest.param("Shelling hit Saraqib and Maarat al-Numan on Monday.", "en", {"sy-saraqib", "sy-maarat-al-numan"}, set(),
                 id="en-control-two-towns"),
    pytest.param("An airstrike hit Khan Younis, 20 people were killed.", "en", {"ps-khan-younis"}, set(),
                 id="en-control-number-without-distance"),
]


@pytest.mark.parametrize(("text", "language", "present", "absent"), LOCATION_CUES)
def test_location_cues_are_not_event_places(geocoder: Geocoder, text: str, language: str, present: set[str],
                                            absent: set[str]) -> None:
    places = event_places(run(text, geocoder, language))
    assert present <= places, places
    assert not places & absent, places


@pytest.mark.parametrize(("text", "language", "present", "absent"), [
    pytest.param("سقطت قذائف على ريف منبج شرق حلب، حيث احترقت حقول القمح.", "ar", {"sy-gov-aleppo"},
                 {"sy-aleppo"}, id="ar-where-after-a-locator-is-the-located-place"),
    pytest.param("نزحت عائلات إلى بلدة الدانا، حيث تعرضت البلدة لقصف مدفعي.", "ar", {"sy-dana"}, set(),
                 id="ar-control-where-after-a-destination"),
])
def test_where_clause_after_a_locator(geocoder: Geocoder, text: str, language: str, present: set[str],
                                      absent: set[str]) -> None:
    places = event_places(run(text, geocoder, language))
    assert present <= places, places
    assert not places & absent, places


def test_location_cue_role_is_explained(geocoder: Geocoder) -> None:
    text = "An airstrike landed about 1km away from Nasser Hospital in Khan Younis on Sunday."
    ex = extract_report(Report(report_id="r", url="test:", source_name=None, title=None, language="en",
                               published_date=date(2026, 3, 4), body_text=text, content_sha256="0",
                               input_kind="text"), geocoder)
    assert {m.place_id for m in ex.mentions} == {"ps-khan-younis"}


@pytest.mark.parametrize(("url", "country"), [
    pytest.param("https://www.example.lb/news/1", "LB", id="lebanese-domain"),
    pytest.param("http://agency.gov.sy/article?id=2", "SY", id="syrian-government-domain"),
    pytest.param("https://news.example.ps/a", "PS", id="palestinian-domain"),
    pytest.param("https://www.example.com/lb/news", None, id="generic-domain-says-nothing"),
    pytest.param("gold:ar-001", None, id="not-a-web-address"),
    pytest.param("", None, id="no-address"),
])
def test_source_country_from_the_site_domain(url: str, country: str | None) -> None:
    from ingest.extract import source_country

    assert source_country(url) == country


def test_site_country_admits_a_common_word_name(geocoder: Geocoder) -> None:
    """الضاحية alone is Beirut's Dahiyeh only in reports about Lebanon: a Lebanese site's report is one."""
    text = "استهدفت غارة مبنى في الضاحية فجر اليوم."

    def places(url: str) -> set[str]:
        rep = Report(report_id="r", url=url, source_name=None, title=None, language="ar",
                     published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
        return event_places(extract_report(rep, geocoder))

    assert "lb-dahiyeh" in places("https://www.example.lb/news/1")
    assert "lb-dahiyeh" not in places("https://www.example.com/news/1")


# (text, language, places that must be event places, places that must not): page furniture left in the text.
FURNITURE = [
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nAid workers unload boxes in Maarat al-Numan. "
                 "Photo: Relief Group", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"}, id="en-photo-caption"),
    pytest.param("قصفت المدفعية بلدة سراقب صباح اليوم.\n\nطفلان قرب منزل دمره القصف في معرة النعمان. رويترز",
                 "ar", {"sy-saraqib"}, {"sy-maarat-al-numan"}, id="ar-caption-with-agency-credit"),
    pytest.param("قصفت المدفعية بلدة سراقب صباح اليوم.\n\nدخان القصف فوق معرة النعمان (أ ف ب)", "ar", {"sy-saraqib"},
                 {"sy-maarat-al-numan"}, id="ar-caption-credit-in-brackets"),
    pytest.param("Shelling hit Saraqib on Monday, residents said.\n\nAirstrikes kill five in Maarat al-Numan as talks stall\n\n"
                 "Press release", "en", {"sy-saraqib"}, {"sy-maarat-al-numan"}, id="en-trailing-related-headline"),
    # Controls: a last sentence with its full stop; a sentence cut short (a comma) is still the story.
    pytest.param("Shelling hit Saraqib on Monday.\n\nAirstrikes killed five people in Maarat al-Numan on Tuesday.", "en",
                 {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-last-paragraph-is-a-sentence"),
    pytest.param("Shelling hit Saraqib on Monday.\n\nOn Tuesday, airstrikes killed five people in Maarat al-Numan", "en",
                 {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-cut-sentence-with-a-comma"),
    pytest.param("Overnight events:\n\n- Shelling on Saraqib\n\n- Airstrikes on Maarat al-Numan", "en",
                 {"sy-saraqib", "sy-maarat-al-numan"}, set(), id="en-control-bullet-list-at-the-end"),
    pytest.param("Shelling hit Maarat al-Numan on Monday and killed two people, the agency said in a statement (Reuters).",
                 "en", {"sy-maarat-al-numan"}, set(), id="en-control-credit-inside-a-full-sentence"),
]


@pytest.mark.parametrize(("text", "language", "present", "absent"), FURNITURE)
def test_page_furniture_has_no_event_places(geocoder: Geocoder, text: str, language: str, present: set[str],
                                            absent: set[str]) -> None:
    places = event_places(run(text, geocoder, language))
    assert present <= places, places
    assert not places & absent, places
