"""Event triggers in a parsed sentence, and the source and target phrases of each.

`find_triggers` matches verbal and nominal triggers of the event lexicon against the spaCy
dependency parse and returns, for each, the head tokens of its source and target phrases
(coordinations expanded). Actors are attached later from the document's mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from tacitus.events.constraints import (
    INFINITIVE,
    asked_for,
    clause_words,
    comment_clause,
    message_author,
    names,
    predicate_nouns,
    subject_words,
)
from tacitus.events.lexicon import EventLexicon, Pattern, object_classes
from tacitus.syntax import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    children,
    clause_subjects,
    content_head,
    depth_of,
    expand,
    is_passive,
    known_lemma,
    prep_objects,
    subjects_of,
)
from tacitus.words import derived_codes, words

FALLBACK_PREPS = words("fallback_preps")
PARTICLE_WORDS = words("particle_words")
SEQUENCE_PREPS = words("sequence_preps")
NEGATING_VERBS = words("negating_verbs")  # "refused to meet", "failed to reach a deal"
LIGHT_VERBS = words("light_verbs")
VERB_PREFIXES = words("verb_prefixes")  # "re-open", "co-operate"
# Appeals, intents, demands and threats ask for or promise an act against someone: that one is
# their target ("demanded sanctions against Venezuela"); a condemned attack's victim is not.
REQUEST_ROOTS = ("02", "03", "10", "13")


@dataclass
class Trigger:
    token: Token
    pattern: Pattern
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    consumed: list[Token] = field(default_factory=list)  # object nouns / complements this match used up
    alt_targets: list[Token] = field(default_factory=list)  # where to look when the targets name no actor
    alt_sources: list[Token] = field(default_factory=list)  # likewise for the source
    complement: Token | None = None  # the to-infinitive an xcomp pattern matched
    depth: int = 0


@dataclass
class _VerbFacts:
    """What a verb's patterns are checked against, read off the parse once per verb."""

    particles: list[str]
    object_words: set[str]
    complement_words: set[str]
    reported: set[str]  # the words of the reported clause (`clause` patterns)

    @classmethod
    def of(cls, tok: Token) -> _VerbFacts:
        kids = list(tok.children)
        # spaCy often parses "stepped down", "pulled back" with an adverb where a particle is meant.
        particles = [c.lower_ for c in kids if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in PARTICLE_WORDS and c.i == tok.i + 1]
        objects = [c for c in kids if c.dep_ in OBJECT_DEPS + PASSIVE_SUBJECT_DEPS] + asked_for(tok)
        objects += [content_head(o) for o in objects] + predicate_nouns(tok)
        return cls(
            particles=particles,
            object_words={w for o in objects for w in (o.lemma_.lower(), o.lower_)},
            complement_words={c.lemma_.lower() for c in kids if c.dep_ in ("xcomp", "ccomp", "advcl")},
            reported=clause_words(tok),
        )


