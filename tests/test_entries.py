"""actors/entries.py: a person's role in a dated and in an undated text. An undated text is never
dated by the machine's clock: it gets what the person's roles agree on, not today's office."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.actors import code_actor
from tacitus.actors.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _person(lexicon, name: str):
    [entry] = [e for e in lexicon.lookup(name) if e.kind == "person"]
    return entry.person


def _code(role) -> tuple[str | None, str | None]:
    return (role.country, role.sector) if role else (None, None)


def test_a_dated_text_takes_the_role_held_that_day(lexicon):
    biden = _person(lexicon, "Joe Biden")
    assert _code(biden.role_on(date(2022, 3, 1))) == ("USA", "GOV")
    assert _code(biden.role_on(date(2000, 3, 1))) == ("USA", "LEG")
    assert _code(biden.role_on(date(2026, 3, 1))) == ("USA", "ELI")  # out of every role


def test_an_undated_text_gets_what_every_role_agrees_on(lexicon):
    # Senator, vice president, president, then a former official: one country, no one sector.
    assert _code(_person(lexicon, "Joe Biden").role_on(None)) == ("USA", None)
    # Chancellor, then prime minister, then out of office: his country, no sector
    assert _code(_person(lexicon, "Gordon Brown").role_on(None)) == ("GBR", None)


def test_undated_roles_in_different_countries_take_the_principal_one(lexicon):
    # Prime minister first, a Quartet envoy later: an undated text is not coded as the later IGO job.
    assert _code(_person(lexicon, "Tony Blair").role_on(None)) == ("GBR", None)
    assert _code(_person(lexicon, "Ban Ki-moon").role_on(None)) == ("IGO", None)


def test_a_title_several_people_held_names_none_of_them_when_undated(coder):
    undated = code_actor("the Supreme Leader", coder=coder)
    assert (undated["country"], undated["sector"]) == ("IRN", "GOV"), undated
    assert undated.get("name") not in ("Ali Khamenei", "Mojtaba Khamenei"), undated
    dated = code_actor("the Supreme Leader", date="2015-06-01", coder=coder)
    assert dated.get("name") == "Ali Khamenei", dated


def test_an_undated_president_keeps_the_office_the_phrase_gives(coder):
    undated = code_actor("President Biden", coder=coder)
    assert (undated["country"], undated["sector"]) == ("USA", "GOV"), undated


def test_a_party_leader_is_not_the_supreme_leader(coder):
    # "the Leader" is one of the Supreme Leader's titles, but "party leader X" and lower-cased text's
    # "leader" are someone else's.
    for text in ("union leader arthur penrose warned the council.", "Union Leader Arthur Penrose warned the council."):
        doc = coder.code_text(text)
        assert not any(a.code and a.code.startswith("IRN") for a in doc.actors), [(a.code, a.mentions[0].text) for a in doc.actors]


def test_an_undated_opposition_leader_keeps_his_country(coder):
    # Lower-cased, undated political news: the Tory leader is British whatever else the story names.
    doc = coder.code_text("michael howard criticised george bush over the us election.")
    howard = next(a for a in doc.actors if any(m.text.endswith("howard") for m in a.mentions))
    assert howard.country == "GBR", howard


def test_a_longer_name_is_not_the_tables_namesake(coder):
    # "Manuel Gonzalez" is in the tables; "Manuel Gonzalez Flores" (a second surname, also a
    # town's name) is someone else, coded from the story.
    doc = coder.code_text("State Interior Secretary Manuel Gonzalez Flores went to negotiate with the inmates in Monterrey, Mexico.")
    official = next(a for a in doc.actors if any("Gonzalez Flores" in m.text for m in a.mentions))
    assert official.country == "MEX", official
