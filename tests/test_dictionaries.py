"""Users' PETRARCH dictionaries: every date form PETRARCH reads, unreadable lines skipped with a
warning naming file:line, and the real Phoenix dictionaries loading whole."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import logged
from tacitus.actors.lexicon import (
    ActorLexicon,
    load_lexicon,
    load_petrarch_actors,
    load_petrarch_agents,
)
from tacitus.cli import cli

DATA = Path(__file__).parent / "data"
PHOENIX = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "petrarch-dictionaries"


def _role(lexicon: ActorLexicon, name: str, day: date) -> str | None:
    [entry] = lexicon.lookup(name)
    role = entry.person.role_on(day)
    return role.code if role else None


def test_every_date_form_is_read():
    lexicon, problems = ActorLexicon(), []
    assert load_petrarch_actors(lexicon, DATA / "date_forms.actors.txt", problems) == 4  # Sorin Vale keeps no readable role
    assert _role(lexicon, "Tomas Orvell", date(1980, 5, 1)) == "BOLELI"  # YYMMDD-YYMMDD
    assert _role(lexicon, "Tomas Orvell", date(1991, 5, 1)) == "BOLGOV"  # YYYYMMDD-YYYYMMDD
    assert _role(lexicon, "Tomas Orvell", date(1999, 5, 1)) == "BOLLEG"  # mixed widths
    assert _role(lexicon, "Tomas Orvell", date(2010, 5, 1)) == "BOLGOV"  # >YYMMDD, year 20xx
    assert _role(lexicon, "Hanna Bresk", date(1990, 1, 1)) == "POLMIL"  # "< 950601", spaced
    assert _role(lexicon, "Hanna Bresk", date(1996, 1, 1)) == "POLGOV"  # "> 950602", spaced
    assert _role(lexicon, "Ilka Dorran", date(1997, 1, 1)) == "HUNGOV"  # "D - D", spaced
    assert _role(lexicon, "Ilka Dorran", date(2001, 1, 1)) == "HUNELI"  # 7 digits, a typo: YYMMDD + 1
    assert _role(lexicon, "Ilka Dorran", date(2005, 1, 1)) == "HUNJUD"  # 7 digits: YYYYMMD
    assert _role(lexicon, "Novak Pell", date(2019, 1, 1)) == "CZEGOV"  # on the name line
    # the four unreadable role lines are named with file:line and skipped; Sorin Vale has no role left
    assert [p.split(": ")[0] for p in problems] == [f"{DATA / 'date_forms.actors.txt'}:{n}" for n in (17, 18, 19, 20)]
    assert "9 digits" in problems[0] and "ends" in problems[2]
    assert not lexicon.lookup("Sorin Vale")


def test_unreadable_lines_warn_once_with_a_summary(caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("tacitus"), "propagate", True)  # a CLI run in this session turned it off
    with caplog.at_level(logging.WARNING, logger="tacitus.dictionaries"):
        load_lexicon(actors=[DATA / "date_forms.actors.txt"])
    messages = logged(caplog)
    assert len(messages) == 5
    assert messages[-1].endswith("4 actors read, 4 unreadable line(s) skipped")


def test_cli_reports_skipped_lines_and_codes_with_the_file():
    result = CliRunner().invoke(cli, ["actor", "Hanna Bresk", "--date", "1996-03-01", "--actors", str(DATA / "date_forms.actors.txt")])
    assert result.exit_code == 0, result.output
    assert '"code": "POLGOV"' in result.stdout
    assert re.findall(r"date_forms\.actors\.txt:(\d+): skipped", result.stderr) == ["17", "18", "19", "20"]  # once each
    assert "4 unreadable line(s) skipped" in result.stderr


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="needs ../shared/data/petrarch-dictionaries")
def test_the_phoenix_dictionaries_load():
    lexicon, problems = ActorLexicon(), []
    counts = {}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        counts[name] = load_petrarch_actors(lexicon, PHOENIX / name, problems)
    agents = load_petrarch_agents(lexicon, PHOENIX / "Phoenix.agents.txt", problems)
    assert counts["Phoenix.Countries.actors.txt"] > 15_000 and counts["Phoenix.International.actors.txt"] > 1_000
    assert counts["Phoenix.MilNonState.actors.txt"] > 300 and agents > 1_000
    assert len(problems) < 20  # a handful of typos, each named
    # the line that used to abort the load: its odd date is read, the actor keeps every role
    [entry] = [e for e in lexicon.lookup("Levon Ter Petrosyan") if e.person]
    assert entry.person.role_on(date(1995, 1, 1)).code == "ARMGOV"
