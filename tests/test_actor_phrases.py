"""Phrase-level actor accuracy on tests/cases/actor_phrases.yaml: country and sector of
`code_actor` on news phrases of 2015-2024, as written, lower-cased and upper-cased.

Run `python tests/test_actor_phrases.py` for the per-group table and the misses."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tacitus.actors import code_actor

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "actor_phrases.yaml").read_text(encoding="utf-8"))["phrases"]
# Goals of the feature; the floors asserted are the level this build reaches (rounded down).
COUNTRY_FLOOR = 0.90
SECTOR_FLOOR = 0.80
CASING_GAP = 0.05


def _accepts(expected: object, got: object) -> bool:
    return got in expected if isinstance(expected, list) else got == expected


def score(coder, transform=lambda s: s) -> dict:
    """Country and sector accuracy (overall and per group) and the misses."""
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for case in CASES:
        date = str(case["date"]) if case.get("date") else None
        got = code_actor(transform(case["text"]), date=date, coder=coder)
        country_ok = _accepts(case.get("country"), got["country"])
        sector_ok = _accepts(case.get("sector"), got["sector"])
        for key in ("all", case["group"]):
            hits[key][0] += 1
            hits[key][1] += country_ok
            hits[key][2] += sector_ok
        if not (country_ok and sector_ok):
            misses.append((case["text"], case.get("country"), case.get("sector"), got["country"], got["sector"]))
    table = {key: (n, c / n, s / n) for key, (n, c, s) in hits.items()}
    return {"country": table["all"][1], "sector": table["all"][2], "groups": table, "misses": misses}


@pytest.fixture(scope="module")
def scores(coder) -> dict:
    return {
        "as written": score(coder),
        "lower": score(coder, str.lower),
        "upper": score(coder, str.upper),
    }


def test_phrase_set_is_large_and_well_formed():
    assert len(CASES) >= 400
    assert len({c["text"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert {"group", "text", "country", "sector"} <= case.keys(), case


def test_country_accuracy(scores):
    assert scores["as written"]["country"] >= COUNTRY_FLOOR, scores["as written"]["misses"][:40]


def test_sector_accuracy(scores):
    assert scores["as written"]["sector"] >= SECTOR_FLOOR, scores["as written"]["misses"][:40]


@pytest.mark.parametrize("variant", ["lower", "upper"])
def test_casing_variants_score_close(scores, variant):
    for field in ("country", "sector"):
        gap = scores["as written"][field] - scores[variant][field]
        assert gap <= CASING_GAP, (variant, field, scores[variant][field], scores[variant]["misses"][:40])


if __name__ == "__main__":  # a report for developers
    from tacitus.pipeline import default_coder

    coder = default_coder()
    for name, transform in (("as written", lambda s: s), ("lower", str.lower), ("upper", str.upper)):
        result = score(coder, transform)
        print(f"{name}: country {result['country']:.3f} sector {result['sector']:.3f}")
        if name == "as written" or "-v" in sys.argv:
            for group, (n, c, s) in sorted(result["groups"].items()):
                print(f"  {group:12} n={n:4} country {c:.3f} sector {s:.3f}")
            if "-v" in sys.argv:
                for miss in result["misses"]:
                    print("   miss", miss)
