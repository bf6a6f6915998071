"""The qualify stage: negation, modality and date of each event, read off its trigger's clause
(calendar arithmetic is in dates.py).

`qualify` is the stage's entry point: it finds each event's trigger token in the `CodingDoc`
and returns the events with `negated`, `modality` and `date` set. The clause readers
(`is_negated`, `modality`, `event_date`) also serve the derived events, which qualify the
verb they are said with ("refused to", "agreed to") the same way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date

from spacy.tokens import Span, Token

from tacitus.dates import parse_when
from tacitus.document import CodingDoc
from tacitus.model import Event, Modality
from tacitus.words import words

LIGHT_VERBS = words("light_verbs")
NEGATING_VERBS = words("negating_verbs")
INTENT_HEADS = words("intent_heads")
SCHEDULED_HEADS = words("scheduled_heads")
CALL_HEADS = words("call_heads")
COMMAND_HEADS = words("command_heads")
REQUEST_FOR_VERBS = words("request_for_verbs")
PURPOSE_HEADS = words("purpose_heads")
PROVISION_HEADS = words("provision_heads")
FUTURE_AUX = words("future_aux")
POSSIBLE_AUX = words("possible_aux")
OBLIGATION_AUX = words("obligation_aux")
HABITUAL_ADVERBS = words("habitual_adverbs")
HABITUAL_GOVERNORS = words("habitual_governors")
HABITUAL_MODIFIERS = words("habitual_modifiers")
STATISTIC_HEADS = words("statistic_heads")
STATISTIC_TIMES = words("statistic_times")
POSSIBLE_MODIFIERS = words("possible_modifiers")
FUTURE_MODIFIERS = words("future_modifiers")
ANTICIPATING_HEADS = words("anticipating_heads")
FUTURE_TIME_WORDS = words("future_time_words")
FUTURE_MARKS = words("future_marks")
QUESTION_MARKS = words("question_marks")
OCCURRENCE_VERBS = words("occurrence_verbs")
HEDGING_ADVERBS = words("hedging_adverbs")
BACKGROUND_HEADS = words("background_heads")
BACKGROUND_RELATIVES = words("background_relatives")
# Cooperation (verbal or material quad class) named by a noun the copula describes is
# characterised, not reported; an attack that "was the deadliest" still happened.
COOPERATIVE_QUADS = (1, 2)


def _clause_chain(tok: Token) -> list[Token]:
    """The trigger and the verbs it hangs from up to its clause's head."""
    chain = [tok]
    while tok.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "aux", "advcl", "acl", "ccomp") and tok.head.i != tok.i and len(chain) < 8:
        if tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in tok.head.children):
            break  # "would continue to send aid, and welcomed the envoy": a tensed verb shares no modal
        wanted = tok.head.lemma_.lower() in INTENT_HEADS | COMMAND_HEADS and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.dep_ == "advcl" or tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in CALL_HEADS and not wanted:
            break  # "want the government to withdraw" goes on up: the wanting governs it
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


