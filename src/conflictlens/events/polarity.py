"""Whether a reported event is asserted, denied, hypothetical or future, and whether it is history.

The rules read the words of the clause before the event's trigger, because that is where
English puts negation ("we never hit"), condition ("if they attack") and tense ("will
respond"). A report of an event is never a bare fact: polarity says what the claimant
claims about it. ``background`` marks events the article recalls from the past (an old war,
a date long before publication), which are not coded as today's events.
"""

from __future__ import annotations

import re
from datetime import date

_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s+(?:but|while|whereas|although|though)\s|\.\s|\b(?:but|however)\b|"
                           r",\s+(?:\w+\s+){0,2}(?:after|before|when|since|because|following|as)\s", re.I)
_DENY = re.compile(
    r"(?<![\w-])(?:never|not|n[o']t|no longer|did not|didn't|does not|doesn't|do not|don't|have not|haven't|"
    r"has not|hasn't|had not|was not|were not|wasn't|weren't|nor|neither|"
    r"den(?:y|ies|ied|ying)|reject(?:s|ed)? (?:the )?(?:claims?|reports?|allegations?|accusations?)|"
    r"refuted|dismissed (?:the )?(?:claims?|reports?)|fabricat\w+|false(?:ly)? (?:claims?|reports?))(?![\w-])",
    re.I,
)
_CONDITIONAL = re.compile(
    r"(?<![\w-])(?:if|unless|in case|in the event|should they|would|could|might|may|ready to|prepared to|"
    r"willing to|in order to|to prevent|to avoid|risk of|threat of|possibility of|possible|potential)(?![\w-])",
    re.I,
)
_FUTURE = re.compile(
    r"(?<![\w-])(?:will|shall|'ll|going to|plans? to|planned to|planning to|intends? to|intend(?:ed|ing) to|"
    r"vow(?:s|ed)? to|threaten(?:s|ed|ing)? to|pledged to|promised to|is to|are to|set to|about to|"
    r"expected to|preparing to|prepares to|aims? to)(?![\w-])",
    re.I,
)
_HISTORY = re.compile(
    r"(?<![\w-])(?:in the (?:early |late |mid-)?(?:19|20)\d0s|during the (?:first|second|previous|last) war|"
    r"(?:first|previous|earlier) (?:war|conflict)|(?:19|20)\d\d (?:war|conflict|massacre|ceasefire)|decades ago|"
    r"years ago)(?![\w-])",
    re.I,
)
BACKGROUND_DAYS = 365


def clause_before(sentence: str, pos: int) -> str:
    """The words between the clause start and ``pos`` (offsets relative to ``sentence``)."""
    head = sentence[:pos]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def polarity(sentence: str, pos: int) -> str:
    """asserted | denied | hypothetical | future for the trigger at ``pos`` in ``sentence``."""
    clause = clause_before(sentence, pos)
    tail = clause[-90:]
    if _DENY.search(tail):
        return "denied"
    if _CONDITIONAL.search(clause):
        return "hypothetical"
    if _FUTURE.search(tail):
        return "future"
    return "asserted"


def is_background(sentence: str, event_end: str | None, published: str | None) -> bool:
    """True when the event is recalled history: dated a year or more before publication, or
    placed in an earlier war by the sentence itself."""
    if event_end and published:
        try:
            if (date.fromisoformat(published) - date.fromisoformat(event_end)).days >= BACKGROUND_DAYS:
                return True
        except ValueError:
            pass
    return bool(_HISTORY.search(sentence))
