"""The framing register: which names each speaker uses for each actor, counted.

A mention of an actor inside a statement's content is the speaker's word for it; any other
mention is the narrator's (the article's source). Pronouns are left out, and a leading article
is lower-cased, so "The Zionist regime" and "the Zionist regime" count as one name. The
register records usage only: it makes no judgement about any name.

    for entry in framing_register(doc):
        print(entry.speaker, entry.actor_code, entry.name, entry.count)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from tacitus.datafiles import load_yaml, read_data
from tacitus.model import Actor, Document, Statement

NARRATOR = "(narrator)"  # the speaker of narration when the article names no source


class FramingDataError(ValueError):
    pass


@dataclass(frozen=True)
class FramingWords:
    not_names: frozenset[str]
    articles: frozenset[str]


@cache
def load_framing_words() -> FramingWords:
    data = load_yaml(read_data("framing.yaml"))
    if not isinstance(data, dict):
        raise FramingDataError("framing.yaml: expected a mapping")
    sets = {}
    for key in ("not_names", "articles"):
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() and w.strip() for w in words):
            raise FramingDataError(f"framing.yaml:{key}: needs a list of lower-case words")
        sets[key] = frozenset(words)
    return FramingWords(**sets)


@dataclass(frozen=True)
class NameUse:
    """One speaker's name for one actor in one document, and how often it was used."""

    speaker: str  # the speaker's name (its fullest mention), or the article's source
    speaker_code: str | None
    speaker_actor: str | None  # actor id of the speaker in this document; None for narration
    actor: str  # actor id in this document
    actor_code: str | None
    name: str
    count: int


def normalise_name(text: str, words: FramingWords | None = None) -> str | None:
    """The name as used, or None when the mention is no name (a pronoun)."""
    words = words or load_framing_words()
    name = " ".join(text.split())
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    name = name.rstrip("'’")
    if not name or name.lower() in words.not_names:
        return None
    first, _, rest = name.partition(" ")
    if rest and first.lower() in words.articles:
        name = f"{first.lower()} {rest}"
    return name


def _fullest_name(actor: Actor, words: FramingWords) -> str:
    names = [n for m in actor.mentions if (n := normalise_name(m.text, words))]
    return max(names, key=len) if names else actor.name


def _speaking(statements: list[Statement], sentence: int, start: int, end: int) -> Statement | None:
    """The innermost statement whose content holds this span."""
    holding = [
        s for s in statements
        if (s.sentence >= 0) == (sentence >= 0) and s.content.start is not None and s.content.start <= start and end <= s.content.end
    ]
    return min(holding, key=lambda s: s.content.end - s.content.start) if holding else None


def framing_register(doc: Document) -> list[NameUse]:
    """Every (speaker, actor, name) of a coded document with its count, in order of first use."""
    words = load_framing_words()
    actors = {a.id: a for a in doc.actors}
    counts: Counter[tuple[str, str | None, str | None, str, str | None, str]] = Counter()
    for actor in doc.actors:
        for mention in actor.mentions:
            name = normalise_name(mention.text, words)
            if name is None:
                continue
            statement = _speaking(doc.statements, mention.sentence, mention.start, mention.end)
            if statement is None:
                speaker, speaker_code, speaker_actor = doc.source or NARRATOR, None, None
            else:
                ref = statement.speaker
                owner = actors.get(ref.actor or "")
                speaker = _fullest_name(owner, words) if owner else (normalise_name(ref.text, words) or ref.text)
                speaker_code, speaker_actor = ref.code, ref.actor
            counts[(speaker, speaker_code, speaker_actor, actor.id, actor.code, name)] += 1
    return [NameUse(*key, count=n) for key, n in counts.items()]


# --- the register of a store ----------------------------------------------------------------

NAME_EXPORT_COLUMNS = ("document", "date", "source", "speaker", "speaker_code", "speaker_actor", "actor", "actor_code", "name", "count")


def export_names(db: str, output: str = "-", actor: str | None = None) -> int:
    """Write a store's framing register as TSV, one row per document, speaker, actor and name;
    returns the number of rows."""
    import csv

    import click

    from tacitus.store import open_store
    from tacitus.store.views import document_names

    backend = open_store(db, create=False)
    try:
        rows = document_names(backend, actor=actor)
    finally:
        backend.close()
    with click.open_file(output, "w", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(NAME_EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in NAME_EXPORT_COLUMNS])
    return len(rows)


def names_frame(db: str, actor: str | None = None, speaker: str | None = None):  # -> pandas.DataFrame
    """The framing register across a store, summed over documents: speaker, speaker_code,
    actor_code, name, uses, documents."""
    import pandas as pd

    from tacitus.store import open_store
    from tacitus.store.views import framing_names

    backend = open_store(db, create=False)
    try:
        rows = framing_names(backend, actor=actor, speaker=speaker)
    finally:
        backend.close()
    return pd.DataFrame.from_records(rows, columns=["speaker", "speaker_code", "actor_code", "name", "uses", "documents"])
