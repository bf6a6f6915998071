"""The compiled actor knowledge base: tens of thousands of people with dated roles,
organisations, subdivisions and cities (data/knowledge/*.tsv, built by tools/build_knowledge.py)
and hand-written facts (data/knowledge/actors.yaml: parties, agencies, legislatures, armed
groups, regions and breakaway territories, ethnic groups).

The TSV tables are large, so they are not turned into `Entry` objects nor put in the lexicon's
phrase index: `KnowledgeIndex` keeps each row as text, finds matches by looking
up the lower-cased text of token spans, and builds an `Entry` the first time a row is matched.
The hand tables (countries.yaml, igos.yaml, people.yaml, sectors.yaml) take precedence: a
phrase they know is never looked up here.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from tacitus.actors.lexicon import (
    REGIONS,
    SECTORS,
    ActorLexicon,
    Entry,
    LexiconError,
    Person,
    Role,
    load_orgs,
    load_people,
    normalise,
)
from tacitus.datafiles import load_yaml, read_data

MAX_TOKENS = 8  # longest phrase looked up, in tokens
TABLES = ("people", "orgs", "places")
PLACE_KINDS = ("subdivision", "city", "petrarch", "region")
CACHE_FORMAT = 2  # bump when the cached index changes shape
ROW_SPAN = 1 << 20  # rows per table in a row code
SHARED = -1  # row code of a phrase several rows share


def _valid_country(code: str, where: str) -> str | None:
    if not code:
        return None
    if code in REGIONS or pycountry.countries.get(alpha_3=code) is not None:
        return code
    raise LexiconError(f"{where}: unknown country code {code!r}")


def _valid_sector(code: str, where: str) -> str | None:
    if not code:
        return None
    if code not in SECTORS:
        raise LexiconError(f"{where}: unknown sector {code!r}")
    return code


def _valid_date(text: str, where: str) -> Date | None:
    if not text:
        return None
    try:
        return Date.fromisoformat(text)
    except ValueError as err:
        raise LexiconError(f"{where}: bad date {text!r}") from err


@dataclass
class KnowledgeIndex:
    """Rows of the compiled tables by lower-cased phrase; entries are built when first matched."""

    rows: dict[str, list[str]] = field(default_factory=dict)  # table -> raw lines
    # phrase -> its row, as table number * ROW_SPAN + row; `shared` holds phrases of several rows
    keys: dict[str, int] = field(default_factory=dict)
    shared: dict[str, list[int]] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    built: dict[tuple[str, int], Entry] = field(default_factory=dict)
    _first_ids: set[int] = field(default_factory=set, repr=False, compare=False)

    def entries(self, key: str) -> list[Entry]:
        out = []
        ref = self.keys.get(key)
        for code in self.shared.get(key, ()) if ref == SHARED else () if ref is None else (ref,):
            table, row = TABLES[code // ROW_SPAN], code % ROW_SPAN
            entry = self.built.get((table, row))
            if entry is None:
                entry = self.built[(table, row)] = _entry(table, self.rows[table][row], f"knowledge/{table}.tsv:{row}")
            out.append(entry)
        return out

    def find(self, doc: Doc, known: dict[str, list[Entry]]) -> list[tuple[int, int, list[Entry]]]:
        """Every (start, end, entries) whose text is a phrase of the tables and not of `known`."""
        found = []
        text = doc.text
        if len(self._first_ids) != len(self.first_words):  # speed: the words as spaCy's string ids
            self._first_ids = {get_string_id(w) for w in self.first_words}
        columns = doc.to_array([LOWER, IDX, LENGTH]).tolist()  # speed: no Token objects
        for i, (lower, start, _) in enumerate(columns):
            if lower not in self._first_ids:
                continue
            for j in range(i + 1, min(len(doc), i + MAX_TOKENS) + 1):
                span_text = text[start : columns[j - 1][1] + columns[j - 1][2]]
                key = normalise(span_text)
                if key not in self.keys and "-" in key:
                    key = key.replace("-", " ")  # "Faustin-Archange Touadera", "Mazar i Sharif"
                if key in self.keys and key not in known and not key.startswith(("'", "-")):
                    found.append((i, j, self.entries(key)))
        return found

    def validate(self) -> int:
        """Build every row once (the tests' full check of codes and dates); returns the row count."""
        count = 0
        for table, lines in self.rows.items():
            for number, line in enumerate(lines):
                _entry(table, line, f"knowledge/{table}.tsv:{number}")
                count += 1
        return count


def _roles(text: str, where: str) -> tuple[tuple[Role, ...], Role | None]:
    roles = []
    for part in text.split(";"):
        bits = part.split(":")
        if len(bits) != 4:
            raise LexiconError(f"{where}: role {part!r} is not country:sector:start:end")
        country, sector = _valid_country(bits[0], where), _valid_sector(bits[1], where)
        start, end = _valid_date(bits[2], where), _valid_date(bits[3], where)
        if start and end and end < start:
            raise LexiconError(f"{where}: role ends before it starts")
        roles.append(Role(country=country, sector=sector, start=start, end=end, code=f"{country or ''}{sector or ''}" or None))
    dated = tuple(r for r in roles if r.start or r.end)
    plain = [r for r in roles if not (r.start or r.end)]
    otherwise = plain[-1] if plain else None
    countries = {r.country for r in roles if r.country}
    if otherwise is None and len(countries) == 1:
        # Out of every dated office, someone who held one is still a notable of that country.
        otherwise = Role(country=countries.pop(), sector="ELI", code=None)
    # Office before the notable periods that surround it: the first role holding on a day wins.
    ordered = tuple(sorted(dated, key=lambda r: r.sector == "ELI"))
    return ordered or tuple(plain[:1]), otherwise


def _entry(table: str, line: str, where: str) -> Entry:
    cols = line.split("\t")
    if table == "people":
        if len(cols) != 4:
            raise LexiconError(f"{where}: expected 4 columns")
        roles, otherwise = _roles(cols[2], where)
        person = Person(name=cols[0], gender=None, roles=roles, otherwise=otherwise)
        return Entry(kind="person", name=cols[0], person=person)
    if table == "orgs":
        if len(cols) != 6:
            raise LexiconError(f"{where}: expected 6 columns")
        country, sector = _valid_country(cols[2], where), _valid_sector(cols[3], where)
        code = f"{country or ''}{sector or ''}" or None
        return Entry(kind="org", name=cols[0], country=country, sector=sector, code=code)
    if len(cols) != 3 or cols[2] not in PLACE_KINDS:
        raise LexiconError(f"{where}: expected name, country and a place kind")
    return Entry(kind="place", name=cols[0], country=_valid_country(cols[1], where))


def _index_rows(rows: dict[str, list[str]]) -> tuple[dict[str, int], dict[str, list[int]], set[str]]:
    # The build script writes names already normalised but for case, so `lower()` is the key.
    keys: dict[str, int] = {}
    shared: dict[str, list[int]] = {}
    first_words: set[str] = set()
    for number_of_table, table in enumerate(TABLES):
        with_aliases = table != "places"
        for number, line in enumerate(rows[table]):
            code = number_of_table * ROW_SPAN + number
            name, _, rest = line.partition("\t")
            names = [name]
            if with_aliases:
                aliases = rest.partition("\t")[0]
                if aliases:
                    names.extend(aliases.split("|"))
            for name in names:
                key = name.lower()
                ref = keys.get(key)
                if ref is None:
                    keys[key] = code
                    first = key.partition(" ")[0]
                    first_words.add(first)
                    if "-" in first or "'" in first:
                        first_words.update((first.partition("-")[0], first.partition("'")[0]))
                elif ref != SHARED:
                    if ref != code:
                        keys[key], shared[key] = SHARED, [ref, code]
                elif len(shared[key]) < 4 and code not in shared[key]:  # a name many rows share says little
                    shared[key].append(code)
    return keys, shared, first_words


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tacitus"


def _cached(texts: list[str], build: Callable[[], Any]) -> Any:
    """`build()`, through a cache in the user's cache directory keyed by the content of the data
    it is built from, the index's format and the Python version (marshal: plain containers, read
    back fast, but in a format of each Python version)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version_info[:2]}/{CACHE_FORMAT}".encode())
    for text in texts:
        digest.update(text.encode("utf-8"))
    path = _cache_dir() / f"knowledge-{digest.hexdigest()}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        tmp.replace(path)  # atomic: parallel workers never read a half-written cache
    except (OSError, ValueError):
        pass  # a read-only home only costs the build time
    return value


def _load_index(index: KnowledgeIndex) -> None:
    """Index the compiled tables (cached: indexing 70,000 rows costs more start-up time than
    reading the index back)."""
    texts = [read_data(f"knowledge/{table}.tsv") for table in TABLES]
    for table, text in zip(TABLES, texts, strict=True):
        index.rows[table] = [line for line in text.splitlines() if line and line[0] != "#"]

    def build() -> tuple:
        index.validate()  # every row once, whenever the data (and so the cache key) changes
        keys, shared, first_words = _index_rows(index.rows)
        return keys, shared, sorted(first_words)

    index.keys, index.shared, first_words = _cached(texts, build)
    index.first_words = set(first_words)


def _plain(value: Any) -> Any:
    """YAML's dates as ISO strings (the loaders read both), so the parsed file can be cached."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Date):
        return value.isoformat()
    return value


def _fact_files() -> list[str]:
    """knowledge/actors.yaml first, then the office-holder tables (knowledge/office_*.yaml, one per
    region), in name order so a load is the same on every machine."""
    folder = resources.files("tacitus").joinpath("data/knowledge")
    extra = sorted(f.name for f in folder.iterdir() if f.name.startswith("office_") and f.name.endswith(".yaml"))
    return ["knowledge/actors.yaml", *(f"knowledge/{name}" for name in extra)]


def load_facts(lexicon: ActorLexicon) -> None:
    """data/knowledge/actors.yaml and office_*.yaml: organisations (igos.yaml format), people
    (people.yaml format), places and ethnic groups."""
    for name in _fact_files():
        _load_fact_file(lexicon, name)


def _load_fact_file(lexicon: ActorLexicon, name: str) -> None:
    text = read_data(name)
    data = _cached([text], lambda: _plain(load_yaml(text)))
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping")
    load_orgs(lexicon, data.get("orgs") or [], origin=name)
    load_people(lexicon, data.get("people") or [], origin=name)
    for item in data.get("places") or []:
        where = f"{name}:{item.get('name')}"
        country = _valid_country(str(item.get("country") or ""), where)
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            lexicon.add(str(phrase), Entry(kind="place", name=str(item["name"]), country=country))
    for item in data.get("ethnic") or []:
        where = f"{name}:{item.get('name')}"
        country = _valid_country(str(item.get("country") or ""), where)
        code = str(item.get("code") or "")
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise LexiconError(f"{where}: an ethnic code is three capital letters")
        entry = Entry(kind="ethnic", name=str(item["name"]), country=country, code=code)
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            lexicon.add(str(phrase), entry)


def load_knowledge(lexicon: ActorLexicon) -> KnowledgeIndex:
    """Add the hand-written facts to `lexicon` and index the compiled tables behind it."""
    load_facts(lexicon)
    index = KnowledgeIndex()
    _load_index(index)
    _keep_earlier_roles(lexicon, index)
    return index


# The hand tables are written for 2015 on; a person they hold without earlier roles keeps the
# compiled tables' roles (Phoenix, to 2014) for the years before.
HAND_TABLES_FROM = Date(2015, 1, 1)


def _keep_earlier_roles(lexicon: ActorLexicon, index: KnowledgeIndex) -> None:
    """A person of the hand tables who is also in the compiled tables, under the same full name
    and no one else's, keeps the compiled roles for the dates before the hand roles begin: a
    minister of 2020 who was a minister in 2010 is not a mere notable in a 2010 article. The
    compiled roles are cut the day before, so the hand table still decides every later date and
    an undated text."""
    merged: dict[int, Person] = {}
    for entries in lexicon.phrases.values():
        for entry in entries:
            person = entry.person
            if entry.kind != "person" or person is None or id(person) in merged:
                continue
            merged[id(person)] = person
            older = [e.person for e in index.entries(normalise(person.name)) if e.kind == "person" and e.person]
            if len(older) != 1:
                continue
            cutoff = min([HAND_TABLES_FROM, *(r.start for r in person.roles if r.start)])
            last = cutoff - timedelta(days=1)
            earlier = tuple(
                replace(r, end=min(r.end or last, last))
                for r in older[0].roles
                if r.start is not None and r.start < cutoff
            )
            if earlier:
                merged[id(person)] = replace(person, roles=person.roles + earlier)
    for key, entries in lexicon.phrases.items():
        if any(e.person is not None and merged.get(id(e.person), e.person) is not e.person for e in entries):
            lexicon.phrases[key] = [replace(e, person=merged[id(e.person)]) if e.person is not None else e for e in entries]
