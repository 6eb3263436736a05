"""BABE loader: sentences with a bias label and the words annotators marked as biased.

Scored on ``final_labels_SG2.csv`` (3,674 sentences by five expert annotators), the set the
BABE paper evaluates on; rows labelled "No agreement" are left out. ``SG1`` labels mostly the
same sentences with another group of annotators and is not used. Sentences keep file order.
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

LABELS = ("Biased", "Non-biased")


@dataclass(frozen=True)
class BabeSentence:
    index: int  # row number in the file
    text: str
    label: str
    biased_words: tuple[str, ...]


def _words(raw: str) -> tuple[str, ...]:
    try:
        value = ast.literal_eval(raw) if raw.strip() else []
    except (ValueError, SyntaxError):
        return ()
    return tuple(str(w) for w in value) if isinstance(value, list) else ()


def load_babe(data_dir: Path, limit: int | None = None, group: str = "SG2") -> list[BabeSentence]:
    path = data_dir / "babe" / f"final_labels_{group}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        sample = fh.readline()
        fh.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.DictReader(fh, delimiter=delimiter))
    out = [
        BabeSentence(i, r["text"], r["label_bias"], _words(r.get("biased_words") or ""))
        for i, r in enumerate(rows)
        if r.get("label_bias") in LABELS
    ]
    return out[:limit] if limit is not None else out
