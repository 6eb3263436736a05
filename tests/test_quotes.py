"""Quotes: layouts, speakers (names, pronouns, titles, organisations), channels, offsets.

Every sentence is written for these tests; the people, places and outlets are invented
(the demo's Varnia and Ostrela) apart from well-known agency names used as channels.
"""

from __future__ import annotations

import pytest

from conflictlens.evaluate.adapters.pipeline import analyse_text
from conflictlens.model import Article
from conflictlens.pipeline import build_stage
from conflictlens.settings import Settings
from conflictlens.stages.quotes import find_quoted
from conflictlens.stages.quotes.lexicon import load_lexicon
from conflictlens.stages.quotes.stage import Quotes

FRONT = """Varnian Defence Minister Jarek Solvin visited the front on Monday. \
“We will not give up a single village,” he said.

“The shelling must stop now,” said Solvin. “Our patience has limits.”

President Stanimir Orlan said: “The occupation of the valley will end.” According to him, “the talks have failed.”

Orlan stressed that “no liberated village will be handed back” to the occupiers.

The minister said that the army would hold its positions. Solvin told reporters the front line was quiet.

The Varnian Defence Ministry accused Ostrela of shelling Mirtova. The ministry denied that its units had opened fire, \
Interfax reported.

Ostrela's foreign ministry warned that the truce was at risk, AzerTag reports.

The head of state told Reuters that the ceasefire had collapsed.

The so-called “liberation” of the valley continued through the night.

“The valley belongs to those who live in it.

“We will return,” the envoy Mila Korin said.

Korin rejected the statement that 'the valley was never ours' as a lie.
"""

WIRE = """"The bridge was destroyed at dawn," said Mila Korin, a spokeswoman for the regional administration. \
She added that repairs would take weeks.

''We have no fuel left,'' the mayor of Tarsk said.

According to the statement obtained by Interfax, the convoy reached Sarn on Tuesday.

Three soldiers were wounded near Kestrin, reports Tanjug.

Two drones were shot down over the valley, Interfax reported.

Officials, who asked not to be named, said the talks would resume in May.

Korin warned of a new offensive. "We are ready," she said in an interview with Ostinform.
"""


def _analyse(text: str) -> Article:
    article = analyse_text(text, Settings(), keep_text=True)
    if Quotes.name not in article.stages:  # until the pipeline runs the stage itself
        build_stage("quotes", Settings()).run(article)
    return article


@pytest.fixture(scope="module")
def front() -> Article:
    return _analyse(FRONT)


@pytest.fixture(scope="module")
def wire() -> Article:
    return _analyse(WIRE)


def _quote(article: Article, words: str) -> dict:
    found = [q for q in article.quotes if words in q["content"]]
    assert len(found) == 1, [q["content"] for q in article.quotes]
    return found[0]


# -- layouts ----------------------------------------------------------------------------------


def test_quote_then_pronoun_tag_is_direct_and_resolves_the_pronoun(front):
    q = _quote(front, "single village")
    assert q["kind"] == "direct" and q["content"] == "“We will not give up a single village,”"
    assert q["cue"] == "said"
    assert q["speaker"]["name"] == "Jarek Solvin" and q["speaker"]["rule"] == "pronoun"
    assert q["speaker"]["entity_id"].startswith("person:")


def test_inverted_tag_and_a_second_quotation_after_it_are_one_quote(front):
    q = _quote(front, "shelling must stop")
    assert q["kind"] == "direct" and q["speaker"]["name"] == "Jarek Solvin" and q["speaker"]["rule"] == "name"
    assert [f["text"] for f in q["fragments"]] == ["“The shelling must stop now,”", "“Our patience has limits.”"]


def test_said_colon_and_according_to_him(front):
    said = _quote(front, "occupation of the valley")
    assert said["kind"] == "direct" and said["speaker"]["name"] == "Stanimir Orlan"
    according = _quote(front, "talks have failed")
    assert according["kind"] == "direct" and according["cue"] == "According to"
    assert according["speaker"]["name"] == "Stanimir Orlan" and according["speaker"]["rule"] == "pronoun"


def test_that_clause_with_a_quoted_part_is_mixed(front):
    q = _quote(front, "no liberated village")
    assert q["kind"] == "mixed" and q["content"].startswith("that “no liberated village")
    assert q["speaker"]["name"] == "Stanimir Orlan" and q["cue"] == "stressed"


def test_quotation_over_two_paragraphs(front):
    q = _quote(front, "those who live in it")
    assert q["kind"] == "direct" and q["speaker"]["name"] == "Mila Korin"
    assert [f["text"] for f in q["fragments"]] == ["“The valley belongs to those who live in it.", "“We will return,”"]


def test_single_quotes_inside_reported_speech_stay_in_that_quote(front):
    q = _quote(front, "never ours")
    assert q["kind"] == "mixed" and q["cue"] == "rejected" and q["speaker"]["name"] == "Mila Korin"
    assert not any(q2["content"] == "'the valley was never ours'" for q2 in front.quotes)


