"""What every suite shares: the result record, data-folder checks, ``--limit`` and notes.

A suite is ``run(data_dir, limit, settings) -> SuiteResult``: it loads one dataset from the
shared data folder, asks ``predictors.py`` for predictions, and scores them with the pure
functions in ``metrics/``. Metrics are flat floats, higher is better except the names in
``LOWER_IS_BETTER``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..errors import EvaluationError
from . import predictors

T = TypeVar("T")

# Metrics where a smaller number is better (errors); the gate treats their floor as a ceiling.
LOWER_IS_BETTER = frozenset(
    {"median_error_km", "auc_log_error", "ids_median_error_km", "ids_auc_log_error",
     "spans_median_error_km", "spans_auc_log_error", "spans_ids_median_error_km", "spans_ids_auc_log_error"}
)


@dataclass
class SuiteResult:
    suite: str
    metrics: dict[str, float]
    n: int
    notes: list[str]
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def require_dir(data_dir: Path, *parts: str) -> Path:
    """``data_dir/parts...`` if it is a folder, else an ``EvaluationError`` with a hint."""
    path = Path(data_dir).joinpath(*parts)
    if not path.is_dir():
        raise EvaluationError(
            f"evaluation data not found: {path}",
            hint="point --data at the shared evaluation folder (../shared/data from the repo root); see its README.md",
        )
    return path


def apply_limit(items: Sequence[T], limit: int | None, unit: str = "documents") -> tuple[list[T], list[str]]:
    """The first ``limit`` items (already in sorted order) and a note saying so."""
    if limit is None or limit >= len(items):
        return list(items), []
    if limit < 1:
        raise EvaluationError(f"--limit must be at least 1, not {limit}")
    return list(items[:limit]), [f"limit={limit} of {len(items)} {unit} (first in sorted order)"]


def prediction_notes(predictor: str, capability: str, produced: int, n: int) -> list[str]:
    """Honest notes when a capability is still a stub or produced nothing."""
    if predictors.is_pending(predictor):
        return [f"{capability} not implemented yet: predictors.{predictor} returns nothing, so these scores are zeros"]
    if produced == 0:
        return [f"predictors.{predictor} produced no predictions on {n} items"]
    return []
