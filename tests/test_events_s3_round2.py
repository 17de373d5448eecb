"""Session 3, round 2: event types and modality on general phenomena found on a second real set, each shown
on invented sentences (none is copied from a real, gold or held-out report). Built-in gazetteer and lexicon."""

from __future__ import annotations

from datetime import date

import pytest

from geo.geocoder import Geocoder
from ingest.extract import extract_report
from ingest.records import Extraction, Report


def run(text: str, geocoder: Geocoder, language: str) -> Extraction:
    rep = Report(report_id="s3r2", url="test:", source_name=None, title=None, language=language,
                 published_date=date(2026, 3, 4), body_text=text, content_sha256="0", input_kind="text")
    return extract_report(rep, geocoder)


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(m.place_id, m.event_type, m.modality) for m in ex.mentions}


def check(geocoder: Geocoder, text: str, language: str, present: set, absent: set) -> None:
    got = triples(run(text, geocoder, language))
    assert present <= got, got
    assert not absent & got, got


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("أصيب رجل إثر غارة جوية استهدفت أطراف مدينة إدلب، تزامناً مع قصف مماثل على بلدة سراقب.", "ar",
                     {("sy-saraqib", "airstrike", "reported")}, {("sy-saraqib", "shelling", "reported")},
                     id="ar-similar-bombardment-after-airstrike"),
        pytest.param("A child was hurt when an airstrike hit Saraqib, and a similar bombardment struck Ariha.", "en",
                     {("sy-ariha", "airstrike", "reported")}, {("sy-ariha", "shelling", "reported")},
                     id="en-similar-bombardment-after-airstrike"),
        pytest.param("صعّد الطيران الحربي من حملته على ريف إدلب، وقصف بلدة سراقب ومدينة أريحا.", "ar",
                     {("sy-saraqib", "airstrike", "reported"), ("sy-ariha", "airstrike", "reported")},
                     {("sy-saraqib", "shelling", "reported")}, id="ar-aircraft-actor-bombards"),
        pytest.param("قصفت الطائرات الحربية سراقب، وقصفت المدفعية مدينة أريحا.", "ar",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="ar-artillery-after-aircraft-stays-shelling"),
        pytest.param("Warplanes struck Saraqib while army troops bombarded Ariha.", "en",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="en-ground-forces-after-aircraft-stay-shelling"),
        pytest.param("قصف مدفعي على بلدة سراقب وقصف مماثل على مدينة أريحا.", "ar",
                     {("sy-ariha", "shelling", "reported")}, {("sy-ariha", "airstrike", "reported")},
                     id="ar-similar-after-shelling-stays-shelling"),
        pytest.param("Airstrikes and shelling hit Saraqib overnight.", "en",
                     {("sy-saraqib", "shelling", "reported"), ("sy-saraqib", "airstrike", "reported")}, set(),
                     id="en-two-means-side-by-side"),
    ],
)
def test_means_of_a_bare_bombardment(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        pytest.param("Residents of Saraqib fear the militias will escalate their attacks.", "en",
                     {("sy-saraqib", "attack", "reported")}, {("sy-saraqib", "attack", "warned")},
                     id="en-escalation-presupposes-attacks"),
        pytest.param("The agency urged donors to act as the militias stepped up their raids on Saraqib.", "en",
                     {("sy-saraqib", "armed_clash", "reported")}, {("sy-saraqib", "armed_clash", "called_for")},
                     id="en-stepped-up-raids-inside-call"),
        pytest.param("حذر الأهالي من تصعيد القصف على بلدة سراقب.", "ar",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "shelling", "warned")},
                     id="ar-escalation-presupposes-shelling"),
        pytest.param("Mediators are racing to avert an offensive on Saraqib.", "en",
                     {("sy-saraqib", "attack", "warned")}, {("sy-saraqib", "attack", "reported")},
                     id="en-avert-is-a-threat"),
        pytest.param("Talks failed to agree on a truce for Saraqib.", "en",
                     {("sy-saraqib", "ceasefire", "denied")}, {("sy-saraqib", "ceasefire", "reported")},
                     id="en-failed-to-agree-truce"),
        pytest.param("The army failed to stop the shelling of Saraqib.", "en",
                     {("sy-saraqib", "shelling", "reported")}, {("sy-saraqib", "shelling", "denied")},
                     id="en-failed-to-stop-affirms"),
        pytest.param("حذّرت الأمم المتحدة من أن المساعدات لم تصل إلى سراقب منذ أسبوع.", "ar",
                     {("sy-saraqib", "aid_access", "denied")}, {("sy-saraqib", "aid_access", "warned")},
                     id="ar-past-negation-under-warning-is-denial"),
        pytest.param("The UN warned that aid convoys would not reach Saraqib this week.", "en",
                     {("sy-saraqib", "aid_access", "warned")}, set(),
                     id="en-future-negation-under-warning-stays-warned"),
    ],
)
def test_modality_scope(geocoder, text, language, present, absent) -> None:
    check(geocoder, text, language, present, absent)