def test_scare_quotes_are_not_quotes(front):
    assert not any("liberation”" in q["content"] for q in front.quotes)


def test_indirect_layouts(front):
    accused = _quote(front, "of shelling Mirtova")
    assert accused["kind"] == "indirect" and accused["cue"] == "accused"
    assert accused["content"] == "Ostrela of shelling Mirtova"
    denied = _quote(front, "opened fire")
    assert denied["content"] == "that its units had opened fire" and denied["cue"] == "denied"
    warned = _quote(front, "truce was at risk")
    assert warned["kind"] == "indirect" and warned["cue"] == "warned"
    hold = _quote(front, "hold its positions")
    assert hold["content"] == "that the army would hold its positions"


def test_straight_and_doubled_apostrophe_marks(wire):
    assert _quote(wire, "bridge was destroyed")["content"] == '"The bridge was destroyed at dawn,"'
    fuel = _quote(wire, "no fuel left")
    assert fuel["kind"] == "direct" and fuel["content"] == "''We have no fuel left,''"
    assert fuel["speaker"]["name"] == "the mayor of Tarsk"


def test_indirect_without_that_and_a_speaker_with_a_relative_clause(wire):
    q = _quote(wire, "resume in May")
    assert q["content"] == "the talks would resume in May" and q["speaker"]["name"] == "Officials"


# -- speakers ---------------------------------------------------------------------------------


def test_title_resolves_to_the_role_holder(front):
    minister = _quote(front, "hold its positions")
    assert minister["speaker"]["name"] == "Jarek Solvin" and minister["speaker"]["rule"] == "title"
    head = _quote(front, "ceasefire had collapsed")
    assert head["speaker"]["name"] == "Stanimir Orlan" and head["speaker"]["text"] == "The head of state"


def test_organisation_description_resolves_to_the_organisation(front):
    q = _quote(front, "opened fire")
    assert q["speaker"]["entity_id"] is not None and "Ministry" in q["speaker"]["name"]
    assert q["speaker"]["rule"] in ("name", "org")


def test_she_resolves_to_the_woman_who_spoke(wire):
    q = _quote(wire, "repairs would take weeks")
    assert q["speaker"]["name"] == "Mila Korin" and q["speaker"]["rule"] == "pronoun"


# -- channels ---------------------------------------------------------------------------------


def test_channels(front, wire):
    assert _quote(front, "front line was quiet")["channel"] == "reporters"
    assert _quote(front, "ceasefire had collapsed")["channel"] == "Reuters"
    relayed = _quote(front, "opened fire")
    assert relayed["channel"] == "Interfax" and "Interfax" not in relayed["content"]
    assert _quote(front, "truce was at risk")["channel"] == "AzerTag"
    statement = _quote(wire, "convoy reached Sarn")
    assert statement["channel"] == "Interfax" and statement["speaker"]["name"] == "the statement"
    assert _quote(wire, "We are ready")["channel"] == "Ostinform"


def test_an_outlet_relaying_no_one_is_speaker_and_channel(wire):
    for words, outlet in (("soldiers were wounded", "Tanjug"), ("drones were shot down", "Interfax")):
        q = _quote(wire, words)
        assert q["speaker"]["name"] == outlet and q["channel"] == outlet


# -- records ----------------------------------------------------------------------------------


def test_offsets_round_trip_and_contract_fields(front, wire):
    for article in (front, wire):
        assert article.stages[Quotes.name] == Quotes.version
        text = article.text
        for n, q in enumerate(article.quotes, 1):
            assert q["id"] == f"{article.id}:quote:{n}" and q["article_id"] == article.id
            assert q["kind"] in ("direct", "indirect", "mixed")
            assert set(q["speaker"]) >= {"entity_id", "name"}
            span = q["content_span"]
            assert text[span["start"]:span["end"]] == q["content"]
            ev = q["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"] and ev["start"] <= span["start"]
            for key in ("speaker_span", "cue_span", "channel_span"):
                if q[key]:
                    assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"]
            for f in q["fragments"]:
                assert text[f["start"]:f["end"]] == f["text"]
                assert span["start"] <= f["start"] < f["end"] <= span["end"]
            if q["cue_span"]:
                assert q["cue"] == q["cue_span"]["text"]


def test_stage_without_a_doc_gives_no_quotes():
    article = Article(source="x", raw=None, text="“Hello,” he said.")  # type: ignore[arg-type]
    build_stage("quotes", Settings()).run(article)
    assert article.quotes == [] and article.stages[Quotes.name] == Quotes.version


# -- quotation marks (no parser) -------------------------------------------------------------


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in find_quoted(text) if q.level == 0]


def test_marks_pair_curly_straight_and_doubled_apostrophes():
    text = "“One,” he said. \"Two.\" ''Three,'' she said. It doesn’t matter to the soldiers’ families."
    assert _texts(text) == [["“One,”"], ['"Two."'], ["''Three,''"]]


