"""Reported speech: who says what, with which cue, directly or indirectly.

`find_statements` finds, in one parsed sentence, indirect speech ("X said that …", "X stressed
…"), direct quotes ("“…,” he said"), and "according to X, …". A speaker that is only a report's
sourcing ("…, officials said", "…, Reuters reported") is an attribution, not a statement: its
content stays the text's own assertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Span, Token

from tacitus.actors.refs import refs
from tacitus.datafiles import load_yaml, read_data
from tacitus.document import CodingDoc, Sentence
from tacitus.model import ActorRef, Statement
from tacitus.parse import QUOTE_MARKS
from tacitus.syntax import depth_of, expand, lemma_candidates, subjects_of
from tacitus.words import irregular_verbs, words

ACCUSING_CUES = words("accusing_cues")


class SpeechLexiconError(ValueError):
    pass


@dataclass(frozen=True)
class SpeechLexicon:
    cues: frozenset[str]
    attribution_heads: frozenset[str]
    neutral_cues: frozenset[str]
    interview_cues: frozenset[str]
    interviewer_words: frozenset[str]
    answer_prefixes: frozenset[str]
    question_prefixes: frozenset[str]
    first_person: frozenset[str]
    speaker_titles: frozenset[str]
    naming_cues: frozenset[str]
    object_cues: frozenset[str]


def relevant_words(lexicon: SpeechLexicon) -> frozenset[str]:
    """The verbs that can make a sentence speech (for choosing the sentences to parse)."""
    return lexicon.cues | lexicon.naming_cues | lexicon.interview_cues | lexicon.object_cues


@cache
def load_speech_lexicon() -> SpeechLexicon:
    data = load_yaml(read_data("speech.yaml"))
    if not isinstance(data, dict):
        raise SpeechLexiconError("speech.yaml: expected a mapping")
    lists = {}
    for key in ("cues", "attribution_heads", "neutral_cues", "interview_cues", "interviewer_words", "answer_prefixes", "question_prefixes", "first_person", "speaker_titles", "naming_cues", "object_cues"):
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
    # False for "condemned the attacks", "announced a truce": the object is what the act is
    # about, not a claim of the speaker's (events in it stay as the text gives them)
    holds_claims: bool = True


def _quote_spans(sentence: Span) -> list[tuple[int, int]]:
    """Token ranges between quotation marks."""
    spans, open_at = [], None
    for tok in sentence:
        if tok.text in QUOTE_MARKS or tok.text in ("''", "``"):
            if open_at is None and not spans and _closing(tok):
                spans.append((sentence.start, tok.i))  # a quote opened in an earlier sentence ends here
            elif open_at is None:
                open_at = tok.i + 1
            else:
                spans.append((open_at, tok.i))
                open_at = None
    if open_at is not None and open_at < sentence.end:
        spans.append((open_at, sentence.end))  # a quote running on past the sentence
    return spans


def _closing(mark: Token) -> bool:
    """A quotation mark that closes: a closing curly mark, or a straight one glued to the word
    before it and followed by a space or punctuation ('…,” he said', '…neighbours," he said')."""
    if mark.text in "”»":
        return True
    if mark.text != '"' or mark.i == mark.sent.start or mark.nbor(-1).whitespace_:
        return False
    return bool(mark.whitespace_) or mark.i + 1 >= len(mark.doc) or mark.nbor(1).is_punct


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


def _naming(tok: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"X described the strikes as terrorism", "X called the deal a sham": X says what the
    object is; the object and its name are the content."""
    objects = [c for c in tok.children if c.dep_ == "dobj" and not c.lower_.endswith(("self", "selves"))]  # not "call themselves"
    # "as" on the verb or on its object ("described [the decision as a provocation]")
    names = [c for h in (tok, *objects) for c in h.children if c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as"]
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] or subjects_of(tok)
    if not objects or not names or not subjects:
        return []
    content = [t.i for part in objects + names for t in part.subtree if not t.is_punct]
    start, end = min(content), max(content) + 1
    return [RawStatement(cue=tok, speakers=expand(subjects[0]), content_start=start, content_end=end, direct=False,
                         attribution=_is_attribution(subjects[0], tok.lemma_.lower(), lexicon), content_tokens=set(range(start, end)))]


