"""Known outlets: names, aliases, domains, country and perspective.

Read once per process from the packaged ``data/outlets.tsv``, the demo's invented outlets and
an optional user file (the ``outlets_file`` setting). The metadata stage names an article's
outlet and fills its perspective from here; no other stage looks outlets up again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import DataFileError
from .datafiles import packaged_exists, packaged_text, read_tsv_rows, user_text


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domain: str
    country: str
    perspective: str
    kind: str


def _read_outlets(text: str, origin: str) -> list[Outlet]:
    out = []
    for row in read_tsv_rows(text, origin):
        try:
            out.append(
                Outlet(
                    name=row["name"].strip(),
                    aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
                    domain=(row.get("domain") or "").strip().lower(),
                    country=(row.get("country_code") or "").strip(),
                    perspective=(row.get("perspective") or "").strip(),
                    kind=(row.get("kind") or "").strip(),
                )
            )
        except (KeyError, AttributeError) as exc:
            raise DataFileError(f"{origin}: bad outlet row {row}: {exc}") from exc
    return out


def read_outlets(user_file: str | None = None) -> tuple[Outlet, ...]:
    """Known outlets: packaged list, the demo's invented outlets, and an optional user file."""
    outlets = _read_outlets(packaged_text("data/outlets.tsv"), "outlets.tsv")
    if packaged_exists("demo/outlets.tsv"):
        outlets += _read_outlets(packaged_text("demo/outlets.tsv"), "demo/outlets.tsv")
    if user_file:
        outlets += _read_outlets(user_text(user_file, "outlets file"), user_file)
    return tuple(outlets)


def outlet_index(outlets: tuple[Outlet, ...]) -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for o in outlets:
        for key in (o.name, *o.aliases, o.domain, f"www.{o.domain}" if o.domain else ""):
            if key:
                index.setdefault(key.casefold(), o)
    return index


@dataclass(frozen=True)
class Outlets:
    """Every known outlet, and the lookups the stages need."""

    all: tuple[Outlet, ...]
    index: dict[str, Outlet] = field(compare=False, hash=False, repr=False)
    names: frozenset[str] = field(compare=False, hash=False, repr=False)  # casefolded names and aliases

    @classmethod
    @lru_cache(maxsize=4)
    def read(cls, user_file: str | None = None) -> Outlets:
        """Read once per process for each user file (the floor and the resources share it)."""
        outlets = read_outlets(user_file)
        names = frozenset(n.casefold() for o in outlets for n in (o.name, *o.aliases) if len(n) >= 2)
        return cls(outlets, outlet_index(outlets), names)

    def perspective(self, outlet: str | None) -> str | None:
        """Whose official line an outlet usually carries (a country code, or ``neutral``); None
        when the outlet is not listed."""
        found = self.index.get((outlet or "").casefold())
        return (found.perspective or None) if found else None
