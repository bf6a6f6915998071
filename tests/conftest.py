from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def coder():
    """One coder (spaCy + lexicons) for the whole test session."""
    from tacitus.pipeline import default_coder

    return default_coder()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data (development data) is not present")
    return SHARED


@pytest.fixture(scope="session")
def prepared(coder):
    """Parse a text and run the first stages (mentions, resolution): the CodingDoc later stages read."""
    from tacitus.model import Document

    def run(text: str, date: str | None = None, title: str = ""):
        document = Document(text=text, date=date, title=title)
        [sentences] = coder.parser.parse([(title, text)])
        return coder.prepare(document, sentences)

    return run


@pytest.fixture(scope="session")
def built(coder):
    """The events stage on one sentence of a prepared document: triggers -> built events
    (before qualify, derived events and dedupe)."""
    from tacitus.events.build import trigger_events
    from tacitus.events.extract import find_triggers
    from tacitus.statements import sentence_statements

    def run(doc, sentence):
        speech = sentence_statements(doc, sentence, coder.speech)
        return [e for t in find_triggers(sentence.span, coder.knowledge.lexicon) for e in trigger_events(doc, sentence, t, speech, coder.knowledge)]

    return run


def logged(caplog) -> list[str]:
    """The messages caplog captured, each record once: pytest ≥ 9.2 hands a record to both the
    named logger's capture handler and the root's when the logger propagates."""
    return [r.getMessage() for r in {id(r): r for r in caplog.records}.values()]
