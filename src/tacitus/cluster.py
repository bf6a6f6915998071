"""`tacitus run --dask`: a corpus run on a Dask `distributed` cluster.

    stats = run_on_cluster(["news/"], "corpus.db", "local:2")                 # LocalCluster, 2 processes
    stats = run_on_cluster(["/shared/news/"], "postgresql://...", "tcp://head:8786")

The input is cut into partitions: groups of small files, CSV files whole, and byte ranges of
large JSONL files cut on line boundaries. Workers read their partitions where they are (a
shared filesystem), code them with one `Coder` per worker process (`CoderPlugin`), and send back
the coded documents without their text. The client alone writes the store, partition after
partition in input order, through the same `_Run.classify` / `save` as `tacitus run -j N`:
one transaction per chunk, each document with its status. So the store is the one a `-j N`
run gives (the first of two equal texts is the original, the first of two equal ids is kept),
a task whose worker dies is simply run again elsewhere (its result is only used once), and a
stopped run resumes like `tacitus run`.

CSV files are partitioned by file only: a quoted field may hold newlines, so a byte offset
cannot be told to be a record boundary without reading the file from its start.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from tacitus.corpus import CHUNK_SIZE, Reporter, RunStats, _Chunk, _Run, code_chunk
from tacitus.ingest import SUFFIXES, _failed, _finish, _read_file, _read_jsonl, input_files
from tacitus.model import Document
from tacitus.store import open_store, status_counts
from tacitus.store.backends import connect, is_postgres
from tacitus.store.write import document_key, stored_keys, text_hash

try:
    from distributed import WorkerPlugin
except ImportError:  # the `cluster` extra is not installed: run_on_cluster says so
    WorkerPlugin = object  # type: ignore[assignment,misc]

PLUGIN = "tacitus-coder"  # + a digest of the Coder options: runs with other dictionaries get their own
MIN_PARTITION = 1 << 10  # bytes: a tiny corpus still spreads over the workers
MAX_PARTITION = 8 << 20  # bytes (~2,000 news articles): what a lost worker costs to redo
PARTITIONS_PER_WORKER = 8  # enough small tasks that the workers finish together
IN_FLIGHT_PER_WORKER = 2  # partitions submitted ahead per worker: busy workers, bounded memory
HEAD = 8192  # bytes ingest.read_file looks at to tell a binary file


class ClusterUnavailable(RuntimeError):
    """Dask `distributed` is not installed."""


class ClusterUsageError(ValueError):
    """A `--dask` target or an input a cluster run cannot take."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ClusterUnavailable("--dask needs Dask distributed: pip install 'tacitus[cluster]'") from err
    return distributed


