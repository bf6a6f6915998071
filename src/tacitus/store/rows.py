"""Documents <-> table rows: every field of the JSONL contract goes in, and comes back out.

`rebuild_*` are the inverse of `*_rows`: a stored document read back and passed through
`Document.to_dict()` gives the same JSON as `tacitus code` gave for it.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields
from typing import Any

from tacitus.model import Actor, ActorRef, Document, Event, Mention, Place, Plover, Span, Statement
from tacitus.store.geo import GEO_COLUMNS, geo_values, with_geo

ACTOR_COLUMNS = ("doc_key", "ordinal", "actor_id", "name", "code", "country", "sector", "kind", "mentions", "country_from")

_REF = ("actor", "text", "code", "country", "sector", "start", "end", "phrase_start", "phrase_end")

EVENT_COLUMNS = (
    ("doc_key", "ordinal", "event_id", "day", "date", "sentence", "evidence")
    + tuple(f"source_{f}" for f in _REF)
    + tuple(f"target_{f}" for f in _REF)
    + ("cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "trigger_text", "trigger_start", "trigger_end")
    + ("negated", "modality", "attributed_to", "statement", "place_name", "place_country", "rule", "depth", "factual")
    + GEO_COLUMNS
)

STATEMENT_COLUMNS = (
    ("doc_key", "ordinal", "statement_id", "sentence")
    + tuple(f"speaker_{f}" for f in _REF)
    + ("cue_text", "cue_start", "cue_end", "content_text", "content_start", "content_end", "direct", "depth")
)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(value: str | None) -> str | None:
    """`2024-03-04T10:00:00Z` -> `2024-03-04`, so date filters and months work on any ISO date."""
    if value and _ISO_DAY.match(value):
        return value[:10]
    return value


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _ref(ref: ActorRef | None) -> tuple[Any, ...]:
    if ref is None:
        return (None,) * len(_REF)
    return (ref.actor, ref.text, ref.code, ref.country, ref.sector, ref.start, ref.end, ref.phrase_start, ref.phrase_end)


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))  # dataclasses.asdict deep-copies: most of a store write's time


def actor_rows(key: str, doc: Document) -> list[tuple[Any, ...]]:
    return [
        (key, n, a.id, a.name, a.code, a.country, a.sector, a.kind, json.dumps([{f: getattr(m, f) for f in _MENTION_FIELDS} for m in a.mentions], ensure_ascii=False), a.country_from)
        for n, a in enumerate(doc.actors)
    ]


def event_rows(key: str, doc: Document) -> list[tuple[Any, ...]]:
    rows = []
    for n, e in enumerate(doc.events):
        place = e.place
        rows.append(
            (key, n, e.id, day_of(e.date or doc.date), e.date, e.sentence, e.evidence)
            + _ref(e.source)
            + _ref(e.target)
            + (e.cameo, e.root, e.quad_class, float(e.goldstein), e.plover.type, e.plover.mode, e.trigger.text, e.trigger.start, e.trigger.end)
            + (int(e.negated), e.modality, e.attributed_to, e.statement, place.name if place else None, place.country if place else None)
            + (e.rule, e.depth, int(e.factual))
            + geo_values(e)
        )
    return rows


def statement_rows(key: str, doc: Document) -> list[tuple[Any, ...]]:
    return [
        (key, n, s.id, s.sentence)
        + _ref(s.speaker)
        + (s.cue.text, s.cue.start, s.cue.end, s.content.text, s.content.start, s.content.end, int(s.direct), s.depth)
        for n, s in enumerate(doc.statements)
    ]


# --- back from rows (as dicts keyed by column name) ---------------------------------------


def _rebuild_ref(row: dict[str, Any], prefix: str) -> ActorRef | None:
    if row[f"{prefix}_text"] is None:
        return None
    values = {f: row[f"{prefix}_{f}"] for f in _REF}
    coding = [values.pop(f) for f in ("code", "country", "sector")]
    return ActorRef.coded(values.pop("actor"), values.pop("text"), *coding, **values)


def rebuild_actor(row: dict[str, Any]) -> Actor:
    return Actor(
        id=row["actor_id"], name=row["name"], code=row["code"], country=row["country"], sector=row["sector"],
        kind=row["kind"], mentions=[Mention(**m) for m in json.loads(row["mentions"] or "[]")],
        country_from=row.get("country_from"),
    )


def rebuild_event(row: dict[str, Any]) -> Event:
    place = Place(row["place_name"], row["place_country"]) if row["place_name"] is not None else None
    return with_geo(row, Event(
        id=row["event_id"], sentence=row["sentence"], evidence=row["evidence"],
        source=_rebuild_ref(row, "source"), target=_rebuild_ref(row, "target"),
        cameo=row["cameo"], root=row["root"], quad_class=row["quad_class"], goldstein=float(row["goldstein"]),
        plover=Plover(row["plover_type"], row["plover_mode"]),
        trigger=Span(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        negated=bool(row["negated"]), modality=row["modality"], attributed_to=row["attributed_to"],
        statement=row["statement"], date=row["date"], place=place, rule=row["rule"] or "", depth=row["depth"],
    ))


def rebuild_statement(row: dict[str, Any]) -> Statement:
    return Statement(
        id=row["statement_id"], sentence=row["sentence"], speaker=_rebuild_ref(row, "speaker") or ActorRef(None, ""),
        cue=Span(row["cue_text"], row["cue_start"], row["cue_end"]),
        content=Span(row["content_text"], row["content_start"], row["content_end"]),
        direct=bool(row["direct"]), depth=row["depth"],
    )
