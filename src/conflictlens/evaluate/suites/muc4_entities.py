"""MUC-4 entities suite: are perpetrator organisations and named victims recognised as
entities, and with the right sector? A baseline for event extraction.

Data: the 200 TST1 + TST2 messages (the MUC-4 development split) and their answer keys, read
with ``datasets/muc4.py``. Templates numbered ``*`` (irrelevant messages) have no gold.

Gold, per document (fillers equal in any alternative, case-insensitively, are one item):

- **Perpetrator organisations**: the ``PERP: ORGANIZATION ID`` fillers. A filler lists
  alternatives (``/`` in the key); an optional filler (``?``) or a filler of an optional
  template (``(OPTIONAL)``) counts in recall only when it is recognised, as in
  ``metrics/templates.py``.
- **Victims**: the ``HUM TGT: NAME`` fillers (targets with a proper name; descriptions such
  as "PEASANTS" are not victims here), optional the same way, each with the ``HUM TGT: TYPE``
  categories cross-referenced to it (``CIVILIAN: "HECTOR DELGADO PARKER"``).

Matching uses the README's string rule as ``metrics/templates.py`` implements it: one string
contains the other, case-insensitively, as whole words, for any alternative. An entity offers
its name, its aliases and the text of each of its mentions.

- A gold perpetrator organisation is **recognised** when some ``ORG`` or ``NORP`` entity of
  the article matches it; a gold victim when some ``PERSON`` entity does.
  ``perp_org_recall`` / ``victim_recall`` = recognised / counted gold items.
- ``perp_org_precision``: of the article's ``ORG`` entities whose sector is an armed one
  (rebel, military or police: police too, as perpetrators include police units), the share
  that match some gold perpetrator organisation (optional ones included) of
  the same document (all 200 documents, irrelevant ones included: an armed organisation
  named in a message with no perpetrator is a false positive of "armed ORG = perpetrator").
- **Right sector** (``perp_org_sector_accuracy``, ``victim_sector_accuracy``): over the
  recognised items whose acceptable sectors are known, the share where some matching entity
  has one of them. Acceptable sectors come from ``evaluate/data/muc4_sectors.tsv``: for a
  victim, its categories mapped one by one (``CIVILIAN`` -> civilian, ``POLITICAL FIGURE`` ->
  government, ``ACTIVE MILITARY`` -> military, ``LAW ENFORCEMENT`` -> police, ...; a victim
  with no category is not scored for sector); for a perpetrator organisation, each
  alternative's words (the first cue found: "liberation" -> rebel before "army" ->
  military), with rebel when no alternative has a cue (FMLN, MRTA, ...).

Text: the messages are hard-wrapped at about 70 columns and the text reader makes every line
a paragraph, which cuts names in two, so the lines of each paragraph are joined first
(``unwrap``). The messages are upper case, which spaCy reads badly, so each document is
analysed twice: as-is (upper case) and truecased (``truecase``: headline case, every word
capitalised except spaCy's English stop words, sentence starts capitalised, bracketed
acronyms kept; see there). Both are reported in ``details`` and the notes; the headline
metrics are the variant with the higher sum of the five scores, and a note says which.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import DataFileError
from ...settings import Settings
from ..base import SuiteResult, apply_limit, require_dir
from ..datasets.muc4 import SOURCES, load_muc4, parse_key_file
from ..metrics.spans import safe_div
from ..metrics.templates import Filler, filler_matches, normalise, parse_filler, split_xref

SECTOR_TABLE = Path(__file__).resolve().parents[1] / "data" / "muc4_sectors.tsv"
ARMED = frozenset({"rebel", "military", "police"})
PERP_TYPES = frozenset({"ORG", "NORP"})
METRICS = (
    "perp_org_recall", "perp_org_precision", "perp_org_sector_accuracy", "victim_recall",
    "victim_sector_accuracy",
)  # fmt: skip


# -- sector mapping -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorTable:
    victim_types: dict[str, str]
    perp_cues: tuple[tuple[re.Pattern[str], str], ...]
    perp_default: str | None

    def victim_sectors(self, categories: Iterable[str]) -> frozenset[str]:
        """Our sectors for MUC ``HUM TGT: TYPE`` categories (unknown categories add none)."""
        out = set()
        for category in categories:
            for part in category.split("/"):
                sector = self.victim_types.get(" ".join(part.split()).upper())
                if sector:
                    out.add(sector)
        return frozenset(out)

    def perp_sectors(self, filler: Filler) -> frozenset[str]:
        """Acceptable sectors of a perpetrator organisation: each alternative's first cue."""
        out = set()
        for alt in filler.alternatives:
            text = normalise(alt)
            sector = next((s for pattern, s in self.perp_cues if pattern.search(text)), None)
            if sector:
                out.add(sector)
        if not out and self.perp_default:
            out.add(self.perp_default)
        return frozenset(out)


