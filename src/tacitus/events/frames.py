"""What in a sentence frames speech or judgement rather than reporting an act of its own.

- "Addressing lawmakers, Erdogan said …": the speech that frames a statement (010) is no event;
- "Asked about the jets, she warned …": the interviewer's question, no appeal;
- "praised the guards for defending the border": the grounds of a praise are the judge's words;
- "have repeatedly called for access": a present perfect summing up many acts is generic;
- "condemned what he called the violence of …": a free relative names the thing judged;

The word lists are data (data/speaker_acts.yaml, data/speech.yaml).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from tacitus.events.act_tables import act_tables
from tacitus.events.extract import Trigger
from tacitus.model import Event
from tacitus.statements import SentenceSpeech, load_speech_lexicon
from tacitus.words import actor_words

PRONOUNS = frozenset(actor_words().pronouns)
STATEMENT_RULE = re.compile(r"\b(?:in|by) (S\d+):")  # "evaluation in S2: …": the statement a derived act is read off


def grounds(built: list[tuple[Trigger, list[Event]]]) -> dict[int, str]:
    """The tokens of the grounds of a praise or blame ("praised X [for defending the border]"),
    each with the judge's actor id."""
    tables, out = act_tables(), {}
    for trigger, made in built:
        judge = next((e.source.actor for e in made if e.root in tables.grounds_roots and e.source is not None and e.source.actor), None)
        if judge is None:
            continue
        for prep in trigger.token.children:
            if prep.dep_ == "prep" and prep.lower_ in tables.grounds_prepositions:
                out.update({t.i: judge for t in prep.subtree})
    return out


def habitual_perfect(tok: Token) -> bool:
    """"have repeatedly called for", "has consistently denied": a present perfect summing up acts."""
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBP", "VBZ") for c in tok.children)
    return perfect and any(c.dep_ == "advmod" and c.lower_ in act_tables().habitual_perfect_adverbs for c in tok.children)


def question_frame(tok: Token) -> bool:
    """"Asked about the jets, she warned …", "Asked whether …, he said …": a participle clause
    with no subject or agent of its own frames an interview question; nobody named appeals."""
    if tok.lemma_.lower() not in load_speech_lexicon().question_frames or tok.tag_ != "VBN" or tok.dep_ != "advcl":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children)


def without_frames(found: list[Event], speech: SentenceSpeech) -> list[Event]:
    """"Addressing lawmakers, Erdogan said …", "In his speech, she said …": a code that only says
    someone spoke (010), below its speaker's statement or other act in the clause tree, is the
    frame of what is said — that is coded, the frame is not. A main-clause frame ("issued a
    statement urging …") stays the sentence's act."""
    frames = act_tables().frame_codes
    above = [(s.speaker.actor, s.depth) for s in speech.statements if s.speaker.actor is not None]
    above += [(e.source.actor, e.depth) for e in found if e.cameo not in frames and e.source is not None and e.source.actor is not None]

    def framed(event: Event) -> bool:
        if event.cameo not in frames or event.source is None:
            return False
        if event.source.actor is None:  # "in his speech, she said": the pronoun is the speaker's
            return event.source.text.lower() in PRONOUNS and any(d < event.depth for _, d in above[:len(speech.statements)])
        return any(a == event.source.actor and d < event.depth for a, d in above)
    return [e for e in found if not framed(e)]


def one_act_each(events: list[Event]) -> list[Event]:
    """"We thank the people … and we congratulate the people", "said the raid was unacceptable"
    (an evaluation and an accusation read off the raid): the acts one statement makes of one
    root toward one actor are one act (the first told). Acts told by verbs of their own
    ("condemned the executions and said they were weaponising justice") stay apart."""
    verbal, seen, out = act_tables().verbal_dedupe_roots, set(), []
    for event in events:
        factual = event.modality == "asserted" and not event.negated and event.attributed_to is None
        told = STATEMENT_RULE.search(event.rule)
        key = (told.group(1) if told else None, event.root, event.source.actor if event.source else None, event.target.actor if event.target else None)
        if factual and told and event.root in verbal and key[2] is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(event)
    return out


def named_thing(verb: Token, objects: list[Token]) -> Token | None:
    """The thing a free relative object names: "condemned what he called [the violence] of …",
    "denounced what it described as [an invasion]" (the naming verb's complement; the parser
    hangs "what" on either verb)."""
    tables = act_tables()
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp", "relcl") or clause.lemma_.lower() not in tables.naming_verbs:
            continue
        relative = [t for t in (*objects, *clause.children) if t.lower_ in tables.free_relatives and t.i < clause.i]
        if not relative or any(o.lower_ not in tables.free_relatives for o in objects):
            continue
        for child in clause.children:
            if child.dep_ in ("oprd", "dobj", "attr") and child.lower_ not in tables.free_relatives:
                return child
            if child.dep_ == "prep" and child.lower_ == "as":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None
