"""events/derived.py and events/dedupe.py: acts performed through another event or a statement.

Refusals, announcements, the reported act and dedupe work on plain events; commitments and
evaluations read the parse of a prepared document."""

from __future__ import annotations

from tacitus.events.build import trigger_events
from tacitus.events.dedupe import dedupe, numbered
from tacitus.events.derived import announcements, commitments, evaluations, refusals, reported_act
from tacitus.events.extract import find_triggers
from tacitus.model import ActorRef, Event, Plover, Span, Statement
from tacitus.ontology import recoded
from tacitus.statements import sentence_statements

QATAR = ActorRef(actor="A1", text="Qatar", code="QAT", country="QAT", sector=None, start=0, end=5)
SUDAN = ActorRef(actor="A2", text="Sudan", code="SDN", country="SDN", sector=None, start=30, end=35)


def _event(code="070", **changes):
    base = Event(id="", sentence=0, evidence="", source=QATAR, target=SUDAN, cameo="", root="", quad_class=0, goldstein=0.0,
                 plover=Plover(None), trigger=Span("send", 20, 24), rule="test")
    return recoded(base, code, **changes)


def test_a_negated_future_act_is_also_a_refusal():
    future = _event("070", negated=True, modality="future")
    [refusal] = refusals([future, _event("070")])
    assert refusal.cameo == "122" and not refusal.negated and refusal.modality == "asserted"
    assert refusals([_event("070", negated=True, modality="future", attributed_to="A3")]) == []  # someone's claim


def test_announcing_ones_own_future_act():
    said = Statement(id="S1", sentence=0, speaker=QATAR, cue=Span("said", 6, 10), content=Span("it would send aid", 11, 28), direct=False)
    aid = _event("070", modality="future", statement="S1", attributed_to="A1", source=None)
    [intent] = announcements([said], [aid])
    assert intent.cameo == "033" and intent.source is QATAR and intent.trigger == said.cue
    assert reported_act([aid], said).cameo == "033"  # what evaluation reads: the same act
    assert reported_act([], said) is said


def test_dedupe_keeps_one_event_per_trigger_code_and_dyad():
    first, twin, other = _event("070"), _event("070"), _event("073")
    title = _event("070", sentence=-1, trigger=Span("aid", 0, 3))
    kept = numbered(dedupe([first, twin, other, title]))
    assert [(e.id, e.cameo) for e in kept] == [("E1", "070"), ("E2", "073")]


def test_agreeing_to_act_is_an_intent(coder, prepared):
    doc = prepared("Ecuador agreed to return the seized vessel to Peru.")
    sentence = doc.sentences[0]
    speech = sentence_statements(doc, sentence, coder.speech)
    trigger = next(t for t in find_triggers(sentence.span, coder.knowledge.lexicon) if t.token.text == "return")
    made = trigger_events(doc, sentence, trigger, speech, coder.knowledge, doc.day)
    [intent] = commitments(doc, sentence, made, trigger.token, trigger.token.head)
    assert intent.root == "03" and intent.trigger.text == "agreed" and intent.source.code == "ECU"
    assert intent.rule.startswith("agree to:")


def test_calling_a_stance_a_disgrace_disapproves(coder, prepared):
    doc = prepared("Venezuela said Guyana's stance was a disgrace.")
    sentence = doc.sentences[0]
    speech = sentence_statements(doc, sentence, coder.speech)
    [event] = evaluations(doc, sentence, speech, [], doc.day)
    assert (event.source.code, event.cameo, event.target.code) == ("VEN", "111", "GUY")
    assert event.trigger.text == "disgrace"
