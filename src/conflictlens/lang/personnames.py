"""Person-name normalisation: titles, scripts, diacritics and transliteration folding.

Turns one name, as an outlet spells it, into a parsed structure (first name, middle names,
surname) and phonetic keys, so that "President İlham Əliyev" and "Ilham Aliev" give the same
keys. The rules come from ``data/alias_rules.toml`` and the known variants from
``data/name_variants.tsv``; this module knows no name itself. It does not decide whether two
names are one person: ``aliases`` does that.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from .datafiles import packaged_text

_PUNCT = re.compile(r"[^\w\-]+")
_NON_KEY = re.compile(r"[^a-zA-Z]+")


@dataclass(frozen=True)
class FoldRule:
    pattern: re.Pattern[str]
    replace: str
    why: str


@dataclass(frozen=True)
class ScriptRule:
    name: str
    scope: str  # "name" or "word"
    trigger: re.Pattern[str]
    letters: dict[str, str]


@dataclass(frozen=True)
class Rules:
    """Everything in ``alias_rules.toml``, compiled."""

    titles: frozenset[str]
    articles: frozenset[str]
    article_prefixes: tuple[str, ...]
    nasab: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    first_prefixes: frozenset[str]
    abd_prefix: re.Pattern[str]
    abd_glued: re.Pattern[str]
    scripts: tuple[ScriptRule, ...]
    chars: dict[str, str]
    folds: tuple[FoldRule, ...]
    vowels: str
    similar: tuple[str, ...]
    min_length: int
    any_consonant_min_length: int
    given_vowel_pairs: tuple[str, ...]
    given_min_length: int
    feminine: re.Pattern[str]
    masculine: re.Pattern[str]


@dataclass(frozen=True)
class ParsedName:
    """A name split into ASCII lower-case words; ``first`` is empty for a surname-only mention."""

    raw: str
    first: tuple[str, ...]
    middle: tuple[str, ...]
    surname: str
    dynasty: str = ""  # "Al Saud" in "Mohammed bin Salman Al Saud"

    @property
    def is_full(self) -> bool:
        return bool(self.first) and bool(self.surname)


def _compile(pattern: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise DataFileError(f"alias_rules.toml: {what}: bad pattern {pattern!r}: {exc}") from exc


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The packaged rules (read once)."""
    text = packaged_text("data/alias_rules.toml")
    try:
        data = tomllib.loads(text)
        tok, tol = data["tokens"], data["tolerance"]
        scripts = tuple(
            ScriptRule(s["name"], s["scope"], _compile(s["trigger"], s["name"]), dict(s["map"]))
            for s in data.get("script", [])
        )
        folds = tuple(FoldRule(_compile(f["pattern"], f["why"]), f["replace"], f["why"]) for f in data.get("fold", []))
        return Rules(
            titles=frozenset(tok["titles"]),
            articles=frozenset(tok["articles"]),
            article_prefixes=tuple(tok["article_prefixes"]),
            nasab=frozenset(tok["nasab"]),
            connectors=frozenset(tok["connectors"]),
            particles=frozenset(tok["particles"]),
            first_prefixes=frozenset(tok["first_prefixes"]),
            abd_prefix=_compile(tok["abd_prefix"], "abd_prefix"),
            abd_glued=_compile(tok["abd_glued"], "abd_glued"),
            scripts=scripts,
            chars=dict(data["chars"]),
            folds=folds,
            vowels=tol["vowels"],
            similar=tuple(tol["similar"]),
            min_length=int(tol["min_length"]),
            any_consonant_min_length=int(tol["any_consonant_min_length"]),
            given_vowel_pairs=tuple(tol["given_vowel_pairs"]),
            given_min_length=int(tol["given_min_length"]),
            feminine=_compile(tol["feminine"], "feminine"),
            masculine=_compile(tol["masculine"], "masculine"),
        )
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"alias_rules.toml is malformed: {exc}") from exc


@lru_cache(maxsize=1)
def _variant_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Rows of ``name_variants.tsv`` as (kind, ASCII lower-case spellings)."""
    text = packaged_text("data/name_variants.tsv")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t")):
        if row.get("kind") not in ("given", "surname") or not row.get("canonical"):
            raise DataFileError(f"name_variants.tsv: row {n + 1}: bad kind or canonical: {row}")
        spellings = [row["canonical"], *(row.get("variants") or "").split("|")]
        rows.append((row["kind"], tuple(to_ascii(s.strip()) for s in spellings if s.strip())))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_variants() -> dict[str, dict[str, frozenset[int]]]:
    """``{"given"|"surname": {word key: ids of the variant rows it belongs to}}``."""
    groups: dict[str, dict[str, set[int]]] = {"given": {}, "surname": {}}
    for row_id, (kind, spellings) in enumerate(_variant_rows()):
        for spelling in spellings:
            groups[kind].setdefault(word_key(spelling), set()).add(row_id)
    return {kind: {k: frozenset(v) for k, v in table.items()} for kind, table in groups.items()}


def given_variant_spellings(word: str) -> list[str]:
    """Every spelling listed with a given name (for initials: "O." fits Alexander via Oleksandr)."""
    ids = load_variants()["given"].get(word_key(word), frozenset())
    rows = _variant_rows()
    return [s for i in sorted(ids) for s in rows[i][1]]


def to_ascii(text: str, rules: Rules | None = None) -> str:
    """Lower-case ASCII spelling: script letter maps, then diacritics removed."""
    rules = rules or load_rules()
    text = unicodedata.normalize("NFC", text).lower()
    for script in rules.scripts:
        if script.scope == "name" and script.trigger.search(text):
            text = "".join(script.letters.get(ch, ch) for ch in text)
    words = []
    for word in text.split(" "):
        for script in rules.scripts:
            if script.scope == "word" and script.trigger.search(word):
                word = "".join(script.letters.get(ch, ch) for ch in word)
        words.append(word)
    text = "".join(rules.chars.get(ch, ch) for ch in " ".join(words))
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch) and ord(ch) < 128)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Phonetic key of one word (any spelling or script); "" when nothing Latin is left."""
    rules = load_rules()
    key = _NON_KEY.sub("", to_ascii(word, rules)).lower()
    for rule in rules.folds:
        key = rule.pattern.sub(rule.replace, key)
    return key


