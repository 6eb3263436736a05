"""entities.v1: people, organisations, groups and places, with canonical names and actors.

Within one article: mentions come from ``entities.recognize`` (spaCy corrected by tables);
full person names that are the same person by spelling are clustered
(``entities.aliases``), surname-only mentions attach to the one full name they fit, and
role mentions ("the president", "the Armenian prime minister") attach to the person holding
that role in the article. Each person gets country, sector and role from titles and
appositives; organisations from the actors table or their words. The byline's author is an
entity of sector media with no text mention (the byline is not part of the text).

Across articles, ``crossdoc.entities`` merges these per-article entities at export time.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...lang import aliases
from ...lang.floor import Floor
from ...lang.resources import Resources
from ...model import Article, Entity
from ...settings import Settings
from ..base import Stage
from .recognize import Mention, recognize
from .roles import RoleInfo, generic_mentions, role_after, role_before

_SECTOR_WORDS = (
    (re.compile(r"\b(ministry|government|administration|parliament|presidency|cabinet|office|council)\b", re.I),
     "government"),
    (re.compile(r"\b(army|armed forces|forces|troops|military|brigade|battalion|regiment|navy|air force)\b", re.I),
     "military"),
    (re.compile(r"\b(police|border guard|border service|national guard|security service)\b", re.I), "police"),
    (re.compile(r"\b(news|agency|press|tv|television|radio|times|post|herald|gazette|journal)\b", re.I), "media"),
    (re.compile(r"\b(rebels?|militia|separatists?|insurgents?|front|liberation)\b", re.I), "rebel"),
)


def _place_checker(settings: Settings):
    """Is this single word a known place (a country, an administrative area, a town)?"""
    from ...lang.gazetteer import is_known_place  # the shared gazetteer, not the geocode stage

    @lru_cache(maxsize=4096)
    def check(name: str) -> bool:
        return is_known_place(name, settings)

    return check


def _org_fields(m: Mention, res: Resources) -> tuple[str | None, str | None]:
    if m.sector or m.country:
        return m.country, m.sector
    country = None
    for word in re.findall(r"[A-Z][\w'’-]+", m.text):
        country = res.country_of(word.rstrip("'’s")) or country
    sector = next((s for pattern, s in _SECTOR_WORDS if pattern.search(m.text)), None)
    return country, sector


def _mention(article: Article, m_start: int, m_end: int, form: str) -> dict:
    return {"article_id": article.id, "start": m_start, "end": m_end, "text": article.text[m_start:m_end],
            "form": form}


def _people(article: Article, mentions: list[Mention], res: Resources) -> list[dict]:
    text = article.text
    persons = [m for m in mentions if m.label == "PERSON"]
    full = [m for m in persons if len(m.text.split()) >= 2]
    clusters = aliases.cluster_names(list(dict.fromkeys(m.text for m in full)))
    entities: list[dict] = []
    by_name: dict[str, dict] = {}
    for cluster in clusters:
        counts = Counter(m.text for m in full if m.text in cluster)
        canonical = max(cluster, key=lambda n: (counts[n], len(n), -cluster.index(n)))
        ent = {"type": "PERSON", "name": canonical, "aliases": [], "country": None, "sector": None,
               "role": None, "kind": "person", "mentions": []}
        entities.append(ent)
        for name in cluster:
            by_name[name] = ent
    for m in persons:
        ent = by_name.get(m.text)
        form = "name"
        if ent is None:
            target = aliases.resolve_surname(m.text, [e["name"] for e in entities if len(e["name"].split()) >= 2])
            ent = next((e for e in entities if e["name"] == target), None) if target else None
            form = "surname" if ent else "name"
        if ent is None:
            ent = {"type": "PERSON", "name": m.text, "aliases": [], "country": None, "sector": None,
                   "role": None, "kind": "person", "mentions": []}
            entities.append(ent)
            by_name[m.text] = ent
        ent["mentions"].append(_mention(article, m.start, m.end, form))
        info: RoleInfo | None = role_before(text, m.start, res) or role_after(text, m.end, res)
        if info and ent["role"] is None:
            ent["role_key"] = info.role.key
            ent["role"] = info.title
            ent["sector"] = info.role.sector
        if info and info.country and ent["country"] is None:
            ent["country"] = info.country
        if info and info.target:
            ent["serves"] = info.target
    for rm in generic_mentions(text, res):
        holders = [e for e in entities if e.get("role_key") == rm.role.key
                   and (rm.country is None or e["country"] in (None, rm.country))]
        if rm.role.key == "minister" and not holders:
            holders = [e for e in entities if (e.get("role_key") or "").endswith("minister")]
        if len(holders) == 1:
            holders[0]["mentions"].append(_mention(article, rm.start, rm.end, "role"))
    for ent in entities:  # "adviser to President Ilham Aliyev": the adviser shares Aliyev's country
        target = ent.pop("serves", None)
        if target and ent["country"] is None:
            boss = next((e for e in entities if e is not ent and e["name"] in target), None)
            ent["country"] = boss["country"] if boss else None
    for ent in entities:
        ent["mentions"].sort(key=lambda x: x["start"])
        ent["aliases"] = sorted({x["text"] for x in ent["mentions"] if x["form"] != "role"} - {ent["name"]})
        ent.pop("role_key", None)
        country_name = res.country_label.get(ent["country"] or "", ent["country"])
        if ent["role"] and country_name and country_name not in ent["role"]:
            ent["role"] = f"{ent['role']} ({country_name})"
    if article.author:
        for name in re.split(r"\s*(?:,|\band\b|&)\s*", article.author):
            if name:
                entities.append({"type": "PERSON", "name": name, "aliases": [], "country": None, "sector": "media",
                                 "role": "author", "kind": "author", "mentions": [],
                                 "sources": [{"article_id": article.id, "field": "author"}]})
    return entities


def _others(article: Article, mentions: list[Mention], res: Resources) -> list[dict]:
    groups: dict[tuple[str, str], dict] = {}
    for m in mentions:
        if m.label == "PERSON":
            continue
        canonical = m.canonical or m.text
        label = m.label if m.label in {"ORG", "GPE", "LOC", "NORP", "FAC"} else "ORG"
        key = (label, canonical.casefold())
        ent = groups.get(key)
        if ent is None:
            country, sector = (m.country, None) if label in {"GPE", "LOC", "NORP", "FAC"} else _org_fields(m, res)
            ent = groups[key] = {"type": label, "name": canonical, "aliases": [], "country": country,
                                 "sector": sector, "role": None, "kind": m.kind, "mentions": []}
        ent["mentions"].append(_mention(article, m.start, m.end, m.kind if m.kind == "metonym" else "name"))
    for ent in groups.values():
        ent["aliases"] = sorted({x["text"] for x in ent["mentions"]} - {ent["name"]})
    return list(groups.values())


class Entities(Stage):
    name, version = "entities", "entities.v1"
    requires = ("text", "doc", "author")
    assigns = ("entities",)

    def __init__(self, settings: Settings, floor: Floor | None = None) -> None:
        super().__init__(settings, floor)
        self.is_place = _place_checker(settings)

    def fill(self, article: Article) -> None:
        res = self.floor.resources
        mentions = recognize(article.doc, article.text, res, self.is_place)
        entities = _people(article, mentions, res) + _others(article, mentions, res)
        for ent in entities:
            ent["id"] = f"{ent['type'].lower()}:{aliases.entity_slug(ent['name'], ent['type'] == 'PERSON')}"
        article.entities = [Entity.from_dict(e) for e in entities]