def test_marks_run_over_paragraphs_only_when_the_next_one_reopens():
    text = "“First paragraph.\n\n“Second paragraph,” he said.\n\n“Unclosed here.\n\nPlain text."
    assert _texts(text) == [["“First paragraph.", "“Second paragraph,”"], ["“Unclosed here."]]
    unclosed = [q for q in find_quoted(text) if not q.closed]
    assert len(unclosed) == 1


def test_marks_nested_single_quotes_and_mistyped_closing_mark():
    text = "“He called it ‘a provocation’ and left,” she said. Cruz called it “abhorrent“ on Sunday."
    spans = find_quoted(text)
    assert [text[q.start:q.end] for q in spans if q.level == 1] == ["‘a provocation’"]
    assert "“abhorrent“" in [text[q.start:q.end] for q in spans]


def test_lexicon_loads_frames_for_every_cue_kind():
    lex = load_lexicon()
    assert {f.frame for f in lex.frames_of("say")} == {"ccomp"}
    assert any(f.frame == "prep" and "of" in f.preps and f.dobj_keeps for f in lex.frames_of("accuse"))
    assert lex.frames_of("report")[-1].kind == "relay"
    assert "according to" in lex.according and "reporters" in lex.audience


BODIES = """Varnia announced the closure of the northern border, and the council of Ostrela confirmed that \
Varnian troops were moving towards Tarsk, Interfax reported.

The Office of the President of Varnia announced that it would receive the Ostrelan envoys in Sarn.

“The envoys must come unarmed. They must come alone.” Otherwise the talks will not start”, according to the \
statement of the office, obtained by Interfax.

“They declined every invitation,” claims the office, reports Tanjug.
"""


@pytest.fixture(scope="module")
def bodies() -> Article:
    return _analyse(BODIES)


def test_a_clause_coordinated_after_an_object_is_its_own_speakers(bodies):
    # "X announced the closure ..., and Y confirmed that ...": Y's words are not X's
    confirmed = _quote(bodies, "troops were moving")
    assert confirmed["speaker"]["name"] == "the council of Ostrela"
    assert confirmed["cue"] == "confirmed"


def test_a_body_named_again_by_its_head_noun_and_the_statement_of_a_body(bodies):
    office = _quote(bodies, "receive the Ostrelan envoys")["speaker"]["name"]
    assert "Office of the President" in office
    assert _quote(bodies, "talks will not start")["speaker"]["name"] == office  # "the statement of the office"
    assert _quote(bodies, "declined every invitation")["speaker"]["name"] == office  # "claims the office"


def test_a_quoted_sentence_before_an_according_to_sentence_is_carried(bodies):
    quote = _quote(bodies, "must come unarmed")
    assert quote["kind"] == "direct"
    assert quote["speaker"]["name"] == _quote(bodies, "receive the Ostrelan envoys")["speaker"]["name"]


def _seed(seeds_dir, prefix: str) -> Article:
    from conflictlens.api import analyze_documents
    from conflictlens.stages.ingest import stage as ingest

    paths = [str(p) for p in sorted(seeds_dir.glob(f"{prefix}_*.txt"))]
    (article,) = [r for r in analyze_documents(list(ingest.read_sources(paths, Settings())), Settings())
                  if isinstance(r, Article)]
    return article


def test_seed_quotes_are_attributed_to_their_speakers(seeds_dir) -> None:
    aliyev = _seed(seeds_dir, "002")
    direct = [q for q in aliyev.quotes if q["kind"] == "direct"]
    assert len(direct) >= 20
    assert {q["speaker"]["name"] for q in direct} == {"Ilham Aliyev"}  # "he said", "the president said" too
    assert {q["speaker"]["rule"] for q in direct} >= {"name", "pronoun"}

    article = _seed(seeds_dir, "004")
    by_speaker: dict[str, set[str]] = {}
    for q in article.quotes:
        if q["speaker"].get("text"):
            by_speaker.setdefault(q["speaker"]["name"], set()).add(q["speaker"]["text"])
    assert {"Khadzhiyev", "Hajiyev", "Hadjiyev"} <= by_speaker["Hikmet Hajiyev"]  # three spellings, one speaker
    assert "Nikol Pashinyan" in by_speaker
    # "the administration" and "the statement of the administration" are the presidential
    # administration named earlier, and what the Karabakh authorities confirmed is theirs
    named_later = [q for q in article.quotes if (q["speaker"].get("text") or "").lower() == "the administration"]
    assert len(named_later) == 2
    assert all(q["speaker"]["name"].lower().startswith("the administration of the president") for q in named_later)
    confirmed = [q for q in article.quotes if q["cue"] == "confirmed"]
    assert confirmed and all("Nagorno-Karabakh" in q["speaker"]["name"] for q in confirmed)
