"""Event triggers and event types: the lexicon layer under the events stage.

``find_cues`` finds every trigger word with its offsets, PLOVER type and mode and ACLED
sub-event type; ``classify_event`` picks the one ACLED reading of a snippet or sentence;
``classify_case`` gives its CASE 2021 label. The taxonomy and the lexicon are data files
(``data/acled_types.tsv``, ``data/event_cues.toml``).
"""

from ...lang.taxonomy import PLOVER_TYPES, SubEventType, Taxonomy, load_taxonomy
from .classify import case_label, classify_case, classify_event
from .cues import EventCue, find_cues

__all__ = [
    "PLOVER_TYPES",
    "EventCue",
    "SubEventType",
    "Taxonomy",
    "case_label",
    "classify_case",
    "classify_event",
    "find_cues",
    "load_taxonomy",
]
