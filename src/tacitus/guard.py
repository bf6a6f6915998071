"""Coding documents so that no record is ever lost: one public entry point, `code_in_batches`.

Documents are parsed a batch at a time (spaCy batches well); if parsing a batch fails, its
documents are parsed one by one so that only the document at fault is rejected. A document
whose coding fails is rejected with the reason and the others go on. Before any of it, a
document is checked: text that is not a string, or longer than `MAX_CHARS`, is rejected with
the reason; lone surrogates (which no file, terminal or database accepts) become U+FFFD, one
character for one, so offsets do not move.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from tacitus.model import Document

MAX_CHARS = 20_000_000  # about 20 MB of text: past this a record is rejected, not coded
MAX_TITLE_CHARS = 100_000
SURROGATES = re.compile("[\ud800-\udfff]")

Parse = Callable[[Iterable[tuple[str, str]]], list[Any]]
CodeOne = Callable[[Document, Any], Any]


def code_in_batches(documents: Iterable[Document], batch_size: int, parse: Parse, code_one: CodeOne) -> Iterator[Document]:
    """Parse and code `documents` `batch_size` at a time, yielding each one coded or with its
    `errors` saying why not, in input order."""
    stream = iter(documents)
    while chunk := list(islice(stream, batch_size)):
        ready = [d for d in chunk if not d.errors and _admit(d)]
        try:
            parsed = parse((d.title or "", d.text) for d in ready)
        except Exception:  # one bad document must not take its batch with it: find it
            parsed = [_parse_alone(parse, d) for d in ready]
        for document, sentences in zip(ready, parsed, strict=True):
            if sentences is None:
                continue
            try:
                code_one(document, sentences)
            except Exception as err:
                document.actors, document.events, document.statements = [], [], []
                document.errors.append(f"{document.id}: coding failed ({type(err).__name__}: {err})")
        yield from chunk


def _parse_alone(parse: Parse, document: Document) -> Any:
    try:
        return parse([(document.title or "", document.text)])[0]
    except Exception as err:
        document.errors.append(f"{document.id}: parsing failed ({type(err).__name__}: {err})")
        return None


def _admit(document: Document) -> bool:
    """Check a document before parsing; a reason in its errors if it cannot be coded."""
    text, title = document.text, document.title or ""
    if not isinstance(text, str) or not isinstance(title, str):
        document.errors.append(f"{document.id}: text and title must be strings")
        return False
    if len(text) > MAX_CHARS:
        document.errors.append(
            f"{document.id}: text of {len(text):,} characters is over the limit of {MAX_CHARS:,} "
            f"(about 20 MB); split the document"
        )
        return False
    if len(title) > MAX_TITLE_CHARS:
        document.errors.append(f"{document.id}: title of {len(title):,} characters is over the limit of {MAX_TITLE_CHARS:,}")
        return False
    if SURROGATES.search(text):
        document.text = SURROGATES.sub("\ufffd", text)
    if SURROGATES.search(title):
        document.title = SURROGATES.sub("\ufffd", title)
    return True
