"""Where an event happened, and the country of state bodies the text leaves without one."""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon
from tacitus.model import Actor, Event, Place
from tacitus.syntax import entity_of
from tacitus.words import actor_words, words

PLACE_PREPS = words("place_preps")


def place_of(tok: Token, actors: ActorLexicon) -> Place | None:
    """A place named in the trigger's clause ("in Muscat", "near Gaza")."""
    near = list(tok.children)
    near += [g for c in tok.children if c.dep_ in ("dobj", "obj") for g in c.children]
    near += list(tok.head.children) if tok.dep_ in ("dobj", "xcomp") else []
    for child in near:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = entity_of(pobj)
                    name = ent.text if ent is not None else pobj.text
                    country = next((e.country for e in actors.lookup(name) if e.kind in COUNTRY_KINDS), None)
                    return Place(name=name, country=country)
    return None


def infer_countries(actors: list[Actor], events: list[Event]) -> None:
    """Give state bodies the text leaves without a country ("riot police", "the army") the country of
    where the event happened ("… in Dhaka"), or else the document's main country when one
    country clearly dominates it. This last stage completes the references and actors in place
    (a reference shared by a statement and the event it announces is completed once for both);
    explicit countries never change."""
    state_sectors = actor_words().state_sectors
    counts: dict[str, int] = {}
    for actor in actors:
        if actor.country and actor.country not in ("IGO", "NGO"):
            counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
    for event in events:
        if event.place is not None and event.place.country:
            counts[event.place.country] = counts.get(event.place.country, 0) + 2
    total = sum(counts.values())
    main = max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]
    dominant = main if main and counts[main] >= 0.6 * total else None
    by_id = {a.id: a for a in actors}
    for event in events:
        here = event.place.country if event.place is not None and event.place.country else dominant
        for ref in (event.source, event.target):
            if ref is None or ref.country or ref.sector not in state_sectors or ref.code not in (None, ref.sector) or not here:
                continue
            ref.country, ref.code = here, f"{here}{ref.sector}"
            actor = by_id.get(ref.actor)
            if actor is not None and not actor.country:
                actor.country, actor.code = here, f"{here}{actor.sector}"
