"""GDELT 2.0 event-table TSV: one row per event, GDELT's 61 columns in GDELT's order.

What goes in each column is listed in docs/output.md. In short: actor codes are CAMEO-style
(ISO-3 countries); CountryCode is a country only (never IGO/NGO or a region); KnownGroupCode is
the group part of an organisation's code (PSEREBHMS -> HMS); Type1-3Code are the code's
sectors. The geo blocks follow GDELT's conventions: Type 1 country, 2 US state, 3 US city,
4 world city, 5 world state; CountryCode FIPS 10-4; ADM1Code FIPS + admin-1 ("USTX");
FeatureID the GeoNames id of a city, the ADM1 code of a region, the FIPS code of a country.
Actor geo is the actor's location in the text, else its country. Ethnic and religion codes
and AvgTone stay empty: tacitus does not code them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime
from functools import cache
from typing import TextIO

import pycountry

from tacitus.model import ActorRef, Document, Event, EventCount, Place
from tacitus.writers.records import Row, event_records

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS]
    + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)

GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = "1", "2", "3", "4", "5"


@cache
def _sectors() -> tuple[frozenset[str], frozenset[str]]:
    from tacitus.actors.lexicon import REGIONS, SECTORS

    return SECTORS, REGIONS


def is_country(code: str | None) -> bool:
    return bool(code) and (code == "XKX" or pycountry.countries.get(alpha_3=code) is not None)


def actor_parts(code: str | None, country: str | None, sector: str | None) -> tuple[str, str, list[str]]:
    """(CountryCode, KnownGroupCode, type codes) of a CAMEO-style actor code: "PSEREBHMS" ->
    ("PSE", "HMS", ["REB"]); "IGOUNOJUD" -> ("", "UNO", ["IGO", "JUD"]); "IRNGOV" -> ("IRN", "", ["GOV"])."""
    sectors, regions = _sectors()
    chunks = [code[i : i + 3] for i in range(0, len(code or ""), 3)] if code else []
    types: list[str] = []
    group = ""
    for n, chunk in enumerate(chunks):
        if chunk in sectors:
            types.append(chunk)  # IGO and NGO lead an organisation's code and are its type
        elif n == 0 or chunk in regions:
            continue  # the country, or an organisation's region ("IGOAFRAFU")
        elif not group:
            group = chunk
    if not types and sector:
        types.append(sector)
    home = country if is_country(country) else chunks[0] if chunks and is_country(chunks[0]) else ""
    return home, group, types[:3]


def _actor(ref: ActorRef | None) -> list[str]:
    if ref is None:
        return [""] * len(ACTOR_FIELDS)
    country, group, types = actor_parts(ref.code, ref.country, ref.sector)
    types += [""] * (3 - len(types))
    return [ref.code or "", ref.text, country, group, "", "", "", *types]


def _dates(day: str | None) -> list[str]:
    try:
        d = Date.fromisoformat((day or "")[:10])
    except ValueError:
        return ["", "", "", ""]
    fraction = d.year + (d.timetuple().tm_yday - 1) / 365.0
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{fraction:.4f}"]


def date_added(value: str | None) -> str:
    """ISO 8601 -> YYYYMMDDHHMMSS (UTC)."""
    try:
        return datetime.fromisoformat(value or "").strftime("%Y%m%d%H%M%S")
    except ValueError:
        return ""


def _coordinate(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else ""


def geo(place: Place | None) -> list[str]:
    """A GDELT geo block for a place; empty when there is none or it was not found."""
    if place is None or not place.country:
        return [""] * len(GEO_FIELDS)
    from tacitus.places import load_gazetteer

    fips = load_gazetteer().fips.get(place.country, "")
    us = place.country == "USA"
    if place.feature == "city":
        kind = GEO_US_CITY if us else GEO_WORLD_CITY
        feature_id = (place.geo_id or "").removeprefix("geonames:")
    elif place.feature == "adm1":
        kind = GEO_US_STATE if us else GEO_WORLD_STATE
        feature_id = place.adm1 or ""
    else:
        kind, feature_id = GEO_COUNTRY, fips
    adm1 = place.adm1 if place.feature in ("city", "adm1") else fips
    name = place.full_name or place.name
    return [kind, name, fips, adm1 or "", "", _coordinate(place.lat), _coordinate(place.lon), feature_id]


def _actor_place(ref: ActorRef | None) -> Place | None:
    """Where the text puts the actor, else its country."""
    if ref is None:
        return None
    if ref.location is not None and ref.location.country:
        return ref.location
    if is_country(ref.country):
        from tacitus.places import load_gazetteer

        entry = load_gazetteer().country(ref.country)
        return entry.place() if entry else None
    return None


def event_row(doc: Document, event: Event, count: EventCount | None = None) -> list[str]:
    count = count or EventCount(0, 0)
    return (
        [str(count.global_id), *_dates(event.date or doc.date)]
        + _actor(event.source)
        + _actor(event.target)
        + [
            "1" if event.sentence in (-1, 0) else "0",
            event.cameo,
            event.cameo[:3],
            event.root,
            str(event.quad_class),
            f"{event.goldstein:.1f}",
            str(count.num_mentions),
            str(count.num_sources),
            str(count.num_articles),
            "",
        ]
        + geo(_actor_place(event.source))
        + geo(_actor_place(event.target))
        + geo(event.place)
        + [date_added(count.date_added), doc.url or ""]
    )


def write_gdelt_rows(rows: Iterable[Row], out: TextIO) -> int:
    """Write (document, event, count) rows (a run's, or a store's); returns how many."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    written = 0
    for doc, event, count in rows:
        writer.writerow([v.replace("\t", " ").replace("\n", " ") for v in event_row(doc, event, count)])
        written += 1
    return written


def write_gdelt_tsv(documents: Iterable[Document], out: TextIO, all_events: bool = False) -> int:
    """Only asserted, non-negated events that are no one's claim, unless `all_events`."""
    return write_gdelt_rows(event_records(documents, all_events), out)
