"""Reads reports, extracts where and what, and stores it in DuckDB. May import `geo`, never `dashboard`."""
