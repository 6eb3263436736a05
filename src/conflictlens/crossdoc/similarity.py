"""TF-IDF cosine between claims, in plain Python.

Claims that say the same thing in other words share their rarer content words ("Varnian
troops expelled the residents of Dorna" / "Dorna's residents were driven out by Varnian
forces"). TF-IDF weighs a shared rare word ("Dorna") above a shared common one ("force").
Lexical matching was chosen over embeddings because it needs no model download, is exact
and explainable ("these words matched"), and spaCy's small English pipeline has no real
word vectors. Candidate pairs come from an inverted index over the rarer terms, so the
corpus is never compared all against all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


class TermIndex:
    """TF-IDF vectors of a list of term lists, and the pairs worth comparing."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        n = len(docs)
        self.df: Counter[str] = Counter()
        for doc in docs:
            self.df.update(set(doc))
        idf = {t: math.log((1 + n) / (1 + df)) + 1.0 for t, df in self.df.items()}
        self.vectors: list[dict[str, float]] = []
        for doc in docs:
            weights = {t: (1.0 + math.log(c)) * idf[t] for t, c in Counter(doc).items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            self.vectors.append({t: w / norm for t, w in weights.items()})
        self.postings: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            for t in set(doc):
                self.postings.setdefault(t, []).append(i)
        self.max_df = max(5, int(0.05 * n))  # terms in more claims than this do not propose pairs

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def candidates(self, i: int) -> set[int]:
        """Claims that share a term of claim ``i`` rare enough to mean something."""
        out: set[int] = set()
        for t in self.vectors[i]:
            posting = self.postings.get(t, [])
            if len(posting) <= self.max_df:
                out.update(posting)
        out.discard(i)
        return out
