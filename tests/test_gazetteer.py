"""The gazetteer: name keys, the build from packaged data and user files, and lookups.

One gazetteer (packaged data plus the demo's invented places) is built per test session
into pytest's temporary folder, through ``load_gazetteer`` as a user's first run would.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.cli import app
from conflictlens.errors import DataFileError
from conflictlens.lang.gazetteer import build_gazetteer, load_gazetteer
from conflictlens.lang.gazetteer.gazetteer import Gazetteer, default_path, gazetteer_options
from conflictlens.lang.gazetteer.names import name_key, usable_alias
from conflictlens.lang.gazetteer.sources import read_name_table

DEMO_GAZETTEER = Path(str(resources.files("conflictlens").joinpath("demo", "gazetteer.tsv")))





@pytest.fixture(scope="session")
def gazetteer(geo_settings) -> Gazetteer:
    return load_gazetteer(geo_settings)


def _ids(gazetteer: Gazetteer, name: str) -> set[str]:
    return {c.place.id for c in gazetteer.lookup([name_key(name)]).get(name_key(name), [])}


@pytest.mark.parametrize(("name", "key"), [
    ("Tərtər", "tartar"), ("TARTAR", "tartar"), ("Nagorno-Karabakh", "nagorno karabakh"),
    ("Kel'badzhar", "kelbadzhar"), ("Xankəndi", "xankandi"), ("Şuşa", "susa"), ("St. Louis", "st louis"),
])
def test_name_key_folds_spellings(name, key) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(("alias", "usable"), [
    ("Stepanakert", True), ("han ken de", False), ("ハンケンディ", False), ("Ba", False), ("Gəncə", True),
])
def test_only_latin_capitalised_aliases_are_indexed(alias, usable) -> None:
    assert usable_alias(alias) is usable


def test_first_use_builds_the_file_in_the_cache_dir(gazetteer, geo_settings) -> None:
    expected = default_path(geo_settings.cache_dir, 500, gazetteer_options(geo_settings)[1])
    assert gazetteer.path == expected and expected.is_file()
    assert gazetteer.meta["schema"] == "gazetteer.v1"
    assert load_gazetteer(geo_settings) is gazetteer  # opened once per process


@pytest.mark.parametrize("names", [
    ("Stepanakert", "Khankendi", "Xankəndi"), ("Shusha", "Shushi"), ("Lachin", "Berdzor"),
    ("Kalbajar", "Karvachar"), ("Ganja", "Ganca", "Gence"), ("Khojavend", "Martuni"), ("Aghdam", "Akna"),
    ("Bakhmut", "Artemivsk", "Artyomovsk"), ("Kyiv", "Kiev"), ("Derry", "Londonderry"),
])
def test_contested_names_share_one_place(gazetteer, names) -> None:
    # One town; its district may share its names too (the municipality of Khankendi).
    shared = {i for i in set.intersection(*(_ids(gazetteer, n) for n in names)) if i.startswith("geonames:")}
    assert len(shared) == 1, (names, shared)
    pk = next(c.place.pk for c in gazetteer.lookup([name_key(names[0])])[name_key(names[0])]
              if c.place.id in shared)
    recorded = {row["name"] for row in gazetteer.contested(pk)}
    assert set(names) & recorded, "the pairing is recorded with its users and source"


def test_contested_table_says_who_uses_each_name_and_cites_it() -> None:
    rows = read_name_table(packaged="data/contested_names.tsv")
    assert all(r.used_by and r.source for r in rows)
    karabakh = {"geonames:146970", "geonames:147105", "geonames:147625", "geonames:586268",
                "geonames:586523", "geonames:146969", "geonames:148619"}
    places = {r.place_id for r in rows}
    assert karabakh <= places
    assert len(places - karabakh - {"conflictlens:nagorno-karabakh"}) >= 12


def test_countries_subdivisions_and_districts_have_points(gazetteer) -> None:
    azerbaijan = gazetteer.country("AZ")
    assert azerbaijan is not None and 38 < azerbaijan.lat < 42 and 44 < azerbaijan.lon < 51
    assert gazetteer.country_code("AZE") == "AZ"
    tartar = [c.place for c in gazetteer.lookup(["tartar"])["tartar"] if c.place.id == "iso3166-2:AZ-TAR"]
    assert tartar and tartar[0].precision == 2 and abs(tartar[0].lat - 40.34) < 0.3


def test_user_tsv_places_join_the_gazetteer(gazetteer) -> None:
    zelvany = _ids(gazetteer, "Zelvany")
    assert "user:zelvany" in zelvany and zelvany & _ids(gazetteer, "Kalenohrad")
    row = next(c.place for c in gazetteer.lookup(["zelvany"])["zelvany"] if c.place.id == "user:zelvany")
    assert (row.lat, row.lon, row.cc, row.admin1) == (42.7409, 65.3122, "XV", "Ilva Valley")


def test_geonames_dump_and_cli_build(tmp_path, monkeypatch) -> None:
    dump = tmp_path / "XX.txt"
    dump.write_text("\t".join(["99000001", "Qorvath", "Qorvath", "Korvat,Qorvat", "41.5", "62.5", "P", "PPL",
                               "UZ", "", "01", "", "", "", "1200", "", "300", "Asia/Tashkent", "2024-01-01"])
                    + "\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["gazetteer", "build", "--add", str(dump), "--min-population", "15000"])
    assert result.exit_code == 0, result.output
    path = default_path(tmp_path / "cache", 15000, (str(dump),))
    assert path.is_file() and f"gazetteer: {path}" in result.output
    assert "user:XX.txt=1" in result.output
    small = Gazetteer(path)
    assert _ids(small, "Korvat") == {"geonames:99000001"}


def test_malformed_user_file_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tlat\nSomewhere\t1.0\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing columns"):
        build_gazetteer(tmp_path / "g.sqlite", extra_files=[bad], min_population=15000)
    assert not (tmp_path / "g.sqlite").exists()


def test_a_file_that_is_not_a_gazetteer_is_refused(tmp_path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DataFileError, match="not a conflictlens gazetteer"):
        Gazetteer(other)
