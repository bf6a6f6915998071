"""The places stage: coordinates for events and actors.

    locate(document, sentences)       # after events are built: event.place, actor locations

Place names are read from the parse (spaCy's place entities, and proper names after "in",
"near"...) and resolved with the gazetteer, the document's countries and regions as context.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tacitus.actors.phrase_rules import surname_words
from tacitus.model import ActorRef, Document, Place
from tacitus.places.gazetteer import Gazetteer, PlaceContext, load_gazetteer
from tacitus.places.index import Entry
from tacitus.words import words

if TYPE_CHECKING:  # spaCy types only; this module imports without spaCy loaded
    from spacy.tokens import Span, Token

    from tacitus.parse import ParsedSentence

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE = words("actor_place_preps")  # data/words.yaml: where an actor is
PLACE_PREPOSITIONS = words("place_name_preps")
EVENT_LOCATIVE = words("event_place_preps")
WELL_KNOWN = 100_000  # a city this large is a place even where the recogniser saw a person or an organisation


def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", text)


@dataclass
class _Mention:
    sentence: int
    start: int  # document offsets
    end: int
    name: str
    entry: Entry | None = None
    tokens: tuple[int, ...] = ()  # token indices in the sentence's Doc
    first: Entry | None = None  # read without the other names: what it adds to the context


def _mentions(sentence: ParsedSentence, gazetteer: Gazetteer, ents: dict[int, tuple[Span, ...]]) -> list[_Mention]:
    """Place names in a sentence: spaCy's GPE/LOC/FAC entities where parsed, otherwise
    capitalised word runs that the gazetteer knows (context only). `ents`: each Doc's
    entities, read once (`span.ents` rebuilds all of its Doc's entities on every call)."""
    out: list[_Mention] = []
    span = sentence.span
    if sentence.parsed:
        if id(span.doc) not in ents:
            ents[id(span.doc)] = tuple(span.doc.ents)
        for ent in (e for e in ents[id(span.doc)] if e.start >= span.start and e.end <= span.end):
            if ent.label_ in PLACE_LABELS:
                out.append(_Mention(sentence.index, sentence.delta + ent.start_char, sentence.delta + ent.end_char, _clean(ent.text), tokens=tuple(range(ent.start, ent.end))))
        taken = {t for m in out for t in m.tokens}
        for tok in span:
            # "in Hyderabad", "near Upper Blorfton": a proper name after a place preposition is a
            # place even when the entity recogniser missed it or called it something else
            if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.i in taken or tok.head.lower_ not in PLACE_PREPOSITIONS:
                continue
            words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i] + [tok]
            name = span.doc[words[0].i : tok.i + 1].text
            if tok.ent_type_ in ("", *PLACE_LABELS) or tok.ent_type_ in ("PERSON", "ORG") and _well_known(gazetteer, name):
                out.append(_Mention(sentence.index, sentence.delta + words[0].idx, sentence.delta + tok.idx + len(tok), name, tokens=tuple(range(words[0].i, tok.i + 1))))
        return out
    tokens = list(span)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_title or tok.is_stop or i == 0:
            i += 1
            continue
        for width in (3, 2, 1):
            words = tokens[i : i + width]
            if len(words) < width or not all(w.is_title or w.lower_ in ("of", "al") for w in words):
                continue
            text = span.doc[words[0].i : words[-1].i + 1].text
            if gazetteer.candidates(text):
                out.append(_Mention(sentence.index, sentence.delta + words[0].idx, sentence.delta + words[-1].idx + len(words[-1]), text))
                i += width - 1
                break
        i += 1
    return out


def _well_known(gazetteer: Gazetteer, name: str) -> bool:
    """A name the recogniser took for a person or an organisation ("in Valencia", "in
    Hyderabad") is a place when it names a country, a region or a city of 100,000 or more."""
    return any(e.feature != "city" or e.population >= WELL_KNOWN for e, _alias in gazetteer.candidates(name))


def _surname(mention: _Mention, names: frozenset[str], sentences: list[ParsedSentence], gazetteer: Gazetteer) -> bool:
    """"Ricardo Salgado … Salgado was detained": a word of a person's name the document gives
    is that person, not a town of the same name; only a country or a large city after "in",
    "near"... stays a place."""
    if len(mention.tokens) != 1 or mention.name.lower() not in names:
        return False
    sentence = next(s for s in sentences if s.index == mention.sentence)
    tok = sentence.span.doc[mention.tokens[0]]
    return not (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS and _well_known(gazetteer, mention.name))


def _context(document: Document, mentions: list[_Mention], gazetteer: Gazetteer) -> PlaceContext:
    """Countries and regions the document speaks of: its actors' countries and its place
    names, each read in the light of the others (two passes, so "Virginia" next to
    "Alexandria" settles both)."""
    base = PlaceContext()
    for actor in document.actors:
        if actor.country and gazetteer.country(actor.country):
            base.countries[actor.country] += 1
    context = PlaceContext(Counter(base.countries), Counter(base.adm1s))
    for mention in mentions:
        mention.first = gazetteer.resolve(mention.name, base)
        if mention.first is not None:
            context.add(mention.first)
    return context


