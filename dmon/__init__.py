"""The `dmon` command line: a thin shell over ingest/, geo/ and dashboard/."""
