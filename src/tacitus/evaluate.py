"""`tacitus eval`: code gold texts with the current build and score the output.

Formats:
- class5: `sentence<TAB>label` (0 statement/appeal, 1 verbal coop, 2 material coop,
  3 verbal conflict, 4 material conflict); the prediction is the class of the sentence's
  principal event (see `principal`); a sentence with none is a miss.
- bio: CoNLL token-per-line, `B-S/I-S` source, `B-T/I-T` target, `O`; spans scored exactly and by
  token overlap.
- plover: JSON list of {text, date?, source: [{actorText, code, sector}], target: [...], event}.
- tacitus: document-level gold (gold/README.md): events matched per document on (root, source
  country, target country), traps asserted, statements; or our own JSONL output corrected by
  hand: events matched on (sentence, root, source code, target code).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tacitus.events import derived
from tacitus.gold import is_gold_record, load_gold, score_documents
from tacitus.model import Document, Event, Statement
from tacitus.ontology import CLASS5_NAMES, class5

NONE = "none"


# --- the principal event ------------------------------------------------------------------


def principal(doc: Document) -> Event | Statement | None:
    """The act a sentence reports: the event of its main clause, never a news-agency
    attribution. When the main clause is someone speaking, the act is what the speaker reports:
    the reported event itself, a future action as an intent or a threat ("X said it would send
    aid": intent to aid; "X said it would not lift the ban": refusal), or the statement when it
    reports no event."""
    sentences = sorted({e.sentence for e in doc.events if e.sentence >= 0} | {s.sentence for s in doc.statements})
    for number in sentences:
        events = [e for e in doc.events if e.sentence == number and e.attributed_to is None and e.statement is None]
        statements = [s for s in doc.statements if s.sentence == number]
        best_event = min(events, key=lambda e: (e.depth, e.negated, e.trigger.start), default=None)
        best_statement = min(statements, key=lambda s: (s.depth, s.cue.start), default=None)
        if best_statement is not None and (best_event is None or best_statement.depth < best_event.depth):
            # The cue may itself be an event ("accused", "urged"): the event is then principal.
            cue_event = next((e for e in events if e.trigger.start == best_statement.cue.start), None)
            return cue_event or reported_act(doc, best_statement)
        if best_event is not None:
            return best_event
        if best_statement is not None:
            return reported_act(doc, best_statement)
    return None


def reported_act(doc: Document, statement: Statement) -> Event | Statement:
    """What a statement reports, as an event of the class it belongs to (the same reading the
    coder's derived events make: events/derived.py)."""
    return derived.reported_act(doc.events, statement)


def predicted_class5(doc: Document) -> int | None:
    item = principal(doc)
    if item is None:
        return None
    if isinstance(item, Statement):
        return 0
    return class5(item.root)


# --- metrics ------------------------------------------------------------------------------


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": int(tp + fn)}


def classification_report(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    per_class = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        per_class[label] = prf(tp, fp, fn)
    macro = {k: round(sum(c[k] for c in per_class.values()) / len(labels), 4) for k in ("precision", "recall", "f1")}
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    columns = labels + [NONE]
    matrix = {g: {p: 0 for p in columns} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        if g in matrix:
            matrix[g][p if p in columns else NONE] += 1
    return {
        "n": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": macro["f1"],
        "macro": macro,
        "per_class": per_class,
        "confusion": matrix,
        "coverage": round(sum(p != NONE for p in pred) / len(pred), 4) if pred else 0.0,
    }


# --- formats ------------------------------------------------------------------------------


def _code_all(coder, documents: list[Document]) -> list[Document]:
    return list(coder.code_documents(documents))


def evaluate_class5(path: Path, coder, limit: int | None = None) -> dict[str, Any]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or "\t" not in line:
            continue
        sentence, _, label = line.rpartition("\t")
        if label.strip().isdigit():
            rows.append((sentence.strip(), int(label)))
    rows = rows[:limit] if limit else rows
    docs = _code_all(coder, [Document(text=s, id=str(i)) for i, (s, _) in enumerate(rows)])
    labels = [str(i) for i in range(5)]
    gold = [str(label) for _, label in rows]
    pred = []
    for doc in docs:
        p = predicted_class5(doc)
        pred.append(NONE if p is None else str(p))
    report = classification_report(gold, pred, labels)
    report["format"] = "class5"
    report["class_names"] = dict(zip(labels, CLASS5_NAMES, strict=True))
    report["mistakes"] = [
        {"text": s, "gold": g, "pred": p, "rule": _rule(doc)}
        for (s, _), g, p, doc in zip(rows, gold, pred, docs, strict=True)
        if g != p
    ]
    return report


def _rule(doc: Document) -> str | None:
    item = principal(doc)
    if isinstance(item, Event):
        return f"{item.cameo} {item.rule}"
    if isinstance(item, Statement):
        return f"statement:{item.cue.text}"
    return None


def read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    sentences, tokens, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        parts = line.rsplit(None, 1)
        if len(parts) == 2:
            tokens.append(parts[0])
            tags.append(parts[1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def _spans(tags: list[str], role: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if tag == f"B-{role}" or (tag == f"I-{role}" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif tag != f"I-{role}":
            if start is not None:
                spans.append((start, i))
            start = None
    return spans


def evaluate_bio(path: Path, coder, limit: int | None = None) -> dict[str, Any]:
    sentences = read_bio(path)[:limit] if limit else read_bio(path)
    docs, offsets = [], []
    for i, (tokens, _) in enumerate(sentences):
        starts, pos = [], 0
        for tok in tokens:
            starts.append(pos)
            pos += len(tok) + 1
        offsets.append(starts)
        docs.append(Document(text=" ".join(tokens), id=str(i)))
    coded = _code_all(coder, docs)
    report: dict[str, Any] = {"format": "bio", "n": len(sentences)}
    for role, side in (("S", "source"), ("T", "target")):
        exact = Counter()
        overlap = Counter()
        for (tokens, tags), starts, doc in zip(sentences, offsets, coded, strict=True):
            gold = set(_spans(tags, role))
            item = principal(doc)
            ref = getattr(item, side, None) if isinstance(item, Event) else (item.speaker if isinstance(item, Statement) and side == "source" else None)
            pred: set[tuple[int, int]] = set()
            if ref is not None and ref.start is not None:
                # the gold marks the whole argument phrase, not only the actor's name
                first, last = (ref.phrase_start, ref.phrase_end) if ref.phrase_start is not None else (ref.start, ref.end)
                covered = [i for i, s in enumerate(starts) if s < last and s + len(tokens[i]) > first]
                if covered:
                    pred.add((covered[0], covered[-1] + 1))
            exact["tp"] += len(gold & pred)
            exact["fp"] += len(pred - gold)
            exact["fn"] += len(gold - pred)
            gold_tokens = {i for a, b in gold for i in range(a, b)}
            pred_tokens = {i for a, b in pred for i in range(a, b)}
            overlap["tp"] += len(gold_tokens & pred_tokens)
            overlap["fp"] += len(pred_tokens - gold_tokens)
            overlap["fn"] += len(gold_tokens - pred_tokens)
        report[side] = {
            "exact": prf(exact["tp"], exact["fp"], exact["fn"]),
            "token": prf(overlap["tp"], overlap["fp"], overlap["fn"]),
        }
    report["macro_f1"] = round((report["source"]["token"]["f1"] + report["target"]["token"]["f1"]) / 2, 4)
    return report


def evaluate_plover(path: Path, coder, limit: int | None = None) -> dict[str, Any]:
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise ValueError(f"{path}: expected a JSON list of records")
    records = records[:limit] if limit else records
    docs = _code_all(coder, [Document(text=r["text"], id=str(r.get("id", i)), date=r.get("date")) for i, r in enumerate(records)])
    gold_types, pred_types = [], []
    actor_scores = {side: Counter() for side in ("source", "target")}
    mistakes = []
    for record, doc in zip(records, docs, strict=True):
        item = principal(doc)
        event = item if isinstance(item, Event) else None
        gold_types.append(str(record.get("event") or NONE))
        pred_types.append(event.plover.type if event and event.plover.type else NONE)
        for side in ("source", "target"):
            gold = record.get(side) or []
            pred_refs = [e for e in doc.events if event and e.sentence == event.sentence and e.trigger.start == event.trigger.start]
            # an actor coded without a country predicts nothing about the country
            pred_countries = {getattr(e, side).country for e in pred_refs if getattr(e, side) and getattr(e, side).country}
            pred_full = {(getattr(e, side).country, getattr(e, side).sector) for e in pred_refs if getattr(e, side) and getattr(e, side).country}
            gold_countries = {g.get("code") for g in gold}
            gold_full = {(g.get("code"), g.get("sector")) for g in gold}
            scores = actor_scores[side]
            scores["country_tp"] += len(gold_countries & pred_countries)
            scores["country_fp"] += len(pred_countries - gold_countries)
            scores["country_fn"] += len(gold_countries - pred_countries)
            scores["full_tp"] += len(gold_full & pred_full)
            scores["full_fp"] += len(pred_full - gold_full)
            scores["full_fn"] += len(gold_full - pred_full)
        if gold_types[-1] != pred_types[-1]:
            mistakes.append({"text": record["text"], "gold": gold_types[-1], "pred": pred_types[-1], "rule": _rule(doc)})
    labels = sorted({t for t in gold_types if t != NONE})
    report = classification_report(gold_types, pred_types, labels)
    report["format"] = "plover"
    for side, s in actor_scores.items():
        report[side] = {
            "country": prf(s["country_tp"], s["country_fp"], s["country_fn"]),
            "country_sector": prf(s["full_tp"], s["full_fp"], s["full_fn"]),
        }
    report["mistakes"] = mistakes
    return report


def _event_keys(doc: Document) -> Counter:
    return Counter(
        (e.sentence, e.root, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in doc.events
    )


def evaluate_tacitus(path: Path, coder, limit: int | None = None, texts: Path | None = None) -> dict[str, Any]:
    """Document-level gold (gold/README.md) is scored on (root, source country, target country)
    and traps; a hand-corrected output file on (sentence, root, source code, target code)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if lines and is_gold_record(json.loads(lines[0])):
        gold = load_gold(path, texts)[:limit] if limit else load_gold(path, texts)
        coded = _code_all(coder, [Document(text=g.text, id=g.id, title=g.title, date=g.date) for g in gold])
        return score_documents(gold, coded)
    gold_docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            data = json.loads(line)
            if not data.get("text"):
                raise ValueError(f"{path}:{number}: gold documents need their `text`")
            gold_docs.append(Document.from_dict(data))
    gold_docs = gold_docs[:limit] if limit else gold_docs
    coded = _code_all(coder, [Document(text=d.text, id=d.id, title=d.title, date=d.date) for d in gold_docs])
    totals = Counter()
    by_root: dict[str, Counter] = {}
    for gold, pred in zip(gold_docs, coded, strict=True):
        g, p = _event_keys(gold), _event_keys(pred)
        for key in set(g) | set(p):
            tp = min(g[key], p[key])
            counts = by_root.setdefault(key[1], Counter())
            for c in (totals, counts):
                c["tp"] += tp
                c["fp"] += p[key] - tp
                c["fn"] += g[key] - tp
    per_root = {root: prf(c["tp"], c["fp"], c["fn"]) for root, c in sorted(by_root.items())}
    overall = prf(totals["tp"], totals["fp"], totals["fn"])
    return {"format": "tacitus", "n": len(gold_docs), "overall": overall, "macro_f1": overall["f1"], "per_class": per_root}


EVALUATORS: dict[str, Callable[..., dict[str, Any]]] = {
    "class5": evaluate_class5,
    "bio": evaluate_bio,
    "plover": evaluate_plover,
    "tacitus": evaluate_tacitus,
}


def render_report(report: dict[str, Any], show_errors: int = 0) -> str:
    lines = [f"format: {report['format']}   items: {report['n']}"]
    if "accuracy" in report:
        lines.append(f"accuracy {report['accuracy']:.3f}   macro-F1 {report['macro_f1']:.3f}   coverage {report.get('coverage', 0):.3f}")
    if "overall" in report:
        o = report["overall"]
        lines.append(f"overall P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}")
    if "per_class" in report:
        names = report.get("class_names", {})
        lines.append(f"{'class':<28}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
        for label, s in report["per_class"].items():
            name = f"{label} {names.get(label, '')}".strip()
            lines.append(f"{name:<28}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['support']:>6}")
    for name, s in report.get("levels", {}).items():
        lines.append(f"events by {name:<20} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (n={s['support']})")
    if "statements" in report:
        s = report["statements"]
        lines.append(f"statements                    P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (n={s['support']})")
    if "traps" in report:
        t = report["traps"]
        kinds = ", ".join(f"{k} {v}" for k, v in t["by_kind"].items())
        lines.append(f"traps asserted {t['asserted']} of {t['total']} ({kinds})")
        lines.append(f"factual events {report['factual_events']}, with a source country {report['factual_with_source_country']:.3f}")
    for side in ("source", "target"):
        if side in report:
            for kind, s in report[side].items():
                lines.append(f"{side} {kind:<16} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (n={s['support']})")
    if "confusion" in report:
        labels = list(report["confusion"])
        columns = labels + [NONE]
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * 8 + "".join(f"{c:>7}" for c in columns))
        for g in labels:
            lines.append(f"{g:<8}" + "".join(f"{report['confusion'][g][c]:>7}" for c in columns))
    for trap in report.get("asserted_traps", [])[:show_errors]:
        lines.append(f"- trap asserted ({trap['kind']}) {trap['id']} {trap['cameo']} [{trap['rule']}] {trap['evidence']}")
    for miss in report.get("missed", [])[:show_errors]:
        lines.append(f"- missed {miss['id']} {miss['key']} {miss['evidence']}")
    for extra in report.get("spurious", [])[:show_errors]:
        lines.append(f"- spurious {extra['id']} {extra['key']} [{extra['rule']}] {extra['evidence'][:160]}")
    for mistake in report.get("mistakes", [])[:show_errors]:
        lines.append(f"- gold {mistake['gold']} pred {mistake['pred']} [{mistake['rule']}] {mistake['text']}")
    return "\n".join(lines)
