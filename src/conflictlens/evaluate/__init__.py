"""Evaluation against the shared datasets: suites, metrics and the quality gate.

``SUITES`` maps a suite name to ``run(data_dir, limit, settings) -> SuiteResult``. Suite
modules are imported only when run, so a missing or broken suite does not stop the others.
``run_suite`` runs one; ``run_gate`` compares scores with the floors in ``floors.toml``;
``render_table`` / ``print_results`` show results and ``write_quality_doc`` writes them
to a markdown page.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import EvaluationError
from ..settings import Settings
from .base import LOWER_IS_BETTER, SuiteResult
from .gate import DEFAULT_FLOORS, GateResult, GateRow, run_gate
from .report import print_results, render_table, write_quality_doc

__all__ = [
    "DEFAULT_FLOORS",
    "LOWER_IS_BETTER",
    "SUITES",
    "GateResult",
    "GateRow",
    "SuiteResult",
    "print_results",
    "render_table",
    "run_gate",
    "run_suite",
    "write_quality_doc",
]

SuiteRunner = Callable[[Path, int | None, Settings], SuiteResult]

SUITE_NAMES = (
    "seeds", "boilerplate", "polnear", "muc4", "case2021", "wikievents", "geo", "ptc", "babe", "aliases",
    "muc4_entities",
)  # fmt: skip


def _lazy(name: str) -> SuiteRunner:
    module_name = f"{__name__}.suites.{name}"

    def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            raise EvaluationError(
                f"suite {name!r} is not available in this version",
                hint=f"{module_name} is missing; run the other suites",
            ) from exc
        return module.run(data_dir, limit, settings)

    run.__name__ = f"run_{name}"
    run.__qualname__ = run.__name__
    return run


SUITES: dict[str, SuiteRunner] = {name: _lazy(name) for name in SUITE_NAMES}


def run_suite(name: str, data_dir: Path, limit: int | None = None, settings: Settings | None = None) -> SuiteResult:
    """Run one suite on ``data_dir`` (the shared data folder); ``limit`` takes the first N."""
    if name not in SUITES:
        raise EvaluationError(f"unknown evaluation suite {name!r}", hint=f"choose one of: {', '.join(SUITES)}")
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise EvaluationError(f"evaluation data folder not found: {data_dir}")
    if limit is not None and limit < 1:
        raise EvaluationError(f"--limit must be at least 1, not {limit}")
    started = time.perf_counter()
    result = SUITES[name](data_dir, limit, settings or Settings())
    result.details.setdefault("seconds", round(time.perf_counter() - started, 3))
    return result
