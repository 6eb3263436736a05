"""Whose side an item speaks for: one set of rules for every stage, pass and page.

A side is a country code (ISO alpha-3, or a user-assigned code for a fictional country).
"neutral" (international wires, public broadcasters) and an unknown perspective are no side.

- ``country_side(code)``: a code, or None for neutral or unknown.
- ``holder_side(claim)``: the side of a claim's holder.
- ``claimant_side(item)``: the side of whoever claims an event or a figure: the speaker's
  country, else the outlet's usual perspective.
- ``display_side(item, default)``: the label a table or a map colour uses: the item's own side
  (a casualty figure's victims), else its claimant's or holder's country, else the outlet's
  perspective, else ``default``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NEUTRAL = frozenset({"", "neutral", None})

Item = Mapping[str, Any]


def country_side(code: str | None) -> str | None:
    return None if code in NEUTRAL else code


def holder_side(claim: Item) -> str | None:
    return country_side((claim.get("holder") or {}).get("country"))


def claimant_side(item: Item) -> str | None:
    claimant = item.get("claimed_by") or {}
    if claimant.get("kind") != "outlet" and claimant.get("country"):
        return claimant["country"]
    return country_side(item.get("outlet_perspective"))


def display_side(item: Item, default: str) -> str:
    return (item.get("side") or (item.get("claimed_by") or {}).get("country")
            or (item.get("holder") or {}).get("country") or item.get("outlet_perspective") or default)
