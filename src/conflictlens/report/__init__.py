"""The offline report: one self-contained HTML file (inline CSS and SVG, no script, no network).

``render_report(data)`` turns the export dict into the page; ``write_report(db, out)``
builds the export from a database and writes the file. The page carries a
Content-Security-Policy that forbids every script and every network request.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from .views import all_sections

__all__ = ["CSP", "render_report", "stylesheet", "write_report"]

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; "
       "form-action 'none'")


def stylesheet() -> str:
    return resources.files("conflictlens.report").joinpath("style.css").read_text("utf-8")


def render_report(data: dict[str, Any]) -> str:
    meta = data.get("conflictlens") or {}
    nav = "".join(f'<a href="#{s}">{s}</a>' for s in ("overview", "timeline", "map", "clusters", "claims", "framing"))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>conflictlens report</title><style>{stylesheet()}</style></head><body>"
        f"<header><h1>conflictlens report</h1>{nav}</header><main>"
        f"{all_sections(data)}"
        f'<p class="note">conflictlens {escape(str(meta.get("version", "")))}, export contract '
        f'{escape(str(meta.get("contract", "")))}. Generated offline; no script, no network.</p>'
        "</main></body></html>\n"
    )


def write_report(db: str | Path, out: str | Path) -> dict[str, int]:
    from ..export.json import build_export

    data = build_export(db)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(render_report(data), encoding="utf-8")
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}
