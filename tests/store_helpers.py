"""Shared by the store tests: a small hand-written corpus, a bigger generated one, store
snapshots for comparing runs, and a throwaway PostgreSQL server."""

from __future__ import annotations

import json
import os
import pwd
import shlex
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from glob import glob
from pathlib import Path
from typing import Any

import pytest

from tacitus.store.backends import connect

# --- the small corpus ----------------------------------------------------------------------

ARTICLES: list[dict[str, Any]] = [
    {"id": "a01", "date": "2024-03-04", "source": "Gulf Wire", "title": "Iran and Oman hold talks",
     "text": "Iran's foreign minister met his Omani counterpart in Muscat on Monday. The two ministers discussed shipping in the Strait of Hormuz."},
    {"id": "a02", "date": "2024-03-05", "source": "Border Post", "url": "https://example.org/a02",
     "text": "Iranian warplanes bombed Kurdish villages in northern Iraq on Tuesday. Local officials said several houses were destroyed."},
    {"id": "a03", "date": "2024-03-06", "source": "Eastern Desk",
     "text": "Russian troops attacked Ukrainian positions near Kharkiv overnight. Ukraine's army said it had repelled the assault."},
    {"id": "a04", "date": "2024-03-06", "title": "Beijing visit",
     "text": "The Chinese president met the French president in Beijing on Wednesday. France and China signed an agreement on aviation."},
    {"id": "a05", "date": "2024-03-07",
     "text": "Turkey's president condemned Israel's military operation in Gaza on Thursday."},
    {"id": "a06", "date": "2024-03-08",
     "text": "Egypt will host talks between Israeli and Palestinian negotiators next week, officials in Cairo said."},
    {"id": "a07", "date": "2024-03-08", "source": "Capitol Report",
     "text": "The United States imposed new sanctions on North Korea on Friday after a series of missile tests."},
    {"id": "a08", "date": "2024-03-09",
     "text": "German police arrested three protesters outside the parliament in Berlin on Saturday."},
    {"id": "a09", "date": "2024-04-01",
     "text": "Japan pledged humanitarian aid to the Philippines after the typhoon struck the coast."},
    {"id": "a10", "date": "2024-04-02",
     "text": "India's prime minister visited Bangladesh on Tuesday and praised its government for the new rail link."},
    {"id": "a11", "date": "2024-04-03",
     "text": "Pakistani soldiers clashed with Afghan border guards near Torkham on Wednesday."},
    {"id": "a12", "date": "2024-04-04",
     "text": "The European Union urged Serbia and Kosovo to resume their dialogue."},
    {"id": "a13", "date": "2024-04-05",
     "text": "Brazil's foreign minister met the Argentine ambassador in Brasilia on Friday."},
    {"id": "a14", "date": "2024-04-06",
     "text": "Iranian drones attacked an Israeli cargo ship in the Red Sea on Saturday, Israeli officials said. Israel accused Iran of piracy."},
    {"id": "a15", "date": "2024-04-07",
     "text": "Iran did not attack the tanker, a government spokesman in Tehran insisted on Sunday."},
    {"id": "a16", "date": "2024-04-08",
     "text": "Omani mediators met Iranian and American envoys in Muscat on Monday to discuss a prisoner exchange."},
]

DUPLICATE = {"id": "a17", "date": "2024-03-05", "text": "Iranian  warplanes bombed Kurdish villages in northern Iraq on Tuesday.\nLocal officials said several houses were destroyed."}
REPEATED_ID = {"id": "a03", "text": "A different story filed under an id already used: Chinese ships docked in Karachi."}
BROKEN_LINES = [
    '{"id": "b01", "text": "An unfinished record',
    json.dumps({"id": "b02", "title": "A record without text"}),
    json.dumps({"id": "b03", "text": "   "}),
    "[1, 2, 3]",
]


def write_corpus(path: Path) -> dict[str, Any]:
    """The small corpus with its traps; returns what a run over it must find."""
    lines = [json.dumps(a) for a in ARTICLES[:8]]
    lines.append(BROKEN_LINES[0])  # line 9
    lines.extend(json.dumps(a) for a in ARTICLES[8:12])
    lines.append(BROKEN_LINES[1])  # line 14
    lines.append(json.dumps(DUPLICATE))
    lines.append("")  # a blank line is not a record
    lines.append(BROKEN_LINES[2])  # line 17
    lines.extend(json.dumps(a) for a in ARTICLES[12:])
    lines.append(json.dumps(REPEATED_ID))
    lines.append(BROKEN_LINES[3])  # line 23
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "coded": {a["id"] for a in ARTICLES},
        "duplicates": {"a17": "a02"},
        "rejected": {f"{path}:{n}": reason for n, reason in ((9, "broken JSON"), (14, "missing"), (17, "empty text"), (23, "must be an object"))},
        "repeated": 1,
        "records": len(ARTICLES) + 1 + len(BROKEN_LINES) + 1,
    }