def _verb_match(tok: Token, pattern: Pattern, facts: _VerbFacts | None = None) -> tuple[int, Trigger] | None:
    facts = facts or _VerbFacts.of(tok)
    if not pattern.object and not pattern.xcomp and any(c.dep_ == "oprd" for c in tok.children):
        return None  # naming, not contact or appeal: "whom he called suicide bombers"
    if pattern.object and not pattern.object & facts.object_words or pattern.xcomp and not pattern.xcomp & facts.complement_words:
        return None  # cheap rejection before reading the parse in detail
    if pattern.clause and not pattern.clause & facts.reported:
        return None  # "admitted that it was not an easy issue" admits no wrong
    particles = facts.particles
    if pattern.particle:
        if pattern.particle not in particles:
            return None
    elif particles and particles[0] not in ("up",) or len(particles) > 1:
        # A phrasal verb is another verb ("back down" is not "back", "turn down" not "turn").
        return None
    trigger = Trigger(token=tok, pattern=pattern)
    passive = is_passive(tok)
    if pattern.object:
        score = _object_targets(trigger, passive)
    elif pattern.xcomp:
        score = _complement_targets(trigger, passive)
    else:
        score = _plain_targets(trigger, passive)
    if score is None:
        return None
    # the reported clause said what the act is (a bare "to" says only that one is asked for:
    # "ordered peacekeepers to leave" stays an expulsion)
    score += 10 * bool(pattern.clause - {INFINITIVE})
    trigger.sources = subjects_of(tok)
    if (author := message_author(tok)) is not None:
        (trigger.sources, addressee), message = author
        trigger.consumed.append(message)  # the message is the act's vehicle (sense rules read it)
        # an appeal or demand is made of the addressee, not of what it asks for
        trigger.targets = addressee if addressee and pattern.code[:2] in REQUEST_ROOTS else trigger.targets or addressee
    # (or on the passive's subject noun: "the talks between X and Y were held in Oman")
    between = [t for h in [tok, *trigger.consumed] for t in prep_objects(h, ("between",))] if passive and not trigger.sources else []
    if len(between) >= 2:
        # "the agreement was struck between X and Y", "talks were held between X and Y": the parties
        trigger.sources, trigger.targets = between[:1], between[1:]
    if not pattern.no_target:
        anchor = trigger.complement or (trigger.consumed[0] if trigger.consumed else tok)
        # "released two French tourists": with an object pattern the object itself may be the target.
        objects = [t for t in trigger.consumed if t.pos_ in ("NOUN", "PROPN")]
        comp_objects = [t for o in children(anchor, OBJECT_DEPS) for t in expand(o)] if trigger.complement is not None else []
        # "demanded sanctions against Venezuela": the one acted against, not the thing demanded
        object_preps = [t for o in children(tok, OBJECT_DEPS) if o.i != anchor.i for t in prep_objects(o, FALLBACK_PREPS)] if pattern.code[:2] in REQUEST_ROOTS else []
        # "launched an investigation into his ties to the cartel": whose ties (a prepositional
        # target's owner only: "pressed their faces against the windows" presses no one)
        owners = [p for t in trigger.targets if t.dep_ == "pobj" for c in t.children if c.dep_ == "poss" for p in expand(c)]
        trigger.alt_targets = objects + comp_objects + prep_objects(anchor, FALLBACK_PREPS) + prep_objects(tok, FALLBACK_PREPS) + object_preps + owners
    return score + 2 * bool(pattern.particle), trigger


