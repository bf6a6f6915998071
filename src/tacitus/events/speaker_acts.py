"""The speaker's own acts toward others, read off what a statement says.

- evaluations: "X said the UN's stance was a disgrace" disapproves of the UN (111);
- accusations: "X said Y shelled the town" accuses Y (112);
- obligations: "X said Y must withdraw" demands of Y (100);
- pretences: "these governments pretend to defend democracy" disapproves of them (111);
- wishes: "X wants Y to leave" appeals to Y (020);
- retaliations: "X said it would respond to the strikes" threatens force (138);
- answered acts: "condemned the attacks", "rejected the accusations" target the attacker, the
  accuser (`with_perpetrator`).

The code tables are data (derived_events.yaml, evaluative.yaml, speaker_acts.yaml, words.yaml).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date as Date

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.document import CodingDoc, Sentence
from tacitus.events.act_tables import act_tables
from tacitus.events.extract import Trigger
from tacitus.events.frames import named_thing
from tacitus.model import ActorRef, Event, Plover, Statement
from tacitus.ontology import load_cameo
from tacitus.parse import QUOTE_MARKS
from tacitus.qualify import is_negated
from tacitus.statements import SentenceSpeech, load_speech_lexicon
from tacitus.syntax import depth_of, subjects_of
from tacitus.words import (
    Evaluation,
    actor_words,
    derived_codes,
    evaluation_light_verbs,
    load_evaluations,
    words,
)

OBLIGATION_AUX = words("obligation_aux")
FUTURE_MODALITIES = ("future", "intended", "possible")
CONDEMNED_ACTS = words("condemned_acts")
STATE_SECTORS = frozenset(actor_words().state_sectors)
TABLES = act_tables()
PERPETRATOR_ROOTS = TABLES.perpetrator_roots
VERBAL_ROOTS = TABLES.verbal_roots  # verbal acts whose target may be named only by what they answer
ANSWERED_CHARGES = words("answered_charges")
RETALIATION_VERBS = words("retaliation_verbs")
FUTURE_WORDS = words("future_aux") | TABLES.retaliation_future
FEELERS = words("speaker_feelers")  # "it regretted": the speaker feels
FELT_NEWS = TABLES.felt_news  # "troubled by the news": about the act just reported
LOOKBACK = TABLES.lookback_sentences  # sentences back to find the condemned act's perpetrator
ACCUSATION_RULE = "accusation in"  # rule prefix of an accusation read off a reported wrong-doing


def _speaker_event(statement: Statement, target: ActorRef, code: str, rule: str, day: Date | None, sentence: Sentence) -> Event:
    """The speaker's own act toward `target`, said with the statement's cue."""
    entry = load_cameo()[code]
    return Event(
        id="", sentence=sentence.index, evidence=sentence.span.text,
        source=statement.speaker, target=target,
        cameo=entry.code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover=Plover(entry.plover_type, entry.plover_mode),
        trigger=statement.cue,  # the speaking: never the judged word, which may be a quoted act
        date=day.isoformat() if day else None, rule=rule, depth=statement.depth,
    )


def evaluations(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, found: list[Event], day: Date | None) -> list[Event]:
    """"X said the UN's stance was a disgrace": X disapproves of the UN (111); "X said the
    ministry keeps lying": X accuses it (112); "X called the deal a historic step": X praises
    (051) — when the statement is no event already."""
    out = []
    for raw, statement in speech.spoken():
        cue = sentence.span_of(raw.cue).start  # its own cue: "accused X of … and said …"
        cue_event = any(e.trigger.start == cue for e in found) and not raw.speaking_only
        if cue_event or statement.speaker.actor is None or not raw.holds_claims:
            continue
        content, roots = sentence.doc[raw.content_start : raw.content_end], set()
        for evaluation, word in evaluations_in(content, load_evaluations()):
            if evaluation.code[:2] in roots:
                continue  # one judgement of a kind per statement: "a tumour …, and its crimes will not go unanswered" is two
            judged = evaluated_actor_tokens(content, word, victims=evaluation.polarity == "negative")
            targets = [r for t in judged for r in refs(doc, sentence, t) if _judged(r, statement.speaker)]
            if not targets and _feels(doc, sentence, word, statement.speaker):  # "it regretted Pakistan's steps"
                targets = [r for t in _felt_about(word) for r in refs(doc, sentence, t) if _judged(r, statement.speaker)]
                if not targets and evaluation.polarity == "negative":  # "she was appalled (by the news)"
                    targets = _felt_perpetrators(doc, sentence, word, statement.speaker)
            if targets:  # "the situation was dangerous" judges no one
                out.append(_speaker_event(statement, targets[0], evaluation.code, f"evaluation in {statement.id}: {word.text}", day, sentence))
                roots.add(evaluation.code[:2])
    return out


def _feels(doc: CodingDoc, sentence: Sentence, word: Token, speaker: ActorRef) -> bool:
    """Whether the judging word is the speaker's own feeling: "it regretted", "she was appalled"."""
    head = word.head if word.dep_ == "acomp" else word
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.lower_ in FEELERS or any(r.actor == speaker.actor for r in refs(doc, sentence, t)) for t in subjects)


