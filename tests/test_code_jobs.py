"""`tacitus code -j N`: the same output as one process, in input order, broken records kept in
place; no progress line when stderr is not a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TEXTS = [
    "Kenyan police arrested twelve protesters in Nairobi on Tuesday.",
    "The Turkish foreign minister met his Egyptian counterpart in Cairo to discuss trade.",
    "Coffee prices rose sharply over the summer, traders said.",
    "Colombian troops clashed with rebels near the Venezuelan border, leaving three soldiers dead.",
    "Japan pledged humanitarian aid to Ethiopia after the floods.",
    "The Peruvian government condemned the attack and accused the rebels of killing two officers.",
    "Schools in the province will stay closed until March.",
    "Ukrainian officials said Russia had shelled Kharkiv overnight.",
    "Brazil's president urged Venezuela to release the detained journalists.",
]


def _corpus(path: Path) -> Path:
    lines = [json.dumps({"id": f"d{n}", "date": "2024-03-04", "text": text}) for n, text in enumerate(TEXTS)]
    lines.insert(4, '{"id": "broken", "text": ')  # a bad line: reported, kept in its place
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _code(corpus: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, "-m", "tacitus", "code", str(corpus), *options]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)


def test_two_processes_give_the_output_of_one_in_input_order(tmp_path):
    corpus = _corpus(tmp_path / "news.jsonl")
    # the command sends one chunk here; the next test shares small chunks out between workers
    one, two = _code(corpus, "-j", "1"), _code(corpus, "-j", "2")
    assert one.returncode == two.returncode == 1  # the broken line
    assert two.stdout == one.stdout
    ids = [json.loads(line)["id"] for line in two.stdout.splitlines()]
    assert ids[:4] == ["d0", "d1", "d2", "d3"] and ids[5:] == [f"d{n}" for n in range(4, len(TEXTS))]
    assert sum(len(json.loads(line)["events"]) for line in two.stdout.splitlines()) >= 5
    assert "coded " not in two.stderr  # stderr is a pipe here: no progress line


def test_ordered_coding_over_small_chunks_keeps_the_order(tmp_path):
    from tacitus.ingest import read_inputs
    from tacitus.workers import code_ordered

    corpus = _corpus(tmp_path / "news.jsonl")
    seen: list[int] = []
    docs = list(code_ordered(read_inputs([corpus]), workers=2, chunk_size=2, progress=seen.append))
    assert [d.text for d in docs if not d.errors] == TEXTS
    assert docs[4].errors and not docs[4].events
    assert seen == sorted(seen) and seen[-1] == len(TEXTS) + 1
    assert any(e.cameo.startswith("04") for d in docs for e in d.events)  # the meeting
