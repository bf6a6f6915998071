"""The whole flow, top to bottom: read -> parse -> mentions -> actors -> statements -> events -> qualify.

    coder = Coder()                         # loads spaCy and every lexicon once
    doc = coder.code_text("Iran's foreign minister met his Omani counterpart ...")
    for doc in coder.code_documents(read_inputs(["news.jsonl"])): ...
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tacitus.actors.context import assign_context_countries
from tacitus.actors.lexicon import COUNTRY_KINDS, load_lexicon
from tacitus.actors.mentions import (
    DocMatches,
    RawMention,
    dictionary_mentions,
    entity_of,
    find_mentions,
    np_tokens,
)
from tacitus.actors.resolve import Resolution, resolve_actors
from tacitus.datafiles import read_data
from tacitus.events.extract import (
    QUANTITY_HEADS,
    Trigger,
    content_head,
    depth_of,
    find_triggers,
    known_lemma,
    subjects_of,
)
from tacitus.events.lexicon import load_event_context, load_event_lexicon
from tacitus.model import ActorRef, Document, Event, Place, Plover, Span, Statement
from tacitus.ontology import load_cameo, recoded
from tacitus.parse import QUOTE_MARKS, ParsedSentence, Parser, lemma_candidates, load_nlp
from tacitus.qualify import event_date, is_negated, modality, parse_anchor
from tacitus.statements import (
    RawStatement,
    announced_code,
    evaluated_actor_tokens,
    evaluation_in,
    find_statements,
    load_evaluations,
    load_speech_lexicon,
)

# Events whose coordinated parties act on each other when the text names no target.
SYMMETRIC_ROOTS = ("04", "06", "19")
SYMMETRIC_CODES = ("057", "036", "0311", "0312")
CLAIM_CUES = ("claim", "admit", "acknowledg")
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
# Verbs and adjectives whose to-infinitive is an undertaking ("agreed to withdraw", "is willing
# to talk") or a refusal ("refused to release").
COMMITTING_GOVERNORS = {"agree", "pledge", "promise", "vow", "offer", "commit", "undertake", "willing", "ready", "prepared", "determined", "eager", "keen", "consent", "volunteer"}
REFUSING_GOVERNORS = {"refuse", "decline", "reject", "unwilling"}
ATTITUDE_GOVERNORS = {"hope": "013", "wish": "013", "consider": "014", "mull": "014", "weigh": "014", "contemplate": "014", "explore": "014"}
GOVERNORS = COMMITTING_GOVERNORS | REFUSING_GOVERNORS | ATTITUDE_GOVERNORS.keys()
KEY_STRIDE = 100_000  # mention keys: sentence slot * stride + token index, unique in a document


@dataclass
class Coder:
    """Everything needed to code text: the spaCy pipeline and the lexicons, loaded once.

    `parse_all=True` parses every sentence (slower; the default parses only sentences that can
    hold an event or a statement)."""

    actor_files: tuple[Path, ...] = ()
    agent_files: tuple[Path, ...] = ()
    pattern_files: tuple[Path, ...] = ()
    batch_size: int = 32
    parse_all: bool = False
    nlp: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.cameo = load_cameo()
        self.actors = load_lexicon(self.actor_files, self.agent_files)
        self.matcher = self.actors.matcher(self.nlp)
        self.events = load_event_lexicon(self.pattern_files)
        self.context = load_event_context()
        self.speech = load_speech_lexicon()
        self.evaluations = load_evaluations()
        # What a sentence must contain for a pattern to match: its lemma, and any object or
        # complement word it requires ("hold" alone is nothing; "hold" + "talks" may be).
        self.requirements: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for table in (self.events.verbs, self.events.nouns):
            for lemma, patterns in table.items():
                needs = self.requirements.setdefault(lemma, [])
                for p in patterns:
                    groups = [p.object, p.xcomp, frozenset([p.particle]) if p.particle else frozenset()]
                    if self.events.prep_required(p) and not (p.object or p.xcomp):
                        groups.append(frozenset(p.prep))
                    needs.append(tuple(group for group in groups if group))
        for cue in self.speech.cues:
            self.requirements.setdefault(cue, []).append(())
        self.irregular = {
            row["form"]: row["lemma"]
            for row in csv.DictReader((line for line in read_data("irregular_verbs.tsv").splitlines() if not line.startswith("#")), delimiter="\t")
        }
        self.parser = Parser(self.nlp, self._relevant, batch_size=self.batch_size * 4)

    def _relevant(self, sentence: SpacySpan) -> bool:
        """May this sentence hold an event or a statement? (a cheap superset test on word forms)"""
        if self.parse_all:
            return True
        lemmas: set[str] = set()
        for tok in sentence:
            low = tok.lower_
            if low == "according" or low in QUOTE_MARKS:
                return True
            lemmas.update(lemma_candidates(low))
            if low in self.irregular:
                lemmas.add(self.irregular[low])
        for lemma in lemmas & self.requirements.keys():
            if any(all(group & lemmas for group in needs) for needs in self.requirements[lemma]):
                return True
        return False

    def code_text(self, text: str, date: str | None = None, title: str = "", id: str = "") -> Document:
        return next(self.code_documents([Document(text=text, date=date, title=title, id=id)]))

    def code_documents(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Code documents as they stream in; a document that fails keeps its error and the run goes on."""
        stream = iter(documents)
        while chunk := list(islice(stream, self.batch_size)):
            ready = [d for d in chunk if not d.errors]
            parsed = self.parser.parse((d.title or "", d.text) for d in ready)
            for document, sentences in zip(ready, parsed, strict=True):
                try:
                    self.code_parsed(document, sentences)
                except Exception as err:  # a bug on one document must not lose the others
                    document.errors.append(f"{document.id}: coding failed ({type(err).__name__}: {err})")
            yield from chunk

    # --- one parsed document ---------------------------------------------------------------

    def code_parsed(self, document: Document, sentences: list[ParsedSentence]) -> Document:
        day = parse_anchor(document.date)
        mentions: list[RawMention] = []
        subjects: set[int] = set()
        matches_of: dict[int, DocMatches] = {}  # one dictionary pass per parsed Doc
        for slot, sentence in enumerate(sentences):
            offset = slot * KEY_STRIDE
            doc_id = id(sentence.doc)
            if doc_id not in matches_of:
                matches_of[doc_id] = DocMatches.build(sentence.doc, self.actors, self.matcher)
            matches = matches_of[doc_id]
            if sentence.parsed:
                found = find_mentions(sentence.span, matches, day, sentence.index, key_offset=offset)
                subjects.update(content_head(t).i + offset for t in sentence.span if t.dep_ in ("nsubj", "nsubjpass"))
            else:
                found = dictionary_mentions(sentence.span, matches, day, sentence.index, key_offset=offset)
            for mention in found:
                mention.start += sentence.delta
                mention.end += sentence.delta
            mentions.extend(found)
        resolution = resolve_actors(mentions, subjects)
        document.actors = [a for a in resolution.actors if a.mentions]
        by_key = {m.key: m for m in mentions}

        events: list[Event] = []
        statements: list[Statement] = []
        for slot, sentence in enumerate(sentences):
            if not sentence.parsed:
                continue
            context = _Context(sentence, slot * KEY_STRIDE, resolution, by_key)
            said = find_statements(sentence.span, self.speech)
            first_statement = len(statements)
            owners = self._statements(said, context, statements)
            found: list[Event] = []
            triggers = find_triggers(sentence.span, self.events)
            trigger_tokens = {t.token.i for t in triggers}
            for trigger in triggers:
                made = self._events(trigger, context, owners, day)
                found.extend(made)
                governor = trigger.token.head
                if trigger.token.dep_ in ("xcomp", "ccomp") and governor.i not in trigger_tokens:
                    found.extend(self._commitments(made, trigger.token, governor, context))
                found.extend(self._refusals(made))
            events.extend(found)
            events.extend(self._announcements(statements[first_statement:], found))
            events.extend(self._evaluations(said, statements[first_statement:], found, context, day))
        document.statements = statements
        document.events = _dedupe(events)
        assign_context_countries(document, sentences, matches_of)
        for n, event in enumerate(document.events, start=1):
            event.id = f"E{n}"
        return document

    def _statements(self, said: list[RawStatement], context: _Context, statements: list[Statement]) -> list[tuple[set[int], str | None, str]]:
        """Record the sentence's statements; return (content tokens, speaker actor, statement id) for attribution."""
        owners = []
        for raw in said:
            if raw.attribution:
                continue
            speaker = context.refs(raw.speakers[0])[0]
            content = context.sentence.doc[raw.content_start : raw.content_end]
            statement = Statement(
                id=f"S{len(statements) + 1}",
                sentence=context.sentence.index,
                speaker=speaker,
                cue=context.span_of(raw.cue),
                content=Span(content.text, context.base + content.start_char, context.base + content.end_char),
                direct=raw.direct,
                depth=depth_of(raw.cue),
            )
            statements.append(statement)
            owners.append((raw.content_tokens, speaker.actor, statement.id))
        return owners

    def _evaluations(self, said: list[RawStatement], statements: list[Statement], found: list[Event], context: _Context, day) -> list[Event]:
        """"X said the UN's stance was a disgrace": X disapproves of the UN (111); "X called the
        deal a historic step": X praises (051) — when the statement is no event already."""
        out = []
        raws = [r for r in said if not r.attribution]
        for raw, statement in zip(raws, statements, strict=False):
            cue_event = any(e.trigger.start == statement.cue.start for e in found)
            if cue_event or statement.speaker.actor is None:
                continue
            content = context.sentence.doc[raw.content_start : raw.content_end]
            hit = evaluation_in(content, self.evaluations)
            if hit is None:
                continue
            evaluation, word = hit
            targets = [r for t in evaluated_actor_tokens(content, word) for r in context.refs(t) if r.actor and r.actor != statement.speaker.actor]
            if not targets:
                continue  # "the situation was dangerous" judges no one
            code = self.cameo[evaluation.code]
            out.append(
                Event(
                    id="",
                    sentence=statement.sentence,
                    evidence=context.sentence.span.text,
                    source=statement.speaker,
                    target=targets[0],
                    cameo=code.code,
                    root=code.root,
                    quad_class=code.quad_class,
                    goldstein=code.goldstein,
                    plover=Plover(code.plover_type, code.plover_mode),
                    trigger=context.span_of(word),
                    date=day.isoformat() if day else None,
                    rule=f"evaluation in {statement.id}: {word.text}",
                    depth=statement.depth,
                )
            )
        return out

    def _asks_for_sanction(self, tok: Token) -> bool:
        """Does an appeal ask "for" a punitive or conflictual act (sanctions, arrests, an inquiry)?"""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for asked in prep.children:
                    patterns = self.events.nouns.get(asked.lemma_.lower(), [])
                    if asked.dep_ == "pobj" and patterns and patterns[0].code[:2] >= "09":
                        return True
        return False

    def _refusals(self, events: list[Event]) -> list[Event]:
        """"The government will not lift the ban": announcing one will not do something is a
        refusal (12x), an act of its own; the negated future event stays as it is."""
        out = []
        for event in events:
            if not (event.negated and event.modality in ("future", "intended")) or event.attributed_to:
                continue
            code = announced_code(event.cameo, event.root, negated=True) or "120"
            out.append(recoded(event, code, negated=False, modality="asserted", rule=f"refusal: {event.rule}"))
        return out

    def _commitments(self, events: list[Event], complement: Token, governor: Token, context: _Context) -> list[Event]:
        """"Israel agreed to open its borders", "Australia is willing to withdraw its troops",
        "Iran refused to release the tanker": agreeing to or refusing an action is an act of its
        own — an intent (03), a threat (13) or a refusal (12) — when the lexicon has none.
        Hoping for an action is an optimistic comment (013), considering one is 014."""
        lemma = known_lemma(governor, GOVERNORS)
        refusing = lemma in REFUSING_GOVERNORS
        fixed = ATTITUDE_GOVERNORS.get(lemma)
        if fixed is None and (complement.dep_ != "xcomp" or lemma not in COMMITTING_GOVERNORS and not refusing):
            return []
        # the one who hopes or considers acts, whoever the hoped-for event is by
        holders = [r for t in subjects_of(governor) for r in context.refs(t)] if fixed else []
        out = []
        for event in events:
            code = fixed or announced_code(event.cameo, event.root, negated=refusing)
            if code is None or code not in self.cameo:
                continue
            out.append(
                recoded(
                    event,
                    code,
                    source=holders[0] if holders else event.source,
                    trigger=context.span_of(governor),
                    negated=is_negated(governor),
                    modality=modality(governor, context.sentence.span),
                    rule=f"{lemma} to: {event.rule}",
                    depth=depth_of(governor),
                )
            )
        return out

    def _announcements(self, statements: list[Statement], events: list[Event]) -> list[Event]:
        """A speaker announcing its own future action (or refusing it) performs a verbal event:
        "Turkey says it will launch an offensive" -> Turkey threatens force (138)."""
        out = []
        for statement in statements:
            inner = [e for e in events if e.statement == statement.id]
            if not inner:
                continue
            event = min(inner, key=lambda e: (e.depth, e.trigger.start))
            future = event.modality in ("future", "intended", "possible")
            own = event.source is None or event.source.actor == statement.speaker.actor or (
                event.source.actor is None and event.source.text.lower() in ("it", "we", "they", "i")
            )
            code = announced_code(event.cameo, event.root, event.negated) if future and own else None
            if own and not future and not event.negated and event.root >= "14" and statement.cue.text.lower().startswith(CLAIM_CUES):
                code = "015"  # "the Houthis claimed they had attacked the airport": claiming responsibility
            if code is None or code not in self.cameo or statement.speaker.actor is None:
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

    def _inanimate_subject(self, trigger: Trigger, context: _Context) -> bool:
        """"Heavy rains killed 40 people", "oil prices rallied": the subject is a force of nature
        or a market figure, not an actor."""
        if trigger.pattern.pos != "verb" or not trigger.sources:
            return False
        for subject in trigger.sources:
            if subject.i + context.offset in context.by_key or subject.pos_ in ("PRON", "PROPN"):
                return False
            words = {subject.lemma_.lower(), subject.lower_}
            if not words & self.context.inanimate:
                return False
        return True

    def _events(self, trigger: Trigger, context: _Context, owners, day) -> list[Event]:
        if self._inanimate_subject(trigger, context):
            return []
        code = self.cameo[trigger.pattern.code]
        tok = trigger.token
        if code.root == "02" and self._asks_for_sanction(tok):
            code = self.cameo["100"]  # "called for sanctions against Turkey" demands, it does not appeal
        subject_words = {w.lemma_.lower() for s in trigger.sources for w in s.subtree if w.i <= s.i}
        refinement = self.context.refine(code.root, subject_words)
        if refinement is not None:
            code = self.cameo[refinement.code]
        sentence = context.sentence.span
        sources = [r for t in trigger.sources for r in context.refs(t)]
        if not any(r.actor for r in sources) and trigger.alt_sources:
            # "Israel launched a ground offensive": the light verb's subject
            sources = [r for t in trigger.alt_sources for r in context.refs(t) if r.actor][:1] or sources
        sources = sources or [None]
        # "on Tuesday", "for 40 years", "$2 million": times and amounts are no one
        trigger.targets = [t for t in trigger.targets if t.ent_type_ not in NOT_ACTORS]
        trigger.alt_targets = [t for t in trigger.alt_targets if t.ent_type_ not in NOT_ACTORS]
        targets = [r for t in trigger.targets for r in context.refs(t)]
        symmetric = len(sources) > 1 and (code.root in SYMMETRIC_ROOTS or code.code.startswith(SYMMETRIC_CODES))
        if not any(r.actor for r in targets) and trigger.alt_targets and not symmetric:
            # "pledged to send aid to Gaza": the object names no actor, the preposition does.
            alternatives = [r for t in trigger.alt_targets for r in context.refs(t) if r.actor]
            targets = alternatives or targets
        if trigger.pattern.needs_actor and not any(r.actor for r in targets):
            return []  # "received funding", "addressed the problem": no one is acted on
        if targets and (not symmetric or any(r.actor for r in targets)):
            pairs = [(s, t) for s in sources for t in targets]
        elif symmetric:
            # "Iran and Oman held talks": each party meets the other.
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:
            pairs = [(s, None) for s in sources]
        negated = is_negated(tok)
        mood = modality(tok, sentence)
        attributed_to = statement_id = None
        for tokens, speaker, sid in owners:
            if tok.i in tokens:
                attributed_to, statement_id = speaker, sid
                break
        when = event_date(tok, sentence, day, future=mood in ("future", "intended"))
        place = self._place(tok)
        out = []
        for source, target in pairs:
            if source and target and source.actor and source.actor == target.actor:
                target = None  # an actor does not act on itself: the target was misread
            out.append(
                Event(
                    id="",
                    sentence=context.sentence.index,
                    evidence=sentence.text,
                    source=source,
                    target=target,
                    cameo=code.code,
                    root=code.root,
                    quad_class=code.quad_class,
                    goldstein=code.goldstein,
                    plover=Plover(code.plover_type, (refinement.mode if refinement else None) or trigger.pattern.mode or code.plover_mode),
                    trigger=context.span_of(tok),
                    negated=negated,
                    modality=mood,
                    attributed_to=attributed_to,
                    statement=statement_id,
                    date=when,
                    place=place,
                    rule=trigger.pattern.rule,
                    depth=trigger.depth,
                )
            )
        return out

    def _place(self, tok: Token) -> Place | None:
        """A place named in the trigger's clause ("in Muscat", "near Gaza")."""
        near = list(tok.children)
        near += [g for c in tok.children if c.dep_ in ("dobj", "obj") for g in c.children]
        near += list(tok.head.children) if tok.dep_ in ("dobj", "xcomp") else []
        for child in near:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside", "inside"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = entity_of(pobj)
                        name = ent.text if ent is not None else pobj.text
                        country = next((e.country for e in self.actors.lookup(name) if e.kind in COUNTRY_KINDS), None)
                        return Place(name=name, country=country)
        return None


