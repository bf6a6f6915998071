"""Read-only questions the web view (and `tacitus query names`) asks a store.

Every function takes an open `Backend` and returns plain Python values (dicts and lists), so
the web layer only renders. SQL is portable except full-text search, which uses SQLite's FTS5
table or PostgreSQL's tsvector index (both made by schema step 3).

    backend = open_readonly("corpus.db")
    page = search_documents(backend, DocumentQuery(text="ceasefire", roots=("04",)))
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.model import Document
from tacitus.store.backends import Backend, PostgresBackend, SQLiteBackend, is_postgres
from tacitus.store.filters import like_prefix
from tacitus.store.rows import rebuild_actor, rebuild_event, rebuild_statement
from tacitus.store.schema import LATEST, version

MONTH = "substr(e.day, 1, 7)"
PAGE_SIZE = 20


class ReadOnlySQLite(SQLiteBackend):
    """A SQLite store opened read-only (`mode=ro`): the web view can never write to it."""

    def __init__(self, path: Path):
        self.path = path
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60, isolation_level=None, check_same_thread=False)


class ReadOnlyPostgres(PostgresBackend):
    """A PostgreSQL store whose session refuses writes."""

    def __init__(self, url: str):
        super().__init__(url)
        self.conn.execute("SET default_transaction_read_only = on")


def open_readonly(db: str | Path) -> Backend:
    """A read-only connection to a store at the latest schema (raises if it is older or missing)."""
    if is_postgres(str(db)):
        backend: Backend = ReadOnlyPostgres(str(db))
    else:
        if not Path(db).is_file():
            raise FileNotFoundError(f"no store at {db}")
        backend = ReadOnlySQLite(Path(db))
    found = version(backend)
    if found < LATEST:
        backend.close()
        raise RuntimeError(f"the store {db} has schema version {found}; this tacitus needs {LATEST}")
    return backend


def _rows(backend: Backend, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    names, rows = backend.query_with_names(sql, list(params))
    return [dict(zip(names, row, strict=True)) for row in rows]


# --- documents -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentQuery:
    """What the Documents page asks for; every field is optional."""

    text: str = ""
    since: str | None = None
    until: str | None = None
    source: str | None = None  # the document's source (exact)
    actor: str | None = None  # actor code prefix: documents with such an actor
    roots: tuple[str, ...] = ()
    quad_class: int | None = None
    plover: str | None = None
    factual_only: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE


def fts_query(text: str) -> str:
    """User words -> an FTS5 query that cannot be a syntax error: every word quoted, all required."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


def _event_condition(q: DocumentQuery) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if q.roots:
        clauses.append(f"e.root IN ({', '.join('?' * len(q.roots))})")
        params.extend(r.strip().zfill(2) for r in q.roots)
    if q.quad_class:
        clauses.append("e.quad_class = ?")
        params.append(int(q.quad_class))
    if q.plover:
        clauses.append("e.plover_type = ?")
        params.append(q.plover)
    if q.factual_only:
        clauses.append("e.factual = 1")
    return " AND ".join(clauses), params


