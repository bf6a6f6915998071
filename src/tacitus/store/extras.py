"""Rows of the tables added in schema 3: the document's text and its framing register."""

from __future__ import annotations

from typing import Any

from tacitus.model import Document

TEXT_COLUMNS = ("doc_key", "text")
NAME_COLUMNS = ("doc_key", "ordinal", "speaker", "speaker_code", "speaker_actor", "actor", "actor_code", "name", "count")


def text_rows(key: str, doc: Document) -> list[tuple[Any, ...]]:
    return [(key, doc.text)] if doc.text else []


def name_rows(key: str, doc: Document) -> list[tuple[Any, ...]]:
    from tacitus.framing import framing_register

    return [
        (key, n, u.speaker, u.speaker_code, u.speaker_actor, u.actor, u.actor_code, u.name, u.count)
        for n, u in enumerate(framing_register(doc))
    ]
