"""Pattern keys that read a trigger's frame: `clause` (the reported clause) and `subject` (the
source phrase), their loader checks, and the frame readers themselves on parsed sentences."""

from __future__ import annotations

import pytest

from tacitus.events.constraints import (
    INFINITIVE,
    SUBJUNCTIVE,
    asked_for,
    clause_words,
    subject_words,
)
from tacitus.events.extract import find_triggers
from tacitus.events.lexicon import PatternError, load_patterns, object_classes
from tacitus.syntax import subjects_of


def _lexicon(text: str):
    return load_patterns([("test.yaml", text)])


def test_clause_and_subject_keys_load_and_expand_classes():
    lexicon = _lexicon('- {code: "015", verb: admit, clause: ["@wrongs", lied]}\n- {code: "170", verb: raid, subject: ["@law_enforcement"]}\n')
    [admit] = lexicon.verbs["admit"]
    assert {"lied", "mistake", "bribe"} <= admit.clause
    assert set(object_classes()["wrongs"]) <= admit.clause
    [raid] = lexicon.verbs["raid"]
    assert "police" in raid.subject and not raid.clause
    # each key adds to the pattern's specificity, so the specific pattern wins over a bare one
    assert admit.specificity == 2 and raid.specificity == 2


def test_unknown_class_in_clause_fails_at_load():
    with pytest.raises(PatternError, match="unknown object class"):
        _lexicon('- {code: "015", verb: admit, clause: ["@no_such_class"]}\n')


def test_clause_must_be_a_word_list():
    with pytest.raises(PatternError, match="clause"):
        _lexicon('- {code: "015", verb: admit, clause: [1, 2]}\n')


def _sentence(coder, text: str):
    [sentences] = coder.parser.parse([("", text)])
    return sentences[0].span


def _verb(span, lemma: str):
    return next(t for t in span if t.lemma_.lower() == lemma)


def test_clause_words_read_the_reported_clause_and_to_objects(coder):
    span = _sentence(coder, "The minister admitted that his officers had taken bribes from the cartel.")
    assert {"bribe", "bribes", "officer"} <= clause_words(_verb(span, "admit"))
    span = _sentence(coder, "The mayor admitted to taking bribes.")
    assert "bribe" in clause_words(_verb(span, "admit"))
    span = _sentence(coder, "The patient was admitted to hospital on Monday.")
    assert not {"bribe", "mistake"} & clause_words(_verb(span, "admit"))


def test_subjunctive_mark_only_for_a_bare_base_form(coder):
    asks = _sentence(coder, "The minister insisted that the rebels withdraw from the town.")
    asserts = _sentence(coder, "The minister insisted that the rebels would withdraw from the town.")
    states = _sentence(coder, "The minister insisted there was no plan for an invasion.")
    assert SUBJUNCTIVE in clause_words(_verb(asks, "insist"))
    assert SUBJUNCTIVE not in clause_words(_verb(asserts, "insist"))
    assert SUBJUNCTIVE not in clause_words(_verb(states, "insist"))


def test_infinitive_mark_only_for_an_open_active_complement(coder):
    orders = _sentence(coder, "The president told the army to withdraw from the border.")
    reports = _sentence(coder, "The president told reporters that the army had withdrawn.")
    names = _sentence(coder, "The singer told the programme to be aired on Sunday that he would retire.")
    assert INFINITIVE in clause_words(_verb(orders, "tell"))
    assert INFINITIVE not in clause_words(_verb(reports, "tell"))
    assert INFINITIVE not in clause_words(_verb(names, "tell"))


def test_asked_for_reads_what_is_asked_for_and_states_of_custody(coder):
    asks = _sentence(coder, "Ukraine asked the United States for military aid.")
    assert [t.lower_ for t in asked_for(_verb(asks, "ask"))] == ["aid"]
    custody = _sentence(coder, "The mayor was taken into custody on Tuesday.")
    assert [t.lower_ for t in asked_for(_verb(custody, "take"))] == ["custody"]
    refuge = _sentence(coder, "The colonel took refuge in the area.")
    assert asked_for(_verb(refuge, "take")) == []


def test_subject_words_read_modifiers_and_of_nouns_not_relative_clauses(coder):
    span = _sentence(coder, "The house of lords ruled that the law was unlawful.")
    assert "lords" in subject_words(subjects_of(_verb(span, "rule")))
    span = _sentence(coder, "Rebels who had attacked the police station raided a village.")
    assert "police" not in subject_words(subjects_of(_verb(span, "raid")))


def test_subject_pattern_chooses_the_code(coder):
    lexicon = coder.knowledge.lexicon
    police = find_triggers(_sentence(coder, "Colombian police raided a house in Cali."), lexicon)
    troops = find_triggers(_sentence(coder, "Israeli troops raided a refugee camp."), lexicon)
    assert [t.pattern.code for t in police] == ["170"]
    assert [t.pattern.code for t in troops] == ["190"]
