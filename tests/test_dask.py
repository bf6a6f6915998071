"""`tacitus run --dask`: the same corpus gives the same store with `-j 2`, with a LocalCluster,
and with a scheduler and two workers started here as separate processes on 127.0.0.1 — also
when one of those workers is killed with SIGKILL in the middle of the run, and when a run
resumes a store left half written. Partitions (byte ranges of a JSONL file) read exactly what a
whole-file read gives."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dask_corpus import write_cluster_corpus
from store_helpers import snapshot
from tacitus.cli import cli
from tacitus.corpus import RunStats, run_corpus
from tacitus.ingest import read_file
from tacitus.store.backends import connect
from tacitus.store.write import CHILD_TABLES

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install 'tacitus[cluster]')")

from tacitus.cluster import Piece, plan, read_piece, run_on_cluster, scan_piece  # noqa: E402

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[1] / "src"
WAIT = 90  # seconds: the longest any wait for a process or a worker may take


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_cluster_corpus(tmp_path_factory.mktemp("cluster") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The corpus run with `-j 2` (two spawned processes), four documents per transaction."""
    paths, _ = corpus
    db = tmp_path_factory.mktemp("j2") / "j2.db"
    stats = run_corpus(paths, db, workers=2, chunk_size=4)
    return db, stats


# --- partitions ---------------------------------------------------------------------------


def _whole(path: str) -> list[dict]:
    return [d.to_dict(include_text=True) for d in read_file(Path(path))]


def _by_ranges(path: str, size: int) -> list[dict]:
    """Cut `path` into ranges of about `size` bytes and read them as the workers do."""
    ranges = [p for group in plan([path], size) for p in group]
    first, docs = 1, []
    for piece in ranges:
        assert piece.end is not None
        docs.extend(d.to_dict(include_text=True) for d in read_piece(Piece(piece.path, piece.kind, piece.start, piece.end, first)))
        first += scan_piece(piece)[0]
    return docs


def test_byte_ranges_read_what_the_whole_file_holds(corpus, tmp_path):
    paths, _ = corpus
    wire = paths[0]
    assert len(plan([wire], 300)) > 5
    for size in (1, 97, 300, 1000):
        assert _by_ranges(wire, size) == _whole(wire), size
    # Windows newlines, a line separator inside a record, a missing final newline, a broken line
    odd = tmp_path / "odd.jsonl"
    records = [json.dumps({"text": f"Record {n}: Danish envoys met Icelandic officials.\u2028Talks went on."}, ensure_ascii=False) for n in range(12)]
    records[5] = '{"text": "cut sh'
    odd.write_bytes(("\r\n".join(records)).encode("utf-8"))
    for size in (1, 50, 333):
        assert _by_ranges(str(odd), size) == _whole(str(odd)), size


def test_csv_and_small_files_are_read_whole(corpus):
    paths, _ = corpus
    pieces = [p for group in plan(paths, 64) for p in group]
    assert {p.kind for p in pieces if p.end is None} == {"csv", "txt"}
    assert all(p.kind == "jsonl" for p in pieces if p.end is not None)
    assert [p for group in plan(paths, 1 << 20) for p in group][0].end is None  # small JSONL: whole


# --- the same store, however it is run ----------------------------------------------------


