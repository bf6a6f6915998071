"""Document-level actor resolution: many names for one actor become one `Actor`.

A rule-based resolver (no coreference model can be installed here), applied in reading order:
- a known or named person is one actor under every alias; a later surname alone ("Muttaqi")
  or a title/honorific ("the minister", "His Eminence", "the Leader") joins the most recent
  compatible person;
- "he"/"she"/"his"/"her" join the most recent person of a compatible gender, preferring the
  subject of the current or previous sentence; "they"/"their" the most recent plural group;
  "it"/"its" the most recent organisation or country;
- "the two sides" names the two most recent distinct non-person actors (or persons);
- groups (countries, sectors, organisations) are one actor per code.

`resolve_actors` works on plain mentions (`RawMention` with their `Coding`s): no parse needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tacitus.actors.coding import Coding
from tacitus.actors.mentions import RawMention
from tacitus.document import MentionKey
from tacitus.model import Actor, Mention
from tacitus.words import AnaphorKind, words

# Office words that fit any office holder ("the Turkish leader" after "President Erdogan").
GENERIC_TITLES = words("generic_titles")
PAIR_WORDS = words("pair_words")


@dataclass
class Resolution:
    actors: list[Actor] = field(default_factory=list)
    # mention key -> actor ids it names (several for compound actors and "the two sides")
    by_head: dict[MentionKey, list[str]] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)


@dataclass
class _Entity:
    actor: Actor
    coding: Coding
    last_sentence: int = -1
    last_head: MentionKey = (-1, -1)
    subject_sentences: set[int] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    titles: frozenset[str] = frozenset()
    acting: bool = False  # named once as an actor, not only compounded with a noun ("the Iraq war")


def resolve_actors(mentions: list[RawMention], subjects: set[MentionKey]) -> Resolution:
    """Resolve `mentions` (in reading order) into actors; `subjects` are mention keys in subject position."""
    resolver = _Resolver(subjects)
    for mention in mentions:
        for coding in mention.members:
            resolver.add(mention, coding)
    return resolver.result


@dataclass
class _Resolver:
    subjects: set[MentionKey]
    result: Resolution = field(default_factory=Resolution)
    entities: list[_Entity] = field(default_factory=list)
    by_key: dict[str, _Entity] = field(default_factory=dict)
    # actors named together ("Poland and Lithuania"), by the first conjunct's key: its sentence and members
    together: dict[MentionKey, tuple[int, list[_Entity]]] = field(default_factory=dict)

    def new_entity(self, key: str, coding: Coding) -> _Entity:
        actor = Actor(
            id=f"A{len(self.entities) + 1}",
            name=coding.person or coding.name,
            code=coding.actor_code,
            country=coding.country,
            sector=coding.sector,
            kind=coding.kind if coding.kind in ("person", "country", "organisation") else "group",  # type: ignore[arg-type]
        )
        entity = _Entity(actor=actor, coding=coding)
        self.entities.append(entity)
        self.result.actors.append(actor)
        self.by_key[key] = entity
        return entity

    def attach(self, entity: _Entity, mention: RawMention, coding: Coding | None = None, salient: bool = True) -> None:
        entity.actor.mentions.append(Mention(mention.text, mention.start, mention.end, mention.sentence))
        if coding is not None:
            entity.titles |= coding.titles
        if salient:  # "the two sides" names both parties without making either the most recent
            entity.last_sentence = mention.sentence
            entity.last_head = mention.key
        if mention.key in self.subjects:
            entity.subject_sentences.add(mention.sentence)
        entity.acting = entity.acting or not mention.modifier
        joint = mention.together or (mention.key if len(mention.members) > 1 else None)
        if joint is not None and salient and mention.coding.kind not in ("pronoun", "dyad"):
            members = self.together.setdefault(joint, (mention.sentence, []))[1]
            if entity not in members:
                members.append(entity)
        # A later, better-coded mention completes an actor first seen without a code.
        if coding is not None and coding.is_coded and not entity.actor.code:
            entity.actor.code = coding.actor_code
            entity.actor.country = coding.country
            entity.actor.sector = coding.sector
        for key in (mention.key, *mention.aliases):
            ids = self.result.by_head.setdefault(key, [])
            if entity.actor.id not in ids:
                ids.append(entity.actor.id)

    def recent(self, pred: Callable[[_Entity], bool], before_sentence: int, prefer_subject: bool = True, window: int = 1) -> _Entity | None:
        candidates = [e for e in self.entities if pred(e) and e.last_sentence >= 0 and e.last_sentence >= before_sentence - 3]
        if not candidates:
            return None
        if prefer_subject:
            subj = [e for e in candidates if any(s >= before_sentence - window for s in e.subject_sentences)]
            if subj:
                candidates = subj
        return max(candidates, key=lambda e: (e.last_sentence, e.last_head))

    def named_together(self, mention: RawMention, fits: Callable[[_Entity], bool], window: int) -> tuple[MentionKey, list[_Entity]] | None:
        """The last actors named together before `mention`, at most `window` sentences back: the
        members that fit, one per actor (two or more), and where they were named."""
        found = [
            (key, [e for e in members if fits(e)])
            for key, (sentence, members) in self.together.items()
            if key < mention.key and mention.sentence - window <= sentence <= mention.sentence
        ]
        found = [(key, members) for key, members in found if len(members) >= 2]
        return max(found, key=lambda item: item[0]) if found else None

    def add(self, mention: RawMention, coding: Coding) -> None:
        kind = coding.kind
        if kind == "pronoun":
            self.pronoun(mention, coding)
        elif kind == "dyad":
            self.dyad(mention)
        elif kind == "surname":
            if (person := _named_person(self.entities, coding.name) or _surname_match(self.entities, coding.name)) is not None:
                self.attach(person, mention)  # "Mr Prescott" after "John Prescott", not the town
        elif kind == "anaphor":
            target = self.recent(lambda e, want=coding.refers_to: _fits_anaphor(e, want), mention.sentence, prefer_subject=False)
            if coding.plural and coding.refers_to == "organisation":
                target = None  # "the two organizations" are several: no one of them
            if target is not None and coding.unanchored and mention.sentence - target.last_sentence > 1 and not target.subject_sentences:
                target = None  # "the government" paragraphs after a country only ever acted on is the story's own
            if target is not None:
                self.attach(target, mention)
            elif coding.unanchored:
                self.unanchored(mention, coding)
        elif (kind == "title" or coding.definite_title) and self.title(mention, coding) or kind == "title":
            return
        elif kind == "person":
            self.person(mention, coding)
        else:
            self.group(mention, coding)

    def unanchored(self, mention: RawMention, coding: Coding) -> None:
        """"the government", "the cartel" with nothing named before: a body of the country the
        context gives (actors.context)."""
        sector = coding.unanchored or ""
        own = Coding(kind="group", sector=sector, name=coding.name, plural=coding.plural)
        key = "group:" + sector
        self.attach(self.by_key.get(key) or self.new_entity(key, own), mention, own)

    def pronoun(self, mention: RawMention, coding: Coding) -> None:
        bound = self.bound(mention)
        if coding.plural:
            target = self.recent(
                lambda e: e.actor.id not in bound and e.coding.kind != "person" and bool(e.actor.code) and (e.coding.plural or e.coding.kind == "organisation"),
                mention.sentence,
            )
            named = self.named_together(mention, lambda e: bool(e.actor.code), window=1)
            subject = target is not None and any(n >= mention.sentence - 1 for n in target.subject_sentences)
            if named is not None and (target is None or named[0] in self.subjects and (named[0] >= target.last_head or not subject)):
                # "Poland and Lithuania accused Minsk. They said …": the actors named together as subject
                for entity in named[1]:
                    self.attach(entity, mention)
                return
        elif coding.gender:
            # "he" is someone named or titled before, never "a single civilian"
            # the subject of the last two sentences: a quote between a speaker and "He praised …"
            target = self.recent(
                lambda e, g=coding.gender: e.actor.id not in bound and e.coding.kind == "person" and e.coding.gender in (g, None) and _definite(e),
                mention.sentence,
                window=2,
            )
        else:
            # "it": an organisation, a country, or one body ("the army", "the ministry")
            target = self.recent(
                lambda e: e.actor.id not in bound
                and (e.coding.kind in ("organisation", "country") or e.coding.kind == "group" and not e.coding.plural and bool(e.actor.code)),
                mention.sentence,
            )
        if target is not None and target.last_head != mention.key:
            self.attach(target, mention)

    def bound(self, mention: RawMention) -> set[str]:
        """The actors an object pronoun cannot name: its own clause's subject ("the court ruled it
        unlawful" is not the court)."""
        return set(self.result.by_head.get(mention.co_subject, ())) if mention.co_subject else set()

    def dyad(self, mention: RawMention) -> None:
        """"both sides", "these governments", "the two countries": the actors named together last
        (two for "two"/"both"), of the kind the noun names, each one a member of the group."""
        said = mention.text.lower().split()
        fits = _group_fit(said[-1] if said else "")
        pair = bool(PAIR_WORDS & set(said))
        here = [e for e in self.entities if e.last_sentence == mention.sentence and e.last_head < mention.key and fits(e)]
        earlier = sorted(
            (e for e in self.entities if 0 <= e.last_sentence < mention.sentence and e not in here and fits(e)),
            key=lambda e: (e.last_sentence, e.last_head),
            reverse=True,
        )
        # "Poland and Lithuania said the two countries …": named together, else in the same sentence
        named = self.named_together(mention, _group_fit(said[-1] if said else "", together=True), window=2)
        group = named[1] if named is not None and (len(here) < 2 or named[0] >= min(e.last_head for e in here)) else here if len(here) >= 2 else []
        # "European governments … These governments": the plural group named with the same noun
        same = [e for e in earlier if e.coding.plural and not pair and any(m.text.lower().split()[-1:] == said[-1:] for m in e.actor.mentions)]
        if not group and same and same[0].last_sentence >= mention.sentence - 3:
            group = same[:1]
        if not group and earlier:
            last = earlier[0].last_sentence
            together = [e for e in earlier if e.last_sentence == last]
            plural = len(together) == 1 and together[0].coding.plural and not pair
            distinct = len({e.actor.country for e in together})
            group = together if distinct >= 2 or plural else [*together, *(e for e in earlier if e.actor.country not in {t.actor.country for t in together})][:2]
        members: list[_Entity] = []
        for entity in group:  # one member per country: "Lithuania" and "the Lithuanian government" are one side
            if all(m.actor.country != entity.actor.country for m in members) or said[-1:] == ["groups"]:
                members.append(entity)  # two gangs of one country are two groups
        if pair and len(members) == 1 and members[0].coding.kind == "person":
            return  # "the two political leaders" of one country: two sides of a domestic debate, no dyad
        for entity in members[:2] if pair else members:
            self.attach(entity, mention, salient=False)

    def described_person(self, mention: RawMention) -> _Entity | None:
        """"the crown prince" after "Saudi Crown Prince Mohammed bin Salman": the person named
        a few sentences before with those words in the name's phrase."""
        words_ = mention.text.lower().split()
        if len(words_) < 2 or words_[0] != "the" or words_[-1].endswith("s"):
            return None
        said = " ".join(words_[1:])
        for entity in sorted(self.entities, key=lambda e: (e.last_sentence, e.last_head), reverse=True):
            recent = entity.coding.kind == "person" and bool(entity.coding.person) and 0 <= mention.sentence - entity.last_sentence <= 3
            if recent and any(f" {said} " in f" {m.text.lower()} " and m.text.lower() != said for m in entity.actor.mentions):
                return entity
        return None

    def title(self, mention: RawMention, coding: Coding) -> bool:
        """"the minister" joins the last person named with that office; "His Eminence" (no
        office word) the last dignitary. True when it found one."""
        kind = coding.kind
        target = self.recent(
            lambda e: e.coding.kind == "person"
            and (kind == "title" or not coding.titles or coding.titles <= GENERIC_TITLES or bool(coding.titles & e.titles))
            and (coding.country is None or e.actor.country in (coding.country, None)),
            mention.sentence,
            prefer_subject=False,
        )
        bare = len(mention.text.split()) == 2 and mention.text.lower().startswith("the ")
        if target is None and bare and coding.titles and not coding.titles <= GENERIC_TITLES:
            # "the archbishop" paragraphs after "Archbishop Desmond Tutu": the one person of the
            # article with that office word, however far back ("the governor of X" is someone new)
            holders = [e for e in self.entities if e.coding.kind == "person" and e.last_sentence >= 0 and coding.titles & e.titles]
            target = holders[0] if len({e.actor.id for e in holders}) == 1 else None
        if target is None:
            return False
        self.attach(target, mention, coding)
        return True

    def person(self, mention: RawMention, coding: Coding) -> None:
        name = coding.person or coding.name
        # A named person is one actor under every name; an unnamed office holder ("Iran's
        # foreign minister") is one per office and country.
        key = "person:" + name.lower() if coding.person else f"office:{coding.actor_code}:{name.lower()}"
        entity = self.by_key.get(key)
        if entity is None and coding.person:
            entity = _surname_match(self.entities, name) or _alias_match(self.entities, name)
        if entity is None:
            entity = self.new_entity(key, coding)
            entity.aliases.add(name.lower())
        self.attach(entity, mention, coding)
        if coding.gender and entity.coding.gender is None:
            entity.coding.gender = coding.gender

    def group(self, mention: RawMention, coding: Coding) -> None:
        if not coding.is_coded and coding.kind == "organisation" and (earlier := _surname_match(self.entities, coding.name)):
            self.attach(earlier, mention, coding)  # "Wang" after "Wang Yi", tagged as an organisation
            return
        if (person := _named_person(self.entities, mention.text) or self.described_person(mention)) is not None:
            self.attach(person, mention)  # "Rodriguez" after "Bruno Rodriguez": the person, not a town of that name
            return
        code = coding.actor_code or ("name:" + coding.name.lower())
        # two named organisations of one code ("Labour", "the Tories": GBRPTY) are two actors
        key = "group:" + code + (":" + coding.name.lower() if coding.kind == "organisation" and coding.actor_code else "")
        entity = self.by_key.get(key) or self.new_entity(key, coding)
        self.attach(entity, mention, coding)


