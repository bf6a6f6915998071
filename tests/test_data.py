"""The shipped knowledge loads, is as large as promised, and bad data fails loudly."""

from __future__ import annotations

import pytest
import yaml

from tacitus.actors.lexicon import (
    ActorLexicon,
    LexiconError,
    load_lexicon,
    load_orgs,
    load_people,
    load_sectors,
)
from tacitus.datafiles import load_yaml, read_data
from tacitus.events.lexicon import PatternError, load_event_lexicon, load_patterns
from tacitus.ontology import Cameo, OntologyError, class5, load_cameo, quad_class


def test_cameo_table_is_complete():
    cameo = load_cameo()
    assert len(cameo) >= 300
    assert {c[:2] for c in cameo.codes} == {f"{r:02d}" for r in range(1, 21)}
    assert cameo["043"].plover_type == "CONSULT" and cameo["043"].quad_class == 1
    assert cameo["190"].goldstein == -10.0 and cameo["1831"].plover_type == "ASSAULT"
    assert quad_class("09") == 2 and quad_class("14") == 3 and class5("16") == 3 and class5("14") == 4


def test_cameo_loader_rejects_bad_rows():
    good = [{"code": f"{r:02d}", "name": "x", "goldstein": "0", "plover_type": ""} for r in range(1, 21)]
    Cameo.from_rows(good)
    with pytest.raises(OntologyError, match="Goldstein"):
        Cameo.from_rows([*good, {"code": "011", "name": "x", "goldstein": "12", "plover_type": ""}])
    with pytest.raises(OntologyError, match="PLOVER"):
        Cameo.from_rows([*good, {"code": "011", "name": "x", "goldstein": "1", "plover_type": "HUG"}])
    with pytest.raises(OntologyError, match="missing"):
        Cameo.from_rows(good[:5])


def test_pattern_lexicon_size_and_coverage():
    lexicon = load_event_lexicon()
    codes = {p.code for table in (lexicon.verbs, lexicon.nouns) for ps in table.values() for p in ps}
    assert len(lexicon) >= 1000
    assert len({c for c in codes if len(c) >= 3}) >= 200
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}


def test_pattern_loader_reads_words_as_words_and_rejects_mistakes():
    lexicon = load_patterns([("t.yaml", '- {code: "195", noun: strike, prep: [on, against]}\n- {code: "080", verb: back, particle: off}')])
    assert lexicon.nouns["strike"][0].prep == ("on", "against")  # not YAML's True
    assert lexicon.verbs["back"][0].particle == "off"
    with pytest.raises(PatternError, match="unknown CAMEO code"):
        load_patterns([("t.yaml", '- {code: "999", verb: hug}')])
    with pytest.raises(PatternError, match="unknown keys"):
        load_patterns([("t.yaml", '- {code: "040", verb: meet, tense: past}')])
    with pytest.raises(PatternError, match="exactly one"):
        load_patterns([("t.yaml", '- {code: "040", verb: meet, noun: meeting}')])


def test_actor_dictionaries_are_as_large_as_promised():
    assert len(yaml.safe_load(read_data("igos.yaml"))) >= 60
    sectors = load_yaml(read_data("sectors.yaml"))
    assert sum(len(v["terms"]) for v in sectors.values() if isinstance(v, dict)) >= 150
    people = load_yaml(read_data("people.yaml"))
    assert len(people) >= 300 and all(p["roles"] for p in people)
    lexicon = load_lexicon()
    assert lexicon.lookup("Saudis")[0].country == "SAU"
    assert lexicon.lookup("the Kremlin")[0].country == "RUS"
    assert any(e.country == "ISR" for e in lexicon.lookup("Zionist regime"))


def test_actor_loaders_reject_mistakes():
    with pytest.raises(LexiconError, match="unknown sector"):
        load_sectors(ActorLexicon(), {"XYZ": {"terms": ["a"]}})
    with pytest.raises(LexiconError, match="unknown country"):
        load_orgs(ActorLexicon(), [{"name": "Some Body", "country": "QQQ", "sector": "IGO"}])
    with pytest.raises(LexiconError, match="ends before it starts"):
        load_people(ActorLexicon(), [{"name": "A B", "roles": [{"country": "FRA", "sector": "GOV", "start": "2020-01-01", "end": "2019-01-01"}]}])