def search_documents(backend: Backend, q: DocumentQuery) -> dict[str, Any]:
    """One page of coded documents matching `q`, with the total and each document's matching events."""
    clauses, params = ["d.status = 'coded'"], []
    if q.text.strip():
        if backend.name == "sqlite":
            match = fts_query(q.text)
            if match:
                clauses.append("d.seq IN (SELECT rowid FROM texts_fts WHERE texts_fts MATCH ?)")
                params.append(match)
        else:
            clauses.append("d.key IN (SELECT t.doc_key FROM texts t WHERE to_tsvector('english', t.text) @@ websearch_to_tsquery('english', ?))")
            params.append(q.text)
    if q.since:
        clauses.append("substr(d.date, 1, 10) >= ?")
        params.append(q.since)
    if q.until:
        clauses.append("substr(d.date, 1, 10) <= ?")
        params.append(q.until)
    if q.source:
        clauses.append("d.source = ?")
        params.append(q.source)
    if q.actor:
        clauses.append("EXISTS (SELECT 1 FROM actors a WHERE a.doc_key = d.key AND a.code LIKE ? ESCAPE '\\')")
        params.append(like_prefix(q.actor))
    event_condition, event_params = _event_condition(q)
    if event_condition:
        clauses.append(f"EXISTS (SELECT 1 FROM events e WHERE e.doc_key = d.key AND {event_condition})")
        params.extend(event_params)
    where = " AND ".join(clauses)
    total = int(backend.query(f"SELECT COUNT(*) FROM documents d WHERE {where}", params)[0][0])
    counted = f"e.doc_key = d.key AND {event_condition}" if event_condition else "e.doc_key = d.key"
    page = max(1, q.page)
    docs = _rows(
        backend,
        f"SELECT d.key, d.id, d.title, d.date, d.source, substr(t.text, 1, 280) AS snippet, "
        f"(SELECT COUNT(*) FROM events e WHERE {counted}) AS events "
        f"FROM documents d LEFT JOIN texts t ON t.doc_key = d.key WHERE {where} "
        "ORDER BY d.date DESC, d.seq LIMIT ? OFFSET ?",
        [*event_params, *params, q.page_size, (page - 1) * q.page_size],
    )
    events = int(backend.query(f"SELECT COUNT(*) FROM events e JOIN documents d ON e.doc_key = d.key WHERE {where}" + (f" AND {event_condition}" if event_condition else ""), [*params, *event_params])[0][0])
    pages = max(1, -(-total // q.page_size))
    return {"documents": docs, "total": total, "events": events, "page": page, "pages": pages}


def facets(backend: Backend) -> dict[str, Any]:
    """The choices the filters offer, and the store's status counts."""
    return {
        "sources": [r[0] for r in backend.query("SELECT DISTINCT source FROM documents WHERE source IS NOT NULL AND status = 'coded' ORDER BY source")],
        "roots": [r[0] for r in backend.query("SELECT DISTINCT root FROM events ORDER BY root")],
        "plover": [r[0] for r in backend.query("SELECT DISTINCT plover_type FROM events WHERE plover_type IS NOT NULL ORDER BY plover_type")],
        "status": {s: int(n) for s, n in backend.query("SELECT status, COUNT(*) FROM documents GROUP BY status")},
    }


def document(backend: Backend, key: str) -> dict[str, Any] | None:
    """A stored document with its text, actors, events, statements and framing register."""
    found = _rows(backend, "SELECT d.*, t.text FROM documents d LEFT JOIN texts t ON t.doc_key = d.key WHERE d.key = ?", [key])
    if not found:
        return None
    row = found[0]
    doc = Document(text=row["text"] or "", id=row["id"], title=row["title"] or "", date=row["date"], url=row["url"], source=row["source"])
    doc.actors = [rebuild_actor(r) for r in _rows(backend, "SELECT * FROM actors WHERE doc_key = ? ORDER BY ordinal", [key])]
    doc.events = [rebuild_event(r) for r in _rows(backend, "SELECT * FROM events WHERE doc_key = ? ORDER BY ordinal", [key])]
    doc.statements = [rebuild_statement(r) for r in _rows(backend, "SELECT * FROM statements WHERE doc_key = ? ORDER BY ordinal", [key])]
    names = _rows(backend, "SELECT speaker, speaker_code, actor, actor_code, name, count FROM names WHERE doc_key = ? ORDER BY ordinal", [key])
    return {"row": row, "doc": doc, "names": names, "has_text": row["text"] is not None}


def rejected_documents(backend: Backend) -> list[dict[str, Any]]:
    return _rows(backend, "SELECT key, id, title, date, source, error, run_id, stored_at FROM documents WHERE status = 'rejected' ORDER BY seq")


# --- actors --------------------------------------------------------------------------------


def actor_profile(backend: Backend, code: str, limit: int = 200) -> dict[str, Any]:
    """Who actors under `code` (a prefix) act on and are acted on by (code None: no coded
    actor on the other side), by month, where they are mentioned, and their framing register."""
    prefix = like_prefix(code)
    acts_on = _rows(
        backend,
        "SELECT e.target_code AS code, COUNT(*) AS events, SUM(e.goldstein) AS goldstein FROM events e "
        "WHERE e.source_code LIKE ? ESCAPE '\\' GROUP BY e.target_code ORDER BY COUNT(*) DESC, e.target_code",
        [prefix],
    )
    acted_on_by = _rows(
        backend,
        "SELECT e.source_code AS code, COUNT(*) AS events, SUM(e.goldstein) AS goldstein FROM events e "
        "WHERE e.target_code LIKE ? ESCAPE '\\' GROUP BY e.source_code ORDER BY COUNT(*) DESC, e.source_code",
        [prefix],
    )
    months = _rows(
        backend,
        f"SELECT {MONTH} AS month, "
        "SUM(CASE WHEN e.source_code LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END) AS as_source, "
        "SUM(CASE WHEN e.target_code LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END) AS as_target, "
        "SUM(CASE WHEN e.source_code LIKE ? ESCAPE '\\' THEN e.goldstein ELSE 0 END) AS goldstein_out, "
        "SUM(CASE WHEN e.target_code LIKE ? ESCAPE '\\' THEN e.goldstein ELSE 0 END) AS goldstein_in "
        f"FROM events e WHERE (e.source_code LIKE ? ESCAPE '\\' OR e.target_code LIKE ? ESCAPE '\\') AND e.day IS NOT NULL "
        f"GROUP BY {MONTH} ORDER BY {MONTH}",
        [prefix] * 6,
    )
    mentions = _rows(
        backend,
        "SELECT a.doc_key, a.actor_id, a.code, a.name, a.mentions, d.title, d.date FROM actors a JOIN documents d ON d.key = a.doc_key "
        "WHERE a.code LIKE ? ESCAPE '\\' ORDER BY d.date, d.seq, a.ordinal LIMIT ?",
        [prefix, limit],
    )
    return {
        "code": code.upper(), "acts_on": acts_on, "acted_on_by": acted_on_by, "months": months,
        "mentions": mentions, "names": framing_names(backend, actor=code),
    }


def framing_names(backend: Backend, actor: str | None = None, speaker: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The framing register across the store: for each speaker and actor code, each name with
    its uses and the documents it is used in. `actor` is a code prefix; `speaker` matches a
    speaker code prefix or any part of the speaker's name (case-insensitive)."""
    clauses, params = ["1 = 1"], []
    if actor:
        clauses.append("n.actor_code LIKE ? ESCAPE '\\'")
        params.append(like_prefix(actor))
    if speaker:
        clauses.append("(n.speaker_code LIKE ? ESCAPE '\\' OR LOWER(n.speaker) LIKE ?)")
        params.extend([like_prefix(speaker), f"%{speaker.lower()}%"])
    sql = (
        "SELECT n.speaker, n.speaker_code, n.actor_code, n.name, SUM(n.count) AS uses, COUNT(DISTINCT n.doc_key) AS documents "
        f"FROM names n WHERE {' AND '.join(clauses)} GROUP BY n.speaker, n.speaker_code, n.actor_code, n.name "
        "ORDER BY n.actor_code, n.speaker, SUM(n.count) DESC, n.name"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return _rows(backend, sql, params)


def document_names(backend: Backend, actor: str | None = None) -> list[dict[str, Any]]:
    """The framing register per document (`tacitus export -f names`)."""
    clauses, params = ["1 = 1"], []
    if actor:
        clauses.append("n.actor_code LIKE ? ESCAPE '\\'")
        params.append(like_prefix(actor))
    return _rows(
        backend,
        "SELECT d.id AS document, d.date, d.source, n.speaker, n.speaker_code, n.speaker_actor, n.actor, n.actor_code, n.name, n.count "
        f"FROM names n JOIN documents d ON d.key = n.doc_key WHERE {' AND '.join(clauses)} ORDER BY d.seq, n.ordinal",
        params,
    )


# --- network and timeline -----------------------------------------------------------------


@dataclass(frozen=True)
class EventQuery:
    since: str | None = None
    until: str | None = None
    roots: tuple[str, ...] = ()
    factual_only: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["1 = 1"], []
        if self.since:
            clauses.append("e.day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.day <= ?")
            params.append(self.until)
        if self.roots:
            clauses.append(f"e.root IN ({', '.join('?' * len(self.roots))})")
            params.extend(r.strip().zfill(2) for r in self.roots)
        if self.factual_only:
            clauses.append("e.factual = 1")
        return " AND ".join(clauses), params


def network(backend: Backend, q: EventQuery, limit: int = 300) -> dict[str, Any]:
    """Directed dyads (source code -> target code) with event counts and Goldstein sums."""
    where, params = q.where()
    edges = _rows(
        backend,
        "SELECT e.source_code AS source, e.target_code AS target, COUNT(*) AS events, SUM(e.goldstein) AS goldstein "
        f"FROM events e WHERE {where} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND e.source_code <> e.target_code "
        "GROUP BY e.source_code, e.target_code ORDER BY COUNT(*) DESC, e.source_code, e.target_code LIMIT ?",
        [*params, limit],
    )
    weight: dict[str, int] = {}
    for edge in edges:
        edge["goldstein"] = round(float(edge["goldstein"] or 0), 3)
        for side in ("source", "target"):
            weight[edge[side]] = weight.get(edge[side], 0) + int(edge["events"])
    nodes = [{"code": code, "events": n} for code, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def timeline(backend: Backend, q: EventQuery) -> list[dict[str, Any]]:
    """Events per month, by QuadClass."""
    where, params = q.where()
    quads = ", ".join(f"SUM(CASE WHEN e.quad_class = {n} THEN 1 ELSE 0 END) AS q{n}" for n in range(1, 5))
    return _rows(backend, f"SELECT {MONTH} AS month, COUNT(*) AS events, {quads} FROM events e WHERE {where} AND e.day IS NOT NULL GROUP BY {MONTH} ORDER BY {MONTH}", params)


def dyad_series(backend: Backend, source: str, target: str, q: EventQuery) -> list[dict[str, Any]]:
    """Goldstein sum and events per month of source -> target (code prefixes)."""
    where, params = q.where()
    rows = _rows(
        backend,
        f"SELECT {MONTH} AS month, COUNT(*) AS events, SUM(e.goldstein) AS goldstein FROM events e "
        f"WHERE {where} AND e.source_code LIKE ? ESCAPE '\\' AND e.target_code LIKE ? ESCAPE '\\' AND e.day IS NOT NULL GROUP BY {MONTH} ORDER BY {MONTH}",
        [*params, like_prefix(source), like_prefix(target)],
    )
    for row in rows:
        row["goldstein"] = round(float(row["goldstein"] or 0), 3)
    return rows


def top_dyads(backend: Backend, limit: int = 30) -> list[tuple[str, str]]:
    rows = backend.query(
        "SELECT source_code, target_code FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
        "GROUP BY source_code, target_code ORDER BY COUNT(*) DESC, source_code, target_code LIMIT ?",
        [limit],
    )
    return [(s, t) for s, t in rows]
