"""`tacitus show`: coded documents for a human, in the terminal.

The text comes first with every actor mention in its actor's colour, event triggers in bold
and quoted content in italics; then the events, one per line:

    IRNGOV —111 disapprove→ USA  "…condemned the United States…"  [attributed to A1]

`render_document` returns a `rich.text.Text`, so the same view works in a terminal (colour)
and in a pipe (plain text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from rich.console import Console, Group
from rich.rule import Rule
from rich.text import Text

from tacitus.model import Document, Event

# Distinct, readable on dark and light terminals; actors beyond the palette reuse it.
PALETTE = ("cyan", "magenta", "green", "yellow", "bright_blue", "bright_red", "bright_cyan", "bright_magenta", "bright_green", "orange3")
EVIDENCE_WIDTH = 70


def actor_colours(doc: Document) -> dict[str, str]:
    """Actor id -> colour, in the order actors appear."""
    return {actor.id: PALETTE[n % len(PALETTE)] for n, actor in enumerate(doc.actors)}


def _highlighted(text: str, doc: Document, sentence_filter: bool) -> Text:
    """`text` (the body when `sentence_filter` is True, else the title) with its spans styled.
    Title spans have sentence -1 and offsets into the title."""
    out = Text(text)
    size = len(text)

    def in_text(sentence: int) -> bool:
        return (sentence >= 0) == sentence_filter

    def stylize(style: str, start: int | None, end: int | None) -> None:
        if start is not None and end is not None and 0 <= start < end <= size:
            out.stylize(style, start, end)

    for statement in doc.statements:
        if in_text(statement.sentence):
            stylize("italic", statement.content.start, statement.content.end)
    colours = actor_colours(doc)
    for actor in doc.actors:
        for mention in actor.mentions:
            if in_text(mention.sentence):
                stylize(f"bold {colours[actor.id]}", mention.start, mention.end)
    for event in doc.events:
        if in_text(event.sentence):
            stylize("bold underline", event.trigger.start, event.trigger.end)
    return out


def evidence_snippet(event: Event, width: int = EVIDENCE_WIDTH) -> str:
    """The evidence sentence cut to about `width` characters around the trigger."""
    sentence = " ".join(event.evidence.split())
    if len(sentence) <= width:
        return sentence
    at = sentence.find(event.trigger.text) if event.trigger.text else -1
    centre = at + len(event.trigger.text) // 2 if at >= 0 else 0
    start = max(0, min(centre - width // 2, len(sentence) - width))
    end = start + width
    # whole words only: move the cut points out to the nearest spaces
    while start > 0 and sentence[start - 1] != " ":
        start -= 1
    while end < len(sentence) and sentence[end] != " ":
        end += 1
    piece = sentence[start:end].strip()
    return ("…" if start > 0 else "") + piece + ("…" if end < len(sentence) else "")


def event_line(event: Event, names: dict[str, str] | None = None) -> Text:
    """`SRC —CODE name→ TGT  "evidence"  [flags]`, coloured by QuadClass."""
    from tacitus.ontology import load_cameo

    cameo = load_cameo()
    name = cameo[event.cameo].name.lower() if event.cameo in cameo else ""
    source = (event.source.code or event.source.text) if event.source else "(none)"
    target = (event.target.code or event.target.text) if event.target else "(none)"
    colour = {1: "green", 2: "bright_green", 3: "yellow", 4: "red"}.get(event.quad_class, "white")
    line = Text()
    line.append(source or "?", style="bold")
    line.append(f" —{event.cameo} {name}→ ".replace(" →", "→"), style=colour)
    line.append(target or "?", style="bold")
    line.append(f'  "{evidence_snippet(event)}"', style="dim")
    flags = []
    if event.negated:
        flags.append("negated")
    if event.modality != "asserted":
        flags.append(event.modality)
    if event.attributed_to:
        who = (names or {}).get(event.attributed_to)
        flags.append(f"attributed to {event.attributed_to}" + (f" ({who})" if who else ""))
    if flags:
        line.append("  [" + ", ".join(flags) + "]", style="italic")
    return line


def render_document(doc: Document) -> Group:
    """Heading, highlighted title and text, events, statements and errors of one document."""
    parts: list[Text | Rule] = []
    heading = " · ".join(x for x in (doc.id, doc.date, doc.source) if x)
    parts.append(Rule(Text(heading or "document", style="bold")))
    if doc.title:
        parts.append(Text.assemble(_highlighted(doc.title, doc, sentence_filter=False), style="bold"))
    if doc.text:
        parts.append(_highlighted(doc.text, doc, sentence_filter=True))
    else:
        parts.append(Text("(no text: code with `tacitus code --with-text` to see it)", style="dim italic"))
    colours = actor_colours(doc)
    if doc.actors:
        legend = Text("actors: ", style="dim")
        for actor in doc.actors:
            legend.append(f"{actor.id} {actor.code or '?'}", style=f"bold {colours[actor.id]}")
            legend.append(f" ({actor.mentions[0].text if actor.mentions else actor.name})  ", style="dim")
        parts.append(legend)
    names = {a.id: (a.mentions[0].text if a.mentions else a.name) for a in doc.actors}
    parts.append(Text(f"events ({len(doc.events)})", style="bold"))
    parts.extend(event_line(e, names) for e in doc.events)
    if doc.statements:
        parts.append(Text(f"statements ({len(doc.statements)})", style="bold"))
        for s in doc.statements:
            line = Text(f"{s.id} ")
            line.append(s.speaker.code or s.speaker.text or "?", style="bold")
            line.append(f" {s.cue.text}: ", style="dim")
            line.append(("“" if s.direct else "") + " ".join(s.content.text.split()) + ("”" if s.direct else ""), style="italic")
            parts.append(line)
    for error in doc.errors:
        parts.append(Text(f"error: {error}", style="bold red"))
    return Group(*parts)


def read_coded(lines: Iterable[str], name: str) -> Iterator[Document]:
    """Coded documents from JSONL as `tacitus code` writes it; a broken line is one error
    document naming the line and the reason."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("a JSON line must be an object")
            yield Document.from_dict(data)
        except (ValueError, KeyError, TypeError) as err:
            yield Document(text="", id=f"{name}:{number}", errors=[f"{name}:{number}: not a coded document ({type(err).__name__}: {err})"])


