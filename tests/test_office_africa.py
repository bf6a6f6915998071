"""data/knowledge/office_africa.yaml: Africa's office holders of 2015-2024 code to the country and
sector of the role they held on the article's date."""

from __future__ import annotations

import re
from datetime import date as Date

import pytest

from office_helpers import people, people_tables
from tacitus.actors import code_actor

TABLE = "knowledge/office_africa.yaml"

# The 54 African states.
STATES = (
    "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COD COG CIV DJI EGY GNQ ERI SWZ ETH GAB GMB "
    "GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE "
    "SOM ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE"
)
AFRICA = STATES.split()
# A role that heads a state or its government (not a region's: "President of Zanzibar").
HEAD = re.compile(
    r"^(?:(?:Interim|Acting|Transitional|Military) )?(?:President|Prime Minister|King|Head of state|"
    r"Interim head of state|Junta leader|Chairman of the Transitional Military Council|Leader of the coup junta)"
)
REGIONAL = re.compile(
    r"^(?:President|Prime Minister) of (?:Somaliland|Zanzibar|Puntland|the Tigray)"
)


def _phrases(person: dict) -> list[str]:
    return [str(person["name"]).lower(), *(str(a).lower() for a in person.get("aliases") or [])]


@pytest.mark.parametrize(
    "text, date, country, sector",
    [
        ("President Roch Marc Christian Kabore", "2018-06-01", "BFA", "GOV"),
        ("Foreign Minister Nasser Bourita", "2020-03-01", "MAR", "GOV"),
        ("Hage Geingob", "2016-01-01", "NAM", "GOV"),
        ("Constantino Chiwenga", "2016-06-01", "ZWE", "MIL"),  # army commander before the coup
        ("Constantino Chiwenga", "2019-06-01", "ZWE", "GOV"),  # then Vice President
        ("Rigathi Gachagua", "2023-01-01", "KEN", "GOV"),
        ("Rigathi Gachagua", "2024-11-15", "KEN", "OPP"),  # after his impeachment
        ("Ellen Johnson Sirleaf", "2016-05-01", "LBR", "GOV"),
        ("Ellen Johnson Sirleaf", "2020-01-01", "LBR", "ELI"),
        ("Abdul Rahim Dagalo", "2023-06-01", "SDN", "REB"),
        ("Abdul Rahim Dagalo", "2021-06-01", "SDN", "MIL"),
        ("Polisario leader Brahim Ghali", "2020-01-01", "ESH", "SEP"),
        ("Smail Chergui", "2018-01-01", "AFR", "IGO"),  # African Union commissioner
        ("Smail Chergui", "2022-01-01", "DZA", "ELI"),
    ],
)
def test_office_holders_code_to_the_role_held_on_the_date(coder, text, date, country, sector):
    result = code_actor(text, date=date, coder=coder)
    assert (result["country"], result["sector"]) == (country, sector), result


def test_an_accent_free_alias_finds_the_same_person(coder):
    accented = code_actor("Umaro Sissoco Embaló", date="2021-01-01", coder=coder)
    plain = code_actor("Umaro Sissoco Embalo", date="2021-01-01", coder=coder)
    assert accented["name"] == plain["name"] == "Umaro Sissoco Embaló"
    assert (plain["country"], plain["sector"]) == ("GNB", "GOV")


def test_no_phrase_is_listed_twice():
    # (names shared with other tables or between two people: tests/test_office_tables.py)
    mine = [p for person in people(TABLE) for p in _phrases(person)]
    assert len(mine) == len(set(mine)), sorted({p for p in mine if mine.count(p) > 1})


def test_every_african_state_has_a_head_of_state_or_government_throughout_the_decade():
    everyone = [p for table in people_tables() for p in people(table)]
    heads = [
        r
        for p in everyone
        for r in p.get("roles") or []
        if r["sector"] == "GOV"
        and HEAD.match(str(r.get("title")))
        and not REGIONAL.match(str(r.get("title")))
    ]
    missing = [
        (country, day.isoformat())
        for country in AFRICA
        for day in (Date(year, month, 1) for year in range(2015, 2025) for month in (1, 7))
        if not any(
            r["country"] == country
            and (r["start"] is None or r["start"] <= day)
            and (r["end"] is None or day < r["end"])
            for r in heads
        )
    ]
    assert not missing, missing
