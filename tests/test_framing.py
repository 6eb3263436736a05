"""Framing: the loaded-term lexicon, contested-name choices, voices and outlet profiles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conflictlens.crossdoc.profiles import build_profiles
from conflictlens.errors import DataFileError
from conflictlens.evaluate.adapters.pipeline import analyse_text
from conflictlens.settings import Settings
from conflictlens.stages.framing.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _found(lexicon, text: str) -> dict[str, tuple[str, str | None]]:
    conflict = lexicon.conflict_of(text)
    return {h.text.lower(): (h.term.category, h.term.perspective) for h in lexicon.find(text, conflict)}


def test_one_term_takes_the_perspective_of_the_conflict_the_article_is_about(lexicon) -> None:
    karabakh = "Baku said the anti-terrorist operation in Karabakh was over. Yerevan disagreed."
    donbas = "Kyiv ended its Anti-Terrorist Operation in Donbas; Moscow called it a provocation."
    assert lexicon.conflict_of(karabakh) == "karabakh"
    assert lexicon.conflict_of(donbas) == "russia-ukraine"
    assert _found(lexicon, karabakh)["anti-terrorist"] == ("euphemism", "AZE")
    assert _found(lexicon, donbas)["anti-terrorist operation"] == ("euphemism", "UKR")


def test_no_conflict_named_means_no_loaded_terms(lexicon) -> None:
    text = "The liberated hostages thanked the occupied hotel staff for their provocation-free welcome."
    assert lexicon.conflict_of(text) is None
    assert lexicon.find(text, None) == []


def test_inflections_hyphens_and_the_longest_term_win(lexicon) -> None:
    text = ("Azerbaijan says it liberated the occupied territories; Armenia says the Azerbaijani aggression "
            "is a Khojaly genocide-style lie, and calls the anti terrorist raid genocidal.")
    found = _found(lexicon, text)
    assert found["liberated"] == ("legitimising", "AZE")
    assert found["occupied territories"] == ("delegitimising", "AZE")
    assert found["aggression"] == ("delegitimising", "ARM")
    assert found["khojaly genocide"] == ("victimhood", "AZE")  # not the shorter ARM "genocide"
    assert found["genocidal"] == ("victimhood", "ARM")
    assert found["anti terrorist"] == ("euphemism", "AZE")


def test_every_conflict_lists_terms_for_each_of_its_sides_with_a_source(lexicon) -> None:
    for key, conflict in lexicon.conflicts.items():
        per_side = Counter(t.perspective for t in lexicon.terms if t.conflict == key and t.category != "naming")
        assert set(conflict.sides) <= set(per_side), (key, per_side)
        assert min(per_side[s] for s in conflict.sides) >= 3, (key, per_side)
    assert all(t.source for t in lexicon.terms)
    real = {k for k in lexicon.conflicts if k != "ilva-valley"}
    assert len(real) >= 3  # Karabakh and at least two other conflicts


def test_a_malformed_user_lexicon_is_refused_with_its_row(tmp_path: Path) -> None:
    bad = tmp_path / "terms.tsv"
    bad.write_text("term\tcategory\tperspective\tconflict\tnote\tsource\nzealots\tinsulting\tXVA\t*\t\tme\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="zealots"):
        load_lexicon(str(bad))
    unknown = tmp_path / "terms2.tsv"
    unknown.write_text("term\tcategory\tperspective\tconflict\tnote\tsource\nzealots\tdehumanising\tXVA\tmars\t\tme\n",
                       encoding="utf-8")
    with pytest.raises(DataFileError, match="mars"):
        load_lexicon(str(unknown))


TEXT = """Varnian Defence Minister Jarek Solvin said on Monday that the army had liberated two villages \
in the Ilva Valley from the terrorists.

“We will never accept the invaders in Zelvany,” said Ostrelan President Elena Marovska.

