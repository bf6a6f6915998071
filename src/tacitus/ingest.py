"""Files, formats and stdin -> Documents.

Every record read becomes a `Document`. A record that cannot be read (unreadable file, broken
JSON line, missing or empty text, binary content, a CSV quote never closed, a language other
than English) becomes a Document whose `errors` name the file, the line and the reason, so the
run goes on and every record is accounted for.

Bytes are decoded by their BOM (UTF-8, UTF-16, UTF-32), else as UTF-8, else as Windows-1252
(what English text that is not UTF-8 almost always is) when charset-normalizer finds that
plausible, else as charset-normalizer's best guess. Lone surrogates and NUL characters, which
no output file or database accepts, become U+FFFD and a space: one character for one, so
offsets do not move. Files of unknown type in a directory are skipped, and listed once.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tacitus.language import non_english
from tacitus.model import Document

LOG = logging.getLogger("tacitus.ingest")
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LATIN_SINGLE_BYTE = frozenset(["cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp437"])
SNIFF = 1 << 16  # bytes looked at to choose a streamed file's encoding
UNSTORABLE = re.compile("[\ud800-\udfff\x00]")

SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html"}
FIELDS = ("id", "title", "date", "url", "source")

CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)  # a long article is one field; csv allows 128 KB by default


def input_files(path: Path, skipped: list[Path] | None = None) -> list[Path]:
    """The files a path names: itself, or every readable file below a directory (the others
    are added to `skipped`)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        if skipped is not None:
            skipped.extend(p for p in files if p.suffix.lower() not in SUFFIXES)
        return [p for p in files if p.suffix.lower() in SUFFIXES]
    return [path]


def read_inputs(paths: Iterable[str | Path], date: str | None = None, any_language: bool = False) -> Iterator[Document]:
    """Documents from files, directories (recursively) and `-` (stdin), in the order given,
    streamed: JSONL and CSV files are read record by record, so memory stays flat.

    `date` is the default date of documents that carry none. A document detected as not
    English is rejected ("language fr, English only") unless `any_language`.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _finish(_read_stream(sys.stdin, "<stdin>"), date, any_language)
            continue
        skipped: list[Path] = []
        files = input_files(Path(raw), skipped)
        if skipped:
            names = ", ".join(str(p.relative_to(raw)) for p in skipped[:10]) + (", ..." if len(skipped) > 10 else "")
            LOG.warning(f"{raw}: skipped {len(skipped)} file(s) of unknown type ({names}); read are {', '.join(sorted(SUFFIXES))}")
        for file in files:
            yield from _finish(_read_file(file), date, any_language)


def _finish(found: Iterable[tuple[str, Document]], date: str | None, any_language: bool) -> Iterator[Document]:
    """Default date, and the language check, for documents read at `where`."""
    for where, doc in found:
        if date and not doc.date:
            doc.date = date
        if not doc.errors and not any_language:
            language = non_english(doc.text)
            if language:
                doc.errors.append(f"{where}: language {language}, English only (--any-language codes it anyway)")
        yield doc


def _clean(text: str) -> str:
    return UNSTORABLE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", text) if UNSTORABLE.search(text) else text


def decode(data: bytes) -> str:
    """Text of a file's bytes (see the module's note on encodings)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(_legacy_encoding(data), errors="replace")


def _legacy_encoding(data: bytes) -> str:
    """Not UTF-8: Windows-1252 when the bytes are that and charset-normalizer sees a Latin
    single-byte text (it cannot tell 1252 from its Central European twin 1250 on English
    text, where 1252 is the one that makes sense); else charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SNIFF * 4]).best()
    try:
        data[: SNIFF * 4].decode("cp1252")
        fits_1252 = True
    except UnicodeDecodeError:
        fits_1252 = False
    if best is None or (fits_1252 and best.encoding in LATIN_SINGLE_BYTE):
        return "cp1252"
    return best.encoding


def _stream_encoding(head: bytes) -> str:
    """The encoding of a file streamed line by line, from its first bytes."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut character at the end is fine
        return "utf-8"
    except UnicodeDecodeError:
        return _legacy_encoding(head)


def _binary(head: bytes) -> bool:
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in BOMS)


def _failed(where: str, reason: str) -> Document:
    return Document(text="", id=where, errors=[f"{where}: {reason}"])


