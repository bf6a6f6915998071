"""words.py: the word lists and code tables are data, validated when they are loaded."""

from __future__ import annotations

import pytest

from tacitus.datafiles import load_yaml, read_data
from tacitus.words import (
    WordListError,
    actor_words,
    derived_codes,
    irregular_verbs,
    load_evaluations,
    parse_actor_words,
    parse_derived_codes,
    parse_evaluations,
    parse_word_lists,
    words,
)


def test_shipped_tables_load():
    assert "launch" in words("light_verbs") and "thousand" in words("quantity_heads")
    assert actor_words().pronouns["she"].gender == "f" and actor_words().pronouns["they"].plural
    assert actor_words().anaphoric_nouns["bloc"] == "igo" and actor_words().anaphoric_nouns["kingdom"] == "country"
    assert irregular_verbs()["struck"] == "strike"
    assert {e.code for e in load_evaluations()} == {"111", "112", "130", "051"}
    assert {e.polarity for e in load_evaluations() if e.code.startswith("11")} == {"negative"}


def test_announced_codes_prefer_the_precise_code():
    codes = derived_codes()
    assert codes.announced("163", "16", negated=False) == "1312"  # embargo -> threaten with an embargo
    assert codes.announced("190", "19", negated=False) == "138"
    assert codes.announced("081", "08", negated=True) == "1241"
    assert codes.announced("010", "01", negated=True) is None


def test_a_code_missing_from_cameo_fails_at_load():
    data = load_yaml(read_data("derived_events.yaml"))
    data["intent_by_root"]["04"] = "0399"
    with pytest.raises(WordListError, match="0399"):
        parse_derived_codes(data)
    with pytest.raises(WordListError, match="999"):
        parse_evaluations({"odd": {"code": "999", "polarity": "negative", "words": ["odd"]}})
    with pytest.raises(WordListError, match="polarity"):
        parse_evaluations({"odd": {"code": "111", "polarity": "positive", "words": ["odd"]}})


def test_word_lists_reject_bad_entries():
    data = dict(load_yaml(read_data("words.yaml")))
    parse_word_lists(data)
    with pytest.raises(WordListError, match="lower-case"):
        parse_word_lists({**data, "light_verbs": ["Launch"]})
    with pytest.raises(WordListError, match="twice"):
        parse_word_lists({**data, "light_verbs": ["launch", "launch"]})
    with pytest.raises(WordListError, match="missing"):
        parse_word_lists({k: v for k, v in data.items() if k != "light_verbs"})
    with pytest.raises(WordListError, match="quote"):
        parse_word_lists({**data, "light_verbs": [False]})  # an unquoted `false` in YAML


def test_actor_words_reject_a_noun_with_two_kinds():
    data = load_yaml(read_data("actor_words.yaml"))
    data["anaphoric_nouns"]["country"] = [*data["anaphoric_nouns"]["country"], "bloc"]
    with pytest.raises(WordListError, match="two kinds"):
        parse_actor_words(data)
