"""The corpus pass: every cross-document result, built once from the stored per-article items.

``corpus_pass`` merges entities and places across articles, clusters events (with the groups
of the incremental pass, ``crossdoc.incremental``, when it is up to date; in memory, pairwise,
when it is not), links claims and finds contradictions, and builds the outlet and side
profiles. It only reads the store: nothing is written, so any export may run it. The JSON
export (``export.json.build_export``), and through it the report and the web app, use it;
the ACLED CSV export uses ``event_clusters`` when the incremental pass is behind.

The per-article items given to the pass are annotated in place, as the export contract
expects: events get ``cluster_id`` (and a claimant's country known from another article),
claims get ``cluster_id``, ``event_cluster_id`` and ``contradicts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..store.base import ITEM_KINDS, SQLStore
from .claims import link_claims
from .entities import merge_entities
from .events import cluster_events
from .incremental import event_groups, is_complete
from .places import merge_places
from .profiles import build_profiles

Items = dict[str, list[dict[str, Any]]]
EVENT_KINDS = ("entities", "places", "events", "casualties")  # what event clustering reads


@dataclass(frozen=True)
class CorpusRecord:
    """The cross-document results of one corpus pass."""

    entities: list[dict[str, Any]]  # merged across articles
    places: list[dict[str, Any]]  # merged across articles
    clusters: list[dict[str, Any]]  # event clusters of two or more articles
    event_cluster: Mapping[str, str]  # event id -> cluster id, for clustered events
    claim_clusters: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    profiles: list[dict[str, Any]]  # per outlet and per side


def read_items(store: SQLStore, kinds: Iterable[str] = ITEM_KINDS) -> Items:
    """The stored per-article items of each kind, in the store's stable order."""
    return {kind: list(store.iter_items(kind)) for kind in kinds}


def _events(store: SQLStore, items: Items) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                     list[dict[str, Any]]]:
    """Merged entities, merged places and event clusters (annotating ``items["events"]``)."""
    entities = merge_entities(items["entities"])
    places = merge_places(items["places"])
    # event groups come from the incremental pass (``conflictlens crossdoc``) when it is up to date
    groups = event_groups(store) if is_complete(store) else None
    clusters = cluster_events(items["events"], items["casualties"], places, entities, groups=groups)
    return entities, places, clusters


def _cluster_map(clusters: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {event_id: c["id"] for c in clusters for event_id in c["events"]}


def event_clusters(store: SQLStore) -> dict[str, str]:
    """Event id -> cluster id for every clustered event, computed in memory (reads only)."""
    return _cluster_map(_events(store, read_items(store, EVENT_KINDS))[2])


def corpus_pass(store: SQLStore, items: Items | None = None) -> CorpusRecord:
    """All cross-document results from the store's per-article ``items`` (read here when not
    given; annotated in place). Claims are linked after the event clusters they refer to."""
    items = read_items(store) if items is None else items
    entities, places, clusters = _events(store, items)
    claim_clusters, contradictions = link_claims(items["claims"], items["events"], places)
    return CorpusRecord(entities=entities, places=places, clusters=clusters, event_cluster=_cluster_map(clusters),
                        claim_clusters=claim_clusters, contradictions=contradictions,
                        profiles=build_profiles(items["framing"]))