def _interview(tok: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"X spoke to our correspondent": X is interviewed; what X says comes in the answers."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    listeners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for g in c.children if g.dep_ == "pobj"]
    if not subjects or not any(g.lower_ in lexicon.interviewer_words for g in listeners):
        return []
    return [RawStatement(cue=tok, speakers=expand(subjects[0]), content_start=tok.i, content_end=tok.i + 1, direct=False, attribution=False)]


def _past_dateline(subject: Token, sentence: Span) -> Token:
    """"GENEVA, Nov. 15 - WHO chief Tedros said …": the parser may make the dateline's place the
    subject; the speaker is the subject (or apposition) after the dash."""
    dash = next((t.i for t in sentence[:10] if t.text in ("-", "--", "—", "–")), None)
    if dash is None or subject.i >= dash or not sentence[0].text.isupper() or len(sentence[0].text) < 2:
        return subject
    after = [c for c in subject.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > dash]
    after += [c for c in subject.children if c.dep_ == "appos" and c.i > dash]
    return after[0] if after else subject


def _object_statement(tok: Token, speaker: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"X condemned the attacks", "X called on Y to withdraw", "X announced a truce", "X
    threatened to open the border": a speech act whose object (or infinitive, or "on"/"to"
    phrase) says what it is about."""
    if speaker.tag_ in ("WDT", "WP") or speaker.lower_ in lexicon.first_person or speaker.lower_ == "that":
        return []  # "…, which had denied it" is background; "I promise…" is the quote's own act
    parts = [c for c in tok.children if c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" and c.lower_ in ("on", "upon", "for", "to")]
    content = sorted(t.i for part in parts for t in part.subtree if not t.is_punct)
    if not content:
        return []
    start, end = content[0], content[-1] + 1
    return [RawStatement(cue=tok, speakers=expand(speaker), content_start=start, content_end=end, direct=False,
                         attribution=_is_attribution(speaker, tok.lemma_.lower(), lexicon), holds_claims=False)]


def _joint_speakers(speaker: Token) -> list[Token]:
    """The persons conjoined to the speaker: "Lavrov and his Iranian counterpart Amir-Abdollahian"."""
    out = []
    for conj in (c for c in speaker.conjuncts if c.i > speaker.i):
        named = [conj] if conj.ent_type_ == "PERSON" else [g for g in conj.children if g.dep_ == "appos" and g.ent_type_ == "PERSON"]
        out += named[:1]
    return out


def find_statements(sentence: Span, lexicon: SpeechLexicon) -> list[RawStatement]:
    """Every speech act of one parsed sentence (attributions included, flagged)."""
    found: list[RawStatement] = []
    quotes = _quote_spans(sentence)
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and sentence.doc[tok.i + 1].lower_ == "to":
            found.extend(_according_to(sentence, tok, lexicon))
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lexicon.naming_cues | lexicon.interview_cues:
            named = _naming(tok, lexicon) if tok.lemma_.lower() in lexicon.naming_cues else _interview(tok, lexicon)
            found.extend(named)
            if named or tok.lemma_.lower() not in lexicon.object_cues:
                continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lexicon.cues | lexicon.object_cues:
            continue
        # "…, saying Y …", "took the villages and accused Y of …": the speaker is the head verb's subject
        subjects = [c for c in tok.children if c.dep_ in ("nsubj",)] or subjects_of(tok)
        if not subjects:
            continue
        speaker = _past_dateline(subjects[0], sentence)
        comps = [c for c in tok.children if c.dep_ in ("ccomp",)]
        if not comps and tok.lemma_.lower() in ACCUSING_CUES:
            # "accused Ukraine of shelling the plant" (the "of" on the verb or on its object):
            # the charge is what the accuser claims
            holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
            comps = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children if g.dep_ == "pcomp"]
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
        elif (near := [(a, b) for a, b in quotes if 0 <= tok.i - b <= 4 or 0 < a - tok.i <= 4]) and not any(a <= tok.i < b for a, b in quotes):
            # "“We will not yield,” he said." with the quote parsed as a sibling: the quote
            # right before or after the cue, never a scare quote elsewhere in the sentence
            start, end = near[0]
            direct = True
        if (start is None or end is None) and tok.lemma_.lower() in lexicon.object_cues and not any(a <= tok.i < b for a, b in quotes):
            found.extend(_object_statement(tok, speaker, lexicon))
            continue
        if start is None or end is None or end <= start:
            continue
        # Trim punctuation at the edges of the content.
        while end - 1 > start and sentence.doc[end - 1].is_punct:
            end -= 1
        while start < end and sentence.doc[start].is_punct:
            start += 1
        # "Lavrov and his Iranian counterpart said …": each of the joint speakers says it
        for one in [speaker, *_joint_speakers(speaker)]:
            found.append(
                RawStatement(
                    cue=tok,
                    speakers=expand(one),
                    content_start=start,
                    content_end=end,
                    direct=direct,
                    attribution=_is_attribution(one, tok.lemma_.lower(), lexicon),
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
    return text[statement.cue.end : statement.cue.end + 1] == ":"


def _is_interview(statement: Statement, lexicon: SpeechLexicon) -> bool:
    word = statement.cue.text.lower()
    return bool({irregular_verbs().get(word, word), *lemma_candidates(word)} & lexicon.interview_cues)


def _follows(doc: CodingDoc, sentence: Sentence, last: Statement, start: int) -> bool:
    """Whether `last` speaks right before `sentence`: in the sentence before it, or in a quote
    that the sentence before it closes (a few sentences back at most)."""
    if sentence.slot == 0:
        return False
    before = doc.sentences[sentence.slot - 1].index
    if last.sentence == before:
        return True
    return 0 <= before - last.sentence <= 5 and doc.document.text[:start].rstrip()[-1:] in QUOTE_MARKS


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
    elif _open_quote(text[max(0, min(last.cue.start, last.content.start) - 1) : start]):
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
    last = doc.statements[-1] if doc.statements else None
    unresolved = ref.country is None and (head.pos_ == "PRON" or head.lower_ in lexicon.speaker_titles)
    if not unresolved or last is None or last.speaker.country is None or not 0 <= sentence.index - last.sentence <= 3:
        return ref
    return replace(last.speaker, text=ref.text, start=ref.start, end=ref.end, phrase_start=ref.phrase_start, phrase_end=ref.phrase_end)


def sentence_statements(doc: CodingDoc, sentence: Sentence, lexicon: SpeechLexicon) -> SentenceSpeech:
    """The stage: the statements of one parsed sentence, numbered after the document's earlier ones."""
    statements, raws = [], []
    found = find_statements(sentence.span, lexicon)
    prefix = _prefix(sentence.span)
    if prefix is not None and prefix.text.lower() in lexicon.question_prefixes:
        found = [raw for raw in found if raw.speakers[0].i >= prefix.end]  # "Q: …" is no speaker
    spoken = [(raw, _speaker(doc, sentence, raw, lexicon)) for raw in found if not raw.attribution]
    continued: list[tuple[RawStatement, Statement]] = []
    main_cue = any(depth_of(raw.cue) == 0 for raw in found)  # a cue in a relative clause leaves the quote going on
    if not main_cue and (more := continued_speech(doc, sentence, lexicon)) is not None:
        raw, speaker, owner = more
        if owner is not None:
            continued.append((raw, owner))
        else:
            spoken = [*spoken, (raw, speaker)]
    for raw, speaker in spoken:
        # "described the US as … and said …": one speaker's conjoined cues are one statement
        first = next((st for r, st in zip(raws, statements, strict=True) if raw.cue.dep_ == "conj" and raw.cue.head.i == r.cue.i and st.speaker.actor == speaker.actor), None)
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
