"""Cross-article events: one happening reported by many articles is one *cluster*.

    update_clusters(backend)            # after documents are saved: link what is new
    for doc, event, count in counted_events(backend, filters, dedup=True): ...

Every stored event gets a `global_id`, an integer unique in the store (GDELT's GLOBALEVENTID).
A factual event joins the cluster of an earlier event with the same CAMEO root, the same
source and target codes, a day at most one day apart and a compatible place (same country or
one unknown; two cities more than `MAX_KM` apart are two happenings); otherwise it founds a
cluster of its own, whose id is its global id. Negated, modal and reported events, events
without a coded source and events without a date stay alone.

A cluster counts, as GDELT does: NumMentions (its events, plus one per copy of each article
holding them), NumArticles (distinct documents, plus the duplicates of them that the store
counted but did not code) and NumSources (distinct `source` fields of those documents; a
document without a source counts by its URL's host; documents with neither count as one
source).

Incremental and crash-safe: `update_clusters` links the coded or duplicate documents not yet
linked (`cluster_docs` remembers which, with its storing order, so a recoded document is
unlinked and linked again), in one transaction. A run links each batch it saves, and catches
up once at its start (documents saved just before a crash); an export catches up too. Running
it twice changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import date as Date
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from tacitus.model import Document, EventCount
from tacitus.store.backends import Backend
from tacitus.store.filters import EventFilter

MAX_KM = 100.0
PAGE = 1000

CLUSTER_STEP = [
    """CREATE TABLE event_mentions (
    doc_key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,      -- the event: events (doc_key, ordinal)
    global_id BIGINT NOT NULL,     -- unique in the store: GDELT's GLOBALEVENTID
    cluster_id BIGINT NOT NULL,    -- the happening it reports: event_clusters
    PRIMARY KEY (doc_key, ordinal)
)""",
    "CREATE UNIQUE INDEX event_mentions_global ON event_mentions (global_id)",
    "CREATE INDEX event_mentions_cluster ON event_mentions (cluster_id)",
    """CREATE TABLE event_clusters (
    cluster_id BIGINT PRIMARY KEY, -- the global id of the event that founded it
    day TEXT,                      -- the founding event's day
    root TEXT NOT NULL,
    source_code TEXT,
    target_code TEXT,
    place_country TEXT,
    place_feature TEXT,
    place_lat DOUBLE PRECISION,
    place_lon DOUBLE PRECISION,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL
)""",
    "CREATE INDEX event_clusters_key ON event_clusters (root, source_code, day)",
    """CREATE TABLE cluster_docs (
    doc_key TEXT PRIMARY KEY,      -- a coded or duplicate document the clusters count
    seq BIGINT NOT NULL            -- its storing order when linked (a recoded document has a new one)
)""",
    """CREATE TABLE doc_minhash (
    doc_key TEXT PRIMARY KEY,      -- a coded document
    signature TEXT NOT NULL        -- MinHash of its word shingles, "scheme:hex" (store/neardup.py)
)""",
]

_EVENT_FIELDS = ("ordinal", "day", "root", "source_code", "target_code", "factual", "place_country", "place_feature", "place_lat", "place_lon")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Could two places be the same happening's? Unknown is compatible with anything."""
    if a["place_country"] and b["place_country"] and a["place_country"] != b["place_country"]:
        return False
    if a["place_feature"] == b["place_feature"] == "city" and None not in (a["place_lat"], a["place_lon"], b["place_lat"], b["place_lon"]):
        return _km(a["place_lat"], a["place_lon"], b["place_lat"], b["place_lon"]) <= MAX_KM
    return True


