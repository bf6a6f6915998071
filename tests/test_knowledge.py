"""The compiled actor knowledge base (data/knowledge/) and its converter (tools/build_knowledge.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tacitus.actors import code_actor
from tacitus.actors.knowledge import KnowledgeIndex, _entry, load_knowledge
from tacitus.actors.lexicon import ActorLexicon, LexiconError

TOOL = Path(__file__).resolve().parents[1] / "tools" / "build_knowledge.py"


@pytest.fixture(scope="module")
def build_tool():
    spec = importlib.util.spec_from_file_location("build_knowledge", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def index() -> KnowledgeIndex:
    return load_knowledge(ActorLexicon())


def test_every_shipped_row_is_valid_and_people_are_many(index):
    assert index.validate() > 60_000
    people = [_entry("people", line, "t") for line in index.rows["people"]]
    dated = [p for p in people if any(r.start or r.end for r in p.person.roles)]
    assert len(dated) >= 8000


@pytest.mark.parametrize(
    "table, line, reason",
    [
        ("people", "X Y\t\tZZZ:GOV:2001-01-01:\tsrc", "unknown country"),
        ("people", "X Y\t\tFRA:XYZ:2001-01-01:\tsrc", "unknown sector"),
        ("people", "X Y\t\tFRA:GOV:2005-01-01:2001-01-01\tsrc", "ends before it starts"),
        ("people", "X Y\t\tFRA:GOV:2005-13-01:\tsrc", "bad date"),
        ("orgs", "Some Front\t\tQQQ\tREB\tQQQREB\tsrc", "unknown country"),
        ("places", "Somewhere\tFRA\tvillage", "place kind"),
    ],
)
def test_bad_rows_are_refused_with_a_reason(table, line, reason):
    with pytest.raises(LexiconError, match=reason):
        _entry(table, line, f"knowledge/{table}.tsv:1")


def test_ordinary_words_are_no_names(index):
    for word in ("will", "of", "police", "mobile", "may"):
        assert word not in index.keys


def test_hand_tables_take_precedence(coder):
    # people.yaml knows Merkel with her dated roles; the compiled base must not shadow them.
    assert code_actor("Angela Merkel", date="2015-06-01", coder=coder)["sector"] == "GOV"
    assert code_actor("Angela Merkel", date="2023-06-01", coder=coder)["sector"] == "ELI"
    entries = coder.actors.lookup("Kabul")
    assert entries and all(e.kind != "place" for e in entries)


@pytest.mark.parametrize(
    "text, date, country, sector",
    [
        ("Faustin-Archange Touadera", "2021-06-01", "CAF", "GOV"),  # hyphenated where the table is not
        ("Cabo Delgado", None, "MOZ", None),
        ("Arequipa", None, "PER", None),
        ("arequipa", None, "PER", None),
        ("ZANU-PF", None, "ZWE", "PTY"),
        ("zanu-pf", None, "ZWE", "PTY"),
        ("the verkhovna rada", None, "UKR", "LEG"),
        ("Iraqi Kurds", None, "IRQ", None),
        ("Baloch separatists", None, "PAK", "SEP"),
    ],
)
def test_knowledge_codes_phrases_in_any_case(coder, text, date, country, sector):
    result = code_actor(text, date=date, coder=coder)
    assert (result["country"], result["sector"]) == (country, sector), result


def test_an_ethnic_group_takes_the_country_of_the_phrase_and_its_code(coder):
    assert code_actor("Syrian Kurds", coder=coder)["code"] == "SYRKUR"
    assert code_actor("Turkish Kurds", coder=coder)["code"] == "TURKUR"


def test_a_town_inside_a_name_is_no_place(coder):
    # Nancy (France) and Rama (Nicaragua) are towns; here they are parts of names.
    assert code_actor("Malawian Foreign Minister Nancy Tembo", date="2023-06-01", coder=coder)["country"] == "MWI"
    assert code_actor("Edi Rama", date="2023-06-01", coder=coder)["country"] != "NIC"


def test_a_title_decides_the_sector(coder):
    assert code_actor("Serbian President", coder=coder)["sector"] == "GOV"
    result = code_actor("Zambian Home Affairs Minister Jack Mwiimbu", date="2022-06-01", coder=coder)
    assert (result["country"], result["sector"]) == ("ZMB", "GOV")


def test_an_international_official_acts_for_his_organisation(coder):
    result = code_actor("NATO Secretary General Jens Stoltenberg", date="2022-06-01", coder=coder)
    assert (result["country"], result["sector"]) == ("WST", "IGO")


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("IRNGOV 811013-890803", ("IRNGOV", "1981-10-13", "1989-08-03")),
        ("IRNGOV >19890604", ("IRNGOV", "1989-06-04", None)),
        ("HOB < 950601", ("HOB", None, "1995-06-01")),
        ("USAGOV 19950601 - 19990815", ("USAGOV", "1995-06-01", "1999-08-15")),
        ("USAGOV 9008223-950101", None),  # a typo is dropped, not guessed at
        ("USAGOV 990101-950101", None),  # ends before it starts
        ("~PHLELI", ("PHLELI", None, None)),
        ("---", None),
    ],
)
def test_converter_reads_petrarch_date_forms(build_tool, spec, expected):
    assert build_tool.parse_role(spec) == expected


def test_converter_splits_codes(build_tool):
    assert build_tool.code_parts("BRAGOVBUS") == ("BRA", "GOV")
    assert build_tool.code_parts("IGOUNOKID") == ("IGO", "IGO")
    assert build_tool.code_parts("MNCUSA") == ("USA", "BUS")
    assert build_tool.code_parts("KSVGOV") == ("XKX", "GOV")


def test_hand_table_person_keeps_the_compiled_tables_earlier_roles() -> None:
    # John Bolton's hand entry covers his 2018-19 office; the compiled (Phoenix) table knows his
    # UN ambassadorship of 2005-06, which the hand entry does not repeat.
    assert code_actor("John Bolton", date="2006-01-01")["code"] == "USAGOV"
    assert code_actor("John Bolton", date="2016-06-01")["code"] == "USAELI"
    assert code_actor("John Bolton", date="2019-01-01")["code"] == "USAGOV"
    assert code_actor("John Bolton")["country"] == "USA"  # undated: no office claimed


def test_an_organisations_official_named_alone_takes_its_code() -> None:
    # a role may carry its organisation's code: NATO's chief named without the title is NATO's,
    # as with it; before and after the post, his own country's
    for text in ("Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg"):
        assert code_actor(text, date="2019-01-01")["code"] == "IGOWSTNAT"
    assert code_actor("Jens Stoltenberg", date="2010-01-01")["code"] == "NORGOV"


def test_a_malformed_role_code_stops_the_load() -> None:
    from tacitus.actors.lexicon import ActorLexicon, LexiconError, load_people

    bad = [{"name": "Ann Example", "roles": [{"country": "NOR", "sector": "GOV", "code": "nor-gov"}]}]
    with pytest.raises(LexiconError, match="code"):
        load_people(ActorLexicon(), bad, origin="test")
