"""Propaganda technique spans (framing/techniques.py) and sentence bias (framing/bias.py)."""

from __future__ import annotations

import ast
import json
from importlib import resources
from pathlib import Path

import pytest

from conflictlens.errors import DataFileError
from conflictlens.evaluate import predictors
from conflictlens.stages.framing import techniques
from conflictlens.stages.framing.bias import predict_bias
from conflictlens.stages.framing.rules import parse_rules, repetitions
from conflictlens.stages.framing.techniques import TechniqueSpan, find_techniques

PTC_NAMES = {
    "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum", "Black-and-White_Fallacy",
    "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation", "Flag-Waving", "Loaded_Language",
    "Name_Calling,Labeling", "Repetition", "Slogans", "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
}
WHATABOUT = "Whataboutism,Straw_Men,Red_Herring"


def _of(spans: list[TechniqueSpan], technique: str) -> list[TechniqueSpan]:
    return [s for s in spans if s.technique == technique]


@pytest.mark.parametrize("text", ["", "   \n\t", "!!!", "\u200b", "“”", "a", "?" * 50])
def test_empty_and_odd_input_gives_no_crash(text):
    spans = find_techniques(text)
    assert all(text[s.start:s.end] == s.text for s in spans)
    if not text.strip():
        assert spans == []


@pytest.mark.parametrize("sentence", [
    "They keep saying that Varnia arms the rebels, but why don't they say that Ostrela sends tanks to the border?",
    "Critics blame our army for the shelling. And what about the villages Ostrela burned last spring?",
    "The council condemns Varnia every week, but nobody talks about the prisons in Ostrela.",
])
def test_whataboutism_questions_are_found(sentence):
    spans = _of(find_techniques(sentence), WHATABOUT)
    assert spans, sentence
    assert any("Ostrela" in s.text for s in spans)
    assert all(s.source == "rule" for s in spans)


def test_whataboutism_in_the_seed_article(seeds_dir: Path):
    paths = sorted(seeds_dir.glob("002_*.txt"))
    if not paths:
        pytest.skip("seed 002 not found in the shared corpus")
    text = paths[0].read_text(encoding="utf-8")
    spans = _of(find_techniques(text), WHATABOUT)
    assert any(s.text.lower().startswith("why don") and "military support" in s.text and s.text.endswith("?")
               for s in spans), [s.text for s in spans]


def test_loaded_words_in_an_invented_sentence_are_found():
    text = ("The barbaric regime in Ostrela unleashed a savage, bloodthirsty assault on innocent Varnian "
            "families, a cowardly massacre by thugs and terrorists.")
    spans = find_techniques(text)
    loaded = {w for s in spans if s.technique in ("Loaded_Language", "Name_Calling,Labeling")
              for w in s.text.lower().split()}
    assert loaded & {"barbaric", "savage", "bloodthirsty", "cowardly", "massacre", "thugs", "terrorists"}
    assert any(s.source == "model" for s in spans)


def test_a_plain_report_has_few_spans():
    text = ("The ministry of agriculture in Ostrela published its annual harvest report on Tuesday. "
            "Wheat output rose by four percent compared with the previous year.")
    assert len(find_techniques(text)) <= 1


def test_offsets_round_trip_and_names_are_ptc_names():
    text = ("We will never surrender our homeland to these criminals!\nThe so-called peace plan is a lie. "
            "Experts say the enemy will wipe out our villages before it's too late. "
            "Either you are with us or you are with the invaders.\n" * 3)
    spans = find_techniques(text)
    assert spans
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.technique in PTC_NAMES
        assert s.source in ("model", "rule") and 0.0 <= s.score <= 1.0
    assert spans == sorted(spans, key=lambda s: (s.start, s.end, s.technique))


def test_flag_waving_and_black_and_white_rules():
    text = "Every soldier fights for our homeland. Either you stand with the army or you stand with the traitors."
    names = {s.technique for s in find_techniques(text, use_model=False)}
    assert {"Flag-Waving", "Black-and-White_Fallacy"} <= names


def test_repetition_marks_later_uses_only():
    text = ("Ostrela speaks of border security. Varnia answers with border security. "
            "Everyone now talks of border security, and border security again.")
    reps = repetitions(text, min_count=3)
    assert [text[s:e] for _, s, e, _ in reps] == ["border security"] * 3
    assert reps[0][1] > text.index("border security")


def test_bad_rule_is_a_data_file_error():
    with pytest.raises(DataFileError):
        parse_rules({"rule": [{"technique": "Doubt", "pattern": "(unclosed", "span": "match"}]})
    with pytest.raises(DataFileError):
        parse_rules({"rule": [{"technique": "Made_Up", "pattern": "x"}]}, techniques=frozenset(PTC_NAMES))


def test_rule_file_names_only_ptc_techniques():
    from conflictlens.stages.framing.rules import packaged_rules

    rules = packaged_rules()
    assert {r.technique for r in rules.rules} <= PTC_NAMES
    assert len({r.technique for r in rules.rules}) >= 8


def test_shipped_models_are_small_json_and_need_no_sklearn():
    folder = resources.files("conflictlens").joinpath("data", "framing")
    for name in ("techniques_model.json", "bias_model.json"):
        path = folder.joinpath(name)
        assert path.is_file(), name
        assert len(path.read_bytes()) < 5_000_000
        json.loads(path.read_text(encoding="utf-8"))
    src = Path(techniques.__file__).parent
    for module in src.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "sklearn" not in imported and "spacy" not in imported, module.name
    assert techniques.packaged_model() is not None


def test_cv_scores_ship_next_to_the_model():
    folder = resources.files("conflictlens").joinpath("data", "framing")
    cv = json.loads(folder.joinpath("techniques_cv.json").read_text(encoding="utf-8"))
    assert 0.0 < cv["results"]["model+rules"]["metrics"]["labelled_f1"] < 1.0
    assert 0.0 < json.loads(folder.joinpath("bias_cv.json").read_text(encoding="utf-8"))["metrics"]["macro_f1"] < 1.0


def test_bias_of_a_loaded_and_a_neutral_sentence():
    sentence = "The radical, corrupt regime in Ostrela shamelessly lies to its terrified people."
    loaded = predict_bias(sentence)
    plain = predict_bias("The Ostrela parliament will vote on the budget on Thursday, officials said.")
    assert loaded is not None and plain is not None
    assert loaded.label == "Biased" and plain.label == "Non-biased"
    assert loaded.score > plain.score
    assert loaded.words and set(loaded.words) <= set(sentence.replace(",", "").rstrip(".").split())
    assert predict_bias("") is None


def test_predictors_are_wired(settings):
    assert not predictors.is_pending("predict_techniques") and not predictors.is_pending("predict_bias")
    spans = predictors.predict_techniques("But why don't they say that Ostrela shells our towns?", settings)
    assert any(s.technique == WHATABOUT for s in spans)
    bias = predictors.predict_bias("A savage, disgraceful attack by fanatics.", settings)
    assert bias.label in ("Biased", "Non-biased")
