"""data/loaded_names.yaml: a speaker's ideological names resolve, neutrally, to the actor meant."""

from __future__ import annotations

import pytest

from tacitus.actors.entries import LexiconError
from tacitus.actors.lexicon import ActorLexicon, load_loaded_names


def test_loaded_names_code_the_actor_meant(coder):
    doc = coder.code_text("Iran's supreme leader said the Great Satan had failed and the Zionist enemy would be defeated.")
    codes = {a.name: a.code for a in doc.actors}
    assert codes.get("Great Satan") == "USA" and codes.get("Zionist enemy") == "ISRGOV"


def test_a_loaded_name_needs_a_code_and_a_note():
    lexicon = ActorLexicon()
    load_loaded_names(lexicon, [{"name": "Evil Empire", "code": "USA", "country": "USA", "sector": None, "note": "a test name"}])
    assert lexicon.lookup("Evil Empire")[0].code == "USA"
    with pytest.raises(LexiconError, match="note"):
        load_loaded_names(ActorLexicon(), [{"name": "Evil Empire", "code": "USA", "country": "USA", "sector": None, "note": ""}])
    with pytest.raises(LexiconError, match="country"):
        load_loaded_names(ActorLexicon(), [{"name": "Evil Empire", "code": "USA", "country": "XYZ", "sector": None, "note": "x"}])


def test_a_loaded_name_wins_over_a_wrong_dictionary_entry(coder):
    doc = coder.code_text("The Hezbollah leader praised the Palestinian resistance for its steadfastness.")
    assert {a.code for a in doc.actors if a.name and "resistance" in a.name.lower()} == {"PSEREB"}
