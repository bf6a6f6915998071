"""The store on its own (no spaCy): schema, round trip of the JSONL contract, atomic batches,
filters, the query kinds and the Parquet writer, on hand-built documents."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tacitus.model import Actor, ActorRef, Document, Event, Mention, Place, Plover, Span, Statement
from tacitus.query import query_frame, render
from tacitus.store import (
    EventFilter,
    Record,
    iter_documents,
    open_store,
    rejected,
    save,
    status_counts,
)
from tacitus.store.schema import LATEST, SchemaError, migrate
from tacitus.store.write import document_key, originals, stored_keys, text_hash
from tacitus.writers.parquet import write_parquet


def ref(code: str | None, text: str, actor: str | None = "A1", country: str | None = None) -> ActorRef:
    return ActorRef.coded(actor, text, code, country or (code[:3] if code else None), None, start=0, end=len(text))


def event(n: int, source: ActorRef | None, target: ActorRef | None, cameo: str, goldstein: float, date: str | None = None, **flags) -> Event:
    return Event(
        id=f"E{n}", sentence=n - 1, evidence=f"Sentence {n}.", source=source, target=target, cameo=cameo, root=cameo[:2],
        quad_class={"04": 1, "05": 1, "07": 2, "11": 3, "19": 4, "18": 4}[cameo[:2]], goldstein=goldstein,
        plover=Plover("CONSULT", "visit"), trigger=Span("met", 4, 7), date=date, **flags,
    )


def full_document() -> Document:
    """Every field of the contract filled at least once, and the optional ones left out once."""
    iran = Actor("A1", "Iran", "IRNGOV", "IRN", "GOV", "country", [Mention("Iran's foreign minister", 0, 23, 0), Mention("He", 80, 82, 1)])
    oman = Actor("A2", "Oman", "OMN", "OMN", None, "country", [])
    doc = Document(text="", id="doc-1", title="Talks in Muscat", date="2024-03-04", url="https://example.org/1", source="Gulf Wire", actors=[iran, oman])
    doc.statements = [Statement("S1", 1, ref("IRNGOV", "He"), Span("said", 83, 87), Span("talks went well", 88, 103), False, depth=0)]
    doc.events = [
        event(1, ref("IRNGOV", "Iran's foreign minister"), ref("OMN", "his Omani counterpart", "A2"), "042", 1.9, "2024-03-04", place=Place("Muscat", "OMN"), rule="meet.v"),
        event(2, None, ref(None, "the talks", None), "051", 3.4, None, modality="future"),
        event(3, ref("IRNGOV", "He"), ref("ISR", "Israel", "A3"), "111", -2.0, "2024-03-03", negated=True, attributed_to="A1", statement="S1", depth=2),
    ]
    return doc


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.db")


# --- schema --------------------------------------------------------------------------------


def test_schema_is_created_once_and_versioned(db):
    with open_store(db) as store:
        for table in ("documents", "actors", "events", "statements", "schema_version"):
            assert store.table_exists(table)
        assert migrate(store) == LATEST
        assert store.query("SELECT COUNT(*), MAX(version) FROM schema_version")[0] == (LATEST, LATEST)


def test_a_store_from_a_newer_tacitus_is_refused(db):
    with open_store(db) as store:
        store.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST + 1,))
    with pytest.raises(SchemaError, match="newer"):
        open_store(db)


def test_reading_a_missing_sqlite_store_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "nothing.db", create=False)


# --- keys and writing ----------------------------------------------------------------------


def test_text_hash_ignores_whitespace_and_keys_prefer_the_id():
    assert text_hash("Iran  met\nOman.") == text_hash(" Iran met Oman. ")
    assert text_hash("Iran met Oman.") != text_hash("Oman met Iran.")
    assert document_key(Document(text="x", id="a1"), text_hash("x")) == "a1"
    assert document_key(Document(text="x"), text_hash("x")) == f"text:{text_hash('x')}"


def test_a_stored_document_reads_back_as_the_same_json(db):
    doc = full_document()
    with open_store(db) as store:
        save(store, [Record("doc-1", doc, text_hash("some text"))])
        [back] = list(iter_documents(store))
    assert back.to_dict() == doc.to_dict()
    assert json.loads(json.dumps(back.to_dict())) == doc.to_dict()


def test_statuses_errors_and_duplicates_are_stored(db):
    bad = Document(text="", id="in.jsonl:3", errors=["in.jsonl:3: broken JSON"])
    with open_store(db) as store:
        save(store, [
            Record("doc-1", full_document(), "h1"),
            Record("in.jsonl:3", bad, None, "rejected"),
            Record("doc-2", Document(text="", id="doc-2"), "h1", "duplicate", "doc-1"),
        ])
        assert status_counts(store) == {"coded": 1, "rejected": 1, "duplicate": 1}
        assert rejected(store) == [("in.jsonl:3", "in.jsonl:3: broken JSON")]
        assert originals(store, ["h1", "h2"]) == {"h1": ["doc-1"]}
        assert stored_keys(store, ["doc-1", "doc-2", "doc-3"]) == {"doc-1": "", "doc-2": ""}
        assert [d.id for d in iter_documents(store)] == ["doc-1"]  # only coded documents are exported
        assert store.query("SELECT n_events FROM documents WHERE key = 'doc-1'") == [(3,)]


def test_a_failing_batch_stores_nothing(db):
    with open_store(db) as store:
        save(store, [Record("doc-0", Document(text="", id="doc-0"), "h0")])
        with pytest.raises(Exception, match="(?i)unique|constraint"):
            save(store, [Record("doc-1", full_document(), "h1"), Record("doc-1", full_document(), "h1")])
        assert store.query("SELECT key FROM documents") == [("doc-0",)]
        assert store.query("SELECT COUNT(*) FROM events") == [(0,)]


def test_replacing_a_document_leaves_no_old_rows(db):
    with open_store(db) as store:
        save(store, [Record("doc-1", full_document(), "h1")])
        fewer = full_document()
        fewer.events = fewer.events[:1]
        save(store, [Record("doc-1", fewer, "h1")], replace=True)
        assert store.query("SELECT COUNT(*) FROM events") == [(1,)]
        assert store.query("SELECT COUNT(*) FROM documents") == [(1,)]


# --- filters and queries ---------------------------------------------------------------------


@pytest.fixture
def events_db(db):
    """Three documents with events between Iran, Israel, Oman and the US over two months."""
    docs = []
    for n, (month, events) in enumerate([
        ("2024-03", [("IRNMIL", "ISR", "190", -10.0, {}), ("ISRGOV", "IRN", "111", -2.0, {}), ("IRNGOV", "OMNGOV", "042", 1.9, {})]),
        ("2024-03", [("IRN", "ISRMIL", "180", -9.0, {}), ("USA", "IRN", "111", -2.0, {"negated": True})]),
        ("2024-04", [("ISR", "IRNGOV", "190", -10.0, {}), ("OMN", "IRN", "051", 3.4, {}), ("XIRN", "IR_", "042", 1.9, {})]),
    ]):
        doc = Document(text="", id=f"d{n}", date=f"{month}-10")
        doc.events = [event(i, ref(s, s), ref(t, t, "A2"), c, g, None if i == 1 else f"{month}-0{i}", **f) for i, (s, t, c, g, f) in enumerate(events, start=1)]
        docs.append(Record(doc.id, doc, f"h{n}"))
    with open_store(db) as store:
        save(store, docs)
    return db


def _events(db, **filters) -> list[tuple[str, str]]:
    with open_store(db) as store:
        return [(d.id, e.id) for d in iter_documents(store, EventFilter(**filters)) for e in d.events]


def test_export_filters(events_db):
    assert len(_events(events_db)) == 8
    assert _events(events_db, sources=("IRN",)) == [("d0", "E1"), ("d0", "E3"), ("d1", "E1")]
    assert _events(events_db, targets=("IR_",)) == [("d2", "E3")]  # LIKE wildcards are literal
    assert _events(events_db, roots=("19",)) == [("d0", "E1"), ("d2", "E1")]
    assert _events(events_db, roots=("4", "5")) == [("d0", "E3"), ("d2", "E2"), ("d2", "E3")]
    assert _events(events_db, since="2024-04-01") == [("d2", "E1"), ("d2", "E2"), ("d2", "E3")]
    assert _events(events_db, until="2024-03-02") == [("d0", "E2"), ("d1", "E2")]
    assert ("d1", "E2") not in _events(events_db, factual_only=True)


def test_dyad_counts_both_directions_by_month(events_db):
    frame = query_frame(events_db, "dyad", source="irn", target="ISR")
    assert frame[["month", "source", "target", "events"]].values.tolist() == [
        ["2024-03", "IRN", "ISR", 2],
        ["2024-03", "ISR", "IRN", 1],
        ["2024-04", "ISR", "IRN", 1],
    ]
    assert frame["material_conflict"].tolist() == [2, 0, 1]
    assert frame["goldstein"].tolist() == [-19.0, -2.0, -10.0]
    directed = query_frame(events_db, "dyad", source="IRN", target="ISR", directed=True, all_events=True)
    assert directed["source"].unique().tolist() == ["IRN"]
    with pytest.raises(ValueError, match="source and a target"):
        query_frame(events_db, "dyad", source="IRN")


def test_roots_goldstein_and_top_actors(events_db):
    roots = query_frame(events_db, "roots")
    assert roots["events"].sum() == 7  # the negated event is left out
    assert roots[(roots.month == "2024-03") & (roots.root == "19")]["name"].tolist() != [""]
    assert query_frame(events_db, "roots", all_events=True)["events"].sum() == 8
    gold = query_frame(events_db, "goldstein", by="country")
    row = gold[(gold.month == "2024-03") & (gold.source == "IRN") & (gold.target == "ISR")]
    assert row[["events", "goldstein"]].values.tolist() == [[2, -19.0]]
    top = query_frame(events_db, "top-actors", limit=2, by="country")
    assert top["actor"].tolist() == ["IRN", "ISR"]
    assert top.iloc[0][["as_source", "as_target", "events"]].tolist() == [3, 3, 6]
    assert json.loads(render(top, "json"))[0]["actor"] == "IRN"
    assert render(top, "csv").splitlines()[0] == "actor,as_source,as_target,events"


def test_parquet_rows_and_types(tmp_path):
    out = tmp_path / "events.parquet"
    assert write_parquet([full_document()], out) == 1  # only the asserted fact
    assert write_parquet([full_document()], out, all_events=True) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert str(table.schema.field("goldstein").type) == "double"
    assert table.column("source_code").to_pylist() == ["IRNGOV", "", "IRNGOV"]
    assert write_parquet([], tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
