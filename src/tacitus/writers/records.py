"""The event rows of a run: which events a row writer writes, and how each is numbered."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from tacitus.model import Document, Event, EventCount

Row = tuple[Document, Event, EventCount]


def event_records(documents: Iterable[Document], all_events: bool = False, added: str | None = None) -> Iterator[Row]:
    """(document, event, count) for each event to write: only asserted facts unless
    `all_events`. Ids are 1, 2, 3… (unique in the run); every event is its own cluster with
    counts of 1; `added` (ISO 8601 UTC, default now) is when the run coded them."""
    added = added or datetime.now(UTC).isoformat(timespec="seconds")
    number = 0
    for doc in documents:
        for event in doc.events:
            if all_events or event.factual:
                number += 1
                yield doc, event, EventCount(number, number, date_added=added)