def _strip_titles(words: list[str], rules: Rules) -> list[str]:
    """Drop everything up to the last title word that is followed by a capitalised word."""
    cut = 0
    for j in range(min(len(words) - 1, 8)):
        if words[j].lower().strip(".,") in rules.titles and words[j + 1][:1].isupper():
            cut = j + 1
    return words[cut:]


def _handle_comma(text: str, rules: Rules) -> str:
    """Swap "Aliyev, Ilham" to "Ilham Aliyev"; drop a trailing description ("..., foreign minister")."""
    if "," not in text:
        return text
    before, after = (part.strip() for part in text.split(",", 1))
    after_words = after.split()
    descriptive = any(w.lower().strip(".") in rules.titles or not w[:1].isupper() for w in after_words)
    if before and len(before.split()) == 1 and 1 <= len(after_words) <= 2 and not descriptive:
        return f"{after} {before}"
    return before


def _split_word(word: str, rules: Rules) -> list[str]:
    """One written word -> ASCII words; an attached article becomes its own word "al"."""
    word = _PUNCT.sub("", word).strip("-")
    if not word:
        return []
    for prefix in rules.article_prefixes:
        if word.startswith(prefix) and len(word) > len(prefix):
            return ["al", *_split_word(word[len(prefix) :], rules)]
    if rules.abd_prefix.match(word):
        return ["abd"]
    head, _, tail = word.partition("-")
    if tail and rules.abd_prefix.match(head):
        return ["abd", tail.replace("-", "")]
    return [word.replace("-", "")]


@lru_cache(maxsize=16384)
def parse_name(name: str) -> ParsedName:
    """Split a mention into first / middle / surname words (titles and articles dropped)."""
    rules = load_rules()
    text = _handle_comma(unicodedata.normalize("NFC", name).strip(), rules)
    words = _strip_titles(text.split(), rules)
    ascii_words = to_ascii(" ".join(words), rules).split()
    tokens: list[str] = []
    for word in ascii_words:
        tokens.extend(_split_word(word, rules))
    article_before = {i for i, t in enumerate(tokens) if t in rules.articles and i + 1 < len(tokens)}
    marked = [(t, i - 1 in article_before) for i, t in enumerate(tokens) if t not in rules.articles]
    names = [t for t, _ in marked]
    if not names:
        return ParsedName(name, (), (), "")
    lead = names[0]
    # "bin Salman", "von der Leyen": a mention that starts with a particle is a surname; a
    # capitalised "Ben" (Ben Wallace) is a first name.
    lowercase_nasab = lead in rules.nasab and words[0][:1].islower()
    if lowercase_nasab or lead in rules.connectors or lead in rules.particles or len(names) == 1:
        rest = [t for t in names if t not in rules.nasab | rules.connectors | rules.particles]
        return ParsedName(name, (), (), rest[-1] if rest else "")
    first, start = _first_name(names, rules)
    return _rest_of_name(name, first, marked[start:], rules)


def _first_name(names: list[str], rules: Rules) -> tuple[tuple[str, ...], int]:
    lead = names[0]
    if (lead in rules.first_prefixes or lead == "abd") and len(names) > 2:
        return (("abd" if lead == "abd" else "abu"), names[1]), 2
    glued = rules.abd_glued.match(lead)
    if glued:
        return ("abd", glued.group(1)), 1
    return (lead,), 1


def _rest_of_name(raw: str, first: tuple[str, ...], marked: list[tuple[str, bool]], rules: Rules) -> ParsedName:
    words = [t for t, _ in marked]
    skip = rules.connectors | rules.particles
    if any(t in rules.nasab for t in words):
        at = next(i for i, t in enumerate(words) if t in rules.nasab)
        after = [(t, art) for t, art in marked[at + 1 :] if t not in skip | rules.nasab]
        if after:
            dynasty = after[-1][0] if len(after) > 1 and after[-1][1] else ""
            middle = [t for t in words[:at] if t not in skip]
            middle += [t for t, _ in (after[1:-1] if dynasty else after[1:])]
            return ParsedName(raw, first, tuple(middle), after[0][0], dynasty)
    kept = [t for t in words if t not in skip | rules.nasab]
    if not kept:
        return ParsedName(raw, first, (), "")
    return ParsedName(raw, first, tuple(kept[:-1]), kept[-1])


def name_key(name: str) -> str:
    """Normalised key of a name or one word: titles dropped, diacritics and scripts folded,
    alias rules applied; words joined by spaces ("President Ilham Əliyev" -> "ilham aliev")."""
    parsed = parse_name(name)
    words = [*parsed.first, *parsed.middle, parsed.surname, parsed.dynasty]
    return " ".join(k for k in (word_key(w) for w in words if w) if k)