def _felt_about(word: Token) -> list[Token]:
    """What a feeling is about: "regretted [Pakistan's] steps", "appalled by [the junta's] decision"."""
    objects = [c for c in word.children if c.dep_ == "dobj"]
    objects += [g for c in word.children if c.dep_ in ("prep", "agent") and c.lower_ in TABLES.feeling_prepositions for g in c.children if g.dep_ == "pobj"]
    # not the actors inside a clause about it ("alarmed by reports that [WFP] staff were killed": victims)
    clauses = {t.i for o in objects for c in o.children if c.dep_ in ("acl", "relcl", "ccomp") for t in c.subtree}
    return [t for o in objects for t in o.subtree if (t.dep_ == "poss" or t.pos_ == "PROPN") and t.i not in clauses] + objects


def _felt_perpetrators(doc: CodingDoc, sentence: Sentence, word: Token, speaker: ActorRef) -> list[ActorRef]:
    """Whom a feeling about no named actor is about: "she was appalled", "troubled by the news",
    "appalled by the executions" — the doer of the act just reported (or of the act named)."""
    objects = _felt_about(word)
    if any(r.actor for t in objects for r in refs(doc, sentence, t)):
        return []  # about someone the text names, who is no target ("by its own allies")
    named = next((t.lemma_.lower() for t in objects if t.lemma_.lower() in CONDEMNED_ACTS), "")
    acts = _answered_acts(doc, sentence, named) if named or not objects or all(t.lemma_.lower() in FELT_NEWS for t in objects) else []
    return [a.source for a in acts if a.source is not None and _doer(a, speaker)][:1]


def accusations(statements: list[Statement], events: list[Event], day: Date | None, sentence: Sentence) -> list[Event]:
    """"X said Y shelled the town": the shelling is X's claim, and X accuses Y of it (112) when
    the reported act is a wrong-doing (a root from `accusation_min_root` up) by another actor."""
    codes, out = derived_codes(), []
    for statement in statements:
        for event in events:
            if event.statement != statement.id or event.negated or event.modality != "asserted" or event.root < codes.accusation_min_root:
                continue
            doer, speaker = event.source, statement.speaker
            if doer is None or doer.actor is None or speaker.actor is None or doer.actor == speaker.actor or doer.code == speaker.code or _same_state(doer, speaker):
                continue  # one's own side's act is a claim, not an accusation
            out.append(_speaker_event(statement, doer, codes.accusation_code, f"{ACCUSATION_RULE} {statement.id}: {event.rule}", day, sentence))
    return out


def _judged(target: ActorRef, speaker: ActorRef) -> bool:
    """Whether a speaker's judgement may fall on `target`: an actor, not the speaker, and not
    the speaker's own state when the speaker speaks for it."""
    if target.actor is None or target.actor == speaker.actor:
        return False
    own_country = target.sector is None and target.country is not None and target.country == speaker.country and speaker.sector in STATE_SECTORS
    return not (own_country or _same_state(target, speaker) and target.country is not None)


def _same_state(doer: ActorRef, speaker: ActorRef) -> bool:
    """"Erdogan said the armed forces had neutralised 109 militants": the state's own forces."""
    state = STATE_SECTORS
    # an unnamed state force ("the army") in a state speaker's words is its own
    return doer.country in (None, speaker.country) and doer.sector in state and speaker.sector in state


def obligations(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, day: Date | None) -> list[Event]:
    """"X said Y must withdraw", "X said the generals responsible must face trial": what the
    speaker says another actor must (should) do is a demand of it (10)."""
    code, out = derived_codes().obligation_code, []
    for raw, statement in speech.spoken():
        if statement.speaker.actor is None:
            continue
        for tok in sentence.doc[raw.content_start : raw.content_end]:
            obliged = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children)
            if not obliged or is_negated(tok) or tok.i not in raw.content_tokens:
                continue
            if any(is_negated(a) for a in tok.ancestors if a.i in raw.content_tokens or a.i == raw.cue.i):
                continue  # "don't think legislators should oppose the bill"
            being = tok.lemma_.lower() == "be" and any(c.dep_ == "attr" for c in tok.children)  # not "must be ready to mediate"
            if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children) or being:
                continue  # "should have acted sooner" is a reproach, "must be peers" no act asked
            targets = [r for t in subjects_of(tok) for r in refs(doc, sentence, t) if r.actor and r.actor != statement.speaker.actor]
            out += [_speaker_event(statement, t, code, f"obligation in {statement.id}: {tok.text}", day, sentence) for t in targets[:2]]
    return out


