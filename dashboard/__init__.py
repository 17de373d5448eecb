"""Streamlit dashboard, weekly PDF snapshot, SQL queries and exports. Reads DuckDB; imports neither ingest nor geo."""
