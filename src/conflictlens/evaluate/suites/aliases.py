"""Aliases suite: precision / recall of person-name merging on the labelled pair set.

Scores the production decision (``evaluate.alias_pairs.predict``: same person for two full
names, "could refer to" when one side is a surname only) on the packaged pair file
``evaluate/data/alias_pairs.tsv`` (520 pairs, half ``merge`` and half ``distinct``) with
``evaluate.alias_pairs.evaluate_pairs``. A merge decision on a ``merge`` pair is a true
positive; ``merge_precision`` is tp / (tp + fp), ``merge_recall`` tp / (tp + fn). The pair
set is part of the package, so this suite does not read ``--data``.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from ..alias_pairs import PAIRS_FILE, evaluate_pairs
from ..base import SuiteResult


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    scores = evaluate_pairs(PAIRS_FILE)
    n = sum(scores[k] for k in ("tp", "fp", "fn", "tn"))
    notes = ["reads the packaged pair set evaluate/data/alias_pairs.tsv; --data is not used"]
    if limit is not None and limit < n:
        notes.append(f"--limit {limit} ignored: all {n} pairs are scored (they take well under a second)")
    metrics = {
        "merge_precision": scores["precision"],
        "merge_recall": scores["recall"],
        "merge_f1": scores["f1"],
    }
    details = {
        "tp": scores["tp"],
        "fp": scores["fp"],
        "fn": scores["fn"],
        "tn": scores["tn"],
        "by_family": scores["by_family"],
        "errors": scores["errors"],
    }
    return SuiteResult("aliases", metrics, n, notes, details)
