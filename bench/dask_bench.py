"""tacitus on a Dask cluster: articles/s with `--dask local:1` and `local:2`, and how fast the
client can write coded documents into a store (the ceiling of a cluster run).

    python bench/dask_bench.py                      # real news from ../shared/data/news, 400 articles
    python bench/dask_bench.py --articles 100 --skip-store
    python bench/dask_bench.py --skip-cluster        # only the store's write rate

Two figures per cluster size: `wall` is the whole run (cluster start, spaCy loaded in every
worker, coding, writing); `steady` counts from the first stored chunk to the last, the rate a
long run settles at. The store figures time the client's own path (`cluster._store`: classify
against the store, then one transaction per chunk) on copies of really coded documents, into
SQLite and into a throwaway PostgreSQL server when its binaries are there. Figures are also
written to bench/results/dask.json.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NEWS = ROOT.parent / "shared" / "data" / "news"

from tacitus.corpus import RunStats, _Run, run_corpus  # noqa: E402
from tacitus.store import open_store  # noqa: E402


def sample(articles: int, out: Path) -> Path:
    """The first articles of each file of the news set, alternating, as one JSONL file."""
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        sys.exit(f"no news set at {NEWS}: this benchmark measures real articles")
    streams = [f.open(encoding="utf-8") for f in files]
    lines: list[str] = []
    try:
        while len(lines) < articles and streams:
            for stream in list(streams):
                line = stream.readline()
                if not line:
                    streams.remove(stream)
                elif line.strip() and len(lines) < articles:
                    lines.append(line.rstrip("\n"))
    finally:
        for stream in streams:
            stream.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


class Clock:
    """A reporter that notes when chunks are stored."""

    def __init__(self) -> None:
        self.first: tuple[float, int] | None = None
        self.last: tuple[float, int] | None = None

    def start(self, stats: RunStats) -> None:
        pass

    def update(self, stats: RunStats, messages: list[str]) -> None:
        now = (time.monotonic(), stats.done)
        self.first = self.first or now
        self.last = now

    def finish(self, stats: RunStats) -> None:
        pass


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def bench_cluster(path: Path, target: str) -> dict:
    """One `--dask local:N` run. The CPU seconds of the worker processes (children of this
    one, counted when they end) show how much of the cores the run really got: on a shared
    machine `cores_obtained` < N explains a speedup below N."""
    from tacitus.cluster import run_on_cluster

    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        start, workers_cpu, client_cpu = time.monotonic(), _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
        stats = run_on_cluster([path], Path(tmp) / "bench.db", target, reporter=clock, echo=lambda _line: None)
        wall = time.monotonic() - start
        workers_cpu, client_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_cpu, _cpu(resource.RUSAGE_SELF) - client_cpu
    steady = None
    if clock.first and clock.last and clock.last[0] > clock.first[0]:
        steady = (clock.last[1] - clock.first[1]) / (clock.last[0] - clock.first[0])
    return {"articles": stats.done, "coded": stats.coded, "seconds": round(wall, 1), "wall_articles_per_s": round(stats.done / wall, 2),
            "steady_articles_per_s": round(steady, 2) if steady else None,
            "workers_cpu_s": round(workers_cpu, 1), "client_cpu_s": round(client_cpu, 1),
            "cores_obtained": round(workers_cpu / wall, 2), "articles_per_worker_cpu_s": round(stats.done / workers_cpu, 2) if workers_cpu else None}


def bench_j(path: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        start = time.monotonic()
        stats = run_corpus([path], Path(tmp) / "bench.db", workers=workers, reporter=clock)
        wall = time.monotonic() - start
    steady = (clock.last[1] - clock.first[1]) / (clock.last[0] - clock.first[0]) if clock.first and clock.last and clock.last[0] > clock.first[0] else None
    return {"articles": stats.done, "seconds": round(wall, 1), "wall_articles_per_s": round(stats.done / wall, 2),
            "steady_articles_per_s": round(steady, 2) if steady else None}


# --- the store's write rate ---------------------------------------------------------------


def coded_sample(path: Path, n: int) -> list:
    """`n` really coded documents (text dropped, as workers send them)."""
    from tacitus.ingest import read_inputs
    from tacitus.pipeline import Coder

    docs = [d for _, d in zip(range(n), read_inputs([path]), strict=False)]
    coded = list(Coder().code_documents(docs))
    for doc in coded:
        doc.text = ""
    return coded


def store_rate(db: str, coded: list, documents: int, chunk_size: int = 32) -> dict:
    """Documents/s and events/s of the client's write path for `documents` copies of `coded`."""
    from tacitus.cluster import Coded, _store

    partitions = []
    per = 256
    for start in range(0, documents, per):
        docs, digests = [], []
        for i in range(start, min(documents, start + per)):
            doc = copy.copy(coded[i % len(coded)])
            doc.id = f"bench-{i:08d}"
            docs.append(doc)
            digests.append(f"{i:064x}")  # distinct texts: no duplicates
        partitions.append(Coded(len(partitions), docs, digests, [True] * len(docs), [[] for _ in docs]))
    events = sum(len(d.events) for p in partitions for d in p.docs)
    backend = open_store(db)
    try:
        run = _Run(backend, False, RunStats())
        start = time.monotonic()
        for partition in partitions:
            _store(run, partition, chunk_size, None)
        seconds = time.monotonic() - start
    finally:
        backend.close()
    return {"documents": documents, "events": events, "chunk_size": chunk_size, "seconds": round(seconds, 2),
            "documents_per_s": round(documents / seconds), "events_per_s": round(events / seconds)}


