"""The quality gate: run the suites named in a floors file and compare each metric.

A metric passes when ``score >= floor - margin``; for the error metrics in
``LOWER_IS_BETTER`` the number in the file is a ceiling and it passes when
``score <= ceiling + margin`` (for a metric in km the margin is a fraction of the ceiling).
A suite that fails to run, or a metric it no longer reports, fails its rows.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConflictlensError, EvaluationError
from ..settings import Settings
from .base import LOWER_IS_BETTER, SuiteResult

DEFAULT_FLOORS = Path(__file__).with_name("floors.toml")
DEFAULT_MARGIN = 0.02


@dataclass(frozen=True)
class GateRow:
    suite: str
    metric: str
    floor: float
    score: float | None
    ok: bool


@dataclass
class GateResult:
    passed: bool
    rows: list[GateRow]
    margin: float
    errors: dict[str, str] = field(default_factory=dict)  # suite -> error message
    results: list[SuiteResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "margin": self.margin,
            "rows": [asdict(r) for r in self.rows],
            "errors": dict(self.errors),
            "results": [r.to_dict() for r in self.results],
        }


def load_floors(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(``[gate]`` table, suite -> its table) from a floors TOML file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EvaluationError(f"cannot read floors file {path}: {exc}") from exc
    gate = data.pop("gate", {})
    suites = {name: table for name, table in data.items() if isinstance(table, dict)}
    return gate, suites


def passes(metric: str, score: float, floor: float, margin: float) -> bool:
    if metric in LOWER_IS_BETTER:
        slack = margin * floor if metric.endswith("_km") else margin
        return score <= floor + slack
    return score >= floor - margin


def run_gate(
    floors_path: Path, data_dir: Path, settings: Settings | None = None, margin: float | None = None
) -> GateResult:
    """Run each suite that has floors in ``floors_path`` and check every floor."""
    from . import run_suite  # late: the package imports this module

    gate, suites = load_floors(floors_path)
    margin = float(margin if margin is not None else gate.get("margin", DEFAULT_MARGIN))
    rows: list[GateRow] = []
    errors: dict[str, str] = {}
    results: list[SuiteResult] = []
    for suite, table in suites.items():
        floors = {k: float(v) for k, v in table.items() if k != "limit"}
        if not floors:
            continue  # a placeholder section: nothing pinned yet
        limit = table.get("limit")
        try:
            result = run_suite(suite, Path(data_dir), int(limit) if limit else None, settings)
        except ConflictlensError as exc:
            errors[suite] = str(exc)
            rows += [GateRow(suite, m, f, None, False) for m, f in floors.items()]
            continue
        results.append(result)
        for metric, floor in floors.items():
            score = result.metrics.get(metric)
            ok = score is not None and passes(metric, score, floor, margin)
            rows.append(GateRow(suite, metric, floor, score, ok))
    return GateResult(all(r.ok for r in rows), rows, margin, errors, results)
