"""Suite ``boilerplate``: main-text extraction from HTML, against trafilatura in the same run.

Metric (../shared/data/README.md): per page, a "with" snippet found in the output is a true
positive and a missing one a false negative; a "without" snippet found is a false positive
and an absent one a true negative; micro precision, recall and F1 after whitespace
normalisation. conflictlens's output is the cleaned ``text`` of the article; trafilatura's is
``trafilatura.extract`` on the same decoded page.
"""

from __future__ import annotations

import json
from pathlib import Path

import trafilatura

from ...errors import EvaluationError
from ...model import Article, RawDocument
from ...pipeline import build_stage
from ...settings import Settings
from ...stages.ingest import stage as ingest
from ..base import SuiteResult


def _ws(text: str) -> str:
    return " ".join(text.split())


def score(gold: list[dict], outputs: dict[str, str]) -> dict[str, float]:
    tp = fp = fn = 0
    for page in gold:
        out = _ws(outputs.get(page["file"], ""))
        for snippet in page["with"]:
            if _ws(snippet) in out:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for snippet in page["without"] if _ws(snippet) in out)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def _decode(path: Path, settings: Settings) -> str:
    items = list(ingest.read_file(path, settings.replace(max_bytes=max(settings.max_bytes, 50_000_000))))
    return items[0].content if items and isinstance(items[0], RawDocument) else ""


def extract_text(html: str, settings: Settings, source: str = "page") -> str:
    article = Article(source=source, raw=RawDocument(source=source, content=html, format="html"))
    return build_stage("clean", settings).run(article).text


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    folder = data_dir / "boilerplate"
    if not (folder / "evaldata_en.json").is_file():
        raise EvaluationError(f"no boilerplate evaluation data at {folder}")
    gold = sorted(json.loads((folder / "evaldata_en.json").read_text("utf-8")).values(),
                  key=lambda g: g["file"])
    if limit:
        gold = gold[:limit]
    ours, baseline = {}, {}
    for page in gold:
        html = _decode(folder / "html" / page["file"], settings)
        ours[page["file"]] = extract_text(html, settings, page["file"])
        baseline[page["file"]] = trafilatura.extract(html) or ""
    mine, theirs = score(gold, ours), score(gold, baseline)
    metrics = {**mine, "trafilatura_f1": theirs["f1"], "f1_vs_trafilatura": mine["f1"] - theirs["f1"],
               "trafilatura_precision": theirs["precision"], "trafilatura_recall": theirs["recall"]}
    notes = [f"trafilatura {trafilatura.__version__} measured on the same decoded pages in this run"]
    if limit:
        notes.append(f"limit={limit} pages")
    return SuiteResult("boilerplate", metrics, len(gold), notes)
