"""TEMPORARY placeholder: extraction returns nothing until the extraction owner (issue 4) lands it."""

from __future__ import annotations

from geo.geocoder import Geocoder
from ingest.records import Extraction, Report


def extract_report(report: Report, geocoder: Geocoder) -> Extraction:
    return Extraction()
