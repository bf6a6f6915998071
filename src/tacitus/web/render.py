"""Turning a coded document into what the article page shows: text segments with the spans
that cover them, and the JSON the page's script reads.

Segments are plain data; the template escapes every piece of text (autoescape), so nothing
from a document is ever markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tacitus.model import Document, Event, event_fields

COLOURS = 12  # actor colour classes c0 .. c11 in app.css; more actors reuse them


@dataclass
class Segment:
    text: str
    actor: str | None = None  # actor id of the mention covering this piece
    colour: int | None = None
    events: list[str] = field(default_factory=list)  # ids of events whose trigger covers it
    quote: str | None = None  # id of the statement whose content covers it

    @property
    def classes(self) -> str:
        out = []
        if self.actor is not None:
            out += ["mention", f"c{self.colour}"]
        if self.events:
            out.append("trigger")
        if self.quote:
            out.append("quote")
        return " ".join(out)


def segments(text: str, doc: Document, title: bool = False) -> list[Segment]:
    """`text` cut at every span boundary; title spans have sentence -1 and offsets into the title."""
    size = len(text)

    def here(sentence: int) -> bool:
        return (sentence < 0) == title

    colour = {a.id: n % COLOURS for n, a in enumerate(doc.actors)}
    spans: list[tuple[int, int, str, str]] = []  # start, end, kind, id
    for actor in doc.actors:
        for m in actor.mentions:
            if here(m.sentence):
                spans.append((m.start, m.end, "actor", actor.id))
    for event in doc.events:
        t = event.trigger
        if here(event.sentence) and t.start is not None:
            spans.append((t.start, t.end, "event", event.id))
    for s in doc.statements:
        if here(s.sentence) and s.content.start is not None:
            spans.append((s.content.start, s.content.end, "quote", s.id))
    spans = [sp for sp in spans if 0 <= sp[0] < sp[1] <= size]
    cuts = sorted({0, size, *(sp[0] for sp in spans), *(sp[1] for sp in spans)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        seg = Segment(text[start:end])
        # the shortest covering mention wins ("his" inside "his Omani counterpart")
        covering = sorted((sp for sp in spans if sp[0] <= start and end <= sp[1]), key=lambda sp: sp[1] - sp[0])
        for _s, _e, kind, ident in covering:
            if kind == "actor" and seg.actor is None:
                seg.actor, seg.colour = ident, colour[ident]
            elif kind == "event":
                seg.events.append(ident)
            elif kind == "quote" and seg.quote is None:
                seg.quote = ident
        out.append(seg)
    return out


def trigger_in_evidence(doc: Document, event: Event) -> int | None:
    """Where the trigger starts inside the evidence sentence (so the page marks that very word,
    not an earlier one spelled the same), or None when the sentence is not found as is."""
    text = doc.title if event.sentence < 0 else doc.text
    start, evidence = event.trigger.start, event.evidence
    if start is None or not evidence:
        return None
    at = text.find(evidence)
    while at >= 0:
        if at <= start < at + len(evidence):
            return start - at
        at = text.find(evidence, at + 1)
    return None


def page_data(doc: Document) -> dict[str, Any]:
    """What the article page's script needs: actors with their mentions, events with every
    qualifier and its evidence. Serialised with Jinja's `tojson`, which escapes < > & '."""
    from tacitus.ontology import load_cameo

    cameo = load_cameo()
    actors = {
        a.id: {"id": a.id, "code": a.code, "name": a.name, "kind": a.kind, "colour": n % COLOURS,
               "mentions": [asdict(m) for m in a.mentions]}
        for n, a in enumerate(doc.actors)
    }
    events = {}
    for e in doc.events:
        data = event_fields(e)
        data["factual"] = e.factual
        data["name"] = cameo[e.cameo].name if e.cameo in cameo else ""
        data["trigger_at"] = trigger_in_evidence(doc, e)
        events[e.id] = data
    return {"actors": actors, "events": events}
