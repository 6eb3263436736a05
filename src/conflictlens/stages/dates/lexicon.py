"""The vocabulary of ``data/timex.toml`` as lookups and regular-expression fragments.

Read once per process (the dates stage runs on every article); a malformed file raises
``DataFileError`` naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import DataFileError
from ...lang.datafiles import packaged_toml


@dataclass(frozen=True)
class Relative:
    rule: str
    offset: int


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # lower-case full name or abbreviation -> 1..12
    full_months: frozenset[str]
    weekdays: dict[str, int]  # lower-case name -> 0 (Monday) .. 6
    weekday_not_after: frozenset[str]
    weekday_not_before: frozenset[str]
    month_triggers: frozenset[str]
    may_triggers: frozenset[str]
    year_triggers: frozenset[str]
    year_not_before: frozenset[str]
    numbers: dict[str, int]
    relative: dict[str, Relative]  # lower-case phrase (single spaces) -> its resolution
    future_window_days: int


def alternation(words: set[str] | frozenset[str] | list[str]) -> str:
    """A regex alternation of literal phrases, longest first so that the longest wins;
    spaces inside a phrase match any run of whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    name = "timex.toml"
    try:
        data = packaged_toml("data/" + name)
        full = [m.lower() for m in data["months"]["full"]]
        if len(full) != 12:
            raise ValueError("months.full must list twelve months")
        months = {m: i + 1 for i, m in enumerate(full)}
        months.update({k.lower(): int(v) for k, v in data["months"]["abbreviations"].items()})
        weekdays = {w.lower(): i for i, w in enumerate(data["weekdays"]["names"])}
        if len(weekdays) != 7:
            raise ValueError("weekdays.names must list seven days")
        relative: dict[str, Relative] = {}
        for group in data["relative"]:
            for phrase in group["phrases"]:
                relative[" ".join(phrase.lower().split())] = Relative(group["rule"], int(group["offset"]))
        trig = data["triggers"]
        return Lexicon(
            months=months,
            full_months=frozenset(full),
            weekdays=weekdays,
            weekday_not_after=frozenset(w.lower() for w in data["weekdays"]["not_after"]),
            weekday_not_before=frozenset(w.lower() for w in data["weekdays"]["not_before"]),
            month_triggers=frozenset(trig["month"]),
            may_triggers=frozenset(trig["may"]),
            year_triggers=frozenset(trig["year"]),
            year_not_before=frozenset(trig["year_not_before"]),
            numbers={k.lower(): int(v) for k, v in data["numbers"].items()},
            relative=relative,
            future_window_days=int(data["future_window_days"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{name}: {exc}") from exc
