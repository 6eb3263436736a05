"""Casualty statements in one sentence: who was killed, injured, missing or captured, how many.

Works on plain text with character offsets (no parse needed), so the same rules read
well-edited English and all-capitals wire copy. The vocabulary is data
(``data/casualties.toml``); numbers and vague quantities come from ``conflictlens.lang.quantities``.

Three layouts cover most reports:

- victims before the harm word: "five members of the same family, including children,
  were killed"; "19 civilians have been wounded"; "12 civilians killed";
- the harm word before the victims: "killing at least 12 civilians and injuring over 30";
  "Azerbaijan lost over a dozen servicemen"; "left 5 people dead";
- a count of harms: "14 deaths", "5 dead and 12 wounded", "the death toll rose to 40".

A group with no stated number is kept with its grammatical number: "a civilian was killed"
is one, "civilians were killed" is a plural of unknown size (low 2, best 2, high open), so
that nothing is invented. "No civilians were harmed" is a count of zero: a claim too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...lang.quantities import Quantity, find_quantities
from .vocabulary import GENERIC_WORDS, KINDS, PLURAL_WORD, Casualty, Vocabulary, category_of, kind_of, vocabulary

__all__ = ["KINDS", "Casualty", "Vocabulary", "category_of", "find", "kind_of", "vocabulary"]


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    text: str
    categories: tuple[str, ...]
    plural: bool
    negated: bool = False


# words allowed between a count and its victim noun: "Ninety-two Azerbaijani civilians",
# "over a dozen of military servicemen", "hundreds of others", "two more soldiers"
_COUNT_GAP = re.compile(r"\s+(?:(?:of|the|more|other|innocent|unarmed|young|elderly|local|[A-Za-z][\w'’-]*)\s+){0,3}",
                        re.I)
_STOP_IN_GAP = re.compile(r"(?<!\w)(?:were|was|is|are|been|have|has|had|and|or|in|on|by|at|with|after|when|who|"
                          r"that|which|killed|injured|wounded|died|according|said|says|told)(?!\w)", re.I)
# between the victims and a passive or intransitive harm word
_AUX = (r"(?:were|was|are|is|have|has|had|been|being|be|got|get|reportedly|reported|also|seriously|critically|"
        r"badly|gravely|severely|fatally|slightly|lightly|all|both|later|subsequently|allegedly|confirmed|"
        r"believed to have|said to have|found|left|now|already|either|then|still|later|initially|mortally|"
        r"apparently|instantly|immediately|recently|may have|might have|could have|would have|will be|to have)")
_PASSIVE_GAP = re.compile(rf"^(?:\s*,\s*(?:including|among them|among whom|most of them|mostly|many of them|"
                          rf"some of them|mainly|all of them|of whom|one of them|who|which|whose)[^.;:]{{0,140}}?,"
                          rf"|\s+\w+ing(?:\s+(?!(?:was|were|is|are|has|have|had)\b)[\w'’-]+){{0,4}})?"
                          rf"(?:\s+{_AUX})*\s*$", re.I)
_ACTIVE_CUE = re.compile(r"^(?:killing|killed|kills|kill|injuring|injured|injures|wounding|wounded|wounds|murdered|"
                         r"claimed the lives of|kidnapped|kidnapping|abducted|abducting|captured|capturing|"
                         r"executed|massacred|assassinated|hurt|maimed|lost)$", re.I)
_LEFT = re.compile(r"(?<!\w)(?:left|leaving|leaves)(?!\w)", re.I)
_TOLL = re.compile(r"(?:death|casualty) toll(?:\s+\w+){0,4}?\s+(?:rose|risen|climbed|reached|stands|stood|is|was|"
                   r"of|at|to|increased)(?:\s+(?:at|to))?\s+$", re.I)
_NONE_WORD = re.compile(r"(?<!\w)(?:no|none of the|not a single|not one)\s+$", re.I)
_NOBODY = re.compile(r"(?<!\w)(?:no one|nobody|no-one|none)(?!\w)", re.I)
_PRESENT_PERFECT = re.compile(r"(?<!\w)(?:have|has)\s+(?:\w+\s+)?been\s+$", re.I)
_SERIAL = re.compile(r"(?<!\w)(?:attacks|strikes|shellings|bombardments|raids|clashes|hostilities|fighting|war)(?!\w)",
                     re.I)
_INCLUDING = re.compile(r"^\s*,?\s*(?:including|among them|among whom|among the dead were|among the victims were)"
                        r"\s+([^;:]*?)(?=,\s*and\s|;|:|$|\.\s)", re.I)
_ARTICLE = re.compile(r"(?<!\w)(?:a|an|one|another|the only)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def _categories(text: str) -> list[tuple[int, int, str, str]]:
    """Victim words in ``text``: (start, end, words, category)."""
    return [(m.start(), m.end(), m.group(0), category_of(m.group(0))) for m in vocabulary().victim.finditer(text)]


def _merge(categories: list[str]) -> str:
    found = {c for c in categories if c != "unknown"}
    if not found:
        return "unknown"
    return found.pop() if len(found) == 1 else "mixed"


def _group(text: str, start: int, end: int, extra: list[str], head: str | None = None) -> _Group:
    words = text[start:end]
    head = head or category_of(words)
    generic = words.lower() in GENERIC_WORDS
    cats = list(extra)
    if not (generic and extra):
        cats.insert(0, head if not (generic and words.lower() == "others") else "unknown")
    # a name ("Meneses") is one person whatever its last letter; only victim words have a number
    plural = bool(PLURAL_WORD.search(words.lower())) and (category_of(words) != "unknown" or generic)
    negated = bool(_NONE_WORD.search(text[max(0, start - 14) : start]))
    return _Group(start, end, words, tuple(cats), plural, negated)


def _including(text: str, pos: int) -> list[str]:
    m = _INCLUDING.match(text[pos:])
    if not m:
        return []
    return [c for *_, c in _categories(m.group(1))]


def _count_before(quants: list[Quantity], text: str, pos: int) -> Quantity | None:
    """The count that ends just before ``pos`` (only modifier words in between)."""
    for q in reversed(quants):
        if q.end > pos:
            continue
        gap = text[q.end : pos]
        if gap == "" or (_COUNT_GAP.fullmatch(gap) and not _STOP_IN_GAP.search(gap)):
            return q
        return None
    return None


def _count_after(quants: list[Quantity], text: str, pos: int, max_gap: int = 14) -> Quantity | None:
    for q in quants:
        if q.start < pos:
            continue
        gap = text[pos : q.start]
        if len(gap) <= max_gap and re.fullmatch(r"\s*(?:a total of|some|about|the)?\s*", gap, re.I):
            return q
        return None
    return None


def _victim_at(victims: list[tuple[int, int, str, str]], text: str, pos: int, max_words: int = 3) -> tuple | None:
    for v in victims:
        if v[0] < pos:
            continue
        gap = text[pos : v[0]]
        if len(gap.split()) <= max_words and not _STOP_IN_GAP.search(gap) and "," not in gap:
            index = victims.index(v)
            while index + 1 < len(victims) and re.fullmatch(r"\s+", text[victims[index][1] : victims[index + 1][0]]):
                index += 1  # "elderly farmer": the head noun is the last word
            return (v[0], victims[index][1], text[v[0] : victims[index][1]], victims[index][3])
        return None
    return None


def find(text: str, side_of: Callable[[int, int], str | None] | None = None,
         people: list[tuple[int, int, str]] = ()) -> list[Casualty]:
    """Every casualty figure in ``text`` (one sentence or clause), in text order.

    ``people`` are named persons in the text (start, end, category): "the assassination of
    Ana Ruiz" is one civilian killed, as "a civilian was killed" is.
    """
    voc = vocabulary()
    quants = [q for q in find_quantities(text)]
    victims = _categories(text)
    if people:
        named = [(s, e, text[s:e], c) for s, e, c in people]
        victims = sorted([v for v in victims if not any(n[0] <= v[0] < n[1] for n in named)] + named)
    cumulative_marked = bool(voc.cumulative.search(text))
    serial = bool(_SERIAL.search(text))
    out: list[Casualty] = []
    used: set[tuple[int, int]] = set()
    previous: _Group | None = None

    def emit(kind: str, group: _Group | None, q: Quantity | None, cue: re.Match[str] | tuple[int, int],
             rule: str) -> None:
        nonlocal previous
        c_start, c_end = (cue.start(), cue.end()) if isinstance(cue, re.Match) else cue
        if group is not None and group.text.lower() == "others" and previous is not None:
            group = _Group(group.start, group.end, group.text, previous.categories, True)
        if group is None and previous is not None and q is not None:
            group = _Group(q.end, q.end, "", previous.categories, True)
        if q is not None:
            low, best, high, count_text = q.low, q.best, q.high, q.text
        elif group is not None and group.negated:
            low, best, high, count_text = 0, 0, 0, text[max(0, group.start - 14) : group.start].strip()
        elif group is not None and group.plural:
            low, best, high, count_text = 2, 2, None, None
        else:
            low, best, high, count_text = 1, 1, 1, None
        spans = [c_start, c_end] + ([q.start, q.end] if q else []) + ([group.start, group.end] if group else [])
        start, end = min(spans), max(spans)
        if (start, end) in used:
            return
        used.add((start, end))
        present_perfect = bool(_PRESENT_PERFECT.search(text[:c_start]))
        categories = group.categories if group else ()
        generic = group is not None and group.text.lower() in GENERIC_WORDS
        if generic and vocabulary().combatant_kill.fullmatch(text[c_start:c_end]):
            categories = ("unknown",)
        side = side_of(min(spans), max(spans)) if side_of else None
        out.append(Casualty(
            kind=kind, low=low, best=best, high=high, victims=_merge(list(categories)), start=start, end=end,
            cue_start=c_start, cue_end=c_end, victim_text=group.text if group and group.text else None,
            count_text=count_text, rule=rule, side=side, categories=tuple(categories),
            cumulative=cumulative_marked or (present_perfect and (serial or (best or 0) >= 20)),
        ))
        if group is not None:
            previous = group

    for cue in voc.kind.finditer(text):
        kind = kind_of(cue.group(0))
        word = cue.group(0)
        before = text[: cue.start()]
        # "the death toll rose to 40"
        if word.lower() == "death toll":
            q = _count_after(quants, text, _toll_end(text, cue.end()))
            if q:
                emit("killed", None, q, cue, "toll")
            continue
        # "the assassination of the mayor", "the killing of six priests", "Ruiz's murder"
        if _NOMINAL.fullmatch(word):
            q = _count_after(quants, text, cue.end() + len(_of_gap(text, cue.end())))
            gap = _of_gap(text, cue.end())
            v = _victim_at(victims, text, (q.end if q else cue.end() + len(gap))) if gap else None
            owner = _possessor(victims, text, cue.start())
            if v is None and owner is None and gap:
                name = _NAME.match(text, cue.end() + len(gap))
                v = (name.start(), name.end(), name.group(0), "unknown") if name else None
            if v is not None or owner is not None:
                v = v or owner
                emit(kind, _group(text, v[0], v[1], [], v[3]), q, cue, "nominal")
                continue
        # "14 deaths", "5 dead and 12 wounded", "12 civilian deaths"
        q = _count_before(quants, text, cue.start())
        if q is not None and (text[q.end : cue.start()].strip() == "" or not _victim_in(victims, q.end, cue.start())):
            group = None
            inner = [v for v in victims if q.end <= v[0] and v[1] <= cue.start()]
            if inner:
                group = _group(text, inner[-1][0], inner[-1][1], [])
            emit(kind, group, q, cue, "count-harm")
            continue
        # active: "killing at least 12 civilians", "lost over a dozen servicemen"
        if _ACTIVE_CUE.match(word):
            q = _count_after(quants, text, cue.end())
            v = _victim_at(victims, text, q.end if q else cue.end())
            if q is not None or (v is not None and word.lower() not in ("lost", "wounded", "injured", "hurt")):
                group = _group(text, v[0], v[1], _including(text, v[1]), v[3]) if v else None
                emit(kind, group, q, cue, "harm-victims")
                if v is not None:
                    _continuation(text, quants, victims, v[1], kind, cue, emit)
                continue
        if word.lower() == "lost":
            continue  # "lost" reports deaths only with a count after it: "lost 12 soldiers"
        # "left 5 people dead"
        left = _last(_LEFT, before[-40:])
        if left is not None and word.lower() in ("dead", "injured", "wounded", "hurt"):
            base = cue.start() - len(before[-40:])
            q = _count_after(quants, text, base + left.end())
            if q is not None:
                v = _victim_at(victims, text, q.end)
                emit(kind, _group(text, v[0], v[1], [], v[3]) if v else None, q, cue, "left-dead")
                continue
        # passive / intransitive: "19 civilians have been wounded", "no civilians were harmed"
        v = _victim_before(victims, text, cue.start())
        if v is not None:
            v, joined = _coordinated(victims, text, v)
            group = _group(text, v[0], v[1], _including(text, v[1]) + _including(text, cue.end()))
            if joined:
                group = _Group(group.start, group.end, group.text, tuple(joined) + group.categories, True,
                               group.negated)
            q = _count_before(quants, text, v[0])
            if q is None and not group.negated and _ARTICLE.search(text[: v[0]]) and not group.plural:
                q = None  # "a civilian was killed": one
            emit(kind, group, q, cue, "victims-harm")
            continue
        # a bare count as the subject: "two were killed and five were injured"
        q = _bare_subject(quants, text, cue.start())
        if q is not None:
            emit(kind, None, q, cue, "count-subject")
            continue
        nobody = _last(_NOBODY, before[-30:])
        if nobody is not None and re.fullmatch(rf"\s+{_AUX}?\s*(?:\w+\s+)?", before[-30:][nobody.end():] or " ", re.I):
            base = cue.start() - len(before[-30:])
            emit(kind, _Group(base + nobody.start(), base + nobody.end(), nobody.group(0), (), False, True),
                 None, cue, "nobody")
    return out


_NOMINAL = re.compile(r"death|murder|assassination|killing|kidnapping|abduction|massacre", re.I)


# a capitalised name right after "the murder of" is the person murdered
_NAME = re.compile(r"(?!(?:The|This|That|These|Those|Our|Their|His|Her|Its)\b)[A-Z][a-z'’-]+"
                   r"(?:\s+(?:de|del|la|van|von|bin|al|[A-Z][a-z'’-]+)){1,4}")


def _of_gap(text: str, pos: int) -> str:
    m = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+)?", text[pos:], re.I)
    return m.group(0) if m else ""


def _possessor(victims: list, text: str, pos: int) -> tuple | None:
    """"Ruiz's murder": the victim owns the harm noun."""
    for v in reversed(victims):
        if v[1] <= pos:
            return v if re.fullmatch(r"['’]s?\s+(?:\w+\s+)?", text[v[1] : pos]) else None
    return None


def _bare_subject(quants: list[Quantity], text: str, pos: int) -> Quantity | None:
    for q in reversed(quants):
        if q.end > pos:
            continue
        gap = text[q.end : pos]
        if re.fullmatch(rf"(?:\s+(?:of them|others|more))?(?:\s+{_AUX})+\s+", gap, re.I):
            return q
        return None
    return None


def _toll_end(text: str, pos: int) -> int:
    m = _TOLL.match(text[pos - len("death toll") :] + " ")
    if not m:
        m2 = re.match(r"(?:\s+\w+){0,4}?\s+(?:rose|risen|climbed|reached|stands|stood|is|was|of|at|to|increased)"
                      r"(?:\s+(?:at|to))?", text[pos:], re.I)
        return pos + (m2.end() if m2 else 0)
    return pos - len("death toll") + m.end()


def _victim_in(victims: list, start: int, end: int) -> bool:
    return any(start <= v[0] and v[1] <= end for v in victims)


def _victim_before(victims: list, text: str, pos: int) -> tuple | None:
    """The victims a passive harm word reports; a head noun may sit before an "including" list."""
    tried = 0
    for v in reversed(victims):
        if v[1] > pos:
            continue
        if _PASSIVE_GAP.match(text[v[1] : pos]):
            return v
        tried += 1
        if tried == 4 or "including" not in text[v[1] : pos].lower() and "among" not in text[v[1] : pos].lower() \
                and "," not in text[v[1] : pos]:
            return None
    return None


def _coordinated(victims: list, text: str, v: tuple) -> tuple[tuple, list[str]]:
    """"civilians and servicemen were killed": the first conjunct starts the group."""
    joined: list[str] = []
    own = v[3]
    index = victims.index(v)
    while index > 0:
        prev = victims[index - 1]
        if not re.fullmatch(r"\s*(?:,|and|or|as well as|,\s*and)\s*", text[prev[1] : v[0]], re.I):
            break
        joined.insert(0, prev[3])
        v = (prev[0], v[1], text[prev[0] : v[1]], v[3])
        index -= 1
    return v, joined + [own] if joined else []


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _continuation(text: str, quants: list[Quantity], victims: list, pos: int, kind: str, cue: re.Match[str],
                  emit: Callable) -> None:
    """", including one general, and a 76-year-old civilian": a second group of the same harm."""
    rest = text[pos:]
    inc = _INCLUDING.match(rest)
    offset = pos + (inc.end() if inc else 0)
    m = re.match(r"\s*,?\s+and\s+(?:also\s+)?", text[offset:], re.I)
    if not m:
        return
    start = offset + m.end()
    q = _count_after(quants, text, start, max_gap=0)
    if q is not None:
        v = _victim_at(victims, text, q.end)
    else:
        art = re.match(r"(?:a|an|one)\s+", text[start:], re.I)
        v = _victim_at(victims, text, start + art.end(), max_words=2) if art else None
        if art:
            q = Quantity(start, start + len(art.group(0).rstrip()), art.group(0).rstrip(), 1, 1, 1, False, None,
                         "article")
    if v is None or re.match(r"\s*(?:were|was|have|has|had)\b", text[v[1]:], re.I):
        return
    emit(kind, _group(text, v[0], v[1], [], v[3]), q, cue, "harm-victims")
