"""Parquet: the flat CSV's columns (one row per event) with proper types, via pyarrow.

Dates are dates (`date`, `doc_date`; null when unknown, never ""), `date_added` a UTC
timestamp, coordinates doubles, ids and counts integers. Rows are written in row groups as
they stream in, so memory stays flat on big exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.model import Document
from tacitus.writers.flat import COLUMNS, event_record
from tacitus.writers.records import Row, event_records

TYPES = {
    "sentence": pa.int32(), "quad_class": pa.int8(), "goldstein": pa.float64(), "negated": pa.bool_(),
    "date": pa.date32(), "doc_date": pa.date32(), "place_lat": pa.float64(), "place_lon": pa.float64(),
    "global_id": pa.int64(), "cluster_id": pa.int64(), "num_mentions": pa.int32(), "num_sources": pa.int32(),
    "num_articles": pa.int32(), "date_added": pa.timestamp("ms", tz="UTC"),
}
SCHEMA = pa.schema([(name, TYPES.get(name, pa.string())) for name in COLUMNS])
ROW_GROUP = 50_000


def _day(value: object) -> Date | None:
    try:
        return Date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _typed(record: dict[str, Any]) -> dict[str, Any]:
    """CSV values -> Parquet values: empty strings in typed columns become nulls."""
    out = dict(record)
    out["date"], out["doc_date"] = _day(record["date"]), _day(record["doc_date"])
    out["date_added"] = _moment(record["date_added"])
    for name in ("place_lat", "place_lon", "global_id", "cluster_id", "num_mentions", "num_sources", "num_articles"):
        if out[name] == "":
            out[name] = None
    return out


def write_parquet_rows(rows: Iterable[Row], out: str | Path | BinaryIO) -> int:
    """Write (document, event, count) rows; returns the row count."""
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for doc, event, counted in rows:
            batch.append(_typed(event_record(doc, event, counted)))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            count += len(batch)
    return count


def write_parquet(documents: Iterable[Document], out: str | Path | BinaryIO, all_events: bool = False) -> int:
    """Write one row per event (only asserted facts unless `all_events`); returns the row count."""
    return write_parquet_rows(event_records(documents, all_events), out)
