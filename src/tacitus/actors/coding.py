"""What a noun phrase says about who it names: its `Coding` from the dictionary matches inside it.

`code_phrase` codes one phrase head: a known person (dated role), an organisation, a sector title
with a country from its adjective, possessor, apposition or "of" phrase ("Afghanistan's acting
foreign minister", "the president of Iran"), a bare country, capital or metonym, a pronoun or
"the two sides". Coordinated modifiers give compound actors ("Hungarian and Romanian
officials" -> two members).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Literal

from spacy.tokens import Doc, Token

from tacitus.actors.casing import caseless
from tacitus.actors.entries import PhraseIndex, undated_holder
from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon, Entry
from tacitus.actors.phrase_rules import (
    LOCATED_SECTORS,
    country_members,
    inside_name,
    located_countries,
    longer_name,
    official_body,
    opens_a_name,
    other_given_name,
    title_alone,
    title_decides,
    titled_name,
)
from tacitus.syntax import entity_of, np_tokens
from tacitus.words import AnaphorKind, actor_words, words

GENERIC_HEADS = words("generic_heads")
RELATIONAL_HEADS = words("relational_heads")
OFFICE_SECTORS = actor_words().office_sectors
CodingKind = Literal["person", "group", "country", "place", "organisation", "pronoun", "dyad", "title", "anaphor", "surname"]


@dataclass
class Coding:
    """What a phrase says about who it names."""

    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str = ""
    kind: CodingKind = "group"
    person: str | None = None  # canonical name of a known or named person
    gender: str | None = None
    plural: bool = False
    definite_title: bool = False  # "the minister", "His Eminence": refers back to someone named
    titles: frozenset[str] = frozenset()  # office words of the phrase ("minister", "emir")
    refers_to: AnaphorKind | None = None  # what an anaphor ("the bloc", "the group") may name
    unanchored: str | None = None  # an anaphor's own sector when nothing was named before ("the government")

    @property
    def actor_code(self) -> str | None:
        if self.code:
            return self.code
        if self.country or self.sector:
            return f"{self.country or ''}{self.sector or ''}"
        return None

    @property
    def is_coded(self) -> bool:
        return bool(self.country or self.sector or self.code)


@dataclass
class DocMatches:
    """Dictionary matches of one parsed document, indexed by token."""

    by_token: dict[int, tuple[int, int, list[Entry]]]
    lexicon: ActorLexicon

    @classmethod
    def build(cls, doc: Doc, lexicon: ActorLexicon, matcher: PhraseIndex) -> DocMatches:
        by_token: dict[int, tuple[int, int, list[Entry]]] = {}
        for start, end, entries in lexicon.find(doc, matcher):
            for i in range(start, end):
                by_token[i] = (start, end, entries)
        return cls(by_token, lexicon)

    def is_person_noun(self, lemma: str) -> bool:
        return self.lexicon.is_person_noun(lemma)

    def spans_in(self, tokens: list[Token]) -> list[tuple[int, int, list[Entry]]]:
        seen = []
        for tok in tokens:
            match = self.by_token.get(tok.i)
            if match and match not in seen:
                seen.append(match)
        return seen


def _entries(entries: list[Entry], kinds: tuple[str, ...]) -> list[Entry]:
    return [e for e in entries if e.kind in kinds]


def _capitalised(doc: Doc, start: int) -> bool:
    text = doc[start].text
    # lower case: "us" is a pronoun, but "the us", "the who" are names
    the = start > 0 and doc[start - 1].lower_ == "the"
    return text[:1].isupper() or text[:1].isdigit() or caseless(doc) and (not doc[start].is_stop or the)


@dataclass
class _Parts:
    """The dictionary matches inside one noun phrase, sorted by what they name."""

    persons: list[tuple[Entry, int, int]] = field(default_factory=list)
    orgs: list[tuple[Entry, int, int]] = field(default_factory=list)
    sectors: list[tuple[Entry, int, int]] = field(default_factory=list)
    countries: list[tuple[Entry, int, int]] = field(default_factory=list)
    ethnic: list[tuple[Entry, int, int]] = field(default_factory=list)
    eli: bool = False
    honorific: bool = False


def _in_office(entries: list[Entry], day: Date | None, text: str) -> Entry:
    """The person a name or title denotes: the one in a role on `day` ("Supreme Leader"); in an
    undated text a title several people held names none of them, only its holder."""
    def active(entry: Entry) -> bool:
        return entry.person is not None and any(r.holds_on(day) for r in entry.person.roles)

    people = [e.person for e in entries if e.person is not None]
    if day is None and entries[0].kind == "person_title" and len({p.name for p in people}) > 1:
        return Entry(kind="person_title", name=text, person=undated_holder(text, people))
    return sorted(entries, key=lambda e: not active(e))[0]


def classify(doc: Doc, spans: list[tuple[int, int, list[Entry]]], day: Date | None = None) -> _Parts:
    parts = _Parts()
    surnames: set[int] = set()  # where an unknown person's name goes on ("Manuel Gonzalez | Flores")
    for start, end, entries in spans:
        capital = _capitalised(doc, start)
        named = capital or _capitalised(doc, end - 1)  # "president Barack Obama"
        if _entries(entries, ("person",)) and named and longer_name(doc, end, spans):
            surnames.add(end)
            continue
        if start in surnames or _entries(entries, ("person",)) and other_given_name(doc, start, entries, spans):
            continue
        if (found := _entries(entries, ("person",))) and named or (found := _entries(entries, ("person_title",))) and title_alone(doc, start, end):
            parts.persons.append((_in_office(found, day, doc[start:end].text), start, end))
        elif (found := _entries(entries, ("org",))) and (capital or end - start > 1):
            parts.orgs.append((found[0], start, end))
        elif (found := _entries(entries, COUNTRY_KINDS)) and capital and not (found[0].kind == "place" and inside_name(doc, start, end, spans) or doc[start].ent_type_ == "PERSON" and opens_a_name(doc, start, end, spans)):
            parts.countries.append((found[0], start, end))  # a town is not a person's name ("Nancy Tembo"), nor "Israel Melo"
        elif found := _entries(entries, ("ethnic",)):
            parts.ethnic.append((found[0], start, end))
        elif found := _entries(entries, ("sector",)):
            parts.sectors.append((found[0], start, end))
        elif _entries(entries, ("eli_modifier",)):
            parts.eli = True
        elif _entries(entries, ("honorific",)):
            parts.honorific = True
    return parts


def org_coding(org: Entry, sector: str | None, day: Date | None) -> Coding:
    """An organisation's code; a group that became the government codes as GOV from that day
    ("the Taliban" after 2021-08-15), its soldiers as MIL."""
    if org.since_gov is not None and day is not None and day >= org.since_gov:
        org_sector = sector if sector in ("GOV", "MIL") else "GOV"
        return Coding(country=org.country, sector=org_sector, code=f"{org.country}{org_sector}", name=org.name, kind="organisation")
    return Coding(country=org.country, sector=org.sector, code=org.code, name=org.name, kind="organisation")


def _title_words(parts: _Parts) -> frozenset[str]:
    return frozenset(entry.name.split()[-1] for entry, _, _ in parts.sectors)


def person_coding(entry: Entry, day: Date | None, said: str = "") -> Coding:
    person = entry.person
    if person is None:  # only person entries reach here
        raise ValueError(f"{entry.name}: not a person entry")
    role = person.role_on(day, said)
    titles = {w.lower() for r in person.roles if r.title for w in r.title.replace("-", " ").split()}
    titles |= {w.lower() for t in person.titles for w in t.split()}
    return Coding(
        titles=frozenset(titles),
        country=role.country if role else None,
        sector=role.sector if role else None,
        code=role.code if role else None,
        name=person.name or entry.name,
        kind="person",
        person=person.name or None,  # None: an undated title's unknown holder
        gender=person.gender,
    )


PRONOUNS = actor_words().pronouns
ANAPHORIC_NOUNS = actor_words().anaphoric_nouns
GROUP_NOUNS = words("group_anaphor_nouns")
GROUP_DETERMINERS, PAIR_WORDS = words("group_anaphor_determiners"), words("pair_words")


def code_phrase(doc: Doc, head: Token, matches: DocMatches, day: Date | None) -> list[Coding]:
    """Code the noun phrase headed by `head`; several codings for a compound actor."""
    low = head.lower_
    if low in PRONOUNS and (head.pos_ == "PRON" or head.tag_ == "PRP$"):
        pronoun = PRONOUNS[low]
        return [Coding(kind="pronoun", gender=pronoun.gender, plural=pronoun.plural, name=head.text)]
    tokens = np_tokens(head)
    if _group_anaphor(head, tokens):  # "both sides", "these governments", "the two countries"
        return [Coding(kind="dyad", plural=True, name=" ".join(t.text for t in tokens))]
    parts = classify(doc, matches.spans_in(tokens), day)
    reference = _reference(doc, head, tokens, parts)
    if reference is not None:
        return [reference]
    phrase = _Phrase.read(doc, head, tokens, matches)
    if parts.persons:
        person = _known_person(doc, head, parts, phrase.named_person, day)
        if person is not None:
            return [person]
    found, sector = _phrase_sector(doc, head, parts, phrase, matches)
    if not found:
        return []
    if sector == "BUS":  # "the chief executive of the nhs trust": a business title heads a body of another sector
        body = [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj" for c in code_phrase(doc, o, matches, day)]
        sector = next((c.sector for c in body if c.kind == "group" and c.sector not in (None, "BUS")), sector)
    return _group_codings(doc, head, tokens, parts, phrase, sector, day, matches)


def _group_anaphor(head: Token, tokens: list[Token]) -> bool:
    """A plural group noun with "these", "those", "both" or "two" and no name of its own."""
    if head.tag_ not in ("NNS",) or head.lemma_.lower() not in GROUP_NOUNS or not head.text.islower():
        return False
    before = [t.lower_ for t in tokens if t.i < head.i]
    pointed = any(w in GROUP_DETERMINERS for w in before) or "the" in before and any(w in PAIR_WORDS for w in before)
    return pointed and all(w.isalpha() and w.islower() for w in before) and len(tokens) <= 4


def _reference(doc: Doc, head: Token, tokens: list[Token], parts: _Parts) -> Coding | None:
    """"His Eminence" (a dignitary already named), "the bloc", "the kingdom" (an organisation
    or country already met)."""
    if parts.honorific and not (parts.persons or parts.orgs or parts.countries or parts.sectors):
        # "His Eminence", "Her Majesty": a dignitary already named, whatever the tagger thinks
        return Coding(kind="title", definite_title=True, name=_name_of(doc, head, tokens), gender="f" if tokens[0].lower_ == "her" else "m")
    if (
        head.lemma_.lower() in ANAPHORIC_NOUNS
        and head.text.islower()
        and not (parts.persons or parts.orgs or parts.countries)
        and any(t.lower_ in ("the", "this", "that") for t in tokens if t.i < head.i)
        and len(tokens) <= 3
    ):
        own = next((e.sector for e, start, end in parts.sectors if start <= head.i < end), None)
        if any(start < head.i <= end - 1 for _, start, end in parts.sectors):
            return None  # "the opposition bloc", "the city council": a term of its own, no anaphor
        return Coding(kind="anaphor", name=head.text, plural=head.tag_ == "NNS", refers_to=ANAPHORIC_NOUNS[head.lemma_.lower()], unanchored=own)
    return None


@dataclass
class _Phrase:
    """What the phrase's head says: number, readable name, a named person, a role noun."""

    plural: bool
    name: str
    named_person: bool
    role_noun: bool

    @classmethod
    def read(cls, doc: Doc, head: Token, tokens: list[Token], matches: DocMatches) -> _Phrase:
        plural = head.tag_ in ("NNS", "NNPS")
        name = _name_of(doc, head, tokens)
        apposed_names = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        named_person = head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in tokens if t.i <= head.i and t.pos_ == "PROPN"))
        if apposed_names and not named_person:
            # "Muttaqi, the Taliban's foreign minister" parsed the other way round: the name is in apposition
            named_person, name = True, _name_of(doc, apposed_names[0], tokens)
        role_noun = not plural and head.pos_ == "NOUN" and head.lemma_.lower() not in GENERIC_HEADS and matches.is_person_noun(head.lemma_)
        return cls(plural, name, named_person, role_noun)


