"""`tacitus run`: code a whole corpus into a store, streamed, on every core, resumable.

    stats = run_corpus(["news/"], "corpus.db", workers=8)

The parent reads the input lazily, decides for each document whether it is new, already
stored, a repeat of an id, a duplicate of a stored text or a broken record, and keeps a
bounded number of chunks in flight to worker processes (`workers.py`: each builds one `Coder`). Results are
written in input order by the parent alone, one transaction per chunk, each document together
with its status: stop the run at any moment and the same command finishes the job.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from tacitus.ingest import SUFFIXES, input_files, read_inputs
from tacitus.model import Document
from tacitus.store import Backend, Record, open_store, save, status_counts
from tacitus.store.clusters import update_clusters
from tacitus.store.neardup import NearDuplicates
from tacitus.store.write import document_key, originals, stored_keys, text_hash
from tacitus.workers import CHUNK_SIZE, IN_FLIGHT_PER_WORKER, InProcess, Pool, default_workers
from tacitus.workers import code_chunk as code_chunk  # used by cluster.py

# --- input --------------------------------------------------------------------------------


def stream_inputs(paths: Iterable[str | Path], date: str | None = None, any_language: bool = False) -> Iterator[Document]:
    """The documents of the input, streamed (see `ingest.read_inputs`)."""
    return read_inputs(paths, date=date, any_language=any_language)


def count_records(paths: Iterable[str | Path]) -> int | None:
    """How many documents the input holds, when that is cheap to know (None for stdin and CSV)."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        for file in input_files(Path(raw)):
            kind = SUFFIXES.get(file.suffix.lower(), "txt")
            if kind == "csv":
                return None
            if kind != "jsonl":
                total += 1
                continue
            try:
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
    return total


# --- the run --------------------------------------------------------------------------------


@dataclass
class RunStats:
    total: int | None = None  # documents in the input, when known
    read: int = 0
    coded: int = 0
    events: int = 0
    rejected: int = 0
    duplicates: int = 0
    skipped: int = 0  # stored by an earlier run
    repeated: int = 0  # an id seen earlier in this run
    interrupted: bool = False
    failed: str | None = None  # why the run stopped on an error
    started: float = field(default_factory=time.monotonic)
    store: dict[str, int] = field(default_factory=dict)  # status counts of the whole store at the end

    @property
    def done(self) -> int:
        return self.coded + self.rejected + self.duplicates + self.skipped + self.repeated

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Reporter(Protocol):
    def start(self, stats: RunStats) -> None: ...

    def update(self, stats: RunStats, messages: list[str]) -> None: ...

    def finish(self, stats: RunStats) -> None: ...


@dataclass
class _Chunk:
    records: list[Record]  # every document of the chunk that will be stored, in input order
    to_code: list[Record]
    future: Future[list[Document]]


