"""In-process CPU-time comparison on real news: tacitus against spaCy's own `nlp.pipe`.

    PYTHONPATH=src python bench/inproc.py --articles 150 --repeat 3
    PYTHONPATH=src python bench/inproc.py --articles 150 --profile out.prof   # cProfile (CPU clock)

Whole processes (bench.py) include start-up and are at the mercy of a shared machine's
neighbours; this script loads both pipelines once and then times the same articles in turns
(spaCy, tacitus) with the process's CPU clock, so the ratios are comparable even while other
work runs. Each round takes articles neither side has seen (the news is cut into `repeat + 1`
slices; the first warms both up), so caches that fill as text comes in are measured as they
are on a long run, not on text met before. tacitus is timed as `tacitus code` works: coding, `to_dict` and the JSON
line. The spaCy side runs the model's full pipeline over the titles and texts, as bench.py does.
A breakdown of tacitus's time says how much went to spaCy's components (parse) and how much to
the rest.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import MODEL, real_news  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="profile one tacitus pass (CPU clock) into this file")
    args = parser.parse_args()

    import spacy

    from tacitus.model import Document
    from tacitus.pipeline import Coder

    news = real_news(args.articles * (args.repeat + 1))
    if len(news) < args.articles * (args.repeat + 1):
        raise SystemExit("inproc: not enough real news (needs ../shared/data/news)")
    rounds = [news[n * args.articles : (n + 1) * args.articles] for n in range(args.repeat + 1)]
    nlp = spacy.load(MODEL)
    coder = Coder()

    def run_spacy(records: list[dict]) -> None:
        for _ in nlp.pipe([t for r in records for t in (r["title"], r["text"])], batch_size=64):
            pass

    parse_time = [0.0]
    parse = coder.parser.parse

    def timed_parse(pairs):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return parse(pairs)
        finally:
            parse_time[0] += time.process_time() - start

    coder.parser.parse = timed_parse  # type: ignore[method-assign]

    def run_tacitus(records: list[dict]) -> None:
        documents = [Document(text=r["text"], id=r["id"], title=r["title"], date=r["date"]) for r in records]
        for doc in coder.code_documents(documents):
            json.dumps(doc.to_dict(), ensure_ascii=False)

    run_spacy(rounds[0])  # warm both up on the first slice
    run_tacitus(rounds[0])
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(run_tacitus, rounds[1])
        profiler.dump_stats(args.profile)
        print(f"inproc: profile written to {args.profile}")
        return
    times: dict[str, list[float]] = {"spacy": [], "tacitus": [], "tacitus_parse": []}
    for records in rounds[1:]:
        for name, run in (("spacy", run_spacy), ("tacitus", run_tacitus)):
            parse_time[0] = 0.0
            start = time.process_time()
            run(records)
            times[name].append(time.process_time() - start)
            if name == "tacitus":
                times["tacitus_parse"].append(parse_time[0])
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = statistics.median(s / t for s, t in zip(times["spacy"], times["tacitus"], strict=True))
    print(f"inproc: {args.repeat} rounds of {args.articles} articles, CPU s (medians): spaCy nlp.pipe {med['spacy']:.2f}, "
          f"tacitus {med['tacitus']:.2f} (parse {med['tacitus_parse']:.2f}, rest {med['tacitus'] - med['tacitus_parse']:.2f}); "
          f"spaCy ÷ tacitus {ratio:.3f}")
    print("inproc: runs", json.dumps({k: [round(x, 2) for x in v] for k, v in times.items()}))


if __name__ == "__main__":
    main()
