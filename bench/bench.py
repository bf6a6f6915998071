"""tacitus benchmark: speed against spaCy's own pipeline, 2 workers, memory, corpus runs.

    python bench/bench.py                 # full run (a few minutes on 2 cores), prints a table
    python bench/bench.py --articles 50   # quick look

Figures are also written as JSON to bench/results/latest.json. The ratio to watch is
tacitus words/s ÷ spaCy words/s on the same text: everything tacitus does beyond parsing should
cost as little as possible, and not parsing what cannot hold an event pays for the rest.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate, write  # noqa: E402

from tacitus.model import Document  # noqa: E402

_CODER = None


def _words(records: list[dict]) -> int:
    return sum(len(r["text"].split()) + len(r.get("title", "").split()) for r in records)


def _docs(records: list[dict]) -> list[Document]:
    return [Document(text=r["text"], id=r["id"], title=r.get("title", ""), date=r.get("date")) for r in records]


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def bench_spacy(records: list[dict], processes: int = 1) -> float:
    from tacitus.parse import load_nlp

    nlp = load_nlp()
    texts = [t for r in records for t in (r.get("title", ""), r["text"])]
    list(nlp.pipe(texts[:8]))  # warm up
    return _timed(lambda: list(nlp.pipe(texts, batch_size=64, n_process=processes)))


def bench_tacitus(records: list[dict], parse_all: bool = False) -> float:
    from tacitus.pipeline import Coder

    coder = Coder(parse_all=parse_all)
    list(coder.code_documents(_docs(records[:4])))  # warm up
    return _timed(lambda: [d.to_dict() for d in coder.code_documents(_docs(records))])


def _init_worker() -> None:
    global _CODER
    from tacitus.pipeline import Coder

    _CODER = Coder()


def _code_chunk(chunk: list[dict]) -> int:
    return sum(len(d.events) for d in _CODER.code_documents(_docs(chunk)))


def bench_tacitus_workers(records: list[dict], processes: int) -> float:
    chunks = [records[i : i + 16] for i in range(0, len(records), 16)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init_worker) as pool:
        pool.map(_code_chunk, [records[:2]] * processes)  # every worker loaded and warm
        return _timed(lambda: pool.map(_code_chunk, chunks))


def peak_rss_mb(articles: int) -> float:
    """Peak RSS of a fresh process that codes `articles` articles."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__)), "--rss-child", str(articles)],
        capture_output=True, text=True, check=True,
    )
    return float(proc.stdout.strip().splitlines()[-1])