def _known_person(doc: Doc, head: Token, parts: _Parts, named_person: bool, day: Date | None) -> Coding | None:
    """A known person: the strongest reading ("U.S. Secretary of State Colin Powell", "Qatar's
    emir, Sheikh Tamim"); not a person who only owns the phrase ("Putin's spokesman")."""
    at_head = [p for p in parts.persons if p[1] <= head.i < p[2]]
    apposed = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
    in_appos = [p for p in parts.persons if p[1] in apposed]
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    named = [p for p in parts.persons if p[1] not in owners]
    if not (at_head or in_appos or named and (not parts.sectors or named_person)):
        return None
    entry, start, end = (at_head or in_appos or named)[0]
    coding = person_coding(entry, day, doc[start:end].text)
    former = parts.eli or any(e.sector == "ELI" for e, _, _ in parts.sectors)
    title_decides(coding, parts, former, country_members(doc, parts.countries))
    if (body := official_body(coding, parts)) is not None:
        org = org_coding(body, None, day)
        coding.country, coding.sector, coding.code = org.country, org.sector, org.code
    if former and coding.sector in OFFICE_SECTORS:
        coding.sector, coding.code = "ELI", None  # "former President X"
    coding.titles = _title_words(parts) | coding.titles
    return coding


def _phrase_sector(doc: Doc, head: Token, parts: _Parts, phrase: _Phrase, matches: DocMatches) -> tuple[bool, str | None]:
    """The phrase's sector; (False, None) when a sector word only modifies a non-actor noun."""
    sector = None
    if parts.sectors:
        # The sector word at the head, else the last one before it ("U.S. military chief General X").
        at_head = [s for s in parts.sectors if s[1] <= head.i < s[2]]
        before = [s for s in parts.sectors if s[2] <= head.i]
        if at_head:
            sector = at_head[-1][0].sector
        elif before and not phrase.named_person and titled_name(doc, head, before[-1], matches):
            # "Serbian President X", "malawian foreign minister nancy tembo": the title names the person
            sector, phrase.named_person, phrase.name = before[-1][0].sector, True, doc[before[-1][2] : head.i + 1].text
        elif before and (phrase.named_person or phrase.role_noun or head.lemma_.lower() in GENERIC_HEADS or head.pos_ == "PROPN"):
            # "police chief", "army spokesman", "U.S. military chief General X", "opposition members"
            sector = before[-1][0].sector
        elif not parts.countries and not parts.orgs and not parts.persons:
            # "a refugee camp", "the army base": a sector word modifying a non-actor noun.
            return False, None
        if parts.eli and sector in OFFICE_SECTORS:
            sector = "ELI"
    if sector is None and phrase.role_noun and (parts.countries or parts.orgs):
        sector = "GOV"  # "the British leader", "Iran's envoy": an office holder of that country
    return True, sector


