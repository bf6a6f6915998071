"""The whole flow, top to bottom: read -> parse -> mentions -> actors -> statements -> events -> qualify.

    coder = Coder()                         # loads spaCy and every lexicon once
    doc = coder.code_text("Iran's foreign minister met his Omani counterpart ...")
    for doc in coder.code_documents(read_inputs(["news.jsonl"])): ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from tacitus.actors.lexicon import COUNTRY_KINDS, load_lexicon
from tacitus.actors.mentions import DocMatches, RawMention, find_mentions
from tacitus.actors.resolve import Resolution, resolve_actors
from tacitus.events.extract import Trigger, find_triggers
from tacitus.events.lexicon import load_event_lexicon
from tacitus.model import ActorRef, Document, Event, Place, Plover, Span, Statement
from tacitus.ontology import load_cameo
from tacitus.parse import load_nlp
from tacitus.qualify import event_date, is_negated, modality, parse_anchor
from tacitus.statements import RawStatement, find_statements, load_speech_lexicon

TITLE_KEY = 1_000_000  # mention keys of title tokens are offset so they never collide with the body's


@dataclass
class Coder:
    """Everything needed to code text: the spaCy pipeline and the lexicons, loaded once."""

    actor_files: tuple[Path, ...] = ()
    agent_files: tuple[Path, ...] = ()
    pattern_files: tuple[Path, ...] = ()
    batch_size: int = 32
    nlp: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.cameo = load_cameo()
        self.actors = load_lexicon(self.actor_files, self.agent_files)
        self.matcher = self.actors.matcher(self.nlp)
        self.events = load_event_lexicon(self.pattern_files)
        self.speech = load_speech_lexicon()

    def code_text(self, text: str, date: str | None = None, title: str = "", id: str = "") -> Document:
        return next(self.code_documents([Document(text=text, date=date, title=title, id=id)]))

    def code_documents(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Code documents as they stream in; a document that fails keeps its error and the run goes on."""
        stream = iter(documents)
        while chunk := list(islice(stream, self.batch_size)):
            ready = [d for d in chunk if not d.errors]
            texts = [part for d in ready for part in (d.title or "", d.text)]
            parsed = iter(self.nlp.pipe(texts, batch_size=self.batch_size))
            for document in ready:
                title_doc, body_doc = next(parsed), next(parsed)
                try:
                    self.code_parsed(document, body_doc, title_doc)
                except Exception as err:  # a bug on one document must not lose the others
                    document.errors.append(f"{document.id}: coding failed ({type(err).__name__}: {err})")
            yield from chunk

    # --- one parsed document ---------------------------------------------------------------

    def code_parsed(self, document: Document, body: Doc, title: Doc) -> Document:
        day = parse_anchor(document.date)
        parts = [(title, -1, TITLE_KEY), (body, None, 0)] if len(title) else [(body, None, 0)]
        mentions: list[RawMention] = []
        subjects: set[int] = set()
        sentences_of: list[dict[int, int]] = []
        for doc, fixed_sentence, offset in parts:
            sentence_of = {t.i: (fixed_sentence if fixed_sentence is not None else n) for n, s in enumerate(doc.sents) for t in s}
            sentences_of.append(sentence_of)
            matches = DocMatches.build(doc, self.actors, self.matcher)
            found = find_mentions(doc, matches, day, sentence_of, key_offset=offset)
            mentions.extend(found[i] for i in sorted(found))
            subjects.update(t.i + offset for t in doc if t.dep_ in ("nsubj", "nsubjpass"))
        resolution = resolve_actors(mentions, subjects)
        document.actors = [a for a in resolution.actors if a.mentions]
        by_key = {m.key: m for m in mentions}

        events: list[Event] = []
        statements: list[Statement] = []
        for doc, fixed_sentence, offset in parts:
            for number, sentence in enumerate(doc.sents):
                index = fixed_sentence if fixed_sentence is not None else number
                said = [s for s in find_statements(sentence, self.speech)]
                owners = self._statements(said, sentence, index, offset, resolution, by_key, statements)
                for trigger in find_triggers(sentence, self.events):
                    events.extend(self._events(trigger, sentence, index, offset, resolution, by_key, owners, day))
        document.statements = statements
        document.events = _dedupe(events)
        for n, event in enumerate(document.events, start=1):
            event.id = f"E{n}"
        return document

    def _ref(self, tok, offset: int, resolution: Resolution, by_key: dict[int, RawMention]) -> list[ActorRef]:
        """The actor(s) a phrase head names; an uncoded phrase gives a reference without an actor."""
        key = tok.i + offset
        if key not in by_key:
            # "praised Oman's mediation", "condemned the killing of protesters": the actor is
            # the possessor, the "of" object or the nationality of a non-actor noun.
            for child in tok.children:
                inner = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "of" else [child]
                if child.dep_ in ("poss", "amod", "compound") or child.dep_ == "prep" and child.lower_ == "of":
                    found = next((g for g in inner if g.i + offset in by_key), None)
                    if found is not None:
                        tok, key = found, found.i + offset
                        break
        mention = by_key.get(key)
        ids = resolution.by_head.get(key, [])
        text = mention.text if mention else tok.text
        start = mention.start if mention else tok.idx
        end = mention.end if mention else tok.idx + len(tok.text)
        if not ids:
            return [ActorRef(actor=None, text=text, code=None, country=None, sector=None, start=start, end=end)]
        refs = []
        for actor_id in ids:
            actor = resolution.actor(actor_id)
            refs.append(ActorRef(actor=actor.id, text=text, code=actor.code, country=actor.country, sector=actor.sector, start=start, end=end))
        return refs

    def _statements(self, said: list[RawStatement], sentence, index: int, offset: int, resolution, by_key, statements: list[Statement]) -> list[tuple[set[int], str | None, str]]:
        """Record the sentence's statements; return (content tokens, speaker actor, statement id) for attribution."""
        owners = []
        for raw in said:
            if raw.attribution:
                continue
            speaker = self._ref(raw.speakers[0], offset, resolution, by_key)[0]
            doc = sentence.doc
            content = doc[raw.content_start : raw.content_end]
            statement = Statement(
                id=f"S{len(statements) + 1}",
                sentence=index,
                speaker=speaker,
                cue=Span(raw.cue.text, raw.cue.idx, raw.cue.idx + len(raw.cue.text)),
                content=Span(content.text, content.start_char, content.end_char),
                direct=raw.direct,
                depth=_depth(raw.cue),
            )
            statements.append(statement)
            owners.append((raw.content_tokens, speaker.actor, statement.id))
        return owners

    def _events(self, trigger: Trigger, sentence, index: int, offset: int, resolution, by_key, owners, day) -> list[Event]:
        code = self.cameo[trigger.pattern.code]
        tok = trigger.token
        sources = [r for t in trigger.sources for r in self._ref(t, offset, resolution, by_key)] or [None]
        targets = [r for t in trigger.targets for r in self._ref(t, offset, resolution, by_key)]
        if not any(r.actor for r in targets) and trigger.alt_targets:
            # "pledged to send aid to Gaza": the object names no actor, the preposition does.
            alternatives = [r for t in trigger.alt_targets for r in self._ref(t, offset, resolution, by_key) if r.actor]
            targets = alternatives or targets
        targets = targets or [None]
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
        for source in sources:
            for target in targets:
                if source and target and source.actor and source.actor == target.actor:
                    continue
                out.append(
                    Event(
                        id="",
                        sentence=index,
                        evidence=sentence.text,
                        source=source,
                        target=target,
                        cameo=code.code,
                        root=code.root,
                        quad_class=code.quad_class,
                        goldstein=code.goldstein,
                        plover=Plover(code.plover_type, trigger.pattern.mode or code.plover_mode),
                        trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
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

    def _place(self, tok) -> Place | None:
        """A place named in the trigger's clause ("in Muscat", "near Gaza")."""
        near = list(tok.children)
        near += [g for c in tok.children if c.dep_ in ("dobj", "obj") for g in c.children]
        near += list(tok.head.children) if tok.dep_ in ("dobj", "xcomp") else []
        for child in near:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside", "inside"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = next((e for e in tok.doc.ents if e.start <= pobj.i < e.end), None)
                        name = ent.text if ent is not None else pobj.text
                        country = next((e.country for e in self.actors.lookup(name) if e.kind in COUNTRY_KINDS), None)
                        return Place(name=name, country=country)
        return None


def _depth(tok) -> int:
    depth = 0
    while tok.head is not tok and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (source, trigger, target); a title event also found in the body is reported once."""
    seen: set[tuple] = set()
    body_keys = {
        (e.source.code if e.source else None, e.root, e.target.code if e.target else None)
        for e in events
        if e.sentence >= 0
    }
    out = []
    for event in events:
        key = (event.sentence, event.trigger.start, event.source.actor if event.source else None, event.target.actor if event.target else None, event.source.text if event.source else None, event.target.text if event.target else None)
        if key in seen:
            continue
        if event.sentence == -1 and (event.source.code if event.source else None, event.root, event.target.code if event.target else None) in body_keys:
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
