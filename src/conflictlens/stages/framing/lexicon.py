"""Loaded terms and contested names: the framing lexicon and the matcher over it.

The lexicon is data (``data/framing/loaded_terms.tsv`` and ``conflicts.toml``, the demo's
invented war in ``demo/``, and optional user files with the same columns). Each term row
names the side whose usage it is; nothing here ranks the sides.

An article is read against one conflict: the one whose marker words it names most often
(at least ``min_markers`` times). A term listed for several conflicts takes that conflict's
row; a term listed only for other conflicts is not framing here ("occupied territories" in
an article about a football match is not matched at all, because no conflict is named).
Rows whose conflict is ``*`` apply to every conflict. Category ``naming`` rows are
contested place names the geocoder may not know (the demo's invented city), reported with
the contested names rather than with the loaded terms.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ...errors import DataFileError

CATEGORIES = ("delegitimising", "dehumanising", "euphemism", "legitimising", "victimhood", "glorifying",
              "naming")
ANY = "*"
_COLUMNS = ("term", "category", "perspective", "conflict", "note", "source")


@dataclass(frozen=True)
class Term:
    term: str
    category: str
    perspective: str  # alpha-3 code of the side that uses it, or "*"
    conflict: str  # a conflicts.toml key or "*"
    note: str
    source: str


@dataclass(frozen=True)
class Conflict:
    key: str
    label: str
    markers: tuple[str, ...]
    sides: dict[str, tuple[str, ...]]  # perspective code -> words naming its usage


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    text: str
    term: Term


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    conflicts: dict[str, Conflict]
    min_markers: int
    version: str

    def conflict_of(self, text: str) -> str | None:
        """The conflict an article is about: the most often named, if named often enough."""
        counts = Counter({key: len(_markers(c.markers).findall(text)) for key, c in self.conflicts.items()})
        best = counts.most_common(1)
        if not best or best[0][1] < self.min_markers:
            return None
        return best[0][0]

    def find(self, text: str, conflict: str | None) -> list[TermHit]:
        """Term occurrences for ``conflict`` (rows of that conflict and of ``*``), longest first,
        never overlapping."""
        if conflict is None:
            return []
        rows = {}
        for t in self.terms:  # the conflict's own row wins over a "*" row for the same words
            if t.conflict == conflict or (t.conflict == ANY and t.term.casefold() not in rows):
                rows[t.term.casefold()] = t
        hits: list[TermHit] = []
        taken: list[tuple[int, int]] = []
        for term in sorted(rows.values(), key=lambda t: -len(t.term)):
            for m in _pattern(term.term).finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                hits.append(TermHit(m.start(), m.end(), m.group(0), term))
        return sorted(hits, key=lambda h: h.start)

    def side_of_usage(self, conflict: str | None, used_by: str) -> str | None:
        """The side a contested-name table's ``used_by`` text names ("Armenian usage" -> ARM);
        None when it names several sides or none ("international usage")."""
        if conflict is None or conflict not in self.conflicts:
            return None
        found = {code for code, words in self.conflicts[conflict].sides.items()
                 if any(re.search(rf"(?i)\b{re.escape(w)}\b", used_by) for w in words)}
        return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=512)
def _pattern(term: str) -> re.Pattern[str]:
    words = []
    for word in re.split(r"[\s-]+", term.strip()):
        wild = word.endswith("*")
        body = re.escape(word.rstrip("*"))
        words.append(body + (r"\w*" if wild else ""))
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=64)
def _markers(markers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _read_terms(text: str, name: str) -> list[Term]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DataFileError(f"{name}: expected the columns {', '.join(_COLUMNS)}, found {reader.fieldnames}")
    terms = []
    for n, row in enumerate(reader, start=2):
        if row["category"] not in CATEGORIES or not row["term"] or not row["perspective"]:
            raise DataFileError(f"{name}: row {n} ({row['term']!r}) needs a term, a perspective and one of "
                                f"the categories {', '.join(CATEGORIES)}")
        terms.append(Term(row["term"].strip(), row["category"], row["perspective"].strip(),
                          row["conflict"].strip() or ANY, row["note"] or "", row["source"] or ""))
    return terms


def _read_conflicts(text: str, name: str) -> tuple[dict[str, Conflict], int | None, str]:
    try:
        data = tomllib.loads(text)
        conflicts = {
            key: Conflict(key, spec.get("label", key), tuple(spec["markers"]),
                          {code: tuple(words) for code, words in spec.get("sides", {}).items()})
            for key, spec in data.get("conflicts", {}).items()
        }
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DataFileError(f"{name}: not a valid conflicts file: {exc}") from exc
    return conflicts, data.get("min_markers"), str(data.get("version", name))


def _read_user(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read framing file {path}: {exc}") from exc


@lru_cache(maxsize=8)
def load_lexicon(terms_file: str | None = None, conflicts_file: str | None = None) -> Lexicon:
    """The packaged lexicon, the demo's invented one, and optional user files."""
    pkg = resources.files("conflictlens")
    conflicts, min_markers, version = _read_conflicts(
        pkg.joinpath("data/framing/conflicts.toml").read_text("utf-8"), "conflicts.toml")
    terms = _read_terms(pkg.joinpath("data/framing/loaded_terms.tsv").read_text("utf-8"), "loaded_terms.tsv")
    extra = [(pkg.joinpath("demo/framing_conflicts.toml"), pkg.joinpath("demo/loaded_terms.tsv"), "demo")]
    for conflicts_src, terms_src, label in extra:
        if conflicts_src.is_file() and terms_src.is_file():
            conflicts.update(_read_conflicts(conflicts_src.read_text("utf-8"), f"{label}/conflicts")[0])
            terms += _read_terms(terms_src.read_text("utf-8"), f"{label}/loaded_terms.tsv")
    if conflicts_file:
        conflicts.update(_read_conflicts(_read_user(conflicts_file), conflicts_file)[0])
    if terms_file:
        terms += _read_terms(_read_user(terms_file), terms_file)
    unknown = sorted({t.conflict for t in terms} - set(conflicts) - {ANY})
    if unknown:
        raise DataFileError(f"framing terms name conflicts with no definition: {', '.join(unknown)}",
                            hint="define them in a conflicts TOML file (framing_conflicts_file)")
    return Lexicon(tuple(terms), conflicts, int(min_markers or 2), version)
