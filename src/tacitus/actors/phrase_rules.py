"""Rules that read a person's office and a place's role off the words around them (used by
coding.py): a title before an unknown name names a person, a title held on the day decides the
sector, an international official acts for his organisation, and a town's name inside a longer
name is no place ("Nancy" in "Nancy Tembo"), a name that goes on is someone else's, and a title
names its one holder only capitalised and alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pycountry
from spacy.tokens import Doc, Token

from tacitus.actors.casing import caseless
from tacitus.actors.entries import Entry
from tacitus.actors.lexicon import COUNTRY_KINDS
from tacitus.syntax import entity_of
from tacitus.words import actor_words, words

if TYPE_CHECKING:  # annotations only: coding.py imports this module
    from tacitus.actors.coding import Coding, DocMatches, _Parts
    from tacitus.actors.lexicon import ActorLexicon

STATE_TITLE_SECTORS = actor_words().state_sectors  # offices a title gives: GOV, MIL, COP, JUD, LEG, SPY
ACTOR_PLACE_PREPS = words("actor_place_preps")  # "gangs in Colombia", "a group from Peru"
PLACE_NAME_PREPS = words("place_name_preps")  # "in Salgado": where, not who
# Groups that belong where they are: the story's local bodies and people (not troops, often abroad).
LOCATED_SECTORS = (actor_words().context_sectors | actor_words().civilian_sectors) - {"MIL"}


def inside_name(doc: Doc, start: int, end: int, spans: list[tuple[int, int, list[Entry]]]) -> bool:
    """Is a town's name part of a longer name ("Nancy" in "Nancy Tembo", "Rama" in "Edi Rama",
    "Rodriguez" in "Rosa Icela Rodriguez"): next to a name word no dictionary knows?"""
    ent = entity_of(doc[start])
    if ent is not None and ent.label_ == "PERSON" and (ent.start < start or ent.end > end):
        return True
    matched = {i for s, e, _ in spans for i in range(s, e)}
    for i in (start - 1, end):
        if not 0 <= i < len(doc) or i in matched:
            continue
        tok = doc[i]
        if i == tok.sent.start and tok.pos_ != "PROPN":
            continue
        if tok.is_alpha and not tok.is_stop and (tok.text[:1].isupper() if not caseless(doc) else tok.pos_ in ("PROPN", "NOUN")):
            return True
    return False


def titled_name(doc: Doc, head: Token, title: tuple[Entry, int, int], matches: DocMatches) -> bool:
    """Is `head` the end of a name right after a person's title ("President X Y") that the
    dictionaries do not know? Lower-cased text has no PERSON entity to say so."""
    entry, _, end = title
    if not matches.is_person_noun(entry.name.split()[-1]) or not 0 < head.i - end + 1 <= 4:
        return False
    return all(t.is_alpha and not t.is_stop and t.i not in matches.by_token and t.pos_ in ("PROPN", "NOUN", "ADJ") for t in doc[end : head.i + 1])


def title_decides(coding: Coding, parts: _Parts, former: bool, countries: list[str]) -> None:
    """A known person whose dated role is unknown on the day (or who is only a notable then) takes
    the office the phrase gives him ("Serbian President X"), never a fallback to ELI."""
    titles = [e.sector for e, _, _ in parts.sectors if e.sector in STATE_TITLE_SECTORS]
    if former or not titles or coding.country in ("IGO", "NGO") or any(e.sector in ("IGO", "NGO") for e, _, _ in parts.orgs):
        return
    country = countries[0] if len(countries) == 1 else coding.country
    if coding.sector in (None, "ELI") or coding.sector not in STATE_TITLE_SECTORS or country != coding.country:
        # A title held on the day of the text beats a table's older role ("Kosovo Prime Minister
        # Albin Kurti" after years in opposition); its nationality beats a namesake's.
        coding.sector, coding.country, coding.code = titles[-1], country, None


def official_body(coding: Coding, parts: _Parts) -> Entry | None:
    """The international organisation an official named with it acts for ("NATO Secretary
    General X", "UN High Commissioner for Human Rights X"), whatever his nationality."""
    bodies = [e for e, _, _ in parts.orgs if e.sector in ("IGO", "NGO")]
    return bodies[-1] if bodies and coding.sector in (None, "ELI", "IGO", "NGO") else None


def longer_name(doc: Doc, end: int, spans: list[tuple[int, int, list[Entry]]]) -> bool:
    """"Manuel Gonzalez Flores" is not the tables' Manuel Gonzalez: a name word goes on (a second surname, maybe a town's)."""
    if end >= len(doc) or caseless(doc) or any(s <= end < e and any(x.kind != "place" for x in entries) for s, e, entries in spans):
        return False
    nxt = doc[end]
    return nxt.pos_ == "PROPN" and nxt.is_alpha and nxt.text[:1].isupper() and nxt.ent_type_ in ("PERSON", "") and doc[end - 1].ent_type_ == "PERSON"


def other_given_name(doc: Doc, start: int, entries: list[Entry], spans: list[tuple[int, int, list[Entry]]]) -> bool:
    """"Angel Roman Leon Arevalo" is not the tables' Bernardo Arevalo: a surname the tables know
    after a given name that is not the known person's."""
    if start == 0 or caseless(doc):
        return False
    before = doc[start - 1]
    if not (before.pos_ == "PROPN" and before.is_alpha and before.text[:1].isupper() and before.ent_type_ == "PERSON"):
        return False
    if any(s <= start - 1 < e and any(x.kind != "place" for x in found) for s, e, found in spans):
        return False  # a title or an honorific ("President Petro"); a town's name is a name word ("Julio Cesar Petro")
    names = {w.lower() for e in entries if e.person is not None for w in f"{e.person.name} {e.name}".split()}
    return before.lower_ not in names


def title_alone(doc: Doc, start: int, end: int) -> bool:
    """A title naming one person ("the Supreme Leader") only capitalised and alone: "party leader
    Mark X", "Tory Leader" or lower-cased "leader" is someone else's title."""
    if not doc[start].text[:1].isupper() or end < len(doc) and doc[end].pos_ == "PROPN":
        return False
    return not any(t.dep_ in ("compound", "amod") and start <= t.head.i < end for t in doc[max(start - 2, 0) : start])


def located_countries(doc: Doc, head: Token, by_token: dict[int, tuple[int, int, list[Entry]]]) -> list[str]:
    """"extortion gangs in Colombia and Ecuador", "a criminal group from Peru": the countries
    (named, or of a town) where a group with no nationality of its own is or comes from."""
    found: list[str] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ACTOR_PLACE_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for place in (pobj, *pobj.conjuncts):
                match = by_token.get(place.i)
                entry = next((e for e in match[2] if e.kind in COUNTRY_KINDS and e.country), None) if match else None
                national = entry is not None and pycountry.countries.get(alpha_3=entry.country) is not None
                if national and (place.text[:1].isupper() or caseless(doc)) and entry.country not in found:
                    found.append(entry.country)
    return found


def country_members(doc: Doc, countries: list[tuple[Entry, int, int]]) -> list[str]:
    """Countries of the phrase; coordinated ones ("Hungarian and Romanian") are all members."""
    if not countries:
        return []
    codes: list[str] = []
    # Coordinated modifiers: walk back over "X and Y" / "X, Y and Z" chains of country words.
    chain = [countries[-1]]
    for item in reversed(countries[:-1]):
        between = doc[item[2] : chain[0][1]]
        if all(t.lower_ in (",", "and", "or", "&") for t in between) and len(between) > 0:
            chain.insert(0, item)
        else:
            break
    for entry, _, _ in chain:
        if entry.country and entry.country not in codes:
            codes.append(entry.country)
    return codes


def surname_words(docs: list[Doc], known_place: Callable[[str], bool]) -> frozenset[str]:
    """Surnames of the personal names a document gives ("Ricardo Salgado" -> salgado): such a
    word alone later ("Salgado was detained") is that person, never the town of that name. A
    name is a person entity, or (the recogniser often calls a name a building or a town) two or
    more capitalised words that are no known place, standing as an actor (a subject or an
    object, not after "in") and ending in a word that alone names a place."""
    names: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if len(ent) < 2 or not all(t.is_alpha and t.is_title for t in ent) or ent.label_ not in ("PERSON", "FAC", "ORG", "GPE"):
                continue
            where = ent.root.head.lower_ if ent.root.dep_ == "pobj" else None
            argument = ent.root.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "conj") or ent.root.dep_ == "pobj" and where not in PLACE_NAME_PREPS
            if ent.label_ == "PERSON" or argument and known_place(ent[-1].text) and not known_place(ent.text):
                names.add(ent[-1].lower_)
    return frozenset(names)


def country_surnames(docs: list[Doc], lexicon: ActorLexicon) -> frozenset[str]:
    """`surname_words` where the place a surname could be taken for is a country the actor
    dictionaries know (the actors' and the events' reading of a place name)."""
    return surname_words(docs, lambda name: any(e.kind in COUNTRY_KINDS for e in lexicon.lookup(name)))


def opens_a_name(doc: Doc, start: int, end: int, spans: list[tuple[int, int, list[Entry]]]) -> bool:
    """Is a country's name the first word of a person's or a body's name the dictionaries do not
    know ("Israel" in "Israel Melo Junior", a murdered teenager)? Such a word is no country."""
    ent = entity_of(doc[start])
    if ent is None or doc[start].ent_type_ not in ("PERSON", "ORG") or ent.start != start or ent.end <= end:
        return False
    # "Mexico City", "Israel Defense Forces": a known longer name; a town's or a person's name is a
    # name word ("Melo", "Soares")
    after = not any(s <= end < e and any(x.kind not in ("place", "person") for x in found) for s, e, found in spans)
    return after and all(t.is_alpha and t.is_title and t.pos_ == "PROPN" for t in doc[end : ent.end])  # not "Has Mexico Neutralized"
