"""GeoWebNews loader: articles, toponym annotations and their coordinates (brat).

Each ``geo/GeoWebNews/N.txt`` has ``N.ann``; an annotator note on a mention holds either
``lat, lon`` or a GeoNames id. Only ``lat, lon`` notes give coordinates here; the id is kept
as ``geonames_id`` and the suite resolves it, where it can, against the packaged gazetteer
(which holds only a subset of GeoNames). ``LOCATION_TYPES``
are the mention types that count as locations for toponym recognition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .brat import read_ann

LOCATION_TYPES = frozenset({"Literal", "Mixed", "Embedded_Literal"})
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class GeoMention:
    start: int
    end: int
    type: str
    text: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: str | None = None

    @property
    def is_location(self) -> bool:
        return self.type in LOCATION_TYPES


@dataclass(frozen=True)
class GeoDoc:
    name: str
    text: str
    mentions: tuple[GeoMention, ...]


def _key(path: Path) -> tuple[int, str]:
    return (int(path.stem), "") if path.stem.isdigit() else (1 << 62, path.stem)


def load_geo(data_dir: Path, limit: int | None = None) -> list[GeoDoc]:
    """Articles in numeric file order (0, 1, 2, ...), the first ``limit`` if given."""
    root = data_dir / "geo" / "GeoWebNews"
    texts = sorted(root.glob("*.txt"), key=_key)
    if limit is not None:
        texts = texts[:limit]
    docs = []
    for txt in texts:
        text = txt.read_text(encoding="utf-8")
        ann = txt.with_suffix(".ann")
        brat = read_ann(ann) if ann.is_file() else None
        mentions = []
        for tb in brat.textbounds.values() if brat else ():
            lat = lon = geonames = None
            for note in brat.notes.get(tb.id, []) if brat else []:
                m = _LATLON.match(note)
                if m:
                    lat, lon = float(m.group(1)), float(m.group(2))
                elif note.strip().isdigit():
                    geonames = note.strip()
            mentions.append(GeoMention(tb.start, tb.end, tb.type, tb.text, lat, lon, geonames))
        mentions.sort(key=lambda m: (m.start, m.end))
        docs.append(GeoDoc(txt.stem, text, tuple(mentions)))
    return docs