def _shift(day: str, days: int) -> str:
    return (Date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _valid_day(day: str | None) -> bool:
    try:
        Date.fromisoformat(day or "")
    except ValueError:
        return False
    return True


class _Linker:
    def __init__(self, backend: Backend):
        self.backend = backend
        self.next_id = int(backend.query("SELECT COALESCE(MAX(global_id), 0) FROM event_mentions")[0][0]) + 1
        self.affected: set[int] = set()

    def unlink(self, key: str) -> None:
        self.affected.update(c for (c,) in self.backend.query("SELECT cluster_id FROM event_mentions WHERE doc_key = ?", (key,)))
        self.backend.execute("DELETE FROM event_mentions WHERE doc_key = ?", (key,))
        self.backend.execute("DELETE FROM cluster_docs WHERE doc_key = ?", (key,))

    def _cluster_for(self, event: dict[str, Any]) -> int | None:
        if not event["factual"] or not event["source_code"] or not _valid_day(event["day"]):
            return None
        rows = self.backend.query(
            "SELECT cluster_id, place_country, place_feature, place_lat, place_lon FROM event_clusters "
            "WHERE root = ? AND source_code = ? AND COALESCE(target_code, '') = ? AND day >= ? AND day <= ? ORDER BY cluster_id",
            (event["root"], event["source_code"], event["target_code"] or "", _shift(event["day"], -1), _shift(event["day"], 1)),
        )
        for cluster_id, country, feature, lat, lon in rows:
            if compatible(event, {"place_country": country, "place_feature": feature, "place_lat": lat, "place_lon": lon}):
                return int(cluster_id)
        return None

    def link(self, key: str) -> None:
        names = ", ".join(_EVENT_FIELDS)
        for row in self.backend.query(f"SELECT {names} FROM events WHERE doc_key = ? ORDER BY ordinal", (key,)):
            event = dict(zip(_EVENT_FIELDS, row, strict=True))
            global_id = self.next_id
            self.next_id += 1
            cluster_id = self._cluster_for(event)
            if cluster_id is None:
                cluster_id = global_id
                self.backend.execute(
                    "INSERT INTO event_clusters (cluster_id, day, root, source_code, target_code, place_country, place_feature, "
                    "place_lat, place_lon, num_mentions, num_sources, num_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1)",
                    (cluster_id, event["day"], event["root"], event["source_code"], event["target_code"], event["place_country"],
                     event["place_feature"], event["place_lat"], event["place_lon"]),
                )
            self.backend.execute(
                "INSERT INTO event_mentions (doc_key, ordinal, global_id, cluster_id) VALUES (?, ?, ?, ?)",
                (key, event["ordinal"], global_id, cluster_id),
            )
            self.affected.add(cluster_id)

    def recount(self) -> None:
        for cluster_id in sorted(self.affected):
            rows = self.backend.query(
                "SELECT m.doc_key, d.source, d.url FROM event_mentions m JOIN documents d ON d.key = m.doc_key WHERE m.cluster_id = ?",
                (cluster_id,),
            )
            if not rows:
                self.backend.execute("DELETE FROM event_clusters WHERE cluster_id = ?", (cluster_id,))
                continue
            per_doc: dict[str, int] = {}
            sources: set[str] = set()
            for key, source, url in rows:
                per_doc[key] = per_doc.get(key, 0) + 1
                sources.add(source_name(source, url))
            mentions, articles = len(rows), len(per_doc)
            keys = sorted(per_doc)
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                copies = self.backend.query(
                    f"SELECT duplicate_of, source, url FROM documents WHERE status = 'duplicate' AND duplicate_of IN ({', '.join('?' * len(part))})",
                    part,
                )
                for original, source, url in copies:
                    mentions += per_doc[original]
                    articles += 1
                    sources.add(source_name(source, url))
            self.backend.execute(
                "UPDATE event_clusters SET num_mentions = ?, num_sources = ?, num_articles = ? WHERE cluster_id = ?",
                (mentions, len(sources), articles, cluster_id),
            )


def source_name(source: str | None, url: str | None) -> str:
    """What NumSources counts: the `source` field, else the URL's host, else one unknown source."""
    if source and source.strip():
        return source.strip().lower()
    host = urlparse(url or "").hostname
    return host.removeprefix("www.") if host else ""


def update_clusters(backend: Backend, keys: Sequence[str] | None = None) -> int:
    """Link coded or duplicate documents not linked yet (and relink recoded ones), in one
    transaction; returns how many documents were linked. `keys` limits the work to those
    documents (a run passes each batch it saves); without it every document is checked."""
    chosen = ""
    params: list[str] = []
    if keys is not None:
        if not keys:
            return 0
        chosen = f" AND d.key IN ({', '.join('?' * len(keys))})"
        params = list(keys)
    with backend.transaction():
        linker = _Linker(backend)
        stale = backend.query(
            "SELECT c.doc_key FROM cluster_docs c LEFT JOIN documents d ON d.key = c.doc_key "
            + ("WHERE c.doc_key IN ({}) AND ".format(", ".join("?" * len(params))) if keys is not None else "WHERE ")
            + "(d.key IS NULL OR d.seq <> c.seq OR d.status NOT IN ('coded', 'duplicate'))",
            params,
        )
        for (key,) in stale:
            linker.unlink(key)
        pending = backend.query(
            "SELECT d.key, d.seq, d.status, d.duplicate_of FROM documents d LEFT JOIN cluster_docs c ON c.doc_key = d.key "
            f"WHERE c.doc_key IS NULL AND d.status IN ('coded', 'duplicate'){chosen} ORDER BY d.seq",
            params,
        )
        for key, seq, status, original in pending:
            if status == "coded":
                linker.link(key)
            elif original:
                # a copy counts for the clusters of its original's events
                linker.affected.update(c for (c,) in backend.query("SELECT cluster_id FROM event_mentions WHERE doc_key = ?", (original,)))
            backend.execute("INSERT INTO cluster_docs (doc_key, seq) VALUES (?, ?)", (key, seq))
        linker.recount()
    return len(pending)


def counted_events(backend: Backend, filters: EventFilter | None = None, dedup: bool = False, page: int = PAGE) -> Iterator[tuple[Document, Any, EventCount]]:
    """(document, event, count) for every stored event the filters keep, in global-id order;
    `dedup` keeps one event per cluster: its first mention, with the cluster's counts."""
    from tacitus.store.rows import rebuild_event

    if backend.query("SELECT 1 FROM documents d LEFT JOIN cluster_docs c ON c.doc_key = d.key WHERE c.doc_key IS NULL AND d.status IN ('coded', 'duplicate') LIMIT 1"):
        update_clusters(backend)  # a store written before clusters existed, or a run stopped mid-way
    filters = filters or EventFilter()
    condition, params = filters.where("e")
    first = " AND m.global_id = (SELECT MIN(x.global_id) FROM event_mentions x WHERE x.cluster_id = m.cluster_id)" if dedup else ""
    sql = (
        "SELECT e.*, d.id AS doc_id, d.title AS doc_title, d.date AS doc_date, d.url AS doc_url, d.source AS doc_source, "
        "d.stored_at AS doc_stored_at, m.global_id AS m_global_id, m.cluster_id AS m_cluster_id, "
        "c.num_mentions AS c_mentions, c.num_sources AS c_sources, c.num_articles AS c_articles "
        "FROM event_mentions m JOIN events e ON e.doc_key = m.doc_key AND e.ordinal = m.ordinal "
        "JOIN documents d ON d.key = m.doc_key JOIN event_clusters c ON c.cluster_id = m.cluster_id "
        f"WHERE d.status = 'coded' AND m.global_id > ? AND {condition}{first} ORDER BY m.global_id LIMIT ?"
    )
    last = 0
    while True:
        names, rows = backend.query_with_names(sql, [last, *params, page])
        if not rows:
            return
        for row in rows:
            record = dict(zip(names, row, strict=True))
            doc = Document(text="", id=record["doc_id"], title=record["doc_title"] or "", date=record["doc_date"], url=record["doc_url"], source=record["doc_source"])
            count = EventCount(
                global_id=int(record["m_global_id"]), cluster_id=int(record["m_cluster_id"]),
                num_mentions=int(record["c_mentions"]), num_sources=int(record["c_sources"]), num_articles=int(record["c_articles"]),
                date_added=record["doc_stored_at"],
            )
            yield doc, rebuild_event(record), count
        last = int(rows[-1][names.index("m_global_id")])
