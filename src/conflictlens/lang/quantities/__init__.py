"""Quantity recognition for casualty counts: "at least 12", "over a dozen", "Ninety-two",
"several hundred", "dozens", "TWO SOLDIERS" (upper-case newswire too).

``find_quantities(text)`` returns every count expression as a ``Quantity`` with character
offsets into ``text`` and a low / best / high value; ``parse_number(phrase)`` reads one
number phrase. Numbers that are no count (dates, years, times, money, percentages, units,
labels, the pronoun "one") are left out. Vague words and qualifiers take their values from
``data/quantities.toml``, which follows ACLED's conservative coding ("dozens" -> 12,
"hundreds" -> 100). What the recogniser does not know is whether a count is of people, or
of dead people: that is for the caller, from the words around the span.

Modules: ``numbers`` (the number grammar), ``tables`` (the data file), ``context`` (when a
number is not a count), ``recognise`` (putting it together).
"""

from __future__ import annotations

from .numbers import parse_number
from .recognise import Quantity, find_quantities

__all__ = ["Quantity", "find_quantities", "parse_number"]
