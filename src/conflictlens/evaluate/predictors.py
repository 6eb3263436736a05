"""The system side of the evaluation: one plain function per capability.

Each function takes the text the dataset provides (and the resolved ``Settings``) and
returns predictions in the shape its scorer reads (``records.py``). None of these
capabilities exists in conflictlens yet, so every body returns an empty result and is
marked ``@pending``; the suites then report zeros with a note saying so.

Later work replaces one body with a call into the real stage (for example
``predict_quotes`` -> run clean/nlp/entities/quotes on the text and map each quote to a
``PredQuote``) and deletes its ``@pending`` line. Keep them module-level functions so
tests and experiments can swap one with ``monkeypatch.setattr``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..settings import Settings
from .records import (
    PredArgument,
    PredBias,
    PredEvent,
    PredQuote,
    PredSpan,
    PredTemplate,
    PredToponym,
    PredVictim,
)

__all__ = [
    "is_pending",
    "pending",
    "PredArgument",
    "PredBias",
    "PredEvent",
    "PredQuote",
    "PredSpan",
    "PredTemplate",
    "PredToponym",
    "PredVictim",
    "predict_bias",
    "predict_doc_events",
    "predict_event_templates",
    "predict_event_type",
    "predict_geocodes",
    "predict_quotes",
    "predict_techniques",
    "predict_toponyms",
]

F = TypeVar("F", bound=Callable[..., Any])


def pending(fn: F) -> F:
    """Mark a predictor whose body is still a stub (it only sets ``fn.pending``)."""
    fn.pending = True  # type: ignore[attr-defined]
    return fn


def is_pending(name: str) -> bool:
    """True while ``predictors.<name>`` is still a stub (not replaced or monkeypatched)."""
    return bool(getattr(globals().get(name), "pending", False))


def predict_quotes(text: str, settings: Settings) -> list[PredQuote]:
    """Quotes in ``text``: content span, canonical speaker, kind (direct/indirect/mixed)."""
    from .adapters.polnear import predict_quotes as predict

    return predict(text, settings)


def predict_event_templates(text: str, settings: Settings) -> list[PredTemplate]:
    """Incidents in a (mostly upper-case) MUC-4 message, one ``PredTemplate`` each."""
    from .adapters.muc4 import predict_templates

    return predict_templates(text, settings)


def predict_event_type(snippet: str, settings: Settings) -> str | None:
    """CASE 2021 label of a snippet (e.g. ``"AIR_STRIKE"``), or None to abstain."""
    from ..stages.events import classify_case

    return classify_case(snippet)


def predict_doc_events(text: str, settings: Settings) -> list[PredEvent]:
    """Events with trigger spans, KAIROS types and argument spans with roles."""
    from .adapters.wikievents import predict_events

    return predict_events(text, settings)


def predict_toponyms(text: str, settings: Settings) -> list[PredToponym]:
    """Place-name spans, with coordinates when the place was resolved."""
    from ..stages.geocode import geoparse

    return [PredToponym(t.start, t.end, t.lat, t.lon) for t in geoparse(text, settings)]


def predict_geocodes(text: str, spans: list[tuple[int, int]], settings: Settings) -> list[PredToponym]:
    """Coordinates for place names found by someone else (gold spans), one per span, in order."""
    from ..stages.geocode import geocode_text

    return [PredToponym(s, e, lat, lon) for (s, e), (lat, lon) in zip(spans, geocode_text(text, spans, settings),
                                                                         strict=True)]


def predict_techniques(text: str, settings: Settings) -> list[PredSpan]:
    """Propaganda technique spans, techniques named as in the PTC technique list."""
    from ..stages.framing.techniques import find_techniques

    return [PredSpan(t.technique, t.start, t.end) for t in find_techniques(text)]


# The PTC and BABE suites cross-validate the shipped models (trained on those sets) instead of
# calling these, unless a test or experiment swaps them out.
predict_techniques.shipped_model = True  # type: ignore[attr-defined]


def predict_bias(sentence: str, settings: Settings) -> PredBias:
    """Bias label of one sentence ("Biased" / "Non-biased" / None) and its biased words."""
    from ..stages.framing.bias import predict_bias as predict

    result = predict(sentence)
    return PredBias(label=None) if result is None else PredBias(result.label, result.words)


predict_bias.shipped_model = True  # type: ignore[attr-defined]
