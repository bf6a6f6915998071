"""Reported speech in one sentence: who says what, with which cue, directly or indirectly.

`find_statements` finds, in one parsed sentence, indirect speech ("X said that …", "X stressed
…"), direct quotes ("“…,” he said"), "according to X, …", naming ("X described the strikes as
terrorism") and speech acts about an object ("X announced a truce"). A speaker that is only a
report's sourcing ("…, officials said", "…, Reuters reported") is an attribution, not a
statement: its content stays the text's own assertion. The document-level part (quotes and
interview answers over several sentences, who the speaker is) is statements.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from tacitus.datafiles import load_yaml, read_data
from tacitus.parse import QUOTE_MARKS
from tacitus.syntax import expand, subjects_of
from tacitus.words import words

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
    inference_cues: frozenset[str]
    non_speakers: frozenset[str]
    opinion_cues: frozenset[str]
    poll_heads: frozenset[str]
    court_object_cues: frozenset[str]
    question_frames: frozenset[str]


def relevant_words(lexicon: SpeechLexicon) -> frozenset[str]:
    """The verbs that can make a sentence speech (for choosing the sentences to parse)."""
    return lexicon.cues | lexicon.naming_cues | lexicon.interview_cues | lexicon.object_cues


@cache
def load_speech_lexicon() -> SpeechLexicon:
    data = load_yaml(read_data("speech.yaml"))
    if not isinstance(data, dict):
        raise SpeechLexiconError("speech.yaml: expected a mapping")
    lists = {}
    for key in ("cues", "attribution_heads", "neutral_cues", "interview_cues", "interviewer_words", "answer_prefixes", "question_prefixes", "first_person", "speaker_titles", "naming_cues", "object_cues", "inference_cues", "non_speakers", "opinion_cues", "poll_heads", "court_object_cues", "question_frames"):
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
    # "X called the deal a sham", "X spoke to our correspondent": the cue is speaking, never an
    # act of its own (no phone call, no meeting with the interviewer)
    speaking_only: bool = False


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
    # not "call themselves"; not "praised them for what he called their courage" (the praise is the act)
    objects = [c for c in tok.children if c.dep_ == "dobj" and not c.lower_.endswith(("self", "selves")) and c.tag_ not in ("WP", "WDT")]
    # "as" on the verb or on its object ("described [the decision as a provocation]")
    names = [c for h in (tok, *objects) for c in h.children if c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as"]
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] or subjects_of(tok)
    if not objects or not names or not subjects:
        return []
    content = [t.i for part in objects + names for t in part.subtree if not t.is_punct]
    start, end = min(content), max(content) + 1
    return [RawStatement(cue=tok, speakers=expand(subjects[0]), content_start=start, content_end=end, direct=False,
                         attribution=_is_attribution(subjects[0], tok.lemma_.lower(), lexicon), content_tokens=set(range(start, end)), speaking_only=True)]


def _interview(tok: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"X spoke to our correspondent": X is interviewed; what X says comes in the answers."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    listeners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for g in c.children if g.dep_ == "pobj"]
    if not subjects or not any(g.lower_ in lexicon.interviewer_words for g in listeners):
        return []
    return [RawStatement(cue=tok, speakers=expand(subjects[0]), content_start=tok.i, content_end=tok.i + 1, direct=False, attribution=False, speaking_only=True)]


def _object_statement(tok: Token, speaker: Token, lexicon: SpeechLexicon) -> list[RawStatement]:
    """"X condemned the attacks", "X called on Y to withdraw", "X announced a truce", "X
    threatened to open the border": a speech act whose object (or infinitive, or "on"/"to"
    phrase) says what it is about."""
    if speaker.tag_ in ("WDT", "WP") or speaker.lower_ in lexicon.first_person or speaker.lower_ == "that":
        return []  # "…, which had denied it" is background; "I promise…" is the quote's own act
    court = tok.lemma_.lower() in lexicon.court_object_cues  # "appealed the ruling" is a court step
    parts = [c for c in tok.children if c.dep_ in ("dobj", "xcomp") and not court or c.dep_ == "prep" and c.lower_ in ("on", "upon", "for", "to")]
    content = sorted(t.i for part in parts for t in part.subtree if not t.is_punct)
    if not content:
        return []
    start, end = content[0], content[-1] + 1
    return [RawStatement(cue=tok, speakers=expand(speaker), content_start=start, content_end=end, direct=False,
                         attribution=_is_attribution(speaker, tok.lemma_.lower(), lexicon), holds_claims=False)]


def _past_dateline(subject: Token, sentence: Span) -> Token:
    """"GENEVA, Nov. 15 - WHO chief Tedros said …": the parser may make the dateline's place the
    subject; the speaker is the subject (or apposition) after the dash."""
    dash = next((t.i for t in sentence[:10] if t.text in ("-", "--", "—", "–")), None)
    if dash is None or subject.i >= dash or not sentence[0].text.isupper() or len(sentence[0].text) < 2:
        return subject
    after = [c for c in subject.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > dash]
    after += [c for c in subject.children if c.dep_ == "appos" and c.i > dash]
    return after[0] if after else subject


def _joint_speakers(speaker: Token) -> list[Token]:
    """The persons conjoined to the speaker: "Lavrov and his Iranian counterpart Amir-Abdollahian"."""
    out = []
    for conj in (c for c in speaker.conjuncts if c.i > speaker.i):
        named = [conj] if conj.ent_type_ == "PERSON" else [g for g in conj.children if g.dep_ == "appos" and g.ent_type_ == "PERSON"]
        out += named[:1]
    return out


def _no_speaker(tok: Token, speaker: Token, lexicon: SpeechLexicon) -> bool:
    """A subject that cannot be the speaker of `tok`: "this suggests", "that said", a poll's
    "58 percent of voters said", or an inference hung on a narrated clause ("…, suggesting that")."""
    if speaker.lower_ in lexicon.non_speakers or speaker.lemma_.lower() in lexicon.poll_heads:
        return True
    # "all of which indicate …": the quantifier stands for what its "of" phrase names
    if any(g.lower_ in lexicon.non_speakers for c in speaker.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"):
        return True
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.lemma_.lower() in lexicon.inference_cues and tok.tag_ == "VBG" and not own_subject and tok.dep_ in ("advcl", "xcomp", "conj")


def own_hedge(raw: RawStatement, lexicon: SpeechLexicon) -> bool:
    """"I believe we have a duty …", "we think they are wrong": a first-person hedge, the words
    of the speaker quoted just before going on rather than a statement of their own."""
    return bool(raw.speakers) and raw.speakers[0].lower_ in lexicon.first_person and raw.cue.lemma_.lower() in lexicon.opinion_cues


def _object_governor(tok: Token) -> Token | None:
    """The verb whose object a participial cue hangs on ("X criticised the measures saying …",
    parsed as if the measures said it): the cue belongs to that verb's subject."""
    noun = tok.head
    if tok.tag_ != "VBG" or tok.dep_ != "acl" or noun.pos_ != "NOUN" or noun.ent_type_:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "pressed the government to create powers saying …": the pressers say it
    return verb if noun.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "AUX") else None