# --- partitions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A whole file (`end` None: read by `ingest.read_file`), or lines [start, end) of a JSONL
    file whose first line is line `first_line` of the file."""

    path: str
    kind: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True)
class Partition:
    index: int  # input order
    pieces: tuple[Piece, ...]


def partition_size(total_bytes: int, workers: int) -> int:
    """Bytes per partition: several per worker, never tiny, never more than a lost worker should redo."""
    return max(MIN_PARTITION, min(MAX_PARTITION, total_bytes // max(1, workers * PARTITIONS_PER_WORKER)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _line_ends(path: Path, size: int, target: int) -> list[int]:
    """Offsets just after a newline, about `target` bytes apart, ending with the file size.
    Reads a line at each cut, never the file."""
    cuts = []
    with path.open("rb") as handle:
        position = 0
        while position + target < size:
            handle.seek(position + target)
            handle.readline()
            position = handle.tell()
            if position >= size:
                break
            cuts.append(position)
    return [*cuts, size]


def _is_binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"\x00" in handle.read(HEAD)
    except OSError:
        return True  # read_file reports it as one rejected record


def plan(paths: Iterable[str | Path], target: int) -> list[list[Piece]]:
    """The input as partitions of pieces, in input order (line numbers of ranges not yet known)."""
    groups: list[list[Piece]] = []
    group: list[Piece] = []
    held = 0

    def close() -> None:
        nonlocal group, held
        if group:
            groups.append(group)
        group, held = [], 0

    for raw in paths:
        if str(raw) == "-":
            raise ClusterUsageError("--dask: workers read files where they are; stdin ('-') cannot be partitioned")
        for file in input_files(Path(raw)):
            file = file.absolute()
            kind = SUFFIXES.get(file.suffix.lower(), "txt")
            size = _size(file)
            if kind == "jsonl" and size > target and not _is_binary(file):
                close()
                start = 0
                for end in _line_ends(file, size, target):
                    groups.append([Piece(str(file), kind, start, end)])
                    start = end
                continue
            group.append(Piece(str(file), kind))
            held += size
            if held >= target:
                close()
    close()
    return groups


def _logical_lines(text: str) -> Iterator[str]:
    """The lines ingest.read_file gives of a JSONL file: physical lines (any newline), each split
    again by str.splitlines()."""
    for line in io.StringIO(text, newline=""):
        yield from line.splitlines()


def _read_range(piece: Piece) -> bytes:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        return handle.read((piece.end or 0) - piece.start)


def scan_piece(piece: Piece) -> tuple[int, int | None]:
    """(lines, records) of a piece: lines number the next range of the file; records (None when
    unknown without parsing, as for CSV) make the progress total."""
    if piece.kind == "jsonl" and (piece.end is not None or not _is_binary(Path(piece.path))):
        try:
            data = _read_range(piece) if piece.end is not None else Path(piece.path).read_bytes()
        except OSError:
            return 0, 1
        lines = list(_logical_lines(data.decode("utf-8", errors="replace")))
        return len(lines), sum(1 for line in lines if line.strip())
    if piece.kind == "csv":
        return 0, None
    return 0, 1


def read_piece(piece: Piece) -> Iterator[Document]:
    """The documents of a piece, exactly as `ingest.read_inputs` reads them from the whole file."""
    return (doc for _, doc in _read_piece(piece))


def _read_piece(piece: Piece) -> Iterator[tuple[str, Document]]:
    """(where, document) pairs of a piece, as ingest reads them, so its checks say the same."""
    if piece.end is None:
        yield from _read_file(Path(piece.path))
        return
    try:
        data = _read_range(piece)
    except OSError as err:
        where = f"{piece.path}:{piece.first_line}"
        yield where, _failed(where, f"cannot read file ({err.strerror or err})")
        return
    # read_jsonl numbers lines from 1 and skips blank ones: as many blank lines as come before
    # the range put the numbers where a whole-file read puts them.
    lines = chain(repeat("", piece.first_line - 1), _logical_lines(data.decode("utf-8", errors="replace")))
    yield from _read_jsonl(lines, piece.path)


# --- on the workers -----------------------------------------------------------------------


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


# --- the client ---------------------------------------------------------------------------


def local_workers(target: str) -> int | None:
    """N for `local:N`, None for a scheduler address or file; a malformed target is an error."""
    if target.startswith("local:"):
        n = target.split(":", 1)[1]
        if not n.isdigit() or int(n) < 1:
            raise ClusterUsageError(f"--dask {target}: expected local:N with N >= 1 worker processes")
        return int(n)
    if target.endswith(".json") or "://" in target:
        return None
    raise ClusterUsageError(f"--dask {target}: expected local:N, tcp://HOST:PORT or a scheduler file (.json)")


@contextmanager
def cluster_client(target: str, echo: Callable[[str], None]) -> Iterator[Any]:
    """A Client for `local:N` (a LocalCluster of N single-threaded processes on 127.0.0.1),
    `tcp://HOST:PORT` or a scheduler file (JSON)."""
    distributed = _distributed()
    cluster = None
    n = local_workers(target)
    if n:
        cluster = distributed.LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
        )
        client = distributed.Client(cluster)
    elif target.endswith(".json"):
        client = distributed.Client(scheduler_file=target, timeout="60s")
    else:
        client = distributed.Client(target, timeout="60s")
    try:
        echo(f"Dask scheduler {client.scheduler.address}: {len(client.nthreads())} worker(s)")
        if _dashboard_up(client):
            echo(f"Dask dashboard: {client.dashboard_link}")
        yield client
    finally:
        client.close(timeout=30)
        if cluster is not None:
            cluster.close(timeout=30)


def _dashboard_up(client: Any) -> bool:
    """The scheduler's web server runs without the dashboard too, and then its page only says
    that bokeh is missing: ask for the page."""
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return False
    try:
        with urllib.request.urlopen(client.dashboard_link, timeout=3) as page:
            return page.status == 200 and b"needs bokeh" not in page.read(4096)
    except (OSError, ValueError):
        return False


def _workers(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


@dataclass
class _Ordered:
    """Partitions come back in any order; they are written in input order."""

    done: dict[int, Coded] = field(default_factory=dict)
    next: int = 0


def run_on_cluster(
    paths: Iterable[str | Path],
    db: str | Path,
    dask: str,
    recode: bool = False,
    date: str | None = None,
    coder_options: dict[str, Any] | None = None,
    chunk_size: int = CHUNK_SIZE,
    partition_bytes: int | None = None,
    reporter: Reporter | None = None,
    echo: Callable[[str], None] | None = None,
    any_language: bool = False,
) -> RunStats:
    """Code every document of `paths` into the store `db` on the Dask cluster `dask`
    (`local:N`, `tcp://HOST:PORT` or a scheduler file); see the module docstring.

    `partition_bytes`: input bytes per task (default: about 8 per worker, 1 KiB to 8 MiB).
    Paths must be readable by every worker at the same place.
    """
    _distributed()
    local_workers(dask)
    paths = list(paths)
    if any(str(p) == "-" for p in paths):
        raise ClusterUsageError("--dask: workers read files where they are; stdin ('-') cannot be partitioned")
    paths = [str(Path(p).absolute()) for p in paths]
    echo = echo or (lambda line: print(line, file=sys.stderr, flush=True))
    options = {k: tuple(str(Path(f).absolute()) for f in v) if isinstance(v, (tuple, list)) else v for k, v in (coder_options or {}).items()}
    db = str(db) if is_postgres(str(db)) else str(Path(db).absolute())
    stats = RunStats()
    backend = open_store(db)
    run = _Run(backend, recode, stats)
    started = False
    try:
        with cluster_client(dask, echo) as client:
            plugin = CoderPlugin(options)
            client.register_plugin(plugin, name=plugin.name)
            total_bytes = sum(_size(f) for p in paths for f in input_files(Path(p)))
            groups = plan(paths, partition_bytes or partition_size(total_bytes, _workers(client)))
            partitions, stats.total = _number(client, groups, run.run_id)
            if reporter:
                reporter.start(stats)
                started = True
            _code_and_store(client, partitions, run, (plugin.name, db, recode, date, chunk_size, any_language), reporter)
    except KeyboardInterrupt:
        stats.interrupted = True
    except BaseException as err:
        stats.failed = f"{type(err).__name__}: {err}"
        raise
    finally:
        try:
            stats.store = status_counts(backend)
        finally:
            backend.close()
        if reporter:
            if not started:
                reporter.start(stats)
            reporter.finish(stats)
    return stats


def scan_group(pieces: list[Piece]) -> list[tuple[int, int | None]]:
    """`scan_piece` for each piece of a partition: one task per partition, however many files."""
    return [scan_piece(piece) for piece in pieces]


def _number(client: Any, groups: list[list[Piece]], run_id: str) -> tuple[list[Partition], int | None]:
    """Count the lines of every JSONL piece on the workers (no process reads the whole corpus),
    then give each byte range its first line number; returns the partitions and the record total."""
    scanned = [g for g, group in enumerate(groups) if any(piece.kind == "jsonl" for piece in group)]
    futures = client.map(scan_group, [groups[g] for g in scanned], key=[f"tacitus-scan-{run_id}-{g}" for g in scanned])
    counts = dict(zip(scanned, client.gather(futures), strict=True))
    lines_before: dict[str, int] = {}
    total: int | None = 0
    partitions = []
    for g, group in enumerate(groups):
        pieces = []
        # pieces without JSONL are counted without reading them (a text file is one document)
        for piece, (lines, records) in zip(group, counts.get(g) or [scan_piece(p) for p in group], strict=True):
            if piece.end is not None:
                seen = lines_before.get(piece.path, 0)
                piece = Piece(piece.path, piece.kind, piece.start, piece.end, seen + 1)
                lines_before[piece.path] = seen + lines
            total = None if total is None or records is None else total + records
            pieces.append(piece)
        partitions.append(Partition(g, tuple(pieces)))
    return partitions, total


def _code_and_store(client: Any, partitions: list[Partition], run: _Run, task: tuple[Any, ...], reporter: Reporter | None) -> None:
    """Keep a bounded number of partitions on the cluster; write each, in input order, as it
    and all before it are back. `task`: the arguments of `code_partition` after the partition."""
    from distributed import as_completed

    waiting = iter(partitions)
    ordered = _Ordered()
    in_flight = 0
    futures = as_completed()

    def submit_more() -> None:
        nonlocal in_flight
        room = _workers(client) * IN_FLIGHT_PER_WORKER - in_flight
        for partition in (p for _, p in zip(range(max(0, room)), waiting, strict=False)):
            key = f"tacitus-code-{run.run_id}-{partition.index}"
            futures.add(client.submit(code_partition, partition, *task, key=key, retries=0))
            in_flight += 1

    submit_more()
    for future in futures:
        coded: Coded = future.result()
        future.release()
        in_flight -= 1
        ordered.done[coded.index] = coded
        while ordered.next in ordered.done:
            _store(run, ordered.done.pop(ordered.next), task[4], reporter)  # task: (plugin, db, recode, date, chunk_size, any_language)
            ordered.next += 1
        submit_more()


def _store(run: _Run, coded: Coded, chunk_size: int, reporter: Reporter | None) -> None:
    """Write a coded partition, one transaction per chunk, deciding each document's fate as
    `tacitus run` does (skipped, repeated id, duplicate text, rejected, coded)."""
    failures = {id(doc): f for doc, f in zip(coded.docs, coded.failures, strict=True)}
    was_coded = {id(doc) for doc, c in zip(coded.docs, coded.coded, strict=True) if c}
    for start in range(0, len(coded.docs), chunk_size):
        docs = coded.docs[start : start + chunk_size]
        records, to_code = run.classify(docs, coded.digests[start : start + chunk_size])
        for record in to_code:
            if id(record.doc) not in was_coded:  # cannot happen: the store only grows
                raise RuntimeError(f"{record.key}: to be coded but not coded by the worker")
            record.doc.errors = failures[id(record.doc)]
        result: Future[list[Document]] = Future()
        result.set_result([r.doc for r in to_code])
        run.store(_Chunk(records, to_code, result))
        if reporter:
            reporter.update(run.stats, run.messages)
        run.messages = []


__all__ = ["ClusterUnavailable", "ClusterUsageError", "CoderPlugin", "Partition", "Piece", "code_partition", "plan", "run_on_cluster"]
