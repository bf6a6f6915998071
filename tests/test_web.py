"""The web view and the store's schema 3 (texts, full-text search, framing register), without a
browser: Starlette's test client against a store coded from tests/data/web/corpus.jsonl."""

from __future__ import annotations

import json
import re
import sqlite3
import warnings
from html import unescape

import pytest
from click.testing import CliRunner

with warnings.catch_warnings():  # newer Starlette prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from tacitus.cli import cli
from tacitus.store import open_store
from tacitus.store.views import DocumentQuery, fts_query, open_readonly, search_documents
from tacitus.web import is_loopback
from tacitus.web.app import create_app
from tacitus.web.render import segments
from web_helpers import CORPUS, web_db  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def client(web_db):  # noqa: F811
    return TestClient(create_app(web_db))


def _corpus() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())}


def test_store_keeps_the_text_of_every_coded_document(web_db):  # noqa: F811
    con = sqlite3.connect(web_db)
    texts = dict(con.execute("SELECT doc_key, text FROM texts"))
    coded = {k for (k,) in con.execute("SELECT key FROM documents WHERE status = 'coded'")}
    assert set(texts) == coded and len(coded) == 8
    for key, text in texts.items():
        assert text == _corpus()[key]["text"]
    # offsets point into the stored text
    for key, mentions in con.execute("SELECT doc_key, mentions FROM actors"):
        for m in json.loads(mentions):
            if m["sentence"] >= 0:
                assert texts[key][m["start"] : m["end"]] == m["text"]


def test_full_text_search_follows_recoding(web_db, coder, tmp_path):  # noqa: F811
    from tacitus.corpus import run_corpus

    db = tmp_path / "copy.db"
    run_corpus([CORPUS], db, workers=1, coder=coder)
    with open_store(db) as backend:
        before = search_documents(backend, DocumentQuery(text="Zionist"))
    run_corpus([CORPUS], db, workers=1, coder=coder, recode=True)
    with open_store(db) as backend:
        after = search_documents(backend, DocumentQuery(text="Zionist"))
        rows = backend.query("SELECT COUNT(*) FROM texts_fts")[0][0]
    assert [d["key"] for d in before["documents"]] == [d["key"] for d in after["documents"]] == ["w01"]
    assert rows == 8  # the old index rows went with the old texts


def test_search_and_filters(web_db):  # noqa: F811
    with open_readonly(web_db) as backend:
        def keys(**kw):
            return {d["key"] for d in search_documents(backend, DocumentQuery(**kw))["documents"]}

        assert keys(text="ceasefire") == {"w02"}
        assert keys(text="sanctions illegal") == {"w07"}
        assert keys(text='"unbalanced quote') == set()  # FTS syntax never reaches the user
        assert keys(source="Eastern Desk") == {"w05", "w06"}
        assert keys(since="2024-03-01") == {"w06", "w07", "w08"}
        assert keys(actor="UKR") == {"w05"}
        assert "w06" in keys(roots=("04",)) and "w05" not in keys(roots=("04",))
        assert keys(quad_class=4) >= {"w03", "w05"} and "w06" not in keys(quad_class=4)
        result = search_documents(backend, DocumentQuery(page_size=3, page=2))
        assert result["total"] == 8 and result["pages"] == 3 and len(result["documents"]) == 3
    assert fts_query('Iran" OR (x') == '"Iran" "OR" "x"'


def test_documents_page_lists_matches_with_counts(client):
    page = client.get("/", params={"q": "Zionist"})
    assert page.status_code == 200
    assert re.search(r"<b>1</b> document,", page.text)
    assert 'href="/doc?key=w01"' in page.text and 'href="/doc?key=w06"' not in page.text


def test_article_page_escapes_hostile_text_and_ships_the_evidence(client):
    page = client.get("/doc", params={"key": "w08"})
    assert page.status_code == 200
    assert "<script>window.__pwned" not in page.text
    assert "&lt;script&gt;window.__pwned = 1;" in page.text
    assert "<img src=x" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    data = json.loads(unescape(re.search(r'<script type="application/json" id="doc-data">(.*?)</script>', page.text, re.S).group(1)))
    assert any(e["cameo"] == "173" and "arrested" in e["evidence"] for e in data["events"].values())


def test_article_highlights_every_mention_of_an_actor(client, web_db):  # noqa: F811
    from tacitus.store.views import document

    with open_readonly(web_db) as backend:
        doc = document(backend, "w01")["doc"]
    page = client.get("/doc", params={"key": "w01"}).text
    israel = next(a for a in doc.actors if a.code == "ISR")
    marked = re.findall(rf'<span class="mention c\d+[^"]*" data-actor="{israel.id}"[^>]*>([^<]*)</span>', page)
    assert sorted(marked) == sorted(m.text for m in israel.mentions)  # title and body
    assert len(marked) == 3
    # segments cover the whole text, in order
    assert "".join(s.text for s in segments(doc.text, doc)) == doc.text


