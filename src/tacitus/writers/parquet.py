"""Parquet: the flat CSV's columns (one row per event) with proper types, via pyarrow.

Rows are written in row groups as they stream in, so memory stays flat on big exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.model import Document
from tacitus.writers.flat import COLUMNS, event_record

TYPES = {"sentence": pa.int32(), "quad_class": pa.int8(), "goldstein": pa.float64(), "negated": pa.bool_()}
SCHEMA = pa.schema([(name, TYPES.get(name, pa.string())) for name in COLUMNS])
ROW_GROUP = 50_000


def write_parquet(documents: Iterable[Document], out: str | Path | BinaryIO, all_events: bool = False) -> int:
    """Write one row per event (only asserted facts unless `all_events`); returns the row count."""
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for doc in documents:
            for event in doc.events:
                if all_events or event.factual:
                    rows.append(event_record(doc, event))
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                count += len(rows)
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
            count += len(rows)
    return count