def with_perpetrator(doc: CodingDoc, sentence: Sentence, event: Event, trigger: Trigger, built: list[tuple[Trigger, list[Event]]]) -> Event:
    """A verbal act the patterns leave without an actor as target takes the actor it is about:
    "condemned the attacks" the perpetrator of the condemned act (coded in this sentence, or
    the act of that kind reported just before, or the headline's: "US jets struck … Iran
    condemned the attacks"); "rejected the accusations" the accuser; "warned that the South
    would pay dearly" the one warned."""
    if event.root not in VERBAL_ROOTS or event.source is None:
        return event
    own_target = event.target is not None and event.root == "13" and _own_side(event.target, event.source)
    if event.target is not None and event.target.actor is not None and not own_target:
        return event  # (a threat "toward" the threatener's own army names whom it will hit instead)
    objects = [c for c in trigger.token.children if c.dep_ == "dobj"]
    named = named_thing(trigger.token, objects)
    if named is not None:  # "condemned what he called the violence of Maduro's thugs"
        objects = [named]
        # the doer the parser hangs on the naming verb: "described as an invasion [by Somali militants]"
        clause = named.head.head if named.dep_ == "pobj" else named.head
        doers = [g for p in clause.children if p.dep_ in ("prep", "agent") and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
        owners = [c for c in named.children if c.dep_ == "poss"]  # "Russia's shelling of Kharkiv": Russia, not Kharkiv
        found = [r for t in (*owners, *doers, named) for r in refs(doc, sentence, t) if r.actor and r.actor != event.source.actor and not _own_side(r, event.source)]
        if found:
            return replace(event, target=found[0], rule=f"{event.rule}; target: named {named.text}")
    lemma = objects[0].lemma_.lower() if objects else ""
    before = [e for e in reversed(doc.events) if 0 <= sentence.index - e.sentence <= LOOKBACK]
    title = [e for e in doc.events if e.sentence < 0]  # the headline's act, last
    if event.root == "11" and lemma in CONDEMNED_ACTS:
        inside = {t.i for t in objects[0].subtree}
        here = [e for t, made in built if t.token.i in inside for e in made]
        act = next((a for a in here + _answered_acts(doc, sentence, lemma) if _doer(a, event.source)), None)
    elif lemma in ANSWERED_CHARGES:  # "rejected the accusations": the accusations against it
        act = next((a for a in before + title if a.cameo.startswith("112") and _doer(a, event.source) and a.target is not None and a.target.country == event.source.country), None)
    else:
        act = None
    if act is not None and act.source is not None:
        return replace(event, target=act.source, rule=f"{event.rule}; target: doer of S{act.sentence} {act.trigger.text}")
    if event.root == "13":  # "warned that the South would pay dearly"
        warned = [g for c in trigger.token.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        # "threatened to open the gates if European governments called it an occupation"
        warned += [s for c in (trigger.token, *trigger.token.children) if c is trigger.token or c.dep_ in ("xcomp", "ccomp")
                   for a in c.children if a.dep_ == "advcl" and any(m.lower_ in TABLES.threat_conditions for m in a.children if m.dep_ == "mark")
                   for s in subjects_of(a)]
        found = [r for t in warned for r in refs(doc, sentence, t) if r.actor and r.actor != event.source.actor and not _own_side(r, event.source)]
        if found:
            return replace(event, target=found[0], rule=f"{event.rule}; target: the one warned")
    return event


def _own_side(ref: ActorRef, source: ActorRef) -> bool:
    """Whether `ref` is the source's own side: its country, or its state's unnamed forces."""
    return ref.country is not None and ref.country == source.country or _same_state(ref, source)


def _answered_acts(doc: CodingDoc, sentence: Sentence, lemma: str) -> list[Event]:
    """The earlier acts "the attacks", "the offensive" may name, most likely first: the same act
    named anywhere before, then any material act of the last few sentences, then the headline's."""
    earlier = [e for e in reversed(doc.events) if 0 <= e.sentence < sentence.index and e.root in PERPETRATOR_ROOTS]
    named = [e for e in earlier if re.search(rf"\b{re.escape(lemma)}", e.evidence.lower())]
    near = [e for e in earlier if sentence.index - e.sentence <= LOOKBACK]
    return named + near + [e for e in doc.events if e.sentence < 0 and e.root in PERPETRATOR_ROOTS]


def _doer(act: Event, source: ActorRef | None) -> bool:
    """Whether `act` is another actor's plain act, with a country, that `source` can answer."""
    doer = act.source
    if act.negated or act.modality in (*FUTURE_MODALITIES, "claimed", "question") or doer is None or source is None:
        return False
    return bool(doer.actor and doer.country and doer.country != source.country)


def retaliations(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, day: Date | None) -> list[Event]:
    """"Israel would respond with great force if the group escalated", "it would respond to the
    strikes": the speaker's own side promising to hit back threatens force against the one it
    answers — the doer of the act it responds to, or the actor of the "if" clause."""
    out, own_words = [], load_speech_lexicon().first_person | TABLES.own_side_pronouns
    for raw, statement in speech.spoken():
        speaker = statement.speaker
        for tok in sentence.doc[raw.content_start : raw.content_end]:
            if tok.lemma_.lower() not in RETALIATION_VERBS or tok.pos_ != "VERB" or is_negated(tok) or tok.i not in raw.content_tokens:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in FUTURE_WORDS for c in tok.children):
                continue
            doers = [r for t in subjects_of(tok) for r in refs(doc, sentence, t)]
            own = any(r.actor == speaker.actor or r.country and r.country == speaker.country or r.text.lower() in own_words for r in doers)
            if not own or speaker.actor is None:
                continue
            answered = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in TABLES.answered_prepositions for g in c.children if g.dep_ == "pobj"]
            answered += [s for c in tok.children if c.dep_ == "advcl" for s in subjects_of(c)]
            targets = [r for t in answered for r in refs(doc, sentence, t) if r.actor and r.country != speaker.country]
            acts = [a for t in answered if t.lemma_.lower() in CONDEMNED_ACTS for a in _answered_acts(doc, sentence, t.lemma_.lower())]
            targets += [a.source for a in acts if a.source is not None and _doer(a, speaker)]
            if targets:
                out.append(_speaker_event(statement, targets[0], derived_codes().retaliation_code, f"retaliation in {statement.id}: {tok.text}", day, sentence))
    return out


