"""Flat CSV: one row per event with the fields researchers filter on."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from tacitus.model import Document, Event

COLUMNS = [
    "doc_id", "event_id", "date", "sentence", "source_actor", "source_text", "source_code", "source_country",
    "source_sector", "target_actor", "target_text", "target_code", "target_country", "target_sector", "cameo",
    "root", "quad_class", "goldstein", "plover_type", "plover_mode", "trigger", "negated", "modality",
    "attributed_to", "place", "place_country", "rule", "evidence", "url",
]


def event_record(doc: Document, event: Event) -> dict[str, object]:
    record: dict[str, object] = {"doc_id": doc.id, "event_id": event.id, "date": event.date or doc.date or "", "sentence": event.sentence}
    for side in ("source", "target"):
        ref = getattr(event, side)
        record[f"{side}_actor"] = ref.actor if ref else ""
        record[f"{side}_text"] = ref.text if ref else ""
        record[f"{side}_code"] = (ref.code or "") if ref else ""
        record[f"{side}_country"] = (ref.country or "") if ref else ""
        record[f"{side}_sector"] = (ref.sector or "") if ref else ""
    record.update(
        cameo=event.cameo, root=event.root, quad_class=event.quad_class, goldstein=event.goldstein,
        plover_type=event.plover.type or "", plover_mode=event.plover.mode or "", trigger=event.trigger.text,
        negated=event.negated, modality=event.modality, attributed_to=event.attributed_to or "",
        place=event.place.name if event.place else "", place_country=(event.place.country or "") if event.place else "",
        rule=event.rule, evidence=event.evidence, url=doc.url or "",
    )
    return record


def write_csv(documents: Iterable[Document], out: TextIO, all_events: bool = False) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for doc in documents:
        for event in doc.events:
            if all_events or event.factual:
                writer.writerow(event_record(doc, event))
                count += 1
    return count
