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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tacitus.actors.mentions import Coding, RawMention
from tacitus.model import Actor, Mention

# Office words that fit any office holder ("the Turkish leader" after "President Erdogan").
GENERIC_TITLES = frozenset({"leader", "head", "chief", "official", "politician", "statesman", "ruler", "dignitary"})


@dataclass
class Resolution:
    actors: list[Actor] = field(default_factory=list)
    # mention key (head token index, offset for the title) -> actor ids it names (several for compound actors and "the two sides")
    by_head: dict[int, list[str]] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)


@dataclass
class _Entity:
    actor: Actor
    coding: Coding
    last_sentence: int = -1
    last_head: int = -1
    subject_sentences: set[int] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    titles: frozenset[str] = frozenset()


def resolve_actors(mentions: list[RawMention], subjects: set[int]) -> Resolution:
    """Resolve `mentions` (in reading order) into actors; `subjects` are mention keys in subject position."""
    result = Resolution()
    entities: list[_Entity] = []
    by_key: dict[str, _Entity] = {}

    def new_entity(key: str, coding: Coding) -> _Entity:
        actor = Actor(
            id=f"A{len(entities) + 1}",
            name=coding.person or coding.name,
            code=coding.actor_code,
            country=coding.country,
            sector=coding.sector,
            kind=coding.kind if coding.kind in ("person", "country", "organisation") else "group",
        )
        entity = _Entity(actor=actor, coding=coding)
        entities.append(entity)
        result.actors.append(actor)
        by_key[key] = entity
        return entity

    def attach(entity: _Entity, mention: RawMention, coding: Coding | None = None, salient: bool = True) -> None:
        entity.actor.mentions.append(Mention(mention.text, mention.start, mention.end, mention.sentence))
        if coding is not None:
            entity.titles |= coding.titles
        if salient:  # "the two sides" names both parties without making either the most recent
            entity.last_sentence = mention.sentence
            entity.last_head = mention.key
        if mention.key in subjects:
            entity.subject_sentences.add(mention.sentence)
        # A later, better-coded mention completes an actor first seen without a code.
        if coding is not None and coding.is_coded and not entity.actor.code:
            entity.actor.code = coding.actor_code
            entity.actor.country = coding.country
            entity.actor.sector = coding.sector
        for key in (mention.key, *mention.aliases):
            ids = result.by_head.setdefault(key, [])
            if entity.actor.id not in ids:
                ids.append(entity.actor.id)

    def recent(pred, before_sentence: int, prefer_subject: bool = True) -> _Entity | None:
        candidates = [e for e in entities if pred(e) and e.last_sentence >= 0 and e.last_sentence >= before_sentence - 3]
        if not candidates:
            return None
        if prefer_subject:
            subj = [e for e in candidates if any(s >= before_sentence - 1 for s in e.subject_sentences)]
            if subj:
                candidates = subj
        return max(candidates, key=lambda e: (e.last_sentence, e.last_head))

    for mention in mentions:
        for coding in mention.members:
            kind = coding.kind
            if kind == "pronoun":
                if coding.plural:
                    target = recent(lambda e: e.coding.kind != "person" and bool(e.actor.code) and (e.coding.plural or e.coding.kind == "organisation"), mention.sentence)
                elif coding.gender:
                    target = recent(lambda e, g=coding.gender: e.coding.kind == "person" and e.coding.gender in (g, None), mention.sentence)
                else:
                    # "it": an organisation, a country, or one body ("the army", "the ministry")
                    target = recent(
                        lambda e: e.coding.kind in ("organisation", "country") or e.coding.kind == "group" and not e.coding.plural and bool(e.actor.code),
                        mention.sentence,
                    )
                if target is not None and target.last_head != mention.key:
                    attach(target, mention)
                continue
            if kind == "dyad":
                # The two parties most recently named before this sentence (not its own actors).
                here = {e.actor.id for e in entities if e.last_sentence == mention.sentence}
                groups = sorted(
                    (e for e in entities if 0 <= e.last_sentence < mention.sentence and e.actor.id not in here and e.actor.country),
                    key=lambda e: (e.last_sentence, e.last_head),
                    reverse=True,
                )
                for entity in groups[:2]:
                    attach(entity, mention, salient=False)
                continue
            if kind == "anaphor":
                target = recent(lambda e, want=coding.sector: _fits_anaphor(e, want), mention.sentence, prefer_subject=False)
                if target is not None:
                    attach(target, mention)
                elif coding.unanchored:
                    # "the government", "the cartel" with nothing named before: a body of the
                    # country the context gives (actors.context)
                    own = Coding(kind="group", sector=coding.unanchored, name=coding.name, plural=coding.plural)
                    key = "group:" + coding.unanchored
                    attach(by_key.get(key) or new_entity(key, own), mention, own)
                continue
            if kind == "title" or coding.definite_title:
                # "the minister" joins the last person named with that office; "His Eminence"
                # (no office word) the last dignitary.
                target = recent(
                    lambda e, c=coding, k=kind: e.coding.kind == "person"
                    and (k == "title" or not c.titles or c.titles <= GENERIC_TITLES or bool(c.titles & e.titles))
                    and (c.country is None or e.actor.country in (c.country, None)),
                    mention.sentence,
                    prefer_subject=False,
                )
                if target is not None:
                    attach(target, mention, coding)
                    continue
                if kind == "title":
                    continue
            if kind == "person":
                name = coding.person or coding.name
                # A named person is one actor under every name; an unnamed office holder ("Iran's
                # foreign minister") is one per office and country.
                key = "person:" + name.lower() if coding.person else f"office:{coding.actor_code}:{name.lower()}"
                entity = by_key.get(key)
                if entity is None and coding.person:
                    entity = _surname_match(entities, name)
                if entity is None:
                    entity = new_entity(key, coding)
                    entity.aliases.add(name.lower())
                attach(entity, mention, coding)
                if coding.gender and entity.coding.gender is None:
                    entity.coding.gender = coding.gender
                continue
            if not coding.is_coded and coding.kind == "organisation" and (earlier := _surname_match(entities, coding.name)):
                attach(earlier, mention, coding)  # "Wang" after "Wang Yi", tagged as an organisation
                continue
            code = coding.actor_code or ("name:" + coding.name.lower())
            key = "group:" + code
            entity = by_key.get(key) or new_entity(key, coding)
            attach(entity, mention, coding)
    return result


