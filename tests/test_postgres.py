"""The same corpus into SQLite and into a throwaway PostgreSQL server gives the same store.

The server is started here (initdb + pg_ctl on a free loopback port, as the `postgres` user
when the tests run as root) and stopped at the end; the test is skipped, saying why, only
where no PostgreSQL binaries can be found. `coder` is the session fixture of conftest.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from store_helpers import create_database, postgres_server, snapshot, write_corpus
from tacitus.cli import cli
from tacitus.corpus import run_corpus
from tacitus.query import KINDS, query_frame
from tacitus.store import open_store
from tacitus.store.schema import LATEST

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres():
    yield from postgres_server()


@pytest.fixture(scope="module")
def both(postgres, coder, tmp_path_factory):
    """The small corpus run into SQLite and into PostgreSQL."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    write_corpus(path)
    sqlite = tmp_path_factory.mktemp("sqlite") / "news.db"
    url = create_database(postgres, "news")
    runs = [run_corpus([str(path)], db, workers=1, coder=coder, chunk_size=4) for db in (sqlite, url)]
    return path, sqlite, url, runs


def test_postgres_and_sqlite_store_the_same(both):
    _, sqlite, url, (a, b) = both
    assert (a.coded, a.rejected, a.duplicates, a.repeated, a.events) == (b.coded, b.rejected, b.duplicates, b.repeated, b.events)
    assert b.coded == 16 and b.events > 0
    assert snapshot(url) == snapshot(sqlite)
    with open_store(url) as store:
        assert store.query("SELECT MAX(version) FROM schema_version") == [(LATEST,)]


def test_postgres_rerun_and_recode(both, coder):
    path, sqlite, url, _ = both
    before = snapshot(url)
    again = run_corpus([str(path)], url, workers=1, coder=coder)
    assert again.coded == 0 and again.skipped == again.read
    assert snapshot(url) == before
    recoded = run_corpus([str(path)], url, workers=1, coder=coder, recode=True)
    assert recoded.coded == 16
    assert snapshot(url) == snapshot(sqlite)


def test_postgres_queries_and_exports_match_sqlite(both):
    _, sqlite, url, _ = both
    for kind in KINDS:
        options = {"source": "IRN", "target": "OMN"} if kind == "dyad" else {}
        pg, lite = query_frame(url, kind, all_events=True, **options), query_frame(sqlite, kind, all_events=True, **options)
        assert pg.to_dict("records") == lite.to_dict("records"), kind
    runner = CliRunner()
    for fmt in ("jsonl", "tsv", "csv"):
        outputs = [runner.invoke(cli, ["export", "--db", str(db), "-f", fmt, "--all"], catch_exceptions=False).stdout for db in (url, sqlite)]
        assert _without_coding_time(outputs[0], fmt) == _without_coding_time(outputs[1], fmt), fmt
    out = runner.invoke(cli, ["query", "roots", "--db", url, "--format", "json"], catch_exceptions=False).stdout
    assert json.loads(out) == query_frame(sqlite, "roots").to_dict("records")


def _without_coding_time(text: str, fmt: str) -> list[list[str]]:
    """Rows without DATEADDED / date_added: the two stores were coded seconds apart."""
    if fmt == "jsonl":
        return [[line] for line in text.splitlines()]
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ","))
    drop = {i for i, name in enumerate(rows[0]) if name in ("DATEADDED", "date_added")} if rows else set()
    return [[v for i, v in enumerate(row) if i not in drop] for row in rows]


def test_run_creates_a_missing_database(postgres, tmp_path):
    path = tmp_path / "news.jsonl"
    write_corpus(path)
    url = f"{postgres}/made_by_run"
    result = CliRunner().invoke(cli, ["run", str(path), "--db", url, "-j", "1"])
    assert result.exit_code == 1, result.stderr  # the corpus holds broken records
    assert "16 coded" in result.stderr
    with open_store(url) as store:
        assert store.query("SELECT COUNT(*) FROM documents WHERE status = 'coded'") == [(16,)]


def test_a_missing_database_the_user_may_not_create_says_what_to_do(postgres, tmp_path):
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS reader")
        conn.execute("CREATE ROLE reader LOGIN NOCREATEDB")
    url = postgres.replace("tacitus@", "reader@") + "/not_there"
    (tmp_path / "a.txt").write_text("Kenyan police arrested protesters in Nairobi.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "--db", url, "-j", "1"])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: PostgreSQL database 'not_there' does not exist") and "createdb not_there" in line