class _Run:
    def __init__(self, backend: Backend, recode: bool, stats: RunStats):
        self.backend = backend
        self.recode = recode
        self.stats = stats
        self.run_id = uuid.uuid4().hex  # stored with each document: which ids this run has done
        self.keys: set[str] = set()  # keys in flight
        self.hashes: dict[str, str] = {}  # text hash -> key, in flight
        self.messages: list[str] = []
        self.near = NearDuplicates.load(backend)  # syndicated copies: store/neardup.py
        update_clusters(backend)  # documents a stopped run saved but did not link

    def classify(self, batch: list[Document], digests: list[str | None] | None = None) -> tuple[list[Record], list[Record]]:
        """What to do with each document of a batch read from the input. `digests`: their text
        hashes when computed where the text was read (a cluster worker sends no text back)."""
        if digests is None:
            digests = [text_hash(d.text) if d.text and not d.errors else None for d in batch]
        keys = [document_key(d, h) for d, h in zip(batch, digests, strict=True)]
        stored = stored_keys(self.backend, keys)  # key -> the run that stored it
        known = originals(self.backend, [h for h in digests if h])
        records: list[Record] = []
        to_code: list[Record] = []
        for doc, digest, key in zip(batch, digests, keys, strict=True):
            self.stats.read += 1
            if key in self.keys or stored.get(key) == self.run_id:
                self.stats.repeated += 1
                self.messages.append(f"skipped: {key}: this id was already read in this run")
                continue
            if key in stored and not self.recode:
                self.stats.skipped += 1
                continue
            self.keys.add(key)
            if doc.errors:
                records.append(Record(key, doc, None, "rejected"))
                continue
            original = self.hashes.get(digest or "") or next((k for k in known.get(digest or "", []) if k != key), None)
            original = original or self.near.match(key, doc.text)
            if original:
                records.append(Record(key, doc, digest, "duplicate", original))
                continue
            if digest:
                self.hashes[digest] = key
            record = Record(key, doc, digest)
            self.near.add(key, doc.text)
            records.append(record)
            to_code.append(record)
        return records, to_code

    def _save_alone(self, record: Record) -> None:
        try:
            save(self.backend, [record], replace=self.recode, run_id=self.run_id)
        except Exception as err:
            record.status = "rejected"
            record.doc.errors = [f"{record.key}: could not be stored ({type(err).__name__}: {err})"]
            record.doc.actors, record.doc.events, record.doc.statements = [], [], []
            save(self.backend, [record], replace=self.recode, run_id=self.run_id)  # fails only if the store does

    def store(self, chunk: _Chunk) -> None:
        """Wait for a chunk's coding and store the whole chunk in one transaction."""
        for record, doc in zip(chunk.to_code, chunk.future.result(), strict=True):
            doc.text = doc.text or record.doc.text  # workers do not send the text back; the store keeps it
            record.doc = doc
            record.settle()
        try:
            save(self.backend, chunk.records, replace=self.recode, run_id=self.run_id)
        except Exception:  # one record the store refuses must not lose its chunk: store one by one
            for record in chunk.records:
                self._save_alone(record)
        self.near.save(self.backend, chunk.records)
        update_clusters(self.backend, [r.key for r in chunk.records])  # cross-article event clusters: store/clusters.py
        for record in chunk.records:
            self.keys.discard(record.key)
            if record.text_hash and self.hashes.get(record.text_hash) == record.key:
                del self.hashes[record.text_hash]
            if record.status == "coded":
                self.stats.coded += 1
                self.stats.events += len(record.doc.events)
            elif record.status == "duplicate":
                self.stats.duplicates += 1
            else:
                self.stats.rejected += 1
                self.messages.append(f"rejected: {record.error}")


def run_corpus(
    paths: Iterable[str | Path],
    db: str | Path,
    workers: int | None = None,
    recode: bool = False,
    date: str | None = None,
    coder: Any = None,
    coder_options: dict[str, Any] | None = None,
    chunk_size: int = CHUNK_SIZE,
    reporter: Reporter | None = None,
    any_language: bool = False,
) -> RunStats:
    """Code every document of `paths` into the store `db` (SQLite path or postgresql:// URL).

    `workers`: processes (default: all cores); 1 codes in this process, with `coder` if given.
    `recode`: code again documents already stored (their old rows are replaced).
    `coder_options`: keyword arguments of `Coder` (extra dictionaries), for every worker.
    `any_language`: code documents detected as not English too (default: rejected).
    Workers are spawned processes: a script that calls this with workers > 1 needs the usual
    `if __name__ == "__main__":` guard.
    """
    paths = list(paths)
    workers = workers or default_workers()
    options = dict(coder_options or {})
    stats = RunStats(total=count_records(paths))
    if workers > 1:
        _check_dictionaries(options)
    backend = open_store(db)
    run = _Run(backend, recode, stats)
    executor = InProcess(coder, options) if workers == 1 else Pool(workers, options)
    if reporter:
        reporter.start(stats)
    in_flight: deque[_Chunk] = deque()

    def store_oldest() -> None:
        run.store(in_flight.popleft())
        if reporter:
            reporter.update(stats, run.messages)
        run.messages = []

    try:
        with recording(stats):
            documents = stream_inputs(paths, date, any_language)
            while batch := list(islice(documents, chunk_size)):
                records, to_code = run.classify(batch)
                if to_code:
                    future = executor.submit([r.doc for r in to_code])
                else:
                    future = Future()
                    future.set_result([])
                in_flight.append(_Chunk(records, to_code, future))
                while len(in_flight) > workers * IN_FLIGHT_PER_WORKER:
                    store_oldest()
            while in_flight:
                store_oldest()
    finally:
        executor.shutdown(wait=not stats.interrupted)
        settle(stats, backend, reporter)
    return stats


