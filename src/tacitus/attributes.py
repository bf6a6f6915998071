"""The attribute ruler and the lemmatizer of the spaCy model, as a lookup table.

Both components give a token's POS, morphology and lemma (and, for whitespace, its tag and
dependency label) from what the token is and what the tagger and parser said about it: the
ruler's rules of one token read only the token's own attributes, and the rule lemmatizer reads
only the token's text, POS and morphology. So their output for a token is a function of

    (ORTH, TAG, DEP, POS, MORPH, LEMMA before the ruler, the ruler's context rules aiming at it)

where the context rules are the few rules of more than one token, or reading anything outside
`OWN` ("gon na", "there is"); a small matcher of just those, run only around the words they
name, finds which ones aim at which token. `AttributeMemo` keeps that function as a table and
writes a Doc's values in one array write. Tokens not in the table yet are worked out the way
the ruler works, on a Doc of just those tokens: every rule matching a token (its rules of one
token, matched there, and the context rules of its key) sets its attributes in rule order, and
the model's own lemmatizer follows. The result is the same, token for token; only the time
differs (the ruler runs ~180 patterns over every token, and the lemmatizer caches neither base
forms nor proper nouns).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# What a token's key is read from, and what the two components may write.
KEY = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
WRITTEN = [TAG, DEP, POS, MORPH, LEMMA]
WRITES = frozenset(["TAG", "DEP", "POS", "MORPH", "LEMMA"])
# Pattern keys that read only the token itself (its text and lexical attributes, or what the
# tagger and parser gave it): a rule of one token reading only these acts on the key alone.
# NORM is not among them: a tokenizer exception sets it per token, not per word.
OWN = frozenset([
    "ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "POS", "MORPH", "LEMMA",
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
    "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
    "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
])
# Literal values a context rule's token may be required to have: the Docs (and the windows of
# them) without such a token need not be matched at all.
SCREENED = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP}
MAX_ENTRIES = 100_000  # the table starts again past this (~20 MB; 2,590 news articles fill ~124,000)


def _rows(array: numpy.ndarray) -> list[bytes]:
    """The rows of a 2-D uint64 array, each as the bytes it is made of."""
    array = numpy.ascontiguousarray(array, dtype=numpy.uint64)
    return array.view(numpy.dtype((numpy.void, array.shape[1] * 8))).ravel().tolist()


def _own(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and all(key.upper() in OWN for key in pattern[0])


def _screen(pattern: list[dict[str, Any]], strings: Any) -> tuple[int, int, int, list[int]] | None:
    """(length, offset, attribute, values): every match of the pattern has, at `offset`, a token
    whose `attribute` is one of `values` (the fewest the pattern offers); None when the pattern
    has no fixed length or no such literal."""
    if any("OP" in spec for spec in pattern):
        return None
    best: tuple[int, int, int, list[int]] | None = None
    for offset, spec in enumerate(pattern):
        for key, value in spec.items():
            attr = SCREENED.get(key.upper())
            if attr is None:
                continue
            if isinstance(value, str):
                values = [value]
            elif isinstance(value, dict) and set(value) == {"IN"}:
                values = list(value["IN"])
            else:
                continue
            if best is None or len(values) < len(best[3]):
                best = (len(pattern), offset, attr, [strings.add(v) for v in values])
    return best


class AttributeMemo:
    """A pipeline component standing for the model's `attribute_ruler` followed by its
    `lemmatizer`: the ruler's rules and the lemmatizer fill the table."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Any, vocab: Vocab):
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.vocab = vocab
        self.table: dict[bytes | tuple[bytes, tuple[int, ...]], bytes] = {}  # key -> WRITTEN values
        self.own = Matcher(vocab)  # the rules of one token
        self.context = Matcher(vocab)  # and the others, to find which tokens they aim at
        self.numbers: dict[int, int] = {}  # own matcher key -> rule number
        self.aims: dict[int, tuple[int, int]] = {}  # context matcher key -> (rule number, index)
        screens = []
        for number, rule in enumerate(ruler.patterns):
            if all(_own(p) for p in rule["patterns"]):
                key = vocab.strings.add(f"own rule {number}")
                self.own.add(key, rule["patterns"])
                self.numbers[key] = number
                continue
            key = vocab.strings.add(f"context rule {number}")
            self.context.add(key, rule["patterns"])
            self.aims[key] = (number, rule["index"])
            screens += [_screen(p, vocab.strings) for p in rule["patterns"]]
        # None: some context pattern cannot be screened, so every Doc is matched whole
        self.screens = None if None in screens else [s for s in screens if s is not None]
        self.screened = sorted({attr for _, _, attr, _ in self.screens or []})
        # per screened attribute, every value any screen wants: one look at each column
        self.wanted = [numpy.array(sorted({v for _, _, a, vs in self.screens or [] if a == attr for v in vs}), dtype=numpy.uint64) for attr in self.screened]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = self._keys(doc)
        values = list(map(self.table.get, keys))
        if None in values:
            new = list(dict.fromkeys(k for k, v in zip(keys, values, strict=True) if v is None))
            worked = dict(zip(new, self._alone(new), strict=True))
            if len(self.table) + len(worked) > MAX_ENTRIES:
                self.table.clear()
            self.table.update(worked)
            values = [worked[k] if v is None else v for k, v in zip(keys, values, strict=True)]
        doc.from_array(WRITTEN, numpy.frombuffer(b"".join(values), dtype=numpy.uint64).reshape((len(doc), len(WRITTEN))))
        return doc

    def _keys(self, doc: Doc) -> list[bytes | tuple[bytes, tuple[int, ...]]]:
        """Each token's KEY values (as the bytes of its row: small, and hashed fast), paired
        with the context rules aiming at it, if any."""
        keys: list[bytes | tuple[bytes, tuple[int, ...]]] = list(_rows(doc.to_array(KEY)))
        aimed: dict[int, set[int]] = {}
        for a, b in self._windows(doc):
            for span in self.context(doc[a:b], as_spans=True, allow_missing=True):
                number, index = self.aims[span.label]
                aimed.setdefault(range(span.start, span.end)[index], set()).add(number)
        for i, numbers in aimed.items():
            keys[i] = (keys[i], tuple(sorted(numbers)))  # type: ignore[assignment]
        return keys

    def _alone(self, keys: list[bytes | tuple[bytes, tuple[int, ...]]]) -> list[bytes]:
        """What the two components give the tokens of these keys, worked out on a Doc of just
        those tokens with their KEY values (each on its own there): the ruler's way, every rule
        that matches the token (the rules of one token, matched here, and the context rules of
        its key) sets its attributes in the order of the rules; then the real lemmatizer."""
        rows = numpy.frombuffer(b"".join(k[0] if isinstance(k, tuple) else k for k in keys), dtype=numpy.uint64)
        rows = rows.reshape((len(keys), len(KEY)))
        strings = self.vocab.strings
        doc = Doc(self.vocab, words=[strings[orth] for orth in rows[:, 0].tolist()])
        doc.from_array(KEY[1:], rows[:, 1:])
        rules: list[list[int]] = [list(k[1]) if isinstance(k, tuple) else [] for k in keys]
        for key, start, _ in self.own(doc, allow_missing=True):
            rules[start].append(self.numbers[key])
        for token, numbers in zip(doc, rules, strict=True):
            for number in sorted(numbers):
                set_token_attrs(token, self.ruler.attrs[number])
        return _rows(self.lemmatizer(doc).to_array(WRITTEN))

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Disjoint stretches of `doc` that hold every match of a context rule."""
        if self.screens is None:
            return [(0, len(doc))]
        if not self.screens:
            return []
        columns = doc.to_array(self.screened).reshape((len(doc), len(self.screened)))
        hits = {}  # (position, attribute) -> its value, where some screen may want it
        for c, attr in enumerate(self.screened):
            for p in numpy.flatnonzero(numpy.isin(columns[:, c], self.wanted[c])).tolist():
                hits[p, attr] = int(columns[p, c])
        stretches = [
            (max(0, p - offset), min(len(doc), p - offset + length))
            for (p, attr), value in hits.items()
            for length, offset, wanted, values in self.screens
            if wanted == attr and value in values
        ]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(stretches):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


@Language.factory("tacitus_attributes")
def make_attribute_memo(nlp: Language, name: str) -> AttributeMemo:
    return AttributeMemo(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"), nlp.vocab)


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer's word lists (`lemma_index`, ~57,000 nouns) only answer `form in
    index`; as sets they answer at once instead of by a scan, with the same answers."""
    index = lemmatizer.lookups.get_table("lemma_index", None)
    for pos, forms in list((index or {}).items()):
        index[pos] = frozenset(forms)


def use_attribute_memo(nlp: Language) -> Language:
    """Put the table in the place of the ruler and the lemmatizer (both stay, disabled, for the
    table's misses); a pipeline without the two is returned as it is."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names or names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return nlp
    if getattr(nlp.get_pipe("lemmatizer"), "mode", "") != "rule":
        return nlp
    if any(key.upper() not in WRITES for rule in nlp.get_pipe("attribute_ruler").patterns for key in rule["attrs"]):
        return nlp  # a rule writing anything else (an extension attribute): not in the table
    _index_as_sets(nlp.get_pipe("lemmatizer"))
    nlp.add_pipe("tacitus_attributes", before="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return nlp
