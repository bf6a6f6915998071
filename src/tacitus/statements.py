"""Reported speech across a document: statements, their speakers, and quotes or interview
answers that go on over several sentences.

The stage (`sentence_statements`) numbers the statements `speech.find_statements` finds in a
sentence, gives each its speaker (a pronoun or title left uncoded is the speaker of the quote
just before), merges one speaker's conjoined cues, and adds the sentences that go on with an
earlier speaker (`continued_speech`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.document import CodingDoc, Sentence
from tacitus.model import ActorRef, Statement
from tacitus.parse import QUOTE_MARKS
from tacitus.speech import (
    RawStatement,
    SpeechLexicon,
    find_statements,
    load_speech_lexicon,
    matrix_cue,
    own_hedge,
    relevant_words,
)
from tacitus.syntax import depth_of, lemma_candidates
from tacitus.words import irregular_verbs

__all__ = ["RawStatement", "SentenceSpeech", "SpeechLexicon", "asked", "continued_speech", "find_statements", "load_speech_lexicon", "relevant_words", "sentence_statements"]


@dataclass(frozen=True)
class SentenceSpeech:
    """The speech of one sentence: its statements (attributions left out), each with the raw
    finding it came from, for attributing events and reading evaluations."""

    statements: list[Statement]
    raws: list[RawStatement]
    # sentences that go on with an earlier statement (a quote, an answer): no statement of their own
    continued: list[tuple[RawStatement, Statement]] = field(default_factory=list)

    def spoken(self) -> list[tuple[RawStatement, Statement]]:
        """Every content of the sentence with the statement it belongs to."""
        return list(zip(self.raws, self.statements, strict=True)) + self.continued

    def owner_of(self, tok: Token) -> tuple[str | None, str | None]:
        """(speaker actor id, statement id) of the statement whose content holds `tok`."""
        for raw, statement in self.spoken():
            if tok.i in raw.content_tokens:
                return statement.speaker.actor, statement.id
        return None, None


def _open_quote(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end."""
    return text.count("“") > text.count("”") or text.count("«") > text.count("»") or text.count('"') % 2 == 1


def _prefix(span: Span) -> Span | None:
    """"A: …", "Kuleba: …", "Hua Chunying: …": the words before a colon opening the sentence."""
    colon = next((t for t in span[:5] if t.text == ":"), None)
    return span.doc[span.start : colon.i] if colon is not None and colon.i > span.start else None


def _is_answer(text: str, statement: Statement) -> bool:
    """Whether the statement's words follow a colon to the end of its paragraph: "said: …", an
    answer line ("A: …") or one whose cue opens a longer name ("Hua Chunying: …")."""
    if text[statement.cue.end : statement.cue.end + 1] == ":":
        return True
    line_start = text.rfind("\n", 0, statement.cue.start) + 1
    name, colon, _ = text[statement.cue.start : statement.cue.start + 60].partition(":")
    return statement.cue.start == line_start and bool(colon) and "\n" not in name and len(name.split()) <= 5 and not any(p in name for p in ".?!\"")


def _is_interview(statement: Statement, lexicon: SpeechLexicon) -> bool:
    word = statement.cue.text.lower()
    return bool({irregular_verbs().get(word, word), *lemma_candidates(word)} & lexicon.interview_cues)


def _follows(doc: CodingDoc, sentence: Sentence, last: Statement, start: int) -> bool:
    """Whether `last` speaks right before `sentence`: in the sentence before it, or in a quote
    that the sentence before it closes (a few sentences back at most)."""
    if sentence.slot == 0:
        return False
    previous = doc.sentences[sentence.slot - 1]
    before = previous.index
    if last.sentence == before or _acts(doc, previous, last.speaker):
        return True  # "Khamenei also praised the armed forces. / “The Zionist regime …”"
    return 0 <= before - last.sentence <= 5 and doc.document.text[:start].rstrip()[-1:] in QUOTE_MARKS


