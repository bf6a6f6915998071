"""Caseless text (actors/casing.py): all lower-case or all upper-case documents."""

from __future__ import annotations

import pytest

from tacitus.actors import code_actor
from tacitus.actors.casing import caseless


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the police arrested four men in lima on tuesday.", True),
        ("THE POLICE ARRESTED FOUR MEN IN LIMA ON TUESDAY.", True),
        ("The police arrested four men in Lima on Tuesday.", False),
        ("Police in Lima said the UN and the EU would send observers.", False),
        ("AKP", False),  # an acronym alone is written as it should be
        ("the uk", True),
    ],
)
def test_caseless(coder, text, expected):
    assert caseless(coder.nlp.make_doc(text)) is expected


@pytest.mark.parametrize("text", ["will", "of", "police", "may"])
def test_ordinary_words_stay_words_in_lower_case(coder, text):
    assert code_actor(text, coder=coder)["country"] is None


def test_a_lower_cased_article_keeps_its_countries(coder):
    text = (
        "Peruvian President Dina Boluarte declared a state of emergency in Lima on Sunday. "
        "Colombian President Gustavo Petro criticised the decision."
    )
    coded = {(a.country, a.sector) for a in coder.code_text(text, date="2023-03-01").actors}
    lowered = {(a.country, a.sector) for a in coder.code_text(text.lower(), date="2023-03-01").actors}
    assert {("PER", "GOV"), ("COL", "GOV")} <= coded
    assert {("PER", "GOV"), ("COL", "GOV")} <= lowered
