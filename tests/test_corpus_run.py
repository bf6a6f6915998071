"""`tacitus run` / `export` / `query` end to end on a small corpus with broken records, a
duplicate article and a repeated id; and a run killed midway that must finish exactly.

`coder` is the session-wide fixture of conftest.py (spaCy and the lexicons are loaded once)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from store_helpers import count_documents, snapshot, write_big_corpus, write_corpus
from tacitus.cli import cli
from tacitus.corpus import RunStats, run_corpus, stream_inputs
from tacitus.ingest import read_inputs
from tacitus.model import Document
from tacitus.query import query_frame
from tacitus.store.backends import connect
from tacitus.writers.flat import COLUMNS as CSV_COLUMNS
from tacitus.writers.gdelt import COLUMNS as TSV_COLUMNS


class Collect:
    """A reporter that keeps what a run reports."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.updates = 0
        self.final: RunStats | None = None

    def start(self, stats: RunStats) -> None:
        self.total = stats.total

    def update(self, stats: RunStats, messages: list[str]) -> None:
        self.updates += 1
        self.messages.extend(messages)

    def finish(self, stats: RunStats) -> None:
        self.final = stats


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    return path, write_corpus(path)


@pytest.fixture(scope="module")
def coded(coder, corpus, tmp_path_factory):
    """The corpus run once into SQLite, in-process, five documents per transaction."""
    path, _ = corpus
    db = tmp_path_factory.mktemp("run") / "news.db"
    reporter = Collect()
    stats = run_corpus([str(path)], db, workers=1, coder=coder, reporter=reporter, chunk_size=5)
    return db, stats, reporter


def rows(db, sql: str) -> list[tuple]:
    backend = connect(db)
    try:
        return backend.query(sql)
    finally:
        backend.close()


