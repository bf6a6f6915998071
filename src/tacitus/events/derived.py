"""Derived events: acts a sentence performs through another event or a statement.

- refusals: "the government will not lift the ban" refuses (12x);
- commitments: "Israel agreed to open its borders" is an intent (03), "Iran refused to
  release the tanker" a refusal (12), "hoped to", "considered" a comment (013, 014);
- announcements: "Turkey says it will launch an offensive" threatens force (138); "the
  Houthis claimed they had attacked" claims responsibility (015);
- evaluations: "X said the UN's stance was a disgrace" disapproves of the UN (111).

The code tables are data (derived_events.yaml, evaluative.yaml). `reported_act` is the same
reading for evaluation: what a statement reports, as an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date
from functools import cache

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.datafiles import load_yaml, read_data
from tacitus.document import CodingDoc, Sentence
from tacitus.events.extract import Trigger
from tacitus.model import ActorRef, Event, Plover, Statement
from tacitus.ontology import load_cameo, recoded
from tacitus.parse import QUOTE_MARKS
from tacitus.qualify import is_negated, modality
from tacitus.statements import SentenceSpeech, asked, load_speech_lexicon
from tacitus.syntax import depth_of, known_lemma, subjects_of
from tacitus.words import (
    Evaluation,
    actor_words,
    derived_codes,
    evaluation_light_verbs,
    load_evaluations,
    words,
)

COMMITTING_GOVERNORS = words("committing_governors")
REFUSING_GOVERNORS = words("refusing_governors")
CLAIM_CUES = tuple(sorted(words("claim_cues")))
OBLIGATION_AUX = words("obligation_aux")
FUTURE_MODALITIES = ("future", "intended", "possible")
CONDEMNED_ACTS = words("condemned_acts")
STATE_SECTORS = frozenset(actor_words().state_sectors)
PERPETRATOR_ROOTS = ("15", "16", "17", "18", "19", "20")
VERBAL_ROOTS = ("01", "11", "13")  # verbal acts whose target may be named only by what they answer
ANSWERED_CHARGES = words("answered_charges")
LOOKBACK = 4  # sentences back to find the condemned act's perpetrator
ACCUSATION_RULE = "accusation in"  # rule prefix of an accusation read off a reported wrong-doing


def is_accusation(event: Event) -> bool:
    """An accusation derived from a reported act: the reported act, not it, is what the sentence reports."""
    return event.rule.startswith(ACCUSATION_RULE)


def announced_code(event_code: str, root: str, negated: bool) -> str | None:
    """The CAMEO code of announcing one's own future action `event_code` (negated: refusing it)."""
    return derived_codes().announced(event_code, root, negated)


def refusals(events: list[Event]) -> list[Event]:
    """"The government will not lift the ban": announcing one will not do something is a
    refusal (12x), an act of its own; the negated future event stays as it is."""
    out = []
    for event in events:
        if not (event.negated and event.modality in ("future", "intended")) or event.attributed_to:
            continue
        code = announced_code(event.cameo, event.root, negated=True) or derived_codes().refusal_default
        out.append(recoded(event, code, negated=False, modality="asserted", rule=f"refusal: {event.rule}"))
    return out


def commitments(doc: CodingDoc, sentence: Sentence, events: list[Event], complement: Token, governor: Token) -> list[Event]:
    """"Israel agreed to open its borders", "Australia is willing to withdraw its troops",
    "Iran refused to release the tanker": agreeing to or refusing an action is an act of its
    own — an intent (03), a threat (13) or a refusal (12) — when the lexicon has none.
    Hoping for an action is an optimistic comment (013), considering one is 014."""
    attitudes = derived_codes().attitude_governors
    lemma = known_lemma(governor, COMMITTING_GOVERNORS | REFUSING_GOVERNORS | set(attitudes))
    refusing = lemma in REFUSING_GOVERNORS
    fixed = attitudes.get(lemma)
    if fixed is None and (complement.dep_ != "xcomp" or lemma not in COMMITTING_GOVERNORS and not refusing):
        return []
    # the one who hopes or considers acts, whoever the hoped-for event is by
    holders = [r for t in subjects_of(governor) for r in refs(doc, sentence, t)] if fixed else []
    cameo = load_cameo()
    out = []
    for event in events:
        code = fixed or announced_code(event.cameo, event.root, negated=refusing)
        if code is None or code not in cameo:
            continue
        out.append(
            recoded(
                event,
                code,
                source=holders[0] if holders else event.source,
                trigger=sentence.span_of(governor),
                negated=is_negated(governor),
                modality=modality(governor, sentence.span),
                rule=f"{lemma} to: {event.rule}",
                depth=depth_of(governor),
            )
        )
    return out


