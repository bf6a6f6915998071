"""Coding on N processes: the worker pool of `tacitus run`, and `code_ordered` for `tacitus
code -j N`, which streams coded documents back in input order.

    for doc in code_ordered(read_inputs(paths), workers=2): ...

Workers are spawned (each imports spaCy cleanly) and build one `Coder` each, once; at most
`IN_FLIGHT_PER_WORKER` chunks per worker are queued, so memory stays bounded whatever the
input's size. A chunk that fails as a whole is coded again document by document, so only the
document at fault is rejected.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context
from typing import Any

from tacitus.model import Document

CHUNK_SIZE = 32  # documents per chunk: one spaCy batch in a worker, one transaction in the store
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: keeps every core busy, memory bounded

_WORKER_CODER: Any = None


def code_chunk(coder: Any, docs: list[Document]) -> list[Document]:
    """Code a chunk; if the chunk as a whole fails, code its documents one by one so that only
    the document at fault is rejected."""
    try:
        return list(coder.code_documents(docs))
    except Exception:
        out = []
        for doc in docs:
            doc.errors, doc.actors, doc.events, doc.statements = [], [], [], []
            try:
                out.extend(coder.code_documents([doc]))
            except Exception as err:
                doc.errors = [f"{doc.id}: coding failed ({type(err).__name__}: {err})"]
                doc.actors, doc.events, doc.statements = [], [], []
                out.append(doc)
        return out


def _init_worker(options: dict[str, Any]) -> None:
    """Runs once in each worker: Ctrl-C is the parent's to handle; load spaCy and the lexicons."""
    global _WORKER_CODER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("tacitus.dictionaries").setLevel(logging.ERROR)  # the parent has warned
    from tacitus.pipeline import Coder

    _WORKER_CODER = Coder(**options)


def _code_in_worker(docs: list[Document]) -> list[Document]:
    coded = code_chunk(_WORKER_CODER, docs)
    for doc in coded:
        doc.text = ""  # the parent has the text: do not send it back
    return coded


class InProcess:
    """The executor interface for one worker: code right away, in this process. The Coder is
    built on first use, so a run with nothing left to code starts at once."""

    def __init__(self, coder: Any, options: dict[str, Any]):
        self.coder = coder
        self.options = options

    def submit(self, docs: list[Document]) -> Future[list[Document]]:
        if self.coder is None:
            from tacitus.pipeline import Coder

            self.coder = Coder(**self.options)
        future: Future[list[Document]] = Future()
        future.set_result(code_chunk(self.coder, docs))
        return future

    def shutdown(self, wait: bool = True) -> None:
        pass


class Pool:
    """N processes (spawned: each imports spaCy cleanly), each with its own Coder."""

    def __init__(self, workers: int, options: dict[str, Any]):
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_init_worker, initargs=(options,))

    def submit(self, docs: list[Document]) -> Future[list[Document]]:
        return self.executor.submit(_code_in_worker, docs)

    def shutdown(self, wait: bool = True) -> None:
        self.executor.shutdown(wait=wait, cancel_futures=True)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def code_ordered(
    documents: Iterable[Document],
    workers: int,
    options: dict[str, Any] | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Document]:
    """Code `documents` on `workers` processes; yields them coded, in input order. Records that
    failed while being read (they carry errors) are passed through uncoded, as a single
    process does. `progress(n)` is called with the number of documents done so far."""
    pool = Pool(workers, dict(options or {}))
    in_flight: deque[tuple[list[Document], Future[list[Document]]]] = deque()
    done = 0
    try:
        stream = iter(documents)
        while True:
            while len(in_flight) < workers * IN_FLIGHT_PER_WORKER and (chunk := list(islice(stream, chunk_size))):
                in_flight.append((chunk, pool.submit([d for d in chunk if not d.errors])))
            if not in_flight:
                return
            chunk, future = in_flight.popleft()
            coded = iter(future.result())
            for original in chunk:
                if not original.errors:
                    doc = next(coded)
                    doc.text = original.text
                    original = doc
                yield original
            done += len(chunk)
            if progress:
                progress(done)
    finally:
        pool.shutdown(wait=True)


class ProgressLine:
    """`tacitus code`'s progress on stderr: one line rewritten in place (done / total, rate),
    at most a few times a second, cleared at the end."""

    def __init__(self, stream: Any, total: int | None) -> None:
        self.stream, self.total = stream, total
        self.start = self.shown = time.monotonic()

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.shown < 0.25:
            return
        self.shown = now
        of = f"/{self.total:,}" if self.total else ""
        self.stream.write(f"\rcoded {done:,}{of} documents ({done / max(now - self.start, 1e-9):,.1f}/s)\033[K")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()


def counted(documents: Iterable[Document], progress: Callable[[int], None]) -> Iterator[Document]:
    """The documents, calling `progress(n)` as each one passes."""
    for n, doc in enumerate(documents, start=1):
        yield doc
        progress(n)


def progress_line(paths: Iterable[Any], stream: Any) -> ProgressLine | None:
    """A progress line when the input holds more than a few documents (or an unknown number)."""
    from tacitus.corpus import count_records

    total = count_records(paths)
    return ProgressLine(stream, total) if total is None or total > 5 else None


def code_stream(documents: Iterable[Document], jobs: int, options: dict[str, Any], progress: ProgressLine | None = None) -> Iterator[Document]:
    """`tacitus code`: the coded documents in input order, in this process (`jobs` 1) or on
    `jobs` worker processes; `options` are the Coder's (the user's dictionaries)."""
    from tacitus.pipeline import Coder, default_coder

    if jobs == 1:
        coded = (Coder(**options) if options else default_coder()).code_documents(documents)
        return counted(coded, progress) if progress else coded
    if options:  # a bad file fails here, once, and skipped lines are reported once
        from tacitus.actors.lexicon import load_lexicon
        from tacitus.events.lexicon import load_event_lexicon

        load_lexicon(options.get("actor_files", ()), options.get("agent_files", ()))
        load_event_lexicon(options.get("pattern_files", ()))
    return code_ordered(documents, jobs, options, progress=progress)
