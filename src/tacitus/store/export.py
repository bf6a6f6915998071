"""A store out to a file: GDELT-style TSV, JSONL, CSV or Parquet, through the same writers as `tacitus code`."""

from __future__ import annotations

import sys
from pathlib import Path

from tacitus.store import EventFilter, iter_documents, open_store

FORMATS = ("tsv", "jsonl", "csv", "parquet")


def export_store(db: str | Path, fmt: str, output: str | Path = "-", filters: EventFilter | None = None, all_events: bool = False) -> int:
    """Write the coded documents of `db` to `output` ("-" = stdout); returns events (tsv/csv/parquet) or documents (jsonl) written.

    tsv/csv/parquet hold asserted facts only unless `all_events` (as `tacitus code` does); jsonl
    keeps every event with its flags. `filters` narrow the events (and jsonl drops documents
    left without any).
    """
    from tacitus.writers import WRITERS
    from tacitus.writers.parquet import write_parquet

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    filters = filters or EventFilter()
    if fmt != "jsonl" and not all_events:
        filters = EventFilter(filters.since, filters.until, filters.sources, filters.targets, filters.roots, True)
    with open_store(db, create=False) as backend:
        documents = iter_documents(backend, filters, full=fmt == "jsonl")
        if fmt == "parquet":
            if str(output) == "-":
                return write_parquet(documents, sys.stdout.buffer, all_events=True)
            return write_parquet(documents, output, all_events=True)
        if str(output) == "-":
            return WRITERS[fmt](documents, sys.stdout, all_events=True)
        with open(output, "w", encoding="utf-8", newline="") as out:
            return WRITERS[fmt](documents, out, all_events=True)