def is_coded(first_line: str) -> bool:
    """A coded JSONL line carries `events`; anything else is input still to code."""
    try:
        data = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(data, dict) and "events" in data


def show(documents: Iterable[Document], out: TextIO | None = None, width: int | None = None) -> int:
    """Print every document; returns how many were shown."""
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    count = 0
    for doc in documents:
        console.print(render_document(doc))
        console.print()
        count += 1
    return count


def load(paths: Iterable[str], date: str | None = None, coder_factory=None) -> Iterator[Document]:
    """Documents to show: coded JSONL is read as it is; any other input (text, HTML, CSV,
    plain JSONL) is coded first, with its text kept for highlighting."""
    import io
    import itertools
    import sys
    from pathlib import Path

    from tacitus.ingest import read_inputs, read_stream

    coder = None
    for path in paths:
        if path == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if hasattr(sys.stdin, "buffer") else sys.stdin
            first = stream.readline()
            lines = itertools.chain([first], stream)
            if is_coded(first):
                yield from read_coded(lines, "stdin")
                continue
            raw = read_stream(io.StringIO("".join(lines)), "stdin")
        else:
            file = Path(path)
            if file.is_file() and file.suffix.lower() == ".jsonl":
                with file.open(encoding="utf-8", errors="replace") as handle:
                    first = handle.readline()
                    if is_coded(first):
                        yield from read_coded(itertools.chain([first], handle), str(file))
                        continue
            raw = read_inputs([path], date=date)
        if coder is None:
            coder = coder_factory()
        yield from coder.code_documents(_dated(raw, date))


def _dated(docs: Iterable[Document], date: str | None) -> Iterator[Document]:
    for doc in docs:
        if date and not doc.date:
            doc.date = date
        yield doc
