"""Score a person-name matcher on a labelled pair file (``PAIRS_FILE`` and its shape).

``PAIRS_FILE`` is the packaged labelled set, ``conflictlens/evaluate/data/alias_pairs.tsv``
(scored by the ``aliases`` evaluation suite).

The file is TSV with ``#`` comment lines and the columns ``a b label family note``; label is
``merge`` or ``distinct``. A pair where either side is not a full name (a surname-only
mention) is scored as "could refer to" with ``surname_matches``; every other pair with
``same_person``. Any other ``(a, b) -> bool`` can be scored the same way for comparison.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ..lang.aliases import same_person, surname_matches
from ..lang.personnames import parse_name

Matcher = Callable[[str, str], bool]

PAIRS_FILE = Path(__file__).resolve().parent / "data" / "alias_pairs.tsv"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    merge: bool
    family: str
    note: str


def load_pairs(path: str | Path) -> list[Pair]:
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    pairs = []
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if row.get("label") not in ("merge", "distinct") or not row.get("a") or not row.get("b"):
            raise DataFileError(f"{path}: pair {n}: need a, b and label merge|distinct: {row}")
        pairs.append(Pair(row["a"], row["b"], row["label"] == "merge", row.get("family") or "", row.get("note") or ""))
    return pairs


def predict(a: str, b: str) -> bool:
    """The production decision: could-refer-to for surname-only mentions, else same person."""
    if not parse_name(a).is_full:
        return surname_matches(a, b)
    if not parse_name(b).is_full:
        return surname_matches(b, a)
    return same_person(a, b)


def plain_equality(a: str, b: str) -> bool:
    """Baseline: the two strings are equal after removing diacritics, case and punctuation."""

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.casefold())
        return " ".join("".join(ch for ch in text if ch.isalnum() or ch.isspace()).split())

    return fold(a) == fold(b)


def _scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_pairs(path: str | Path, matcher: Matcher | None = None) -> dict:
    """Precision, recall and F1 of merging on a pair file.

    Returns ``precision, recall, f1, tp, fp, fn, tn``, ``errors`` (one dict per wrong
    decision: a, b, label, family, note, predicted) and ``by_family`` (tp/fp/fn/tn per family).
    """
    decide = matcher or predict
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    by_family: dict[str, dict[str, int]] = {}
    errors = []
    for pair in load_pairs(path):
        predicted = bool(decide(pair.a, pair.b))
        cell = ("tp" if pair.merge else "fp") if predicted else ("fn" if pair.merge else "tn")
        counts[cell] += 1
        by_family.setdefault(pair.family, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})[cell] += 1
        if cell in ("fp", "fn"):
            label = "merge" if pair.merge else "distinct"
            errors.append({**pair.__dict__, "label": label, "predicted": predicted})
            errors[-1].pop("merge")
    precision, recall, f1 = _scores(counts["tp"], counts["fp"], counts["fn"])
    return {"precision": precision, "recall": recall, "f1": f1, **counts, "errors": errors, "by_family": by_family}