def _surname_match(entities: list[_Entity], name: str) -> _Entity | None:
    """A later partial name ("Muttaqi", "Mr Lavrov") joins the earlier person whose name ends with it."""
    words_ = name.lower().replace("mr ", "").replace("ms ", "").split()
    if not words_:
        return None
    for entity in reversed(entities):
        if entity.coding.kind != "person":
            continue
        full = (entity.actor.name or "").lower().split()
        if len(words_) < len(full) and full[-len(words_):] == words_:
            return entity
        if len(words_) == 1 and words_[0] in full:
            return entity
    return None


def _alias_match(entities: list[_Entity], name: str) -> _Entity | None:
    """"La Tuta" after "Servando Gomez Martinez, alias "La Tuta"": the person first named with
    that alias (a name of two words or more, to be sure it is one)."""
    if len(name.split()) < 2:
        return None
    alias = re.compile(rf"\balias\W+{re.escape(name.lower())}\b")
    for entity in reversed(entities):
        if entity.coding.kind == "person" and any(alias.search(m.text.lower()) for m in entity.actor.mentions):
            return entity
    return None


def _definite(entity: _Entity) -> bool:
    """A person met by name or by a definite phrase, not only as "a civilian", "a witness"."""
    return bool(entity.coding.person) or not all(m.text.lower().startswith(("a ", "an ", "one ")) for m in entity.actor.mentions)


