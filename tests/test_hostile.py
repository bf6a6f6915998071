"""Hostile input, in bulk: whatever the documents, nothing escapes, every record comes out
coded or rejected with a reason, and every offset points into its text. Then one corpus that
mixes good records with every kind of bad one, through `tacitus code` and `tacitus run`."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.cli import cli
from tacitus.corpus import run_corpus
from tacitus.model import Document

WORDS = ["Iran", "police", "arrested", "the", "minister", "said", "he", "condemned", "met", "in", "Cairo",
         "rebels", "attacked", "a", "village", "talks", "with", "UN", '"', ",", ".", "according", "to", "sanctions"]
SCRIPTS = "abcXYZ éü ДЖя ابت 中文字 हिन्दी ⅷ🙂 ̀"  # Latin, accents, Cyrillic, Arabic, CJK, Devanagari, symbols, a lone combining mark

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
hostile = st.one_of(
    st.just(""),
    st.text(alphabet=" \t\r\n\u00a0\u2028\u3000", max_size=30),  # whitespace of every kind
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=40),  # control characters
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=5).map(lambda s: s + " Police arrested rebels."),  # lone surrogates
    st.binary(max_size=120).map(lambda b: b.decode("latin-1")),  # binary read as text
    st.lists(st.integers(), max_size=30).map(lambda xs: " ".join(map(str, xs))),  # numbers as text
    sentences.map(lambda s: f"<html><script>alert('{s}')</script><p>{s}</p></html>"),  # markup
    st.text(alphabet=SCRIPTS, max_size=60),  # mixed scripts
    st.text(max_size=80),  # anything
    sentences,
)
batches = st.lists(hostile, min_size=100, max_size=100)  # many documents an example: 100 examples, 10,000 documents

SEEN = {"documents": 0}


def _check(doc: Document) -> None:
    if doc.errors:
        assert all(isinstance(e, str) and ": " in e for e in doc.errors)
        return
    text = doc.text
    for event in doc.events:
        assert 0 <= event.trigger.start <= event.trigger.end <= len(text)
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    for actor in doc.actors:
        for m in actor.mentions:
            assert 0 <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.text
    for statement in doc.statements:
        c = statement.content
        assert 0 <= c.start <= c.end <= len(text) and text[c.start : c.end] == c.text


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(texts=batches)
def test_hostile_documents_through_code_documents_and_run(coder, tmp_path_factory, texts):
    docs = [Document(text=t, id=f"h{n}") for n, t in enumerate(texts)]
    out = list(coder.code_documents(docs))
    assert [d.id for d in out] == [f"h{n}" for n in range(len(texts))]
    for doc in out:
        _check(doc)
    SEEN["documents"] += len(texts)

    # the same documents as a JSONL file through `tacitus run`'s engine
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"h{n}", "text": t}) + "\n" for n, t in enumerate(texts)), encoding="utf-8")
    db = folder / "store.db"
    stats = run_corpus([str(path)], db, workers=1, coder=coder, chunk_size=64)
    assert stats.read == len(texts) and stats.done == len(texts) and not stats.failed
    with sqlite3.connect(db) as conn:
        rows = {key: (status, error) for key, status, error in conn.execute("SELECT key, status, error FROM documents")}
    assert len(rows) == len(texts)  # every record stored: under its id, or its file:line if unreadable
    assert all(f"h{n}" in rows or f"{path}:{n + 1}" in rows for n in range(len(texts)))
    assert all(error for status, error in rows.values() if status == "rejected")


def test_at_least_ten_thousand_hostile_documents_were_fed():
    # runs after the property test in file order; on its own it has nothing to count
    if SEEN["documents"]:
        assert SEEN["documents"] >= 10_000  # each through code_documents and through tacitus run


def test_two_megabytes_without_a_full_stop(coder, tmp_path):
    text = " ".join(["river", "mill", "12", "green", "wide", "sky", "and"] * 50_000)  # ~1.9 MB
    text = text + " " + "x" * (2_000_000 - len(text))
    [doc] = coder.code_documents([Document(text=text, id="big")])
    assert not doc.errors and len(doc.text) == 2_000_001
    _check(doc)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    stats = run_corpus([str(path)], tmp_path / "big.db", workers=1, coder=coder)
    assert stats.coded == 1


# --- one corpus, every bad case -------------------------------------------------------------

GOOD = [
    "Kenyan police arrested twelve protesters in Nairobi on Tuesday.",
    "Israeli warplanes bombed a weapons depot near Damascus on Monday.",
    "The Japanese prime minister met the Australian prime minister in Canberra.",
]


def test_a_corpus_of_good_and_bad_records(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    long_text = ("Nothing happened along the quiet river that long summer afternoon, " * 80 + "\n\n") * 200 + GOOD[1]
    lines = [
        json.dumps({"id": "good1", "text": GOOD[0]}),
        json.dumps({"id": "long", "text": long_text}),  # > spaCy's max_length: coded in pieces
        "{broken",
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "french", "text": "Le ministre des Affaires étrangères a rencontré son homologue à Mascate lundi."}),
        json.dumps({"id": "surrogate", "text": "\ud800 " + GOOD[2]}),
        json.dumps({"id": "good2", "text": GOOD[1]}),
    ]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "utf16.txt").write_text(GOOD[2], encoding="utf-16")
    (folder / "cp1252.txt").write_bytes(("The minister’s aides said " + GOOD[0]).encode("cp1252"))
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\x03")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "table.csv").write_text(f'id,text\nrow1,"Turkish drones struck Kurdish militants in northern Syria."\nrow2,"never closed\nrow3,{GOOD[0]}\n', encoding="utf-8")
    good = {"good1", "long", "surrogate", "good2", "utf16", "cp1252", "row1"}
    bad = {f"{folder / 'news.jsonl'}:3": "broken JSON", f"{folder / 'news.jsonl'}:4": "empty text",
           f"{folder / 'news.jsonl'}:5": "language fr, English only", f"{folder / 'blob.txt'}": "binary",
           f"{folder / 'table.csv'}:3": "never closed"}

    result = CliRunner().invoke(cli, ["code", str(folder)])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    coded = {d["id"] for d in docs if not d["errors"]}
    assert coded == good and all(d["events"] for d in docs if d["id"] in good)
    for where, reason in bad.items():
        assert f"error: {where}: " in result.stderr and reason in result.stderr.split(f"error: {where}: ")[1].splitlines()[0]
    assert "scan.pdf" in result.stderr and result.stderr.count("scan.pdf") == 1
    assert f"{len(bad)} record(s) failed" in result.stderr

    db = tmp_path / "store.db"
    result = CliRunner().invoke(cli, ["run", str(folder), "--db", str(db), "-j", "1"])
    assert result.exit_code == 1
    with sqlite3.connect(db) as conn:
        status = dict(conn.execute("SELECT key, status FROM documents"))
        errors = dict(conn.execute("SELECT key, error FROM documents WHERE status = 'rejected'"))
    assert {k for k, s in status.items() if s == "coded"} == good
    # stored under the record's id when it has one, else under its file:line; the reason names both
    keys = {where: ("french" if where.endswith("news.jsonl:5") else where) for where in bad}
    assert errors.keys() == set(keys.values())
    assert all(errors[keys[where]].startswith(f"{where}: ") and reason in errors[keys[where]] for where, reason in bad.items())
    assert f"{len(good)} coded" in result.stderr and f"{len(bad)} rejected" in result.stderr


def test_a_record_the_store_refuses_is_rejected_alone(coder, tmp_path, monkeypatch):
    import tacitus.corpus

    real_save = tacitus.corpus.save

    def refusing(backend, records, **options):  # a store that refuses one document's rows
        if any(r.key == "refused" and r.status == "coded" for r in records):
            raise sqlite3.IntegrityError("value refused by the store")
        return real_save(backend, records, **options)

    monkeypatch.setattr(tacitus.corpus, "save", refusing)
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(("a", "refused", "c"), GOOD, strict=True)), encoding="utf-8")
    db = tmp_path / "s.db"
    stats = run_corpus([str(path)], db, workers=1, coder=coder, chunk_size=8)
    assert (stats.coded, stats.rejected) == (2, 1)
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT key, status || ': ' || COALESCE(error, '') FROM documents"))
        events = dict(conn.execute("SELECT doc_key, COUNT(*) FROM events GROUP BY doc_key"))
    assert rows["a"] == "coded: " and rows["c"] == "coded: "
    assert rows["refused"] == "rejected: refused: could not be stored (IntegrityError: value refused by the store)"
    assert set(events) == {"a", "c"}
