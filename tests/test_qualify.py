"""qualify.py: negation, modality and date of an event, read off its trigger's clause."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.qualify import event_date, is_negated, modality


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
        ("Peru usually sends troops to the border in winter.", "sends", "generic"),
        ("Officials in Lima have long denied the smuggling.", "denied", "generic"),
        ("Bolivia seized the largest amount of cocaine in the region.", "seized", "generic"),
        ("Police arrested 3,000 people so far this year.", "arrested", "generic"),
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
