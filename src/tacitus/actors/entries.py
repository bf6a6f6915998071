"""The actor dictionary's data model: `Entry`s (what a phrase may name, with dated `Role`s for
people) in an `ActorLexicon` matched against text with spaCy's `PhraseMatcher`. The loaders
that fill it are in lexicon.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tacitus.words import words

PERSON_SUFFIXES = tuple(sorted(words("person_suffixes")))  # str.endswith takes a tuple
NOT_PERSONS = words("not_persons")
# Entry kinds that name a place or a people (and so give a country) rather than an actor.
COUNTRY_KINDS = ("country", "adjective", "demonym", "capital", "metonym", "metonym_mil", "place")


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str | None
    start: Date | None = None
    end: Date | None = None
    title: str | None = None
    code: str | None = None

    def holds_on(self, day: Date | None) -> bool:
        """Whether the role holds on `day`; with no date nothing is known to hold (an undated text
        is never dated by the machine's clock)."""
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """A named actor with roles bounded in time (people, and PETRARCH's dated named actors)."""

    name: str
    gender: str | None
    roles: tuple[Role, ...]
    otherwise: Role | None = None
    titles: tuple[str, ...] = ()

    def role_on(self, day: Date | None, said: str = "") -> Role | None:
        """The role on `day`; with no date, `said` (the name as written: "President Biden")
        narrows the roles to those whose title it names."""
        if day is None:
            return self.undated_role(said)
        for role in self.roles:
            if role.holds_on(day):
                return role
        return self.otherwise

    def undated_role(self, said: str = "") -> Role | None:
        """The role to code a person by when the text has no date: not the office held today,
        but what all the person's roles agree on — the country they share (else the principal
        role's, listed first), the sector only when every role has the same one."""
        said = f" {normalise(said)} "
        titled = tuple(r for r in self.roles if r.title and f" {normalise(r.title)} " in said)
        roles = titled or self.roles + ((self.otherwise,) if self.otherwise is not None else ())
        if not roles:
            return None
        if len(set(roles)) == 1:
            return roles[0]
        countries = {r.country for r in roles}
        country = countries.pop() if len(countries) == 1 else roles[0].country
        sectors = {r.sector for r in roles}
        sector = sectors.pop() if len(sectors) == 1 else None
        codes = {r.code for r in roles}
        code = codes.pop() if len(codes) == 1 else f"{country or ''}{sector or ''}" or None
        return Role(country=country, sector=sector, code=code)


def undated_holder(title: str, people: list[Person]) -> Person:
    """Several people have held a title ("the Leader") and the text has no date: none of them is
    picked; the title's holder is coded by what their roles agree on."""
    genders = {p.gender for p in people}
    roles = tuple(r for p in people for r in p.roles)
    return Person(name="", gender=genders.pop() if len(genders) == 1 else None, roles=roles, titles=(title,))


@dataclass(frozen=True)
class Entry:
    kind: str  # country kinds, org, person, person_title, sector, honorific, eli_modifier
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    person: Person | None = None
    since_gov: Date | None = None  # armed groups that became the government


@dataclass
class ActorLexicon:
    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    person_nouns: set[str] = field(default_factory=set)  # singular role nouns naming one person
    surfaces: dict[str, set[str]] = field(default_factory=dict)  # key -> phrases as written
    knowledge: Any = None  # the compiled knowledge base (actors.knowledge.KnowledgeIndex), behind the tables

    def is_person_noun(self, lemma: str) -> bool:
        lemma = lemma.lower()
        return lemma in self.person_nouns or lemma.endswith(PERSON_SUFFIXES) and lemma not in NOT_PERSONS

    def add(self, phrase: str, entry: Entry) -> None:
        key = normalise(phrase)
        if not key:
            return
        entries = self.phrases.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        # Keep the written form too: the tokenizer splits "U.S." and "u.s." differently.
        self.surfaces.setdefault(key, set()).update({key, re.sub(r"^(the|The)\s+", "", phrase.strip())})

    def lookup(self, phrase: str) -> list[Entry]:
        key = normalise(phrase)
        if key not in self.phrases and self.knowledge is not None:
            return self.knowledge.entries(key)
        return self.phrases.get(key, [])

    def matcher(self, nlp: Language) -> PhraseIndex:
        """The index of every phrase (lower-cased tokens) for `find`. Phrases naming the same
        entries (a name and its aliases) share one key, the first of their keys."""
        groups: dict[tuple[Entry, ...], tuple[str, list[str]]] = {}
        for key, entries in self.phrases.items():
            groups.setdefault(tuple(entries), (key, []))[1].extend(sorted(self.surfaces.get(key, {key})))
        return PhraseIndex.build((key, [[t.lower_ for t in nlp.make_doc(form)] for form in forms]) for key, forms in groups.values())

    def find(self, doc: Doc, matcher: PhraseIndex) -> list[tuple[int, int, list[Entry]]]:
        """Longest non-overlapping dictionary matches in `doc` as (start token, end token, entries)."""
        found = [(start, end, self.phrases[key]) for key, start, end in matcher(doc)]
        if self.knowledge is not None:
            # The hand tables' people win over any longer compiled phrase around them.
            people = {i for start, end, entries in found if any(e.kind in ("person", "person_title") for e in entries) for i in range(start, end)}
            found.extend(m for m in self.knowledge.find(doc, self.phrases) if people.isdisjoint(range(m[0], m[1])))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        result = []
        for start, end, entries in found:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            result.append((start, end, entries))
        result.sort()
        return result


@dataclass
class PhraseIndex:
    """The dictionary's phrases as sequences of lower-cased token ids (spaCy's LOWER hashes),
    found in a Doc exactly as spaCy's `PhraseMatcher(attr="LOWER")` finds them: every phrase at
    every start, by start and then end. Plain containers, cached with the lexicons: a
    PhraseMatcher re-adds its ~12,500 phrases at every start and makes each key and word a
    lexeme of the vocabulary (half a second, and memory); this loads in milliseconds."""

    phrases: dict[tuple[int, ...], tuple[str, ...]]  # token ids -> the keys of that phrase
    prefixes: set[tuple[int, ...]]  # every phrase and every start of one
    firsts: set[int]  # first token ids
    longest: int

    @classmethod
    def build(cls, groups: Iterable[tuple[str, list[list[str]]]]) -> PhraseIndex:
        """From (key, the lower-cased tokens of each of its phrases), in the PhraseMatcher's order."""
        phrases: dict[tuple[int, ...], list[str]] = {}
        words: dict[tuple[int, ...], list[str]] = {}
        for key, forms in groups:
            for tokens in forms:
                if not tokens:  # the PhraseMatcher skips an empty phrase
                    continue
                ids = tuple(get_string_id(t) for t in tokens)
                keys = phrases.setdefault(ids, [])
                words[ids] = tokens
                if key not in keys:
                    keys.append(key)
        for ids, keys in phrases.items():
            if len(keys) > 1:  # several keys of one phrase: in the order the PhraseMatcher gives them
                keys[:] = _matcher_order(keys, words[ids])
        prefixes = {ids[:n] for ids in phrases for n in range(1, len(ids) + 1)}
        return cls({ids: tuple(keys) for ids, keys in phrases.items()}, prefixes, {ids[0] for ids in phrases}, max(map(len, phrases), default=0))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start token, end token) of every phrase in `doc`."""
        found: list[tuple[str, int, int]] = []
        if not len(doc):
            return found
        ids = doc.to_array(LOWER).tolist()
        firsts, prefixes, phrases, size = self.firsts, self.prefixes, self.phrases, len(ids)
        for start in [i for i, token in enumerate(ids) if token in firsts]:
            for end in range(start + 1, min(size, start + self.longest) + 1):
                sequence = tuple(ids[start:end])
                if sequence not in prefixes:
                    break
                for key in phrases.get(sequence, ()):
                    found.append((key, start, end))
        return found


def _matcher_order(keys: list[str], words: list[str]) -> list[str]:
    """The keys of one phrase in the order spaCy's PhraseMatcher reports them (the order of its
    hash map, not of insertion): asked of a PhraseMatcher holding just this phrase."""
    vocab = Vocab()
    matcher = PhraseMatcher(vocab, attr="ORTH")
    for key in keys:
        matcher.add(key, [Doc(vocab, words=words)])
    return [vocab.strings[match_id] for match_id, _, _ in matcher(Doc(vocab, words=words))]


def normalise(phrase: str) -> str:
    phrase = phrase.strip().lower().replace("’", "'")
    phrase = _LEADING_THE.sub("", phrase)
    return _SPACES.sub(" ", phrase)


_LEADING_THE = re.compile(r"^the\s+")  # compiled once: normalise runs for every candidate phrase
_SPACES = re.compile(r"\s+")


def plural(noun: str) -> str:
    """Regular English plural of the last word of a phrase."""
    head, _, last = noun.rpartition(" ")
    if last.endswith(("man", "woman")) and not last.endswith(("human", "german")):
        last = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}".strip()