def wanted_acts(tok: Token) -> list[Token]:
    """The acts a wishing verb asks of someone ("wants Bolivia [to withdraw]")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in derived_codes().wish_governors:
        return []
    return [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")]


def wishes(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, day: Date | None) -> list[Event]:
    """"X wants Y to withdraw", "X expects Y to honour the deal": X appeals to Y. Inside a
    statement it is the speaker's claim, or the speaker's own appeal when said in the first
    person ("We want Europe to act")."""
    table, out = derived_codes().wish_governors, []
    first_person = load_speech_lexicon().first_person
    for tok in sentence.span:
        code = table.get(tok.lemma_.lower())
        wanted = wanted_acts(tok)
        if code is None or is_negated(tok) or not wanted:
            continue
        asked_of = [s for w in wanted for s in w.children if s.dep_ == "nsubj"] + ([c for c in tok.children if c.dep_ == "dobj"] if wanted else [])
        holders = subjects_of(tok)
        if not asked_of or not holders:
            continue  # "wants to starve Gaza": its own aim, asked of no one
        speaker, statement = speech.owner_of(tok)
        owner = next((s for _, s in speech.spoken() if s.id == statement), None)
        own = owner is not None and holders[0].lower_ in first_person
        sources = [owner.speaker] if own and owner else [r for r in refs(doc, sentence, holders[0]) if r.actor]
        targets = [r for t in asked_of for r in refs(doc, sentence, t) if r.actor]
        for source in sources[:1]:
            for target in [t for t in targets if t.actor != source.actor][:2]:
                entry = load_cameo()[code]
                out.append(Event(
                    id="", sentence=sentence.index, evidence=sentence.span.text, source=source, target=target,
                    cameo=entry.code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
                    plover=Plover(entry.plover_type, entry.plover_mode), trigger=sentence.span_of(tok),
                    date=day.isoformat() if day else None, rule=f"wish: {tok.lemma_.lower()} to", depth=depth_of(tok),
                    attributed_to=None if own else speaker, statement=None if own else statement,
                ))
    return out


def pretenders(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, tok: Token, day: Date | None) -> list[Event]:
    """"X said these governments pretend to defend democracy": X disapproves of the pretenders —
    the subject of the pretending verb inside X's statement."""
    for raw, statement in speech.spoken():
        if tok.i not in raw.content_tokens or statement.speaker.actor is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children):
            return []  # "claimed to have killed him": a claim of a past act, not a pretence
        holders = subjects_of(tok.head) if tok.dep_ == "xcomp" else subjects_of(tok)
        judged = [r for t in holders for r in refs(doc, sentence, t)]
        if len(judged) > 1 and any(r.actor and _own_side(r, statement.speaker) for r in judged):
            return []  # "these governments" read as a group with the speaker's own state in it: not whom it means
        targets = [r for r in judged if _judged(r, statement.speaker)]
        code = derived_codes().pretence_code
        return [_speaker_event(statement, t, code, f"pretence in {statement.id}: {tok.text}", day, sentence) for t in targets]
    return []


