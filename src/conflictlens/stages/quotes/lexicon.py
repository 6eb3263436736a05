"""The cue lexicon of reported speech, loaded once from ``data/speech_verbs.toml``.

Which verbs report speech, and where each one keeps its content (a clause, an infinitive,
an object, a prepositional object), is data: extending the quotes stage to a new verb is a
line in the TOML file, not a code change. See the file's header for every key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ...errors import DataFileError
from ...lang.datafiles import packaged_toml

FRAMES = frozenset({"ccomp", "xcomp", "dobj", "prep", "oprd"})
KINDS = frozenset({"speech", "relay", "accuse", "belief"})


@dataclass(frozen=True)
class CueFrame:
    """How one verb lemma carries content in one complement."""

    frame: str
    kind: str
    preps: frozenset[str] = frozenset()
    dobj_keeps: bool = False


@dataclass(frozen=True)
class Lexicon:
    frames: dict[str, tuple[CueFrame, ...]]  # lemma -> its frames, in file order
    according: tuple[str, ...]
    relay_by: tuple[str, ...]
    audience: frozenset[str]
    media_nouns: frozenset[str]
    media_words: tuple[str, ...]
    scare_max_words: int
    lemmas: frozenset[str] = field(default=frozenset())

    def frames_of(self, lemma: str) -> tuple[CueFrame, ...]:
        return self.frames.get(lemma.lower(), ())


def _strings(table: dict, key: str, origin: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{origin}: {key} must be a list of strings")
    return value


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    name = "speech_verbs.toml"
    try:
        data = packaged_toml("data/" + name)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"cannot read {name}: {exc}") from exc
    frames: dict[str, list[CueFrame]] = {}
    for n, entry in enumerate(data.get("cue", []), 1):
        origin = f"{name} [[cue]] #{n}"
        frame, kind = entry.get("frames", [None])[0], entry.get("kind")
        for f in entry.get("frames", []):
            if f not in FRAMES:
                raise DataFileError(f"{origin}: unknown frame {f!r} (one of {sorted(FRAMES)})")
        if kind not in KINDS:
            raise DataFileError(f"{origin}: unknown kind {kind!r} (one of {sorted(KINDS)})")
        for frame in entry["frames"]:
            cue = CueFrame(frame, kind, frozenset(_strings(entry, "preps", origin)), bool(entry.get("dobj_keeps")))
            for lemma in dict.fromkeys(_strings(entry, "lemmas", origin)):
                frames.setdefault(lemma, []).append(cue)
    according = data.get("according", {})
    channel = data.get("channel", {})
    return Lexicon(
        frames={k: tuple(v) for k, v in frames.items()},
        according=tuple(sorted(_strings(according, "phrases", name), key=len, reverse=True)),
        relay_by=tuple(_strings(according, "relay_by", name)),
        audience=frozenset(_strings(channel, "audience", name)),
        media_nouns=frozenset(_strings(channel, "media_nouns", name)),
        media_words=tuple(_strings(channel, "media_words", name)),
        scare_max_words=int(data.get("scare", {}).get("max_words", 6)),
        lemmas=frozenset(frames),
    )
