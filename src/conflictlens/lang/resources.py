"""Tables the entities stage reads: countries and demonyms, roles, known actors, outlets.

All of them are data files under ``conflictlens/data`` (see each file's header); this module
only parses them into lookups, once per process.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import DataFileError
from .datafiles import packaged_text
from .outlets import Outlet, Outlets


@dataclass(frozen=True)
class Actor:
    phrase: str
    label: str
    canonical: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class Role:
    key: str
    sector: str
    phrases: tuple[str, ...]
    generic: tuple[str, ...]


@dataclass
class Resources:
    country_names: dict[str, str] = field(default_factory=dict)  # casefolded name -> code
    adjectives: dict[str, str] = field(default_factory=dict)  # casefolded adjective -> code
    capitals: dict[str, str] = field(default_factory=dict)  # casefolded capital/metonym -> code
    country_label: dict[str, str] = field(default_factory=dict)  # code -> display name
    roles: dict[str, Role] = field(default_factory=dict)  # phrase -> role
    generic_roles: dict[str, Role] = field(default_factory=dict)  # "the president" -> role
    actors: dict[str, Actor] = field(default_factory=dict)  # casefolded phrase -> actor
    stoplist: frozenset[str] = frozenset()
    surname_shape: re.Pattern[str] | None = None

    def country_of(self, word: str) -> str | None:
        key = word.casefold()
        return self.adjectives.get(key) or self.country_names.get(key)


def _rows(name: str) -> list[dict[str, str]]:
    text = packaged_text("data/" + name)
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]
    except csv.Error as exc:
        raise DataFileError(f"{name}: {exc}") from exc


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def load_resources(outlets_file: str | None = None) -> Resources:
    """The resources with the packaged outlets and, when named, a user's outlets file."""
    return _load_resources(outlets_file)


@lru_cache(maxsize=2)
def _load_resources(outlets_file: str | None) -> Resources:
    return build_resources(Outlets.read(outlets_file))


def build_resources(outlets: Outlets) -> Resources:
    """Countries, roles, known actors and the entity rules, with ``outlets`` as media actors."""
    res = Resources()
    for row in _rows("countries.tsv"):
        code = row["code"]
        names = _split(row["names"])
        res.country_label[code] = names[0]
        for n in names:
            res.country_names[n.casefold()] = code
        for a in _split(row["adjectives"]):
            res.adjectives[a.casefold()] = code
        for c in _split(row["capital"]) + _split(row.get("metonyms", "")):
            res.capitals[c.casefold()] = code
    for row in _rows("roles.tsv"):
        role = Role(row["role"], row["sector"], tuple(_split(row["phrases"])), tuple(_split(row["generic"])))
        for p in role.phrases:
            res.roles.setdefault(p, role)
        for g in role.generic:
            res.generic_roles.setdefault(g, role)
    for row in _rows("actors.tsv"):
        actor = Actor(row["phrase"], row["label"], row["canonical"], row["country"] or None,
                      row["sector"] or None, row["kind"])
        res.actors[actor.phrase.casefold()] = actor
    outlet: Outlet
    for outlet in outlets.all:
        for name in (outlet.name, *outlet.aliases):
            if len(name) >= 3 and name.casefold() not in res.actors and not name.islower():
                res.actors.setdefault(name.casefold(), Actor(
                    name, "ORG", outlet.name, outlet.country or None, "media", "outlet"))
    text = packaged_text("data/entity_rules.toml")
    import tomllib

    rules = tomllib.loads(text)
    res.stoplist = frozenset(s.casefold() for s in rules.get("stoplist", []))
    res.surname_shape = re.compile(rules["surname_shape"])
    return res