@dataclass
class _Context:
    """One parsed sentence, with the document's resolved actors: turns tokens into references."""

    sentence: ParsedSentence
    offset: int  # mention-key offset of this sentence
    resolution: Resolution
    by_key: dict[int, RawMention]

    @property
    def base(self) -> int:
        return self.sentence.delta

    def span_of(self, tok: Token) -> Span:
        return Span(tok.text, self.base + tok.idx, self.base + tok.idx + len(tok.text))

    def refs(self, tok: Token) -> list[ActorRef]:
        """The actor(s) a phrase head names; an uncoded phrase gives a reference without an actor."""
        key = tok.i + self.offset
        argument = _argument_phrase(tok)
        phrase = (self.base + argument.start_char, self.base + argument.end_char)
        if key not in self.by_key:
            # "praised Oman's mediation", "condemned the killing of protesters": the actor is
            # the possessor, the "of" object or the nationality of a non-actor noun.
            for child in tok.children:
                is_of = child.dep_ == "prep" and child.lower_ == "of"
                if child.dep_ in ("poss", "amod", "compound") and child.pos_ != "PRON" or is_of:
                    inner = [g for g in child.children if g.dep_ == "pobj"] if is_of else [child]
                    found = next((g for g in inner if g.i + self.offset in self.by_key), None)
                    if found is not None:
                        tok, key = found, found.i + self.offset
                        break
        mention = self.by_key.get(key)
        ids = self.resolution.by_head.get(key, [])
        if mention is not None:
            text, start, end = mention.text, mention.start, mention.end
        else:  # no actor: the evidence still shows the whole phrase ("Kurdish positions")
            words = np_tokens(tok) if tok.pos_ in ("NOUN", "PROPN") else [tok]
            span = tok.doc[words[0].i : words[-1].i + 1]
            text, start, end = span.text, self.base + span.start_char, self.base + span.end_char
        if not ids:
            return [ActorRef(actor=None, text=text, code=None, country=None, sector=None, start=start, end=end, phrase_start=phrase[0], phrase_end=phrase[1])]
        refs = []
        for actor_id in ids:
            actor = self.resolution.actor(actor_id)
            refs.append(
                ActorRef(
                    actor=actor.id, text=text, code=actor.code, country=actor.country, sector=actor.sector,
                    start=start, end=end, phrase_start=phrase[0], phrase_end=phrase[1],
                )
            )
        return refs


