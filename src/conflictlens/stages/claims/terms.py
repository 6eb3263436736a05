"""Content terms of a claim: the words it is compared on, normalised.

Claims are matched across outlets by the words they share, so the words are reduced to a
common form: lower case, function and reporting words dropped, a synonym table
(``data/claims.toml``: "truce" -> "ceasefire", "died" -> "kill") and a light suffix
stripper ("targeted", "targets" -> "target"). It is deterministic and needs no model, so the
same claim always gets the same terms at analysis and at export.
"""

from __future__ import annotations

import re

from ...lang.claimwords import load_lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A crude English stem, enough to match inflections of one word ("used", "uses" -> "us")."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 2):
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            word = word[: -len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) >= 3 else word


def terms(text: str) -> list[str]:
    """The content terms of ``text``, in order, duplicates kept (they weigh in TF-IDF)."""
    lex = load_lexicon()
    out: list[str] = []
    for m in _WORD.finditer(text.replace("’", "'")):
        word = m.group().lower()
        parts = word.split("-") if "-" in word and word not in lex.synonyms else [word]
        for part in parts:  # hyphenated words count by their parts ("counter-offensive")
            if part in lex.stopwords or len(part) < 2:
                continue
            out.append(stem(lex.synonyms.get(part, part)))
    return out
