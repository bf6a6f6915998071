"""Reading coded documents back out of a store, page by page (memory stays flat).

    for doc in iter_documents(backend, EventFilter(roots=("19",))): ...

Documents come back in storing order, as `Document`s carrying the stored actors, events and
statements (the text itself is not stored), so every writer of `tacitus.writers` works on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from tacitus.model import Document
from tacitus.store.backends import Backend
from tacitus.store.filters import EventFilter
from tacitus.store.rows import rebuild_actor, rebuild_event, rebuild_statement

PAGE = 500


def _by_doc(backend: Backend, table: str, keys: Sequence[str], build: Callable[[dict[str, Any]], Any], condition: str = "1 = 1", params: Sequence[Any] = ()) -> dict[str, list[Any]]:
    marks = ", ".join("?" * len(keys))
    names, rows = backend.query_with_names(
        f"SELECT * FROM {table} e WHERE e.doc_key IN ({marks}) AND {condition} ORDER BY e.doc_key, e.ordinal",
        [*keys, *params],
    )
    out: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        record = dict(zip(names, row, strict=True))
        out[record["doc_key"]].append(build(record))
    return out


def iter_documents(backend: Backend, filters: EventFilter | None = None, full: bool = True, page: int = PAGE) -> Iterator[Document]:
    """Coded documents with the events `filters` keeps; a narrowing filter drops documents left
    without events. `full=False` leaves out actors and statements (enough for event tables)."""
    filters = filters or EventFilter()
    condition, params = filters.where("e")
    exists = f" AND EXISTS (SELECT 1 FROM events e WHERE e.doc_key = d.key AND {condition})" if filters.narrows else ""
    sql = (
        "SELECT d.key, d.seq, d.id, d.title, d.date, d.url, d.source FROM documents d "
        f"WHERE d.status = 'coded' AND d.seq > ?{exists} ORDER BY d.seq LIMIT ?"
    )
    last = 0
    while True:
        rows = backend.query(sql, [last, *(params if exists else []), page])
        if not rows:
            return
        keys = [r[0] for r in rows]
        events = _by_doc(backend, "events", keys, rebuild_event, condition, params)
        actors = _by_doc(backend, "actors", keys, rebuild_actor) if full else {}
        statements = _by_doc(backend, "statements", keys, rebuild_statement) if full else {}
        for key, _seq, doc_id, title, date, url, source in rows:
            yield Document(
                text="", id=doc_id, title=title or "", date=date, url=url, source=source,
                actors=actors.get(key, []), events=events.get(key, []), statements=statements.get(key, []),
            )
        last = rows[-1][1]


def rejected(backend: Backend) -> list[tuple[str, str]]:
    """(key, reason) of every rejected document, in storing order."""
    return [(k, e or "") for k, e in backend.query("SELECT key, error FROM documents WHERE status = 'rejected' ORDER BY seq")]
