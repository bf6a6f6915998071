"""The common questions about a store, without SQL, as pandas DataFrames.

    from tacitus.query import query_frame
    query_frame("corpus.db", "dyad", source="IRN", target="ISR")      # by month, both directions
    query_frame("corpus.db", "roots", since="2024-01-01")             # events per CAMEO root per month
    query_frame("corpus.db", "goldstein", by="country")              # Goldstein sum per dyad per month
    query_frame("corpus.db", "top-actors", limit=10)

Every kind takes the export filters (`since`, `until`, `source`, `target`, `roots`) and looks
at asserted facts only unless `all_events=True`. Actor filters match code prefixes (IRN
matches IRNGOV). Months are `YYYY-MM` of the event's date (else its document's).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from tacitus.store import Backend, EventFilter, open_store

KINDS = ("dyad", "roots", "goldstein", "top-actors")
MONTH = "substr(e.day, 1, 7)"
QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


def _frame(backend: Backend, sql: str, params: list[Any]) -> pd.DataFrame:
    names, rows = backend.query_with_names(sql, params)
    return pd.DataFrame.from_records(rows, columns=names)


def _dyad(backend: Backend, flt: EventFilter, source: str, target: str) -> pd.DataFrame:
    one_way = EventFilter(flt.since, flt.until, (source,), (target,), flt.roots, flt.factual_only)
    condition, params = one_way.where("e")
    quads = ", ".join(f"SUM(CASE WHEN e.quad_class = {n} THEN 1 ELSE 0 END) AS {name}" for n, name in enumerate(QUADS, start=1))
    frame = _frame(
        backend,
        f"SELECT {MONTH} AS month, COUNT(*) AS events, SUM(e.goldstein) AS goldstein, {quads} "
        f"FROM events e WHERE {condition} GROUP BY {MONTH}",
        params,
    )
    frame.insert(1, "source", source.upper())
    frame.insert(2, "target", target.upper())
    return frame


def _roots(backend: Backend, flt: EventFilter) -> pd.DataFrame:
    from tacitus.ontology import load_cameo

    condition, params = flt.where("e")
    frame = _frame(
        backend,
        f"SELECT {MONTH} AS month, e.root AS root, COUNT(*) AS events FROM events e WHERE {condition} GROUP BY {MONTH}, e.root",
        params,
    )
    cameo = load_cameo()
    frame.insert(2, "name", [cameo[r].name if r in cameo else "" for r in frame["root"]])
    return frame


def _goldstein(backend: Backend, flt: EventFilter, by: str) -> pd.DataFrame:
    condition, params = flt.where("e")
    src, tgt = f"e.source_{by}", f"e.target_{by}"
    return _frame(
        backend,
        f"SELECT {MONTH} AS month, {src} AS source, {tgt} AS target, COUNT(*) AS events, SUM(e.goldstein) AS goldstein "
        f"FROM events e WHERE {condition} AND {src} IS NOT NULL AND {tgt} IS NOT NULL GROUP BY {MONTH}, {src}, {tgt}",
        params,
    )


def _top_actors(backend: Backend, flt: EventFilter, by: str, limit: int) -> pd.DataFrame:
    condition, params = flt.where("e")
    return _frame(
        backend,
        "SELECT actor, SUM(as_source) AS as_source, SUM(as_target) AS as_target, COUNT(*) AS events FROM ("
        f"SELECT e.source_{by} AS actor, 1 AS as_source, 0 AS as_target FROM events e WHERE {condition} "
        f"UNION ALL SELECT e.target_{by} AS actor, 0 AS as_source, 1 AS as_target FROM events e WHERE {condition}"
        ") t WHERE actor IS NOT NULL GROUP BY actor ORDER BY COUNT(*) DESC, actor LIMIT ?",
        [*params, *params, limit],
    )


def query_frame(
    db: str | Path | Backend,
    kind: str,
    *,
    source: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
    roots: Iterable[str] = (),
    all_events: bool = False,
    by: str = "code",
    limit: int = 20,
    directed: bool = False,
) -> pd.DataFrame:
    """One of `KINDS` as a DataFrame (sorted, Goldstein sums rounded to 3 places).

    dyad: events between `source` and `target` per month (both directions unless `directed`),
    with counts per QuadClass. roots: events per root per month. goldstein: events and
    Goldstein sum per (source, target) per month. top-actors: the `limit` actors in most events.
    `by`: "code" (actor codes) or "country" (their countries) for goldstein and top-actors.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown query {kind!r}; one of {', '.join(KINDS)}")
    if by not in ("code", "country"):
        raise ValueError("by must be 'code' or 'country'")
    flt = EventFilter(since, until, (source,) if source else (), (target,) if target else (), tuple(roots), not all_events)
    backend = db if isinstance(db, Backend) else open_store(db, create=False)
    try:
        if kind == "dyad":
            if not (source and target):
                raise ValueError("a dyad query needs both a source and a target")
            parts = [_dyad(backend, flt, source, target)]
            if not directed and source.upper() != target.upper():
                parts.append(_dyad(backend, flt, target, source))
            frame = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
            order = ["month", "source", "target"]
        elif kind == "roots":
            frame, order = _roots(backend, flt), ["month", "root"]
        elif kind == "goldstein":
            frame, order = _goldstein(backend, flt, by), ["month", "source", "target"]
        else:
            frame, order = _top_actors(backend, flt, by, limit), []
    finally:
        if backend is not db:
            backend.close()
    if order:
        frame = frame.sort_values(order, na_position="last", kind="stable").reset_index(drop=True)
    if "goldstein" in frame:
        frame["goldstein"] = frame["goldstein"].astype(float).round(3)
    return frame


def render(frame: pd.DataFrame, fmt: str) -> str:
    """csv or json (a list of records) text of a query result."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def table(frame: pd.DataFrame, title: str | None = None) -> Any:
    """A rich Table of a query result, for the terminal."""
    from rich.table import Table

    out = Table(title=title)
    for name in frame.columns:
        out.add_column(str(name), justify="right" if pd.api.types.is_numeric_dtype(frame[name]) else "left")
    for row in frame.itertuples(index=False):
        out.add_row(*("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row))
    return out
