"""Derived events: acts a sentence performs through another event or a statement.

- refusals: "the government will not lift the ban" refuses (12x);
- commitments: "Israel agreed to open its borders" is an intent (03), "Iran refused to
  release the tanker" a refusal (12), "hoped to", "considered" a comment (013, 014);
- announcements: "Turkey says it will launch an offensive" threatens force (138); "the
  Houthis claimed they had attacked" claims responsibility (015);
- the speaker's own acts (evaluations, accusations, demands, pretences, wishes, retaliations)
  come from events/speaker_acts.py.

The code tables are data (derived_events.yaml, evaluative.yaml). `reported_act` is the same
reading for evaluation: what a statement reports, as an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from functools import cache

from spacy.tokens import Token

from tacitus.actors.refs import refs
from tacitus.datafiles import load_yaml, read_data
from tacitus.document import CodingDoc, Sentence
from tacitus.events.act_tables import act_tables
from tacitus.events.extract import Trigger
from tacitus.events.frames import (
    grounds,
    habitual_perfect,
    one_act_each,
    question_frame,
    without_frames,
)
from tacitus.events.speaker_acts import (
    ACCUSATION_RULE,
    FUTURE_MODALITIES,
    accusations,
    evaluations,
    obligations,
    pretenders,
    retaliations,
    wanted_acts,
    wishes,
    with_perpetrator,
)
from tacitus.model import ActorRef, Event, Statement
from tacitus.ontology import load_cameo, recoded
from tacitus.qualify import is_negated, modality
from tacitus.speech import matrix_cue
from tacitus.statements import SentenceSpeech, asked, load_speech_lexicon
from tacitus.syntax import depth_of, known_lemma, subjects_of
from tacitus.words import (
    actor_words,
    derived_codes,
    words,
)

COMMITTING_GOVERNORS = words("committing_governors")
REFUSING_GOVERNORS = words("refusing_governors")
CLAIM_CUES = tuple(sorted(words("claim_cues")))
OWN_ACT_ROOTS = act_tables().own_act_roots  # appeals, demands, disapproval, rejection, threats
MATRIX_ROOTS = act_tables().matrix_roots  # verbal acts a speaker does beside its statement
ANNOUNCERS = act_tables().announcer_pronouns  # "said it would send aid": the speaker itself
THIRD_PERSONS = ANNOUNCERS - load_speech_lexicon().first_person  # "it", "they": the speaker only when reported
OWN_DETERMINERS = act_tables().own_state_determiners  # "said his country would keep funding it"
STATE_SECTORS = actor_words().state_sectors
STATE_NOUNS = frozenset(w for w, kind in actor_words().anaphoric_nouns.items() if kind == "country")


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


def announcements(statements: list[Statement], events: list[Event], charged: frozenset[str] = frozenset(),
                  denied: frozenset[str] = frozenset()) -> list[Event]:
    """A speaker announcing its own future action (or refusing it) performs a verbal event:
    "Turkey says it will launch an offensive" -> Turkey threatens force (138). `charged` are the
    statements that charge another actor ("accused the US of planning to invade"): their
    unnamed doer is the one charged, never the speaker."""
    codes, cameo = derived_codes(), load_cameo()
    out = []
    for statement in statements:
        inner = [e for e in events if e.statement == statement.id]
        if not inner or statement.id in denied:
            continue  # "denied it would attack": the denial (016) is the act, not an announcement
        performed = [e.depth for e in events if e.rule.startswith(f"performed in {statement.id}:")]
        # "we appeal to the board to allow …": what the speaker's own appeal asks is no plan of its own
        inner = [e for e in inner if not performed or e.depth < min(performed)]
        if not inner:
            continue
        speaker = statement.speaker
        # the top event, or the top refusal when a plain report comes first ("said the talks had
        # failed and that Bolivia would not negotiate"): a reported "would not" refuses; the top
        # act of the speaker's own side to come ("said sanctions had failed and that the two
        # countries would expand cooperation") before a plain report
        refused = [e for e in inner if e.negated and e.modality == "hypothetical" and e.source is not None and e.source.actor is not None]
        to_come = [e for e in inner if e.modality == "future" and not e.rule.startswith("noun:") and _announcer(e.source, speaker, statement.id in charged, strict=True)]
        event = min(refused or to_come or inner, key=lambda e: (e.depth, e.trigger.start))
        future = event.modality in FUTURE_MODALITIES or event in refused
        # in the speaker's own words ("Then they come to speak to us"), "it" and "they" are others
        third = statement.direct and event.source is not None and event.source.text.lower() in THIRD_PERSONS
        own = _announcer(event.source, speaker, statement.id in charged) and not third
        # "so investigations could be carried out": an agentless possibility is nobody's plan
        own = own and not (event.source is None and event.modality == "possible")
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


def _announcer(source: ActorRef | None, speaker: ActorRef, charged: bool, strict: bool = False) -> bool:
    """Whether the doer of a reported act is the speaker itself: unnamed, the speaker, "it",
    "we", the speaker's country, "his country", "our government" — `strict`: the country only
    when the speaker speaks for its state (an opposition leader is not "the government")."""
    if source is None:
        return not (charged or strict)  # strict: an agentless passive's doer is unknown
    if source.actor is None and source.text.lower() in ANNOUNCERS:
        return not charged
    words = source.text.lower().split()
    if source.actor is None and len(words) == 2 and words[0] in OWN_DETERMINERS and words[1] in STATE_NOUNS:
        return True
    same_country = speaker.country is not None and source.country == speaker.country
    if strict:
        same_country = same_country and speaker.sector in STATE_SECTORS and source.sector in (None, *STATE_SECTORS)
    return source.actor == speaker.actor or same_country


def performatives(statements: list[Statement], events: list[Event]) -> list[Event]:
    """"I call on the armed forces to …", "We thank Turkey", said in the speaker's own quote or
    answer: a verbal act performed by speaking, the speaker's own (factual) act, not a claim."""
    by_id, roots = {s.id: s for s in statements}, derived_codes().performative_roots
    first_person = load_speech_lexicon().first_person
    out = []
    for event in events:
        statement = by_id.get(event.statement or "")
        source = event.source
        verbal = event.root in roots and event.modality == "asserted" and not event.negated
        own = verbal and event.root in OWN_ACT_ROOTS and not event.rule.startswith("noun:")  # "a plea by …" is reported
        if statement is not None and source is not None and own and _speaks_for(source, statement.speaker):
            # "The State Department said Washington … and called on Pyongyang to return to talks":
            # the speaker's own side's verbal act, told by the speaker, is the speaker's act
            out.append(recoded(event, event.cameo, attributed_to=None, statement=None, rule=f"performed in {statement.id}: {event.rule}"))
        elif statement is None or source is None or source.text.lower() not in first_person or statement.speaker.actor is None:
            out.append(event)
        elif verbal:
            out.append(recoded(event, event.cameo, source=statement.speaker, attributed_to=None, statement=None, rule=f"performed in {statement.id}: {event.rule}"))
        else:  # "we liberated the village": still the speaker's claim, about itself
            out.append(recoded(event, event.cameo, source=statement.speaker))
    return out


