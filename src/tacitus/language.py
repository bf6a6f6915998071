"""Is a document English? The lexicon and the spaCy model are English: a document in another
language would give no events and no word of why, so it is rejected with its language.

Detection is offline and cheap: py3langid's model ships inside its wheel, and only a prefix
of the text is looked at. A document is called non-English only when the detector is sure
(lower-cased or unpunctuated English is still English), or when most of its letters are not
Latin (Arabic, Chinese, Cyrillic ...); too few letters to tell (numbers, symbols) is not a
reason to reject.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

PREFIX = 2_000  # characters looked at
MIN_LETTERS = 20  # fewer letters than this: cannot tell, keep the document
SURE = 0.90  # probability a Latin-script text must have of another language to be rejected
LATIN_END = "\u0250"  # Basic Latin through Latin Extended-B


@cache
def _identifier(folder: Path | None = None) -> Any:
    """py3langid's model: decompressing it (xz) is ~0.4 s of every start, so the loaded model is
    kept in the cache directory (keyed by the model file and the package's version)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from tacitus.lexcache import third_party

    def build() -> Any:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    return third_party("langid", build, MODEL_DIR / MODEL_FILE, f"py3langid {version('py3langid')}", folder)


def non_english(text: str) -> str | None:
    """The ISO 639-1 code of a text's language when it is clearly not English, else None."""
    sample = text[:PREFIX]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    if language == "en":
        return None
    latin = sum(1 for c in letters if c < LATIN_END) / len(letters)
    if latin < 0.5 or probability >= SURE:
        return str(language)
    return None