def _said(tok: Token, sentence: Span, quotes: list[tuple[int, int]]) -> tuple[int, int, bool] | None:
    """(start, end, direct) of what the cue `tok` introduces: its clause (or the quote holding
    it), an accusing cue's charge, or a quote right beside the cue."""
    # "which it said pretend to …": the parser may make the clause an object
    comps = [c for c in tok.children if c.dep_ in ("ccomp",) or c.dep_ == "dobj" and c.pos_ == "VERB"]
    if not comps and tok.dep_ == "relcl":
        # "governments, which it said pretend to …": the relative's clause may hang as an
        # xcomp, a bare verb (no "to") that only a reported clause can be
        comps = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and not any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")][:1]
    if not comps and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        # "doctors who, he said, continue to work": the clause around the cue is what was said
        inner = {t.i for t in tok.subtree}
        around = [t.i for t in tok.head.subtree if t.i not in inner and not t.is_punct]
        return (min(around), max(around) + 1, False) if around else None
    if not comps and tok.lemma_.lower() in ACCUSING_CUES:
        # "accused Ukraine of shelling the plant" (the "of" on the verb or on its object):
        # the charge is what the accuser claims
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        comps = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children if g.dep_ == "pcomp"]
    if comps:
        sub = list(comps[0].subtree)
        inside_quote = next(((a, b) for a, b in quotes if a <= comps[0].i < b), None)
        # 'said Hezbollah was "making a grave mistake" and that …': a quote inside the clause
        # is only part of what was said
        if inside_quote and (sub[0].i >= inside_quote[0] - 1 or sub[-1].i < inside_quote[1] + 1):
            return inside_quote[0], inside_quote[1], True
        start = sub[0].i + (1 if sub[0].i > 0 and sub[0].lower_ == "that" else 0)
        return start, sub[-1].i + 1, False
    near = [(a, b) for a, b in quotes if 0 <= tok.i - b <= 4 or 0 < a - tok.i <= 4]
    if near and not any(a <= tok.i < b for a, b in quotes):
        # "“We will not yield,” he said." with the quote parsed as a sibling: the quote
        # right before or after the cue, never a scare quote elsewhere in the sentence
        return near[0][0], near[0][1], True
    return None


