"""The framing register: which names each speaker uses for each actor, counted, stored,
exported and queried. Documents written for these tests."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.framing import NARRATOR, framing_register, normalise_name
from tacitus.model import Actor, ActorRef, Document, Mention, Span, Statement

# One speaker, several names for one actor (direct quotes, one speaker resolved across them).
ONE_SPEAKER = (
    "Iran's foreign minister Abbas Araghchi condemned Israel on Monday. "
    '"The Zionist regime is spreading war," Araghchi said. '
    '"The Zionist regime will pay, and the Zionist entity knows it," he said.'
)
# Two speakers naming one group differently.
TWO_SPEAKERS = (
    "Hamas fighters fired rockets at southern Israel on Monday. "
    'Israeli Prime Minister Benjamin Netanyahu said "Hamas terrorists will pay a heavy price." '
    "Iran's foreign minister said the resistance fighters of Hamas were defending their land."
)


def _uses(doc: Document, code_prefix: str) -> dict[tuple[str, str], int]:
    return {(u.speaker, u.name): u.count for u in framing_register(doc) if (u.actor_code or "").startswith(code_prefix)}


def test_one_speaker_several_names_for_one_actor(coder):
    doc = coder.code_text(ONE_SPEAKER, date="2024-01-15", id="f1")
    doc.source = "Gulf Wire"
    uses = _uses(doc, "ISR")
    minister = "Iran's foreign minister Abbas Araghchi"
    assert uses[(minister, "the Zionist regime")] == 2  # "The Zionist regime" twice, sentence-initial
    assert uses[(minister, "the Zionist entity")] == 1
    assert uses[("Gulf Wire", "Israel")] == 1  # the narration's word, credited to the source
    assert not any(speaker == "Gulf Wire" and "Zionist" in name for speaker, name in uses)
    speaker_codes = {u.speaker_code for u in framing_register(doc) if "Zionist" in u.name}
    assert speaker_codes == {"IRNGOV"}


def test_two_speakers_name_one_actor_differently(coder):
    doc = coder.code_text(TWO_SPEAKERS, date="2024-02-05", id="f2")
    uses = _uses(doc, "PSEREBHMS")
    assert uses[("Israeli Prime Minister Benjamin Netanyahu", "Hamas terrorists")] == 1
    assert uses[("Iran's foreign minister", "the resistance fighters of Hamas")] == 1
    assert uses[(NARRATOR, "Hamas fighters")] == 1  # no source: the narrator
    by_speaker = {}
    for (speaker, name), _n in uses.items():
        by_speaker.setdefault(speaker, set()).add(name)
    assert "Hamas terrorists" not in by_speaker["Iran's foreign minister"]
    assert "the resistance fighters of Hamas" not in by_speaker["Israeli Prime Minister Benjamin Netanyahu"]


def _at(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def test_register_on_a_hand_built_document_counts_and_skips_pronouns():
    text = 'The regime fell, said the rebels. "The regime is finished. The regime and its army ran," they said.'
    regime = Actor("A1", "regime", "SYRGOV", "SYR", "GOV", mentions=[
        Mention("The regime", *_at(text, "The regime", 0), 0), Mention("The regime", *_at(text, "The regime", 1), 1),
        Mention("The regime", *_at(text, "The regime", 2), 2), Mention("its", *_at(text, "its"), 2),
    ])
    rebels = Actor("A2", "rebels", "SYRREB", "SYR", "REB", mentions=[
        Mention("the rebels", *_at(text, "the rebels"), 0), Mention("they", *_at(text, "they"), 2),
    ])
    content = _at(text, "The regime is finished. The regime and its army ran,")
    they = _at(text, "they")
    quote = Statement("S1", 1, ActorRef.to(rebels, "they", start=they[0], end=they[1]),
                      Span("said", *_at(text, "said", 1)), Span(text[content[0]:content[1]], *content), True)
    doc = Document(text=text, source="Desk", actors=[regime, rebels], statements=[quote])
    uses = {(u.speaker, u.speaker_code, u.actor_code, u.name): u.count for u in framing_register(doc)}
    assert uses == {
        ("Desk", None, "SYRGOV", "the regime"): 1,
        ("the rebels", "SYRREB", "SYRGOV", "the regime"): 2,  # "its" is no name
        ("Desk", None, "SYRREB", "the rebels"): 1,  # "they" is no name
    }


@pytest.mark.parametrize(("text", "name"), [("The Zionist entity", "the Zionist entity"), ("Israel's", "Israel"), ("  the\nregime ", "the regime"), ("they", None), ("It", None), ("A Russian  convoy", "a Russian convoy")])
def test_names_are_normalised_and_pronouns_are_no_names(text, name):
    assert normalise_name(text) == name


def test_register_is_stored_exported_and_queried(coder, tmp_path):
    from tacitus.corpus import run_corpus

    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "f1", "date": "2024-01-15", "source": "Gulf Wire", "text": ONE_SPEAKER}) + "\n"
        + json.dumps({"id": "f2", "date": "2024-02-05", "source": "Border Post", "text": TWO_SPEAKERS}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    run_corpus([src], db, workers=1, coder=coder)
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "--db", str(db), "-f", "names"])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout), delimiter="\t"))
    expected = framing_register(coder.code_text(ONE_SPEAKER, date="2024-01-15"))
    f1 = [r for r in rows if r["document"] == "f1"]
    assert len(f1) == len(expected)
    assert {(r["name"], int(r["count"])) for r in f1 if r["speaker_code"] == "IRNGOV"} == {("the Zionist regime", 2), ("the Zionist entity", 1)}

    queried = runner.invoke(cli, ["query", "names", "--db", str(db), "--actor", "PSE", "--format", "json"])
    assert queried.exit_code == 0, queried.output
    got = {(r["speaker"], r["name"]): r["uses"] for r in json.loads(queried.stdout)}
    assert got[("Israeli Prime Minister Benjamin Netanyahu", "Hamas terrorists")] == 1
    assert got[("Border Post", "Hamas fighters")] == 1
    assert all(r["actor_code"].startswith("PSE") for r in json.loads(queried.stdout))

    by_speaker = runner.invoke(cli, ["query", "names", "--db", str(db), "--speaker", "netanyahu", "--format", "json"])
    names = {r["name"] for r in json.loads(by_speaker.stdout)}
    assert names == {"Hamas terrorists"}
