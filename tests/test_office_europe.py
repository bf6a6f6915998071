"""The European office holders of 2015-2024 (data/knowledge/office_europe.yaml)."""

from __future__ import annotations

from datetime import date as Date

import pytest

from office_helpers import people
from tacitus.actors import code_actor

TABLE = "knowledge/office_europe.yaml"


@pytest.mark.parametrize(
    "text, date, country, sector",
    [
        ("Home Secretary Amber Rudd", "2017-03-01", "GBR", "GOV"),
        ("Margot Wallstrom", "2016-05-10", "SWE", "GOV"),
        ("President Zuzana Čaputová", "2020-02-01", "SVK", "GOV"),
        ("Kolokoltsev", "2020-11-15", "RUS", "GOV"),
        ("Albin Kurti", "2023-04-01", "XKX", "GOV"),
        ("Ersin Tatar", "2022-06-01", "CYP", "SEP"),
        ("Denis Pushilin", "2019-06-01", "UKR", "SEP"),
        ("Alexander Schallenberg", "2021-11-01", "AUT", "GOV"),
        ("Feijoo", "2023-07-23", "ESP", "OPP"),
        ("opposition activist Maria Kolesnikova", "2021-09-06", "BLR", "OPP"),
    ],
)
def test_office_holders_are_coded_inside_their_terms(coder, text, date, country, sector):
    coded = code_actor(text, date=date, coder=coder)
    assert (coded["country"], coded["sector"]) == (country, sector)


@pytest.mark.parametrize(
    "text, date, country, sector",
    [
        ("Amber Rudd", "2021-01-01", "GBR", "ELI"),  # after every office
        ("Nicola Sturgeon", "2024-01-01", "GBR", "ELI"),
        ("Kramp-Karrenbauer", "2019-02-01", "DEU", "PTY"),  # party leader before she took Defence
        ("Leo Varadkar", "2021-06-01", "IRL", "GOV"),  # Tanaiste between his two terms as Taoiseach
        ("Pablo Casado", "2023-01-01", "ESP", "ELI"),
        ("Hashim Thaci", "2022-01-01", "XKX", "ELI"),
    ],
)
def test_the_code_follows_the_date(coder, text, date, country, sector):
    coded = code_actor(text, date=date, coder=coder)
    assert (coded["country"], coded["sector"]) == (country, sector)


def test_everyone_held_office_in_the_period_or_is_an_opposition_or_party_figure():
    first, last = Date(2015, 1, 1), Date(2024, 12, 31)
    for person in people(TABLE):
        roles = person.get("roles") or []
        in_period = any(
            (r["start"] or first) <= last and (r["end"] is None or r["end"] >= first) for r in roles
        )
        assert in_period or person["otherwise"]["sector"] in ("OPP", "PTY"), person["name"]
