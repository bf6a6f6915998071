"""Share of actors with a country in `tacitus code` JSONL output (e.g. on lower-cased articles):

    python tools/actor_country_share.py coded.jsonl
"""

from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    actors = with_country = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            for actor in json.loads(line).get("actors", []):
                actors += 1
                with_country += bool(actor.get("country"))
    share = with_country / actors if actors else 0.0
    print(f"actors {actors}, with a country {with_country} ({share:.1%})")


if __name__ == "__main__":
    main(sys.argv[1])
