"""Person-name alias matching: is this spelling the same person as that one?

Works on spelling alone (no spaCy, no knowledge base). Two full names are one person when
their first names are compatible (equal key, a known variant from ``name_variants.tsv``, or an
initial) and their surnames are equal by key, a known variant, or within the narrow typo and
transliteration tolerance of ``alias_rules.toml``. Different first names never merge, and
masculine/feminine surname forms (Aliyev / Aliyeva) are different people.

A surname-only mention ("Khadzhiyev told Reuters") is never merged: it *could refer to* a full
name (``surname_matches``, ``surname_candidates``) and is attached only when exactly one person
in the article fits (``resolve_surname``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .gazetteer.names import slug as geo_slug
from .personnames import (
    ParsedName,
    Rules,
    given_variant_spellings,
    load_rules,
    load_variants,
    name_key,
    parse_name,
    word_key,
)

__all__ = [
    "MERGE_THRESHOLD",
    "cluster_names",
    "match_score",
    "name_key",
    "resolve_surname",
    "same_person",
    "surname_candidates",
    "surname_matches",
]

MERGE_THRESHOLD = 0.8
EXACT, VARIANT, INITIAL, FUZZY = 1.0, 0.95, 0.9, 0.85


def _given_score(a: str, b: str) -> float:
    """Compatibility of two given-name words (ASCII): 1, 0.95 variant, 0.9 initial, else 0."""
    ka, kb = word_key(a), word_key(b)
    if ka and ka == kb:
        return EXACT
    if len(a) == 1 or len(b) == 1:
        initial, full = (a, b) if len(a) == 1 else (b, a)
        spellings = [full, *given_variant_spellings(full)]
        return INITIAL if any(s.startswith(initial) for s in spellings) and len(full) > 1 else 0.0
    groups = load_variants()["given"]
    if groups.get(ka, frozenset()) & groups.get(kb, frozenset()):
        return VARIANT
    return FUZZY if _given_substitution(ka, kb, load_rules()) else 0.0


def _given_substitution(ka: str, kb: str, rules: Rules) -> bool:
    """One letter apart in a way the source script leaves open (see alias_rules.toml)."""
    if len(ka) != len(kb) or len(ka) < rules.given_min_length:
        return False
    diff = [(x, y) for x, y in zip(ka, kb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    pairs = (*rules.given_vowel_pairs, *rules.similar)
    return any(x in pair and y in pair for pair in pairs)


def _first_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if len(a) != len(b):
        return 0.0
    return min((_given_score(x, y) for x, y in zip(a, b, strict=True)), default=0.0)


def _gendered(ka: str, kb: str, rules: Rules) -> bool:
    """Masculine vs feminine form of a surname (Aliev / Alieva, Navalni / Navalna)."""
    fem_a, fem_b = bool(rules.feminine.search(ka)), bool(rules.feminine.search(kb))
    if fem_a == fem_b:
        return False
    masc = kb if fem_a else ka
    return bool(rules.masculine.search(masc))


def _drop_h(key: str) -> str:
    out = key.replace("h", "").replace("G", "")
    return "".join(ch for i, ch in enumerate(out) if i == 0 or ch != out[i - 1])


def _one_edit(a: str, b: str, rules: Rules) -> bool:
    """One edit of the kinds allowed in ``[tolerance]`` of alias_rules.toml."""
    vowels, shorter = rules.vowels, min(len(a), len(b))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            x, y = a[diff[0]], b[diff[0]]
            if (x in vowels) == (y in vowels) and (x in vowels or any(x in c and y in c for c in rules.similar)):
                return True
            return x not in vowels and y not in vowels and shorter >= rules.any_consonant_min_length
        i = diff[0] if len(diff) == 2 else -1
        return i >= 0 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    if abs(len(a) - len(b)) != 1:
        return False
    long, short = (a, b) if len(a) > len(b) else (b, a)
    for i, ch in enumerate(long):
        if long[:i] + long[i + 1 :] != short:
            continue
        before = long[i - 1] if i > 0 else ""
        after = long[i + 1] if i + 1 < len(long) else ""
        if ch in "hG" or (ch not in vowels and after == "h"):
            return True
        if ch in vowels and (before in vowels and before or after in vowels and after):
            return True
    return False


def _surname_score(a: str, b: str) -> float:
    """Compatibility of two surname words (ASCII): 1, 0.95 variant, 0.85 tolerated edit, else 0."""
    rules = load_rules()
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return EXACT
    if _gendered(ka, kb, rules):
        return 0.0
    groups = load_variants()["surname"]
    if groups.get(ka, frozenset()) & groups.get(kb, frozenset()):
        return VARIANT
    if min(len(ka), len(kb)) < rules.min_length:
        return 0.0
    if _drop_h(ka) == _drop_h(kb) or _one_edit(ka, kb, rules):
        return FUZZY
    return 0.0


def _middle_ok(a: ParsedName, b: ParsedName) -> bool:
    """Middle names only count against a match when both sides give one and none agree."""
    if not a.middle or not b.middle:
        return True
    return any(_given_score(x, y) > 0 for x in a.middle for y in b.middle)


def match_score(a: str, b: str) -> float:
    """How well two full-name mentions fit one person by spelling, 0.0 to 1.0.

    0 when either is not a full name (see ``surname_matches``), when the first names are
    incompatible, or when the surnames differ beyond tolerance; otherwise the weaker of the
    first-name and surname scores (1 equal keys, 0.95 known variant, 0.9 initial, 0.85 typo).
    """
    pa, pb = parse_name(a), parse_name(b)
    if not (pa.is_full and pb.is_full):
        return 0.0
    if pa.dynasty and pb.dynasty and word_key(pa.dynasty) != word_key(pb.dynasty):
        return 0.0
    if not _middle_ok(pa, pb):
        return 0.0
    return min(_first_score(pa.first, pb.first), _surname_score(pa.surname, pb.surname))


def same_person(a: str, b: str, *, context: Sequence[str] | None = None) -> bool:
    """True when two full-name mentions are one person by spelling alone.

    ``context`` is optional: the other person mentions of the same document. A match that
    relies on the typo tolerance is refused when both surname spellings recur in the context
    (each at least twice): a spelling used repeatedly is a name, not a slip.
    """
    score = match_score(a, b)
    if score < MERGE_THRESHOLD:
        return False
    if context and score <= FUZZY:
        counts = Counter(word_key(parse_name(m).surname) for m in context)
        ka, kb = word_key(parse_name(a).surname), word_key(parse_name(b).surname)
        if counts[ka] >= 2 and counts[kb] >= 2:
            return False
    return True


def surname_matches(mention: str, full_name: str) -> bool:
    """Could a surname-only mention ("Khadzhiyev", "President Aliyev") refer to ``full_name``?

    A mention that is itself a full name is compared with ``same_person``. Feminine and
    masculine forms never match (``Aliyeva`` is not Ilham Aliyev).
    """
    pm, pf = parse_name(mention), parse_name(full_name)
    if pm.is_full:
        return same_person(mention, full_name)
    if not pm.surname or not pf.surname:
        return False
    return _surname_score(pm.surname, pf.surname) >= MERGE_THRESHOLD


def surname_candidates(mention: str, candidates: Sequence[str]) -> list[str]:
    """All candidates a surname-only mention could refer to, in input order.

    When some candidates match the surname key exactly, only those are kept: a tolerated
    spelling difference is weaker evidence than an exact one.
    """
    fits = [c for c in candidates if surname_matches(mention, c)]
    key = word_key(parse_name(mention).surname)
    exact = [c for c in fits if word_key(parse_name(c).surname) == key]
    return exact or fits


def resolve_surname(mention: str, candidates: Sequence[str]) -> str | None:
    """The one candidate a surname-only mention refers to, or None when none or several
    different people fit (an ambiguous surname attaches to nobody)."""
    fits = surname_candidates(mention, candidates)
    if not fits:
        return None
    return fits[0] if len(cluster_names(fits)) == 1 else None


def _compatible(a: str, b: str) -> bool:
    """May two names share a cluster at all (first names and surname gender agree)?"""
    pa, pb = parse_name(a), parse_name(b)
    if not (pa.is_full and pb.is_full):
        return False
    ka, kb = word_key(pa.surname), word_key(pb.surname)
    return _first_score(pa.first, pb.first) > 0 and not _gendered(ka, kb, load_rules())


def cluster_names(names: Sequence[str]) -> list[list[str]]:
    """Group full names that are one person; every other mention stays on its own.

    Transitive (A~B, B~C puts A, B, C together) but guarded: a cluster never holds two names
    with incompatible first names, so "A. Syrskyi" next to both "Oleksandr Syrskyi" and
    "Andriy Syrskyi" stays alone. Names with a written-out first name are placed before
    initials; clusters and their members keep input order.
    """
    order = sorted(range(len(names)), key=lambda i: (min(map(len, parse_name(names[i]).first or ("",))) == 1, i))
    clusters: list[list[int]] = []
    for i in order:
        hits = [c for c in clusters if any(same_person(names[i], names[j]) for j in c)]
        merged = [i, *(j for c in hits for j in c)]
        if hits and all(_compatible(names[x], names[y]) for x in merged for y in merged if x < y):
            clusters = [c for c in clusters if c not in hits] + [merged]
        else:
            clusters.append([i])
    ordered = sorted((sorted(c) for c in clusters), key=lambda c: c[0])
    return [[names[i] for i in c] for c in ordered]


def entity_slug(name: str, person: bool = True) -> str:
    """A stable id fragment for an entity name, hyphenated. A person's name goes through the
    person key (titles dropped, transliterations folded: "Hadjiyev" and "Hajiyev" share one id);
    any other name is only folded to ASCII, so "Government of ..." keeps its letters."""
    key = name_key(name) if person else geo_slug(name)
    return re.sub(r"[^a-z0-9]+", "-", key or name.casefold()).strip("-")
