"""Every office-holder table (data/knowledge/office_*.yaml): one phrase names one person, in the
table and across all the hand people tables (the same phrase in two tables makes a name
ambiguous)."""

from __future__ import annotations

import pytest

from office_helpers import office_tables, people, people_tables, phrases


@pytest.mark.parametrize("table", office_tables())
def test_no_name_or_alias_is_in_another_people_table(table):
    taken = {phrase: f"{other}: {person['name']}" for other in people_tables() if other != table for person in people(other) for phrase in phrases(person)}
    clashes = sorted(f"{person['name']}: {phrase} ({taken[phrase]})" for person in people(table) for phrase in phrases(person) if phrase in taken)
    assert clashes == []


@pytest.mark.parametrize("table", office_tables())
def test_no_phrase_names_two_people_in_the_table(table):
    seen: dict[str, str] = {}
    for person in people(table):
        for phrase in phrases(person):
            assert seen.setdefault(phrase, person["name"]) == person["name"], f"{phrase!r}: {seen[phrase]} and {person['name']}"


def test_every_region_is_checked():
    assert {t.rsplit("_", 1)[1] for t in office_tables()} >= {"africa.yaml", "americas.yaml", "asia.yaml", "europe.yaml"}
