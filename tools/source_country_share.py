"""Share of factual events whose source actor has a country, in `tacitus code` JSONL output:

    tacitus code news.jsonl > coded.jsonl && python tools/source_country_share.py coded.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter


def main(path: str) -> None:
    counts: Counter = Counter()
    how: Counter = Counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            froms = {a["id"]: a.get("country_from") for a in doc.get("actors", [])}
            for event in doc.get("events", []):
                if not event.get("factual"):
                    continue
                counts["factual"] += 1
                source = event.get("source") or {}
                if source.get("country"):
                    counts["with country"] += 1
                    how[froms.get(source.get("actor")) or "text"] += 1
    share = counts["with country"] / counts["factual"] if counts["factual"] else 0.0
    print(f"factual events {counts['factual']}, with a source country {counts['with country']} ({share:.1%}); how: {dict(how)}")


if __name__ == "__main__":
    main(sys.argv[1])
