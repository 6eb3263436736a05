"""PolNeAR loader: articles and their attributions (Source, Cue, Content) from brat files.

Layout: ``polnear/<split>/text/NAME.txt`` and ``polnear/<split>/attributions/NAME_ANNO.ann``
(one file per annotator). Where several ``.ann`` files exist for one text, the first in
sorted order is gold. Each ``E`` line links an Attribution trigger with Content (and
``Content2``...), Cue and Source spans; an event without Content is skipped.
A quote's kind comes from its content: ``direct`` when every fragment is enclosed in double
quotation marks, ``mixed`` when it holds some quoted words, ``indirect`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..metrics.attribution import GoldAttribution
from ..metrics.heads import is_pronoun
from ..metrics.spans import merge_spans
from .brat import BratDocument, TextBound, read_ann

_OPEN = '"“„«'
_CLOSE = '"”«»'


@dataclass(frozen=True)
class PolnearDoc:
    name: str
    text: str
    ann_file: str
    attributions: tuple[GoldAttribution, ...]
    brat: BratDocument


def quote_kind(fragment_texts: list[str]) -> str:
    """direct / mixed / indirect from the double quotation marks in the content."""
    quoted = 0
    any_mark = False
    for raw in fragment_texts:
        t = raw.strip().rstrip(".,;:!? \n")
        if any(c in t for c in _OPEN + _CLOSE):
            any_mark = True
        if len(t) >= 2 and t[0] in _OPEN and t[-1] in _CLOSE:
            quoted += 1
    if fragment_texts and quoted == len(fragment_texts):
        return "direct"
    return "mixed" if any_mark else "indirect"


def document_files(data_dir: Path, split: str = "dev") -> list[tuple[str, Path, Path | None]]:
    """(name, text file, gold .ann file or None) for every text of the split, sorted."""
    root = data_dir / "polnear" / split
    anns: dict[str, list[Path]] = {}
    for ann in (root / "attributions").glob("*.ann"):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    out = []
    for txt in sorted((root / "text").glob("*.txt")):
        candidates = sorted(anns.get(txt.stem, []))
        out.append((txt.stem, txt, candidates[0] if candidates else None))
    return out


def attributions_of(brat: BratDocument, text: str) -> list[GoldAttribution]:
    """Gold attributions from the ``E`` lines, with pronoun sources given an antecedent."""
    raw = []
    for event in brat.events.values():
        content: list[TextBound] = []
        source: list[TextBound] = []
        for role, ident in event.args:
            tb = brat.textbounds.get(ident)
            if tb is None:
                continue
            if role.startswith("Content"):
                content.append(tb)
            elif role.startswith("Source"):
                source.append(tb)
        if not content:
            continue
        frags = tuple(merge_spans(f for tb in content for f in tb.fragments))
        texts = [text[s:e] for s, e in frags]
        src = min(source, key=lambda tb: tb.start) if source else None
        raw.append((frags, quote_kind(texts), src))
    named = sorted((src.start, src.text) for _, _, src in raw if src is not None and not is_pronoun(src.text))
    out = []
    for frags, kind, src in sorted(raw, key=lambda r: r[0]):
        if src is None:
            out.append(GoldAttribution(frags, kind))
            continue
        pronoun = is_pronoun(src.text)
        antecedent = None
        if pronoun:
            before = [t for start, t in named if start < src.start]
            antecedent = before[-1] if before else None
        out.append(GoldAttribution(frags, kind, src.text, pronoun, antecedent))
    return out


def load_polnear(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[PolnearDoc]:
    """Documents of the split in sorted name order, the first ``limit`` only if given."""
    files = document_files(data_dir, split)
    if limit is not None:
        files = files[:limit]
    docs = []
    for name, txt, ann in files:
        text = txt.read_text(encoding="utf-8")
        brat = read_ann(ann) if ann else BratDocument()
        docs.append(PolnearDoc(name, text, ann.name if ann else "", tuple(attributions_of(brat, text)), brat))
    return docs
