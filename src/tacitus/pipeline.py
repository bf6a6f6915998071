"""The whole flow, top to bottom; each stage is one call into its own module.

    parse       parse.py            split, select and parse the sentences (spaCy)
    mentions    actors/mentions.py  actor mentions of each sentence, coded from the text
    actors      actors/resolve.py   one actor per person, group or country of the document
    statements  statements.py       who says what (reported speech)
    events      events/extract.py   triggers and their argument phrases
                events/build.py     events between the resolved actors, with their places
    qualify     qualify.py          negation, modality and date (before derived: they read them)
    derived     events/derived.py   refusals, commitments, announcements, evaluations
    dedupe      events/dedupe.py    one event per trigger, code and dyad; numbered
    context     actors/context.py   countries the text leaves open: sentence, dateline, document
    places      places/             places of events and actors, with coordinates

    coder = Coder()                         # loads spaCy and every lexicon once
    doc = coder.code_text("Iran's foreign minister met his Omani counterpart ...")
    for doc in coder.code_documents(read_inputs(["news.jsonl"])): ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.language import Language

from tacitus.actors.coding import DocMatches
from tacitus.actors.context import assign_context_countries
from tacitus.actors.entries import PhraseIndex
from tacitus.actors.lexicon import ActorLexicon, load_lexicon
from tacitus.actors.mentions import sentence_mentions
from tacitus.actors.resolve import resolve_actors
from tacitus.dates import parse_anchor
from tacitus.document import CodingDoc
from tacitus.events.build import EventKnowledge, trigger_events
from tacitus.events.dedupe import dedupe, numbered
from tacitus.events.derived import derived_events
from tacitus.events.extract import find_triggers
from tacitus.events.lexicon import (
    EventContext,
    EventLexicon,
    load_event_context,
    load_event_lexicon,
)
from tacitus.guard import code_in_batches
from tacitus.lexcache import cached_matcher, compiled
from tacitus.model import Document
from tacitus.ontology import load_cameo
from tacitus.parse import ParsedSentence, Parser, load_nlp
from tacitus.places import locate
from tacitus.qualify import qualify
from tacitus.relevance import SentenceFilter
from tacitus.statements import (
    SpeechLexicon,
    load_speech_lexicon,
    relevant_words,
    sentence_statements,
)
from tacitus.words import load_all


@dataclass
class Coder:
    """Everything needed to code text: the spaCy pipeline and the lexicons, loaded once.

    `parse_all=True` parses every sentence (default: only those that can hold an event or statement)."""

    actor_files: tuple[Path, ...] = ()
    agent_files: tuple[Path, ...] = ()
    pattern_files: tuple[Path, ...] = ()
    batch_size: int = 32
    parse_all: bool = False
    nlp: Language = field(init=False, repr=False)
    actors: ActorLexicon = field(init=False, repr=False)
    matcher: PhraseIndex = field(init=False, repr=False)
    knowledge: EventKnowledge = field(init=False, repr=False)
    speech: SpeechLexicon = field(init=False, repr=False)
    parser: Parser = field(init=False, repr=False)

    def __post_init__(self) -> None:
        load_all()  # every word list and code table, validated: a bad file fails here
        self.nlp = load_nlp()
        users = [(role, Path(p)) for role, files in (("actors", self.actor_files), ("agents", self.agent_files), ("patterns", self.pattern_files)) for p in files]
        self.actors, events, context = compiled("lexicons", self._lexicons, users)
        # the phrase index's ~12,500 phrases are tokenized once and cached with the lexicons
        self.matcher = cached_matcher(self.nlp, self.actors.matcher, users)
        self.knowledge = EventKnowledge(load_cameo(), events, context, self.actors)
        self.speech = load_speech_lexicon()
        relevant = SentenceFilter.build(events, relevant_words(self.speech), parse_all=self.parse_all)
        self.parser = Parser(self.nlp, relevant, batch_size=self.batch_size * 4)

    def _lexicons(self) -> tuple[ActorLexicon, EventLexicon, EventContext]:
        """The dictionaries and patterns, validated; cached between runs by `lexcache`."""
        return load_lexicon(self.actor_files, self.agent_files), load_event_lexicon(self.pattern_files), load_event_context()

    def code_text(self, text: str, date: str | None = None, title: str = "", id: str = "") -> Document:
        return next(self.code_documents([Document(text=text, date=date, title=title, id=id)]))

    def code_documents(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Code documents as they stream in; a document that fails keeps its error and the run goes on."""
        return code_in_batches(documents, self.batch_size, self.parser.parse, self.code_parsed)

    def code_parsed(self, document: Document, sentences: list[ParsedSentence]) -> Document:
        """Run the stages over one parsed document; fills its actors, statements and events."""
        doc = self.prepare(document, sentences)  # parse -> mentions -> actors
        for sentence in doc.parsed_sentences:
            speech = sentence_statements(doc, sentence, self.speech)
            # events, then qualify: before the derived events, which read their negation and modality
            triggers = find_triggers(sentence.span, self.knowledge.lexicon)
            built = [(t, qualify(doc, trigger_events(doc, sentence, t, speech, self.knowledge))) for t in triggers]
            doc.statements.extend(speech.statements)
            doc.events.extend(derived_events(doc, sentence, speech, built, doc.day))
        kept = assign_context_countries(doc, dedupe(doc.events), self.actors)  # after dedupe: events are final
        document.statements, document.events = doc.statements, numbered(kept)
        locate(document, sentences)  # places of events and actors, with coordinates
        return document

    def prepare(self, document: Document, sentences: list[ParsedSentence]) -> CodingDoc:
        """The first stages: mentions of every sentence (one dictionary pass per parsed Doc), then
        resolution; the CodingDoc the later stages read."""
        doc = CodingDoc.of(document, sentences, parse_anchor(document.date))
        mentions = []
        for sentence in doc.sentences:
            if id(sentence.doc) not in doc.matches:
                doc.matches[id(sentence.doc)] = DocMatches.build(sentence.doc, self.actors, self.matcher)
            mentions.extend(sentence_mentions(sentence, doc.matches[id(sentence.doc)], doc.day))
        doc.mentions = {m.key: m for m in mentions}
        doc.resolution = resolve_actors(mentions, doc.subjects)
        doc.document.actors = [a for a in doc.resolution.actors if a.mentions]
        return doc


@cache
def default_coder() -> Coder:
    """A process-wide coder for the convenience functions (a documented cache: built on first use, never mutated)."""
    return Coder()


def code_text(text: str, date: str | None = None, title: str = "") -> Document:
    """Code one text: `tacitus.code_text("Iran's foreign minister met ...", date="2024-03-04")`."""
    return default_coder().code_text(text, date=date, title=title)


def code_documents(documents: Iterable[Document | str]) -> Iterator[Document]:
    """Code many documents (or plain strings), streaming."""
    docs = (Document(text=d) if isinstance(d, str) else d for d in documents)
    return default_coder().code_documents(docs)
