"""PTC loader (SemEval-2020 Task 11): articles with technique spans.

``ptc/articles/articleID.txt`` holds the text; ``labels-tc/articleID.task2-TC.labels`` lines
are ``id TAB technique TAB start TAB end`` (end exclusive); ``labels-si`` has the same spans
without techniques (overlaps already merged by the organisers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..metrics.spans import Span

TECHNIQUES_FILE = "propaganda-techniques-names-semeval2020task11.txt"


@dataclass(frozen=True)
class PtcDoc:
    article_id: str
    text: str
    si_spans: tuple[Span, ...]
    tc_spans: tuple[tuple[str, int, int], ...]  # (technique, start, end)


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip()]


def load_techniques(data_dir: Path) -> list[str]:
    path = data_dir / "ptc" / TECHNIQUES_FILE
    return [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]


def load_ptc(data_dir: Path, limit: int | None = None) -> list[PtcDoc]:
    root = data_dir / "ptc"
    articles = sorted(root.glob("articles/article*.txt"))
    if limit is not None:
        articles = articles[:limit]
    docs = []
    for path in articles:
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        si = _rows(root / "labels-si" / f"article{article_id}.task1-SI.labels")
        tc = _rows(root / "labels-tc" / f"article{article_id}.task2-TC.labels")
        docs.append(
            PtcDoc(
                article_id,
                text,
                tuple(sorted((int(r[1]), int(r[2])) for r in si)),
                tuple(sorted((r[1], int(r[2]), int(r[3])) for r in tc)),
            )
        )
    return docs
