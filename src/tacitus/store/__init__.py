"""The event store: coded documents in SQLite (a file path) or PostgreSQL (a `postgresql://` URL).

    with open_store("corpus.db") as store:
        print(status_counts(store))
        for doc in iter_documents(store, EventFilter(sources=("IRN",))): ...

Modules: `backends` (connections, dialect), `schema` (tables, migrations), `rows`
(documents <-> rows), `write` (keys, batches, transactions), `read` (documents back out),
`filters` (which events an export or query looks at).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tacitus.store.backends import Backend, StoreError, connect, is_postgres
from tacitus.store.filters import EventFilter
from tacitus.store.read import iter_documents, rejected
from tacitus.store.schema import migrate
from tacitus.store.write import Record, save, status_counts


def open_store(db: str | Path, create: bool = True) -> Backend:
    """Connect and bring the schema up to date. With `create=False` a missing SQLite file is an error."""
    if not is_postgres(str(db)):
        if not create and not Path(db).exists():
            raise FileNotFoundError(f"no store at {db}")
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        if Path(db).is_dir():
            raise StoreError(f"{db}: is a directory, not a store file")
    try:
        backend = connect(db)
    except sqlite3.Error as err:
        raise StoreError(f"{db}: cannot open the store ({err})") from err
    try:
        migrate(backend)
    except sqlite3.DatabaseError as err:
        backend.close()
        raise StoreError(f"{db}: not a tacitus store ({err})") from err
    except BaseException:
        backend.close()
        raise
    return backend


__all__ = [
    "Backend",
    "EventFilter",
    "Record",
    "StoreError",
    "iter_documents",
    "open_store",
    "rejected",
    "save",
    "status_counts",
]
