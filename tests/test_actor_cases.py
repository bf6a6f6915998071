"""Actor coding and document-level resolution on the cases in tests/cases/actors.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tacitus.actors import code_actor

HERE = Path(__file__).parent / "cases"
CASES = yaml.safe_load((HERE / "actors.yaml").read_text(encoding="utf-8"))
# Known gaps (matched on the start of the case's text) run as strict xfails.
GAPS = yaml.safe_load((HERE / "actors_known_gaps.yaml").read_text(encoding="utf-8")) or []


def params(cases: list[dict]) -> list:
    out = []
    for case in cases:
        reason = next((g["reason"] for g in GAPS if case["text"].startswith(g["text"])), None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case["text"][:60], marks=marks))
    return out


def _date(case) -> str | None:
    return str(case["date"]) if case.get("date") else None


@pytest.mark.parametrize("case", params(CASES["phrases"]))
def test_phrase(coder, case):
    result = code_actor(case["text"], date=_date(case), coder=coder)
    if "members" in case:
        members = [m["code"] for m in result.get("members", [])] or [result["code"]]
        assert members == case["members"], result
        return
    assert (result["country"], result["sector"]) == (case.get("country"), case.get("sector")), result


def _actor_at(doc, text: str, after: int = 0):
    """The actor with a mention overlapping the first occurrence of `text` at or after `after`."""
    start = doc.text.index(text, after)
    end = start + len(text)
    # The mention that fits the text best: "her" in "her cabinet" is the pronoun's own mention.
    overlapping = [
        (abs(m.start - start) + abs(m.end - end), actor)
        for actor in doc.actors
        for m in actor.mentions
        if m.start < end and m.end > start
    ]
    if not overlapping:
        return None, start
    return min(overlapping, key=lambda pair: pair[0])[1], start


@pytest.mark.parametrize("case", params(CASES["sentences"]))
def test_mentions_in_sentence(coder, case):
    doc = coder.code_text(case["text"], date=_date(case))
    for expected in case["mentions"]:
        actor, _ = _actor_at(doc, expected["text"])
        assert actor is not None, f"no actor mention at {expected['text']!r}: {[(a.code, [m.text for m in a.mentions]) for a in doc.actors]}"
        assert (actor.country, actor.sector) == (expected.get("country"), expected.get("sector")), (expected, actor)


@pytest.mark.parametrize("case", params(CASES["articles"]))
def test_article_resolution(coder, case):
    doc = coder.code_text(case["text"], date=_date(case))
    table = [(a.id, a.code, [m.text for m in a.mentions]) for a in doc.actors]
    for chain in case.get("same_actor") or []:
        ids, position = [], 0
        for text in chain:
            actor, position = _actor_at(doc, text, position)
            assert actor is not None, f"no mention at {text!r}; actors: {table}"
            ids.append(actor.id)
            position += len(text)
        assert len(set(ids)) == 1, f"{chain} resolved to {ids}; actors: {table}"
    for first, second in case.get("different_actor") or []:
        a, _ = _actor_at(doc, first)
        b, _ = _actor_at(doc, second)
        assert a is not None and b is not None and a.id != b.id, f"{first!r} and {second!r}: {table}"
    for text, code in (case.get("codes") or {}).items():
        actor, _ = _actor_at(doc, text)
        assert actor is not None and actor.code == code, f"{text!r}: {table}"
