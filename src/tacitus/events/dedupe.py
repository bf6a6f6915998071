"""The last stage: one event per happening, numbered E1, E2, ...

One event per (sentence, trigger, code, source, target); coordinated subjects of one country
acting at one trigger act together ("1,300 police and 60 prosecutors raided" is one raid); two
triggers of one sentence with the same code between the same actors are one happening (a
headline run into the first sentence: "X denies split X has denied ..."); a later noun mention
("the seizure", "the summit") of an event between the same actors is that event; a title event
also found in the body is reported once.
"""

from __future__ import annotations

from dataclasses import replace

from tacitus.model import ActorRef, Event


def _dyad(e: Event) -> tuple:
    return (e.source.code if e.source else None, e.root, e.target.code if e.target else None)


def _side(ref: ActorRef | None) -> object:
    """Who a side is, as coarsely as the same happening allows: its country; actors of no known
    country at one trigger are one side ("around 1,300 police and 60 prosecutors raided")."""
    if ref is None:
        return None
    return ref.country or ("?" if ref.actor else ref.text.lower())


def _keys(event: Event) -> list[tuple]:
    target = event.target.actor if event.target else None
    keys = [
        ("trigger", event.sentence, event.trigger.start, event.cameo, event.source.actor if event.source else None, target,
         event.source.start if event.source else None, event.target.start if event.target else None),
        ("together", event.sentence, event.trigger.start, event.cameo, _side(event.source), _side(event.target)),
    ]
    if event.source is not None and event.source.actor is not None:
        keys.append(("sentence", event.sentence, event.cameo, event.source.actor, target))
    return keys


def _mentioned_again(event: Event, earlier: set[tuple]) -> bool:
    """"the seizure", "the summit": a noun trigger naming an event already coded between the same actors."""
    if not event.rule.startswith("noun:") or event.source is None or event.source.actor is None:
        return False
    target = event.target.actor if event.target else None
    return (event.cameo, event.source.actor, target) in earlier or target is None and (event.cameo, event.source.actor) in earlier


def dedupe(events: list[Event]) -> list[Event]:
    """One event per happening (see the module doc); the first mention is kept."""
    body = {_dyad(e) for e in events if e.sentence >= 0}
    seen: set[tuple] = set()
    earlier: set[tuple] = set()
    out = []
    for event in events:
        keys = _keys(event)
        if any(k in seen for k in keys) or event.sentence == -1 and _dyad(event) in body or _mentioned_again(event, earlier):
            continue
        seen.update(keys)
        if event.source is not None and event.source.actor is not None and event.sentence >= 0:
            target = event.target.actor if event.target else None
            earlier.update({(event.cameo, event.source.actor, target), (event.cameo, event.source.actor)})
        out.append(event)
    return out


def numbered(events: list[Event]) -> list[Event]:
    """The events with their document ids (E1, E2, ...)."""
    return [replace(event, id=f"E{n}") for n, event in enumerate(events, start=1)]
