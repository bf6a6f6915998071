"""events/derived.py and events/dedupe.py: acts performed through another event or a statement.

Refusals, announcements, the reported act and dedupe work on plain events; commitments and
evaluations read the parse of a prepared document."""

from __future__ import annotations

from tacitus.events.build import trigger_events
from tacitus.events.dedupe import dedupe, numbered
from tacitus.events.derived import (
    accusations,
    announcements,
    commitments,
    evaluations,
    refusals,
    reported_act,
)
from tacitus.events.extract import find_triggers
from tacitus.model import ActorRef, Event, Plover, Span, Statement
from tacitus.ontology import recoded
from tacitus.qualify import qualify
from tacitus.statements import sentence_statements

QATAR = ActorRef.coded("A1", "Qatar", "QAT", "QAT", None, start=0, end=5)
SUDAN = ActorRef.coded("A2", "Sudan", "SDN", "SDN", None, start=30, end=35)


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
    made = qualify(doc, trigger_events(doc, sentence, trigger, speech, coder.knowledge))
    [intent] = commitments(doc, sentence, made, trigger.token, trigger.token.head)
    assert intent.root == "03" and intent.trigger.text == "agreed" and intent.source.code == "ECU"
    assert intent.rule.startswith("agree to:")


def test_calling_a_stance_a_disgrace_disapproves(coder, prepared):
    doc = prepared("Venezuela said Guyana's stance was a disgrace.")
    sentence = doc.sentences[0]
    speech = sentence_statements(doc, sentence, coder.speech)
    [event] = evaluations(doc, sentence, speech, [], doc.day)
    assert (event.source.code, event.cameo, event.target.code) == ("VEN", "111", "GUY")
    assert event.trigger.text == "said", "the act is the speaking; the judged word may be a quoted act"
    assert event.rule.endswith("disgrace")


def test_judging_verbs_and_light_verb_objects_are_acts_toward_their_subject(coder, prepared):
    cases = {
        "Chile said the Bolivian government keeps lying about the water dispute.": ("CHL", "112", "BOLGOV"),
        "Greece said Turkey bore full responsibility for the crisis.": ("GRC", "112", "TUR"),
        "Norway said the Danish ministers had abandoned the fishermen.": ("NOR", "111", "DNKGOV"),
        "Kenya said the Ugandan soldiers were heroes.": ("KEN", "051", "UGAMIL"),
    }
    for text, expected in cases.items():
        doc = prepared(text)
        sentence = doc.sentences[0]
        speech = sentence_statements(doc, sentence, coder.speech)
        events = evaluations(doc, sentence, speech, [], doc.day)
        assert [(e.source.code, e.cameo, e.target.code) for e in events] == [expected], text
    doc = prepared("Chile said the weather was dangerous.")
    sentence = doc.sentences[0]
    assert evaluations(doc, sentence, sentence_statements(doc, sentence, coder.speech), [], doc.day) == []


def test_a_reported_wrong_doing_is_an_accusation_of_its_doer(coder):
    doc = coder.code_text("Armenia said Azerbaijani troops shelled three villages on Sunday.", date="2025-03-04")
    shelling = next(e for e in doc.events if e.root == "19")
    assert not shelling.factual
    [accusation] = [e for e in doc.events if e.cameo == "112"]
    assert (accusation.source.code, accusation.target.code, accusation.trigger.text) == ("ARM", "AZEMIL", "said")
    assert accusation.factual
    own = coder.code_text("The Armenian army said Armenian troops shelled three villages on Sunday.", date="2025-03-04")
    assert not [e for e in own.events if e.cameo == "112"], "one's own side's act is no accusation"
    assert accusations([], own.events, None, None) == []


def test_claimed_attitudes_are_not_acts(coder):
    doc = coder.code_text("These governments pretend to support the Kurdish cause while Norway supported the Kurdish refugees.", date="2025-03-04")
    support = [e for e in doc.events if e.root == "05"]
    pretended = [e for e in support if e.trigger.text == "support"]
    assert pretended and all(e.modality == "claimed" and not e.factual for e in pretended)
    assert any(e.factual for e in support if e.trigger.text == "supported"), "a plain act stays an act"
    guise = coder.code_text("Serbia attacked the villages under the guise of fighting terrorism.", date="2025-03-04")
    assert not any(e.factual for e in guise.events if e.trigger.text == "fighting")


def test_first_person_verbal_acts_in_a_quote_are_the_speakers_own(coder):
    doc = coder.code_text(
        'The Peruvian president said on Monday: "We thank Chile for its help. '
        'Bolivian troops shelled our border villages last week."',
        date="2025-03-04",
    )
    thanks = next(e for e in doc.events if e.root == "05")
    assert thanks.factual and (thanks.source.code, thanks.target.code) == ("PERGOV", "CHL")
    assert thanks.rule.startswith("performed in")
    shelling = next(e for e in doc.events if e.trigger.text == "shelled")
    assert not shelling.factual, "a reported act stays a claim"


def test_what_another_actor_must_do_is_a_demand_of_it(coder):
    doc = coder.code_text("The Estonian prime minister said Russian troops must leave the border zone.", date="2025-03-04")
    [demand] = [e for e in doc.events if e.rule.startswith("obligation")]
    assert (demand.source.code, demand.root, demand.target.code) == ("ESTGOV", "10", "RUSMIL") and demand.factual
    own = coder.code_text("The Estonian prime minister said Estonia must spend more on defence.", date="2025-03-04")
    assert not [e for e in own.events if e.rule.startswith("obligation") and e.target.code == "ESTGOV"]
    negated = coder.code_text("The Estonian prime minister said Russian troops must not be provoked.", date="2025-03-04")
    assert not [e for e in negated.events if e.rule.startswith("obligation")]


def test_naming_an_actors_act_judges_the_actor(coder):
    doc = coder.code_text("The Bolivian foreign minister described Chile's decision as a provocation.", date="2025-03-04")
    [naming] = [s for s in doc.statements if s.cue.text == "described"]
    assert naming.speaker.code == "BOLGOV"
    judged = [e for e in doc.events if e.rule.startswith("evaluation")]
    assert [(e.source.code, e.root, e.target.code) for e in judged] == [("BOLGOV", "11", "CHL")]
    modest = coder.code_text("Those who call themselves friends of Chile stayed silent.", date="2025-03-04")
    assert not [s for s in modest.statements if s.cue.text == "call"], "calling oneself something is no statement"


def test_an_agentless_possibility_is_no_announcement(coder):
    # "could be extended": who would extend it is not said, nor that anyone plans it
    maybe = coder.code_text("The Peruvian interior minister said the ceasefire could be extended depending on progress in negotiations with the rebels.")
    assert not [e for e in maybe.events if e.factual and e.rule.startswith("announced by")]
    # "would be tightened": the speaker's own side's plan
    plan = coder.code_text("Britain said sanctions on Iran would be tightened.")
    assert [e.source.country for e in plan.events if e.factual and e.rule.startswith("announced by")] == ["GBR"]
