"""What runs on the Dask workers: one `Coder` per worker process and the task that codes a
partition. Dask pickles `code_partition` and `CoderPlugin` by reference, so workers import them
from this module: keep their names and this module's path."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.cluster.partitions import Partition, _read_piece
from tacitus.corpus import code_chunk
from tacitus.ingest import _finish
from tacitus.model import Document
from tacitus.store.backends import connect, is_postgres
from tacitus.store.write import document_key, stored_keys, text_hash

try:
    from distributed import WorkerPlugin
except ImportError:  # the `cluster` extra is not installed: run_on_cluster says so
    WorkerPlugin = object  # type: ignore[assignment,misc]

PLUGIN = "tacitus-coder"  # + a digest of the Coder options: runs with other dictionaries get their own


class CoderPlugin(WorkerPlugin):
    """A Dask worker plugin holding one `Coder` per worker process, built on first use (a
    worker that only skips stored documents never loads spaCy). The lock makes a worker with
    several threads code one chunk at a time: spaCy is CPU-bound, threads would only contend."""

    idempotent = True  # registered again by the next run on the same cluster: keep the loaded Coder

    def __init__(self, options: dict[str, Any]):
        self.options = options
        self.name = plugin_name(options)
        self._coder: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])

    def setup(self, worker: Any) -> None:
        pass

    def teardown(self, worker: Any) -> None:
        self._coder = None

    def code(self, docs: list[Document]) -> list[Document]:
        with self._lock:
            if self._coder is None:
                from tacitus.pipeline import Coder

                self._coder = Coder(**self.options)
            return code_chunk(self._coder, docs)


def plugin_name(options: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode()).hexdigest()
    return f"{PLUGIN}-{digest[:16]}"


@dataclass
class Coded:
    """A partition back from a worker: every document read (text dropped), in input order."""

    index: int
    docs: list[Document]
    digests: list[str | None]  # as `_Run.classify` would compute them from the text
    coded: list[bool]  # which documents the worker coded (it skips those already stored)
    failures: list[list[str]]  # per document: why its coding failed (kept apart from input errors)


def _already_stored(db: str | None, keys: list[str]) -> set[str]:
    """Keys of these documents the store already holds, when the worker can see the store
    (PostgreSQL, or a SQLite file on its filesystem); otherwise nothing is skipped here and
    the client sorts it out."""
    if not db or not keys:
        return set()
    if not is_postgres(db) and not Path(db).exists():
        return set()
    try:
        backend = connect(db)
    except Exception:
        return set()
    try:
        return set(stored_keys(backend, keys))
    except Exception:  # an empty store without tables yet, a network error: code everything
        return set()
    finally:
        backend.close()


def code_partition(partition: Partition, plugin: str, db: str | None, recode: bool, date: str | None, chunk_size: int, any_language: bool = False) -> Coded:
    """The task: read a partition, code what is not stored yet, return it without the text."""
    from distributed import get_worker

    coder: CoderPlugin = get_worker().plugins[plugin]
    # the default date and the language check, as `ingest.read_inputs` does them
    docs = [doc for piece in partition.pieces for doc in _finish(_read_piece(piece), date, any_language)]
    digests = [text_hash(d.text) if d.text and not d.errors else None for d in docs]
    keys = [document_key(d, h) for d, h in zip(docs, digests, strict=True)]
    stored = set() if recode else _already_stored(db, keys)
    todo = [i for i, (doc, key) in enumerate(zip(docs, keys, strict=True)) if not doc.errors and key not in stored]
    coded = [False] * len(docs)
    failures: list[list[str]] = [[] for _ in docs]
    for start in range(0, len(todo), chunk_size):
        part = todo[start : start + chunk_size]
        for i, doc in zip(part, coder.code([docs[i] for i in part]), strict=True):
            docs[i], coded[i] = doc, True
            failures[i], doc.errors = doc.errors, []
    for doc in docs:
        doc.text = ""  # the store keeps no text: do not send it back
    return Coded(partition.index, docs, digests, coded, failures)

