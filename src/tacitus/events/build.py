"""Event construction: a trigger of a parsed sentence -> `Event`s between resolved actors.

`trigger_events` turns one `Trigger` (events/extract.py) into events: it drops triggers whose
subject is a force of nature, sharpens the code by the subject ("warplanes struck" -> 195) or
by what an appeal asks for ("called for sanctions" -> 100), attaches the actors of its source
and target phrases (after resolution), pairs them (coordinated parties of a meeting act on
each other), and gives each event its place and who claims it. Negation, modality and date
are the next stage's (qualify.py): a built event is asserted, not negated and undated.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon
from tacitus.actors.phrase_rules import country_surnames
from tacitus.actors.refs import refs
from tacitus.document import CodingDoc, Sentence
from tacitus.events.extract import Trigger
from tacitus.events.lexicon import EventContext, EventLexicon, object_classes
from tacitus.events.places import PLACE_PREPS, place_of
from tacitus.model import ActorRef, Event, Plover
from tacitus.ontology import Cameo, CameoCode
from tacitus.statements import SentenceSpeech
from tacitus.syntax import entity_of
from tacitus.words import actor_words, derived_codes, words

NOT_ACTOR_ENTITIES = frozenset(label.upper() for label in words("not_actor_entities"))
POLICIES = frozenset(object_classes()["policies"])
# Stances toward a plan or a law (support, criticism, rejection) are stances toward its author.
STANCE_ROOTS = ("05", "11", "12")


@dataclass(frozen=True)
class EventKnowledge:
    """What event construction reads: the CAMEO table, the event patterns, the subject rules
    and the actor dictionaries (for places)."""

    cameo: Cameo
    lexicon: EventLexicon
    context: EventContext
    actors: ActorLexicon


def _asks_for_sanction(tok: Token, lexicon: EventLexicon) -> bool:
    """Does an appeal ask "for" a punitive or conflictual act (sanctions, arrests, an inquiry)?"""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for asked in prep.children:
                patterns = lexicon.nouns.get(asked.lemma_.lower(), [])
                if asked.dep_ == "pobj" and patterns and patterns[0].code[:2] >= derived_codes().sanction_min_root:
                    return True
    return False


def _inanimate_subject(doc: CodingDoc, sentence: Sentence, trigger: Trigger, context: EventContext) -> bool:
    """"Heavy rains killed 40 people", "oil prices rallied": the subject is a force of nature
    or a market figure, not an actor."""
    if trigger.pattern.pos != "verb" or not trigger.sources:
        return False
    for subject in trigger.sources:
        named = doc.mention_at(sentence, subject) is not None and doc.resolution is not None and bool(doc.resolution.by_head.get(sentence.key(subject)))
        if named or subject.pos_ in ("PRON", "PROPN"):  # a surname-like word that names no one is no actor
            return False
        if not {subject.lemma_.lower(), subject.lower_} & context.inanimate:
            return False
    return True


def _code(trigger: Trigger, knowledge: EventKnowledge) -> tuple[CameoCode, str | None]:
    """The trigger's CAMEO code, sharpened by what is asked for and by the subject; and the
    PLOVER mode a subject rule gives."""
    code = knowledge.cameo[trigger.pattern.code]
    if code.root == "02" and _asks_for_sanction(trigger.token, knowledge.lexicon):
        code = knowledge.cameo[derived_codes().sanction_code]  # "called for sanctions against Turkey" demands
    subject_words = {w.lemma_.lower() for s in trigger.sources for w in s.subtree if w.i <= s.i}
    refinement = knowledge.context.refine(code.root, subject_words)
    if refinement is not None:
        return knowledge.cameo[refinement.code], refinement.mode
    return code, None


def _sense_words(trigger: Trigger, sentence: Sentence) -> dict[str, set[str]]:
    """The words sense rules look at: the sentence's, the trigger's arguments' (their phrase
    heads and what they are made of), and the trigger noun's own modifiers."""
    def lemmas(tokens) -> set[str]:
        return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}

    args = [t for t in trigger.targets + trigger.consumed + trigger.sources + trigger.alt_targets]
    args += [c for c in trigger.token.children if c.dep_ in ("dobj", "prep", "prt", "advmod")]
    args += [g for a in list(args) for g in a.children if g.dep_ in ("pobj", "compound", "amod")]
    modifiers = [c for c in trigger.token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    modifiers += [g for c in modifiers for g in c.children if g.dep_ in ("compound", "amod")]
    modifiers += [g for c in trigger.token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return {"sentence": lemmas(sentence.span), "arguments": lemmas(args), "modifiers": lemmas(modifiers)}


def _is_symmetric(code: CameoCode, sources: list) -> bool:
    codes = derived_codes()
    return len(sources) > 1 and (code.root in codes.symmetric_roots or code.code.startswith(codes.symmetric_codes))


def _source_tokens(trigger: Trigger) -> list[Token]:
    """"This morning", "last week", "five times": times and amounts never act."""
    return [t for t in trigger.sources if t.ent_type_ not in NOT_ACTOR_ENTITIES]


def _is_modifier(tok: Token, trigger: Trigger) -> bool:
    """"air strikes", "the latest deployment", "week-long tour": a noun trigger's modifier is
    its source only when it names an actor ("Russian strikes")."""
    return trigger.pattern.pos == "noun" and tok.head.i == trigger.token.i and tok.dep_ in ("amod", "compound", "nmod")


def _not_the_place(tokens: list[Token]) -> list[Token]:
    """"launched an offensive against Hamas in Rafah": where the act happens is no target when
    another argument names whom it is against (the place is the event's place)."""
    located = [t for t in tokens if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS]
    return [t for t in tokens if t not in located] or tokens


def _implied_source(trigger: Trigger, code: CameoCode, context: EventContext) -> ActorRef | None:
    """"He was arrested", "the arrest of X": an agentless state act (a passive verb or a noun
    with no one named) is done by the state sector data/event_context.yaml names for its code;
    the source is that sector alone, whose country the places stage may supply."""
    tok = trigger.token
    # a noun names whom it befell ("the arrest of X", "his detention"), not "any detention"
    named = any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    agentless = named if trigger.pattern.pos == "noun" else any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    sector = context.implied_source(code.code) if agentless and not any(c.dep_ == "agent" for c in tok.children) else None
    return ActorRef.coded(None, "", sector, None, sector) if sector else None


def _policy_author(sentence: Sentence, tok: Token) -> ActorRef | None:
    """"criticised the measures", "opposed the plans for ID cards": a plan or a law no one is
    named as the author of is the government's (of the country the context stage gives it);
    one with an owner the text names but no actor codes ("the company's plan") is not."""
    if tok.lemma_.lower() not in POLICIES or any(c.dep_ == "poss" for c in tok.children):
        return None
    where = sentence.span_of(tok.doc[tok.left_edge.i : tok.i + 1])
    return ActorRef.coded(None, where.text, "GOV", None, "GOV", start=where.start, end=where.end)


def _place_target(doc: CodingDoc, tokens: list[Token], actors: ActorLexicon) -> ActorRef | None:
    """"sent troops to Michoacan", "to the state of Guerrero": a place acted on or moved to
    stands for its country when no actor is named; a person's surname never does ("Ricardo
    Salgado … Salgado was detained")."""
    surnames: frozenset[str] | None = None
    for tok in tokens:
        named = [tok] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        for place in named:
            if place.pos_ != "PROPN" and not place.ent_type_ or place.ent_type_ == "PERSON":
                continue  # the tagger reads some regions as a people or a body ("Michoacan", "Guerrero")
            ent = entity_of(place)
            name = ent.text if ent is not None else place.text
            country = next((e.country for e in actors.lookup(name) if e.kind in COUNTRY_KINDS and e.country), None)
            if country and surnames is None:
                surnames = country_surnames(doc.spacy_docs, actors)
            if country and name.lower() not in (surnames or ()):
                return ActorRef.coded(None, name, country, country, None)
    return None


def _pairs(doc: CodingDoc, sentence: Sentence, trigger: Trigger, code: CameoCode, knowledge: EventKnowledge) -> list[tuple[ActorRef | None, ActorRef | None]] | None:
    """(source, target) pairs of the trigger's actors; None when a required target is missing."""
    context = knowledge.context
    sources: list = [r for t in _source_tokens(trigger) for r in refs(doc, sentence, t) if r.actor or not _is_modifier(t, trigger)]
    if not any(r.actor for r in sources) and trigger.alt_sources:
        # "Israel launched a ground offensive": the light verb's subject
        sources = [r for t in trigger.alt_sources for r in refs(doc, sentence, t) if r.actor][:1] or sources
    sources = sources or [_implied_source(trigger, code, context)]
    # "on Tuesday", "for 40 years", "$2 million": times and amounts are no one
    target_tokens = _not_the_place([t for t in trigger.targets if t.ent_type_ not in NOT_ACTOR_ENTITIES])
    alt_tokens = [t for t in trigger.alt_targets if t.ent_type_ not in NOT_ACTOR_ENTITIES]
    targets = [r for t in target_tokens for r in refs(doc, sentence, t)]
    symmetric = _is_symmetric(code, sources)
    if targets and not any(r.actor or r.country for r in targets) and (place := _place_target(doc, target_tokens, knowledge.actors)) is not None:
        targets = [place]
    if not any(r.actor or r.country for r in targets) and alt_tokens and not symmetric:
        # "pledged to send aid to Gaza": the object names no actor, the preposition does.
        alternatives = [r for t in alt_tokens for r in refs(doc, sentence, t) if r.actor]
        targets = alternatives or targets
    if code.root in STANCE_ROOTS and not any(r.actor or r.country for r in targets) and not any(r.sector == "GOV" for r in sources if r):
        targets = [author for t in target_tokens if (author := _policy_author(sentence, t)) is not None] or targets
    if trigger.pattern.needs_actor and not any(r.actor or r.country for r in targets):
        return None  # "received funding", "addressed the problem": no one is acted on
    # "police and prosecutors carried out raids on houses": parties that act on a named thing
    # act together; only with no target but a place do they act on each other.
    acted_on = any(not (t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS) for t in target_tokens)
    acted_on = acted_on and code.root not in derived_codes().mutual_roots  # a talk's topic is no one acted on
    if targets and (not symmetric or acted_on or any(r.actor for r in targets)):
        # "designated the gang a criminal organisation": one trigger, one event on the actor named
        coded = [t for t in targets if t.actor or t.country]
        return [(s, t) for s in sources for t in coded or targets]
    if symmetric:
        # "Iran and Oman held talks": each party meets the other.
        return [(s, t) for s in sources for t in sources if s is not t]
    return [(s, None) for s in sources]


def trigger_events(doc: CodingDoc, sentence: Sentence, trigger: Trigger, speech: SentenceSpeech, knowledge: EventKnowledge) -> list[Event]:
    """The events of one trigger (none for an inanimate subject or a missing required target)."""
    if _inanimate_subject(doc, sentence, trigger, knowledge.context):
        return []
    code, refined_mode = _code(trigger, knowledge)
    sense = knowledge.context.sense(code.root, trigger.pattern.lemma, _sense_words(trigger, sentence))
    if sense is not None:
        if sense.code is None:
            return []  # sport, business, metaphor: another sense of the word
        code = knowledge.cameo[sense.code]
    pairs = _pairs(doc, sentence, trigger, code, knowledge)
    if pairs is None:
        return []
    tok, span = trigger.token, sentence.span
    attributed_to, statement_id = speech.owner_of(tok)
    shared = {
        "sentence": sentence.index, "evidence": span.text,
        "cameo": code.code, "root": code.root, "quad_class": code.quad_class, "goldstein": code.goldstein,
        "plover": Plover(code.plover_type, refined_mode or trigger.pattern.mode or code.plover_mode),
        "trigger": sentence.span_of(tok), "attributed_to": attributed_to, "statement": statement_id,
        "place": place_of(tok, knowledge.actors), "rule": trigger.pattern.rule, "depth": trigger.depth,
    }
    out: list[Event] = []
    for source, target in pairs:
        if source and target and source.actor and source.actor == target.actor and not _other_body(source, target):
            target = None  # an actor does not act on itself: the target was misread
        if any(_same_side(e.source, source) and _same_side(e.target, target) for e in out):
            continue  # "the Senate and the House passed reforms": one act of one side, coded once
        out.append(Event(id="", source=source, target=target, **shared))
    return out


def _other_body(source: ActorRef, target: ActorRef) -> bool:
    """"ministers are telling councils to …": two unnamed bodies of one sector and country
    resolve to one actor, but a target named by another noun is another body; a pronoun or the
    same noun ("Howard made his remarks", "the regime … the regime") is the actor itself."""
    if source.referent is None or source.referent.kind != "group":
        return False
    heads = [ref.text.lower().split()[-1:] for ref in (source, target)]
    pronouns = actor_words().pronouns
    return all(heads) and heads[0] != heads[1] and not any(h[0] in pronouns for h in heads)


def _same_side(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Two references code alike: the same sector, and no two different countries."""
    if a is None or b is None:
        return a is b
    if a.sector is None or b.sector is None:
        return a.code == b.code and (a.code is not None or a.text == b.text)
    return a.sector == b.sector and (a.country == b.country or not a.country or not b.country)
