"""The learned part of the technique finder: a token tagger and a sentence classifier.

Both are one-vs-rest logistic regressions over lexical features (``linear.py``):

- the **token tagger** marks the words inside short spans (loaded language, name calling,
  repetition...): features are the word, its lower case, suffix, shape, its neighbours, how
  often the article repeats it, and whether it stands inside quotation marks; runs of marked
  tokens become spans;
- the **sentence classifier** marks whole sentences for the techniques whose spans are
  clause-long (doubt, appeal to fear, causal oversimplification...): features are the words and
  word pairs of the sentence and a few cues (question, exclamation, first person plural);
- a **phrase list** learned from the training spans (phrases of 1-4 words that were mostly
  annotated when used) adds its matches for loaded language and name calling.

Which technique is read by which part, and the thresholds, are stored in the model file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .linear import LinearModel, fit
from .tokens import Token, sentences, shape, tokenize

Gold = Sequence[tuple[str, int, int]]  # (technique, start, end)
_QUOTES = set("\"“”")
_WE = {"we", "our", "us", "ours", "ourselves"}
_STOP = {"the", "a", "an", "of", "to", "in", "and", "or", "is", "was", "be", "that", "for", "on", "it", "as", "with"}


def token_features(tokens: Sequence[Token], sent_of: Sequence[int], counts: Counter[str],
                   lexicon: dict[str, str] | None = None) -> list[list[str]]:
    """Feature strings of each token; ``lexicon`` maps a lower-case word to its lexicon classes
    joined by ``+`` (e.g. ``"nn+b"``: strongly negative, marked biased in BABE)."""
    lows = [t.text.lower() for t in tokens]
    lex = lexicon or {}
    vals = [lex.get(w, "") for w in lows]
    out = []
    inside = False
    for i, tok in enumerate(tokens):
        if tok.text in _QUOTES:
            inside = not inside
        low = lows[i]
        prev1 = lows[i - 1] if i > 0 and sent_of[i - 1] == sent_of[i] else "<s>"
        prev2 = lows[i - 2] if i > 1 and sent_of[i - 2] == sent_of[i] else "<s>"
        next1 = lows[i + 1] if i + 1 < len(tokens) and sent_of[i + 1] == sent_of[i] else "</s>"
        next2 = lows[i + 2] if i + 2 < len(tokens) and sent_of[i + 2] == sent_of[i] else "</s>"
        n = counts[low]
        f = [f"w={low}", f"s3={low[-3:]}", f"p4={low[:4]}", f"sh={shape(tok.text)}",
             f"w-1={prev1}", f"w+1={next1}", f"w-2={prev2}", f"w+2={next2}",
             f"b-={prev1}|{low}", f"b+={low}|{next1}", f"sh-1={prev1[:1].isalnum()}"]
        if low not in _STOP and tok.text[0].isalnum():
            f.append(f"rep={min(n, 4)}")
            f.append(f"repsh={min(n, 4)}|{shape(tok.text)}")
        for tag in vals[i].split("+") if vals[i] else ():
            f.append(f"val={tag}")
            f.append(f"valsh={tag}|{shape(tok.text)}")
        for tag in vals[i - 1].split("+") if i > 0 and vals[i - 1] else ():
            f.append(f"val-1={tag}")
        for tag in vals[i + 1].split("+") if i + 1 < len(tokens) and vals[i + 1] else ():
            f.append(f"val+1={tag}")
        if inside:
            f.append("inq")
        if tok.text.isupper() and len(tok.text) > 2:
            f.append("caps")
        out.append(f)
    return out


def sentence_features(text: str) -> list[str]:
    lows = [t.text.lower() for t in tokenize(text)]
    f = {f"u={w}" for w in lows}
    f |= {f"b={a}|{b}" for a, b in zip(lows, lows[1:], strict=False)}
    if "?" in text:
        f.add("q")
    if "!" in text:
        f.add("excl")
    if any(q in text for q in _QUOTES):
        f.add("quote")
    if _WE & set(lows):
        f.add("we")
    f.add(f"len={min(len(lows) // 10, 5)}")
    return sorted(f)


@dataclass
class Article:
    """One article's tokens and sentences with the features of both models."""

    text: str
    tokens: list[Token]
    sents: list[tuple[int, int]]
    tok_feats: list[list[str]]
    sent_feats: list[list[str]]

    @classmethod
    def read(cls, text: str, lexicon: dict[str, str] | None = None) -> Article:
        sents = sentences(text)
        tokens: list[Token] = []
        sent_of: list[int] = []
        for k, (s, e) in enumerate(sents):
            toks = tokenize(text, s, e)
            tokens += toks
            sent_of += [k] * len(toks)
        counts = Counter(t.text.lower() for t in tokens)
        return cls(text, tokens, sents, token_features(tokens, sent_of, counts, lexicon),
                   [sentence_features(text[s:e]) for s, e in sents])


