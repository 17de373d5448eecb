"""The thin Streamlit layer over dashboard.queries: caching, freshness and the last good result.

Every function here calls the plain function of the same name in dashboard.queries, cached with
st.cache_data under a key that includes the database file's version (size and modification time),
so new data from `dmon ingest` appears on the next rerun without a restart. When the database is
busy (a writer holds the lock), the last good result for the same arguments is returned and
`stale_since()` tells the page to say so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import queries
from dashboard.filters import Filters

log = logging.getLogger(__name__)

_LAST_GOOD: dict[tuple, Any] = {}
_LAST_GOOD_LOCK = threading.Lock()
_STALE: dict[str, float] = {}


def _filters_key(filters: Filters) -> tuple:
    return (filters.date_from, filters.date_to, filters.event_types, filters.modalities, filters.countries,
            filters.admin1_names, filters.place_ids, filters.sources, filters.languages, filters.min_confidence)


_HASH_FUNCS = {Filters: _filters_key}


def _key_part(value: Any) -> Any:
    if isinstance(value, Filters):
        return _filters_key(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def _cached(function: Callable) -> Callable:
    """Wrap a queries function taking (db_path, ...) with st.cache_data keyed on the db version."""

    # Streamlit keys a cache on the wrapped function's code, identical for every `run` made here, so
    # the function name is part of the arguments.
    @st.cache_data(show_spinner=False, max_entries=256, hash_funcs=_HASH_FUNCS)
    def run(name: str, db_path: str, version: tuple, *args: Any, **kwargs: Any) -> Any:
        return function(db_path, *args, **kwargs)

    def call(db_path: Path | str, *args: Any, **kwargs: Any) -> Any:
        path = str(db_path)
        key = (function.__name__, path, tuple(_key_part(a) for a in args),
               tuple(sorted((k, _key_part(v)) for k, v in kwargs.items())))
        try:
            result = run(function.__name__, path, queries.db_version(path), *args, **kwargs)
        except queries.DataUnavailable as exc:
            if exc.kind != "busy":
                raise
            with _LAST_GOOD_LOCK:
                if key not in _LAST_GOOD:
                    raise
                _STALE[path] = time.time()
                return _LAST_GOOD[key]
        with _LAST_GOOD_LOCK:
            _LAST_GOOD[key] = result
            _STALE.pop(path, None)
        return result

    call.__name__ = function.__name__
    call.__doc__ = function.__doc__
    return call


def stale_since(db_path: Path | str) -> float | None:
    """When the last read of this database fell back to older data because it was busy, else None."""
    return _STALE.get(str(db_path))


check_database = _cached(queries.check_database)
data_overview = _cached(queries.data_overview)
place_choices = _cached(queries.place_choices)
value_choices = _cached(queries.value_choices)
place_counts = _cached(queries.place_counts)
timeline = _cached(queries.timeline)
place_timeline = _cached(queries.place_timeline)
mention_count = _cached(queries.mention_count)
evidence = _cached(queries.evidence)
latest_evidence = _cached(queries.latest_evidence)
statements = _cached(queries.statements)
figures = _cached(queries.figures)
boundaries = _cached(queries.boundaries)
