"""CASE 2021 task 2 loader: labelled news snippets and the event-type list.

``case2021/snippets_dev.tsv`` has a header ``id EventSnippet SubType`` and one snippet per
line (tab separated, no quoting). Snippets are returned in numeric id order. The label list
splits into the 25 labels taken from ACLED's sub-event types and the 5 "unseen" labels that
ACLED does not have (``UNSEEN_TYPES``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

UNSEEN_TYPES = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str


def _key(snippet_id: str) -> tuple[int, str]:
    return (int(snippet_id), "") if snippet_id.isdigit() else (1 << 62, snippet_id)


def load_snippets(data_dir: Path, limit: int | None = None) -> list[Snippet]:
    path = data_dir / "case2021" / "snippets_dev.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    snippets = sorted(
        (Snippet(r["id"].strip(), r["EventSnippet"], r["SubType"].strip()) for r in rows),
        key=lambda s: _key(s.id),
    )
    return snippets[:limit] if limit is not None else snippets


def load_acled_types(data_dir: Path) -> list[str]:
    """The 25 ACLED sub-event labels (OTHER included) of ``sample_data/event_types.txt``."""
    path = data_dir / "case2021" / "sample_data" / "event_types.txt"
    seen = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [t for t in seen if t not in UNSEEN_TYPES]


def load_event_types(data_dir: Path) -> list[str]:
    """The 25 ACLED-derived types of ``sample_data/event_types.txt`` plus the 5 unseen ones."""
    seen = load_acled_types(data_dir)
    return seen + [t for t in UNSEEN_TYPES if t not in seen]
