"""Actor mentions in a parsed sentence, each coded from the text itself (see coding.py).

`sentence_mentions` is the stage's entry point: for a parsed sentence it walks the phrase heads
that may name an actor and codes each (`find_mentions`); for a sentence that was only
tokenized it keeps the names the dictionaries know (`dictionary_mentions`), so later pronouns
and surnames can still find them. Offsets are document-relative; each mention's `key` is its
(sentence slot, head token) in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from spacy.tokens import Doc, Span, Token

from tacitus.actors.casing import caseless
from tacitus.actors.coding import (
    PRONOUNS,
    Coding,
    DocMatches,
    classify,
    code_phrase,
    org_coding,
    person_coding,
)
from tacitus.document import MentionKey, Sentence
from tacitus.syntax import np_tokens
from tacitus.words import words

LOCATIVE_PREPS = words("locative_preps")
RELATIONAL_HEADS = words("relational_heads")
COURTESY_TITLES = words("courtesy_titles")  # "mr", "ms": a surname follows


@dataclass
class RawMention:
    """One actor mention before document-level resolution."""

    head: int  # token index of the phrase head
    start: int  # character offsets into the document's text (the title's for the title)
    end: int
    text: str
    sentence: int
    members: list[Coding] = field(default_factory=list)  # one per compound member
    key: MentionKey = (0, 0)  # (sentence slot, head token index): unique in a document
    aliases: list[MentionKey] = field(default_factory=list)  # keys of phrases folded into this one (appositions)
    together: MentionKey | None = None  # "Poland and Lithuania": the first conjunct's key, on every conjunct
    modifier: bool = False  # "the Iraq war", "Gaza violence": a name only compounded with a non-actor noun
    # an object pronoun's clause subject ("the court ruled it unlawful"): never its referent
    co_subject: MentionKey | None = None

    @property
    def coding(self) -> Coding:
        return self.members[0]


def mention_heads(doc: Doc | Span) -> list[Token]:
    """Heads of every phrase that may name an actor: nouns, proper nouns and pronouns in argument
    positions, possessors, and nationality modifiers of nouns that are not actors themselves
    ("Israeli strikes": Israel is the one striking)."""
    heads = []
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "flat", "amod") or tok.lower_ in PRONOUNS and tok.pos_ == "PRON" or tok.dep_ in ("amod", "compound") and tok.pos_ in ("ADJ", "PROPN") and tok.head.pos_ == "NOUN" and tok.i < tok.head.i:
            heads.append(tok)
    return heads


def _is_place(tok: Token, coding: Coding) -> bool:
    """"in Muscat", "across Syria": a country or capital in a locative phrase is a place, not an actor."""
    if coding.kind == "place" and coding.sector is None and tok.dep_ == "pobj":
        return True  # "the port of Kaohsiung", "from Arequipa"
    return (
        coding.kind in ("country", "group")
        and coding.sector in (None, "GOV")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in LOCATIVE_PREPS
        and (tok.ent_type_ in ("GPE", "LOC", "FAC") or caseless(tok.doc))  # "in iraq": lower case has no entities
    )


def _surname_only(head: Token, members: list[Coding]) -> bool:
    """"Mr Howard", "Prescott": a name the dictionaries do not know, or know only as a town,
    may be the surname of a person named before (resolution decides; no one else is made)."""
    unknown = not members or members[0].kind == "place" and head.dep_ != "pobj"
    # "Sandoval was rearrested": a name opening a sentence, tagged as a common noun
    opening = head.pos_ == "NOUN" and head.i == head.sent.start and head.text[:1].isupper() and not caseless(head.doc)
    # "ms hewitt told the seminar": lower case, the tagger took the surname for a common noun
    addressed = head.pos_ == "NOUN" and head.i > 0 and head.doc[head.i - 1].lower_ in COURTESY_TITLES and caseless(head.doc)
    return unknown and (head.pos_ == "PROPN" or opening or addressed) and head.text.isalpha() and len(np_tokens(head)) <= 3


def _co_subject(pronoun: Token, slot: int) -> MentionKey | None:
    """The subject of the verb whose object (or small clause's subject: "ruled it illegal") the
    pronoun is: "it", "him", "them" there name someone else; "itself", "his" may not."""
    verb = pronoun.head
    if pronoun.dep_ == "nsubj" and verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.pos_ == "ADJ":
        verb = verb.head  # "ruled it illegal": the adjective's subject is the ruling's object
    elif pronoun.dep_ not in ("dobj", "dative"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (slot, subject.i) if subject is not None and subject.i != pronoun.i else None


def find_mentions(sentence_span: Span, matches: DocMatches, day: Date | None, sentence: int, slot: int = 0) -> list[RawMention]:
    """Every coded actor mention in a parsed sentence, in reading order (offsets in its parse)."""
    doc = sentence_span.doc
    mentions: dict[int, RawMention] = {}
    for head in mention_heads(sentence_span):
        members = code_phrase(doc, head, matches, day)
        if _surname_only(head, members):
            members = [Coding(kind="surname", name=head.text)]
        if not members or _is_place(head, members[0]):
            continue
        tokens = np_tokens(head) if members[0].kind != "pronoun" else [head]
        span = doc[tokens[0].i : tokens[-1].i + 1]
        mentions[head.i] = RawMention(
            head=head.i,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            sentence=sentence,
            members=members,
            key=(slot, head.i),
            co_subject=_co_subject(head, slot) if members[0].kind == "pronoun" else None,
        )
    for i in list(mentions):
        tok = doc[i]
        owner = mentions.get(tok.head.i)
        if tok.dep_ in ("amod", "compound") and (owner is not None or mentions[i].coding.kind not in ("country", "organisation")):
            del mentions[i]  # "Israeli warplanes" is one mention; "Israeli" alone only on a non-actor noun
            continue
        entries = matches.by_token[i][2] if i in matches.by_token else []
        mentions[i].modifier = tok.dep_ == "compound" and any(e.kind == "country" for e in entries)  # a name, not "Azerbaijani"
        if tok.dep_ == "appos" and owner is not None and owner.coding.kind != "pronoun":
            owner.aliases.append(mentions.pop(i).key)  # "Qatar's emir, Sheikh Tamim": one mention
            continue
        # A possessor that gave a larger phrase its country is part of that mention.
        if (
            tok.dep_ == "poss"
            and owner is not None
            and mentions[i].coding.kind not in ("pronoun", "anaphor")
            and owner.coding.is_coded
            and owner.coding.country == mentions[i].coding.country
        ):
            del mentions[i]
    for mention in mentions.values():
        _complete_counterpart(doc, mention, mentions)
    _mark_coordinations(doc, mentions)
    return [mentions[i] for i in sorted(mentions)]


def _mark_coordinations(doc: Doc, mentions: dict[int, RawMention]) -> None:
    """"Presidents Lula and Petro", "Poland, Lithuania and Latvia": actors named together, whom
    a later "they" or "the two countries" names as one group."""
    for i, mention in mentions.items():
        first = doc[i]
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        owner = mentions.get(first.i)
        if first.i != i and owner is not None and owner.coding.kind not in ("pronoun", "dyad"):
            mention.together = owner.together = owner.key


def dictionary_mentions(sentence_span: Span, matches: DocMatches, day: Date | None, sentence: int, slot: int = 0) -> list[RawMention]:
    """Mentions in a sentence that was not parsed: the names the dictionaries know (people,
    organisations, countries), so later pronouns and surnames can still find them."""
    doc = sentence_span.doc
    out = []
    seen: set[int] = set()
    for i in range(sentence_span.start, sentence_span.end):
        match = matches.by_token.get(i)
        low = doc[i].lower_
        if match is None and low in PRONOUNS and low not in ("it", "its"):
            pronoun = PRONOUNS[low]
            coding = Coding(kind="pronoun", gender=pronoun.gender, plural=pronoun.plural, name=doc[i].text)
            out.append(RawMention(head=i, start=doc[i].idx, end=doc[i].idx + len(doc[i].text), text=doc[i].text, sentence=sentence, members=[coding], key=(slot, i)))
            continue
        if match is None or match[0] in seen:
            continue
        start, end, entries = match
        seen.add(start)
        parts = classify(doc, [match], day)
        if parts.persons:
            coding = person_coding(parts.persons[0][0], day, doc[start:end].text)
        elif parts.orgs:
            coding = org_coding(parts.orgs[0][0], None, day)
        elif parts.countries and parts.countries[0][0].kind in ("country", "capital", "metonym"):
            entry = parts.countries[0][0]
            coding = Coding(country=entry.country, sector=None if entry.kind == "country" else "GOV", name=doc[start:end].text, kind="country" if entry.kind == "country" else "group")
        else:
            continue
        span = doc[start:end]
        out.append(RawMention(head=end - 1, start=span.start_char, end=span.end_char, text=span.text, sentence=sentence, members=[coding], key=(slot, end - 1)))
    return out


def _complete_counterpart(doc: Doc, mention: RawMention, mentions: dict[int, RawMention]) -> None:
    """"his Omani counterpart" holds the same office as the clause's subject."""
    head = doc[mention.head]
    if head.lemma_.lower() not in RELATIONAL_HEADS:
        return
    verb = head.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    other = mentions.get(subject.i) if subject is not None else None
    if other is None:
        return
    for member in mention.members:
        member.sector = member.sector or other.coding.sector
        member.kind = "person"


def sentence_mentions(sentence: Sentence, matches: DocMatches, day: Date | None) -> list[RawMention]:
    """The stage: every actor mention of one sentence, with document-relative offsets."""
    parsed = sentence.parsed
    if sentence.is_parsed:
        found = find_mentions(parsed.span, matches, day, parsed.index, slot=sentence.slot)
    else:
        found = dictionary_mentions(parsed.span, matches, day, parsed.index, slot=sentence.slot)
    for mention in found:
        mention.start, mention.end = sentence.offsets(mention.start, mention.end)
    return found
