"""Reported speech: who says what, with which cue, directly or indirectly.

`find_statements` finds, in one parsed sentence, indirect speech ("X said that …", "X stressed
…"), direct quotes ("“…,” he said"), and "according to X, …". A speaker that is only a report's
sourcing ("…, officials said", "…, Reuters reported") is an attribution, not a statement: its
content stays the text's own assertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.datafiles import load_yaml, read_data
from tacitus.document import CodingDoc, Sentence
from tacitus.model import Statement
from tacitus.parse import QUOTE_MARKS
from tacitus.syntax import depth_of, expand
from tacitus.words import words

ACCUSING_CUES = words("accusing_cues")


class SpeechLexiconError(ValueError):
    pass


@dataclass(frozen=True)
class SpeechLexicon:
    cues: frozenset[str]
    attribution_heads: frozenset[str]
    neutral_cues: frozenset[str]


@cache
def load_speech_lexicon() -> SpeechLexicon:
    data = load_yaml(read_data("speech.yaml"))
    if not isinstance(data, dict):
        raise SpeechLexiconError("speech.yaml: expected a mapping")
    lists = {}
    for key in ("cues", "attribution_heads", "neutral_cues"):
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise SpeechLexiconError(f"speech.yaml: `{key}` must be a list of words")
        lists[key] = frozenset(v.lower() for v in values)
    return SpeechLexicon(**lists)


@dataclass
class RawStatement:
    cue: Token
    speakers: list[Token]
    content_start: int  # token indexes, end exclusive
    content_end: int
    direct: bool
    attribution: bool  # a report's sourcing, not a speaker in the news
    content_tokens: set[int] = field(default_factory=set)


def _quote_spans(sentence: Span) -> list[tuple[int, int]]:
    """Token ranges between quotation marks."""
    spans, open_at = [], None
    for tok in sentence:
        if tok.text in QUOTE_MARKS or tok.text in ("''", "``"):
            if open_at is None:
                open_at = tok.i + 1
            else:
                spans.append((open_at, tok.i))
                open_at = None
    if open_at is not None and open_at < sentence.end:
        spans.append((open_at, sentence.end))  # a quote running on past the sentence
    return spans


def _is_attribution(speaker: Token, cue_lemma: str, lexicon: SpeechLexicon) -> bool:
    if speaker.ent_type_ == "PERSON":
        return False
    head = speaker.lemma_.lower()
    named = speaker.ent_type_ in ("ORG",) and speaker.pos_ == "PROPN"
    if named and cue_lemma in ("report", "say", "write", "according") and speaker.ent_type_ == "ORG":
        # "Reuters reported", "El Tiempo reported": a news outlet sourcing the story.
        return any(w in speaker.sent.text for w in ("reported", "according to")) or cue_lemma == "report"
    return head in lexicon.attribution_heads and cue_lemma in lexicon.neutral_cues


def _according_to(sentence: Span, tok: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"According to X, ...": X says the rest of the sentence."""
    to = sentence.doc[tok.i + 1]
    pobjs = [c for c in to.children if c.dep_ == "pobj"]
    if not pobjs:
        return []
    speaker = pobjs[0]
    phrase = set(range(tok.i, max(t.i for t in speaker.subtree) + 1))
    content = [t.i for t in sentence if t.i not in phrase and not t.is_punct]
    if not content:
        return []
    return [
        RawStatement(
            cue=tok,
            speakers=expand(speaker),
            content_start=min(content),
            content_end=max(content) + 1,
            direct=False,
            attribution=_is_attribution(speaker, "according", lexicon),
            content_tokens=set(content),
        )
    ]


def find_statements(sentence: Span, lexicon: SpeechLexicon) -> list[RawStatement]:
    """Every speech act of one parsed sentence (attributions included, flagged)."""
    found: list[RawStatement] = []
    quotes = _quote_spans(sentence)
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and sentence.doc[tok.i + 1].lower_ == "to":
            found.extend(_according_to(sentence, tok, lexicon))
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lexicon.cues:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj",)]
        if not subjects:
            continue
        speaker = subjects[0]
        comps = [c for c in tok.children if c.dep_ in ("ccomp",)]
        if not comps and tok.lemma_.lower() in ACCUSING_CUES:
            # "accused Ukraine of shelling the plant": the charge is what the accuser claims
            comps = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children if g.dep_ == "pcomp"]
        direct = False
        start = end = None
        inside_quote = next(((a, b) for a, b in quotes if comps and a <= comps[0].i < b), None)
        if comps:
            sub = list(comps[0].subtree)
            start, end = sub[0].i, sub[-1].i + 1
            if start > 0 and sentence.doc[start].lower_ in ("that",):
                start += 1
            if inside_quote:
                start, end, direct = inside_quote[0], inside_quote[1], True
        elif quotes and not any(a <= tok.i < b for a, b in quotes):
            # "“We will not yield,” he said." with the quote parsed as a sibling
            start, end = quotes[0]
            direct = True
        if start is None or end is None or end <= start:
            continue
        # Trim punctuation at the edges of the content.
        while end - 1 > start and sentence.doc[end - 1].is_punct:
            end -= 1
        while start < end and sentence.doc[start].is_punct:
            start += 1
        found.append(
            RawStatement(
                cue=tok,
                speakers=expand(speaker),
                content_start=start,
                content_end=end,
                direct=direct,
                attribution=_is_attribution(speaker, tok.lemma_.lower(), lexicon),
                content_tokens=set(range(start, end)),
            )
        )
    return found


@dataclass(frozen=True)
class SentenceSpeech:
    """The speech of one sentence: its statements (attributions left out), each with the raw
    finding it came from, for attributing events and reading evaluations."""

    statements: list[Statement]
    raws: list[RawStatement]

    def owner_of(self, tok: Token) -> tuple[str | None, str | None]:
        """(speaker actor id, statement id) of the statement whose content holds `tok`."""
        for raw, statement in zip(self.raws, self.statements, strict=True):
            if tok.i in raw.content_tokens:
                return statement.speaker.actor, statement.id
        return None, None


def sentence_statements(doc: CodingDoc, sentence: Sentence, lexicon: SpeechLexicon) -> SentenceSpeech:
    """The stage: the statements of one parsed sentence, numbered after the document's earlier ones."""
    statements, raws = [], []
    for raw in find_statements(sentence.span, lexicon):
        if raw.attribution:
            continue
        speaker = refs(doc, sentence, raw.speakers[0])[0]
        statements.append(
            Statement(
                id=f"S{len(doc.statements) + len(statements) + 1}",
                sentence=sentence.index,
                speaker=speaker,
                cue=sentence.span_of(raw.cue),
                content=sentence.span_of(sentence.doc[raw.content_start : raw.content_end]),
                direct=raw.direct,
                depth=depth_of(raw.cue),
            )
        )
        raws.append(raw)
    return SentenceSpeech(statements, raws)
