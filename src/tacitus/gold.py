"""Document-level gold (`gold/*.jsonl`) and how the coder is scored against it.

A gold record is one document with the events a trained CAMEO coder would sign, the statements,
and the *traps*: passages that must not come out as factual events (futures, conditionals,
negations, quoted claims, statistics, metaphors, other word senses). Real articles are named by
`corpus` and `id` and their text is read from a news folder (their text is not ours to ship);
documents written for tacitus carry their `text`. Format: `gold/README.md`.

Events are matched per document as a multiset of (root, source country, target country): the
question a user of event data asks ("who did what kind of thing to whom"), not where the
coder found it. A trap is *asserted* when a factual event's trigger lies on the trap's trigger word.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tacitus.model import Document, Event

TrapKind = Literal[
    "future", "conditional", "negation", "quote", "generic", "metaphor", "non-event", "question", "claimed-attitude"
]
TRAP_KINDS: frozenset[str] = frozenset(TrapKind.__args__)  # type: ignore[attr-defined]


class GoldError(ValueError):
    """A gold record that cannot be read; the message names the file, line and reason."""


@dataclass(frozen=True)
class GoldActor:
    text: str
    country: str | None
    sector: str | None
    code: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    evidence: tuple[int, int]
    trigger: tuple[int, int]
    source: GoldActor | None
    target: GoldActor | None
    cameo: str
    root: str

    def key(self, depth: int = 3) -> tuple:
        full = (self.root, _country(self.source), _country(self.target))
        return full[:depth]


@dataclass(frozen=True)
class GoldTrap:
    evidence: tuple[int, int]
    trigger: tuple[int, int]
    kind: str
    text: str


@dataclass(frozen=True)
class GoldStatement:
    evidence: tuple[int, int]
    speaker: GoldActor | None


@dataclass
class GoldDocument:
    id: str
    text: str
    title: str = ""
    date: str | None = None
    events: list[GoldEvent] = field(default_factory=list)
    statements: list[GoldStatement] = field(default_factory=list)
    traps: list[GoldTrap] = field(default_factory=list)


ORGANISATION_KINDS = ("IGO", "NGO")


def country_key(country: str | None, sector: str | None, code: str | None) -> str | None:
    """The country an actor is matched on. International and non-governmental organisations
    have no country: they match as "IGO" or "NGO" whatever region their code names (tacitus
    gives the EU's country as EUR, an annotator may give none)."""
    for kind in ORGANISATION_KINDS:
        if sector == kind or country == kind or (code or "").startswith(kind):
            return kind
    return country


def _country(actor: GoldActor | None) -> str | None:
    return country_key(actor.country, actor.sector, actor.code) if actor else None


def is_gold_record(data: dict[str, Any]) -> bool:
    """A gold record (as opposed to a hand-corrected full output document): it names its corpus,
    has traps, or gives its events' triggers as plain words."""
    return "corpus" in data or "traps" in data or any(isinstance(e.get("trigger"), str) for e in data.get("events", []))


def _locate(text: str, evidence: str, word: str | None, where: str) -> tuple[tuple[int, int], tuple[int, int]]:
    start = text.find(evidence) if evidence else -1
    if start < 0:
        raise GoldError(f"{where}: evidence not found in the text: {evidence!r}")
    end = start + len(evidence)
    if not word:
        return (start, end), (start, end)
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", evidence) or re.search(re.escape(word), evidence)
    if match is None:
        raise GoldError(f"{where}: trigger {word!r} is not inside its evidence {evidence!r}")
    return (start, end), (start + match.start(), start + match.end())


def _actor(data: dict[str, Any] | None) -> GoldActor | None:
    if not data:
        return None
    return GoldActor(text=data.get("text", ""), country=data.get("country"), sector=data.get("sector"), code=data.get("code"))


def _news_text(corpus: str, record_id: str, texts: Path | None, cache: dict[str, dict[str, dict]]) -> dict:
    if texts is None:
        raise GoldError(f"record {record_id} names corpus {corpus!r}: give the news folder with --texts")
    if corpus not in cache:
        path = texts / f"{corpus}.jsonl"
        if not path.is_file():
            raise GoldError(f"record {record_id}: no {path}")
        with path.open(encoding="utf-8") as handle:
            cache[corpus] = {row["id"]: row for row in map(json.loads, handle)}
    if record_id not in cache[corpus]:
        raise GoldError(f"record {record_id} is not in {corpus}.jsonl")
    return cache[corpus][record_id]


def gold_document(data: dict[str, Any], where: str, texts: Path | None = None, cache: dict | None = None) -> GoldDocument:
    """One gold record, validated: every evidence and trigger is found in the text."""
    record_id = str(data.get("id", ""))
    if data.get("text"):
        text, title = data["text"], data.get("title") or ""
    elif data.get("corpus"):
        row = _news_text(data["corpus"], record_id, texts, cache if cache is not None else {})
        text, title = row["text"], row.get("title") or ""
    else:
        raise GoldError(f"{where}: a gold record needs `text` or `corpus` and `id`")
    doc = GoldDocument(id=record_id, text=text, title=title, date=data.get("date"))
    for n, item in enumerate(data.get("events", [])):
        at = f"{where} event {n}"
        cameo = str(item.get("cameo") or "")
        if not re.fullmatch(r"\d{2,4}", cameo):
            raise GoldError(f"{at}: cameo {cameo!r} is not a CAMEO code")
        evidence, trigger = _locate(text, item.get("evidence", ""), item.get("trigger"), at)
        doc.events.append(GoldEvent(evidence, trigger, _actor(item.get("source")), _actor(item.get("target")), cameo, cameo[:2]))
    for n, item in enumerate(data.get("traps", [])):
        at = f"{where} trap {n}"
        if item.get("kind") not in TRAP_KINDS:
            raise GoldError(f"{at}: kind {item.get('kind')!r} is not one of {sorted(TRAP_KINDS)}")
        evidence, trigger = _locate(text, item.get("evidence", ""), item.get("trigger"), at)
        doc.traps.append(GoldTrap(evidence, trigger, item["kind"], item.get("evidence", "")))
    for n, item in enumerate(data.get("statements", [])):
        evidence, _ = _locate(text, item.get("evidence", ""), item.get("cue"), f"{where} statement {n}")
        doc.statements.append(GoldStatement(evidence, _actor(item.get("speaker"))))
    return doc


def load_gold(path: Path, texts: Path | None = None) -> list[GoldDocument]:
    cache: dict[str, dict[str, dict]] = {}
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{path}:{number}: not JSON ({err})") from err
            out.append(gold_document(data, f"{path}:{number}", texts, cache))
    return out


# --- scoring --------------------------------------------------------------------------------


def _ref_country(ref) -> str | None:
    return country_key(ref.country, ref.sector, ref.code) if ref is not None else None


def _event_key(event: Event, depth: int = 3) -> tuple:
    return (event.root, _ref_country(event.source), _ref_country(event.target))[:depth]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def score_documents(gold: list[GoldDocument], coded: list[Document]) -> dict[str, Any]:
    """Scores of coded documents against their gold (same order)."""
    levels = {"root": 1, "root_source": 2, "root_source_target": 3}
    counts = {name: Counter() for name in levels}
    by_root: dict[str, Counter] = {}
    traps = Counter()
    asserted: list[dict[str, str]] = []
    statements = Counter()
    sourced = factual_total = 0
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    for g, p in zip(gold, coded, strict=True):
        facts = [e for e in p.events if e.factual and e.sentence >= 0]
        factual_total += len(facts)
        sourced += sum(1 for e in facts if _ref_country(e.source))
        for name, depth in levels.items():
            gk, pk = Counter(e.key(depth) for e in g.events), Counter(_event_key(e, depth) for e in facts)
            for key in gk.keys() | pk.keys():
                tp = min(gk[key], pk[key])
                counts[name].update(tp=tp, fp=pk[key] - tp, fn=gk[key] - tp)
                if depth == 3:
                    per = by_root.setdefault(key[0], Counter())
                    per.update(tp=tp, fp=pk[key] - tp, fn=gk[key] - tp)
                    missed += [{"id": g.id, "key": list(key), "evidence": g.text[e.evidence[0] : e.evidence[1]]} for e in g.events if e.key() == key][tp:]
                    spurious += [{"id": g.id, "key": list(key), "evidence": e.evidence, "rule": e.rule} for e in facts if _event_key(e) == key][tp:]
        for trap in g.traps:
            traps[trap.kind] += 1
            hit = next((e for e in facts if _overlaps((e.trigger.start, e.trigger.end), trap.trigger)), None)
            if hit is not None:
                traps["asserted"] += 1
                asserted.append({"id": g.id, "kind": trap.kind, "evidence": trap.text, "rule": hit.rule, "cameo": hit.cameo})
        found = [s for s in p.statements if s.sentence >= 0]
        used: set[int] = set()
        for statement in g.statements:
            match = _statement_match(statement, found, used)
            if match is not None:
                used.add(match)
        statements.update(tp=len(used), fp=len(found) - len(used), fn=len(g.statements) - len(used))
    report: dict[str, Any] = {
        "format": "tacitus",
        "n": len(gold),
        "overall": _prf(**counts["root_source_target"]),
        "levels": {name: _prf(**c) for name, c in counts.items()},
        "per_class": {root: _prf(**c) for root, c in sorted(by_root.items())},
        "traps": {"total": sum(v for k, v in traps.items() if k != "asserted"), "asserted": traps["asserted"], "by_kind": {k: v for k, v in sorted(traps.items()) if k != "asserted"}},
        "asserted_traps": asserted,
        "factual_events": factual_total,
        "factual_with_source_country": round(sourced / factual_total, 4) if factual_total else 0.0,
        "missed": missed,
        "spurious": spurious,
    }
    if any(g.statements for g in gold):
        report["statements"] = _prf(**statements)
    report["macro_f1"] = report["overall"]["f1"]
    return report


def _statement_match(gold: GoldStatement, found: list, used: set[int]) -> int | None:
    """The first unused predicted statement whose cue lies in the gold evidence, with the
    speaker's country when the gold names one."""
    for n, statement in enumerate(found):
        if n in used or not gold.evidence[0] <= statement.cue.start < gold.evidence[1]:
            continue
        wanted = _country(gold.speaker)
        if wanted is None or _ref_country(statement.speaker) == wanted:
            return n
    return None