def _matrix_acts(trigger: Trigger, made: list[Event], speech: SentenceSpeech) -> list[Event]:
    """"The president said the West had lost the battle and praised Russia": the praising is
    the speaker's own act, told beside the statement, not part of it."""
    cue = matrix_cue(trigger.token, load_speech_lexicon())
    statement = next((st for raw, st in speech.spoken() if cue is not None and raw.cue.i == cue.i), None)
    if statement is None or statement.speaker.actor is None:
        return made
    # told as done ("and called on …", past like the cue): the clause's "would not" is not its own
    return [recoded(e, e.cameo, source=statement.speaker, attributed_to=None, statement=None, modality="asserted", negated=any(c.dep_ == "neg" for c in trigger.token.children),
                    rule=f"said and did in {statement.id}: {e.rule}")
            if e.statement in (statement.id, None) and e.root in MATRIX_ROOTS else e for e in made]  # (None: a quote was the content)


def _speaks_for(source: ActorRef, speaker: ActorRef) -> bool:
    """Whether `source` is the speaker itself or the same state body ("Washington" for the State
    Department), not another actor the speaker reports on."""
    if source.actor is None or speaker.actor is None:
        return False
    return source.actor == speaker.actor or bool(source.code) and source.code == speaker.code and source.sector is not None


def reported_act(events: list[Event], statement: Statement) -> Event | Statement:
    """What a statement reports, as an event: its top event, or announcing (refusing) it when
    that event is future (negated); the statement itself when it reports none."""
    # with the speaker's own acts it tells ("… and called on Pyongyang to return to talks")
    inner = [e for e in events if e.statement == statement.id or e.rule.startswith(f"performed in {statement.id}:")]
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
    wanted = {w.i for tok in sentence.span for w in wanted_acts(tok)}
    judged = grounds(built)
    for trigger, made in built:
        if question_frame(trigger.token):
            continue  # "Asked about the jets, she warned …": the interviewer's question, no appeal
        made = [with_perpetrator(doc, sentence, e, trigger, built) for e in made]
        made = _matrix_acts(trigger, made, speech)
        if trigger.token.i in judged:  # "praised the police for defending the border": the judge's words
            judge = judged[trigger.token.i]
            made = [recoded(e, e.cameo, attributed_to=judge, rule=f"grounds: {e.rule}") if e.attributed_to is None else e for e in made]
        if habitual_perfect(trigger.token):  # "have repeatedly called for access": many acts, none told
            made = [recoded(e, e.cameo, modality="generic", rule=f"habitual: {e.rule}") if e.modality == "asserted" else e for e in made]
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
    speaking = {sentence.span_of(raw.cue).start for raw in speech.raws if raw.speaking_only}
    found = [e for e in found if not (e.trigger.start in speaking and e.root == "04")]  # "calling it absurd" is no phone call
    found = without_frames(found, speech)
    charged = frozenset(st.id for raw, st in speech.spoken() if raw.cue.lemma_.lower() in act_tables().charging_cues)
    found = performatives(owners, found)
    hitting_back = retaliations(doc, sentence, speech, day)
    answered = {e.rule.split(":")[0].removeprefix("retaliation in ") for e in hitting_back}
    denied = frozenset(st.id for raw, st in speech.spoken() if raw.cue.lemma_.lower() in act_tables().denial_cues)
    announced = [e for e in announcements(owners, found, charged, denied) if e.rule.split(":")[0].removeprefix("announced by ") not in answered]  # the retaliation says it
    return one_act_each(found + pretences + wishes(doc, sentence, speech, day) + hitting_back + announced + evaluations(doc, sentence, speech, found, day) + accusations(owners, found, day, sentence) + obligations(doc, sentence, speech, day))
