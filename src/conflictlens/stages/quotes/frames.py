"""Reporting frames in the dependency parse: a cue, who it attributes words to, and the words.

A frame is read off the spaCy Doc the nlp stage already made (nothing is parsed again):

- a cue verb from the lexicon (``data/speech_verbs.toml``) with its subject as speaker and
  the complement its frame names as content: the clause of "said (that) ...", the
  infinitive of "vowed to ...", the object and "of"-phrase of "accused Armenia of ...";
- a cue after its clause ("The talks failed, he said."; "“...,” said Hadjiyev."), where the
  parser hangs the cue under the clause: the content is that clause without the tag;
- "according to X" (and the other phrases of the lexicon): X speaks, the rest of the
  sentence is the content.

Cues inside quotation marks are not read: the quoted speaker's own reports stay part of
the quotation. Frames may have no content yet ("He continued:"), to be filled by a
quotation in ``layouts``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from .lexicon import Lexicon
from .marks import QuotedSpan

Span = tuple[int, int]
_TRIM = frozenset({"PUNCT", "CCONJ", "SPACE"})
_KEEP_PUNCT = frozenset("“”\"‘’'«»%$)")
_NEWLINE = re.compile(r"\n")
_TAG_BEFORE = frozenset({",", "”", "\"", "''", "’", "'", "—", "–", "-", "--"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_STOPS = frozenset({",", "(", "[", "—", "–", ";", ":", "--"})
_NOT_TOPIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})


@dataclass(frozen=True)
class Frame:
    """One reporting frame: spans are character offsets into the article text."""

    cue: Span
    lemma: str
    kind: str  # speech | relay | accuse | belief (from the lexicon) | according
    layout: str  # clause | tag-after | xcomp | prep | dobj | according | open
    token: int  # the cue token (the first word of an "according to" phrase)
    speaker: Span | None = None
    speaker_head: int | None = None  # token index of the speaker's head word
    content: tuple[Span, ...] = ()
    speaker_scope: Span | None = None  # the speaker's whole phrase, appositions and clauses included

    @property
    def content_start(self) -> int:
        return self.content[0][0] if self.content else self.cue[0]


def text_of(doc: Any) -> str:
    """The Doc's text, built once: spaCy joins its tokens again on every ``Doc.text``."""
    text = doc.user_data.get("conflictlens.text")
    if text is None:
        text = doc.user_data["conflictlens.text"] = doc.text
    return text


def in_quote(pos: int, quoted: list[QuotedSpan]) -> bool:
    return any(q.contains(pos) for q in quoted)


def token_spans(doc: Any, indices: set[int] | list[int]) -> tuple[Span, ...]:
    """Character spans of a set of tokens: runs of consecutive tokens, trimmed of punctuation
    and conjunctions at their edges (quotation marks are kept: they belong to the words)."""
    idx = sorted(indices)
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[Span] = []
    for run in runs:
        while run and _trim(doc[run[0]], leading=True):
            run.pop(0)
        while run and _trim(doc[run[-1]], leading=False):
            run.pop()
        if run:
            out.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)))
    return tuple(_join(out, text_of(doc)))


def _trim(tok: Any, leading: bool) -> bool:
    if tok.pos_ == "CCONJ" and not leading:
        return True
    if tok.pos_ in ("PUNCT", "SPACE") or tok.is_space:
        return not (tok.text in _KEEP_PUNCT or (leading and tok.text in "(["))
    return False


def _join(spans: list[Span], text: str) -> list[Span]:
    """Merge spans separated only by punctuation or spaces: they are one stretch of words."""
    out: list[Span] = []
    for s, e in spans:
        if out and not text[out[-1][1]:s].strip(" ,;:-–—\n\t"):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def noun_phrase(tok: Any) -> tuple[int, int]:
    """Token range [first, last] of the phrase a subject heads, up to the first comma, bracket,
    dash or relative pronoun: "the economist Jared Bernstein, a former adviser, who ..." ->
    "the economist Jared Bernstein"."""
    doc = tok.doc
    first = tok.left_edge.i
    last = tok.right_edge.i
    if tok.i - first > 8:
        first = tok.i - 8
    for i in range(first, last + 1):
        word = doc[i]
        if i > first and (word.text in _STOPS or (word.lower_ in _RELATIVE and word.dep_ != "det")
                          or (i > tok.i and word.dep_ == "acl" and word.tag_ == "VBN" and word.head.i == tok.i)):
            last = i - 1  # "the statement obtained by Interfax" -> "the statement"
            break
        if "\n" in word.text:
            last = i - 1
            break
    while first < last and doc[first].pos_ in _TRIM:
        first += 1
    while last > first and (doc[last].pos_ in _TRIM or doc[last].pos_ == "AUX"):
        last -= 1
    if last - first > 12:
        last = max(tok.i, first + 12)
    return first, max(first, last)


