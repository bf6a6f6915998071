"""The hand-written people tables as the tests read them: each table's people, and which tables
there are (the loader's own list, so a new office_*.yaml file is checked without editing a test)."""

from __future__ import annotations

from tacitus.actors.entries import normalise
from tacitus.actors.knowledge import _fact_files
from tacitus.datafiles import load_yaml, read_data


def people(table: str) -> list[dict]:
    """The people of a hand table: people.yaml is a list, the knowledge files hold `people:`."""
    data = load_yaml(read_data(table))
    return list(data if isinstance(data, list) else (data or {}).get("people") or [])


def people_tables() -> list[str]:
    return ["people.yaml", *_fact_files()]


def office_tables() -> list[str]:
    return [t for t in _fact_files() if t.startswith("knowledge/office_")]


def phrases(person: dict) -> list[str]:
    """A person's name and aliases, as the lexicon keys them."""
    return [normalise(str(p)) for p in [person["name"], *(person.get("aliases") or [])]]
