"""The office holders of Asia, the Middle East, Oceania and UN bodies (data/knowledge/office_asia.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from office_helpers import people
from tacitus.actors import code_actor

OWN = "knowledge/office_asia.yaml"


@pytest.mark.parametrize(
    "text, day, country, sector",
    [
        ("Prime Minister Omar Razzaz", "2019-06-01", "JOR", "GOV"),
        ("Omar Razzaz", "2022-01-01", "JOR", "ELI"),
        ("Defence Minister Yen Teh-fa", "2019-06-01", "TWN", "GOV"),
        ("Don Pramudwinai", "2018-03-01", "THA", "GOV"),
        ("Don Pramudwinai", "2024-06-01", "THA", "ELI"),
        ("Tran Dai Quang", "2017-05-01", "VNM", "GOV"),
        ("Saleh al-Sammad", "2017-01-01", "YEM", "REB"),
        ("Filippo Grandi", "2019-01-01", "IGO", "IGO"),
        ("President Mirziyoyev", "2018-01-01", "UZB", "GOV"),
        ("Walid Jumblatt", "2019-01-01", "LBN", "PTY"),
    ],
)
def test_a_person_is_coded_by_the_role_held_on_the_day(coder, text, day, country, sector):
    coded = code_actor(text, date=day, coder=coder)
    assert (coded["country"], coded["sector"]) == (country, sector)


def test_the_later_role_replaces_the_earlier_one(coder):
    # Peter Dutton: Defence Minister until the 2022 election, then Leader of the Opposition.
    assert code_actor("Peter Dutton", date="2021-06-01", coder=coder)["sector"] == "GOV"
    assert code_actor("Peter Dutton", date="2023-06-01", coder=coder)["sector"] == "OPP"
    # Prachanda out of office between his terms is a party leader.
    assert code_actor("Prachanda", date="2023-06-01", coder=coder)["sector"] == "GOV"
    assert code_actor("Prachanda", date="2020-01-01", coder=coder)["sector"] == "PTY"


def test_every_person_held_a_role_in_2015_to_2024():
    first, last = date(2015, 1, 1), date(2024, 12, 31)
    outside = []
    for person in people(OWN):
        spans = [(r.get("start") or date.min, r.get("end") or date.max) for r in person["roles"]]
        if not any(start <= last and end >= first for start, end in spans):
            outside.append(person["name"])
    assert outside == []
