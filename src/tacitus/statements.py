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

from tacitus.datafiles import load_yaml, read_data
from tacitus.events.extract import expand
from tacitus.parse import QUOTE_MARKS

ACCUSING_CUES = {"accuse", "blame", "charge", "allege", "condemn", "criticise", "criticize", "denounce", "fault", "suspect"}


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


def find_statements(sentence: Span, lexicon: SpeechLexicon) -> list[RawStatement]:
    found: list[RawStatement] = []
    quotes = _quote_spans(sentence)
    for tok in sentence:
        # "According to X, ..."
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and sentence.doc[tok.i + 1].lower_ == "to":
            to = sentence.doc[tok.i + 1]
            pobjs = [c for c in to.children if c.dep_ == "pobj"]
            if not pobjs:
                continue
            speaker = pobjs[0]
            phrase = set(range(tok.i, max(t.i for t in speaker.subtree) + 1))
            content = [t.i for t in sentence if t.i not in phrase and not t.is_punct]
            if not content:
                continue
            found.append(
                RawStatement(
                    cue=tok,
                    speakers=expand(speaker),
                    content_start=min(content),
                    content_end=max(content) + 1,
                    direct=False,
                    attribution=_is_attribution(speaker, "according", lexicon),
                    content_tokens=set(content),
                )
            )
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


# --- what a speaker does by saying it ------------------------------------------------------
# "Turkey says it will launch an offensive" is Turkey threatening force (138); "Qatar said it
# would send aid" an intent to give aid (033); "Britain said it will not lift the ban" a
# refusal (124). CAMEO codes such announcements of the speaker's own future action as the
# speaker's verbal act; the announced action itself stays the speaker's claim.
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030", "14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "1383"}
INTENT_BY_CODE = {"163": "1312", "161": "1313", "162": "1311", "0841": "0353", "085": "0354", "087": "0356", "0871": "0356", "057": "032"}
REFUSAL_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
REFUSAL_BY_CODE = {"081": "1241", "0841": "1243", "085": "1244", "086": "1245", "087": "1246", "0871": "1246", "0874": "1246"}


def announced_code(event_code: str, root: str, negated: bool) -> str | None:
    """The CAMEO code of announcing one's own future action `event_code` (negated: refusing it)."""
    if negated:
        return REFUSAL_BY_CODE.get(event_code) or REFUSAL_BY_ROOT.get(root)
    return INTENT_BY_CODE.get(event_code) or INTENT_BY_ROOT.get(root)


# --- statements that are acts: evaluations ---------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    code: str
    words: frozenset[str]


@cache
def load_evaluations() -> tuple[Evaluation, ...]:
    data = load_yaml(read_data("evaluative.yaml"))
    if not isinstance(data, dict):
        raise SpeechLexiconError("evaluative.yaml: expected a mapping")
    out = []
    for name, item in data.items():
        if not isinstance(item, dict) or not str(item.get("code", "")).isdigit() or not isinstance(item.get("words"), list):
            raise SpeechLexiconError(f"evaluative.yaml:{name}: needs a `code` and a list of `words`")
        out.append(Evaluation(code=str(item["code"]), words=frozenset(str(w).lower() for w in item["words"])))
    return tuple(out)


def evaluation_in(content: Span, evaluations: tuple[Evaluation, ...]) -> tuple[Evaluation, Token] | None:
    """An evaluative word used as what the content predicates ("was a disgrace", "is unacceptable",
    "a historic step"), with the word's token."""
    text_words = [t for t in content if not t.is_punct]
    for evaluation in evaluations:
        for tok in text_words:
            words = {tok.lower_, tok.lemma_.lower()}
            if tok.i + 1 < content.end:
                words.add(f"{tok.lower_} {content.doc[tok.i + 1].lower_}")
            # only what the content predicates: "was a disgrace", "is unacceptable", "called it a sham"
            if words & evaluation.words and (tok.dep_ in ("attr", "acomp", "oprd") or tok.dep_ in ("amod", "compound") and tok.head.dep_ in ("attr", "oprd")):
                return evaluation, tok
    return None


def evaluated_actor_tokens(content: Span, word: Token) -> list[Token]:
    """Whose doing the evaluation is about: the possessor or the subject of what is evaluated
    ("the UN's stance was a disgrace" -> the UN), else any named actor in the content."""
    head = word
    while head.dep_ in ("attr", "acomp", "amod", "compound", "det", "oprd") and head.head.i != head.i:
        head = head.head
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    candidates = []
    for subject in subjects:
        candidates += [c for c in subject.children if c.dep_ == "poss"] + [subject]
    candidates += [t for t in content if t.pos_ == "PROPN" or t.dep_ == "poss"]
    return candidates
