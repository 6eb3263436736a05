"""Geocoding error metrics (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation").

Errors are great-circle distances in km between the gold and the predicted coordinates;
a mention the system did not resolve counts as ``UNRESOLVED_KM`` (20,039 km, half the
Earth's circumference, the value the paper uses). Reported: accuracy within 161 km
(100 miles), the median error, and the area under the curve of sorted log errors,
``trapz(sorted(ln(e + 1))) / (ln(20039 + 1) * (n - 1))``: 0 is perfect, 1 is worst
(the paper divides by ln(20039); the + 1 makes all-unresolved exactly 1.0).

``gold_coordinates`` gives the gold ``(start, end, lat, lon)`` of mentions whose coordinates
come from an explicit ``lat, lon`` note or, failing that, from a GeoNames id that a lookup
function resolves (the suite passes one over the packaged gazetteer; tests pass a dict).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from ..records import PredToponym

EARTH_RADIUS_KM = 6371.0088
UNRESOLVED_KM = 20039.0
ACC_KM = 161.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def accuracy_within(errors: Sequence[float], km: float = ACC_KM) -> float:
    """Share of errors at most ``km`` (0 for no errors)."""
    return sum(1 for e in errors if e <= km) / len(errors) if errors else 0.0


def median_error(errors: Sequence[float]) -> float:
    """Median error in km; ``UNRESOLVED_KM`` when there is nothing to measure."""
    if not errors:
        return UNRESOLVED_KM
    ordered = sorted(errors)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def auc_log_error(errors: Sequence[float]) -> float:
    """Normalised area under the sorted log-error curve (trapezoidal rule); 1.0 if empty."""
    if not errors:
        return 1.0
    logs = sorted(math.log(min(e, UNRESOLVED_KM) + 1) for e in errors)
    top = math.log(UNRESOLVED_KM + 1)
    if len(logs) == 1:
        return logs[0] / top
    area = math.fsum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return min(1.0, area / (top * (len(logs) - 1)))


def gold_coordinates(
    mentions: Iterable[tuple[int, int, float | None, float | None, str | None]],
    lookup: Callable[[int], tuple[float, float] | None],
) -> tuple[list[tuple[int, int, float, float]], int]:
    """(gold ``(start, end, lat, lon)``, count of unscorable mentions) for one document.

    Each mention is ``(start, end, lat, lon, geonames_id)``. Explicit ``lat``/``lon`` win;
    else a numeric GeoNames id is resolved with ``lookup(int(id))`` (``None`` when unknown,
    which makes the mention unscorable). Mentions with neither are skipped, not counted.
    """
    coords: list[tuple[int, int, float, float]] = []
    unscorable = 0
    for start, end, lat, lon, gid in mentions:
        if lat is not None and lon is not None:
            coords.append((start, end, lat, lon))
        elif gid and gid.strip().isdigit():
            found = lookup(int(gid))
            if found is None:
                unscorable += 1
            else:
                coords.append((start, end, found[0], found[1]))
    return coords, unscorable


def mention_errors(gold: Sequence[tuple[int, int, float, float]], pred: Sequence[PredToponym]) -> list[float]:
    """Error in km for each gold ``(start, end, lat, lon)`` mention of one document.

    The prediction used is the one with coordinates that has the same span, or else the one
    that overlaps the mention most (earliest first on ties); none means ``UNRESOLVED_KM``.
    """
    located = [p for p in pred if p.lat is not None and p.lon is not None]
    errors = []
    for start, end, lat, lon in gold:
        best = None
        best_key = (0, 0)
        for p in located:
            overlap = min(end, p.end) - max(start, p.start)
            if overlap <= 0:
                continue
            key = (int(p.start == start and p.end == end), overlap)
            if key > best_key:
                best, best_key = p, key
        if best is None or best.lat is None or best.lon is None:
            errors.append(UNRESOLVED_KM)
        else:
            errors.append(min(UNRESOLVED_KM, great_circle_km(lat, lon, best.lat, best.lon)))
    return errors
