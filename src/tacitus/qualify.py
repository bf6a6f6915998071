"""Negation, modality and date of an event, read off its trigger's clause (calendar arithmetic is in dates.py)."""

from __future__ import annotations

from datetime import date as Date

from spacy.tokens import Span, Token

from tacitus.dates import parse_when
from tacitus.model import Modality
from tacitus.words import words

LIGHT_VERBS = words("light_verbs")
NEGATING_VERBS = words("negating_verbs")
INTENT_HEADS = words("intent_heads")
SCHEDULED_HEADS = words("scheduled_heads")
CALL_HEADS = words("call_heads")
FUTURE_AUX = words("future_aux")
POSSIBLE_AUX = words("possible_aux")
OBLIGATION_AUX = words("obligation_aux")


def _clause_chain(tok: Token) -> list[Token]:
    """The trigger and the verbs it hangs from up to its clause's head."""
    chain = [tok]
    while tok.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "aux", "advcl", "acl", "ccomp") and tok.head.i != tok.i and len(chain) < 8:
        if tok.dep_ == "advcl" or tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in CALL_HEADS:
            break
        tok = tok.head
        chain.append(tok)
    return chain


def is_negated(trigger: Token) -> bool:
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.lower_ == "neither" for s in subjects for c in s.children):
        return True  # "Neither Russia nor Ukraine has signed"
    for tok in _clause_chain(trigger):
        if tok.i != trigger.i and trigger.pos_ in ("NOUN", "PROPN", "ADJ") and tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in LIGHT_VERBS:
            break  # "did not condemn Russia's invasion": the invasion itself is not denied
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg") for c in tok.children):
            return True
        if tok.i != trigger.i and tok.lemma_.lower() in NEGATING_VERBS and trigger.dep_ in ("xcomp",):
            return True
    return False


def modality(trigger: Token, sentence: Span) -> Modality:
    """How the text presents the event: asserted, future, intended, possible, obligation, ..."""
    chain = _clause_chain(trigger)
    if sentence.text.rstrip().rstrip("\"”'").endswith("?") and trigger.sent.root in chain:
        return "question"
    for tok in chain:
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & OBLIGATION_AUX:
            return "obligation"
        if auxes & POSSIBLE_AUX:
            return "possible"
        if auxes & FUTURE_AUX:
            return "future"
        if "would" in auxes:
            # Reported future ("said it would withdraw") reads as future; otherwise conditional.
            return "future" if tok.head.dep_ != "advcl" and tok.dep_ == "ccomp" else "hypothetical"
        if any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in tok.children) or tok.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in tok.children):
            return "hypothetical"
        if tok.i != trigger.i:
            lemma = tok.lemma_.lower()
            if lemma in CALL_HEADS and trigger.dep_ in ("xcomp", "ccomp"):
                return "obligation"
            if lemma in INTENT_HEADS and trigger.dep_ in ("xcomp",):
                return "intended"
            if lemma in SCHEDULED_HEADS and trigger.dep_ == "xcomp":
                return "future"  # "is set to host", "is due to visit", "is scheduled to meet"
            if lemma == "be" and any(c.lower_ == "to" for c in trigger.children if c.dep_ == "aux"):
                return "future"
        if any(c.lower_ == "going" for c in tok.children) and tok.dep_ == "xcomp":
            return "future"
    if sentence.text.rstrip().rstrip("\"”'").endswith("?") and trigger.sent.root in chain:
        return "question"
    return "asserted"


def event_date(trigger: Token, sentence: Span, anchor: Date | None, future: bool) -> str | None:
    """The date of the event: the sentence's time expression nearest the trigger, else the article's date."""
    dates = [ent for ent in sentence.ents if ent.label_ == "DATE"]
    # Prefer time words attached to the trigger's own clause.
    dates.sort(key=lambda ent: (ent.root.head != trigger and ent.root.head.head != trigger, abs(ent.start - trigger.i)))
    for ent in dates:
        when = parse_when(ent.text, anchor, future)
        if when:
            return when
    return anchor.isoformat() if anchor else None
