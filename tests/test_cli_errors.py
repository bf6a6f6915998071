"""Errors are one clear line on stderr (exit 2 for what the user can fix), `--debug` shows the
traceback; `tacitus run` exits 1 when a record was rejected; `tacitus status` lists them."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import cli

GOOD = "Kenyan police arrested twelve protesters in Nairobi on Tuesday."


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_a_bad_option_is_one_line_and_exit_2():
    result = run("code", "--no-such-option", "x.txt")
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith("error: No such option") and "--no-such-option" in line and line.endswith(" code --help')")


def test_an_unreachable_postgres_is_one_line_and_debug_shows_the_traceback(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/events?connect_timeout=3"
    result = run("run", tmp_path / "a.txt", "--db", url, "-j", "1")
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith(f"error: cannot connect to PostgreSQL at 127.0.0.1:{port}/events:") and "refused" in line
    result = run("--debug", "run", tmp_path / "a.txt", "--db", url, "-j", "1")
    assert result.exit_code == 2 and "Traceback" in result.stderr and "psycopg" in result.stderr


def test_a_store_that_is_not_a_store_is_one_line(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for args in (["run", tmp_path / "a.txt", "--db", bad, "-j", "1"], ["status", "--db", bad], ["run", tmp_path / "a.txt", "--db", tmp_path, "-j", "1"]):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert _one_line(result).startswith("error: ")
    assert _one_line(run("status", "--db", tmp_path / "missing.db")) == f"error: no store at {tmp_path / 'missing.db'}"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_an_unreadable_dictionary_is_one_line():
    unreadable = Path("/proc/self/mem")  # a file that exists and that reading fails on, even as root
    result = run("actor", "anyone", "--actors", unreadable)
    assert result.exit_code == 2
    assert _one_line(result) == f"error: {unreadable}: cannot read dictionary (Input/output error)"


def _corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "g1", "text": GOOD}), "{broken", json.dumps({"id": "g2", "text": GOOD + " Again."}), json.dumps({"id": "g1b", "text": GOOD})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_exits_1_when_a_record_is_rejected_with_a_summary(tmp_path):
    path, db = _corpus(tmp_path), tmp_path / "s.db"
    result = run("run", path, "--db", db, "-j", "1")
    assert result.exit_code == 1
    assert f"rejected: {path}:2: broken JSON" in result.stderr
    assert "4 documents read" in result.stderr and "2 coded" in result.stderr and "1 rejected" in result.stderr and "1 duplicates" in result.stderr
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"id": "c", "text": GOOD}) + "\n", encoding="utf-8")
    assert run("run", clean, "--db", tmp_path / "c.db", "-j", "1").exit_code == 0


def test_status_counts_and_lists_the_rejected(tmp_path):
    path, db = _corpus(tmp_path), tmp_path / "s.db"
    run("run", path, "--db", db, "-j", "1")
    table = run("status", "--db", db)
    assert table.exit_code == 0, table.stderr
    assert "2 coded, 1 rejected, 1 duplicate" in table.stdout and "broken JSON" in table.stdout
    data = json.loads(run("status", "--db", db, "--format", "json").stdout)
    assert data["counts"] == {"coded": 2, "rejected": 1, "duplicate": 1}
    [problem] = data["rejected"]
    assert problem["key"] == f"{path}:2" and problem["reason"].startswith(f"{path}:2: broken JSON")
    rows = list(csv.reader(io.StringIO(run("status", "--db", db, "--format", "csv").stdout)))
    assert rows[0] == ["kind", "key", "value"] and ["count", "coded", "2"] in rows
    assert rows[-1][:2] == ["rejected", f"{path}:2"]
