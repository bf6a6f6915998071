"""Shared by the web tests: a store coded from the small committed web corpus
(tests/data/web/corpus.jsonl: eight short articles, one of them hostile, and one empty record)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "web" / "corpus.jsonl"


@pytest.fixture(scope="session")
def web_db(coder, tmp_path_factory) -> Path:
    from tacitus.corpus import run_corpus

    db = tmp_path_factory.mktemp("web") / "corpus.db"
    # read by its bare name, so record ids (and the screenshots) carry no checkout path
    here = os.getcwd()
    os.chdir(CORPUS.parent)
    try:
        run_corpus([CORPUS.name], db, workers=1, coder=coder)
    finally:
        os.chdir(here)
    return db