def _object_targets(trigger: Trigger, passive: bool) -> int | None:
    """A pattern with an object word ("impose sanctions"): the object must be there; the target
    is a prepositional object, the indirect object or the object's possessor."""
    tok, pattern = trigger.token, trigger.pattern
    objects = children(tok, OBJECT_DEPS) + asked_for(tok)
    if passive:
        objects = objects + children(tok, PASSIVE_SUBJECT_DEPS)
    # "sent two planeloads of medical supplies": the object is what the quantity is of
    objects = objects + [content_head(o) for o in objects if content_head(o).i != o.i]
    hit = [o for o in objects if o.lemma_.lower() in pattern.object or o.lower_ in pattern.object]
    predicate = [o for o in predicate_nouns(tok) if o.lemma_.lower() in pattern.object] if not hit else []
    if predicate:
        # "took three guards hostage": the predicate noun is the pattern's word, the object its target
        trigger.consumed.append(predicate[0])
        trigger.targets = [t for o in children(tok, OBJECT_DEPS) for t in expand(o)]
        return 10 + bool(trigger.targets)
    if not hit:
        return None
    trigger.consumed.append(hit[0])
    if not _has_modifiers(hit[0], pattern.modifier):
        return None
    score = 10 + 10 * bool(pattern.modifier)  # "suspended military aid" beats "suspended aid"
    anchor = hit[0]
    targets = prep_objects(tok, pattern.prep) + prep_objects(anchor, pattern.prep) if pattern.prep else []
    if pattern.prep and not targets:
        # "sent 5,000 agents (made up of police and army units) to Guerrero": the parse hangs the
        # preposition inside the object's own phrase
        targets = next((found for d in anchor.subtree if d.i != anchor.i and (found := prep_objects(d, pattern.prep))), [])
    if not targets:
        # "gave Putin a deadline": the indirect object; else "demanded the minister's resignation"
        targets = [t for c in tok.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN") for t in expand(c)]
    if not targets:
        targets = [t for c in anchor.children if c.dep_ == "poss" for t in expand(c)]
    if hit[0].dep_ == "pobj":
        # "asked the court for a trial of 37 suspects": whom it is asked of, or whom the trial is of;
        # "was taken into custody": who is
        asked = {t.i for t in [hit[0], *expand(hit[0])]}
        targets = [t for t in targets if t.i not in asked]
        targets = targets or [t for o in children(tok, OBJECT_DEPS + (PASSIVE_SUBJECT_DEPS if passive else ())) for t in expand(o)]
    trigger.targets = targets
    return score + bool(targets)


def _complement_targets(trigger: Trigger, passive: bool) -> int | None:
    """A pattern with a complement verb ("urged ... to release"): the target is the addressee,
    the demanded clause's subject, or the complement's object."""
    tok, pattern = trigger.token, trigger.pattern
    comps = [
        c
        for c in tok.children
        if c.lemma_.lower() in pattern.xcomp
        and (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"))
    ]
    if not comps:
        return None
    comp = comps[0]
    trigger.complement = comp
    if tok.lemma_.lower() in NEGATING_VERBS:
        # "refused to meet" is the refusal, not a meeting; "agreed to withdraw" keeps the
        # withdrawal too, as an intended event.
        trigger.consumed.append(comp)
    targets = prep_objects(comp, pattern.prep) if pattern.prep else []
    addressee = children(tok, OBJECT_DEPS) + (children(tok, PASSIVE_SUBJECT_DEPS) if passive else [])
    if not targets and addressee:
        # "urged Iran to release …", "France was asked to withdraw": the appeal's target
        targets = [t for a in addressee for t in expand(a)]
    if not targets and comp.dep_ == "ccomp":
        targets = clause_subjects(tok)  # "demanded that Ukraine withdraw"
    if not targets:
        targets = [t for o in children(comp, OBJECT_DEPS) for t in expand(o)]
    if not targets:
        targets = prep_objects(comp, ("with", "to", "on", "against", "for"))
    trigger.targets = targets
    return 10


def _plain_targets(trigger: Trigger, passive: bool) -> int | None:
    """A bare verb pattern: the target is a prepositional object, else the direct object."""
    tok, pattern = trigger.token, trigger.pattern
    direct = [t for o in children(tok, OBJECT_DEPS) for t in expand(o)]
    if passive:
        direct = [t for s in children(tok, PASSIVE_SUBJECT_DEPS) for t in expand(s)]
    targets = prep_objects(tok, pattern.prep) if pattern.prep else []
    if pattern.prep and not targets:
        # "donated ten ambulances to Ukraine", parsed with "to Ukraine" on the object
        targets = [t for o in children(tok, OBJECT_DEPS) for t in prep_objects(o, pattern.prep)]
    score = int(bool(targets))
    if not targets:
        # an actor target is the verb's own argument: "warned that two million people depend on
        # aid" warns no one, "pledged that the US would help" pledges to no one
        targets = direct or ([] if pattern.needs_actor else clause_subjects(tok))
    if (pattern.mode == "phone" or pattern.prep and not score) and names(tok):
        return None  # "the people he called bombers" names them: no one is phoned or appealed to
    if pattern.intransitive:
        if direct or passive or children(tok, ("agent",)):
            return None  # "quit his show", "as demonstrated by the figures": another sense
        targets = targets if pattern.prep else []
    if pattern.no_target:
        if targets:
            score -= 5
        targets = []
    trigger.targets = targets
    return score


def _noun_sources(tok: Token) -> list[Token]:
    """Who does what a nominal trigger names: its possessor ("Israel's strikes"), its "by" agent
    ("the attack by rebels"), a nationality or actor modifier ("Russian strikes", "army raids"), or the subject of the verb it is the
    object of ("Israel launched strikes"); in that order of preference."""
    sources = [t for c in tok.children if c.dep_ == "poss" for t in expand(c)]
    sources += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for o in children(c, ("pobj",)) for t in expand(o)]
    # "surveillance carried out by US agents", "raids conducted by the army": a light verb's agent
    sources += [t for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in LIGHT_VERBS for a in children(c, ("agent",)) for o in children(a, ("pobj",)) for t in expand(o)]
    modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.pos_ in ("ADJ", "PROPN", "NOUN")]
    return sources + modifiers + _governing_subjects(tok)