def _argument_phrase(tok: Token) -> SpacySpan:
    """The phrase an argument head stands for: its subtree without relative or participial
    clauses and without a coordinated second argument ("the Syrian army" of "the Syrian army
    and its allies" is one phrase; the allies are their own)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY_HEADS:
        tok = tok.head.head  # "dozens of protesters" is the phrase, not "protesters"
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "cc", "conj", "punct") and c.i > tok.i for t in c.subtree}
    words = [t for t in tok.subtree if t.i not in cut]
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    return tok.doc[words[0].i : words[-1].i + 1]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (source, trigger, code, target); a title event also found in the body is reported once."""
    def dyad(e: Event) -> tuple:
        return (e.source.code if e.source else None, e.root, e.target.code if e.target else None)

    body = {dyad(e) for e in events if e.sentence >= 0}
    seen: set[tuple] = set()
    out = []
    for event in events:
        key = (
            event.sentence,
            event.trigger.start,
            event.cameo,  # a refusal read off a negated future event shares its trigger
            event.source.actor if event.source else None,
            event.target.actor if event.target else None,
            event.source.start if event.source else None,
            event.target.start if event.target else None,
        )
        if key in seen or event.sentence == -1 and dyad(event) in body:
            continue
        seen.add(key)
        out.append(event)
    return out


@cache
def default_coder() -> Coder:
    """A process-wide coder for the convenience functions (built on first use, never mutated)."""
    return Coder()


def code_text(text: str, date: str | None = None, title: str = "") -> Document:
    """Code one text: `tacitus.code_text("Iran's foreign minister met ...", date="2024-03-04")`."""
    return default_coder().code_text(text, date=date, title=title)


def code_documents(documents: Iterable[Document | str]) -> Iterator[Document]:
    """Code many documents (or plain strings), streaming."""
    docs = (Document(text=d) if isinstance(d, str) else d for d in documents)
    return default_coder().code_documents(docs)
