"""Name keys: how a place name in text and a name in the gazetteer are made comparable.

``name_key`` folds a name to lower-case ASCII words: accents dropped, Azerbaijani and other
Latin letters without a decomposition mapped by hand (``ə`` -> ``a``, ``ı`` -> ``i``),
apostrophes removed and hyphens turned into spaces, so "Tərtər", "Tartar" and "TARTAR"
share one key and "Nagorno-Karabakh" matches "Nagorno Karabakh". ``usable_alias`` says
whether a GeoNames alternate name is worth indexing: Latin script, with a capital letter
(GeoNames lists lower-case romanisations of CJK and Arabic names that read like English
words), and not too short.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters NFKD leaves alone, spelled the way English-language outlets spell them.
_SPECIAL = str.maketrans({
    "ə": "a", "Ə": "a", "ǝ": "a", "Ǝ": "a", "ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "þ": "th", "ħ": "h", "ŋ": "ng", "ʻ": "", "ʼ": "", "’": "", "‘": "", "'": "",
    "`": "", "´": "", "ʹ": "", "ʿ": "", "ʾ": "", "-": " ", "‐": " ", "‑": " ", "–": " ",
    "—": " ", "/": " ", ".": " ", ",": " ", "(": " ", ")": " ", "_": " ", "&": " and ",
})
_NON_KEY = re.compile(r"[^a-z0-9 ]")
_SPACES = re.compile(r"\s+")

# Words that say what kind of place a name is, after it ("Tartar district") or before it
# ("the city of Tartar"). Values are the gazetteer level they point at.
ADMIN_WORDS = {
    "district": 2, "districts": 2, "rayon": 2, "raion": 2, "county": 2, "counties": 2,
    "municipality": 2, "borough": 2, "region": 1, "regions": 1, "province": 1, "provinces": 1,
    "oblast": 1, "governorate": 1, "state": 1, "prefecture": 1, "department": 1,
    "canton": 1, "voivodeship": 1, "krai": 1, "territory": 1,
}
PLACE_WORDS = {"city", "cities", "town", "towns", "village", "villages", "settlement",
               "settlements", "capital", "port", "township", "hamlet"}


def name_key(name: str) -> str:
    """The lookup key of a name: lower-case ASCII words separated by single spaces."""
    if name.isascii():
        ascii_only = name.translate(_SPECIAL).lower()
    else:
        folded = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
        ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
        ascii_only = ascii_only.translate(_SPECIAL).lower()
    return _SPACES.sub(" ", _NON_KEY.sub(" ", ascii_only)).strip()


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (accents allowed)."""
    if name.isascii():
        return True
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def usable_alias(name: str) -> bool:
    """Whether a GeoNames alternate name should be indexed (see the module docstring)."""
    if len(name) < 3 or not is_latin(name) or not any(ch.isupper() for ch in name):
        return False
    key = name_key(name)
    return len(key) >= 3 and not key.isdigit()


def slug(name: str) -> str:
    """A stable id fragment for a name: its key with hyphens for spaces."""
    return name_key(name).replace(" ", "-")
