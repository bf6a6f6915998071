"""Files, formats and stdin -> Documents.

Every record read becomes a `Document`. A record that cannot be read (unreadable file, broken
JSON line, missing or empty text, binary content) becomes a Document whose `errors` name the
file, the line and the reason, so the run goes on and every record is accounted for.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tacitus.model import Document

SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html"}
FIELDS = ("id", "title", "date", "url", "source")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def input_files(path: Path) -> list[Path]:
    """The files a path names: itself, or every readable file below a directory."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [path]


def read_inputs(paths: Iterable[str | Path], date: str | None = None) -> Iterator[Document]:
    """Documents from files, directories (recursively) and `-` (stdin), in the order given,
    streamed: JSONL and CSV files are read record by record, so memory stays flat.

    `date` is the default date of documents that carry none.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _with_date(read_stream(sys.stdin, "<stdin>"), date)
            continue
        for file in input_files(Path(raw)):
            yield from _with_date(read_file(file), date)


def _with_date(docs: Iterable[Document], date: str | None) -> Iterator[Document]:
    for doc in docs:
        if date and not doc.date:
            doc.date = date
        yield doc


def _failed(where: str, reason: str) -> Document:
    return Document(text="", id=where, errors=[f"{where}: {reason}"])


def read_file(path: Path) -> Iterator[Document]:
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    try:
        with path.open("rb") as raw:
            head = raw.read(8192)
    except OSError as err:
        yield _failed(str(path), f"cannot read file ({err.strerror or err})")
        return
    if b"\x00" in head:
        yield _failed(str(path), "binary file, not text")
        return
    if kind in ("jsonl", "csv"):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            if kind == "jsonl":
                # str.splitlines() per physical line: the same line numbers as a whole-file split
                yield from read_jsonl((part for line in handle for part in line.splitlines()), str(path))
            else:
                yield from read_csv(handle, str(path))
        return
    text = path.read_bytes().decode("utf-8", errors="replace")
    if kind == "html":
        yield read_html(text, str(path))
    else:
        yield read_plain(text, str(path), default_id=path.stem)


def read_stream(stream: io.TextIOBase | Any, name: str) -> Iterator[Document]:
    """stdin: JSONL when the first non-blank character is `{`, otherwise one plain-text document."""
    text = stream.read()
    if text.lstrip().startswith("{"):
        yield from read_jsonl(text.splitlines(), name)
    elif text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        yield read_html(text, name)
    else:
        yield read_plain(text, name, default_id="stdin")


def read_plain(text: str, where: str, default_id: str) -> Document:
    """A first line followed by a blank line is the title."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    title = ""
    lines = text.split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title = lines[0].strip()
        text = "\n".join(lines[2:])
    if not text.strip():
        return _failed(where, "empty document")
    return Document(text=text, id=default_id, title=title)


def _record(fields: dict[str, Any], where: str, default_id: str) -> Document:
    text = fields.get("text")
    if not isinstance(text, str):
        return _failed(where, "field 'text' is missing or not a string")
    if not text.strip():
        return _failed(where, "empty text")
    doc = Document(text=text, id=str(fields.get("id") or default_id))
    for name in ("title", "date", "url", "source"):
        value = fields.get(name)
        if value not in (None, ""):
            setattr(doc, name, str(value))
    doc.title = doc.title or ""
    return doc


def read_jsonl(lines: Iterable[str], name: str) -> Iterator[Document]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield _failed(where, f"broken JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield _failed(where, "a JSON line must be an object")
            continue
        yield _record(record, where, default_id=where)


def read_csv(source: str | Iterable[str], name: str) -> Iterator[Document]:
    """CSV rows (text or an open file) with a `text` column, and optional id, title, date, url, source."""
    lines = io.StringIO(source) if isinstance(source, str) else source
    reader = csv.DictReader(line.lstrip("\ufeff") if number == 0 else line for number, line in enumerate(lines))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield _failed(name, "CSV has no 'text' column")
        return
    try:
        for row in reader:
            where = f"{name}:{reader.line_num}"
            yield _record(row, where, default_id=where)
    except csv.Error as err:
        yield _failed(f"{name}:{reader.line_num}", f"broken CSV ({err})")


def read_html(html: str, where: str) -> Document:
    """Article text, title and date with trafilatura (boilerplate stripped)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        return _failed(where, "no article text found in HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip():
        return _failed(where, "no article text found in HTML")
    return Document(
        text=text,
        id=Path(where).stem if where != "<stdin>" else "stdin",
        title=data.get("title") or "",
        date=data.get("date"),
        url=data.get("url"),
        source=data.get("sitename") or data.get("hostname"),
    )