def _acts(doc: CodingDoc, sentence: Sentence, speaker: ActorRef) -> bool:
    """Whether the main clause of `sentence` has the speaker (a person) as its subject."""
    if not sentence.is_parsed or speaker.actor is None or not _is_person(doc, speaker):
        return False
    subjects = [t for t in sentence.span if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
    return any(r.actor == speaker.actor for t in subjects for r in refs(doc, sentence, t))


def _is_person(doc: CodingDoc, ref: ActorRef) -> bool:
    return ref.actor is not None and doc.resolution is not None and doc.resolution.actor(ref.actor).kind == "person"


def _paragraph_at(text: str, start: int) -> str:
    """The paragraph (line) of `text` that holds the offset `start`."""
    end = text.find("\n", start)
    return text[text.rfind("\n", 0, start) + 1 : end if end >= 0 else len(text)]


def asked(doc: CodingDoc, sentence: Sentence, lexicon: SpeechLexicon) -> bool:
    """Whether `sentence` is an interviewer's question: a "?" sentence of a "Q: …" line or of a
    "Name: … ?" line (a question is nobody's statement and asserts nothing)."""
    text, start = doc.document.text, sentence.span_of(sentence.span).start
    if not sentence.span.text.rstrip().rstrip("\"”'").endswith("?"):
        return False
    line = _paragraph_at(text, start)
    head = line.split(":", 1)[0].strip().lower() if ":" in line[:40] else None
    return head is not None and (head in lexicon.question_prefixes or line.rstrip().endswith("?"))


def _answer_speaker(doc: CodingDoc, sentence: Sentence, prefix: Span, lexicon: SpeechLexicon) -> ActorRef | None:
    """Who answers on an "A:" or "Name:" line: the interviewee, or the actor the name codes."""
    said = prefix.text.lower()
    if said in lexicon.question_prefixes:
        return None
    if said in lexicon.answer_prefixes:
        text = doc.document.text
        interviewee = next((s for s in reversed(doc.statements) if _is_interview(s, lexicon) or _is_answer(text, s)), None)
        return interviewee.speaker if interviewee else None
    head = prefix.root
    found = refs(doc, sentence, head)
    if not found or found[0].actor is None or head.lemma_.lower() in lexicon.attribution_heads:
        return None  # "Reuters: …", "Interview: …": narration's sourcing or a heading
    actor = doc.resolution.actor(found[0].actor) if doc.resolution is not None else None
    if actor is None or actor.sector == "MED" or found[0].country is None and actor.kind != "person":
        return None  # a news outlet asks; a person named before may still wait for a country
    return found[0]


def continued_speech(doc: CodingDoc, sentence: Sentence, lexicon: SpeechLexicon) -> tuple[RawStatement, ActorRef, Statement | None] | None:
    """The document-level part of speech: a sentence with no cue of its own still belongs to a
    speaker when it is an interview answer ("A: …", "Kuleba: …") or a quoted paragraph right
    after the speaker's words — a statement of its own — or when it goes on with a quote opened
    before or with an answer's paragraph — then it continues that statement (the third item).
    Narration or another speaker ends it."""
    span = sentence.span
    if sentence.index < 0 or not len(span):
        return None
    text, start = doc.document.text, sentence.span_of(span).start
    prefix, last = _prefix(span), (doc.statements[-1] if doc.statements else None)
    cue, speaker, owner = span[0], None, None
    if prefix is not None and _paragraph_at(text, start).rstrip().endswith("?"):
        return None  # "Bloomberg: … Your comment?": the interviewer asks
    if prefix is not None:
        cue, speaker = prefix[0], _answer_speaker(doc, sentence, prefix, lexicon)
    elif last is None or last.sentence < sentence.index - 6:
        return None
    elif span[0].text in QUOTE_MARKS and _follows(doc, sentence, last, start):
        # a quoted paragraph with no cue of its own; in the speaker's own paragraph it goes on
        speaker, owner = last.speaker, (last if "\n" not in text[last.cue.end : start] else None)
    elif _open_quote(text[max(0, min(last.cue.start, last.content.start) - 1) : start]) and "\n" not in text[last.cue.end : start]:
        # (a quote never runs on into a new paragraph that does not reopen it)
        speaker, owner = last.speaker, last  # the quote goes on
    elif _is_answer(text, last) and "\n" not in text[last.cue.end : start]:
        speaker, owner = last.speaker, last  # the answer goes on to the end of its paragraph
    if speaker is None or speaker.actor is None:
        return None
    begin = prefix.end + 1 if prefix is not None else span.start  # after the colon
    content = set(range(begin, span.end))
    raw = RawStatement(cue=cue, speakers=[], content_start=begin, content_end=span.end, direct=True, attribution=False, content_tokens=content)
    return raw, speaker, owner


def _speaker(doc: CodingDoc, sentence: Sentence, raw: RawStatement, lexicon: SpeechLexicon) -> ActorRef:
    """The speaker's reference; a pronoun or title the resolver left uncoded ('…," he
    said', "the President said") is the speaker of the quote just before, when there is one."""
    ref = refs(doc, sentence, raw.speakers[0])[0]
    head = raw.speakers[0]
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if ref.actor is None and owner is not None and (mine := refs(doc, sentence, owner)[0]).actor is not None:
        # "His office said", "her ministry said": the office speaks for the person named before
        return replace(mine, text=ref.text, start=ref.start, end=ref.end, phrase_start=ref.phrase_start, phrase_end=ref.phrase_end)
    last = doc.statements[-1] if doc.statements else None
    unresolved = ref.country is None and (head.pos_ == "PRON" or head.lower_ in lexicon.speaker_titles)
    if not unresolved or last is None or last.speaker.country is None or not 0 <= sentence.index - last.sentence <= 3:
        return ref
    return replace(last.speaker, text=ref.text, start=ref.start, end=ref.end, phrase_start=ref.phrase_start, phrase_end=ref.phrase_end)


def _a_thing(raw: RawStatement, speaker: ActorRef, lexicon: SpeechLexicon) -> bool:
    """"The find suggests …", "investigations revealed …": an inference verb whose subject is a
    thing no actor stands for, not a report's source ("the survey shows") either."""
    head = raw.speakers[0] if raw.speakers else None
    if head is None or raw.cue.lemma_.lower() not in lexicon.inference_cues:
        return False
    # "the group's investigations revealed …": an actor owning the thing does not say it
    thing = speaker.actor is None or head.lower_ not in speaker.text.lower()
    return thing and head.pos_ == "NOUN" and head.lemma_.lower() not in lexicon.attribution_heads


def sentence_statements(doc: CodingDoc, sentence: Sentence, lexicon: SpeechLexicon) -> SentenceSpeech:
    """The stage: the statements of one parsed sentence, numbered after the document's earlier ones."""
    statements, raws = [], []
    found = find_statements(sentence.span, lexicon)
    prefix = _prefix(sentence.span)
    if prefix is not None and prefix.text.lower() in lexicon.question_prefixes:
        found = [raw for raw in found if raw.speakers[0].i >= prefix.end]  # "Q: …" is no speaker
    spoken = [(raw, _speaker(doc, sentence, raw, lexicon)) for raw in found if not raw.attribution]
    spoken = [(raw, speaker) for raw, speaker in spoken if not _a_thing(raw, speaker, lexicon)]
    continued: list[tuple[RawStatement, Statement]] = []
    last = doc.statements[-1] if doc.statements else None
    if last is not None and 0 <= sentence.index - last.sentence <= 3:
        # "…, he said. I believe we have a duty …": the speaker just quoted goes on
        continued += [(raw, last) for raw, _ in spoken if own_hedge(raw, lexicon)]
        spoken = [(raw, speaker) for raw, speaker in spoken if not own_hedge(raw, lexicon)]
    main_cue = any(depth_of(raw.cue) == 0 for raw in found)  # a cue in a relative clause leaves the quote going on
    if not main_cue and (more := continued_speech(doc, sentence, lexicon)) is not None:
        raw, speaker, owner = more
        if owner is not None:
            continued.append((raw, owner))
        else:
            spoken = [*spoken, (raw, speaker)]
    for raw, speaker in spoken:
        # "described the US as … and said …": one speaker's conjoined cues are one statement
        joined = raw.cue.head if raw.cue.dep_ == "conj" else None
        joined = matrix_cue(raw.cue, lexicon) or joined  # "said the forces had taken … and accused …"
        first = next((st for r, st in zip(raws, statements, strict=True) if joined is not None and joined.i == r.cue.i and st.speaker.actor == speaker.actor), None)
        if first is not None and speaker.actor is not None:
            continued.append((raw, first))
            continue
        statements.append(
            Statement(
                id=f"S{len(doc.statements) + len(statements) + 1}",
                sentence=sentence.index,
                speaker=speaker,
                cue=sentence.span_of(raw.cue),
                content=sentence.span_of(sentence.doc[raw.content_start : raw.content_end]),
                direct=raw.direct,
                # "announced the release of prisoners": the act it is about, not the speaking,
                # is what the sentence reports — never ranked above it
                depth=depth_of(raw.cue) + (0 if raw.holds_claims else 1),
            )
        )
        raws.append(raw)
    return SentenceSpeech(statements, raws, continued)
