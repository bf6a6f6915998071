"""Country from context: "the police", "the army", "prosecutors", "the cartel", "the president"
in an article about Peru are Peruvian.

After actors are resolved (and events found), every actor the text leaves without a country
takes one from its context, as a reader does: a place or nationality in the sentence of one of
its mentions (the article's main country first, when the sentence names it), else the country
that dominates the article (the dateline counting for it), else the dateline ("AREQUIPA, Peru
(Reuters) -"). The actor records
how (`country_from`). An agentless passive of a state act ("were arrested in Arequipa") gets the
police of the place as its source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

import pycountry

from tacitus.actors.casing import caseless
from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon
from tacitus.actors.phrase_rules import (
    PLACE_NAME_PREPS,
    country_surnames,
    inside_name,
    opens_a_name,
)
from tacitus.document import CodingDoc
from tacitus.model import Actor, ActorCode, ActorRef, Event
from tacitus.words import actor_words, words

CIVILIAN_SECTORS = actor_words().civilian_sectors  # data/actor_words.yaml
CONTEXT_SECTORS = actor_words().context_sectors | CIVILIAN_SECTORS
# State acts whose agent goes without saying when the text leaves it out: arrests, detentions,
# seizures, deportations are police acts of the place where they happen.
POLICE_ACTS = ("173", "1711", "174")
DOMINANT_SHARE = 0.5
PERSON_PRONOUNS = words("person_pronouns")
QUOTE_MARKS = frozenset('"\u201c\u201d')
# "AREQUIPA, Peru (Reuters) -", "Lima, Peru —", "KYIV (AP) —"
DATELINE = re.compile(r"^\s*([A-Z][\w .'-]{1,40}?)(?:,\s*([A-Z][\w .'-]{1,40}?))?\s*(?:\([A-Za-z .]{2,20}\))?\s*(?:--|[-—–:])\s")


@dataclass
class _Evidence:
    """Countries named in each sentence (with their offsets) and in the whole document."""

    by_sentence: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)


def _national(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None or code == "XKX"


def _evidence(doc: CodingDoc, lexicon: ActorLexicon) -> _Evidence:
    evidence = _Evidence()
    seen: set[tuple[int, int]] = set()
    surnames = country_surnames(doc.spacy_docs, lexicon)
    for sentence in doc.sentences:
        matches = doc.matches.get(id(sentence.doc))
        if matches is None:
            continue
        found = evidence.by_sentence.setdefault(sentence.index, [])
        spans = list({m[0]: m for m in matches.by_token.values()}.values())
        name_ends = {end for _, end, entries in spans if any(e.kind == "person" for e in entries)}
        for i in range(sentence.span.start, sentence.span.end):
            match = matches.by_token.get(i)
            if match is None or (sentence.index, match[0]) in seen:
                continue
            seen.add((sentence.index, match[0]))
            start, end, entries = match
            tok = sentence.doc[start]
            named = tok.text[:1].isupper() or start > 0 and sentence.doc[start - 1].lower_ == "the"
            if not (tok.text[:1].isupper() or caseless(sentence.doc)) or tok.is_stop and not named:
                continue  # lower-case text: "us" is no country, "the us" is
            entry = next((e for e in entries if e.kind in COUNTRY_KINDS and _national(e.country)), None)
            if entry is None or entry.kind == "place" and (start in name_ends or inside_name(sentence.doc, start, end, spans)):
                continue  # "the arrest of Viejo Paco", "Manuel Gonzalez Flores": a town's name inside a person's is no place
            if entry.kind == "place" and end - start == 1 and tok.lower_ in surnames and not (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_NAME_PREPS):
                continue  # "Ricardo Salgado … Salgado was detained": his surname, not the town
            if entry.kind == "country" and opens_a_name(sentence.doc, start, end, spans):
                continue
            country = entry.country
            found.append((sentence.span_of(tok).start, country))
            evidence.counts[country] += 1
    for actor in doc.document.actors:
        if actor.country_from == "text" and _national(actor.country):
            for mention in actor.mentions:
                evidence.by_sentence.setdefault(mention.sentence, []).append((mention.start, actor.country))
            evidence.counts[actor.country] += len(actor.mentions)
    return evidence


def _dateline(text: str, lexicon: ActorLexicon) -> str | None:
    # at the top, or after a headline the body repeats ("Houthis vow response\n\nSANAA, Jan. 12 -")
    headline_end = text.find("\n\n")
    match = DATELINE.match(text[:120]) or (DATELINE.match(text[headline_end + 2 : headline_end + 122]) if 0 < headline_end < 300 else None)
    if match is None:
        return None
    for part in reversed([p for p in match.groups() if p]):
        for entry in lexicon.lookup(part.strip()):
            if entry.kind in COUNTRY_KINDS and _national(entry.country):
                return entry.country
    return None


def _dominant(counts: Counter) -> str | None:
    if not counts:
        return None
    country, top = counts.most_common(1)[0]
    total = sum(counts.values())
    return country if top >= DOMINANT_SHARE * total and (top >= 2 or total == 1) else None


def _in_sentence(found: list[tuple[int, str]], where: int, main: str | None) -> str | None:
    """The article's main country if the sentence names it, else the nearest country named."""
    if not found:
        return None
    if main is not None and any(country == main for _, country in found):
        return main
    return min(found, key=lambda item: abs(item[0] - where))[1]


