"""PLOVER/POLECAT-style JSON: one event a line.

    {"event_id": 17, "event_date": "2024-05-10", "event_type": "ASSAULT", "event_mode": "aerial",
     "event_intensity": -10.0, "quad_class": 4, "contexts": ["military"],
     "actors": [{"name": "Russian forces", "code": "RUSMIL", "country": "RUS", "sectors": ["MIL"], ...}],
     "recipients": [...], "place": {"name": "Kharkiv", "country": "UKR", "latitude": 49.98, ...}, ...}

Field by field in docs/output.md. Contexts come from `data/plover_contexts.yaml` (by CAMEO code
and actor sector).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO

from tacitus.datafiles import load_yaml, read_data
from tacitus.model import ActorRef, Document, Event, EventCount, Place
from tacitus.writers.records import Row, event_records


@dataclass(frozen=True)
class Contexts:
    names: frozenset[str]
    by_cameo: dict[str, tuple[str, ...]]
    by_sector: dict[str, tuple[str, ...]]

    def of(self, event: Event) -> list[str]:
        found: list[str] = []
        for n in range(2, len(event.cameo) + 1):
            found += self.by_cameo.get(event.cameo[:n], ())
        for ref in (event.source, event.target):
            if ref is not None and ref.sector:
                found += self.by_sector.get(ref.sector, ())
        return sorted(set(found))


@cache
def load_contexts() -> Contexts:
    """The shipped context table, validated: every context named must be a known one."""
    data = load_yaml(read_data("plover_contexts.yaml"))
    if not isinstance(data, dict) or not isinstance(data.get("contexts"), list):
        raise ValueError("plover_contexts.yaml: needs a `contexts` list")
    names = frozenset(data["contexts"])
    tables: list[dict[str, tuple[str, ...]]] = []
    for key in ("by_cameo", "by_sector"):
        table = {}
        for code, listed in (data.get(key) or {}).items():
            unknown = set(listed or ()) - names
            if unknown:
                raise ValueError(f"plover_contexts.yaml: {key} {code}: unknown context(s) {sorted(unknown)}")
            table[str(code)] = tuple(listed or ())
        tables.append(table)
    return Contexts(names, tables[0], tables[1])


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    geonames = place.geo_id.removeprefix("geonames:") if place.geo_id and place.geo_id.startswith("geonames:") else None
    return {
        "name": place.name, "full_name": place.full_name, "country": place.country, "adm1": place.adm1,
        "latitude": place.lat, "longitude": place.lon, "geonames_id": int(geonames) if geonames else None,
        "gazetteer_id": place.geo_id, "feature_type": place.feature,
    }


def _actor(ref: ActorRef | None) -> list[dict[str, Any]]:
    if ref is None:
        return []
    from tacitus.writers.gdelt import actor_parts

    country, group, sectors = actor_parts(ref.code, ref.country, ref.sector)
    return [{
        "name": ref.text, "code": ref.code, "country": country or None, "sectors": sectors, "group": group or None,
        "actor_id": ref.actor, "location": _place(ref.location),
    }]


def plover_record(doc: Document, event: Event, count: EventCount | None = None) -> dict[str, Any]:
    count = count or EventCount(0, 0)
    return {
        "event_id": count.global_id,
        "event_date": event.date or doc.date,
        "event_type": event.plover.type,
        "event_mode": event.plover.mode,
        "event_intensity": event.goldstein,
        "quad_class": event.quad_class,
        "contexts": load_contexts().of(event),
        "actors": _actor(event.source),
        "recipients": _actor(event.target),
        "place": _place(event.place),
        "cameo": event.cameo,
        "negated": event.negated,
        "modality": event.modality,
        "attributed_to": event.attributed_to,
        "factual": event.factual,
        "evidence": event.evidence,
        "trigger": event.trigger.text,
        "doc_id": doc.id,
        "doc_event_id": event.id,
        "title": doc.title or None,
        "publication_date": doc.date,
        "source": doc.source,
        "url": doc.url,
        "date_added": count.date_added,
        "cluster_id": count.cluster_id,
        "num_mentions": count.num_mentions,
        "num_sources": count.num_sources,
        "num_articles": count.num_articles,
    }


def write_plover_rows(rows: Iterable[Row], out: TextIO) -> int:
    written = 0
    for doc, event, count in rows:
        out.write(json.dumps(plover_record(doc, event, count), ensure_ascii=False) + "\n")
        written += 1
    return written


def write_plover(documents: Iterable[Document], out: TextIO, all_events: bool = False) -> int:
    """One JSON object per event (only asserted facts unless `all_events`); returns how many."""
    return write_plover_rows(event_records(documents, all_events), out)
