"""Head words of noun phrases, by a fixed rule (no parser, so scores never drift with a model).

Rule: tokenise the phrase; cut it at the first comma, bracket, colon, semicolon or dash, or
at the first preposition or relative pronoun that is not the first token; the head is the
last token of what is left, with a possessive ``'s`` removed. One exception keeps titles
with a name: in "Secretary of State Dana Fell" (a capitalised title, "of", then only
capitalised words ending in two or more of them) the head is the last word, "Fell".

Examples: "the Rev. Anna Whitlow, of Grace Chapel" -> "Whitlow"; "a 2019 survey by the
institute" -> "survey"; "Senator Maria Lopez (D-Ore.)" -> "Lopez"; "several groups of
farmers" -> "groups".
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*\.?|[,;:()\[\]—–]|\s-\s")
_STOP_PUNCT = {",", ";", ":", "(", ")", "[", "]", "—", "–"}
_BOUNDARY_WORDS = {
    "of", "for", "at", "from", "with", "in", "on", "by", "to", "about", "among", "after",
    "during", "under", "near", "as", "who", "whom", "whose", "which", "that", "than",
}  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them "
    "their theirs who whom whose which that this these those one".split()
)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().strip(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def head_token_span(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Character span (in ``text``) of the head word of ``text[start:end]``."""
    end = len(text) if end is None else end
    toks = [(w, s + start, e + start) for w, s, e in _tokens(text[start:end])]
    if not toks:
        return (start, end)
    chunk = toks
    for k, (word, _, _) in enumerate(toks):
        stop = word in _STOP_PUNCT or word == "-" or word.lower() in _BOUNDARY_WORDS
        if stop and k > 0:
            chunk = toks[:k]
            if word.lower() == "of" and _title_of_name(toks[:k], toks[k + 1 :]):
                rest = toks[k + 1 :]
                cut = next((i for i, t in enumerate(rest) if t[0] in _STOP_PUNCT), len(rest))
                chunk = toks[: k + 1] + rest[:cut]
            break
    words = [t for t in chunk if t[0] not in _STOP_PUNCT and t[0] != "-"]
    if not words:
        return (toks[0][1], toks[0][2])
    word, s, e = words[-1]
    trimmed = _POSSESSIVE.sub("", word.rstrip("."))
    if not trimmed:
        return (s, e)
    # keep the span on the word itself, without a final period or possessive
    return (s, s + len(trimmed))


def _title_of_name(before: list[tuple[str, int, int]], after: list[tuple[str, int, int]]) -> bool:
    if len(before) != 1 or not _is_cap(before[0][0]):
        return False
    cut = next((i for i, t in enumerate(after) if t[0] in _STOP_PUNCT), len(after))
    words = [w for w, _, _ in after[:cut]]
    return len(words) >= 2 and all(_is_cap(w) for w in words)


def head_word(phrase: str) -> str:
    """The head word of a phrase, as written (see the module docstring for the rule)."""
    s, e = head_token_span(phrase)
    return phrase[s:e]


def is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in PRONOUNS