def announcements(statements: list[Statement], events: list[Event]) -> list[Event]:
    """A speaker announcing its own future action (or refusing it) performs a verbal event:
    "Turkey says it will launch an offensive" -> Turkey threatens force (138)."""
    codes, cameo = derived_codes(), load_cameo()
    out = []
    for statement in statements:
        inner = [e for e in events if e.statement == statement.id]
        if not inner:
            continue
        event = min(inner, key=lambda e: (e.depth, e.trigger.start))
        future = event.modality in FUTURE_MODALITIES
        speaker = statement.speaker
        own = event.source is None or event.source.actor == speaker.actor or (
            event.source.actor is None and event.source.text.lower() in ("it", "we", "they", "i")
        ) or (speaker.country is not None and event.source.country == speaker.country)  # "his country would…"
        code = announced_code(event.cameo, event.root, event.negated) if future and own else None
        if own and not future and not event.negated and event.root >= codes.claim_min_root and statement.cue.text.lower().startswith(CLAIM_CUES):
            code = codes.claim_code  # "the Houthis claimed they had attacked the airport"
        if code is None or code not in cameo or statement.speaker.actor is None:
            continue
        out.append(
            recoded(
                event,
                code,
                source=statement.speaker,
                trigger=statement.cue,
                negated=False,
                modality="asserted",
                attributed_to=None,
                statement=None,
                rule=f"announced by {statement.id}: {event.rule}",
                depth=statement.depth,
            )
        )
    return out


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
        cue_event = any(e.trigger.start == cue for e in found)
        if cue_event or statement.speaker.actor is None or not raw.holds_claims:
            continue
        content = sentence.doc[raw.content_start : raw.content_end]
        for evaluation, word in evaluations_in(content, load_evaluations()):
            judged = evaluated_actor_tokens(content, word, victims=evaluation.polarity == "negative")
            targets = [r for t in judged for r in refs(doc, sentence, t) if _judged(r, statement.speaker)]
            if targets:  # "the situation was dangerous" judges no one
                out.append(_speaker_event(statement, targets[0], evaluation.code, f"evaluation in {statement.id}: {word.text}", day, sentence))
                break
    return out


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
            targets = [r for t in subjects_of(tok) for r in refs(doc, sentence, t) if r.actor and r.actor != statement.speaker.actor]
            out += [_speaker_event(statement, t, code, f"obligation in {statement.id}: {tok.text}", day, sentence) for t in targets[:2]]
    return out


