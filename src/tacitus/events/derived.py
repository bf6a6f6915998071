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

from datetime import date as Date

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.document import CodingDoc, Sentence
from tacitus.events.extract import Trigger
from tacitus.model import Event, Plover, Statement
from tacitus.ontology import load_cameo, recoded
from tacitus.qualify import is_negated, modality
from tacitus.statements import SentenceSpeech
from tacitus.syntax import depth_of, known_lemma, subjects_of
from tacitus.words import Evaluation, derived_codes, load_evaluations, words

COMMITTING_GOVERNORS = words("committing_governors")
REFUSING_GOVERNORS = words("refusing_governors")
CLAIM_CUES = tuple(sorted(words("claim_cues")))
FUTURE_MODALITIES = ("future", "intended", "possible")


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
        own = event.source is None or event.source.actor == statement.speaker.actor or (
            event.source.actor is None and event.source.text.lower() in ("it", "we", "they", "i")
        )
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


def evaluations(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, found: list[Event], day: Date | None) -> list[Event]:
    """"X said the UN's stance was a disgrace": X disapproves of the UN (111); "X called the
    deal a historic step": X praises (051) — when the statement is no event already."""
    out = []
    for raw, statement in zip(speech.raws, speech.statements, strict=False):
        cue_event = any(e.trigger.start == statement.cue.start for e in found)
        if cue_event or statement.speaker.actor is None:
            continue
        content = sentence.doc[raw.content_start : raw.content_end]
        hit = evaluation_in(content, load_evaluations())
        if hit is None:
            continue
        evaluation, word = hit
        targets = [r for t in evaluated_actor_tokens(content, word) for r in refs(doc, sentence, t) if r.actor and r.actor != statement.speaker.actor]
        if not targets:
            continue  # "the situation was dangerous" judges no one
        code = load_cameo()[evaluation.code]
        out.append(
            Event(
                id="", sentence=statement.sentence, evidence=sentence.span.text,
                source=statement.speaker, target=targets[0],
                cameo=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                plover=Plover(code.plover_type, code.plover_mode),
                trigger=sentence.span_of(word),
                date=day.isoformat() if day else None,
                rule=f"evaluation in {statement.id}: {word.text}",
                depth=statement.depth,
            )
        )
    return out


def evaluation_in(content: Span, table: tuple[Evaluation, ...]) -> tuple[Evaluation, Token] | None:
    """An evaluative word used as what the content predicates ("was a disgrace", "is unacceptable",
    "a historic step"), with the word's token."""
    text_words = [t for t in content if not t.is_punct]
    for evaluation in table:
        for tok in text_words:
            forms = {tok.lower_, tok.lemma_.lower()}
            if tok.i + 1 < content.end:
                forms.add(f"{tok.lower_} {content.doc[tok.i + 1].lower_}")
            # only what the content predicates: "was a disgrace", "is unacceptable", "called it a sham"
            if forms & evaluation.words and (tok.dep_ in ("attr", "acomp", "oprd") or tok.dep_ in ("amod", "compound") and tok.head.dep_ in ("attr", "oprd")):
                return evaluation, tok
    return None


def evaluated_actor_tokens(content: Span, word: Token) -> list[Token]:
    """Whose doing the evaluation is about: the possessor or the subject of what is evaluated
    ("the UN's stance was a disgrace" -> the UN), else any named actor in the content."""
    head = word
    while head.dep_ in ("attr", "acomp", "amod", "compound", "det", "oprd") and head.head.i != head.i:
        head = head.head
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    candidates = []
    for subject in subjects:
        candidates += [c for c in subject.children if c.dep_ == "poss"] + [subject]
    candidates += [t for t in content if t.pos_ == "PROPN" or t.dep_ == "poss"]
    return candidates


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


def derived_events(doc: CodingDoc, sentence: Sentence, speech: SentenceSpeech, built: list[tuple[Trigger, list[Event]]], day: Date | None) -> list[Event]:
    """The stage: a sentence's events in reading order, each trigger's followed by what it
    commits to or refuses, then the announcements and evaluations of its statements."""
    trigger_tokens = {trigger.token.i for trigger, _ in built}
    found: list[Event] = []
    for trigger, made in built:
        found.extend(made)
        governor = trigger.token.head
        if trigger.token.dep_ in ("xcomp", "ccomp") and governor.i not in trigger_tokens:
            found.extend(commitments(doc, sentence, made, trigger.token, governor))
        found.extend(refusals(made))
    return found + announcements(speech.statements, found) + evaluations(doc, sentence, speech, found, day)
