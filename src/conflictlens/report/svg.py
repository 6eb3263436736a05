"""Inline SVG charts built in Python: the timeline (events per day, casualty figures by side)
and the map (equirectangular, a coarse bundled world outline, the places as points).

No style attributes and no script: colours are SVG presentation attributes, so the charts
render under a strict Content-Security-Policy. Every data-derived string is escaped.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from ..lang.sides import display_side

PALETTE = ["#c0392b", "#2471a3", "#7d3c98", "#148f77", "#b9770e", "#566573", "#cb4335", "#1e8449"]


def side_colours(sides: list[str]) -> dict[str, str]:
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(set(sides)))}


def _day(when: dict[str, Any] | None) -> date | None:
    """The day of a date known to the day (month- or year-precision dates are left off the axis)."""
    when = when or {}
    if when.get("precision") not in ("day", None) and when.get("start") != when.get("end"):
        return None
    try:
        return date.fromisoformat(str(when.get("start"))[:10]) if when.get("start") else None
    except ValueError:
        return None


def timeline_svg(events: list[dict[str, Any]], casualties: list[dict[str, Any]], width: int = 900) -> str:
    """Events per day (bars, top) and each casualty figure as a point coloured by side (bottom):
    one point per claim, never summed or averaged across claimants."""
    ev_days = [d for e in events if (d := _day(e.get("date")))
               and e.get("polarity") == "asserted" and not e.get("background")]
    cas = [(d, c) for c in casualties if (d := _day(c.get("date"))) and c.get("best") is not None]
    days = ev_days + [d for d, _ in cas]
    if not days:
        return '<svg class="timeline" role="img" viewBox="0 0 400 40" width="400" height="40">' \
               '<text x="10" y="25">no dated events</text></svg>'
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    left, right, h_ev, h_cas = 60, 20, 90, 160
    plot_w = width - left - right
    height = h_ev + h_cas + 80

    def x(d: date) -> float:
        return left + plot_w * (d - first).days / span

    per_day: dict[date, int] = {}
    for d in ev_days:
        per_day[d] = per_day.get(d, 0) + 1
    top = max(per_day.values(), default=1)
    bar_w = max(2.0, min(18.0, plot_w / (span + 1) * 0.8))
    parts = [f'<svg class="timeline" role="img" aria-label="timeline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" font-size="11">',
             f'<text x="{left}" y="14" font-weight="bold">events per day (asserted)</text>']
    for d, n in sorted(per_day.items()):
        bh = (h_ev - 25) * n / top
        parts.append(f'<rect class="event-bar" x="{x(d) - bar_w / 2:.1f}" y="{h_ev - bh:.1f}" width="{bar_w:.1f}" '
                     f'height="{bh:.1f}" fill="#34495e"><title>{d}: {n} events</title></rect>')
    base = h_ev + h_cas + 20
    top_cas = max((c["best"] for _, c in cas), default=1) or 1
    parts.append(f'<text x="{left}" y="{h_ev + 28}" font-weight="bold">casualty figures by side (best value, '
                 'one point per claim)</text>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#888"/>')
    parts.append(f'<text x="{left - 6}" y="{base - h_cas + 40}" text-anchor="end">{top_cas}</text>'
                 f'<text x="{left - 6}" y="{base}" text-anchor="end">0</text>')
    colours = side_colours([display_side(c, "unknown") for _, c in cas])
    for d, c in cas:
        y = base - (h_cas - 40) * c["best"] / top_cas
        side = display_side(c, "unknown")
        label = f'{d} {c.get("kind")} {c.get("best")} ({side}) claimed by {(c.get("claimed_by") or {}).get("name")}'
        parts.append(f'<circle class="casualty-point" cx="{x(d):.1f}" cy="{y:.1f}" r="4" fill="{colours[side]}" '
                     f'fill-opacity="0.75"><title>{escape(label)}</title></circle>')
    for i, (side, colour) in enumerate(colours.items()):
        parts.append(f'<rect x="{left + i * 110}" y="{height - 22}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + 14 + i * 110}" y="{height - 13}">{escape(side)}</text>')
    parts.append(f'<text x="{left}" y="{base + 16}">{first}</text>'
                 f'<text x="{width - right}" y="{base + 16}" text-anchor="end">{last}</text></svg>')
    return "".join(parts)


@lru_cache(maxsize=1)
def world_outline() -> dict[str, list[list[float]]]:
    path = resources.files("conflictlens").joinpath("data", "world_outline.json")
    return json.loads(path.read_text("utf-8"))["countries"]


def map_svg(places: list[dict[str, Any]], width: int = 900) -> str:
    """Places as points on an equirectangular map zoomed to them (at least 30 x 15 degrees)."""
    pts = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if pts:
        lo_x, hi_x = min(p["lon"] for p in pts), max(p["lon"] for p in pts)
        lo_y, hi_y = min(p["lat"] for p in pts), max(p["lat"] for p in pts)
        cx, cy = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
        w = max(16.0, (hi_x - lo_x) * 1.5)
        h = max(w / 2, (hi_y - lo_y) * 1.4)
        w = max(w, h * 2)
        x0, y0 = max(-180.0, cx - w / 2), min(90.0, cy + h / 2)
    else:
        x0, y0, w, h = -180.0, 90.0, 360.0, 180.0
    height = int(width * h / w)
    parts = [f'<svg class="map" role="img" aria-label="map" viewBox="{x0:.2f} {-y0:.2f} {w:.2f} {h:.2f}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect x="{x0:.2f}" y="{-y0:.2f}" width="{w:.2f}" height="{h:.2f}" fill="#eaf2f8"/>']
    for ring in world_outline().values():
        path = " ".join(f"{lon},{-lat}" for lon, lat in ring)
        parts.append(f'<polygon points="{path}" fill="#f4f1ea" stroke="#b3a99a" stroke-width="0.6" '
                     'vector-effect="non-scaling-stroke"/>')
    step = 10 if w > 60 else 5
    for lon in range(-180, 181, step):
        parts.append(f'<line x1="{lon}" y1="-90" x2="{lon}" y2="90" stroke="#cfd8dc" stroke-width="0.4" '
                     'vector-effect="non-scaling-stroke"/>')
    for lat in range(-90, 91, step):
        parts.append(f'<line x1="-180" y1="{-lat}" x2="180" y2="{-lat}" stroke="#cfd8dc" stroke-width="0.4" '
                     'vector-effect="non-scaling-stroke"/>')
    r = w / 400
    for p in pts:
        n = len(p.get("mentions") or []) or 1
        label = f'{p.get("name")} ({p.get("country_name") or p.get("country") or "?"}), {n} mentions'
        radius = r * (1 + min(n, 16) ** 0.5 / 2)
        parts.append(f'<circle class="place" cx="{p["lon"]:.3f}" cy="{-p["lat"]:.3f}" r="{radius:.3f}" '
                     f'fill="#c0392b" fill-opacity="0.7" stroke="#fff" stroke-width="0.8" '
                     f'vector-effect="non-scaling-stroke"><title>{escape(label)}</title></circle>')
        parts.append(f'<text x="{p["lon"] + r * 2:.3f}" y="{-p["lat"]:.3f}" font-size="{r * 4:.3f}" '
                     f'fill="#333">{escape(str(p.get("name") or ""))}</text>')
    parts.append("</svg>")
    return "".join(parts)