def _token_targets(art: Article, gold: Gold, classes: Sequence[str]) -> list[list[int]]:
    idx = {c: i for i, c in enumerate(classes)}
    targets: list[list[int]] = [[] for _ in art.tokens]
    starts = [t.start for t in art.tokens]
    for tech, s, e in gold:
        if tech not in idx:
            continue
        i = int(np.searchsorted(starts, s, side="right")) - 1
        i = max(i, 0)
        while i < len(art.tokens) and art.tokens[i].start < e:
            if art.tokens[i].end > s:
                targets[i].append(idx[tech])
            i += 1
    return targets


def _sentence_targets(art: Article, gold: Gold, classes: Sequence[str]) -> list[list[int]]:
    idx = {c: i for i, c in enumerate(classes)}
    targets: list[list[int]] = [[] for _ in art.sents]
    for tech, s, e in gold:
        if tech not in idx:
            continue
        for k, (a, b) in enumerate(art.sents):
            inter = min(b, e) - max(a, s)
            if inter > 0 and inter >= 0.5 * min(e - s, b - a):
                targets[k].append(idx[tech])
    return targets


def train(articles: Sequence[Article], golds: Sequence[Gold], config: dict[str, Any]) -> dict[str, Any]:
    """A model file (dict) from parsed articles and their gold technique spans."""
    tok_classes = list(config["token_techniques"])
    sent_classes = list(config["sentence_techniques"])
    feats: list[list[str]] = []
    targets: list[list[int]] = []
    sfeats: list[list[str]] = []
    stargets: list[list[int]] = []
    # Sentences without a span of the token techniques are mostly alike: only every
    # ``negative_every``-th of them is kept for the tagger, which trains several times faster.
    every = int(config.get("negative_every", 1))
    skipped = 0
    for art, gold in zip(articles, golds, strict=True):
        tt = _token_targets(art, gold, tok_classes)
        starts = [t.start for t in art.tokens]
        for s, e in art.sents:
            lo, hi = int(np.searchsorted(starts, s)), int(np.searchsorted(starts, e))
            if not any(tt[lo:hi]):
                skipped += 1
                if skipped % every:
                    continue
            feats += art.tok_feats[lo:hi]
            targets += tt[lo:hi]
        sfeats += art.sent_feats
        stargets += _sentence_targets(art, gold, sent_classes)
    tok = fit(feats, targets, tok_classes, **config["token_fit"])
    sent = fit(sfeats, stargets, sent_classes, **config["sentence_fit"])
    return {"config": config, "token_model": tok.to_json(), "sentence_model": sent.to_json(),
            "phrases": learn_phrases(articles, golds, config.get("phrase_techniques", []),
                                     config.get("phrase_ratio", 0.6), config.get("phrase_max_words", 2))}


def _words(art: Article) -> list[Token]:
    return [t for t in art.tokens if t.text[0].isalnum()]


