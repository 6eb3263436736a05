"""What the words around a place name say about it (spaCy tokens in, small answers out).

- ``cue``: the kind of place the context asks for: an administrative level from a type word
  after the name or before it ("Tartar district", "the districts of Tartar, Fuzuli and
  Jabrayil") or a town ("the city of Tartar", "the cities of Jabrayil and Fuzuli").
- ``locative``: a locative preposition or verb governs the name ("in", "near", "entered").
- ``literal``: whether the name is used as a place. Modifiers ("Baku officials", "Moscow's
  decision") and countries or cities acting as agents ("Russia said", "talks with Mexico")
  are not literal, following GeoWebNews' distinction between literal and metonymic uses:
  the syntactic role decides (object of a locative preposition: literal; subject, possessor,
  compound modifier: not).
"""

from __future__ import annotations

from typing import Any

from ...lang.gazetteer.names import ADMIN_WORDS, PLACE_WORDS

LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "around", "across", "towards",
            "toward", "through", "throughout", "via", "inside", "nearby", "within", "along",
            "beyond", "onto", "reach", "reached", "entered", "visit", "visited", "shelled",
            "liberated", "captured", "hit"}
# Prepositions whose object is a place used literally (GeoWebNews development data: 0.7 or
# more of such mentions are Literal); "of" and "between" only for towns, not countries.
_LITERAL_PREPS = {"in", "to", "from", "across", "near", "around", "as", "into", "inside", "outside",
                  "within", "through", "throughout", "including", "toward", "towards", "via", "along",
                  "beyond", "over", "onto", "at", "like", "than", "until"}
_TOWN_PREPS = {"of", "between", "outside", "for", "on"}  # "shells fell on Tartar"
_AGENT_VERBS = {"say", "tell", "announce", "accuse", "claim", "deny", "warn", "urge", "agree", "sign",
                "demand", "reject", "call", "threaten", "respond", "insist", "vow", "condemn", "want",
                "refuse", "impose", "expel", "recognize", "recognise", "support", "back", "ask", "blame",
                "propose", "offer", "declare", "sanction", "criticize", "criticise", "beat", "defeat",
                "play", "help", "join", "invite", "thank", "pressure", "persuade", "allow", "force"}
LIST_WORDS = {",", "and", "or", "-", "&"}
# "the north of Syria", "the streets of Baku": "of" after these nouns is spatial.
SPATIAL_NOUNS = set(ADMIN_WORDS) | PLACE_WORDS | {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "part",
    "parts", "outskirts", "centre", "center", "heart", "border", "borders", "coast", "area", "areas",
    "streets", "suburbs", "territory", "territories", "soil", "rest", "island", "islands", "mainland",
    "interior", "side", "edge", "corner", "tip", "shores", "countryside", "skies", "airspace", "map",
    "countries", "nations", "outside", "inside", "vicinity", "environs", "neighbourhood", "neighborhood"}
_STATIVE = {"be", "lie", "sit", "border", "host", "remain", "stretch", "become", "look", "feel"}


def _type_of(word: str) -> int | None:
    if word in ADMIN_WORDS:
        return 2 if ADMIN_WORDS[word] == 2 else 1
    return 3 if word in PLACE_WORDS else None


def _is_cap(tok: Any) -> bool:
    return bool(tok.text) and tok.text[0].isupper()


def cue(doc: Any, i: int, j: int) -> int | None:
    """Type word right after the name, or "<type> of" before it (through a list of names)."""
    if j < len(doc) and _type_of(doc[j].lower_) is not None:
        return _type_of(doc[j].lower_)
    if i > 0 and doc[i - 1].lower_ in PLACE_WORDS | set(ADMIN_WORDS):
        return _type_of(doc[i - 1].lower_)  # "the city Londonderry", "the region Karabakh"
    k, steps = i - 1, 0
    while k > 0 and steps < 25:
        tok = doc[k]
        if tok.lower_ == "of":
            return _type_of(doc[k - 1].lower_)
        if tok.text not in LIST_WORDS and not _is_cap(tok):
            break
        k, steps = k - 1, steps + 1
    # "Tartar, Fuzuli and Jabrayil districts": a plural type word after a list of names.
    k, steps = j, 0
    while k < len(doc) and steps < 25:
        tok = doc[k]
        if tok.lower_.endswith("s") and _type_of(tok.lower_) is not None:
            return _type_of(tok.lower_)
        if tok.text not in LIST_WORDS and not _is_cap(tok):
            break
        k, steps = k + 1, steps + 1
    return None


def locative(doc: Any, i: int) -> bool:
    """A locative word governs the name, directly or across a list ("in Tartar, Barda and Ganca")."""
    k = i - 1
    while k >= 0 and k > i - 15 and (doc[k].text in LIST_WORDS or _is_cap(doc[k])
                                     or doc[k].lower_ in {"the", "a", "an"}):
        k -= 1
    return k >= 0 and doc[k].lower_ in LOCATIVE


def _root(doc: Any, i: int, j: int) -> Any:
    root = doc[j - 1]
    while i <= root.head.i < j and root.head.i != root.i:
        root = root.head
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head  # the role of a list or an apposition is the role of its first item
    return root


def literal(doc: Any, i: int, j: int, is_country: bool) -> bool:
    """Whether the name at tokens ``[i, j)`` is used as a place (see the module docstring)."""
    if j < len(doc) and doc[j].text in {"'s", "’s"}:
        return False
    root = _root(doc, i, j)
    dep, head = root.dep_, root.head
    if dep == "pobj":
        prep = head.lower_
        if prep == "of" and head.head.lower_ in SPATIAL_NOUNS:
            return True
        return prep in _LITERAL_PREPS or (not is_country and prep in _TOWN_PREPS)
    if dep in {"compound", "amod", "nmod", "poss"}:
        # "Tartar district" names a place; "Tartar officials" does not.
        return head.lower_ in ADMIN_WORDS or head.lower_ in PLACE_WORDS
    if dep in {"nsubj", "nsubjpass", "dative", "agent"}:
        if head.lemma_ in _STATIVE:
            return True  # "London is the second destination"
        return dep == "nsubjpass" and not is_country and head.lemma_ not in _AGENT_VERBS
    if dep == "dobj":
        return head.lemma_ not in _AGENT_VERBS
    return True
