"""`tacitus show` (the terminal view) and `tacitus code --with-text`."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.model import Document
from tacitus.show import _highlighted, actor_colours, event_line, evidence_snippet, show

TEXT = (
    "Brazil's foreign minister condemned Venezuela on Tuesday. "
    '"Caracas has broken its promises," the minister told reporters in Brasilia.'
)


def _coded(coder) -> Document:
    return coder.code_text(TEXT, date="2024-06-04", id="br1")


def test_event_line_reads_source_code_target_evidence(coder):
    doc = _coded(coder)
    lines = [event_line(e).plain for e in doc.events]
    condemn = next(line for line in lines if "—111 " in line)
    assert condemn.startswith("BRAGOV —111 ")
    assert "→ VEN" in condemn
    assert '"Brazil\'s foreign minister condemned Venezuela on Tuesday."' in condemn


def test_attributed_event_names_the_speaker(coder):
    doc = _coded(coder)
    said = [e for e in doc.events if e.attributed_to]
    assert said, "the quoted accusation is the minister's claim"
    names = {a.id: a.mentions[0].text for a in doc.actors}
    line = event_line(said[0], names).plain
    speaker = next(a for a in doc.actors if a.id == said[0].attributed_to)
    assert speaker.code == "BRAGOV"
    assert line.endswith(f"[attributed to {speaker.id} (Brazil's foreign minister)]")


def test_mentions_take_their_actors_colour_and_triggers_are_bold(coder):
    doc = _coded(coder)
    text = _highlighted(doc.text, doc, sentence_filter=True)
    colours = actor_colours(doc)
    styled = {(span.start, span.end): str(span.style) for span in text.spans}
    for actor in doc.actors:
        for mention in actor.mentions:
            assert styled[(mention.start, mention.end)] == f"bold {colours[actor.id]}"
    for event in doc.events:
        assert styled[(event.trigger.start, event.trigger.end)] == "bold underline"
    quote = doc.statements[0].content
    assert styled[(quote.start, quote.end)] == "italic"


def test_evidence_is_cut_on_word_boundaries_around_the_trigger(coder):
    long_text = "After a long night of talks that went on well past midnight in the capital, " + TEXT
    doc = coder.code_text(long_text, date="2024-06-04")
    event = next(e for e in doc.events if e.cameo.startswith("11"))
    snippet = evidence_snippet(event, width=40)
    assert "condemned" in snippet and snippet.startswith("…")
    words = set(" ".join(event.evidence.split()).split())
    assert all(w.strip("…") in words for w in snippet.split())


def test_code_with_text_gives_the_text_the_offsets_point_into(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", "--with-text", str(src)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.splitlines()[0])
    assert data["text"] == TEXT
    for actor in data["actors"]:
        for m in actor["mentions"]:
            assert data["text"][m["start"] : m["end"]] == m["text"]
    plain = CliRunner().invoke(cli, ["code", str(src)])
    assert "text" not in json.loads(plain.stdout.splitlines()[0])


def test_show_reads_coded_jsonl_from_stdin_and_codes_raw_text(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    coded = runner.invoke(cli, ["code", "--with-text", str(src)]).stdout
    from_jsonl = runner.invoke(cli, ["show", "-", "--width", "200"], input=coded)
    assert from_jsonl.exit_code == 0, from_jsonl.output
    from_text = runner.invoke(cli, ["show", str(src), "--width", "200"])
    assert from_text.exit_code == 0, from_text.output
    for out in (from_jsonl.stdout, from_text.stdout):
        assert TEXT.split(".")[0] in out
        assert "BRAGOV —111 " in out
        assert "statements (1)" in out


def test_show_reports_a_broken_line_and_goes_on():
    good = Document(text="Nothing happened.", id="ok").to_dict(include_text=True)
    lines = ['{"events": [], "actors": [{"bad": 1}]}', json.dumps(good)]
    from tacitus.show import read_coded

    docs = list(read_coded(lines, "in.jsonl"))
    assert docs[0].errors and docs[0].errors[0].startswith("in.jsonl:1: not a coded document")
    out = io.StringIO()
    assert show(docs, out=out, width=100) == 2
    assert "Nothing happened." in out.getvalue()
