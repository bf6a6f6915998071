"""Flat CSV: one row per event with the fields researchers filter on."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from tacitus.model import Document, Event, EventCount
from tacitus.writers.records import Row, event_records

COLUMNS = [
    "doc_id", "event_id", "date", "sentence", "source_actor", "source_text", "source_code", "source_country",
    "source_sector", "target_actor", "target_text", "target_code", "target_country", "target_sector", "cameo",
    "root", "quad_class", "goldstein", "plover_type", "plover_mode", "trigger", "negated", "modality",
    "attributed_to", "place", "place_country", "rule", "evidence", "url",
    # added with places and clusters (issue 18): the document, the place's geography, the counts
    "doc_title", "doc_date", "doc_source", "place_adm1", "place_lat", "place_lon", "place_geo_id", "place_feature",
    "global_id", "cluster_id", "num_mentions", "num_sources", "num_articles", "date_added",
]


def event_record(doc: Document, event: Event, count: EventCount | None = None) -> dict[str, object]:
    record: dict[str, object] = {"doc_id": doc.id, "event_id": event.id, "date": event.date or doc.date or "", "sentence": event.sentence}
    for side in ("source", "target"):
        ref = getattr(event, side)
        record[f"{side}_actor"] = ref.actor if ref else ""
        record[f"{side}_text"] = ref.text if ref else ""
        record[f"{side}_code"] = (ref.code or "") if ref else ""
        record[f"{side}_country"] = (ref.country or "") if ref else ""
        record[f"{side}_sector"] = (ref.sector or "") if ref else ""
    place = event.place
    record.update(
        cameo=event.cameo, root=event.root, quad_class=event.quad_class, goldstein=event.goldstein,
        plover_type=event.plover.type or "", plover_mode=event.plover.mode or "", trigger=event.trigger.text,
        negated=event.negated, modality=event.modality, attributed_to=event.attributed_to or "",
        place=place.name if place else "", place_country=(place.country or "") if place else "",
        rule=event.rule, evidence=event.evidence, url=doc.url or "",
        doc_title=doc.title or "", doc_date=doc.date or "", doc_source=doc.source or "",
        place_adm1=(place.adm1 or "") if place else "",
        place_lat=place.lat if place and place.lat is not None else "",
        place_lon=place.lon if place and place.lon is not None else "",
        place_geo_id=(place.geo_id or "") if place else "", place_feature=(place.feature or "") if place else "",
    )
    if count is not None:
        record.update(
            global_id=count.global_id, cluster_id=count.cluster_id, num_mentions=count.num_mentions,
            num_sources=count.num_sources, num_articles=count.num_articles, date_added=count.date_added or "",
        )
    else:
        record.update(global_id="", cluster_id="", num_mentions="", num_sources="", num_articles="", date_added="")
    return record


def write_csv_rows(rows: Iterable[Row], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for doc, event, count in rows:
        writer.writerow(event_record(doc, event, count))
        written += 1
    return written


def write_csv(documents: Iterable[Document], out: TextIO, all_events: bool = False) -> int:
    return write_csv_rows(event_records(documents, all_events), out)