def _governing_subjects(tok: Token) -> list[Token]:
    head = tok.head
    if tok.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
        return subjects_of(head)  # "Iran is skeptical of the offer"
    # Only a light verb lends its subject ("Israel launched strikes"); "Iran condemned the
    # strikes" says nothing of who struck.
    naming = any(c.dep_ == "oprd" for c in head.children)  # "Israel called the attack a massacre"
    if tok.dep_ in OBJECT_DEPS and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in LIGHT_VERBS and not naming:
        return subjects_of(head)
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.dep_ in OBJECT_DEPS:
        # "hosted a new round of negotiations": the light verb's subject
        # ("the deployment follows a wave of killings": "follow" lends no one)
        verb = head.head.head
        return subjects_of(verb) if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in LIGHT_VERBS else []
    # "conducted the inquiry into the riots": the riots are the inquiry's object, not the inquirer's act
    into_object = head.lower_ == "into" and any(o.lemma_.lower() in object_classes().get("inquiries", ()) for o in children(head.head, ("dobj",)))
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ in ("in", "into", "for") and not into_object and _takes_part(head.head):
        # not "inmates died in the clashes": only taking part, or acting on someone, lends the subject
        # "X engaged in talks with Y", "X joined in the attack on Y"
        return subjects_of(head.head)
    if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ == "be" and head.head.pos_ in ("AUX", "VERB"):
        return subjects_of(head.head)  # "X has been in talks with Y": X takes part
    if tok.dep_ == "pobj" and head.lower_ in SEQUENCE_PREPS and head.head.pos_ in ("VERB", "AUX") and prep_objects(tok, ("with",)):
        return subjects_of(head.head)  # "after talks with the board, the hospital dropped its plan"
    return []


def _takes_part(verb: Token) -> bool:
    """"engaged in talks", "killed 80 villagers in a massacre": the verb's subject acts in what
    the noun names; "died in the clashes", "were wounded in the attack": it undergoes it."""
    if verb.lemma_.lower() in LIGHT_VERBS:
        return True
    return not is_passive(verb) and any(c.dep_ in OBJECT_DEPS for c in verb.children)


def _noun_match(tok: Token, pattern: Pattern) -> tuple[int, Trigger] | None:
    if not _has_modifiers(tok, pattern.modifier):
        return None  # "drug shipments" are no arms shipments, with or without "between"
    trigger = Trigger(token=tok, pattern=pattern)
    between = prep_objects(tok, ("between",))
    if between and len(between) >= 2:
        symmetric = derived_codes()
        if pattern.subject or pattern.code[:2] in symmetric.symmetric_roots or pattern.code.startswith(symmetric.between_codes):
            # "clashes between X and Y", "talks between X and Y": the parties act on each other
            # (a pattern that names who acts, "clashes between growers and police", likewise)
            trigger.sources, trigger.targets = [between[0]], between[1:]
        else:  # "mediation between X and Y": both are the targets
            trigger.targets, trigger.sources = between, _governing_subjects(tok)
        return 1, trigger
    targets = prep_objects(tok, pattern.prep) if pattern.prep else []
    if not targets and pattern.prep and tok.dep_ in OBJECT_DEPS:
        # "held talks in Muscat with Oman": the preposition may hang on the light verb.
        targets = prep_objects(tok.head, pattern.prep)
    if not targets and tok.dep_ == "pobj" and tok.head.lower_ == "into" and tok.head.head.pos_ == "VERB":
        # "took the commander into custody", "was taken into custody": the verb's object undergoes it
        targets = [t for c in tok.head.head.children if c.dep_ in ("dobj", "nsubjpass") for t in expand(c)]
    trigger.targets = [] if pattern.no_target else targets
    candidates = _noun_sources(tok)
    trigger.sources, trigger.alt_sources = candidates[:1], candidates[1:]
    return int(bool(targets)) + 10 * bool(pattern.modifier), trigger


