"""Roles and titles around person mentions.

"Azerbaijani President Ilham Aliyev", "President of the Republic of Azerbaijan Ilham Aliyev",
"Hikmet Hajiyev, the foreign policy adviser to President Ilham Aliyev": the role, its sector
and the country come from the words right before the name or from an appositive after it.
Later mentions such as "the president", "the head of state" or "the Armenian prime minister"
are found here too, and resolved by the stage to the person holding that role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...lang.resources import Resources, Role

_BETWEEN = re.compile(r"(?:\s+(?:of|the|and|for|[A-Z][\w'’.-]*))*,?\s*")  # "President of Azerbaijan, Ilham Aliyev"
_SENT_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True)
class RoleInfo:
    role: Role
    title: str  # as written, e.g. "Foreign Minister"
    country: str | None
    target: str = ""  # for an appositive, whom the role serves: "President Ilham Aliyev"


@dataclass(frozen=True)
class RoleMention:
    start: int
    end: int
    text: str
    role: Role
    country: str | None


@lru_cache(maxsize=4)
def _role_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4)
def _country_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def _countries(res: Resources) -> re.Pattern[str]:
    words = tuple(sorted({w for w in list(res.country_names) + list(res.adjectives)}))
    return re.compile(_country_regex(words).pattern, re.IGNORECASE)


def find_country(text: str, res: Resources) -> str | None:
    for m in _countries(res).finditer(text):
        if m.group(0)[0].isupper():
            return res.country_of(m.group(0))
    return None


def _sentence_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _SENT_END.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def role_before(text: str, start: int, res: Resources) -> RoleInfo | None:
    """The title written right before a name: "Armenian Prime Minister Nikol Pashinyan"."""
    lo = max(_sentence_start(text, start), start - 120)
    window = text[lo:start]
    matches = list(_role_regex(tuple(res.roles)).finditer(window))
    for m in reversed(matches):
        if not _BETWEEN.fullmatch(window[m.end():]):
            continue
        title = m.group(0)
        if not title[0].isupper():
            continue  # "the adviser Ali" is rare; lower-case role words before a name are prose
        role = res.roles[title.casefold()]
        country = find_country(window[max(0, m.start() - 30):], res)
        return RoleInfo(role, window[m.start():].strip(), country)
    return None


_APPOSITIVE = re.compile(
    r",\s+(?:the\s+|an?\s+)?(?P<role>[a-zA-Z][a-zA-Z -]{2,60}?)\s+(?:to|of|for|at)\s+(?P<rest>[^,.;]{1,80})"
)


def role_after(text: str, end: int, res: Resources) -> RoleInfo | None:
    """An appositive: "Hikmet Hajiyev, the foreign policy adviser to President Ilham Aliyev"."""
    m = _APPOSITIVE.match(text, end)
    if not m:
        return None
    phrase = m.group("role").strip()
    hit = _role_regex(tuple(res.roles)).search(phrase)
    if not hit or hit.end() != len(phrase):
        return None
    role = res.roles[hit.group(0).casefold()]
    return RoleInfo(role, phrase, find_country(m.group("rest"), res), m.group("rest"))


def generic_mentions(text: str, res: Resources) -> list[RoleMention]:
    """ "the president", "the head of state", "the Armenian prime minister", "the President of Azerbaijan"."""
    roles = "|".join(re.escape(p) for p in sorted(res.roles, key=len, reverse=True))
    generic = "|".join(re.escape(g[4:]) for g in sorted(res.generic_roles, key=len, reverse=True))
    adjectives = "|".join(re.escape(a) for a in sorted(res.adjectives, key=len, reverse=True))
    names = "|".join(re.escape(n) for n in sorted(res.country_names, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w-])[Tt]he\s+(?:(?P<adj>{adjectives})\s+)?(?P<role>{generic}|{roles})"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>{names}))?(?![\w-])(?-i:(?!\s+[A-Z]))",
        re.IGNORECASE,
    )
    out = []
    for m in pattern.finditer(text):
        phrase = m.group("role").casefold()
        role = res.generic_roles.get(f"the {phrase}")
        if role is None and (m.group("adj") or m.group("of")):
            role = res.roles.get(phrase)  # "the Armenian prime minister", "the president of Azerbaijan"
        if role is None:
            continue
        country = res.country_of(m.group("adj") or m.group("of") or "") if (m.group("adj") or m.group("of")) else None
        out.append(RoleMention(m.start(), m.end(), m.group(0), role, country))
    return out
