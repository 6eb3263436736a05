"""Showing results: a rich table for the terminal and a markdown page for ``docs/``."""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .base import LOWER_IS_BETTER, SuiteResult


def _fmt(metric: str, value: float) -> str:
    return f"{value:,.1f}" if metric.endswith("_km") else f"{value:.3f}"


def render_table(results: Sequence[SuiteResult]) -> Table:
    """One row per metric: suite, metric, score, documents scored."""
    table = Table(title="conflictlens evaluation")
    table.add_column("suite")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("n", justify="right")
    for result in results:
        for k, (metric, value) in enumerate(result.metrics.items()):
            name = f"{metric} (lower is better)" if metric in LOWER_IS_BETTER else metric
            table.add_row(result.suite if k == 0 else "", name, _fmt(metric, value), str(result.n) if k == 0 else "")
        table.add_section()
    return table


def print_results(results: Sequence[SuiteResult], console: Console | None = None) -> None:
    """The table, then each suite's notes."""
    console = console or Console()
    console.print(render_table(results))
    for result in results:
        for note in result.notes:
            console.print(f"[bold]{result.suite}[/bold]: {note}", highlight=False)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def write_quality_doc(
    results: Sequence[SuiteResult],
    path: Path,
    *,
    command: str = "conflictlens evaluate",
    today: dt.date | None = None,
) -> Path:
    """Write a markdown page with the date, the command, versions and every score."""
    today = today or dt.date.today()
    versions = ", ".join(f"{name} {_version(name)}" for name in ("conflictlens", "spacy", "trafilatura"))
    lines = [
        "# Quality",
        "",
        f"Measured on {today.isoformat()} with `{command}` against the development splits in",
        "`../shared/data/` (see its README for each metric).",
        "",
        f"Versions: Python {platform.python_version()}, {versions}.",
        "",
        "| suite | metric | score | n |",
        "|---|---|---:|---:|",
    ]
    for r in results:
        for metric, value in r.metrics.items():
            name = f"{metric} (lower is better)" if metric in LOWER_IS_BETTER else metric
            lines.append(f"| {r.suite} | {name} | {_fmt(metric, value)} | {r.n} |")
    notes = [(r.suite, note) for r in results for note in r.notes]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- **{suite}**: {note}" for suite, note in notes]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
