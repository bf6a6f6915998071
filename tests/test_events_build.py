"""events/build.py (with events/extract.py and events/places.py): triggers -> events between
the resolved actors of a prepared document."""

from __future__ import annotations

from tacitus.events.build import trigger_events
from tacitus.events.extract import find_triggers
from tacitus.statements import sentence_statements


def _events(coder, doc, sentence):
    speech = sentence_statements(doc, sentence, coder.speech)
    return [e for t in find_triggers(sentence.span, coder.knowledge.lexicon) for e in trigger_events(doc, sentence, t, speech, coder.knowledge, doc.day)]


def test_meeting_between_resolved_actors_with_place_and_date(coder, prepared):
    text = "The weather was fine. Peru's foreign minister met her Chilean counterpart in Santiago on Friday."
    doc = prepared(text, date="2024-03-05")
    [event] = _events(coder, doc, doc.sentences[1])
    assert (event.source.code, event.root, event.target.code) == ("PERGOV", "04", "CHLGOV")
    assert event.place is not None and (event.place.name, event.place.country) == ("Santiago", "CHL")
    assert event.date == "2024-03-01" and event.sentence == 1
    assert text[event.trigger.start : event.trigger.end] == "met"
    assert text[event.source.start : event.source.end] == "Peru's foreign minister"


def test_coordinated_parties_meet_each_other(coder, prepared):
    doc = prepared("Ecuador and Colombia held talks on border security.")
    events = _events(coder, doc, doc.sentences[0])
    assert sorted((e.source.code, e.target.code) for e in events) == [("COL", "ECU"), ("ECU", "COL")]


def test_inanimate_subject_and_sanction_appeal(coder, prepared):
    doc = prepared("Heavy rains killed 40 people in Bolivia. Brazil called for sanctions against Venezuela.")
    rains, appeal = (_events(coder, doc, s) for s in doc.sentences)
    assert rains == []  # a force of nature is no actor
    demand = next(e for e in appeal if e.trigger.text == "called")
    assert demand.cameo == "100" and demand.source.code == "BRA"  # it demands, it does not appeal (02)


def test_claims_are_attributed_to_their_speaker(coder, prepared):
    doc = prepared("Bolivia said Peruvian troops attacked a border post.")
    speech = sentence_statements(doc, doc.sentences[0], coder.speech)
    events = _events(coder, doc, doc.sentences[0])
    crossing = next(e for e in events if e.trigger.text == "attacked")
    assert crossing.source.code == "PERMIL"
    assert crossing.statement == speech.statements[0].id
    assert crossing.attributed_to == speech.statements[0].speaker.actor
    assert not crossing.factual
