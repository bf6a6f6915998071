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