def learn_phrases(articles: Sequence[Article], golds: Sequence[Gold], techniques: Sequence[str],
                  ratio: float, max_words: int = 2) -> dict[str, list[str]]:
    """Per technique, the phrases of 1 to ``max_words`` words (lower case) whose uses in the
    training articles fall inside a span of that technique at least ``ratio`` of the time
    (kept short on purpose: a word list, not passages of the training articles)."""
    wanted = set(techniques)
    inside: dict[str, Counter[str]] = {t: Counter() for t in techniques}
    total: Counter[str] = Counter()
    for art, gold in zip(articles, golds, strict=True):
        ws = _words(art)
        spans = [(t, a, b) for t, a, b in gold if t in wanted]
        for n in range(1, max_words + 1):
            for j in range(len(ws) - n + 1):
                key = " ".join(w.text.lower() for w in ws[j:j + n])
                total[key] += 1
                s, e = ws[j].start, ws[j + n - 1].end
                for t in {t for t, a, b in spans if a <= s and e <= b}:
                    inside[t][key] += 1
    return {t: sorted(k for k, c in inside[t].items() if c / total[k] >= ratio) for t in techniques}


def match_phrases(art: Article, phrases: dict[str, set[str]],
                  score: float = 0.5) -> list[tuple[str, int, int, float]]:
    """Uses of the learned phrases in ``art``, longest first, not overlapping within a technique."""
    ws = _words(art)
    low = [w.text.lower() for w in ws]
    out = []
    for tech, known in phrases.items():
        used: set[int] = set()
        for n in range(max(len(p.split()) for p in known) if known else 0, 0, -1):
            for j in range(len(ws) - n + 1):
                if " ".join(low[j:j + n]) in known and not used.intersection(range(j, j + n)):
                    used.update(range(j, j + n))
                    out.append((tech, ws[j].start, ws[j + n - 1].end, score))
    return out


@dataclass
class SpanModel:
    config: dict[str, Any]
    token_model: LinearModel
    sentence_model: LinearModel
    phrases: dict[str, set[str]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SpanModel:
        return cls(data["config"], LinearModel.from_json(data["token_model"]),
                   LinearModel.from_json(data["sentence_model"]),
                   {t: set(p) for t, p in (data.get("phrases") or {}).items()})

    def probs(self, art: Article) -> tuple:
        """What ``decode`` reads: token and sentence probabilities and the phrase matches."""
        return (self.token_model.scores(art.tok_feats), self.sentence_model.scores(art.sent_feats),
                match_phrases(art, self.phrases))

    def read(self, text: str) -> Article:
        """``text`` parsed with this model's word lists."""
        return Article.read(text, self.config.get("lexicon") or None)

    def predict(self, art: Article) -> list[tuple[str, int, int, float]]:
        """(technique, start, end, score) spans found in one article."""
        return decode(art, self.probs(art), self.config)


def decode(art: Article, probs: tuple, config: dict[str, Any]) -> list[tuple[str, int, int, float]]:
    """Spans from one article's (token probabilities, sentence probabilities, phrase matches):
    a technique without a threshold in ``config`` gets no tagger or sentence spans."""
    thresholds = config["thresholds"]
    tok, sent, phrases = probs
    out: list[tuple[str, int, int, float]] = list(phrases)
    for c, name in enumerate(config["token_techniques"]):
        if name in thresholds and len(art.tokens):
            out += _runs(art.tokens, tok[:, c], thresholds[name], name, config.get("max_gap", 0))
    for c, name in enumerate(config["sentence_techniques"]):
        if name in thresholds and len(art.sents):
            out += [(name, s, e, float(p)) for (s, e), p in zip(art.sents, sent[:, c], strict=True)
                    if p >= thresholds[name]]
    return out


def _runs(tokens: Sequence[Token], probs: Iterable[float], thr: float, name: str, max_gap: int):
    out = []
    run: list[int] = []
    gap = 0
    plist = list(probs)
    for i, p in enumerate(plist):
        if p >= thr and tokens[i].text[0].isalnum():
            if run and gap > max_gap:
                out.append(run)
                run = []
            run.append(i)
            gap = 0
        elif run:
            gap += 1
    if run:
        out.append(run)
    return [(name, tokens[r[0]].start, tokens[r[-1]].end, float(np.mean([plist[i] for i in r]))) for r in out]