def _subject(tok: Any) -> Any | None:
    """The speaker token of a cue: its subject, a passive agent, or the subject it shares."""
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in _RELATIVE and cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
                    return cur.head  # "Gay Republicans in Ohio, who support ...": the noun it refers to
                return c
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head  # "Aliyev, who said ..."; "a statement saying ..."
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.pos_ in ("VERB", "AUX") and cur.head is not cur:
            cur = cur.head  # "denied the claim and said ..."; "..., adding that ..."
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "explained the headline by saying: ..."
            continue
        break
    if tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == ",":
        root = tok.sent.root  # ", writing “...”" misparsed: the subject of the sentence
        return next((c for c in root.children if c.dep_ == "nsubj"), None)
    return None


def _para_subtree(tok: Any, without: Any | None = None, para: Span | None = None) -> set[int]:
    """Token indices of ``tok``'s subtree, less ``without``'s, inside the paragraph ``para``."""
    lo, hi = para or (0, len(text_of(tok.doc)))
    out = {t.i for t in tok.subtree if lo <= t.idx < hi}
    if without is not None:
        out -= {t.i for t in without.subtree}
    return out


def _cue_span(tok: Any, extra: Any | None = None) -> Span:
    end = tok.idx + len(tok.text)
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    for t in (prt, extra):
        if t is not None and t.i > tok.i:
            end = max(end, t.idx + len(t.text))
    return tok.idx, end


