"""The office holders of the Americas and the Caribbean (data/knowledge/office_americas.yaml):
dated roles code a name to the country and sector of the article's date (names shared between
tables: tests/test_office_tables.py)."""

from __future__ import annotations

from datetime import date

import pytest

from office_helpers import people
from tacitus.actors import code_actor

REGION = [
    "USA",
    "CAN",
    "MEX",
    "GTM",
    "BLZ",
    "SLV",
    "HND",
    "NIC",
    "CRI",
    "PAN",
    "CUB",
    "HTI",
    "DOM",
    "JAM",
    "TTO",
    "BHS",
    "BRB",
    "ATG",
    "DMA",
    "GRD",
    "KNA",
    "LCA",
    "VCT",
    "COL",
    "VEN",
    "ECU",
    "PER",
    "BOL",
    "CHL",
    "ARG",
    "URY",
    "PRY",
    "BRA",
    "GUY",
    "SUR",
]


HEAD_TITLES = {
    "President",
    "Prime Minister",
    "Provisional President",
    "Interim President",
    "Acting Prime Minister",
}


@pytest.fixture(scope="module")
def americas() -> list[dict]:
    return people("knowledge/office_americas.yaml")


@pytest.mark.parametrize(
    "text, day, country, sector",
    [
        # inside a role
        ("President Tabaré Vázquez", "2017-05-01", "URY", "GOV"),
        ("Homeland Security Secretary Alejandro Mayorkas", "2023-03-01", "USA", "GOV"),
        ("Prime Minister Alberto Otárola", "2023-06-01", "PER", "GOV"),
        ("Foreign Minister Santiago Cafiero", "2022-06-01", "ARG", "GOV"),
        ("Keith Rowley", "2020-01-01", "TTO", "GOV"),
        ("General Mark Milley", "2021-01-01", "USA", "MIL"),
        ("Luis Almagro", "2018-01-01", "IGO", "IGO"),
        ("Henrique Capriles", "2019-01-01", "VEN", "OPP"),
        # an earlier or later role of the same person
        ("Keith Rowley", "2013-01-01", "TTO", "OPP"),
        ("Hamilton Mourão", "2024-01-01", "BRA", "LEG"),
        # outside every role
        ("Tabare Vazquez", "2021-01-01", "URY", "ELI"),
        ("Mayorkas", "2018-01-01", "USA", "ELI"),
        ("Alberto Otarola", "2025-01-01", "PER", "ELI"),
    ],
)
def test_roles_code_the_name_on_the_date(coder, text, day, country, sector):
    coded = code_actor(text, date=day, coder=coder)
    assert (coded["country"], coded["sector"]) == (country, sector), coded


def test_roles_stay_in_the_region_and_are_ordered(americas):
    for person in americas:
        for role in person.get("roles") or []:
            # A comma in an unquoted title would split it into a stray key.
            assert set(role) == {"country", "sector", "start", "end", "title"}, person["name"]
            assert role["country"] in REGION or role["country"] == "IGO", person["name"]
            assert role["end"] is None or role["start"] < role["end"], person["name"]
        assert person["otherwise"]["country"] in REGION, person["name"]


@pytest.mark.parametrize("day", [date(2015, 6, 1), date(2019, 6, 1), date(2023, 6, 1)])
def test_every_country_has_a_head_of_state_or_government(americas, day):
    # With people.yaml and actors.yaml, every country of the region has a president or prime
    # minister on each date; a role that ends that day no longer counts.
    tables = americas + people("people.yaml") + people("knowledge/actors.yaml")
    heads = {
        role["country"]
        for person in tables
        for role in person.get("roles") or []
        if role["sector"] == "GOV"
        and str(role.get("title")).split(" (")[0] in HEAD_TITLES
        and role["start"] <= day
        and (role["end"] is None or day < role["end"])
    }
    assert set(REGION) - heads == set()
