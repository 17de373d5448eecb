"""Gazetteer and geocoder for Syria, Lebanon and Palestine.

`geo` imports nothing else of this project. `ingest` calls it through `geo.geocoder.Geocoder`.
"""