def matrix_cue(tok: Token, lexicon: SpeechLexicon) -> Token | None:
    """The speech cue whose subject also governs `tok` when the parser has hung `tok` on the
    reported clause: "the president said the West had lost the battle and praised Russia" —
    "praised" is past like "said", unlike the clause's "had lost", so the president praised."""
    head = tok.head
    if tok.dep_ != "conj" or head.dep_ != "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    cue = head.head
    if cue.lemma_.lower() not in lexicon.cues or tok.tag_ != "VBD" or cue.tag_ != "VBD":
        return None
    perfect_or_modal = any(c.dep_ in ("aux", "auxpass") for c in head.children) or head.tag_ != "VBD"
    # "said the US bore the blame and warned Israel that …": telling someone a clause of its own
    addressed = tok.lemma_.lower() in lexicon.cues and {"dobj", "ccomp"} <= {c.dep_ for c in tok.children}
    return cue if perfect_or_modal or addressed else None


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
        matrix = matrix_cue(tok, lexicon)
        subjects = [c for c in tok.children if c.dep_ in ("nsubj",)] or subjects_of(matrix or tok)
        # "governments, which it said pretend …": the relative is the reported clause's subject
        subjects = [c for c in subjects if c.tag_ not in ("WDT", "WP")] or subjects
        if (governor := _object_governor(tok)) is not None:
            subjects = subjects_of(governor) or subjects  # "criticised the measures saying …": the critic says it
        if not subjects:
            continue
        speaker = _past_dateline(subjects[0], sentence)
        if speaker.tag_ in ("WP", "WDT") and speaker.head.dep_ == "relcl" and speaker.head.head.pos_ in ("NOUN", "PROPN"):
            speaker = speaker.head.head  # "Tessa Jowell, who said: …": the relative's antecedent speaks
        if _no_speaker(tok, speaker, lexicon):
            continue
        said = _said(tok, sentence, quotes)
        if said is None and tok.lemma_.lower() in lexicon.object_cues and not any(a <= tok.i < b for a, b in quotes):
            found.extend(_object_statement(tok, speaker, lexicon))
            continue
        if said is None or said[1] <= said[0]:
            continue
        start, end, direct = said
        # Trim punctuation at the edges of the content.
        while end - 1 > start and sentence.doc[end - 1].is_punct:
            end -= 1
        while start < end and sentence.doc[start].is_punct:
            start += 1
        if direct and speaker.left_edge.i <= start and end <= speaker.right_edge.i + 1:
            continue  # 'Jorge Ruiz, alias "El Flaco," continues to …': a quoted name in the speaker's phrase
        # "Lavrov and his Iranian counterpart said …": each of the joint speakers says it
        for one in [speaker, *_joint_speakers(speaker)]:
            found.append(RawStatement(cue=tok, speakers=expand(one), content_start=start, content_end=end, direct=direct,
                                      attribution=_is_attribution(one, tok.lemma_.lower(), lexicon), content_tokens=set(range(start, end))))
    return found
