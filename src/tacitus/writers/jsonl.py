"""JSONL: one object per document, the contract in model.Document.to_dict."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from tacitus.model import Document


def write_jsonl(documents: Iterable[Document], out: TextIO, all_events: bool = True, include_text: bool = False) -> int:
    """Write every document; returns the number written. `all_events` is accepted for symmetry:
    the JSON keeps every event with its flags. `include_text` adds each document's `text`,
    which the offsets point into."""
    count = 0
    for doc in documents:
        line = json.dumps(doc.to_dict(include_text=include_text), ensure_ascii=False)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from the caller: JSON escapes keep it, and the file valid
            line = json.dumps(doc.to_dict(include_text=include_text))
        out.write(line + "\n")
        count += 1
    return count