def load_sector_table(path: Path = SECTOR_TABLE) -> SectorTable:
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    victim_types: dict[str, str] = {}
    cues: list[tuple[re.Pattern[str], str]] = []
    default = None
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        kind, value, sector = row.get("kind"), (row.get("value") or "").strip(), (row.get("sector") or "").strip()
        if not value or not sector:
            raise DataFileError(f"{path}: row {n}: need kind, value and sector: {row}")
        if kind == "victim_type":
            victim_types[value.upper()] = sector
        elif kind == "perp_cue":
            cues.append((re.compile(rf"(?<!\w){re.escape(value.lower())}(?!\w)"), sector))
        elif kind == "perp_default":
            default = sector
        else:
            raise DataFileError(f"{path}: row {n}: unknown kind {kind!r}")
    return SectorTable(victim_types, tuple(cues), default)


# -- gold ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldItem:
    filler: Filler  # alternatives; optional: counts in recall only when recognised
    sectors: frozenset[str] = frozenset()  # acceptable sectors; empty: not scored for sector


@dataclass(frozen=True)
class DocGold:
    perp_orgs: tuple[GoldItem, ...] = ()
    victims: tuple[GoldItem, ...] = ()


def _keys(filler: Filler) -> set[str]:
    return {normalise(a) for a in filler.alternatives}


def _merge(items: list[tuple[Filler, set[str]]]) -> list[tuple[Filler, set[str]]]:
    """Fillers that share an alternative are one item: alternatives and categories united;
    optional only when every occurrence is optional."""
    out: list[tuple[Filler, set[str]]] = []
    for filler, cats in items:
        for k, (have, have_cats) in enumerate(out):
            if _keys(have) & _keys(filler):
                alts = have.alternatives + tuple(a for a in filler.alternatives if a not in have.alternatives)
                out[k] = (Filler(alts, have.optional and filler.optional), have_cats | cats)
                break
        else:
            out.append((filler, set(cats)))
    return out


def gold_from_templates(templates: Sequence[dict[int, list[str]]], table: SectorTable) -> DocGold:
    """Perpetrator organisations and named victims of one document's raw key templates
    (``datasets.muc4.parse_key_file`` shape: slot number -> filler lines)."""
    perps: list[tuple[Filler, set[str]]] = []
    victims: list[tuple[Filler, set[str]]] = []
    for raw in templates:
        number = (raw.get(1) or ["*"])[0]
        if number.startswith("*"):
            continue
        optional_template = "OPTIONAL" in number.upper()
        for line in raw.get(10, []):
            f = parse_filler(line)
            if f is not None:
                perps.append((Filler(f.alternatives, f.optional or optional_template), set()))
        names = [f for f in (parse_filler(line) for line in raw.get(18, [])) if f is not None]
        cats: list[set[str]] = [set() for _ in names]
        described: dict[str, int] = {}  # a description cross-referenced to a name -> that name
        for line in raw.get(19, []):
            value, xref = split_xref(line)
            desc, owner = parse_filler(value), _owner(names, xref, {})
            if desc is not None and owner is not None:
                described.update((k, owner) for k in _keys(desc))
        has_descriptions = any(parse_filler(split_xref(line)[0]) for line in raw.get(19, []))
        for line in raw.get(20, []):
            value, xref = split_xref(line)
            category = parse_filler(value)
            if category is None:
                continue
            if xref is None:
                owner = 0 if len(names) == 1 and not has_descriptions else None
            else:
                owner = _owner(names, xref, described)
            if owner is not None:
                cats[owner].update(category.alternatives)
        victims += [
            (Filler(f.alternatives, f.optional or optional_template), c) for f, c in zip(names, cats, strict=True)
        ]
    return DocGold(
        tuple(GoldItem(f, table.perp_sectors(f)) for f, _ in _merge(perps)),
        tuple(GoldItem(f, table.victim_sectors(c)) for f, c in _merge(victims)),
    )


def _owner(names: list[Filler], xref: str | None, described: dict[str, int]) -> int | None:
    ref = parse_filler(xref) if xref else None
    if ref is None:
        return None
    wanted = _keys(ref)
    for k, name in enumerate(names):
        if wanted & _keys(name):
            return k
    return next((described[w] for w in wanted if w in described), None)


