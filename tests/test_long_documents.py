"""A long document is coded in pieces (offsets document-relative, actors resolved across the
pieces); past the limit it is rejected with a reason naming it; a failure while parsing or
coding one document never takes its batch with it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.guard import MAX_CHARS, code_in_batches
from tacitus.model import Document
from tacitus.parse import PIECE_CHARS, pieces

SHORT = "Kenyan police arrested twelve protesters in Nairobi on Tuesday."
# long sentences with nothing to parse: cheap to read, and the document is long for real
FILLER = "The river ran past the old mill and the fields lay green under a wide sky, " * 60 + "and nothing else.\n\n"


def long_article(size: int = 1_100_000) -> str:
    head = "Iran's foreign minister Abbas Araghchi met his Omani counterpart in Muscat on Monday.\n\n"
    tail = "Araghchi condemned the Israeli strikes on Gaza."
    return head + FILLER * ((size - len(head) - len(tail)) // len(FILLER) + 1) + tail


def test_pieces_cut_at_paragraphs_then_sentences_then_spaces():
    text = ("One sentence here. " * 3 + "\n\n") * 4
    cuts = pieces(text, 100)
    assert "".join(p for _, p in cuts) == text and all(len(p) <= 100 for _, p in cuts)
    assert all(p.endswith("\n\n") for _, p in cuts[:-1])
    assert [s for s, _ in cuts] == [sum(len(p) for _, p in cuts[:i]) for i in range(len(cuts))]
    sentences = pieces("A short one. " * 20, 60)
    assert all(p.endswith(". ") for _, p in sentences[:-1])
    words = pieces("word " * 100, 64)
    assert all(p.endswith(" ") for _, p in words[:-1]) and "".join(p for _, p in words) == "word " * 100
    assert [len(p) for _, p in pieces("x" * 250, 100)] == [100, 100, 50]


def _check_offsets(doc: Document) -> None:
    for event in doc.events:
        assert doc.text[event.trigger.start : event.trigger.end] == event.trigger.text
    for actor in doc.actors:
        for mention in actor.mentions:
            assert doc.text[mention.start : mention.end] == mention.text


def test_a_long_document_is_coded_in_pieces_and_its_neighbours_too(tmp_path):
    text = long_article()
    assert len(text) > 1_000_000 > PIECE_CHARS
    path = tmp_path / "news.jsonl"
    records = [{"id": "first", "text": SHORT}, {"id": "long", "text": text}, {"id": "last", "text": SHORT}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(path)])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["first", "long", "last"]
    assert all(d["events"] and not d["errors"] for d in docs)
    long = docs[1]
    [last] = [e for e in long["events"] if e["cameo"].startswith("11")]
    assert last["trigger"]["start"] == text.rindex("condemned")
    assert last["source"]["code"] == "IRNGOV"  # "Araghchi", a million characters after "Iran's foreign minister Abbas Araghchi"
    [araghchi] = [a for a in long["actors"] if a["id"] == last["source"]["actor"]]
    starts = [m["start"] for m in araghchi["mentions"]]
    assert starts[0] == text.index("Iran's") and starts[-1] == text.rindex("Araghchi")
    for mention in araghchi["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]


def test_a_long_document_in_a_corpus_run(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [{"id": "a", "text": SHORT}, {"id": "long", "text": long_article()}]) + "\n", encoding="utf-8")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(cli, ["run", str(path), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "2 coded" in result.stderr and "0 rejected" in result.stderr
    assert "max_length" not in result.stderr


def test_past_the_limit_a_document_is_rejected_with_the_reason(coder, tmp_path):
    huge = Document(text="word " * (MAX_CHARS // 5 + 1), id="huge")
    docs = list(coder.code_documents([Document(text=SHORT, id="a"), huge, Document(text=SHORT, id="b")]))
    assert [bool(d.events) for d in docs] == [True, False, True]
    assert docs[1].errors == [f"huge: text of {len(huge.text):,} characters is over the limit of 20,000,000 (about 20 MB); split the document"]
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"text": huge.text}) + "\n" + json.dumps({"id": "ok", "text": SHORT}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path), "--db", str(tmp_path / "s.db"), "-j", "1"])
    assert result.exit_code == 1
    assert f"{path}:1: text of {len(huge.text):,} characters is over the limit" in result.stderr
    assert "1 coded" in result.stderr and "1 rejected" in result.stderr


def test_a_parse_failure_rejects_only_its_document(coder):
    def parse(pairs):
        pairs = list(pairs)
        if any("POISON" in body for _, body in pairs):
            raise ValueError("the parser choked")
        return coder.parser.parse(pairs)

    docs = [Document(text=SHORT, id=f"d{i}") for i in range(5)]
    docs[2] = Document(text="POISON " + SHORT, id="bad")
    out = list(code_in_batches(docs, 4, parse, coder.code_parsed))
    assert [d.id for d in out] == ["d0", "d1", "bad", "d3", "d4"]
    assert [bool(d.events) for d in out] == [True, True, False, True, True]
    assert out[2].errors == ["bad: parsing failed (ValueError: the parser choked)"]


def test_a_coding_failure_rejects_only_its_document(coder):
    def code_one(doc, sentences):
        if doc.id == "bad":
            raise RuntimeError("a bug")
        return coder.code_parsed(doc, sentences)

    docs = [Document(text=SHORT, id=i) for i in ("a", "bad", "c")]
    out = list(code_in_batches(docs, 8, coder.parser.parse, code_one))
    assert [bool(d.events) for d in out] == [True, False, True]
    assert out[1].errors == ["bad: coding failed (RuntimeError: a bug)"] and not out[1].actors


@pytest.mark.parametrize("text", ["\ud800 Police arrested protesters.", "x" * 10, "\x00\x01\x02"])
def test_odd_strings_through_the_python_api(coder, text):
    [doc] = coder.code_documents([Document(text=text, id="odd")])
    assert not doc.errors
    assert len(doc.text) == len(text)
    doc.text.encode("utf-8")
    _check_offsets(doc)