def test_actor_network_timeline_rejected_pages(client):
    actor = client.get("/actor", params={"code": "ISR"})
    assert actor.status_code == 200 and "the Zionist regime" in actor.text and "Hamas terrorists" not in actor.text
    network = client.get("/network")
    graph = json.loads(unescape(re.search(r'id="chart-data">(.*?)</script>', network.text, re.S).group(1)))
    assert {"IRNGOV", "ISR"} <= {n["code"] for n in graph["nodes"]}
    assert any(e["source"] == "IRNGOV" and e["target"] == "ISR" for e in graph["edges"])
    timeline = client.get("/timeline", params={"source": "IRNGOV", "target": "ISR"})
    chart = json.loads(unescape(re.search(r'id="chart-data">(.*?)</script>', timeline.text, re.S).group(1)))
    assert [m["month"] for m in chart["months"]] == ["2024-01", "2024-02", "2024-03"]
    assert [m["month"] for m in chart["dyad"]] == ["2024-01", "2024-02", "2024-03"]  # quiet months as zeros
    assert chart["dyad"][0]["goldstein"] < 0 and chart["dyad"][2] == {"month": "2024-03", "events": 0, "goldstein": 0.0}
    rejected = client.get("/rejected")
    assert "empty text" in rejected.text and "corpus.jsonl:9" in rejected.text


def test_the_view_is_read_only(client, web_db):  # noqa: F811
    assert client.post("/", data={"q": "x"}).status_code == 405
    with open_readonly(web_db) as backend, pytest.raises(sqlite3.OperationalError, match="readonly"):
        backend.execute("DELETE FROM documents")
    assert client.get("/doc", params={"key": "nope"}).status_code == 404


def test_serve_refuses_a_non_local_address_unless_given_with_host(web_db, monkeypatch):  # noqa: F811
    import tacitus.web as web

    started = []
    monkeypatch.setattr(web, "serve", lambda db, host, port: started.append((host, port)))
    runner = CliRunner()
    refused = runner.invoke(cli, ["serve", "--db", str(web_db)], env={"TACITUS_HOST": "0.0.0.0"})
    assert refused.exit_code == 2 and not started
    assert "refusing to serve on 0.0.0.0" in refused.output and len(refused.output.strip().splitlines()) == 1
    local = runner.invoke(cli, ["serve", "--db", str(web_db), "--port", "8123"])
    assert local.exit_code == 0 and started[-1] == ("127.0.0.1", 8123)
    explicit = runner.invoke(cli, ["serve", "--db", str(web_db), "--host", "0.0.0.0"])
    assert explicit.exit_code == 0 and started[-1] == ("0.0.0.0", 8000)
    assert "other machines can reach" in explicit.output
    assert is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")


@pytest.mark.slow
def test_postgres_store_serves_the_same_view(web_db, coder, tmp_path_factory):  # noqa: F811
    """Schema 3 on PostgreSQL: texts, tsvector search, the register, and a session that refuses writes."""
    import psycopg

    from store_helpers import create_database, postgres_server
    from tacitus.corpus import run_corpus
    from tacitus.store.views import framing_names

    server = postgres_server()
    base = next(server)
    try:
        url = create_database(base, "web")
        run_corpus([CORPUS], url, workers=1, coder=coder)
        with open_readonly(url) as pg, open_readonly(web_db) as lite:
            for query in (DocumentQuery(text="ceasefire"), DocumentQuery(text="sanctions illegal"), DocumentQuery(actor="UKR"), DocumentQuery(quad_class=4)):
                assert {d["key"] for d in search_documents(pg, query)["documents"]} == {d["key"] for d in search_documents(lite, query)["documents"]}
            assert search_documents(pg, DocumentQuery(text="ceasefire"))["total"] == 1
            assert sorted(map(str, framing_names(pg, actor="ISR"))) == sorted(map(str, framing_names(lite, actor="ISR")))
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                pg.execute("DELETE FROM documents")
        client = TestClient(create_app(url))
        for path in ("/", "/?q=ceasefire", "/doc?key=w08", "/actor?code=ISR", "/network", "/timeline", "/rejected"):
            assert client.get(path).status_code == 200, path
        assert "&lt;script&gt;window.__pwned" in client.get("/doc", params={"key": "w08"}).text
    finally:
        server.close()


def test_a_document_stored_without_text_still_shows_its_events(web_db, tmp_path):  # noqa: F811
    import shutil

    db = tmp_path / "old.db"
    shutil.copy(web_db, db)
    with sqlite3.connect(db) as con:  # as if coded before the store kept texts
        con.execute("DELETE FROM texts WHERE doc_key = 'w06'")
    page = TestClient(create_app(db)).get("/doc", params={"key": "w06"})
    assert page.status_code == 200
    assert "stored before the store kept texts" in page.text and 'id="doc-text"' not in page.text
    assert page.text.count('class="event-row"') == 6  # "the two leaders praised": one praise each


@pytest.mark.slow
def test_worker_processes_send_texts_to_the_store(tmp_path):
    from tacitus.corpus import run_corpus

    db = tmp_path / "j2.db"
    run_corpus([CORPUS], db, workers=2, chunk_size=2)
    con = sqlite3.connect(db)
    texts = dict(con.execute("SELECT doc_key, text FROM texts"))
    assert texts == {k: d["text"] for k, d in _corpus().items() if d["text"].strip()}
    assert con.execute("SELECT COUNT(*) FROM names").fetchone()[0] > 0


def test_evidence_marks_the_trigger_where_it_is_not_the_first_such_word():
    from tacitus.model import ActorRef, Document, Event, Plover, Span
    from tacitus.web.render import page_data

    text = "Strikes ended. Unions said the strikes had ended and the army strikes back."
    sentence = "Unions said the strikes had ended and the army strikes back."
    at = text.index("strikes back")
    event = Event("E1", 1, sentence, ActorRef(None, "the army"), None, "190", "19", 4, -10.0, Plover(None),
                  Span("strikes", at, at + 7))
    data = page_data(Document(text=text, events=[event]))["events"]["E1"]
    assert sentence[data["trigger_at"] :].startswith("strikes back")
