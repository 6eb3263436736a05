"""HTML sections of the report, shared by the offline report and the web app's overview.

Each function takes the export dict (``export.json.build_export``) and returns an HTML
fragment in which every data-derived string has gone through ``html.escape``.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from ..lang.sides import display_side
from .svg import map_svg, timeline_svg

SECTIONS = ("overview", "timeline", "map", "clusters", "claims", "framing")


def e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list[str]], cls: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def overview_html(data: dict[str, Any]) -> str:
    kinds = ["articles", "events", "casualties", "quotes", "claims", "entities", "places", "clusters",
             "contradictions"]
    cards = "".join(f'<div class="card"><span class="n">{len(data.get(k) or [])}</span>'
                    f'<span class="k">{k}</span></div>' for k in kinds)
    outlets = sorted({a.get("outlet") or "unknown" for a in data.get("articles") or []})
    dates = sorted(d for a in data.get("articles") or [] if (d := (a.get("published") or {}).get("date")))
    span = f"{e(dates[0])} to {e(dates[-1])}" if dates else "no dated articles"
    return (f'<section id="overview"><h2>Overview</h2><div class="cards">{cards}</div>'
            f'<p>Outlets: {", ".join(e(o) for o in outlets) or "none"}. Published: {span}.</p></section>')


def timeline_html(data: dict[str, Any]) -> str:
    return (f'<section id="timeline"><h2>Timeline</h2>'
            f'{timeline_svg(data.get("events") or [], data.get("casualties") or [])}</section>')


def map_html(data: dict[str, Any]) -> str:
    rows = [[e(p.get("name")), e(p.get("country_name") or p.get("country")), e(p.get("lat")), e(p.get("lon")),
             e(len(p.get("mentions") or []))] for p in data.get("places") or []]
    return (f'<section id="map"><h2>Map</h2>{map_svg(data.get("places") or [])}'
            '<p class="note">Coarse offline outline (country hulls of GeoNames towns); points are geocoded places.</p>'
            f'{_table(["place", "country", "lat", "lon", "mentions"], rows, "places")}</section>')


def _figure(f: dict[str, Any]) -> str:
    lo, best, hi = f.get("low"), f.get("best"), f.get("high")
    value = e(best) if lo == hi == best else f"{e(lo)}–{e(hi) if hi is not None else '+'}"
    return f'{value} {e(f.get("kind"))} ({e(f.get("victims"))}){" cumulative" if f.get("cumulative") else ""}'


def clusters_html(data: dict[str, Any]) -> str:
    claims_by_event_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in data.get("claims") or []:
        if c.get("event_cluster_id"):
            claims_by_event_cluster[c["event_cluster_id"]].append(c)
    out = ['<section id="clusters"><h2>Event clusters</h2>']
    for cl in data.get("clusters") or []:
        by_side: dict[str, list[str]] = defaultdict(list)
        for f in cl.get("casualty_figures") or []:
            who = (f.get("claimed_by") or {}).get("name")
            by_side[f.get("side") or "unattributed"].append(f'{_figure(f)} — {e(who)} <i>({e(f.get("outlet"))})</i>')
        for c in claims_by_event_cluster.get(cl.get("id"), []):
            side = display_side(c, "unattributed")
            by_side[side].append(f'<q>{e(c.get("text"))}</q> — {e((c.get("holder") or {}).get("name"))} '
                                 f'<i>({e(c.get("outlet"))})</i>')
        rows = [[e(side), "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"]
                for side, items in sorted(by_side.items())]
        date = cl.get("date") or {}
        flag = ' <span class="flag">figures disagree</span>' if cl.get("figures_disagree") else ""
        out.append(f'<article class="cluster"><h3>{e(cl.get("type"))} · {e(date.get("start"))} – {e(date.get("end"))}'
                   f'{flag}</h3><p>{len(cl.get("articles") or [])} articles; outlets: '
                   f'{", ".join(e(o) for o in cl.get("outlets") or [])}; sides: '
                   f'{", ".join(e(s) for s in cl.get("sides") or []) or "none"}</p>'
                   f'{_table(["side", "claims and tolls"], rows, "clusters")}</article>')
    if len(out) == 1:
        out.append("<p>No event clusters.</p>")
    out.append("</section>")
    return "".join(out)


def claims_html(data: dict[str, Any]) -> str:
    by_holder: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in data.get("claims") or []:
        by_holder[(c.get("holder") or {}).get("name") or "unknown"].append(c)
    claims = {c["id"]: c for c in data.get("claims") or [] if c.get("id")}
    rows = []
    for holder, items in sorted(by_holder.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lis = "".join(f'<li class="{e(c.get("polarity"))}">{"denies: " if c.get("polarity") == "deny" else ""}'
                      f'{e(c.get("text"))} <i>({e(c.get("outlet"))})</i></li>' for c in items[:12])
        more = f"<li>… {len(items) - 12} more</li>" if len(items) > 12 else ""
        rows.append([e(holder), str(len(items)), f"<ul>{lis}{more}</ul>"])
    con_rows = []
    for k in data.get("contradictions") or []:
        a, b = (claims.get(i, {}) for i in (k.get("claims") or [None, None])[:2])
        holders = " vs ".join(e(h.get("name")) for h in k.get("holders") or [])
        con_rows.append([e(k.get("reason")), holders, e(a.get("text")), e(b.get("text"))])
    return (f'<section id="claims"><h2>Who claims what</h2>'
            f'{_table(["holder", "claims", "what they claim"], rows, "claims")}'
            f'<h3>Contradictions ({len(con_rows)})</h3>'
            f'{_table(["reason", "holders", "claim", "contradicting claim"], con_rows, "contradictions")}</section>')


def framing_html(data: dict[str, Any]) -> str:
    rows = []
    for p in data.get("profiles") or []:
        rates = ", ".join(f"{e(k)} {e(v)}" for k, v in sorted((p.get("terms_per_1000") or {}).items()))
        tech = ", ".join(f"{e(k)} {e(v)}" for k, v in sorted((p.get("techniques") or {}).items()))
        names = ", ".join(f"{e(k)} {e(v)}" for k, v in sorted((p.get("contested_names") or {}).items()))
        rows.append([e(p.get("level")), e(p.get("name")), e(p.get("side")), e(p.get("articles")), e(p.get("words")),
                     rates or "–", ", ".join(e(t) for t in p.get("top_terms") or []) or "–", tech or "–",
                     names or "–", e(p.get("quote_share"))])
    head = ["level", "name", "side", "articles", "words", "loaded terms per 1000 words", "top terms",
            "techniques", "contested names", "quote share"]
    return f'<section id="framing"><h2>Framing profiles</h2>{_table(head, rows, "profiles")}</section>'


def all_sections(data: dict[str, Any]) -> str:
    return "".join(f(data) for f in (overview_html, timeline_html, map_html, clusters_html, claims_html,
                                     framing_html))