def rss_child(articles: int) -> None:
    from tacitus.pipeline import Coder

    coder = Coder()
    stream = (Document(text=r["text"], id=r["id"], title=r["title"], date=r["date"]) for r in generate(articles, seed=11))
    for doc in coder.code_documents(stream):
        doc.to_dict()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def bench_corpus_run(path: Path, workers: int) -> dict | None:
    """`tacitus run` into SQLite (if this build has it): seconds and peak RSS of the run."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "tacitus", "run", str(path), "--db", str(db), "--workers", str(workers)],
            capture_output=True, text=True,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            return None
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        return {"seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)}


NEWS = HERE.parent.parent / "shared" / "data" / "news"


def source_country_share(articles: int = 100) -> dict | None:
    """On real news (the development articles beside the project, when present): the share of
    factual events whose source has a country — event data is only as good as its actors."""
    files = [NEWS / "insightcrime-train.jsonl", NEWS / "bbc-train.jsonl"]
    if not all(f.is_file() for f in files):
        return None
    from tacitus.pipeline import Coder

    records: list[dict] = []
    for path in files:
        with path.open(encoding="utf-8") as lines:
            taken = [json.loads(line) for line in lines if line.strip()]
        taken = [r for r in taken if r.get("politics", True)][: articles // len(files)]
        records += [{"id": r["id"], "text": r["text"], "title": r.get("title", ""), "date": r.get("date")} for r in taken]
    facts = [e for d in Coder().code_documents(_docs(records)) for e in d.events if e.factual]
    sourced = sum(1 for e in facts if e.source is not None and e.source.country)
    return {"articles": len(records), "factual_events": len(facts), "with_source_country": round(sourced / len(facts), 3) if facts else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rss-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per speed figure (the best counts)")
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--skip-run", action="store_true")
    parser.add_argument("--skip-news", action="store_true", help="skip the source-country share on real news")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if args.rss_child is not None:
        rss_child(args.rss_child)
        return

    records = generate(args.articles)
    words = _words(records)
    results: dict = {
        "date": date.today().isoformat(),
        "machine": {"cores": os.cpu_count(), "ram_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1), "python": platform.python_version()},
        "articles": len(records),
        "words": words,
    }
    rows = []

    def record(name: str, seconds: float) -> None:
        results[name] = {"seconds": round(seconds, 2), "words_per_s": round(words / seconds), "articles_per_s": round(len(records) / seconds, 2)}
        rows.append((name, seconds))

    # Each figure is the best of `--repeat` runs, taken in turns, so that a busy moment of the
    # machine does not decide the ratio.
    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        runs.setdefault("spacy_1proc", []).append(bench_spacy(records))
        runs.setdefault("tacitus_1proc", []).append(bench_tacitus(records))
        # The same coder parsing every sentence: what the sentence filter saves.
        runs.setdefault("tacitus_parse_all", []).append(bench_tacitus(records, parse_all=True))
        runs.setdefault("spacy_2proc", []).append(bench_spacy(records, processes=2))
        runs.setdefault("tacitus_2proc", []).append(bench_tacitus_workers(records, processes=2))
    for name, seconds in runs.items():
        record(name, min(seconds))
    results["repeat"] = args.repeat
    results["ratio_1proc"] = round(results["spacy_1proc"]["seconds"] / results["tacitus_1proc"]["seconds"], 2)
    results["ratio_2proc"] = round(results["spacy_2proc"]["seconds"] / results["tacitus_2proc"]["seconds"], 2)
    results["ratio_parse_all"] = round(results["spacy_1proc"]["seconds"] / results["tacitus_parse_all"]["seconds"], 2)

    if not args.skip_rss:
        small, large = peak_rss_mb(100), peak_rss_mb(1000)
        results["peak_rss_mb"] = {"100_articles": round(small, 1), "1000_articles": round(large, 1), "growth_mb": round(large - small, 1)}

    if not args.skip_run:
        with tempfile.TemporaryDirectory() as tmp:
            path = write(Path(tmp) / "corpus.jsonl", len(records))
            for workers in (1, 2):
                run = bench_corpus_run(path, workers)
                if run is not None:
                    run["articles_per_s"] = round(len(records) / run["seconds"], 2)
                    results[f"corpus_run_sqlite_{workers}w"] = run

    news = None if args.skip_news else source_country_share()
    if news is not None:
        results["real_news"] = news

    print(f"tacitus benchmark — {len(records)} articles, {words:,} words, {results['machine']['cores']} cores, {results['machine']['ram_gb']} GB")
    print(f"{'':<16}{'seconds':>10}{'words/s':>10}{'articles/s':>12}")
    for name, _ in rows:
        r = results[name]
        print(f"{name:<16}{r['seconds']:>10.2f}{r['words_per_s']:>10,}{r['articles_per_s']:>12.2f}")
    print(f"ratio tacitus/spaCy speed: 1 process {results['ratio_1proc']:.2f}x, 2 processes {results['ratio_2proc']:.2f}x (parsing every sentence: {results['ratio_parse_all']:.2f}x)")
    if "peak_rss_mb" in results:
        p = results["peak_rss_mb"]
        print(f"peak RSS: {p['100_articles']:.0f} MB at 100 articles, {p['1000_articles']:.0f} MB at 1,000 (growth {p['growth_mb']:+.0f} MB)")
    for workers in (1, 2):
        run = results.get(f"corpus_run_sqlite_{workers}w")
        if run:
            print(f"tacitus run -> SQLite, {workers} worker(s): {run['articles_per_s']:.2f} articles/s, peak RSS {run['peak_rss_mb']:.0f} MB")
    if news is not None:
        print(f"real news ({news['articles']} articles): {news['factual_events']} factual events, {news['with_source_country']:.1%} with a source country")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
