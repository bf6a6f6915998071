"""Reading every input format, and reporting bad records without stopping."""

from __future__ import annotations

import io
import json

from tacitus.ingest import read_inputs, read_stream

ARTICLE = "Kenyan police arrested twelve protesters in Nairobi on Tuesday."


def test_plain_text_with_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Police arrest protesters\n\n" + ARTICLE + "\n", encoding="utf-8")
    [doc] = read_inputs([path])
    assert doc.title == "Police arrest protesters"
    assert doc.text.strip() == ARTICLE
    assert doc.id == "story"
    assert not doc.errors


def test_plain_text_without_title_keeps_first_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE + "\nA second line follows directly.\n", encoding="utf-8")
    [doc] = read_inputs([path])
    assert doc.title == ""
    assert doc.text.startswith("Kenyan police")


def test_jsonl_fields_and_broken_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "date": "2024-05-02", "title": "T", "text": ARTICLE, "url": "http://example.org/a1", "source": "wire"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_inputs([path]))
    assert [d.id for d in docs][0] == "a1"
    assert docs[0].date == "2024-05-02" and docs[0].url == "http://example.org/a1" and docs[0].source == "wire"
    errors = [d.errors[0] for d in docs[1:]]
    assert errors[0].startswith(f"{path}:2: broken JSON")
    assert f"{path}:3" in errors[1] and "'text'" in errors[1]
    assert f"{path}:4" in errors[2] and "empty" in errors[2]
    assert f"{path}:5" in errors[3] and "object" in errors[3]


def test_csv_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,date,title,text\nc1,2024-01-09,Head,"' + ARTICLE + '"\nc2,2024-01-10,Empty,""\n', encoding="utf-8")
    docs = list(read_inputs([path]))
    assert docs[0].id == "c1" and docs[0].date == "2024-01-09" and docs[0].text == ARTICLE
    assert docs[1].errors and "empty" in docs[1].errors[0] and f"{path}:3" in docs[1].errors[0]


def test_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    [doc] = read_inputs([path])
    assert "no 'text' column" in doc.errors[0]


def test_html_boilerplate_is_stripped(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join([ARTICLE] * 3)
    path.write_text(
        "<html><head><title>Nairobi arrests</title><meta name='date' content='2024-03-05'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Nairobi arrests</h1><p>{body}</p><p>The interior ministry defended the operation in a statement issued late on Tuesday evening.</p></article>"
        "<footer>Copyright 2024 Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = read_inputs([path])
    assert not doc.errors
    assert "Kenyan police arrested" in doc.text
    assert "Subscribe" not in doc.text and "Sport" not in doc.text
    assert doc.title == "Nairobi arrests"


def test_directory_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "two.jsonl").write_text(json.dumps({"id": "x", "text": ARTICLE}) + "\n", encoding="utf-8")
    (tmp_path / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    ids = sorted(d.id for d in read_inputs([tmp_path]))
    assert ids == ["one", "x"]


def test_binary_and_missing_files_are_reported(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    docs = list(read_inputs([binary, tmp_path / "missing.txt"]))
    assert "binary" in docs[0].errors[0]
    assert "cannot read" in docs[1].errors[0] and "missing.txt" in docs[1].errors[0]


def test_default_date_applies_only_where_missing(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "date": "2020-02-02"}) + "\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    docs = list(read_inputs([path], date="2024-06-01"))
    assert [d.date for d in docs] == ["2020-02-02", "2024-06-01"]


def test_stdin_plain_and_jsonl():
    [plain] = read_stream(io.StringIO(ARTICLE), "<stdin>")
    assert plain.text == ARTICLE and plain.id == "stdin"
    docs = list(read_stream(io.StringIO(json.dumps({"id": "s1", "text": ARTICLE}) + "\n"), "<stdin>"))
    assert docs[0].id == "s1"
