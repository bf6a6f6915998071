"""The one intermediate document every stage reads and writes, in the spirit of spaCy's Doc/Span.

A `CodingDoc` holds a `Document` being coded, its parsed sentences (each a `Sentence`: the
parse plus its slot in the document), and what the stages add in order: the mentions (with a
token -> mention lookup), the resolved actors, the statements and the events. Each stage adds
its own part; none edits another's.

Offsets: spaCy gives character offsets inside the Doc a sentence was parsed in (the kept
sentences of a document are parsed together, joined by spaces). `Sentence.offsets` and
`Sentence.span_of` are the one place those become offsets into the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tacitus.model import Document, Event, Span, Statement
from tacitus.parse import ParsedSentence
from tacitus.syntax import content_head

if TYPE_CHECKING:  # annotations only: the stages import this module, not the other way round
    from tacitus.actors.coding import DocMatches
    from tacitus.actors.mentions import RawMention
    from tacitus.actors.resolve import Resolution

# A mention's handle: (sentence slot in the document, head token index in that sentence's Doc).
MentionKey = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the document: its parse and its slot (position in the sentence list)."""

    slot: int
    parsed: ParsedSentence

    @property
    def index(self) -> int:
        """Sentence number in the body; -1 for the title."""
        return self.parsed.index

    @property
    def is_parsed(self) -> bool:
        """Fully parsed (else only tokenized: dictionary names still count as mentions)."""
        return self.parsed.parsed

    @property
    def span(self) -> SpacySpan:
        return self.parsed.span

    @property
    def doc(self) -> Doc:
        return self.parsed.doc

    def key(self, tok: Token) -> MentionKey:
        return (self.slot, tok.i)

    def offsets(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Character offsets in the parsed Doc -> offsets in the document's text."""
        return self.parsed.delta + start_char, self.parsed.delta + end_char

    def token_at(self, start: int) -> Token:
        """The token of this sentence that starts at document offset `start` (an event's trigger)."""
        for tok in self.span:
            if self.parsed.delta + tok.idx == start:
                return tok
        raise ValueError(f"sentence {self.index}: no token starts at offset {start}")

    def span_of(self, item: Token | SpacySpan) -> Span:
        """A token or spaCy span as a `Span` of the document's text."""
        if isinstance(item, Token):
            start, end = self.offsets(item.idx, item.idx + len(item.text))
        else:
            start, end = self.offsets(item.start_char, item.end_char)
        return Span(item.text, start, end)


@dataclass
class CodingDoc:
    """A document in the middle of coding; see the module docstring."""

    document: Document
    day: Date | None
    sentences: list[Sentence]
    mentions: dict[MentionKey, RawMention] = field(default_factory=dict)  # token -> mention
    subjects: set[MentionKey] = field(default_factory=set)  # mention keys in subject position
    resolution: Resolution | None = None
    matches: dict[int, DocMatches] = field(default_factory=dict)  # id(parsed Doc) -> its dictionary matches
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document, parsed: list[ParsedSentence], day: Date | None) -> CodingDoc:
        """The document with its sentences, and the heads of their subjects (the resolver
        prefers an actor in subject position as the antecedent of a pronoun)."""
        sentences = [Sentence(slot, p) for slot, p in enumerate(parsed)]
        subjects = {s.key(content_head(t)) for s in sentences if s.is_parsed for t in s.span if t.dep_ in ("nsubj", "nsubjpass")}
        return cls(document=document, day=day, sentences=sentences, subjects=subjects)

    def sentence(self, index: int) -> Sentence:
        """The sentence numbered `index` in the body (-1: the title)."""
        for sentence in self.sentences:
            if sentence.index == index:
                return sentence
        raise ValueError(f"document {self.document.id!r}: no sentence {index}")

    def mention_at(self, sentence: Sentence, tok: Token) -> RawMention | None:
        """The mention whose head is `tok`, if any."""
        return self.mentions.get(sentence.key(tok))

    @property
    def spacy_docs(self) -> list[Doc]:
        """The spaCy Docs the sentences are spans of, each once (kept sentences share one)."""
        return list({id(s.doc): s.doc for s in self.sentences}.values())

    @property
    def parsed_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_parsed]
