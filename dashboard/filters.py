"""The one filter object shared by the dashboard, `dmon snapshot`, `dmon export` and their tests.

Filters apply to the `mentions_wide` view (see docs/schema.md). `where_sql` turns them into a WHERE
clause with bound parameters, so every reader filters the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

EVENT_TYPES: tuple[str, ...] = (
    "displacement", "return", "shelling", "airstrike", "drone_strike", "armed_clash", "attack",
    "siege", "ceasefire", "aid_access", "casualties", "demolition",
)
MODALITIES: tuple[str, ...] = ("reported", "denied", "warned", "called_for")


@dataclass(frozen=True)
class Filters:
    """What the user chose. Empty tuples mean "all"; modalities default to reported only."""

    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ("reported",)
    countries: tuple[str, ...] = ()
    admin1_names: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()  # a place also selects everything below it (see where_sql)
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    min_confidence: float = 0.0
    extra: dict = field(default_factory=dict, compare=False)

    def where_sql(self, alias: str = "") -> tuple[str, list]:
        """A SQL boolean expression over mentions_wide columns and its parameters."""
        col = (alias + ".") if alias else ""
        clauses: list[str] = []
        params: list = []
        if self.date_from is not None:
            clauses.append(f"{col}mention_date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append(f"{col}mention_date <= ?")
            params.append(self.date_to)
        for column, values in (
            ("event_type", self.event_types),
            ("modality", self.modalities),
            ("country_code", self.countries),
            ("admin1_name", self.admin1_names),
            ("source_name", self.sources),
            ("language", self.languages),
        ):
            if values:
                clauses.append(f"{col}{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.place_ids:
            marks = ", ".join("?" for _ in self.place_ids)
            # A chosen place selects itself and its descendants (neighbourhoods of a chosen city).
            clauses.append(
                f"({col}place_id IN ({marks}) OR {col}place_id IN ("
                f"WITH RECURSIVE below(pid) AS (SELECT place_id FROM places WHERE place_id IN ({marks}) "
                "UNION SELECT p.place_id FROM places p JOIN below b ON p.parent_place_id = b.pid) "
                "SELECT pid FROM below))"
            )
            params.extend(self.place_ids)
            params.extend(self.place_ids)
        if self.min_confidence > 0:
            clauses.append(f"{col}confidence >= ?")
            params.append(self.min_confidence)
        return (" AND ".join(clauses) or "TRUE"), params