def _named_person(entities: list[_Entity], text: str) -> _Entity | None:
    """The person named before whose name (as written in the text) ends with the single word `text`."""
    word = text.strip().lower()
    if not word.isalpha() or " " in text.strip():
        return None
    for entity in reversed(entities):
        if entity.coding.kind == "person" and entity.coding.person and any(m.text.lower().split()[-1:] == [word] for m in entity.actor.mentions):
            return entity
    return None


def _group_fit(noun: str, together: bool = False) -> Callable[[_Entity], bool]:
    """Which actors a group noun may take: "sides" any actor of a country (an international
    body only when named with the other side: a mediator is no side), "groups" non-state groups, "governments", "countries", "allies" countries and their state bodies."""
    lemma = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") else noun
    if lemma in ("side", "party"):
        return lambda e: bool(e.actor.country) and e.coding.kind != "pronoun" and (together or e.actor.country not in ("IGO", "NGO"))
    if lemma in ("leader", "minister", "president"):  # "the two leaders": persons of a country
        return lambda e: e.coding.kind == "person" and bool(e.actor.country) and e.actor.country not in ("IGO", "NGO")
    if lemma == "group":  # "both groups": armed or political groups, not states
        return lambda e: e.coding.kind in ("organisation", "group") and e.actor.sector not in ("GOV", "MIL", "IGO") and (e.actor.sector or e.coding.kind == "organisation")
    return lambda e: bool(e.actor.country) and e.actor.country != "IGO" and (
        e.coding.kind == "country" or e.coding.kind == "group" and e.actor.sector in (None, "GOV", "MIL")
    )


def _fits_anaphor(entity: _Entity, want: AnaphorKind | None) -> bool:
    """"the bloc" is an intergovernmental body, "the group" an armed or political group, "the
    kingdom" a country."""
    coding = entity.coding
    if want == "igo":
        return coding.kind == "organisation" and entity.actor.sector in ("IGO", "NGO")
    if want == "armed":
        return coding.kind == "organisation" and entity.actor.sector not in ("IGO", "NGO")
    if want == "organisation":
        return coding.kind == "organisation"
    # "the government" after "the Iraq war" is the story's own: a country only compounded with a noun is its topic
    return coding.kind == "country" and entity.acting or coding.kind == "group" and entity.actor.sector == "GOV" and not coding.plural
