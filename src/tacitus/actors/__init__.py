"""Actors: dictionaries, mention coding and document-level resolution.

`code_actor` is the public entry point for one short text ("American warplanes" -> USA MIL).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from spacy.language import Language

from tacitus.actors.coding import DocMatches, code_phrase
from tacitus.actors.entries import PhraseIndex
from tacitus.actors.lexicon import ActorLexicon, load_lexicon
from tacitus.dates import parse_anchor
from tacitus.parse import load_nlp


class ActorResources(Protocol):
    """What coding an actor phrase needs; a `tacitus.pipeline.Coder` has it."""

    nlp: Language
    actors: ActorLexicon
    matcher: PhraseIndex


@dataclass(frozen=True)
class _Resources:
    nlp: Language
    actors: ActorLexicon
    matcher: PhraseIndex


@cache
def _default_resources() -> _Resources:
    """spaCy and the shipped actor dictionaries (a documented cache: built on first use)."""
    nlp, actors = load_nlp(), load_lexicon()
    return _Resources(nlp, actors, actors.matcher(nlp))


def code_actor(text: str, date: str | None = None, coder: ActorResources | None = None) -> dict[str, Any]:
    """The coding of a short actor phrase: {"text", "code", "country", "sector", "name"} (and
    "members" when the phrase names several actors). `coder` (a `Coder`) brings its own
    dictionaries; without one the shipped dictionaries are loaded once."""
    resources: ActorResources = coder or _default_resources()
    doc = resources.nlp(text)
    matches = DocMatches.build(doc, resources.actors, resources.matcher)
    heads = [t for t in doc if t.head.i == t.i] or list(doc[:1])
    head = heads[0]
    # A phrase parsed as a clause ("four Saudi men") still has its noun as the head we want.
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound",)]
        head = nouns[-1] if nouns else head
    members = code_phrase(doc, head, matches, parse_anchor(date))
    first = members[0] if members else None
    result: dict[str, Any] = {
        "text": text,
        "code": first.actor_code if first else None,
        "country": first.country if first else None,
        "sector": first.sector if first else None,
        "name": (first.person or first.name) if first else None,
    }
    if len(members) > 1:
        result["members"] = [{"code": m.actor_code, "country": m.country, "sector": m.sector} for m in members]
    return result
