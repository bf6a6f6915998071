"""GDELT fidelity, PLOVER JSON and typed Parquet: the writers on coded text."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tacitus.actors.lexicon import REGIONS, SECTORS
from tacitus.cli import cli
from tacitus.datafiles import load_yaml, read_data
from tacitus.model import Document, EventCount
from tacitus.ontology import load_cameo
from tacitus.writers.gdelt import COLUMNS, actor_parts, event_row, write_gdelt_tsv
from tacitus.writers.parquet import write_parquet
from tacitus.writers.plover import load_contexts, write_plover

HAMAS = "Hamas fighters in Gaza fired rockets at Israeli troops in Khan Younis on Monday."


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    a = sin(radians(lat2 - lat1) / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * asin(sqrt(a))


def gdelt_rows(documents) -> list[dict[str, str]]:
    out = io.StringIO()
    write_gdelt_tsv(documents, out, all_events=True)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert rows[0] == COLUMNS and all(len(r) == 61 for r in rows)
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.fixture(scope="module")
def hamas(coder):
    doc = Document(text=HAMAS, id="h1", date="2024-03-06", url="https://news.example/h1", source="Wire", title="Rockets fired")
    return next(coder.code_documents([doc]))


def test_every_gdelt_column_on_one_full_row(hamas):
    before = datetime.now(UTC).replace(microsecond=0)
    rows = gdelt_rows([hamas])
    row = next(r for r in rows if r["Actor1Code"] == "PSEREBHMS")
    event = next(e for e in hamas.events if e.source and e.source.code == "PSEREBHMS")
    cameo = load_cameo()[event.cameo]
    expected = {
        # the event's own date ("on Monday" of a Wednesday article), not the article's
        "GLOBALEVENTID": "1", "SQLDATE": "20240304", "MonthYear": "202403", "Year": "2024",
        "FractionDate": f"{2024 + 63 / 365:.4f}",  # 4 March is day 64: 63 days of the year done
        "Actor1Code": "PSEREBHMS", "Actor1Name": "Hamas fighters", "Actor1CountryCode": "PSE",
        "Actor1KnownGroupCode": "HMS", "Actor1EthnicCode": "", "Actor1Religion1Code": "", "Actor1Religion2Code": "",
        "Actor1Type1Code": "REB", "Actor1Type2Code": "", "Actor1Type3Code": "",
        "Actor2Code": "ISRMIL", "Actor2Name": "Israeli troops", "Actor2CountryCode": "ISR", "Actor2KnownGroupCode": "",
        "Actor2EthnicCode": "", "Actor2Religion1Code": "", "Actor2Religion2Code": "",
        "Actor2Type1Code": "MIL", "Actor2Type2Code": "", "Actor2Type3Code": "",
        "IsRootEvent": "1", "EventCode": event.cameo, "EventBaseCode": event.cameo[:3], "EventRootCode": "19",
        "QuadClass": "4", "GoldsteinScale": f"{cameo.goldstein:.1f}",
        "NumMentions": "1", "NumSources": "1", "NumArticles": "1", "AvgTone": "",
        # Hamas fighters *in Gaza*: the actor's own location, a world city (type 4), FIPS "WE"
        "Actor1Geo_Type": "4", "Actor1Geo_CountryCode": "WE", "Actor1Geo_ADM2Code": "",
        # Israeli troops *in Khan Younis*
        "Actor2Geo_Type": "4", "Actor2Geo_CountryCode": "WE", "Actor2Geo_ADM2Code": "",
        "ActionGeo_CountryCode": "WE", "ActionGeo_ADM2Code": "",
        "SOURCEURL": "https://news.example/h1",
    }
    assert {k: row[k] for k in expected} == expected
    assert row["Actor1Geo_FullName"] == "Gaza, Gaza, Palestinian Territory"
    assert km(float(row["Actor1Geo_Lat"]), float(row["Actor1Geo_Long"]), 31.50, 34.47) < 10
    assert km(float(row["Actor2Geo_Lat"]), float(row["Actor2Geo_Long"]), 31.34, 34.31) < 10
    assert row["Actor2Geo_FullName"].startswith("Kh") and "Palestinian Territory" in row["Actor2Geo_FullName"]
    for block in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        assert row[f"{block}_ADM1Code"].startswith("WE") and row[f"{block}_FeatureID"].isdigit()  # GeoNames ids of cities
    place = event.place
    assert row["ActionGeo_FullName"] == place.full_name and row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_Lat"] == f"{place.lat:.4f}" and row["ActionGeo_Long"] == f"{place.lon:.4f}"
    added = datetime.strptime(row["DATEADDED"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    assert before <= added <= datetime.now(UTC)


def test_ids_are_unique_in_the_run_and_sqldate_falls_back_to_the_article(coder):
    docs = [
        Document(text="Russian forces shelled Kharkiv. Ukrainian troops repelled the attack.", id="a", date="2024-05-10"),
        Document(text="Iran's foreign minister met his Omani counterpart in Muscat.", id="b", date="2024-03-04"),
    ]
    rows = gdelt_rows(coder.code_documents(docs))
    assert [r["GLOBALEVENTID"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert {r["SQLDATE"] for r in rows} == {"20240510", "20240304"}
    stored = Document(text="", id="c", date="2024-07-01")  # an event without its own date
    stored.events = [e for e in next(coder.code_documents([Document(text="Israeli warplanes bombed Gaza.", id="c")])).events]
    assert stored.events and stored.events[0].date is None
    row = event_row(stored, stored.events[0], EventCount(7, 7, date_added="2024-07-02T03:04:05+00:00"))
    assert row[0] == "7" and row[1] == "20240701" and row[-2] == "20240702030405"


def test_organisations_have_groups_and_no_country(coder):
    doc = coder.code_text("The United Nations condemned Hezbollah on Monday.", date="2024-03-04")
    rows = gdelt_rows([doc])
    row = next(r for r in rows if r["Actor1Code"] == "IGOUNO")
    assert row["Actor1CountryCode"] == "" and row["Actor1KnownGroupCode"] == "UNO" and row["Actor1Type1Code"] == "IGO"
    assert row["Actor2KnownGroupCode"] == "HEZ" and row["Actor2CountryCode"] == "LBN" and row["Actor2Type1Code"] == "REB"


def test_every_shipped_organisation_code_splits_into_country_group_and_types():
    for entry in load_yaml(read_data("igos.yaml")):
        country, group, types = actor_parts(entry["code"], entry.get("country"), entry.get("sector"))
        assert country not in ("IGO", "NGO") and country not in REGIONS, entry["code"]
        assert group not in SECTORS and group not in REGIONS, entry["code"]
        assert types and all(t in SECTORS for t in types), entry["code"]
        assert country == "" or len(country) == 3
    assert actor_parts("PSEREBHMS", "PSE", "REB") == ("PSE", "HMS", ["REB"])
    assert actor_parts("IGOAFRAFU", "AFR", "IGO") == ("", "AFU", ["IGO"])
    assert actor_parts("IRNGOV", "IRN", "GOV") == ("IRN", "", ["GOV"])


def test_us_places_get_gdelt_us_types(coder):
    doc = coder.code_text("Protesters in Atlanta clashed with police on Sunday.", date="2024-05-13")
    row = next(r for r in gdelt_rows([doc]) if r["EventRootCode"] == "14")  # protesters who clash riot (145)
    assert row["ActionGeo_Type"] == "3" and row["ActionGeo_CountryCode"] == "US" and row["ActionGeo_ADM1Code"] == "USGA"
    assert row["ActionGeo_FullName"] == "Atlanta, Georgia, United States"


def test_plover_json(hamas, coder):
    out = io.StringIO()
    assert write_plover([hamas], out) >= 1
    record = next(json.loads(line) for line in out.getvalue().splitlines() if '"PSEREBHMS"' in line)
    assert record["event_type"] == "ASSAULT" and record["event_date"] == "2024-03-04"
    assert record["actors"][0]["country"] == "PSE" and record["actors"][0]["sectors"] == ["REB"] and record["actors"][0]["group"] == "HMS"
    assert record["recipients"][0]["country"] == "ISR" and record["recipients"][0]["sectors"] == ["MIL"]
    assert "military" in record["contexts"]
    place = record["place"]
    assert place["country"] == "PSE" and isinstance(place["latitude"], float) and isinstance(place["geonames_id"], int)
    assert record["source"] == "Wire" and record["publication_date"] == "2024-03-06" and record["event_id"] >= 1
    result = CliRunner().invoke(cli, ["code", "-", "-f", "plover", "--date", "2024-03-04"], input="Riot police fired tear gas at students in Dhaka.")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and lines[0]["event_type"] and lines[0]["place"]["name"] == "Dhaka"
    assert set(load_contexts().by_sector) <= SECTORS


def test_parquet_dates_are_dates_and_rows_carry_the_document(hamas, coder, tmp_path):
    undated = next(coder.code_documents([Document(text="Israeli warplanes bombed Gaza.", id="u", title="Strikes", source="Desk")]))
    path = tmp_path / "events.parquet"
    write_parquet([hamas, undated], path, all_events=True)
    table = pq.read_table(path)
    assert table.schema.field("date").type == pa.date32() and table.schema.field("doc_date").type == pa.date32()
    assert table.schema.field("date_added").type == pa.timestamp("ms", tz="UTC")
    rows = table.to_pylist()
    first = next(r for r in rows if r["doc_id"] == "h1")
    assert first["date"] == date(2024, 3, 4) and first["doc_date"] == date(2024, 3, 6)
    assert first["doc_title"] == "Rockets fired" and first["doc_source"] == "Wire"
    assert isinstance(first["place_lat"], float) and isinstance(first["global_id"], int)
    last = next(r for r in rows if r["doc_id"] == "u")
    assert last["date"] is None and last["doc_date"] is None and last["doc_title"] == "Strikes"
    assert not any(v == "" for r in rows for k, v in r.items() if k in ("date", "doc_date", "place_lat", "date_added"))
    assert re.fullmatch(r"\d+", str(first["global_id"]))