def _check_dictionaries(options: dict[str, Any]) -> None:
    """Read the user's dictionaries here before the workers do: a bad file fails now, with one
    message, and skipped lines are reported once rather than once per worker."""
    if options.get("actor_files") or options.get("agent_files"):
        from tacitus.actors.lexicon import load_lexicon

        load_lexicon(options.get("actor_files", ()), options.get("agent_files", ()))


@contextmanager
def recording(stats: RunStats) -> Iterator[None]:
    """A run stopped by Ctrl-C is recorded as interrupted and ends quietly; a run that fails
    keeps the reason in its stats and raises (`run` here and on a Dask cluster)."""
    try:
        yield
    except KeyboardInterrupt:
        stats.interrupted = True
    except BaseException as err:
        stats.failed = f"{type(err).__name__}: {err}"
        raise


def settle(stats: RunStats, backend: Backend, reporter: Reporter | None) -> None:
    """The end of any run: the store's counts into the stats, the store closed, the reporter told."""
    try:
        stats.store = status_counts(backend)
    finally:
        backend.close()
    if reporter:
        reporter.finish(stats)


# --- progress on stderr ---------------------------------------------------------------------


class RichReporter:
    """A live progress bar on stderr (done / total, rate, ETA, errors), each problem on its own
    line above it, and a summary at the end."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False)
        self.progress: Any = None
        self.task: Any = None

    def start(self, stats: RunStats) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("coding"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            TextColumn("[red]{task.fields[errors]} errors"),
            console=self.console,
        )
        self.task = self.progress.add_task("coding", total=stats.total, rate="-", errors=0)
        self.progress.start()

    def update(self, stats: RunStats, messages: list[str]) -> None:
        for message in messages:
            self.progress.console.print(message, markup=False, soft_wrap=True)
        rate = stats.done / stats.elapsed if stats.elapsed > 0 else 0.0
        self.progress.update(self.task, completed=stats.done, rate=f"{rate:,.1f}", errors=stats.rejected)

    def finish(self, stats: RunStats) -> None:
        if self.progress is not None:
            self.progress.stop()
        self.console.print(summary(stats), markup=False, soft_wrap=True)


def summary(stats: RunStats) -> str:
    """The end-of-run report: what this run did, then what the store holds."""
    rate = stats.done / stats.elapsed if stats.elapsed > 0 else 0.0
    head = "failed" if stats.failed else "interrupted" if stats.interrupted else "done"
    lines = [
        f"{head}: {stats.read:,} documents read in {stats.elapsed:,.1f} s ({rate:,.1f}/s): "
        f"{stats.coded:,} coded ({stats.events:,} events), {stats.rejected:,} rejected, "
        f"{stats.duplicates:,} duplicates, {stats.skipped:,} already stored, {stats.repeated:,} repeated ids",
    ]
    if stats.store:
        held = ", ".join(f"{stats.store.get(s, 0):,} {s}" for s in ("coded", "rejected", "duplicate"))
        lines.append(f"store: {held}")
    if stats.failed:
        lines.append(f"error: {stats.failed}")
    if stats.interrupted or stats.failed:
        lines.append("run the same command again to finish: stored documents are kept, the rest is coded")
    return "\n".join(lines)