def _with_perpetrator(doc: CodingDoc, sentence: Sentence, event: Event, trigger: Trigger, built: list[tuple[Trigger, list[Event]]]) -> Event:
    """A verbal act the patterns leave without an actor as target takes the actor it is about:
    "condemned the attacks" the perpetrator of the condemned act (coded in this sentence, or
    the act of that kind reported just before, or the headline's: "US jets struck … Iran
    condemned the attacks"); "rejected the accusations" the accuser; "warned that the South
    would pay dearly" the one warned."""
    if event.root not in VERBAL_ROOTS or event.target is not None and event.target.actor is not None or event.source is None:
        return event
    objects = [c for c in trigger.token.children if c.dep_ == "dobj"]
    lemma = objects[0].lemma_.lower() if objects else ""
    before = [e for e in reversed(doc.events) if 0 <= sentence.index - e.sentence <= LOOKBACK]
    title = [e for e in doc.events if e.sentence < 0]  # the headline's act, last
    if event.root == "11" and lemma in CONDEMNED_ACTS:
        inside = {t.i for t in objects[0].subtree}
        here = [e for t, made in built if t.token.i in inside for e in made]
        # the same act named before, anywhere in the text ("… its offensive … condemned the offensive")
        named = [e for e in reversed(doc.events) if 0 <= e.sentence < sentence.index and re.search(rf"\b{re.escape(lemma)}", e.evidence.lower())]
        act = next((a for a in here + named + before + title if a.root in PERPETRATOR_ROOTS and _doer(a, event)), None)
    elif lemma in ANSWERED_CHARGES:  # "rejected the accusations": the accusations against it
        act = next((a for a in before + title if a.cameo.startswith("112") and _doer(a, event) and a.target is not None and a.target.country == event.source.country), None)
    else:
        act = None
    if act is not None and act.source is not None:
        return replace(event, target=act.source, rule=f"{event.rule}; target: doer of S{act.sentence} {act.trigger.text}")
    if event.root == "13":  # "warned that the South would pay dearly"
        warned = [g for c in trigger.token.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        found = [r for t in warned for r in refs(doc, sentence, t) if r.actor and r.actor != event.source.actor and r.country != event.source.country]
        if found:
            return replace(event, target=found[0], rule=f"{event.rule}; target: the one warned")
    return event


def _doer(act: Event, event: Event) -> bool:
    """Whether `act` is another actor's plain act, with a country, that `event` can answer."""
    doer, source = act.source, event.source
    if act.negated or act.modality in (*FUTURE_MODALITIES, "claimed", "question") or doer is None or source is None:
        return False
    return bool(doer.actor and doer.country and doer.country != source.country)


def _wanted(tok: Token) -> list[Token]:
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
        wanted = _wanted(tok)
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
        targets = [r for t in holders for r in refs(doc, sentence, t) if _judged(r, statement.speaker)]
        code = derived_codes().pretence_code
        return [_speaker_event(statement, t, code, f"pretence in {statement.id}: {tok.text}", day, sentence) for t in targets]
    return []


def performatives(statements: list[Statement], events: list[Event]) -> list[Event]:
    """"I call on the armed forces to …", "We thank Turkey", said in the speaker's own quote or
    answer: a verbal act performed by speaking, the speaker's own (factual) act, not a claim."""
    by_id, roots = {s.id: s for s in statements}, derived_codes().performative_roots
    first_person = load_speech_lexicon().first_person
    out = []
    for event in events:
        statement = by_id.get(event.statement or "")
        source = event.source
        if statement is None or source is None or source.text.lower() not in first_person or statement.speaker.actor is None:
            out.append(event)
        elif event.root in roots and event.modality == "asserted" and not event.negated:
            out.append(recoded(event, event.cameo, source=statement.speaker, attributed_to=None, statement=None, rule=f"performed in {statement.id}: {event.rule}"))
        else:  # "we liberated the village": still the speaker's claim, about itself
            out.append(recoded(event, event.cameo, source=statement.speaker))
    return out


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
        if tok.i + 1 < content.end:
            forms.add(f"{tok.lower_} {content.doc[tok.i + 1].lower_}")
        hit = next((e for e in table if forms & e.words), None)
        if hit is not None and _in_name(tok):
            continue  # "the Great Satan": a name, not praise
        if hit is not None and hit.polarity == "positive" and tok.pos_ == "VERB":
            continue  # "Guterres had welcomed the initiative": another's act, reported
        if hit is not None and _predicated(tok):
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


def reported_act(events: list[Event], statement: Statement) -> Event | Statement:
    """What a statement reports, as an event: its top event, or announcing (refusing) it when
    that event is future (negated); the statement itself when it reports none."""
    inner = [e for e in events if e.statement == statement.id]
    top = min(inner, key=lambda e: (e.depth, e.trigger.start), default=None)
    if top is None:
        return statement
    future = top.modality in FUTURE_MODALITIES
    if not (top.negated or future):
        return top
    code = announced_code(top.cameo, top.root, negated=top.negated) or (derived_codes().refusal_default if top.negated else None)
    if code is None:
        return top
    return recoded(top, code, rule=f"reported: {top.rule}")


@dataclass(frozen=True)
class ClaimedAttitudes:
    governors: frozenset[str]
    modifiers: frozenset[str]
    pretence_nouns: frozenset[str]


@cache
def load_claimed_attitudes() -> ClaimedAttitudes:
    """claimed_attitudes.yaml, validated: exactly its three lists of lower-case words."""
    data = load_yaml(read_data("claimed_attitudes.yaml"))
    keys = ("governors", "modifiers", "pretence_nouns")
    if not isinstance(data, dict) or set(data) != set(keys):
        raise ValueError(f"claimed_attitudes.yaml: expected exactly the lists {keys}")
    for key in keys:
        if not isinstance(data[key], list) or not all(isinstance(w, str) and w == w.lower() for w in data[key]):
            raise ValueError(f"claimed_attitudes.yaml:{key}: expected a list of lower-case words")
    return ClaimedAttitudes(*(frozenset(data[key]) for key in keys))


def is_claimed(tok: Token, table: ClaimedAttitudes) -> bool:
    """"pretend to defend", "the so-called referendums", "under the guise of fighting": the
    act at `tok` is an attitude only claimed."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in table.governors:
        return True
    if any(c.lower_ in table.modifiers or f"{c.lower_}-{c.nbor(1).lower_}" in table.modifiers for c in tok.children if c.i + 1 < len(tok.doc)):
        return True
    if tok.i >= 3 and " ".join(t.lower_ for t in tok.doc[tok.i - 3 : tok.i]) in {f"{m[:2]} - {m[3:]}" for m in table.modifiers if "-" in m}:
        return True  # "so - called" split in three tokens
    return any(a.lower_ == "of" and a.head.lemma_.lower() in table.pretence_nouns for a in tok.ancestors)


def derived_events(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, built: list[tuple[Trigger, list[Event]]], day: Date | None) -> list[Event]:
    """The stage: a sentence's events in reading order, each trigger's followed by what it
    commits to or refuses, then the announcements and evaluations of its statements."""
    trigger_tokens = {trigger.token.i for trigger, _ in built}
    found: list[Event] = []
    claimed = load_claimed_attitudes()
    pretences: list[Event] = []
    wanted = {w.i for tok in sentence.span for w in _wanted(tok)}
    for trigger, made in built:
        made = [_with_perpetrator(doc, sentence, e, trigger, built) for e in made]
        if trigger.token.i in wanted:  # "wants Bolivia to withdraw": wanted, not done
            made = [recoded(e, e.cameo, modality="intended") if e.modality == "asserted" else e for e in made]
        if is_claimed(trigger.token, claimed):
            made = [recoded(e, e.cameo, modality="claimed", rule=f"claimed: {e.rule}") for e in made]
            pretences += pretenders(doc, sentence, speech, trigger.token, day)
        found.extend(made)
        governor = trigger.token.head
        if trigger.token.dep_ in ("xcomp", "ccomp") and governor.i not in trigger_tokens:
            found.extend(commitments(doc, sentence, made, trigger.token, governor))
        found.extend(refusals(made))
    if asked(doc, sentence, load_speech_lexicon()):  # "Q: Are you afraid of being arrested?"
        found = [recoded(e, e.cameo, modality="question", rule=f"asked: {e.rule}") if e.modality == "asserted" else e for e in found]
    owners = [s for _, s in speech.spoken()]
    found = performatives(owners, found)
    return found + pretences + wishes(doc, sentence, speech, day) + announcements(owners, found) + evaluations(doc, sentence, speech, found, day) + accusations(owners, found, day, sentence) + obligations(doc, sentence, speech, day)
