"""Where an event happened (the countries of actors the text leaves without one are found by
actors/context.py)."""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.actors.lexicon import COUNTRY_KINDS, ActorLexicon
from tacitus.model import Place
from tacitus.syntax import entity_of
from tacitus.words import words

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
