"""data/speaker_acts.yaml: the speaker-act tables load, and a bad entry fails with its key."""

from __future__ import annotations

import pytest

from tacitus.datafiles import load_yaml, read_data
from tacitus.events.act_tables import act_tables, parse_act_tables


def _shipped() -> dict:
    data = load_yaml(read_data("speaker_acts.yaml"))
    assert isinstance(data, dict)
    return data


def test_the_shipped_tables_load_and_keep_verbal_and_material_roots_apart():
    tables = act_tables()
    assert set(tables.own_act_roots) <= set(tables.matrix_roots)  # one's own act told inside is also one told beside
    assert not set(tables.perpetrator_roots) & set(tables.verbal_roots)
    assert "by" in tables.feeling_prepositions and tables.lookback_sentences >= 1


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("own_act_roots", ["02", "99"], "own_act_roots"),
        ("verbal_roots", [11], "verbal_roots"),
        ("feeling_prepositions", ["By"], "feeling_prepositions"),
        ("lookback_sentences", 0, "lookback_sentences"),
        ("lookback_sentences", True, "lookback_sentences"),
        ("naming_verbs", ["Call"], "naming_verbs"),
        ("free_relatives", "what", "free_relatives"),
    ],
)
def test_a_bad_entry_fails_naming_its_key(key, value, message):
    data = _shipped() | {key: value}
    with pytest.raises(ValueError, match=message):
        parse_act_tables(data)


def test_an_unknown_or_missing_key_fails():
    with pytest.raises(ValueError, match="expected exactly the keys"):
        parse_act_tables(_shipped() | {"extra_roots": ["01"]})
    data = _shipped()
    del data["matrix_roots"]
    with pytest.raises(ValueError, match="expected exactly the keys"):
        parse_act_tables(data)