def test_local_cluster_gives_the_store_of_j2(reference, corpus, tmp_path):
    ref, ref_stats = reference
    paths, records = corpus
    db = tmp_path / "local.db"
    result = CliRunner().invoke(cli, ["run", *paths, "--db", str(db), "--dask", "local:2", "--chunk-size", "4"], catch_exceptions=False)
    assert result.exit_code == 1, result.output  # the corpus holds broken records
    assert snapshot(db) == snapshot(ref)
    assert ref_stats.read == records and ref_stats.coded >= 25 and ref_stats.duplicates == 1 and ref_stats.repeated == 1
    assert "Dask scheduler tcp://127.0.0.1:" in result.stderr and ": 2 worker(s)" in result.stderr
    # the dashboard needs bokeh: its link is printed when it runs, and only then
    assert ("Dask dashboard: http://127.0.0.1:" in result.stderr) == (importlib.util.find_spec("bokeh") is not None)
    assert f"{ref_stats.coded} coded" in result.stderr and "broken JSON" in result.stderr
    # documents without an id are keyed by file and line: the line numbers survived the cut
    keys = {k for (k,) in connect(db).query("SELECT key FROM documents")}
    unnamed = {d.id for d in read_file(Path(paths[0])) if d.id.startswith(paths[0]) and not d.errors}
    assert len(unnamed) == 4 and unnamed <= keys


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, torn down afterwards."""
    root = tmp_path_factory.mktemp("scheduler")
    file = root / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    dask = [sys.executable, "-m", "dask", "scheduler"]
    worker = [sys.executable, "-m", "dask", "worker", "--scheduler-file", str(file), "--host", "127.0.0.1",
              "--nworkers", "1", "--nthreads", "1", "--dashboard-address", "127.0.0.1:0", "--death-timeout", str(WAIT)]
    procs: list[subprocess.Popen] = []
    logs = []

    def start(cmd: list[str], name: str) -> None:
        log = (root / f"{name}.log").open("w")
        logs.append(log)
        procs.append(subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

    try:
        start([*dask, "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(file)], "scheduler")
        _until(lambda: file.exists() and file.stat().st_size > 0, "the scheduler file")
        start(worker, "worker-1")
        start(worker, "worker-2")
        with distributed.Client(scheduler_file=str(file), timeout=WAIT) as client:
            client.wait_for_workers(2, timeout=WAIT)
        yield str(file)
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=20)
        for log in logs:
            log.close()


def _until(condition, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        time.sleep(0.1)


def test_scheduler_and_two_workers_give_the_store_of_j2(reference, corpus, scheduler, tmp_path):
    ref, _ = reference
    paths, _ = corpus
    db = tmp_path / "remote.db"
    stats = run_on_cluster(paths, db, scheduler, chunk_size=4, partition_bytes=400)
    assert snapshot(db) == snapshot(ref)
    with distributed.Client(scheduler_file=scheduler, timeout=WAIT) as client:
        done_by = client.run(lambda dask_worker: sorted(k for k in dask_worker.plugins if k.startswith("tacitus-coder")))
    assert len(done_by) == 2 and all(len(names) == 1 for names in done_by.values())  # one Coder plugin per worker
    assert stats.coded >= 25


class KillOneWorker:
    """A reporter that, as soon as a chunk is stored while a worker process is coding a
    partition, kills that worker with SIGKILL (its nanny starts a fresh one)."""

    def __init__(self, scheduler_file: str):
        self.client = distributed.Client(scheduler_file=scheduler_file, timeout=WAIT)
        self.killed: tuple[str, int] | None = None

    def start(self, stats: RunStats) -> None:
        pass

    def update(self, stats: RunStats, messages: list[str]) -> None:
        if self.killed:
            return
        # on each worker: its process id and the tasks it is executing right now (a lambda:
        # pickled by value, the workers cannot import this test module)
        coding = self.client.run(lambda dask_worker: (os.getpid(), [str(t.key) for t in dask_worker.state.executing]))
        busy = [(addr, pid) for addr, (pid, keys) in coding.items() if any("tacitus-code" in k for k in keys)]
        if busy:
            os.kill(busy[0][1], signal.SIGKILL)
            self.killed = busy[0]

    def finish(self, stats: RunStats) -> None:
        pass


def test_a_worker_killed_mid_run_changes_nothing(reference, corpus, scheduler, tmp_path):
    ref, _ = reference
    paths, _ = corpus
    db = tmp_path / "killed.db"
    killer = KillOneWorker(scheduler)
    try:
        run_on_cluster(paths, db, scheduler, chunk_size=4, partition_bytes=200, reporter=killer)
        assert killer.killed, "no worker was busy when the first chunk was stored"
        address, pid = killer.killed
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        assert address not in killer.client.scheduler_info()["workers"]
    finally:
        killer.client.close()
    assert snapshot(db) == snapshot(ref)


def test_a_half_written_store_is_finished(reference, corpus, scheduler, tmp_path):
    """A run stopped midway: the later half of the store is gone; the cluster run finishes it,
    coding only what is missing; running again changes nothing; --recode gives it again."""
    ref, ref_stats = reference
    paths, records = corpus
    db = tmp_path / "half.db"
    db.write_bytes(Path(ref).read_bytes())
    backend = connect(db)
    try:
        (middle,) = backend.query("SELECT MAX(seq) / 2 FROM documents")[0]
        with backend.transaction():
            # every table keyed by document: what a run would not yet have written for them; the
            # cross-article clusters are dropped whole and relinked by the run's catch-up
            for table in ("event_mentions", "event_clusters", "cluster_docs"):
                backend.execute(f"DELETE FROM {table}")
            for table in (*CHILD_TABLES, "doc_minhash"):
                backend.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT key FROM documents WHERE seq > ?)", (middle,))
            backend.execute("DELETE FROM documents WHERE seq > ?", (middle,))
        kept = backend.query("SELECT COUNT(*) FROM documents")[0][0]
    finally:
        backend.close()
    stats = run_on_cluster(paths, db, scheduler, chunk_size=4)
    assert snapshot(db) == snapshot(ref)
    stored = sum(n for (n,) in snapshot(ref)["documents:count"])
    assert stats.read == records and stats.coded + stats.rejected + stats.duplicates == stored - kept
    again = run_on_cluster(paths, db, scheduler)
    assert again.skipped == again.read and again.coded == 0
    assert snapshot(db) == snapshot(ref)
    recoded = run_on_cluster(paths, db, scheduler, recode=True, partition_bytes=800)
    assert recoded.coded == ref_stats.coded and recoded.skipped == 0
    assert snapshot(db) == snapshot(ref)


# --- errors -------------------------------------------------------------------------------


def test_bad_targets_and_missing_dask_are_one_clear_line(corpus, tmp_path, monkeypatch):
    paths, _ = corpus
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    for target in ("local:0", "local:two", "somewhere"):
        result = runner.invoke(cli, ["run", *paths, "--db", db, "--dask", target])
        assert result.exit_code == 2 and "--dask" in result.output
    result = runner.invoke(cli, ["run", *paths, "--db", db, "--dask", "local:1", "-j", "2"])
    assert result.exit_code == 2 and "exclude each other" in result.output
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    result = runner.invoke(cli, ["run", *paths, "--db", db, "--dask", "local:1"])
    assert result.exit_code == 1 and "pip install 'tacitus[cluster]'" in result.output
    assert not Path(db).exists()
