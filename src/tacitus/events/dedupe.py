"""The last stage: one event per (sentence, trigger, code, source, target), numbered E1, E2, ..."""

from __future__ import annotations

from dataclasses import replace

from tacitus.model import Event


def _dyad(e: Event) -> tuple:
    return (e.source.code if e.source else None, e.root, e.target.code if e.target else None)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per (source, trigger, code, target); a title event also found in the body is reported once."""
    body = {_dyad(e) for e in events if e.sentence >= 0}
    seen: set[tuple] = set()
    out = []
    for event in events:
        key = (
            event.sentence,
            event.trigger.start,
            event.cameo,  # a refusal read off a negated future event shares its trigger
            event.source.actor if event.source else None,
            event.target.actor if event.target else None,
            event.source.start if event.source else None,
            event.target.start if event.target else None,
        )
        if key in seen or event.sentence == -1 and _dyad(event) in body:
            continue
        seen.add(key)
        out.append(event)
    return out


def numbered(events: list[Event]) -> list[Event]:
    """The events with their document ids (E1, E2, ...)."""
    return [replace(event, id=f"E{n}") for n, event in enumerate(events, start=1)]