def _same_quote(text: str, found: list[tuple[int, str]], where: int, start: int | None) -> list[tuple[int, str]]:
    """'"Civilians must be protected," the EU's chief said in Brussels': the civilians a quote
    speaks of are not those of the place where it was said; only a country named inside the
    same quote counts."""
    def quotes_before(at: int) -> int:
        return sum(ch in QUOTE_MARKS for ch in text[start:at])

    if start is None or quotes_before(where) % 2 == 0:
        return found
    inside = quotes_before(where)
    return [(at, country) for at, country in found if quotes_before(at) == inside]


def _from_sentences(actor: Actor, evidence: _Evidence, main: str | None, text: str, starts: dict[int, int]) -> str | None:
    """The country the sentences of the actor's mentions give it (the first that gives one)."""
    for mention in actor.mentions:
        if actor.kind == "person" and mention.text.lower() in PERSON_PRONOUNS:
            continue  # '"…," he said': the sentence is about what the person says
        found = evidence.by_sentence.get(mention.sentence, [])
        if actor.kind == "person" and not any(c == main for _, c in found):
            found = [(at, c) for at, c in found if at < mention.end]  # its own phrase or before it, not what it says
        if actor.sector in CIVILIAN_SECTORS:
            found = _same_quote(text, found, mention.start, starts.get(mention.sentence))
        if actor.sector in CIVILIAN_SECTORS and len({c for _, c in found}) > 1:
            continue  # "Russia returned Ukrainian children to their families": whose families?
        country = _in_sentence(found, mention.start, main)
        if country:
            return country
    return None


def _spokesperson(actor: Actor) -> bool:
    """"Spokesman Gan Yu", "a government spokeswoman": someone who speaks for a body."""
    return actor.kind == "person" and any(w.startswith("spokes") for w in actor.mentions[0].text.lower().split())


def _previous_subject_country(doc: CodingDoc, sentence: int) -> str | None:
    """"China's coast guard said … Spokesman Gan Yu accused Manila": a spokesperson with no
    country in his own words speaks for the body the sentence before is about (its subject),
    not for the country of what he says."""
    if doc.resolution is None:
        return None
    for key in sorted(doc.subjects):
        mention = doc.mentions.get(key)
        if mention is None or mention.sentence != sentence - 1:
            continue
        for actor_id in doc.resolution.by_head.get(key, []):
            actor = doc.resolution.actor(actor_id)
            if actor.country_from == "text" and _national(actor.country):
                return actor.country
    return None


