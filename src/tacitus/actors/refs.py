"""Actor references: a phrase head in a parsed sentence -> the `ActorRef`s of the actors it names.

Statements, events and derived events all attach actors this way, after resolution: the token's
own mention, else the possessor, "of" object or nationality of a non-actor noun ("praised
Oman's mediation"); a phrase that names no actor still gives a reference with its text.
"""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.document import CodingDoc, Sentence
from tacitus.model import Actor, ActorRef
from tacitus.syntax import argument_phrase, np_tokens


def actor_ref(actor: Actor | None, text: str, start: int | None, end: int | None, phrase: tuple[int, int] | None = None) -> ActorRef:
    """The reference of `actor` (or of no actor) as written at `text`; it shows the actor's
    code, country and sector, whenever they are set."""
    phrase_start, phrase_end = phrase if phrase is not None else (None, None)
    where = {"start": start, "end": end, "phrase_start": phrase_start, "phrase_end": phrase_end}
    return ActorRef.to(actor, text, **where) if actor is not None else ActorRef(None, text, **where)


def _mention_token(doc: CodingDoc, sentence: Sentence, tok: Token) -> Token:
    """The token itself if it heads a mention; else the possessor, the "of" object or the
    nationality modifier that does ("condemned the killing of protesters")."""
    if doc.mention_at(sentence, tok) is not None:
        return tok
    for child in tok.children:
        is_of = child.dep_ == "prep" and child.lower_ == "of"
        if child.dep_ in ("poss", "amod", "compound") and child.pos_ != "PRON" or is_of:
            inner = [g for g in child.children if g.dep_ == "pobj"] if is_of else [child]
            found = next((g for g in inner if doc.mention_at(sentence, g) is not None), None)
            if found is not None:
                return found
    return tok


def refs(doc: CodingDoc, sentence: Sentence, tok: Token) -> list[ActorRef]:
    """The actor(s) a phrase head names; an uncoded phrase gives a reference without an actor."""
    if doc.resolution is None:
        raise ValueError("refs() needs the document's actors resolved first")
    phrase = sentence.span_of(argument_phrase(tok))
    tok = _mention_token(doc, sentence, tok)
    mention = doc.mention_at(sentence, tok)
    ids = doc.resolution.by_head.get(sentence.key(tok), [])
    if mention is not None:
        text, start, end = mention.text, mention.start, mention.end
    else:  # no actor: the evidence still shows the whole phrase ("Kurdish positions")
        words = np_tokens(tok) if tok.pos_ in ("NOUN", "PROPN") else [tok]
        where = sentence.span_of(tok.doc[words[0].i : words[-1].i + 1])
        text, start, end = where.text, where.start, where.end
    bounds = (phrase.start, phrase.end)
    if not ids:
        return [actor_ref(None, text, start, end, bounds)]
    return [actor_ref(doc.resolution.actor(actor_id), text, start, end, bounds) for actor_id in ids]
