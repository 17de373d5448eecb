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