def assign_context_countries(doc: CodingDoc, events: list[Event], lexicon: ActorLexicon) -> list[Event]:
    """Give every actor the text leaves without a country one from its context, recording how
    on the actor; countries the text gives are never changed. References show their actor's
    coding, so every event and statement sees the country without being touched. Returns
    `events` with the implied police source of agentless arrests (`_agentless_police_act`)."""
    document = doc.document
    for actor in document.actors:
        if actor.country and actor.country_from is None:
            actor.country_from = "text"
    evidence = _evidence(doc, lexicon)
    dateline = _dateline(document.text, lexicon)
    later = [c for n, found in evidence.by_sentence.items() if n > 1 for _, c in found]  # past the headline and dateline
    counts = evidence.counts.copy()
    if dateline and later and dateline not in later:
        del counts[dateline]  # "GENEVA -" over a story about Iran: where the reporter is, not the story
        dateline = None
    main = _dominant(counts)
    if dateline and main != dateline and any(c != dateline for c in counts):
        dateline = None  # the reporter's city speaks for the actors only of a story about its country
    starts = {s.index: s.offsets(s.span.start_char, s.span.end_char)[0] for s in doc.sentences}
    for actor in document.actors:
        if actor.country or actor.kind == "country" or not (actor.sector in CONTEXT_SECTORS or actor.sector is None and actor.kind in ("person", "organisation")):
            continue
        first, how = actor.mentions[0], "sentence"
        own = [c for at, c in evidence.by_sentence.get(first.sentence, []) if at < first.end]
        country = _previous_subject_country(doc, first.sentence) if _spokesperson(actor) and not own else None
        country = country or _from_sentences(actor, evidence, main, document.text, starts)
        # the article's main country before the dateline's: "BANGKOK (Reuters) - The junta ..."
        # in a story about Myanmar; the dateline is where the reporter is, not who acts
        if country is None and main and main != dateline:
            country, how = main, "document"
        if country is None and dateline:
            country, how = dateline, "dateline"
        if country is None and main:
            country, how = main, "document"
        if country is None:
            continue
        actor.country, actor.country_from = country, how
        actor.code = f"{country}{actor.sector or ''}" if actor.code in (None, actor.sector) else actor.code
    return [_agentless_police_act(event, evidence, main) for event in events]


def _agentless_police_act(event: Event, evidence: _Evidence, main: str | None) -> Event:
    """"Two men were arrested in Arequipa": the police of the place did it. A source that is a
    state sector alone (events/build.py gives agentless state acts one) takes the same country:
    the event gets a new source reference with the country of its place (or sentence, or
    article), the one coding that belongs to the event rather than to an actor. An implied
    target (the author of a plan) is the government of the article's country."""
    source, target = event.source, event.target
    found = evidence.by_sentence.get(event.sentence, [])
    if _implied(target) and (author := main or _in_sentence(found, event.trigger.start, None)):
        # "criticised the measures": the story's government (not the place of the speech)
        event = replace(event, target=replace(target, own=ActorCode(f"{author}{target.sector}", author, target.sector)))
    country = event.place.country if event.place is not None and _national(event.place.country) else None
    country = country or _in_sentence(found, event.trigger.start, main) or main
    implied = _implied(source)
    if not implied and (source is not None or not event.cameo.startswith(POLICE_ACTS) or not _passive(event)):
        return event
    if country and source is not None and implied:
        return replace(event, source=replace(source, own=ActorCode(f"{country}{source.sector}", country, source.sector)))
    if country:
        return replace(event, source=ActorRef.coded(None, "", f"{country}COP", country, "COP"))
    return event


def _implied(ref: ActorRef | None) -> bool:
    """A reference that is a state sector alone (events/build.py's implied actors)."""
    return ref is not None and ref.actor is None and not ref.country and bool(ref.sector) and ref.code == ref.sector


def _passive(event: Event) -> bool:
    evidence = event.evidence.lower()
    trigger = event.trigger.text.lower()
    return bool(re.search(rf"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?{re.escape(trigger)}\b", evidence))
