"""Violent events on articles that hold none: BBC articles with `politics: false` (sport,
business, entertainment, technology) should yield at most 0.05 factual events of roots 18–20
(assault, fight, mass violence) per article. Prints the rate and every such event, so a new
sense error shows with its evidence.

    python bench/sport_senses.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tacitus.model import Document
from tacitus.pipeline import Coder

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "bbc-train.jsonl"
VIOLENT = ("18", "19", "20")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N such articles")
    args = parser.parse_args()
    with args.news.open(encoding="utf-8") as lines:
        records = [r for r in map(json.loads, filter(str.strip, lines)) if r.get("politics") is False][: args.limit]
    docs = [Document(text=r["text"], id=r["id"], title=r.get("title") or "") for r in records]
    violent = 0
    for doc in Coder().code_documents(docs):
        for event in doc.events:
            if event.factual and event.root in VIOLENT:
                violent += 1
                print(f"{doc.id}\t{event.cameo}\t{event.trigger.text}\t{event.evidence[:120]}")
    print(f"{len(docs)} articles with politics: false, {violent} factual violent events, {violent / max(len(docs), 1):.3f} per article (goal <= 0.05)")


if __name__ == "__main__":
    main()