# --- a bigger generated corpus (for the kill test) -----------------------------------------

_SIDES = [
    ("Iran's foreign minister", "his Omani counterpart"),
    ("The French president", "the German chancellor"),
    ("Japanese diplomats", "South Korean officials"),
    ("The Egyptian foreign minister", "a Qatari envoy"),
    ("Indian officials", "a delegation from Nepal"),
]
_CONFLICT = [
    "Israeli warplanes bombed targets in southern Lebanon",
    "Russian forces shelled Ukrainian towns near Kherson",
    "Sudanese troops attacked rebel positions outside Khartoum",
    "Turkish drones struck Kurdish militants in northern Syria",
]
_CITIES = ["Muscat", "Paris", "Tokyo", "Cairo", "Delhi", "Geneva", "Vienna"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def write_big_corpus(path: Path, n: int = 150) -> int:
    """`n` distinct articles of three sentences, plus a broken line and a duplicate; returns the record count."""
    lines = []
    for i in range(n):
        a, b = _SIDES[i % len(_SIDES)]
        text = (
            f"{a} met {b} in {_CITIES[i % len(_CITIES)]} on {_DAYS[i % 7]}. "
            f"{_CONFLICT[i % len(_CONFLICT)]} on {_DAYS[(i + 3) % 7]}, according to report number {i}. "
            f"The talks were the {i + 1}th meeting this year and ended without a statement."
        )
        lines.append(json.dumps({"id": f"g{i:04d}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}))
        if i == 40:
            lines.append('{"id": "broken", "text": ')
        if i == 90:
            lines.append(json.dumps({"id": "g-dup", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# --- comparing stores --------------------------------------------------------------------

_SKIP = {"seq", "run_id", "stored_at"}  # when, by which run and in which order a document was stored, not what


def snapshot(db: str | Path) -> dict[str, set[tuple]]:
    """Everything a run stored, as comparable sets of rows (without storing order and time)."""
    out: dict[str, set[tuple]] = {}
    backend = connect(db)
    try:
        for table in ("documents", "actors", "events", "statements"):
            names, rows = backend.query_with_names(f"SELECT * FROM {table}")
            keep = [i for i, name in enumerate(names) if name not in _SKIP]
            out[table] = {tuple(_plain(row[i]) for i in keep) for row in rows}
            out[f"{table}:count"] = {(len(rows),)}
    finally:
        backend.close()
    return out


def _plain(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def count_documents(db: str | Path) -> int:
    """Documents stored so far in a SQLite store that a run may be writing right now."""
    if not Path(db).exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


# --- a throwaway PostgreSQL server ------------------------------------------------------------


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_server() -> Iterator[str]:
    """Start a server on a free loopback port in a temporary directory; yield its base URL
    (`postgresql://tacitus@127.0.0.1:PORT`); stop it and remove everything afterwards."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL test skipped: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("PostgreSQL test skipped: running as root and there is no 'postgres' user to run the server as")
        runuser = shutil.which("runuser")
        prefix = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-s", "/bin/sh", "-c"]
    root = Path(tempfile.mkdtemp(prefix="tacitus-pg-"))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)

    def as_server(args: list[str]) -> subprocess.CompletedProcess:
        cmd = prefix + ([shlex.join(args)] if prefix[:1] == ["su"] else args)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    data, port = root / "data", _free_port()
    started = False
    try:
        done = as_server([str(bindir / "initdb"), "-D", str(data), "-U", "tacitus", "--auth=trust", "-E", "UTF8", "--locale=C", "-N"])
        assert done.returncode == 0, f"initdb failed: {done.stderr}"
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = as_server([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "-o", options, "start"])
        log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
        assert done.returncode == 0, f"pg_ctl start failed: {done.stderr}\n{log}"
        started = True
        yield f"postgresql://tacitus@127.0.0.1:{port}"
    finally:
        if started:
            as_server([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def create_database(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"
