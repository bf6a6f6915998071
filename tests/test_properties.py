"""Properties that hold for any input: coding never crashes, offsets always point into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "Iran", "Israeli", "police", "arrested", "the", "minister", "said", "he", "condemned", "troops",
    "met", "in", "Cairo", "on", "Monday", "rebels", "attacked", "a", "village", "and", "will", "not",
    "talks", "with", "UN", "\"", ",", ".", "?", "according", "to", "Hamas", "sanctions", "imposed",
]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join)
texts = st.one_of(sentences, st.text(min_size=1, max_size=200))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_any_text_codes_with_consistent_offsets(coder, text):
    doc = coder.code_text(text, date="2024-01-01")
    assert not doc.errors, doc.errors
    for event in doc.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for ref in (event.source, event.target):
            if ref is not None and ref.start is not None:
                assert text[ref.start : ref.end] == ref.text
                assert ref.phrase_start <= ref.start and ref.end <= ref.phrase_end
        assert event.cameo.startswith(event.root) and 1 <= event.quad_class <= 4
    for actor in doc.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
    for statement in doc.statements:
        assert text[statement.content.start : statement.content.end] == statement.content.text
