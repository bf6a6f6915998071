"""qualify.py: negation, modality and date of an event, read off its trigger's clause."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.qualify import event_date, is_negated, modality, qualify


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Peru sent troops to the border.", "sent", "asserted"),
        ("Peru will send troops to the border.", "send", "future"),
        ("Peru plans to send troops to the border.", "send", "intended"),
        ("Peru could send troops to the border.", "send", "possible"),
        ("Peru should send troops to the border.", "send", "obligation"),
        ("If talks fail, Peru would send troops to the border.", "send", "hypothetical"),
        ("Will Peru send troops to the border?", "send", "question"),
        ("Chile urged Peru to send troops to the border.", "send", "obligation"),
        ("Chile urged Peru to reopen the border and to free the prisoners.", "free", "obligation"),
        ("Chile appointed a judge to investigate the killings.", "investigate", "intended"),
        ("Investors fear Venezuelan laws prohibiting new construction.", "prohibiting", "generic"),
        ("The new law bans protests near parliament.", "bans", "generic"),
        ("Congress passed a reform that grants the president new powers.", "grants", "generic"),
        ("The government banned protests near parliament.", "banned", "asserted"),
        ("Lawmakers approved a decree backed by the president.", "backed", "asserted"),
        ("Bolivia agreed to raise coca quotas after violent protests by farmers.", "protests", "asserted"),
        ("Chile asked Peru for the extradition of the former minister.", "extradition", "obligation"),
        ("Chile ordered its army to send troops to the border.", "send", "obligation"),
        ("Chile told reporters that Peru had sent troops to the border.", "sent", "asserted"),
        ("Peru said that it would send troops to the border.", "send", "future"),
        ("Peru said the talks had failed and that it would send troops to the border.", "send", "future"),
        ("Peru said it would keep sending troops to the border and welcomed the Chilean envoy.", "welcomed", "asserted"),
        ("Peru said it would send troops to the border and close the crossing.", "close", "future"),
        ("Peru usually sends troops to the border in winter.", "sends", "generic"),
        ("Officials in Lima have long denied the smuggling.", "denied", "generic"),
        ("Bolivia seized the largest amount of cocaine in the region.", "seized", "generic"),
        ("Police arrested 3,000 people so far this year.", "arrested", "asserted"),
        ("Police arrested a number of suspects in the capital.", "arrested", "asserted"),
        ("Police in the region seize two tonnes of cocaine annually.", "seize", "generic"),
        ("Gangs continue to extort bus drivers in the capital.", "extort", "generic"),
        ("Residents fear a possible attack on the town.", "attack", "possible"),
        ("Ministers met ahead of the summit in Quito.", "summit", "future"),
        ("Nothing will change until the ministers meet in January.", "meet", "future"),
        ("Nobody knows whether the prisoners were tortured.", "tortured", "question"),
        ("The army moved troops north to fight the rebels.", "fight", "intended"),
        ("The union pledged to oppose the bill when it is debated next Monday.", "debated", "future"),
        ("Talks aimed at ending the strike will take place on Friday.", "Talks", "future"),
        ("Prison guards allegedly freed the gang's leaders.", "freed", "possible"),
        ("The village mourned after a suspected attack by the rebels.", "attack", "possible"),
    ],
)
def test_modality(coder, text, trigger, expected):
    doc = coder.nlp(text)
    assert modality(_tok(doc, trigger), doc[:]) == expected


def test_negation(coder):
    assert is_negated(_tok(coder.nlp("Peru did not send troops."), "send"))
    assert is_negated(_tok(coder.nlp("Peru refused to send troops."), "send"))
    assert is_negated(_tok(coder.nlp("Neither Peru nor Chile has signed the deal."), "signed"))
    assert not is_negated(_tok(coder.nlp("Peru sent troops."), "sent"))


def test_event_date_prefers_the_trigger_clause(coder):
    doc = coder.nlp("Peru sent troops to the border on Monday, a week after the vote.")
    assert event_date(_tok(doc, "sent"), doc[:], date(2024, 3, 6), future=False) == "2024-03-04"
    plain = coder.nlp("Peru sent troops to the border.")
    assert event_date(_tok(plain, "sent"), plain[:], date(2024, 3, 6), future=False) == "2024-03-06"
    assert event_date(_tok(plain, "sent"), plain[:], None, future=False) is None


def test_a_date_belongs_to_its_own_clause(coder):
    doc = coder.nlp("Peru, whose congress voted on Monday, sent troops to the border.")
    assert event_date(_tok(doc, "voted"), doc[:], date(2024, 3, 6), future=False) == "2024-03-04"
    assert event_date(_tok(doc, "sent"), doc[:], date(2024, 3, 6), future=False) == "2024-03-06"


def test_the_stage_qualifies_built_events_from_their_triggers(prepared, built):
    text = "Peru's foreign minister met her Chilean counterpart on Friday. Chile will not send troops to the border."
    doc = prepared(text, date="2024-03-05")
    events = [e for s in doc.sentences for e in built(doc, s)]
    meeting = next(e for e in events if e.trigger.text == "met")
    sending = next(e for e in events if e.trigger.text == "send")
    assert all(e.date is None and not e.negated and e.modality == "asserted" for e in events)  # not qualified yet
    by_trigger = {e.trigger.text: e for e in qualify(doc, events)}
    assert (by_trigger["met"].negated, by_trigger["met"].modality, by_trigger["met"].date) == (False, "asserted", "2024-03-01")
    assert (by_trigger["send"].negated, by_trigger["send"].modality, by_trigger["send"].date) == (True, "future", "2024-03-05")
    assert meeting.date is None and not sending.negated  # the built events are left as they were
    assert qualify(doc, []) == []


def test_the_stage_reads_the_title_too(prepared, built):
    doc = prepared("The talks were held in Lima.", date="2024-03-05", title="Peru could expel Chilean diplomats")
    title = next(s for s in doc.sentences if s.index == -1)
    [expel] = qualify(doc, [e for e in built(doc, title) if e.trigger.text == "expel"])
    assert expel.sentence == -1 and expel.modality == "possible"
