"""A store out to a file: GDELT-style TSV, JSONL, CSV, PLOVER JSON or Parquet, through the same writers as `tacitus code`."""

from __future__ import annotations

import sys
from pathlib import Path

from tacitus.store import EventFilter, iter_documents, open_store

FORMATS = ("tsv", "jsonl", "csv", "parquet", "plover")


def export_store(db: str | Path, fmt: str, output: str | Path = "-", filters: EventFilter | None = None, all_events: bool = False, dedup: bool = False) -> int:
    """Write the coded documents of `db` to `output` ("-" = stdout); returns events (tsv/csv/parquet/plover) or documents (jsonl) written.

    tsv/csv/parquet/plover hold asserted facts only unless `all_events` (as `tacitus code`
    does), one row per event with its store-wide id and its cluster's counts; `dedup` writes one
    row per cluster instead (the happening, counted over every article that reports it).
    jsonl keeps every event with its flags. `filters` narrow the events (and jsonl drops
    documents left without any).
    """
    from tacitus.store.clusters import counted_events
    from tacitus.writers import ROW_WRITERS, WRITERS
    from tacitus.writers.parquet import write_parquet_rows

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if dedup and fmt == "jsonl":
        raise ValueError("--dedup writes one row per event cluster: use tsv, csv, parquet or plover")
    filters = filters or EventFilter()
    if fmt != "jsonl" and not all_events:
        filters = EventFilter(filters.since, filters.until, filters.sources, filters.targets, filters.roots, True)
    with open_store(db, create=False) as backend:
        if fmt == "jsonl":
            documents = iter_documents(backend, filters, full=True)
            if str(output) == "-":
                return WRITERS[fmt](documents, sys.stdout, all_events=True)
            with open(output, "w", encoding="utf-8", newline="") as out:
                return WRITERS[fmt](documents, out, all_events=True)
        rows = counted_events(backend, filters, dedup=dedup)
        if fmt == "parquet":
            return write_parquet_rows(rows, sys.stdout.buffer if str(output) == "-" else output)
        if str(output) == "-":
            return ROW_WRITERS[fmt](rows, sys.stdout)
        with open(output, "w", encoding="utf-8", newline="") as out:
            return ROW_WRITERS[fmt](rows, out)