def bench_store(path: Path, documents: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    coded = coded_sample(path, 60)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for chunk in (32, 256):
            out[f"sqlite_chunk{chunk}"] = store_rate(str(Path(tmp) / f"rate{chunk}.db"), coded, documents, chunk)
    try:
        from store_helpers import create_database, postgres_server

        server = postgres_server()
        base = next(server)
    except BaseException as err:  # pytest.skip is a BaseException: no PostgreSQL binaries here
        out["postgresql"] = f"not measured: {err}"
        return out
    try:
        for chunk in (32, 256):
            out[f"postgresql_chunk{chunk}"] = store_rate(create_database(base, f"rate{chunk}"), coded, documents, chunk)
    finally:
        server.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="real news articles per cluster run")
    parser.add_argument("--store-documents", type=int, default=5000, help="documents written per store figure")
    parser.add_argument("--with-j", action="store_true", help="also time `-j 1` and `-j 2` on the same articles")
    parser.add_argument("--skip-cluster", action="store_true")
    parser.add_argument("--skip-store", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "dask.json")
    args = parser.parse_args()

    results: dict = {"date": date.today().isoformat(), "cores": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as tmp:
        path = sample(args.articles, Path(tmp) / "news.jsonl")
        if not args.skip_cluster:
            for n in (1, 2):
                results[f"dask_local_{n}"] = bench_cluster(path, f"local:{n}")
                print(f"--dask local:{n}: {results[f'dask_local_{n}']}", flush=True)
            one, two = results["dask_local_1"], results["dask_local_2"]
            results["speedup_wall"] = round(two["wall_articles_per_s"] / one["wall_articles_per_s"], 2)
            if one["steady_articles_per_s"] and two["steady_articles_per_s"]:
                results["speedup_steady"] = round(two["steady_articles_per_s"] / one["steady_articles_per_s"], 2)
        if args.with_j:
            for n in (1, 2):
                results[f"j{n}"] = bench_j(path, n)
                print(f"-j {n}: {results[f'j{n}']}", flush=True)
        if not args.skip_store:
            results["store"] = bench_store(path, args.store_documents)
            for name, figure in results["store"].items():
                print(f"store {name}: {figure}", flush=True)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if "speedup_wall" in results:
        print(f"local:1 -> local:2: {results['speedup_wall']}x wall, {results.get('speedup_steady')}x steady; "
              f"cores obtained {results['dask_local_1']['cores_obtained']} and {results['dask_local_2']['cores_obtained']} "
              f"(load average {results['load_average_at_start'][0]} at start, {results['load_average_at_end'][0]} at end)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
