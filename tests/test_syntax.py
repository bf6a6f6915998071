"""syntax.py: the parse-tree helpers every stage shares, on sentences parsed by spaCy."""

from __future__ import annotations

from tacitus.syntax import (
    argument_phrase,
    content_head,
    depth_of,
    expand,
    known_lemma,
    lemma_candidates,
    np_tokens,
    subjects_of,
)


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_lemma_candidates_cover_regular_inflections():
    assert "bomb" in lemma_candidates("bombed") and "shell" in lemma_candidates("shelled")
    assert "carry" in lemma_candidates("carried") and "plan" in lemma_candidates("planned")


def test_known_lemma_falls_back_to_a_spelling_the_lexicon_knows(coder):
    doc = coder.nlp("The ministers hoped for calm.")
    assert known_lemma(_tok(doc, "hoped"), {"hope"}) == "hope"


def test_content_head_and_coordination(coder):
    doc = coder.nlp("Thousands of students and teachers marched in Tirana.")
    thousands = _tok(doc, "Thousands")
    assert content_head(thousands).text == "students"
    assert [t.text for t in expand(thousands)] == ["students", "teachers"]


def test_subjects_inherited_through_control_and_passive(coder):
    doc = coder.nlp("Chile urged Peru to withdraw its troops.")
    assert [t.text for t in subjects_of(_tok(doc, "withdraw"))] == ["Peru"]
    passive = coder.nlp("The convoy was attacked by Tuareg rebels.")
    assert [t.text for t in subjects_of(_tok(passive, "attacked"))] == ["rebels"]


def test_depth_and_phrases(coder):
    doc = coder.nlp("The Malian army, which lost a base, attacked the rebels and their allies.")
    army = _tok(doc, "army")
    assert depth_of(_tok(doc, "attacked")) == 0 and depth_of(army) == 1
    assert argument_phrase(army).text == "The Malian army"
    assert argument_phrase(_tok(doc, "rebels")).text == "the rebels"
    assert [t.text for t in np_tokens(army)] == ["The", "Malian", "army"]