The offensive was condemned in Korsa as aggression.
"""


@pytest.fixture(scope="module")
def article():
    return analyse_text(TEXT, Settings(), keep_text=True)


def test_terms_carry_offsets_and_the_voice_they_are_in(article) -> None:
    (record,) = article.framing
    assert record["conflict"] == "ilva-valley"
    terms = {t["text"]: t for t in record["terms"]}
    for t in record["terms"]:
        assert article.text[t["start"]:t["end"]] == t["text"]
    assert terms["liberated"]["voice"] == "reported" and terms["liberated"]["perspective"] == "XVA"
    assert terms["invaders"]["voice"] == "quote" and terms["invaders"]["speaker"] == "Elena Marovska"
    assert terms["aggression"]["voice"] == "outlet" and terms["aggression"]["perspective"] == "XOS"


def test_official_direct_quotes_are_measured(article) -> None:
    (record,) = article.framing
    quote = "“We will never accept the invaders in Zelvany,”"
    assert record["official_quote_chars"] == record["direct_quote_chars"] == len(quote)


def test_profiles_count_own_voice_terms_per_side_and_rate_them_per_1000_words() -> None:
    def rec(outlet, side, words, terms, names=()):
        return {"outlet": outlet, "side": side, "words": words, "chars": words * 6,
                "terms": [{"text": t, "category": c, "perspective": p, "voice": v} for t, c, p, v in terms],
                "contested_names": [{"name": n, "perspective": p, "voice": "outlet"} for n, p in names],
                "techniques": [], "direct_quote_chars": 60, "official_quote_chars": 30}

    profiles = build_profiles([
        rec("A", "XVA", 500, [("terrorists", "delegitimising", "XVA", "outlet"),
                              ("invaders", "delegitimising", "XOS", "quote")], [("Zelvany", "XVA")]),
        rec("B", "XVA", 500, [("liberated", "legitimising", "XVA", "reported")]),
        rec("C", "XOS", 250, [("aggression", "delegitimising", "XOS", "outlet")], [("Kalenohrad", "XOS")]),
    ])
    side = {p["name"]: p for p in profiles if p["level"] == "side"}
    assert side["XVA"]["articles"] == 2 and side["XVA"]["words"] == 1000
    assert side["XVA"]["terms_by_perspective"] == {"XVA": 2}  # the quoted invaders are not the outlet's words
    assert side["XVA"]["own_terms_per_1000"] == {"delegitimising": 1.0, "legitimising": 1.0}
    assert side["XOS"]["own_terms_per_1000"] == {"delegitimising": 4.0}
    assert side["XOS"]["contested_names"] == {"Kalenohrad": 1}
    assert side["XVA"]["official_quote_share"] == round(60 / 6000, 3)


@pytest.mark.slow
def test_demo_profiles_show_each_side_in_its_own_vocabulary_and_names(demo_export) -> None:
    side = {p["name"]: p for p in demo_export["profiles"] if p["level"] == "side"}
    varnia, ostrela = side["XVA"], side["XOS"]
    assert varnia["own_perspective_share"].get("XVA", 0) > 0.7
    assert ostrela["own_perspective_share"].get("XOS", 0) > 0.7
    assert varnia["names_by_perspective"].get("XVA", 0) > varnia["names_by_perspective"].get("XOS", 0)
    assert ostrela["names_by_perspective"].get("XOS", 0) > ostrela["names_by_perspective"].get("XVA", 0)
    assert "neutral" in side
    outlets = {p["name"] for p in demo_export["profiles"] if p["level"] == "outlet"}
    assert {"Varnia Today", "Ostrela First", "Corvane Press"} <= outlets
    for record in demo_export["framing"]:
        text = next(a["text"] for a in demo_export["articles"] if a["id"] == record["article_id"])
        for item in record["terms"] + record["techniques"] + record["contested_names"]:
            assert text[item["start"]:item["end"]] == item.get("text", item.get("name"))


def test_seed_loaded_terms_carry_the_azerbaijani_perspective(seeds_dir) -> None:
    lexicon = load_lexicon()
    found: dict[str, set[str]] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for hit in lexicon.find(text, lexicon.conflict_of(text)):
            found.setdefault(hit.text.lower(), set()).add(hit.term.perspective)
    for words in ("occupied territories", "liberated", "illegal regime", "anti-terrorist"):
        assert found.get(words) == {"AZE"}, (words, found.get(words))