def read_file(path: Path) -> Iterator[Document]:
    """The documents of one file (a bad record is a Document with its errors)."""
    return (doc for _, doc in _read_file(path))


def read_stream(stream: io.TextIOBase | Any, name: str) -> Iterator[Document]:
    """stdin: JSONL when the first non-blank character is `{`, otherwise one plain-text document."""
    return (doc for _, doc in _read_stream(stream, name))


def _read_file(path: Path) -> Iterator[tuple[str, Document]]:
    kind = SUFFIXES.get(path.suffix.lower(), "txt")
    where = str(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(SNIFF)
    except OSError as err:
        yield where, _failed(where, f"cannot read file ({err.strerror or err})")
        return
    if _binary(head):
        yield where, _failed(where, "binary file, not text")
        return
    try:
        if kind in ("jsonl", "csv"):
            with path.open(encoding=_stream_encoding(head), errors="replace", newline="") as handle:
                if kind == "jsonl":
                    # str.splitlines() per physical line: the same line numbers as a whole-file split
                    yield from _read_jsonl((part for line in handle for part in line.splitlines()), where)
                else:
                    yield from _read_csv(handle, where)
            return
        text = decode(path.read_bytes())
    except OSError as err:
        yield where, _failed(where, f"cannot read file ({err.strerror or err})")
        return
    if kind == "html":
        yield where, read_html(text, where)
    else:
        yield where, read_plain(text, where, default_id=path.stem)


def _read_stream(stream: io.TextIOBase | Any, name: str) -> Iterator[tuple[str, Document]]:
    buffer = getattr(stream, "buffer", None)
    text = decode(buffer.read()) if buffer is not None else stream.read()
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        yield from _read_jsonl(text.splitlines(), name)
    elif text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        yield name, read_html(text, name)
    else:
        yield name, read_plain(text, name, default_id="stdin")


def read_plain(text: str, where: str, default_id: str) -> Document:
    """A first line followed by a blank line is the title."""
    text = _clean(text.replace("\r\n", "\n").lstrip("\ufeff"))
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
    doc = Document(text=_clean(text), id=_clean(str(fields.get("id") or default_id)))
    for name in ("title", "date", "url", "source"):
        value = fields.get(name)
        if value not in (None, ""):
            setattr(doc, name, _clean(str(value)))
    doc.title = doc.title or ""
    return doc


def read_jsonl(lines: Iterable[str], name: str) -> Iterator[Document]:
    return (doc for _, doc in _read_jsonl(lines, name))


def _read_jsonl(lines: Iterable[str], name: str) -> Iterator[tuple[str, Document]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line.lstrip("\ufeff") if number == 1 else line)
        except json.JSONDecodeError as err:
            yield where, _failed(where, f"broken JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            yield where, _failed(where, "broken JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield where, _failed(where, "a JSON line must be an object")
            continue
        yield where, _record(record, where, default_id=where)


def read_csv(source: str | Iterable[str], name: str) -> Iterator[Document]:
    """CSV rows (text or an open file) with a `text` column, and optional id, title, date, url, source."""
    return (doc for _, doc in _read_csv(source, name))


def _read_csv(source: str | Iterable[str], name: str) -> Iterator[tuple[str, Document]]:
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)  # csv's limit is process-wide: set it while reading only
    try:
        yield from _csv_records(source, name)
    finally:
        csv.field_size_limit(previous)


def _csv_records(source: str | Iterable[str], name: str) -> Iterator[tuple[str, Document]]:
    lines = io.StringIO(source) if isinstance(source, str) else source
    # strict: a quote never closed is an error, not the rest of the file read as one field
    reader = csv.DictReader((line.lstrip("\ufeff") if number == 0 else line for number, line in enumerate(lines)), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as err:
        yield name, _failed(f"{name}:1", f"broken CSV header ({err})")
        return
    if not fieldnames or "text" not in fieldnames:
        yield name, _failed(name, "CSV has no 'text' column")
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            where = f"{name}:{start}"
            reason = f"a quote opened on line {start} is never closed" if "end of data" in str(err) else str(err)
            yield where, _failed(where, f"broken CSV ({reason})")
            if reader.line_num < start:
                return
            continue
        where = f"{name}:{reader.line_num}"
        yield where, _record(row, where, default_id=where)


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
