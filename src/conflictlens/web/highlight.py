"""Article text with every extracted item highlighted: ``<mark>`` spans built server-side
from character offsets, each linked to the item's row in the tables below the text.

Overlapping items are split at every boundary; each piece is marked with the kind of the
shortest item that covers it (the most specific) and links to that item's row. All text
goes through ``html.escape``.
"""

from __future__ import annotations

import heapq
from html import escape
from typing import Any

KINDS = ("entity", "place", "event", "casualty", "quote", "claim", "term", "technique")
PRIORITY = ("term", "place", "event", "casualty", "entity", "technique", "quote", "claim")  # ties: most specific


def spans(article_id: str, items: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every highlighted item as {kind, anchor, start, end, label, text} in a stable order."""
    out: list[dict[str, Any]] = []

    def add(kind: str, n: int, start: Any, end: Any, label: str) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            out.append({"kind": kind, "anchor": f"{kind}-{n}-{len(out)}", "start": start, "end": end, "label": label})

    for kind, source in (("entity", "entities"), ("place", "places")):
        for i, item in enumerate(items.get(source) or []):
            for m in item.get("mentions") or []:
                if m.get("article_id", article_id) == article_id:
                    add(kind, i, m.get("start"), m.get("end"), f'{item.get("name")} ({item.get("type") or kind})')
    for i, ev in enumerate(items.get("events") or []):
        span = ev.get("trigger") or ev.get("evidence") or {}
        add("event", i, span.get("start"), span.get("end"), f'{ev.get("type")} {ev.get("mode") or ""}'.strip())
    for i, c in enumerate(items.get("casualties") or []):
        span = c.get("evidence") or {}
        add("casualty", i, span.get("start"), span.get("end"), f'{c.get("kind")} {c.get("best")}')
    for i, q in enumerate(items.get("quotes") or []):
        span = q.get("evidence") or {}
        add("quote", i, span.get("start"), span.get("end"), f'{(q.get("speaker") or {}).get("name")}')
    for i, c in enumerate(items.get("claims") or []):
        span = c.get("evidence") or {}
        add("claim", i, span.get("start"), span.get("end"), f'{(c.get("holder") or {}).get("name")}')
    n_term = n_tech = 0
    for f in items.get("framing") or []:
        for t in f.get("terms") or []:
            add("term", n_term, t.get("start"), t.get("end"), f'{t.get("term")} ({t.get("category")})')
            n_term += 1
        for t in f.get("techniques") or []:
            add("technique", n_tech, t.get("start"), t.get("end"), str(t.get("technique")))
            n_tech += 1
    return out


def highlight(text: str, marks: list[dict[str, Any]]) -> str:
    """The escaped text with <mark class=KIND><a href="#ANCHOR"> around every covered piece.

    One sweep over the sorted boundaries: marks enter the active set at their start and
    leave it at their end; a heap keyed by (length, priority, input order) gives the
    shortest covering mark and a count per kind gives ``data-kinds``, so the work is
    O((pieces + marks) log marks) rather than pieces x marks.
    """
    n = len(text)
    cuts = {0, n}
    for m in marks:
        cuts.update((min(m["start"], n), min(m["end"], n)))
    bounds = sorted(cuts)
    by_start = sorted(range(len(marks)), key=lambda i: marks[i]["start"])
    by_end = sorted(range(len(marks)), key=lambda i: marks[i]["end"])
    rank = {k: PRIORITY.index(k) for k in KINDS}
    heap: list[tuple[int, int, int]] = []
    kind_count = dict.fromkeys(KINDS, 0)
    active = [False] * len(marks)
    si = ei = 0
    html = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while si < len(by_start) and marks[by_start[si]]["start"] <= a:  # entered
            i = by_start[si]
            m = marks[i]
            si += 1
            if m["end"] > a:
                active[i] = True
                kind_count[m["kind"]] += 1
                heapq.heappush(heap, (m["end"] - m["start"], rank[m["kind"]], i))
        while ei < len(by_end) and marks[by_end[ei]]["end"] <= a:  # left (a mark covers [a, b) iff start <= a < end)
            i = by_end[ei]
            ei += 1
            if active[i]:
                active[i] = False
                kind_count[marks[i]["kind"]] -= 1
        while heap and not active[heap[0][2]]:
            heapq.heappop(heap)
        piece = escape(text[a:b])
        if not heap:
            html.append(piece)
            continue
        best = marks[heap[0][2]]
        kinds = " ".join(sorted(k for k, c in kind_count.items() if c))
        html.append(f'<mark class="{best["kind"]}" data-kinds="{kinds}" title="{escape(best["label"])}">'
                    f'<a href="#{best["anchor"]}">{piece}</a></mark>')
    return "".join(html)
