"""The client of a cluster run: start or join the cluster, number the partitions, keep a bounded
number of them on the workers, and write what comes back in input order (see the package docstring)."""

from __future__ import annotations

import logging
import sys
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.cluster.partitions import (
    ClusterUsageError,
    Partition,
    Piece,
    _size,
    partition_size,
    plan,
    scan_group,
    scan_piece,
)
from tacitus.cluster.worker import Coded, CoderPlugin, code_partition
from tacitus.corpus import CHUNK_SIZE, Reporter, RunStats, _Chunk, _Run, recording, settle
from tacitus.ingest import input_files
from tacitus.model import Document
from tacitus.store import open_store
from tacitus.store.backends import is_postgres

IN_FLIGHT_PER_WORKER = 2  # partitions submitted ahead per worker: busy workers, bounded memory


class ClusterUnavailable(RuntimeError):
    """Dask `distributed` is not installed."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ClusterUnavailable("--dask needs Dask distributed: pip install 'tacitus[cluster]'") from err
    return distributed


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
        with recording(stats), cluster_client(dask, echo) as client:
            plugin = CoderPlugin(options)
            client.register_plugin(plugin, name=plugin.name)
            total_bytes = sum(_size(f) for p in paths for f in input_files(Path(p)))
            groups = plan(paths, partition_bytes or partition_size(total_bytes, _workers(client)))
            partitions, stats.total = _number(client, groups, run.run_id)
            if reporter:
                reporter.start(stats)
                started = True
            _code_and_store(client, partitions, run, (plugin.name, db, recode, date, chunk_size, any_language), reporter)
    finally:
        if reporter and not started:
            reporter.start(stats)
        settle(stats, backend, reporter)
    return stats


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

