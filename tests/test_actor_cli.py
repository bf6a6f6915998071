"""`tacitus actor`, and a user's PETRARCH dictionaries loaded on top of the shipped ones."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tacitus.actors import code_actor
from tacitus.actors.lexicon import ActorLexicon, load_petrarch_actors, load_petrarch_agents
from tacitus.cli import cli
from tacitus.pipeline import Coder

DATA = Path(__file__).parent / "data"


def test_actor_command_prints_one_json_per_text():
    result = CliRunner().invoke(cli, ["actor", "American warplanes", "four Saudi men", "retired vice president", "People's Republic of China"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["country"], r["sector"]) for r in rows] == [("USA", "MIL"), ("SAU", "CVL"), (None, "ELI"), ("CHN", None)]
    assert set(rows[0]) >= {"text", "code", "country", "sector", "name"}


def test_actor_command_date_decides_the_role():
    result = CliRunner().invoke(cli, ["actor", "Vladimir Putin", "--date", "2009-06-01"])
    assert json.loads(result.output)["code"] == "RUSGOV"


def test_petrarch_actor_file_dates():
    lexicon = ActorLexicon()
    assert load_petrarch_actors(lexicon, DATA / "user.actors.txt") == 2
    [entry] = lexicon.lookup("Governor Vellington")
    from datetime import date

    assert entry.person.role_on(date(2016, 5, 1)).code == "ARGGOV"
    assert entry.person.role_on(date(2021, 5, 1)).code == "ARGELI"


def test_petrarch_agents_expand_substitution_sets_and_plurals():
    lexicon = ActorLexicon()
    load_petrarch_agents(lexicon, DATA / "user.agents.txt")
    assert lexicon.lookup("beekeepmen")[0].sector == "AGR"
    assert lexicon.lookup("water bailiffs")[0].sector == "COP"


def test_user_dictionaries_code_text():
    coder = Coder(actor_files=(DATA / "user.actors.txt",), agent_files=(DATA / "user.agents.txt",))
    doc = coder.code_text("Marta Vellington condemned the Northern Farmers League.", date="2017-03-01")
    condemn = next(e for e in doc.events if e.root == "11")
    assert condemn.source.code == "ARGGOV" and condemn.target.code == "ARGAGR"
    assert code_actor("Argentine water bailiffs", coder=coder)["sector"] == "COP"


def test_cli_loads_user_dictionaries(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Governor Vellington met the Northern Farmers League in Rosario.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(text), "--date", "2016-02-02", "--actors", str(DATA / "user.actors.txt")])
    assert result.exit_code == 0, result.output
    event = json.loads(result.output)["events"][0]
    assert event["source"]["code"] == "ARGGOV" and event["target"]["code"] == "ARGAGR"
