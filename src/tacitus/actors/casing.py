"""Text whose case says nothing: all lower-case ("the uk", "south african president") or all
upper-case headlines. In such a document capitals cannot tell names from words, so dictionary
matches are taken without them (the compiled tables hold no ordinary English words)."""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "tacitus_caseless"
MIN_LETTERS = 8  # too few letters to judge: "UN" alone is not a shouting document


def caseless(doc: Doc) -> bool:
    """True when nearly every cased word of `doc` is lower-case, or nearly every one upper-case."""
    cached = doc.user_data.get(KEY)
    if cached is not None:
        return bool(cached)
    lower = upper = mixed = 0
    for tok in doc:
        text = tok.text
        if not text.isalpha():
            continue
        if text.islower():
            lower += 1
        elif text.isupper() and len(text) > 1:
            upper += 1
        else:
            mixed += 1
    cased = lower + upper + mixed
    letters = sum(len(t.text) for t in doc if t.text.isalpha())
    # "Sejm" or "Arequipa" alone is written normally; a lone lower-case word may be anything.
    result = letters >= MIN_LETTERS and cased > 0 and (mixed + upper <= 0.02 * cased or lower + mixed <= 0.02 * cased) or (cased > 0 and mixed == 0 and upper == 0)
    doc.user_data[KEY] = result
    return result