def _group_codings(doc: Doc, head: Token, tokens: list[Token], parts: _Parts, phrase: _Phrase, sector: str | None, day: Date | None, matches: DocMatches) -> list[Coding]:
    """An organisation, or one coding per country of the phrase (with its sector)."""
    kind: CodingKind = "person" if phrase.named_person or phrase.role_noun else "group"
    name, person = phrase.name, phrase.name if phrase.named_person else None
    if parts.orgs:
        coding = org_coding(parts.orgs[-1][0], sector, day)
        org_start, org_end = parts.orgs[-1][1], parts.orgs[-1][2]
        if kind == "person" and not (org_start <= head.i < org_end):  # "Hamas leader X", not "the Houthis"
            coding.kind, coding.name, coding.person = "person", name, person
        coding.plural = phrase.plural
        return [coding]
    countries = country_members(doc, parts.countries)
    ethnic = parts.ethnic[-1][0] if parts.ethnic else None
    if not countries and ethnic is not None and ethnic.country:
        countries = [ethnic.country]  # "the Rohingya", "Uyghurs": the country they live in
    if not countries and sector in LOCATED_SECTORS and not (phrase.role_noun or phrase.named_person):
        countries = located_countries(doc, head, matches.by_token)  # "gangs in Colombia"
    if not countries and not sector:
        if phrase.named_person:
            return [Coding(kind="person", person=name, name=name)]
        if head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            return [Coding(kind="organisation", name=name, plural=phrase.plural)]
        if phrase.role_noun and head.lemma_.lower().startswith("spokes"):
            return [Coding(kind="person", name=name)]  # "a spokesman said": someone speaks for a body (context.py)
        return []
    if sector is None and countries:
        country_kind, head_is_country = None, False
        for entry, start, end in parts.countries:
            if start <= head.i < end:
                country_kind, head_is_country = entry.kind, True
        if country_kind in ("capital", "metonym"):
            sector = "GOV"
        elif country_kind == "metonym_mil":
            sector = "MIL"
        elif ethnic is not None:
            # "Iraqi Kurds": the country the phrase gives, and the community's ethnic code
            return [Coding(country=c, code=f"{c}{ethnic.code}", name=name, kind="group", plural=phrase.plural) for c in countries]
        elif not head_is_country and not phrase.named_person and not phrase.role_noun and head.lemma_.lower() not in GENERIC_HEADS | RELATIONAL_HEADS:
            # "Iranian oil", "the Syrian border": a country word on a non-actor noun is no actor.
            return []
        if head_is_country and country_kind in ("country", "adjective", "demonym"):
            kind = "country"
        elif head_is_country and country_kind == "place":
            kind = "place"  # a town or province: an actor only where it acts, never after a preposition
    definite = (
        phrase.role_noun
        and not phrase.named_person
        and (parts.honorific or any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" for t in tokens))
    )
    titles = _title_words(parts) | ({head.lemma_.lower()} if phrase.role_noun else set())
    return [
        Coding(country=c, sector=sector, name=name, kind=kind, person=person, plural=phrase.plural, definite_title=definite, titles=frozenset(titles))
        for c in (countries or [None])
    ]


def _name_of(doc: Doc, head: Token, tokens: list[Token]) -> str:
    """A readable name for the phrase: the head with its compounds, without determiners."""
    if head.ent_type_:
        ent = entity_of(head)
        if ent is not None:
            return ent.text
    inside = {t.i for t in tokens}
    left = head.i
    while left - 1 in inside and doc[left - 1].dep_ in ("compound", "amod", "flat"):
        left -= 1
    return doc[left : head.i + 1].text


