"""Every sentence in tests/cases/events.yaml coded and checked against a human coder's events."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tacitus.model import Event

HERE = Path(__file__).parent / "cases"
CASES = yaml.safe_load((HERE / "events.yaml").read_text(encoding="utf-8"))
# Known gaps run as strict xfails: a gap that gets fixed fails until it is taken off the list.
GAPS = {g["text"]: g["reason"] for g in yaml.safe_load((HERE / "events_known_gaps.yaml").read_text(encoding="utf-8")) or []}
PARAMS = [
    pytest.param(c, id=c["text"][:60], marks=[pytest.mark.xfail(strict=True, reason=GAPS[c["text"]])] if c["text"] in GAPS else [])
    for c in CASES
]


def _code(ref) -> str | None:
    return ref.code if ref is not None else None


def matches(event: Event, expected: dict) -> bool:
    code = str(expected["code"])
    if not event.cameo.startswith(code):
        return False
    for side in ("source", "target"):
        if side in expected and _code(getattr(event, side)) != expected[side]:
            return False
    if "negated" in expected and event.negated != expected["negated"]:
        return False
    if "modality" in expected and event.modality != expected["modality"]:
        return False
    if "attributed" in expected and (event.attributed_to is not None or event.statement is not None) != expected["attributed"]:
        return False
    return not ("date" in expected and event.date != str(expected["date"]))


def describe(event: Event) -> str:
    return (
        f"{_code(event.source)} -{event.cameo}-> {_code(event.target)} "
        f"neg={event.negated} mod={event.modality} attr={event.attributed_to} date={event.date} [{event.rule}]"
    )


@pytest.mark.parametrize("case", PARAMS)
def test_event_case(coder, case):
    date = str(case["date"]) if case.get("date") else None
    doc = coder.code_text(case["text"], date=date)
    found = "\n".join(describe(e) for e in doc.events) or "(no events)"
    for expected in case.get("events") or []:
        assert any(matches(e, expected) for e in doc.events), f"missing {expected}; found:\n{found}"
    for root in case.get("no_roots") or []:
        assert not any(e.root == str(root) for e in doc.events), f"unexpected root {root}; found:\n{found}"
    for root in case.get("no_factual_roots") or []:
        assert not any(e.root == str(root) and e.factual for e in doc.events), f"unexpected factual root {root}; found:\n{found}"
