"""Negation, modality and dates of an event, read off its trigger's clause."""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from tacitus.events.extract import LIGHT_VERBS, NEGATING_VERBS

INTENT_HEADS = {"plan", "intend", "want", "seek", "aim", "hope", "prepare", "threaten", "vow", "pledge", "promise", "decide", "agree", "offer", "try", "attempt", "propose", "wish", "mean", "consider", "push", "move"}
SCHEDULED_HEADS = {"set", "due", "schedule", "scheduled", "slate", "slated", "poise", "poised", "expect", "expected", "likely", "going"}
CALL_HEADS = {"urge", "call", "ask", "demand", "request", "appeal", "press", "encourage", "invite"}
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
POSSIBLE_AUX = {"could", "may", "might", "can", "ca"}
OBLIGATION_AUX = {"should", "must", "ought"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), start=1)}


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


def modality(trigger: Token, sentence: Span) -> str:
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


RELATIVE_SPANS = {
    "next week": (7, 0), "last week": (-7, 0), "this week": (0, 0), "a week ago": (-7, 0),
    "next month": (0, 1), "last month": (0, -1), "this month": (0, 0), "a month ago": (0, -1),
    "next year": (0, 12), "last year": (0, -12), "this year": (0, 0), "a year ago": (0, -12),
}


def _shift(anchor: Date, days: int, months: int) -> Date:
    if months:
        month = anchor.month - 1 + months
        year, month = anchor.year + month // 12, month % 12 + 1
        anchor = anchor.replace(year=year, month=month, day=min(anchor.day, 28))
    return anchor + timedelta(days=days)


@lru_cache(maxsize=4096)
def _parse_when(expr: str, anchor: Date | None, future: bool) -> str | None:
    """A calendar date for a time expression, relative to the article's date."""
    text = expr.lower().strip()
    text = re.sub(r"^(on|last|this|earlier|late|early|in|since|by|until|from|the)\s+", lambda m: m.group(0) if m.group(1) == "last" else "", text)
    if anchor is not None:
        if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
            return anchor.isoformat()
        if text in ("yesterday", "last night"):
            return (anchor - timedelta(days=1)).isoformat()
        if text == "tomorrow":
            return (anchor + timedelta(days=1)).isoformat()
        relative = RELATIVE_SPANS.get(text)
        if relative is not None:  # "next week", "last month": the same day a span away
            return _shift(anchor, *relative).isoformat()
        day = text.removeprefix("last ").strip()
        if day in WEEKDAYS:
            delta = (anchor.weekday() - WEEKDAYS.index(day)) % 7
            if future and not text.startswith("last"):
                return (anchor + timedelta(days=(WEEKDAYS.index(day) - anchor.weekday()) % 7 or 7)).isoformat()
            return (anchor - timedelta(days=delta or (7 if text.startswith("last") else 0))).isoformat()
    # Only a calendar date names a day: a month with a number ("16 January 2024", "March 3")
    # or a numeric date. Anything else ("last year", "recent weeks") would cost a slow
    # dateparser call to learn that it has no day.
    has_month = any(m in text for m in MONTHS) or re.search(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\b", text)
    if not (has_month and re.search(r"\d", text)) and not re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text):
        return None
    import dateparser

    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return parsed.date().isoformat()


def event_date(trigger: Token, sentence: Span, anchor: Date | None, future: bool) -> str | None:
    """The date of the event: the sentence's time expression nearest the trigger, else the article's date."""
    dates = [ent for ent in sentence.ents if ent.label_ == "DATE"]
    # Prefer time words attached to the trigger's own clause.
    dates.sort(key=lambda ent: (ent.root.head != trigger and ent.root.head.head != trigger, abs(ent.start - trigger.i)))
    for ent in dates:
        when = _parse_when(ent.text, anchor, future)
        if when:
            return when
    return anchor.isoformat() if anchor else None


def parse_anchor(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
