"""Writing documents: keys, text hashes, what is already stored, and one transaction per batch.

A document is stored once, with its final status (coded, rejected or duplicate) and all its
actors, events and statements in the same transaction as that status: after a crash a
document is either wholly there or not there at all, and "not there" means "do it again".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tacitus.model import Document
from tacitus.store.backends import Backend
from tacitus.store.extras import NAME_COLUMNS, TEXT_COLUMNS, name_rows, text_rows
from tacitus.store.rows import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    STATEMENT_COLUMNS,
    actor_rows,
    event_rows,
    insert_sql,
    statement_rows,
)

DOCUMENT_COLUMNS = ("key", "seq", "id", "title", "date", "url", "source", "text_hash", "status", "error", "duplicate_of", "n_events", "run_id", "stored_at")
CHILD_TABLES = ("actors", "events", "statements", "texts", "names")
IN_BATCH = 500  # keys per IN (...) list: well under SQLite's bound-parameter limit


def text_hash(text: str) -> str:
    """Same words, same hash: whitespace differences do not make a different article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_key(doc: Document, digest: str | None) -> str:
    """The input id when there is one, else the text hash."""
    if doc.id:
        return doc.id
    return f"text:{digest}" if digest else "text:"


@dataclass
class Record:
    """One input document's outcome, as it will be stored."""

    key: str
    doc: Document
    text_hash: str | None
    status: str = "coded"  # coded | rejected | duplicate
    duplicate_of: str | None = None

    @property
    def error(self) -> str | None:
        return "; ".join(self.doc.errors) if self.doc.errors else None

    def settle(self) -> Record:
        """After coding: a document whose coding failed is rejected with its reason."""
        if self.status == "coded" and self.doc.errors:
            self.status = "rejected"
        return self


def _chunks(values: Sequence[str], size: int = IN_BATCH) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def stored_keys(backend: Backend, keys: Iterable[str]) -> dict[str, str]:
    """Which of these keys are already stored (every stored document is final), and by which run."""
    found: dict[str, str] = {}
    for part in _chunks(sorted(set(keys))):
        found.update(backend.query(f"SELECT key, run_id FROM documents WHERE key IN ({_marks(part)})", part))
    return found


def originals(backend: Backend, hashes: Iterable[str]) -> dict[str, list[str]]:
    """For each text hash already stored, the keys of the documents that have it (not counting
    duplicates), first stored first."""
    found: dict[str, list[str]] = {}
    for part in _chunks(sorted(set(hashes))):
        rows = backend.query(
            f"SELECT text_hash, key FROM documents WHERE text_hash IN ({_marks(part)}) AND status <> 'duplicate' ORDER BY seq",
            part,
        )
        for digest, key in rows:
            found.setdefault(digest, []).append(key)
    return found


def save(backend: Backend, records: Sequence[Record], replace: bool = False, run_id: str = "") -> None:
    """Store a batch of documents in one transaction; `replace` first deletes what is stored
    under their keys. `run_id` names the run that stores them."""
    if not records:
        return
    keys = [r.key for r in records]
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    with backend.transaction():
        if replace:
            for part in _chunks(keys):
                for table in CHILD_TABLES:
                    backend.execute(f"DELETE FROM {table} WHERE doc_key IN ({_marks(part)})", part)
                backend.execute(f"DELETE FROM documents WHERE key IN ({_marks(part)})", part)
        first = backend.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents")[0][0]
        documents, actors, events, statements, texts, names = [], [], [], [], [], []
        for seq, record in enumerate(records, start=int(first)):
            doc = record.doc
            coded = record.status == "coded"
            documents.append(
                (record.key, seq, doc.id, doc.title, doc.date, doc.url, doc.source, record.text_hash, record.status,
                 record.error, record.duplicate_of, len(doc.events) if coded else 0, run_id, now)
            )
            if coded:
                actors.extend(actor_rows(record.key, doc))
                events.extend(event_rows(record.key, doc))
                statements.extend(statement_rows(record.key, doc))
                texts.extend(text_rows(record.key, doc))
                names.extend(name_rows(record.key, doc))
        backend.executemany(insert_sql("documents", DOCUMENT_COLUMNS), documents)
        backend.executemany(insert_sql("actors", ACTOR_COLUMNS), actors)
        backend.executemany(insert_sql("events", EVENT_COLUMNS), events)
        backend.executemany(insert_sql("statements", STATEMENT_COLUMNS), statements)
        backend.executemany(insert_sql("texts", TEXT_COLUMNS), texts)
        backend.executemany(insert_sql("names", NAME_COLUMNS), names)


def status_counts(backend: Backend) -> dict[str, int]:
    return {status: int(n) for status, n in backend.query("SELECT status, COUNT(*) FROM documents GROUP BY status")}