def _coordinated_report(tok: Any, clause: Any) -> bool:
    """A clause hung under the cue by a misparse, not said by its speaker: "X announced the
    measures, and Y confirmed that ..." -- the cue already has its object, and the clause
    has a subject of its own and no "that"."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if obj is None or clause.i < tok.i or any(c.dep_ == "mark" for c in clause.children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    between = tok.doc[obj.right_edge.i - 1:clause.left_edge.i]  # "..., and Y confirmed"
    return any(t.text in (",", ";") or t.dep_ == "cc" for t in between)


def _verb_frame(tok: Any, lex: Lexicon, para: Span) -> Frame | None:
    frames = lex.frames_of(tok.lemma_)
    if not frames:
        return None
    lo, hi = para
    subject = _subject(tok)
    if subject is not None and not lo <= subject.idx < hi:
        subject = None
    kinds = {f.frame: f for f in frames}
    children = sorted((c for c in tok.children if lo <= c.idx < hi), key=lambda c: abs(c.i - tok.i))
    speaker = subject

    def _subtree(t: Any, without: Any | None = None) -> set[int]:
        return _para_subtree(t, without, para)

    def make(layout: str, kind: str, content: set[int], cue: Span | None = None) -> Frame:
        return Frame(cue or _cue_span(tok), tok.lemma_.lower(), kind, layout, tok.i, None,
                     speaker.i if speaker is not None else None, token_spans(tok.doc, content))

    if "ccomp" in kinds:
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        if clause is not None and _coordinated_report(tok, clause):
            clause = None
        if clause is not None and (speaker is None or clause.i != speaker.i):
            return make("clause", kinds["ccomp"].kind, _subtree(clause))
        head = tok.head
        if tok.dep_ in ("ccomp", "parataxis") and head.i < tok.i and lo <= head.idx < hi:
            own = next((c for c in children if c.dep_ == "nsubj"), None)
            if own is None:  # ", said Hadjiyev": the inverted subject parsed as an object
                own = next((c for c in children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > tok.i), None)
            tag = min([tok.i] + ([own.left_edge.i] if own is not None else []))
            if own is not None and tag > 0 and tok.doc[tag - 1].text in _TAG_BEFORE:
                speaker = own
                return make("tag-after", kinds["ccomp"].kind, _subtree(head, tok))
    if "oprd" in kinds:  # "called him divisive", "called the KKK “abhorrent”"
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        comp = next((c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and obj is not None
                     and c.i > obj.i), None)
        if comp is not None:
            return make("oprd", kinds["oprd"].kind, _subtree(obj) | _subtree(comp))
    if "xcomp" in kinds:
        inf = next((c for c in children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if inf is not None and any(g.dep_ == "aux" and g.lower_ == "to" for g in inf.children):
            obj = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i < inf.i), None)
            content = _subtree(inf) | (_subtree(obj) if obj is not None else set())
            return make("xcomp", kinds["xcomp"].kind, content)
    if "prep" in kinds:
        spec = kinds["prep"]
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in spec.preps and c.i > tok.i), None)
        if prep is not None and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _NOT_TOPIC
                                    for g in prep.children):
            obj = next((c for c in children if c.dep_ == "dobj" and c.i < prep.i), None)
            if spec.dobj_keeps:
                if obj is not None:
                    return make("prep", spec.kind, _subtree(obj) | _subtree(prep))
            elif obj is None:
                inner = {i for g in prep.children if g.dep_ in ("pobj", "pcomp") for i in _subtree(g)}
                return make("prep", spec.kind, inner, _cue_span(tok, prep))
    if "dobj" in kinds:
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is not None and obj.pos_ not in ("PRON",):
            return make("dobj", kinds["dobj"].kind, _subtree(obj))
    if "ccomp" in kinds and speaker is not None:
        return make("open", kinds["ccomp"].kind, set())  # "He continued:" awaits a quotation
    return None


def _according(doc: Any, tok: Any, lex: Lexicon, sent: Any, para: Span) -> Frame | None:
    low = text_of(doc)[tok.idx:tok.idx + 24].lower()
    phrase = next((p for p in lex.according if low.startswith(p)), None)
    if phrase is None:
        return None
    end = tok.idx + len(phrase)
    after = next((t for t in sent if t.idx >= end and not t.is_punct), None)
    if after is None:
        return None
    head = after
    while head.head.i != head.i and head.head.idx >= end and head.head.i <= sent.end - 1 and \
            head.dep_ in ("compound", "amod", "det", "poss", "nummod", "case", "nmod", "punct"):
        head = head.head
    first, last = noun_phrase(head)
    first = min(first, after.i)
    np_end = max(t.i for t in head.subtree) if head.dep_ == "pobj" else last
    np_end = min(np_end, sent.end - 1)
    before = {i for i in range(sent.start, tok.i) if doc[i].idx >= para[0]}
    rest = {i for i in range(np_end + 1, sent.end) if doc[i].idx < para[1]}
    speaker = doc[first:last + 1]
    return Frame((tok.idx, end), phrase, "according", "according", tok.i, (speaker.start_char, speaker.end_char),
                 head.i, token_spans(doc, before | rest))


def find_frames(doc: Any, quoted: list[QuotedSpan], lex: Lexicon) -> list[Frame]:
    """Every reporting frame of the Doc outside quotation marks, in text order."""
    frames: list[Frame] = []
    first_words = {p.split()[0] for p in lex.according}
    text = text_of(doc)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    for sent in doc.sents:
        for tok in sent:
            n = bisect_right(line_starts, tok.idx) - 1
            para = (line_starts[n], line_starts[n + 1] if n + 1 < len(line_starts) else len(text))
            if tok.lower_ in first_words:
                frame = _according(doc, tok, lex, sent, para)
                if frame is not None and not in_quote(tok.idx, quoted):
                    frames.append(frame)
                continue
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.lemmas or in_quote(tok.idx, quoted):
                continue
            frame = _verb_frame(tok, lex, para)
            if frame is None:
                continue
            if frame.speaker_head is not None:
                head = doc[frame.speaker_head]
                first, last = noun_phrase(head)
                edge = head.right_edge
                frame = replace(frame, speaker=(doc[first].idx, doc[last].idx + len(doc[last].text)),
                                speaker_scope=(head.left_edge.idx, edge.idx + len(edge.text)))
            frames.append(frame)
    return frames