def _noun_modality(trigger: Token) -> Modality | None:
    """"a possible attack", "the planned summit", "ahead of the summit", "a common method of
    execution": a noun trigger's own words say it is not (yet) a fact."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound", "nmod", "advmod")}
    if mods & POSSIBLE_MODIFIERS:
        return "possible"
    if mods & FUTURE_MODIFIERS:
        return "future"
    if mods & HABITUAL_MODIFIERS:
        return "generic"
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CALL_HEADS | REQUEST_FOR_VERBS:
        return "obligation"  # "asked the US for the extradition of X", "called for talks": asked for
    if trigger.dep_ == "pobj" and (head.lower_ in ANTICIPATING_HEADS or head.head.lower_ in ANTICIPATING_HEADS):
        return "future"  # "ahead of an EU summit", "on the eve of the talks"
    if trigger.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS and head.i != trigger.i:
        return modality(head, trigger.sent) if head.lemma_.lower() != "be" else None  # "talks will take place"
    return None


def _clause_modality(trigger: Token, chain: list[Token]) -> Modality | None:
    """Habits, statistics, purposes, subordinate futures and "whether" clauses."""
    # A participle or coordinated clause shares the habit of its head: "routinely overvalue
    # their exports, allowing them to launder money".
    top = chain[-1]
    habitual_scope = chain + ([top.head] if top.dep_ in ("advcl", "conj") and top.tag_ in ("VBG", "VBP", "VBZ") else [])
    if any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in HABITUAL_ADVERBS for t in habitual_scope for c in t.children):
        return "generic"  # "police usually raid", "have long denied"
    if top.dep_ == "relcl" and top.head.lemma_.lower() in BACKGROUND_HEADS and any(c.lower_ in BACKGROUND_RELATIVES for c in top.children if c.dep_ in ("advmod", "mark")):
        return "generic"  # "the election where Bush opposed extending it": a stance of the time
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "advmod" and c.lower_ in HEDGING_ADVERBS for c in kids):
            return "possible"  # "allegedly allowed inmates out": someone's claim, not a fact
        if any(c.lower_ in STATISTIC_TIMES and c.dep_ in ("advmod", "npadvmod") for c in kids):
            return "generic"  # "seized annually", "on average"
        if any(c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in STATISTIC_HEADS or c.tag_ == "JJS") for c in kids):
            return "generic"  # "seized the largest amount of cocaine"
        marks = {c.lower_ for c in kids if c.dep_ == "mark"}
        if marks & QUESTION_MARKS:
            return "question"
        if tok.dep_ == "advcl" and marks & FUTURE_MARKS and _present_tense(tok):
            return "future"  # "until health chiefs meet", "when it is debated next monday"
        if tok.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and (tok.i == trigger.i or trigger.pos_ == "NOUN"):
            return "intended"  # purpose: "sent troops to fight the rebels", "in order to ..."
        if tok.i != trigger.i and tok.lemma_.lower() in HABITUAL_GOVERNORS and chain[chain.index(tok) - 1].dep_ == "xcomp":
            return "generic"  # "continue to engage in shootouts"
        if tok.dep_ == "pcomp" and tok.head.lower_ == "at" and tok.head.head.lemma_.lower() == "aim":
            return "intended"  # "talks aimed at averting strikes"
    ents = [e for e in trigger.sent.ents if e.label_ == "DATE" and e.root.head in chain]
    if any(w.lower_ in FUTURE_TIME_WORDS for e in ents for w in e):
        return "future"  # "debated next monday"
    return None


def _provision(trigger: Token) -> bool:
    """"laws prohibiting new construction", "reforms that grant the president the power to",
    "the law bans protests": what a law says is a standing rule, not an act."""
    if trigger.pos_ != "VERB":
        return False
    if trigger.dep_ in ("relcl", "acl") and trigger.head.lemma_.lower() in PROVISION_HEADS:
        # (a passive participle's law is what is acted on: "a decree backed by the president")
        return trigger.dep_ == "acl" and trigger.tag_ == "VBG" or any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in trigger.children)
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in PROVISION_HEADS for c in trigger.children)


def _present_tense(tok: Token) -> bool:
    return tok.tag_ in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in tok.children)


def modality(trigger: Token, sentence: Span) -> Modality:
    """How the text presents the event: asserted, future, intended, possible, obligation, ..."""
    if _provision(trigger):
        return "generic"
    chain = _clause_chain(trigger)
    found = _noun_modality(trigger) or _plain_modality(trigger, sentence, chain)
    return found if found != "asserted" else _clause_modality(trigger, chain) or "asserted"


def _plain_modality(trigger: Token, sentence: Span, chain: list[Token]) -> Modality:
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
            # Reported future ("said it would withdraw", "said … and that it would withdraw")
            # reads as future; otherwise conditional.
            clause = tok.head if tok.dep_ == "conj" else tok
            return "future" if clause.head.dep_ != "advcl" and clause.dep_ == "ccomp" else "hypothetical"
        if any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in tok.children) or tok.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in tok.children):
            return "hypothetical"
        if tok.i != trigger.i:
            lemma = tok.lemma_.lower()
            # the complement the head governs (the trigger, or the verb it is coordinated with:
            # "urged the two sides to return to talks and to allow safe passage")
            below = chain[chain.index(tok) - 1]
            if any(t.dep_ not in ("conj", "dobj") for t in chain[: chain.index(below)]):
                below = trigger  # "agreed to raise production after protests": the protests happened
            if lemma in CALL_HEADS and below.dep_ in ("xcomp", "ccomp"):
                return "obligation"
            if lemma in COMMAND_HEADS and below.dep_ in ("xcomp", "ccomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children):
                return "obligation"  # "told the army to withdraw": asked for, not done
            if lemma in INTENT_HEADS and below.dep_ in ("xcomp", "ccomp"):  # "want the government to withdraw"
                return "intended"
            if lemma in PURPOSE_HEADS and below.dep_ == "xcomp":
                return "intended"  # "appointed a judge to examine the claim"
            if lemma in SCHEDULED_HEADS and below.dep_ == "xcomp":
                return "future"  # "is set to host", "is due to visit", "is scheduled to meet"
            if lemma == "be" and any(c.lower_ == "to" for c in trigger.children if c.dep_ == "aux"):
                return "future"
            if tok.lower_ == "going" and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
                return "future"  # "they are going to be detained": the parse heads it by "going"
        if any(c.lower_ == "going" for c in tok.children) and tok.dep_ == "xcomp":
            return "future"
    if sentence.text.rstrip().rstrip("\"”'").endswith("?") and trigger.sent.root in chain:
        return "question"
    return "asserted"


def _clause_head(tok: Token) -> Token:
    """The verb whose clause holds the token (the token itself for a verb)."""
    while (tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "prep" or _non_finite(tok)) and tok.head.i != tok.i:
        tok = tok.head  # "according to"; an infinitive or participle clause shares its head's time
    return tok


def _non_finite(tok: Token) -> bool:
    return tok.dep_ in ("xcomp", "advcl", "acl") and (tok.tag_ in ("VB", "VBG") and any(c.lower_ == "to" or c.tag_ == "TO" for c in tok.children) or tok.tag_ == "VBG")


def event_date(trigger: Token, sentence: Span, anchor: Date | None, future: bool) -> str | None:
    """The date of the event: the sentence's time expression nearest the trigger, else the article's date."""
    # A date belongs to its own clause's event, not to the sentence's other events.
    dates = [ent for ent in sentence.ents if ent.label_ == "DATE" and _clause_head(ent.root) == _clause_head(trigger)]
    # Prefer time words attached to the trigger's own clause.
    dates.sort(key=lambda ent: (ent.root.head != trigger and ent.root.head.head != trigger, abs(ent.start - trigger.i)))
    for ent in dates:
        when = parse_when(ent.text, anchor, future)
        if when:
            return when
    return anchor.isoformat() if anchor else None


def _characterised(tok: Token) -> bool:
    """"his commitment to the poor was second to none", "the meetings are one example of the
    cooperation": a noun the copula describes, or one in the description's "of" phrase."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "his work and his commitment to the poor were second to none"
    head = tok.head
    if tok.dep_ == "nsubj" and head.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in head.children):
        return True
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "attr" and head.head.head.lemma_ == "be"


def qualify(doc: CodingDoc, events: list[Event]) -> list[Event]:
    """The stage: `events` with the negation, modality and date their triggers' clauses give
    (dates relative to the article's day); new events, the built ones are left as they are."""
    out = []
    for event in events:
        sentence = doc.sentence(event.sentence)
        tok = sentence.token_at(event.trigger.start)
        mood = "generic" if event.quad_class in COOPERATIVE_QUADS and _characterised(tok) else modality(tok, sentence.span)
        when = event_date(tok, sentence.span, doc.day, future=mood in ("future", "intended"))
        out.append(replace(event, negated=is_negated(tok), modality=mood, date=when))
    return out
