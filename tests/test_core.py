"""End to end: the API, the CLI and every writer on real sentences."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.model import Document
from tacitus.writers.gdelt import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
OMAN = (
    "Iran's foreign minister met his Omani counterpart in Muscat on Monday. "
    "He praised Oman's mediation and condemned Israel's strikes on Gaza."
)


def _find(doc, root, source=None, target=None):
    return [
        e
        for e in doc.events
        if e.root == root
        and (source is None or (e.source and e.source.code == source))
        and (target is None or (e.target and e.target.code and e.target.code.startswith(target)))
    ]


def test_issue_example_article(coder):
    doc = coder.code_text(OMAN, date="2024-03-04")
    [meeting] = _find(doc, "04", "IRNGOV", "OMN")
    assert meeting.plover.type == "CONSULT" and meeting.quad_class == 1
    assert meeting.trigger.text == "met" and meeting.sentence == 0
    assert meeting.date == "2024-03-04"
    assert meeting.place is not None and meeting.place.country == "OMN"
    praise = _find(doc, "05", "IRNGOV", "OMN")
    condemn = _find(doc, "11", "IRNGOV", "ISR")
    assert praise and condemn
    # "He" is the minister: the same actor as the meeting's source.
    assert praise[0].source.text == "He"
    assert praise[0].source.actor == meeting.source.actor == condemn[0].source.actor
    minister = next(a for a in doc.actors if a.id == meeting.source.actor)
    assert [m.text for m in minister.mentions][-1] == "He"
    assert condemn[0].goldstein < 0 < praise[0].goldstein
    assert condemn[0].evidence.startswith("He praised")


def test_offsets_point_into_the_text(coder):
    doc = coder.code_text(OMAN, date="2024-03-04")
    for event in doc.events:
        assert OMAN[event.trigger.start : event.trigger.end] == event.trigger.text
        for ref in (event.source, event.target):
            if ref is not None and ref.start is not None:
                assert OMAN[ref.start : ref.end] == ref.text
    for actor in doc.actors:
        for m in actor.mentions:
            assert OMAN[m.start : m.end] == m.text


def test_title_is_coded_and_not_double_counted(coder):
    doc = coder.code_text(
        "Turkish troops shelled Kurdish positions in northern Syria on Sunday, the defence ministry said.",
        title="Turkish troops shell Kurdish positions in Syria",
        date="2024-06-02",
    )
    shelling = [e for e in doc.events if e.root == "19"]
    assert shelling, "no fighting event"
    assert {e.sentence for e in shelling} == {0}, "the title's event repeats the body's and must be reported once"


def test_title_only_event_keeps_sentence_minus_one(coder):
    doc = coder.code_text("The talks lasted three hours.", title="Japan condemns North Korean missile launch")
    title_events = [e for e in doc.events if e.sentence == -1]
    assert any(e.root == "11" and e.source.code == "JPN" for e in title_events)


def test_code_documents_streams_documents_and_keeps_errors(coder):
    docs = [
        Document(text="Police arrested forty protesters in Minsk.", id="a"),
        Document(text="", id="bad", errors=["bad: empty text"]),
        Document(text="Chinese warships held drills near Taiwan.", id="c"),
    ]
    out = list(coder.code_documents(docs))
    assert [d.id for d in out] == ["a", "bad", "c"]
    assert out[1].errors == ["bad: empty text"] and not out[1].events
    assert _find(out[0], "17")


def test_module_level_api():
    import tacitus

    doc = tacitus.code_text("Russian forces shelled Kharkiv on Friday.", date="2024-05-10")
    assert isinstance(doc, tacitus.Document)
    assert any(e.root == "19" and e.source.code == "RUSMIL" for e in doc.events)
    [again] = list(tacitus.code_documents(["Russian forces shelled Kharkiv on Friday."]))
    assert any(e.root == "19" for e in again.events)


# --- CLI ------------------------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_jsonl_contract(runner, tmp_path):
    path = tmp_path / "oman.txt"
    path.write_text(OMAN, encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "--date", "2024-03-04"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(record) >= {"id", "title", "date", "actors", "events", "statements", "errors"}
    event = record["events"][0]
    for key in ("id", "sentence", "evidence", "source", "target", "cameo", "root", "quad_class", "goldstein", "plover", "trigger", "negated", "modality", "attributed_to", "date", "rule"):
        assert key in event
    assert set(event["source"]) >= {"actor", "text", "code", "country", "sector"}
    actor = record["actors"][0]
    assert set(actor) >= {"id", "name", "code", "country", "sector", "mentions"}
    assert set(actor["mentions"][0]) >= {"text", "start", "end", "sentence"}


def test_cli_tsv_has_gdelt_columns(runner, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": "2024-03-04", "text": OMAN, "url": "http://example.org/n1"}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "-f", "tsv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))
    assert rows[0] == list(COLUMNS) and len(rows[0]) == 61
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    meeting = next(r for r in body if r["EventRootCode"] == "04")
    assert meeting["Actor1Code"] == "IRNGOV" and meeting["Actor1CountryCode"] == "IRN"
    assert meeting["SQLDATE"] == "20240304" and meeting["QuadClass"] == "1"
    assert meeting["SOURCEURL"] == "http://example.org/n1"
    assert meeting["ActionGeo_FullName"] == "Muscat, Oman" and meeting["ActionGeo_CountryCode"] == "MU"  # FIPS, as GDELT


def test_cli_tsv_exports_only_asserted_events_unless_all(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia will not attack Finland. Russian troops shelled Kherson.", encoding="utf-8")
    default = runner.invoke(cli, ["code", str(path), "-f", "tsv"])
    everything = runner.invoke(cli, ["code", str(path), "-f", "tsv", "--all"])
    assert default.exit_code == 0 and everything.exit_code == 0
    assert len(default.stdout.splitlines()) < len(everything.stdout.splitlines())


def test_cli_csv_one_row_per_event(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kenyan police arrested twelve protesters in Nairobi on Tuesday.", encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "-f", "csv", "--date", "2024-07-03"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    arrest = next(r for r in rows if r["root"] == "17")
    assert arrest["source_code"] == "KENCOP" and arrest["date"] == "2024-07-02"
    assert arrest["evidence"].startswith("Kenyan police")


def test_cli_bad_input_is_reported_and_run_continues(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": "Police arrested forty protesters in Minsk."}) + "\n{broken\n"
        + json.dumps({"id": "ok2", "text": "Chinese warships held drills near Taiwan."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["code", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{path}:2: broken JSON" in result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["ok1", f"{path}:2", "ok2"]
    assert records[0]["events"] and records[2]["events"] and records[1]["errors"]


def test_cli_reads_stdin(runner):
    result = runner.invoke(cli, ["code", "-"], input="Egyptian police arrested two journalists in Cairo.")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert any(e["root"] == "17" for e in record["events"])


def test_help_is_complete(runner):
    result = runner.invoke(cli, ["--help"])
    for command in ("code", "actor", "eval"):
        assert command in result.output
    code_help = runner.invoke(cli, ["code", "--help"]).output
    for option in ("--format", "--output", "--date", "--all", "--actors", "--agents"):
        assert option in code_help


def test_python_dash_m(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Iranian warplanes bombed a village in Iraq.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tacitus", "code", str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["events"]


def test_readme_sample_article_codes(coder):
    text = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    doc = coder.code_text(body, title=title, date="2024-03-04")
    roots = {e.root for e in doc.events}
    assert {"04", "05", "11", "19"} <= roots


def test_aid_goes_to_its_recipient(coder):
    doc = coder.code_text("Germany donated ten ambulances to Ukraine.")
    assert any(e.root == "07" and e.source.code == "DEU" and e.target.code == "UKR" for e in doc.events)
    doc = coder.code_text("Japan handed over medical supplies to the Ethiopian health ministry.")
    assert any(e.root == "07" and e.target.code == "ETHGOV" for e in doc.events)
