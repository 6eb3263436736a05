"""Prediction records: the shapes that ``predictors.py`` returns and the scorers read.

Every offset is a character offset into the text the predictor was given, end exclusive,
so ``text[start:end]`` is the predicted evidence. Gold records live with their dataset
loaders in ``evaluate/datasets/``; these are the system side only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PredQuote:
    """A quote or attribution: the content span, the canonical speaker and the kind."""

    start: int
    end: int
    speaker: str | None = None  # canonical speaker name, e.g. "Ana Ruiz"
    kind: str = "indirect"  # direct | indirect | mixed
    # A content split by a speech tag ("..., he said, ...") may list its pieces here;
    # when given they replace (start, end) as the content span.
    fragments: tuple[tuple[int, int], ...] = ()

    @property
    def content(self) -> tuple[tuple[int, int], ...]:
        return self.fragments or ((self.start, self.end),)


@dataclass(frozen=True)
class PredVictim:
    """One group of human targets in a MUC-4 style template."""

    description: str | None = None  # words from the text: "peasants", "Carlos Pizarro"
    category: str | None = None  # MUC HUM TGT: TYPE ("CIVILIAN", "ACTIVE MILITARY") or
    #                              conflictlens victims ("civilian", "military", "police")
    number: int | None = None  # None: a number was not stated
    effect: str | None = None  # "DEATH" / "INJURY" (or conflictlens "killed" / "injured")


@dataclass(frozen=True)
class PredTemplate:
    """One incident, mapped onto the MUC-4 slots the README scores."""

    incident_type: str | None = None  # MUC INCIDENT: TYPE, e.g. "ATTACK", "BOMBING"
    perpetrators: tuple[str, ...] = ()  # individuals or organisations, words from the text
    victims: tuple[PredVictim, ...] = ()
    location: str | None = None  # place name(s), e.g. "Eastville"


@dataclass(frozen=True)
class PredArgument:
    start: int
    end: int
    role: str  # WikiEvents role name, e.g. "Victim", "Place", "Attacker"


@dataclass(frozen=True)
class PredEvent:
    """A document-level event: trigger span, ontology type and its arguments."""

    start: int
    end: int
    event_type: str  # full KAIROS type, e.g. "Conflict.Attack.DetonateExplode"
    arguments: tuple[PredArgument, ...] = ()


@dataclass(frozen=True)
class PredToponym:
    """A recognised place name and, when geocoded, its coordinates."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PredSpan:
    """A propaganda technique span, technique named as in the PTC technique list."""

    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class PredBias:
    """Sentence-level bias label and the words judged biased."""

    label: str | None = None  # "Biased" | "Non-biased" | None (no decision)
    words: tuple[str, ...] = ()
