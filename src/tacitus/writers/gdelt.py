"""GDELT 2.0 event-table TSV: one row per event, GDELT's 61 columns in GDELT's order.

Fields tacitus does not know (ethnic and religion codes, tone, geo coordinates) stay empty;
country codes are ISO-3 (GDELT's geo blocks use FIPS; ours say ISO-3 where known).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import TextIO

from tacitus.model import ActorRef, Document, Event

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS]
    + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(COLUMNS) == 61


def _actor(ref: ActorRef | None) -> list[str]:
    if ref is None:
        return [""] * len(ACTOR_FIELDS)
    code = ref.code or ""
    known = code[3:6] if code.startswith("IGO") else ""
    return [code, ref.text, ref.country or "", known, "", "", "", ref.sector or "", "", ""]


def _dates(day: str | None) -> list[str]:
    if not day:
        return ["", "", "", ""]
    try:
        d = Date.fromisoformat(day)
    except ValueError:
        return ["", "", "", ""]
    fraction = d.year + (d.timetuple().tm_yday - 1) / 365.0
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{fraction:.4f}"]


def event_row(doc: Document, event: Event) -> list[str]:
    geo = [""] * len(GEO_FIELDS)
    action_geo = list(geo)
    if event.place is not None:
        action_geo[0] = "4" if event.place.country else "1"
        action_geo[1] = event.place.name
        action_geo[2] = event.place.country or ""
    return (
        [f"{doc.id}-{event.id}", *_dates(event.date or doc.date)]
        + _actor(event.source)
        + _actor(event.target)
        + [
            "1" if event.sentence in (-1, 0) else "0",
            event.cameo,
            event.cameo[:3],
            event.root,
            str(event.quad_class),
            f"{event.goldstein:.1f}",
            "1",
            "1",
            "1",
            "",
        ]
        + geo
        + geo
        + action_geo
        + [(doc.date or "").replace("-", "")[:8], doc.url or ""]
    )


def rows(documents: Iterable[Document], all_events: bool = False) -> Iterator[tuple[Document, Event]]:
    for doc in documents:
        for event in doc.events:
            if all_events or event.factual:
                yield doc, event


def write_gdelt_tsv(documents: Iterable[Document], out: TextIO, all_events: bool = False) -> int:
    """Only asserted, non-negated events that are no one's claim, unless `all_events`."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    count = 0
    for doc, event in rows(documents, all_events):
        writer.writerow([v.replace("\t", " ").replace("\n", " ") for v in event_row(doc, event)])
        count += 1
    return count