def _surname_match(entities: list[_Entity], name: str) -> _Entity | None:
    """A later partial name ("Muttaqi", "Mr Lavrov") joins the earlier person whose name ends with it."""
    words = name.lower().replace("mr ", "").replace("ms ", "").split()
    if not words:
        return None
    for entity in reversed(entities):
        if entity.coding.kind != "person":
            continue
        full = (entity.actor.name or "").lower().split()
        if len(words) < len(full) and full[-len(words):] == words:
            return entity
        if len(words) == 1 and words[0] in full:
            return entity
    return None


def _fits_anaphor(entity: _Entity, want: str | None) -> bool:
    """"the bloc" is an intergovernmental body, "the group" an armed or political group, "the
    kingdom" a country."""
    coding = entity.coding
    if want == "igo":
        return coding.kind == "organisation" and entity.actor.sector in ("IGO", "NGO")
    if want == "armed":
        return coding.kind == "organisation" and entity.actor.sector not in ("IGO", "NGO")
    return coding.kind == "country" or coding.kind == "group" and entity.actor.sector == "GOV" and not coding.plural


# State bodies belong to the country where they act even when the text does not name it
# ("riot police fired tear gas … in Dhaka"); civilians, refugees or migrants need not.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def infer_countries(actors: list, events: list) -> None:
    """Give state bodies the text leaves without a country ("riot police", "the army") the country of
    where the event happened ("… in Dhaka"), or else the document's main country when one
    country clearly dominates it. Codes are updated in place; explicit countries never change."""
    counts: dict[str, int] = {}
    for actor in actors:
        if actor.country and actor.country not in ("IGO", "NGO"):
            counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
    for event in events:
        if event.place is not None and event.place.country:
            counts[event.place.country] = counts.get(event.place.country, 0) + 2
    total = sum(counts.values())
    main = max(counts, key=counts.get) if counts else None
    dominant = main if main and counts[main] >= 0.6 * total else None
    by_id = {a.id: a for a in actors}
    for event in events:
        here = event.place.country if event.place is not None and event.place.country else dominant
        for ref in (event.source, event.target):
            if ref is None or ref.country or ref.sector not in STATE_SECTORS or ref.code not in (None, ref.sector) or not here:
                continue
            ref.country, ref.code = here, f"{here}{ref.sector}"
            actor = by_id.get(ref.actor)
            if actor is not None and not actor.country:
                actor.country, actor.code = here, f"{here}{actor.sector}"