def load_gold(data_dir: Path, table: SectorTable) -> dict[str, DocGold]:
    """Message id -> its gold, for every message with a key."""
    root = data_dir / "muc4" / "raw" / "CORPORA"
    keys: dict[str, list[dict[int, list[str]]]] = {}
    for folder, _, key_file in SOURCES:
        keys.update(parse_key_file((root / folder / key_file).read_text(encoding="latin-1")))
    return {doc_id: gold_from_templates(templates, table) for doc_id, templates in keys.items()}


# -- matching and scoring -----------------------------------------------------------------------


def entity_strings(entity: dict[str, Any]) -> list[str]:
    """Every string an entity offers for matching: name, aliases, mention texts."""
    out = [entity.get("name") or "", *entity.get("aliases", [])]
    out += [m.get("text") or "" for m in entity.get("mentions", [])]
    return list(dict.fromkeys(s for s in out if s))


def entity_matches(entity: dict[str, Any], filler: Filler) -> bool:
    """Whole-word containment either way, case-insensitive, any alternative, any string."""
    return any(filler_matches("perp", filler, s) for s in entity_strings(entity))


@dataclass
class EntityTally:
    perp_gold: int = 0  # gold perpetrator organisations counted in recall
    perp_found: int = 0
    perp_sector_scored: int = 0
    perp_sector_ok: int = 0
    armed_orgs: int = 0  # ORG entities with an armed sector (precision denominator)
    armed_orgs_matched: int = 0
    victim_gold: int = 0
    victim_found: int = 0
    victim_sector_scored: int = 0
    victim_sector_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: EntityTally) -> None:
        for name, value in vars(other).items():
            if name == "misses":
                self.misses += value
            else:
                setattr(self, name, getattr(self, name) + value)

    def metrics(self) -> dict[str, float]:
        return {
            "perp_org_recall": safe_div(self.perp_found, self.perp_gold),
            "perp_org_precision": safe_div(self.armed_orgs_matched, self.armed_orgs),
            "perp_org_sector_accuracy": safe_div(self.perp_sector_ok, self.perp_sector_scored),
            "victim_recall": safe_div(self.victim_found, self.victim_gold),
            "victim_sector_accuracy": safe_div(self.victim_sector_ok, self.victim_sector_scored),
        }

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if k != "misses"}


def _score_items(items: Sequence[GoldItem], candidates: list[dict[str, Any]]) -> tuple[int, int, int, int, list[str]]:
    """(gold counted, recognised, sector scored, sector right, missed fillers)."""
    counted = found = scored = ok = 0
    missed = []
    for item in items:
        hits = [e for e in candidates if entity_matches(e, item.filler)]
        if not hits and item.filler.optional:
            continue
        counted += 1
        if not hits:
            missed.append(item.filler.alternatives[0])
            continue
        found += 1
        if item.sectors:
            scored += 1
            ok += any(e.get("sector") in item.sectors for e in hits)
    return counted, found, scored, ok, missed


def score_entities(gold: DocGold, entities: Sequence[dict[str, Any]]) -> EntityTally:
    """Tally one document: its gold against the entities the pipeline found in it."""
    orgs = [e for e in entities if e.get("type") in PERP_TYPES]
    people = [e for e in entities if e.get("type") == "PERSON"]
    t = EntityTally()
    t.perp_gold, t.perp_found, t.perp_sector_scored, t.perp_sector_ok, missed_perps = _score_items(gold.perp_orgs, orgs)
    t.victim_gold, t.victim_found, t.victim_sector_scored, t.victim_sector_ok, missed_victims = _score_items(
        gold.victims, people
    )
    armed = [e for e in entities if e.get("type") == "ORG" and e.get("sector") in ARMED]
    t.armed_orgs = len(armed)
    t.armed_orgs_matched = sum(any(entity_matches(e, g.filler) for g in gold.perp_orgs) for e in armed)
    t.misses = [f"perp {m}" for m in missed_perps] + [f"victim {m}" for m in missed_victims]
    return t


