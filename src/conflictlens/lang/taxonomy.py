"""ACLED's event typology, the CASE 2021 labels and the PLOVER defaults, read from a data file.

The table lives in ``data/acled_types.tsv`` (one row per ACLED sub-event type, plus the five
CASE 2021 labels that ACLED does not have) so that an analyst can read and correct the
mapping without touching code. This module only parses it, once per process, and answers
look-ups by sub-event name or by CASE label.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from .datafiles import packaged_text

# The PLOVER event types conflictlens uses. DEMAND is not separate: PLOVER files demands
# under REQUEST.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_COLUMNS = ("case_label", "event_type", "sub_event_type", "disorder_type", "plover", "plover_mode", "acled", "summary")


@dataclass(frozen=True)
class SubEventType:
    """One row of the table. ``event_type`` and ``sub_event_type`` are None outside ACLED."""

    case_label: str
    event_type: str | None
    sub_event_type: str | None
    disorder_type: str | None
    plover: str | None
    plover_mode: str | None
    acled: bool
    summary: str


@dataclass(frozen=True)
class Taxonomy:
    rows: tuple[SubEventType, ...]

    def by_sub_event(self, name: str) -> SubEventType:
        for row in self.rows:
            if row.sub_event_type == name:
                return row
        raise KeyError(f"not an ACLED sub-event type: {name!r}")

    def by_case_label(self, label: str) -> SubEventType:
        for row in self.rows:
            if row.case_label == label:
                return row
        raise KeyError(f"not a CASE 2021 label: {label!r}")

    @property
    def acled_rows(self) -> tuple[SubEventType, ...]:
        return tuple(r for r in self.rows if r.acled)

    @property
    def case_labels(self) -> tuple[str, ...]:
        return tuple(r.case_label for r in self.rows)

    @property
    def acled_case_labels(self) -> frozenset[str]:
        """The 25 CASE labels that are ACLED sub-event types (OTHER included)."""
        return frozenset(r.case_label for r in self.rows if r.acled)

    @property
    def event_types(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in self.acled_rows:
            seen[r.event_type or ""] = None
        return tuple(seen)


def _cell(value: str) -> str | None:
    value = (value or "").strip()
    return None if value in ("", "-") else value


def parse_taxonomy(text: str, source: str = "acled_types.tsv") -> Taxonomy:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DataFileError(f"{source}: expected columns {', '.join(_COLUMNS)}")
    rows = []
    for n, raw in enumerate(reader, start=2):
        acled = (raw["acled"] or "").strip()
        if acled not in ("yes", "no"):
            raise DataFileError(f"{source}: row {n}: acled must be yes or no, not {acled!r}")
        plover = _cell(raw["plover"])
        if plover is not None and plover not in PLOVER_TYPES:
            raise DataFileError(f"{source}: row {n}: unknown PLOVER type {plover!r}")
        row = SubEventType(
            case_label=raw["case_label"].strip(),
            event_type=_cell(raw["event_type"]),
            sub_event_type=_cell(raw["sub_event_type"]),
            disorder_type=_cell(raw["disorder_type"]),
            plover=plover,
            plover_mode=_cell(raw["plover_mode"]),
            acled=acled == "yes",
            summary=(raw["summary"] or "").strip(),
        )
        if row.acled and (row.event_type is None or row.sub_event_type is None):
            raise DataFileError(f"{source}: row {n}: an ACLED row needs its event and sub-event type")
        rows.append(row)
    return Taxonomy(tuple(rows))


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The packaged table, parsed once."""
    text = packaged_text("data/acled_types.tsv")
    return parse_taxonomy(text)