def _token_at(sentence: ParsedSentence, start: int | None) -> Token | None:
    if start is None:
        return None
    for tok in sentence.span:
        if sentence.delta + tok.idx == start:
            return tok
    return None


def _clause_place(trigger: Token, by_token: dict[int, _Mention]) -> _Mention | None:
    """A place in the trigger's own clause: "met in Muscat", "shelled positions near Gaza"."""
    near = list(trigger.children)
    near += [g for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass") for g in c.children]
    near += list(trigger.head.children) if trigger.dep_ in ("dobj", "xcomp") else []
    for child in near:
        if child.dep_ == "prep" and child.lower_ in EVENT_LOCATIVE:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def _actor_place(head: Token, by_token: dict[int, _Mention]) -> _Mention | None:
    """Where the text puts an actor: "protesters in Tbilisi", "the mayor of Kharkiv",
    "Kharkiv police" (a place word inside the actor's own phrase, not the actor itself)."""
    if head.i in by_token:
        return None  # the actor is the place (a country, a city government)
    for child in head.children:
        if child.dep_ in ("compound", "nmod") and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def _resolved(mention: _Mention, gazetteer: Gazetteer, context: PlaceContext) -> Place:
    if mention.entry is None:
        others = context
        if mention.first is not None:  # a name is no context for itself
            others = PlaceContext(Counter(context.countries), Counter(context.adm1s))
            others.countries.subtract([mention.first.country] if mention.first.country else [])
            others.adm1s.subtract([mention.first.adm1] if mention.first.adm1 else [])
            others.countries, others.adm1s = +others.countries, +others.adm1s
        mention.entry = gazetteer.resolve(mention.name, others)
    return mention.entry.place(mention.name) if mention.entry else Place(name=mention.name)


def _merge(found: Place, old: Place | None) -> Place:
    """An unknown name keeps the country the actor dictionaries gave it ("Gaza" -> PSE)."""
    if old is not None and found.country is None and found.name == old.name:
        found.country = old.country
    return found


def locate(document: Document, sentences: list[ParsedSentence], gazetteer: Gazetteer | None = None) -> Document:
    """Give each event of a coded document its place, and each actor reference the location
    the text gives it (one stage, run after events are built).

    An event's place is a place named in its clause, else one named in its sentence (not the
    source actor's own name), else the document's most-mentioned place. Names are resolved
    with the document's countries and regions as context.
    """
    if not document.events:
        return document
    gazetteer = gazetteer or load_gazetteer()
    mentions: list[_Mention] = []
    ents: dict[int, tuple[Span, ...]] = {}
    for sentence in sentences:
        mentions.extend(_mentions(sentence, gazetteer, ents))
    names = surname_words(list({id(s.span.doc): s.span.doc for s in sentences if s.parsed}.values()), lambda name: bool(gazetteer.candidates(name)))
    mentions = [m for m in mentions if not _surname(m, names, sentences, gazetteer)]
    context = _context(document, mentions, gazetteer)
    by_sentence: dict[int, list[_Mention]] = {}
    for mention in mentions:
        _resolved(mention, gazetteer, context)
        by_sentence.setdefault(mention.sentence, []).append(mention)
    counts = Counter(m.entry.geo_id for m in mentions if m.entry)
    dominant = None
    if counts:
        top = max(counts.values())
        dominant = next(m for m in mentions if m.entry and counts[m.entry.geo_id] == top)
    parsed = {s.index: s for s in sentences if s.parsed}
    for event in document.events:
        sentence = parsed.get(event.sentence)
        here = by_sentence.get(event.sentence, [])
        by_token = {t: m for m in here for t in m.tokens}
        chosen: _Mention | None = None
        trigger = _token_at(sentence, event.trigger.start) if sentence else None
        if trigger is not None:
            chosen = _clause_place(trigger, by_token)
        if chosen is None:
            source_span = (event.source.start, event.source.end) if event.source else (None, None)
            others = [m for m in here if not (source_span[0] is not None and m.start >= source_span[0] and m.end <= (source_span[1] or 0))]
            # the most precise place named: a city, then a region, then an unknown name, then a country
            rank = {"city": 0, "adm1": 1, None: 2, "country": 3}
            chosen = min(others, key=lambda m: rank[m.entry.feature if m.entry else None], default=None)
        if chosen is None:
            chosen = dominant
        if chosen is not None:
            event.place = _merge(_resolved(chosen, gazetteer, context), event.place)
        for ref in (event.source, event.target):
            if ref is not None and sentence is not None:
                _locate_actor(ref, sentence, by_token, gazetteer, context)
    return document


def _locate_actor(ref: ActorRef, sentence: ParsedSentence, by_token: dict[int, _Mention], gazetteer: Gazetteer, context: PlaceContext) -> None:
    head = _token_at(sentence, ref.start)
    if head is None:
        return
    # the head of the actor's phrase: the last token inside its span
    span_end = ref.end or 0
    while head.head is not head and sentence.delta + head.head.idx < span_end and head.head.i > head.i:
        head = head.head
    found = _actor_place(head, by_token)
    if found is not None:
        ref.location = _resolved(found, gazetteer, context)