def find_triggers(sentence: Span, lexicon: EventLexicon) -> list[Trigger]:
    """All event triggers of one sentence, most specific pattern per trigger token."""
    found: list[Trigger] = []
    for tok in sentence:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma not in lexicon.verbs:
            lemma = known_lemma(tok, lexicon.verbs)  # the tagger's lemma can be wrong: "hoped" -> "hop"
        best: tuple[int, Trigger] | None = None
        if tok.pos_ == "VERB" and (tok.dep_ == "amod" or comment_clause(tok)):
            candidates = []  # an adjective participle ("the alleged leader"), a comment ("as opposed to")
        elif tok.pos_ in ("VERB",) or tok.pos_ == "AUX" and lemma not in ("be", "have", "do"):
            candidates = [(p, _verb_match) for p in lexicon.verbs.get(lemma, [])]
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "oprd") or tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "acomp"):
            # (an adjective in a noun's place is a noun the tagger missed: "a ground offensive")
            candidates = [(p, _noun_match) for p in lexicon.nouns.get(lemma, lexicon.nouns.get(tok.lower_, []))]
        else:
            candidates = []
        if candidates and _in_hyphenated_word(tok):
            prefixed = _prefixed_verb(tok, lemma, lexicon)
            if not prefixed:
                continue  # "so-called", "Iran-backed": part of a compound word, not a verb of the clause
            candidates = [(p, _verb_match) for p in prefixed]  # "re-opened" is "reopened"
        facts = _VerbFacts.of(tok) if candidates and candidates[0][1] is _verb_match else None
        for pattern, matcher in candidates:
            result = matcher(tok, pattern, facts) if facts is not None else matcher(tok, pattern)
            if result is None:
                continue
            if lexicon.prep_required(pattern) and not pattern.object and not pattern.xcomp and not prep_objects(tok, pattern.prep):
                continue
            if pattern.subject and not pattern.subject & subject_words(result[1].sources + result[1].alt_sources):
                continue  # "police raided the house" searches; troops raiding a village fight
            # Constraints met count (inside `result[0]`); an optional preposition that is absent
            # must not make a pattern win over the plain one, so unused specificity costs a little.
            score = result[0] + 5 * bool(pattern.subject) - 0.1 * pattern.specificity
            if best is None or score > best[0]:
                best = (score, result[1])
        if best is not None:
            best[1].depth = depth_of(tok)
            _antecedents(best[1])
            found.append(best[1])
    consumed = {t.i for trig in found for t in trig.consumed}
    return [t for t in found if t.token.i not in consumed]


def _antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes ("state authorities, who
    they accuse of corruption", "Caracol, who was arrested in Medellin")."""
    if tok.tag_ in ("WP", "WDT") and tok.lower_ in ("who", "whom", "which", "that") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _antecedents(trigger: Trigger) -> None:
    for side in ("sources", "targets", "alt_sources", "alt_targets"):
        setattr(trigger, side, [_antecedent(t) for t in getattr(trigger, side)])


def _has_modifiers(tok: Token, wanted: frozenset[str]) -> bool:
    """"hunger strike", "suicide bombing": the noun carries one of the wanted modifiers."""
    if not wanted:
        return True
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    return bool(mods & wanted) or any(part in wanted for part in tok.lower_.split("-"))


def _prefixed_verb(tok: Token, lemma: str, lexicon: EventLexicon) -> list[Pattern]:
    """The patterns of "re-open", "re-impose": a verb prefix joined by a hyphen."""
    doc = tok.doc
    if tok.pos_ != "VERB" or tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].lower_ not in VERB_PREFIXES:
        return []
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        return []
    return lexicon.verbs.get(doc[tok.i - 2].lower_ + lemma, [])


def _in_hyphenated_word(tok: Token) -> bool:
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_
    return before or after