def _predicated(tok: Token) -> bool:
    """Whether the content says `tok` of something: a predicate noun or adjective, a verb of
    its own, the object of a (light) verb, or a modifier of one of these."""
    if tok.dep_ in ("amod", "compound"):
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.dep_ == "prep":
        return True  # "described the strikes as terrorism"
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in evaluation_light_verbs()
    return tok.dep_ in ("attr", "acomp", "oprd") or tok.pos_ == "VERB" and not is_negated(tok)


def evaluations_in(content: Span, table: tuple[Evaluation, ...]) -> list[tuple[Evaluation, Token]]:
    """The evaluative words the content predicates ("was a disgrace", "keeps lying", "bore
    responsibility", "a historic step"), in reading order, each with its token."""
    out = []
    for tok in content:
        if tok.is_punct:
            continue
        forms = {tok.lower_, tok.lemma_.lower()}
        pair = content.doc[tok.i + 1] if tok.i + 1 < content.end else None
        if pair is not None:  # "no right", "hollowing out" (the verb's lemma: "hollow out")
            forms |= {f"{tok.lower_} {pair.lower_}", f"{tok.lemma_.lower()} {pair.lower_}"}
        hit = next((e for e in table if forms & e.words), None)
        if hit is not None and _in_name(tok):
            continue  # "the Great Satan": a name, not praise
        if hit is not None and hit.polarity == "positive" and tok.pos_ == "VERB":
            continue  # "Guterres had welcomed the initiative": another's act, reported
        two_words = hit is not None and not ({tok.lower_, tok.lemma_.lower()} & hit.words)
        if hit is not None and (_predicated(tok) or two_words and pair is not None and _predicated(pair)):
            out.append((hit, tok))
    return out


def evaluation_in(content: Span, table: tuple[Evaluation, ...]) -> tuple[Evaluation, Token] | None:
    """The first evaluative predicate of the content, if any."""
    return next(iter(evaluations_in(content, table)), None)


def evaluated_actor_tokens(content: Span, word: Token, victims: bool = False) -> list[Token]:
    """Whose doing the evaluation is about: the subject of the judging verb or copula, the
    possessor of the judged noun ("the UN's stance was a disgrace" -> the UN), else any named
    actor in the content."""
    head = word
    while head.dep_ in ("attr", "acomp", "amod", "compound", "det", "oprd", "dobj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        head = head.head.head
    subjects = subjects_of(head) if head.pos_ in ("VERB", "AUX") else [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "called the deal a sham", "described the strikes as terrorism": the named object is judged
    named = word.dep_ == "oprd" or word.head.lower_ == "as"
    candidates = ([head] if head.dep_ == "dobj" else [c for c in head.children if c.dep_ == "dobj"]) if named else []
    for subject in subjects:
        candidates += [c for c in subject.children if c.dep_ == "poss"] + [subject]
    candidates += [c for c in word.children if c.dep_ == "poss"]
    # any actor named elsewhere in the content; for a wrong (`victims`), never the judged act's
    # victims or agent ("a violation of the rights of all Cubans", "infiltrated by Hamas")
    inside = {t.i for c in word.children if c.dep_ in ("prep", "agent") for t in c.subtree} if victims else set()
    candidates += [t for t in content if (t.pos_ == "PROPN" or t.dep_ == "poss") and t.i not in inside]
    return candidates


def _in_name(tok: Token) -> bool:
    """A capitalised word inside a phrase, not opening the sentence or a quote: part of a name."""
    if tok.pos_ == "PROPN":
        return True
    return tok.is_title and tok.i > tok.sent.start and tok.nbor(-1).text not in QUOTE_MARKS and not tok.nbor(-1).is_punct
