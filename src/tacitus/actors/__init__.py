"""Actors: dictionaries, mention coding and document-level resolution.

`code_actor` is the public entry point for one short text ("American warplanes" -> USA MIL).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tacitus.actors.mentions import DocMatches, code_phrase
from tacitus.qualify import parse_anchor

if TYPE_CHECKING:
    from tacitus.pipeline import Coder


def code_actor(text: str, date: str | None = None, coder: Coder | None = None) -> dict[str, Any]:
    """The coding of a short actor phrase: {"text", "code", "country", "sector", "name"} (and
    "members" when the phrase names several actors)."""
    from tacitus.pipeline import default_coder

    coder = coder or default_coder()
    doc = coder.nlp(text)
    matches = DocMatches.build(doc, coder.actors, coder.matcher)
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