def invoke(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


# --- one run -----------------------------------------------------------------------------------


def test_every_document_is_accounted_for(coded, corpus):
    db, stats, reporter = coded
    _, expected = corpus
    statuses = dict(rows(db, "SELECT key, status FROM documents"))
    assert {k for k, s in statuses.items() if s == "coded"} == expected["coded"]
    assert dict(rows(db, "SELECT key, duplicate_of FROM documents WHERE status = 'duplicate'")) == expected["duplicates"]
    errors = dict(rows(db, "SELECT key, error FROM documents WHERE status = 'rejected'"))
    assert set(errors) == set(expected["rejected"])
    for key, reason in expected["rejected"].items():
        assert reason in errors[key]
        assert any(key in m and reason in m for m in reporter.messages), f"{key} was not reported"
    assert any("a03" in m and "already read" in m for m in reporter.messages)
    assert (stats.read, stats.coded, stats.rejected, stats.duplicates, stats.repeated, stats.skipped) == (
        expected["records"], len(expected["coded"]), len(expected["rejected"]), 1, 1, 0)
    assert reporter.total == expected["records"] and reporter.final is stats and reporter.updates >= 4
    assert stats.events == rows(db, "SELECT COUNT(*) FROM events")[0][0]
    assert stats.store == {"coded": 16, "rejected": 4, "duplicate": 1}


def test_unmistakable_events_are_coded(coded):
    db, _, _ = coded
    met = rows(db, "SELECT root, source_code FROM events WHERE doc_key = 'a01'")
    assert any(root == "04" and (code or "").startswith("IRN") for root, code in met), met
    bombed = rows(db, "SELECT root, source_code FROM events WHERE doc_key = 'a02'")
    assert any(root in ("18", "19") and (code or "").startswith("IRN") for root, code in bombed), bombed


def test_the_store_gives_back_what_tacitus_code_gives(coded, coder, corpus):
    """export -f jsonl == `tacitus code` output, for every document coded once."""
    db, _, _ = coded
    path, expected = corpus
    seen: set[str] = set()
    direct = []
    for doc in coder.code_documents(read_inputs([str(path)])):
        if doc.errors or doc.id in seen or doc.id in expected["duplicates"]:
            continue
        seen.add(doc.id)
        direct.append(doc.to_dict())
    out, _ = invoke("export", "--db", db, "-f", "jsonl")
    exported = [json.loads(line) for line in out.splitlines()]
    assert exported == direct
    # the events read back with Document.from_dict are the same (it does not restore Statement.depth)
    assert [Document.from_dict(d).to_dict()["events"] for d in exported] == [d["events"] for d in exported]


def test_streamed_input_matches_ingest(corpus):
    path, _ = corpus
    assert [d.to_dict(include_text=True) for d in stream_inputs([str(path)], date="2024-01-01")] == [
        d.to_dict(include_text=True) for d in read_inputs([str(path)], date="2024-01-01")
    ]


def test_running_again_changes_nothing(coded, coder, corpus):
    db, _, _ = coded
    path, expected = corpus
    before = snapshot(db), rows(db, "SELECT key, seq, stored_at FROM documents ORDER BY seq")
    stats = run_corpus([str(path)], db, workers=1, coder=coder, chunk_size=5)
    assert (snapshot(db), rows(db, "SELECT key, seq, stored_at FROM documents ORDER BY seq")) == before
    assert (stats.coded, stats.rejected, stats.duplicates, stats.skipped) == (0, 0, 0, expected["records"])


def test_recode_replaces_and_gives_the_same(coded, coder, corpus, tmp_path):
    db, _, _ = coded
    path, expected = corpus
    copy = tmp_path / "recode.db"
    shutil.copy(db, copy)
    last = rows(copy, "SELECT MAX(seq) FROM documents")[0][0]
    stats = run_corpus([str(path)], copy, workers=1, coder=coder, recode=True, chunk_size=7)
    assert (stats.coded, stats.rejected, stats.duplicates, stats.repeated, stats.skipped) == (16, 4, 1, 1, 0)
    assert snapshot(copy) == snapshot(db)
    assert rows(copy, "SELECT MIN(seq) FROM documents")[0][0] > last  # every document was written again


@pytest.mark.slow
def test_worker_processes_give_the_same_store(coded, corpus, tmp_path):
    db, _, _ = coded
    path, _ = corpus
    other = tmp_path / "workers.db"
    stats = run_corpus([str(path)], other, workers=2, chunk_size=3)
    assert stats.coded == 16
    assert snapshot(other) == snapshot(db)


def test_cli_run_reports_each_broken_record(corpus, tmp_path):
    path, expected = corpus
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["run", str(path), "--db", str(db), "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 1, result.output  # records were rejected
    err = result.stderr
    for key, reason in expected["rejected"].items():
        assert f"{key}: " in err and reason in err
    assert "16 coded" in err and "4 rejected" in err and "1 duplicates" in err
    _, err = invoke("run", path, "--db", db, "--workers", "1")  # nothing left: no Coder is even built
    assert f"{expected['records']} already stored" in err


# --- export ------------------------------------------------------------------------------------


def _counts(db) -> tuple[int, int]:
    return rows(db, "SELECT COUNT(*), SUM(factual) FROM events")[0]


def test_export_formats(coded, tmp_path):
    db, _, _ = coded
    total, factual = _counts(db)
    assert factual > 0

    invoke("export", "--db", db, "-f", "tsv", "-o", tmp_path / "e.tsv")
    table = list(csv.reader((tmp_path / "e.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert table[0] == TSV_COLUMNS and all(len(r) == 61 for r in table)
    assert len(table) - 1 == factual

    out, _ = invoke("export", "--db", db, "-f", "tsv", "--all")
    assert len(out.splitlines()) - 1 == total

    invoke("export", "--db", db, "-f", "csv", "-o", tmp_path / "e.csv")
    records = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert len(records) == factual and list(records[0]) == CSV_COLUMNS

    invoke("export", "--db", db, "-f", "parquet", "-o", tmp_path / "e.parquet")
    frame = pq.read_table(tmp_path / "e.parquet").to_pandas()
    assert len(frame) == factual
    assert frame["goldstein"].round(6).tolist() == [round(float(r["goldstein"]), 6) for r in records]

    out, _ = invoke("export", "--db", db, "-f", "jsonl")
    docs = [Document.from_dict(json.loads(line)) for line in out.splitlines()]
    assert len(docs) == 16 and sum(len(d.events) for d in docs) == total


def test_export_filters(coded):
    db, _, _ = coded
    out, _ = invoke("export", "--db", db, "-f", "csv", "--all", "--source", "IRN")
    picked = list(csv.DictReader(io.StringIO(out)))
    assert picked and all(r["source_code"].startswith("IRN") for r in picked)
    assert len(picked) == rows(db, "SELECT COUNT(*) FROM events WHERE source_code LIKE 'IRN%'")[0][0]

    out, _ = invoke("export", "--db", db, "-f", "csv", "--all", "--root", "4", "--root", "19")
    assert {r["root"] for r in csv.DictReader(io.StringIO(out))} <= {"04", "19"}

    out, _ = invoke("export", "--db", db, "-f", "tsv", "--since", "2024-04-01", "--until", "2024-04-06")
    days = [r[1] for r in csv.reader(io.StringIO(out), delimiter="\t")][1:]
    assert days and all("20240401" <= d <= "20240406" for d in days)

    out, _ = invoke("export", "--db", db, "-f", "jsonl", "--target", "ZZZ")
    assert out == ""


# --- query -------------------------------------------------------------------------------------


def test_query_kinds_agree_with_the_events(coded):
    db, _, _ = coded
    events = query_frame(db, "roots")
    assert events["events"].sum() == _counts(db)[1]
    out, _ = invoke("query", "roots", "--db", db, "--format", "json")
    assert json.loads(out) == json.loads(events.to_json(orient="records"))

    gold = query_frame(db, "goldstein", all_events=True)
    expected = rows(db, "SELECT SUM(goldstein), COUNT(*) FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL")[0]
    assert gold["goldstein"].sum() == pytest.approx(expected[0] or 0.0) and gold["events"].sum() == expected[1]

    dyad = query_frame(db, "dyad", source="IRN", target="OMN", all_events=True)
    both_ways = rows(db, "SELECT COUNT(*) FROM events WHERE (source_code LIKE 'IRN%' AND target_code LIKE 'OMN%') OR (source_code LIKE 'OMN%' AND target_code LIKE 'IRN%')")
    assert dyad["events"].sum() == both_ways[0][0]
    assert set(dyad["source"]) <= {"IRN", "OMN"}

    top = query_frame(db, "top-actors", limit=3)
    assert len(top) <= 3 and top["events"].is_monotonic_decreasing
    out, _ = invoke("query", "top-actors", "--db", db, "--limit", "3", "--format", "csv")
    assert out.splitlines()[0] == "actor,as_source,as_target,events" and len(out.splitlines()) == len(top) + 1

    out, _ = invoke("query", "dyad", "--db", db, "--source", "IRN", "--target", "OMN")
    assert "month" in out  # a rich table


def test_query_needs_both_sides_of_a_dyad(coded):
    db, _, _ = coded
    result = CliRunner().invoke(cli, ["query", "dyad", "--db", str(db), "--source", "IRN"])
    assert result.exit_code == 2 and "source and a target" in result.output


# --- killed midway ----------------------------------------------------------------------------


def _start(cmd: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("w"))


def _wait_for(db: Path, at_least: int, proc: subprocess.Popen, log: Path, timeout: float = 180) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stored = count_documents(db)
        if stored >= at_least:
            return stored
        assert proc.poll() is None, f"the run ended before it could be stopped:\n{log.read_text()}"
        time.sleep(0.02)
    raise AssertionError(f"the run stored nothing in time:\n{log.read_text()}")


@pytest.mark.slow
def test_a_run_stopped_by_ctrl_c_and_killed_finishes_exactly(coder, tmp_path):
    corpus = tmp_path / "big.jsonl"
    records = write_big_corpus(corpus, 500)  # enough that a fast coder is still running when stopped
    reference = tmp_path / "reference.db"
    run_corpus([str(corpus)], reference, workers=1, coder=coder)
    db = tmp_path / "stopped.db"
    cmd = [sys.executable, "-m", "tacitus", "run", str(corpus), "--db", str(db), "--workers", "1", "--chunk-size", "4"]

    proc = _start(cmd, tmp_path / "first.log")  # Ctrl-C once a few documents are stored
    _wait_for(db, 12, proc, tmp_path / "first.log")
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130, (tmp_path / "first.log").read_text()
    assert "interrupted" in (tmp_path / "first.log").read_text()

    proc = _start(cmd, tmp_path / "second.log")  # kill -9 a bit further on
    stored = _wait_for(db, count_documents(db) + 12, proc, tmp_path / "second.log")
    proc.kill()
    proc.wait(timeout=60)
    assert stored < records, "the run finished before it was killed: make the corpus bigger"

    finish = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert finish.returncode == 1, finish.stderr  # finished; 1 because the corpus holds a broken record
    assert "Traceback" not in finish.stderr and "1 rejected" in finish.stderr
    assert snapshot(db) == snapshot(reference)
    keys = [k for (k,) in rows(db, "SELECT key FROM documents")]
    assert len(keys) == len(set(keys)) == records
    statuses = "SELECT status, COUNT(*) FROM documents GROUP BY status ORDER BY status"
    assert rows(db, statuses) == rows(reference, statuses)
    assert dict(rows(db, statuses))["rejected"] == 1 and dict(rows(db, statuses))["coded"] > records - 20