# -- text preparation ---------------------------------------------------------------------------


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph; paragraphs stay apart (blank line)."""
    paragraphs = re.split(r"\n\s*\n", text.strip("\n"))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_START = re.compile(r"(?:\A\s*|\n\s*|[.!?]['\"’”)\]]*\s+|\[TEXT\]\s+)['\"“(]?\Z", re.IGNORECASE)
_IN_BRACKETS = re.compile(r"[\[(]([A-Z]{2,6})[\])]")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def truecase(text: str, stop_words: frozenset[str] | None = None) -> str:
    """Upper-case MUC text to headline case, which spaCy reads far better.

    Every word is lower-cased, then capitalised unless it is an English stop word (spaCy's
    list: the, of, and, was, ...) that does not start a sentence (paragraph start, after
    ``.``/``?``/``!`` or the ``[TEXT]`` marker). A word the message itself puts in brackets
    as an acronym (``[FMLN]``, ``(URNG)``; not a stop word) stays upper case throughout the
    message. Common nouns and verbs come out capitalised too ("Guerrillas Attacked The
    Farm" without "The"): crude, but it keeps multiword names whole. A finer variant,
    capitalising only words missing from WordNet (the spaCy lemmatizer's index), found victims
    as well (recall 0.90) but lost organisations ("armed forces" in lower case is no name:
    perpetrator recall 0.39, no armed ORG left), so it was dropped.
    """
    stop = _stop_words() if stop_words is None else stop_words
    acronyms = {a for a in _IN_BRACKETS.findall(text) if a.lower() not in stop}

    def recase(m: re.Match[str]) -> str:
        word = m.group(0)
        lower = word.lower()
        base = re.sub(r"['’][sS]?$", "", word)
        if base in acronyms:
            return base + word[len(base) :].lower()  # NLF'S -> NLF's
        if lower in stop and not _SENTENCE_START.search(text, max(0, m.start() - 30), m.start()):
            return lower
        return lower[:1].upper() + lower[1:]

    return _WORD.sub(recase, text)


# -- the suite ----------------------------------------------------------------------------------


def _analyse(texts: dict[str, str], settings: Settings) -> dict[str, list[dict[str, Any]]]:
    from ...api import analyze_documents
    from ...model import Article, RawDocument

    raws = [RawDocument(source=doc_id, content=text, format="text") for doc_id, text in texts.items()]
    return {r.source: r.entities for r in analyze_documents(raws, settings) if isinstance(r, Article)}


def score_variant(
    docs: Sequence[Any], gold: dict[str, DocGold], texts: dict[str, str], settings: Settings
) -> EntityTally:
    entities = _analyse(texts, settings)
    total = EntityTally()
    for doc in docs:
        tally = score_entities(gold.get(doc.doc_id, DocGold()), entities.get(doc.doc_id, []))
        tally.misses = [f"{doc.doc_id}: {m}" for m in tally.misses]
        total.add(tally)
    return total


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "muc4", "raw", "CORPORA")
    docs, notes = apply_limit(load_muc4(data_dir), limit)
    table = load_sector_table()
    gold = load_gold(data_dir, table)
    variants = {
        "as_is": {d.doc_id: unwrap(d.text) for d in docs},
        "truecased": {d.doc_id: truecase(unwrap(d.text)) for d in docs},
    }
    tallies = {name: score_variant(docs, gold, texts, settings) for name, texts in variants.items()}
    scored = {name: t.metrics() for name, t in tallies.items()}
    best = max(scored, key=lambda name: (sum(scored[name].values()), name == "as_is"))
    other = next(name for name in scored if name != best)
    notes.append(
        f"headline metrics are the {best.replace('_', '-')} text (sum of the five scores "
        f"{sum(scored[best].values()):.3f} vs {sum(scored[other].values()):.3f} {other.replace('_', '-')}); "
        "both are in details"
    )
    for name, m in scored.items():
        notes.append(f"{name.replace('_', '-')}: " + ", ".join(f"{k} {v:.3f}" for k, v in m.items()))
    notes.append("hard-wrapped lines are joined into paragraphs before analysis (the text reader would split names)")
    notes.append("truecased = headline case: every word capitalised except spaCy's stop words; bracketed acronyms kept")
    details = {
        "headline": best,
        "variants": {
            name: {"metrics": scored[name], "counts": tallies[name].counts(), "missed": tallies[name].misses}
            for name in tallies
        },
        "gold_perp_orgs": sum(len(gold.get(d.doc_id, DocGold()).perp_orgs) for d in docs),
        "gold_victims": sum(len(gold.get(d.doc_id, DocGold()).victims) for d in docs),
        "sector_table": "evaluate/data/muc4_sectors.tsv",
    }
    return SuiteResult("muc4_entities", {k: scored[best][k] for k in METRICS}, len(docs), notes, details)
