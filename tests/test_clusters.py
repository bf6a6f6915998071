"""Cross-article event clusters and syndicated copies in a store (store/clusters.py, store/neardup.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tacitus.corpus import run_corpus
from tacitus.store import open_store
from tacitus.store.clusters import compatible, counted_events, source_name, update_clusters
from tacitus.store.export import export_store
from tacitus.store.neardup import signature

DEPOT = (
    "Israeli warplanes bombed a weapons depot near Damascus on Sunday. The strike destroyed several "
    "buildings inside the compound, and residents of the southern suburbs reported loud explosions that "
    "shook windows for several minutes. Firefighters worked through the night to contain the blaze, "
    "while ambulances took the wounded to hospitals in the centre of the city. Traffic on the airport "
    "road was halted until the early hours of Monday morning."
)
INCIDENT = [
    {"id": "lw-1", "date": "2024-06-10", "source": "Levant Wire", "text": DEPOT},
    {"id": "ht-1", "date": "2024-06-10", "source": "Harbour Times", "url": "https://harbour.example/ht-1",
     "text": "Israeli warplanes bombed an arms depot outside Damascus on Sunday, Syrian state media reported. Witnesses said fires burned for hours."},
    {"id": "lw-2", "date": "2024-06-11", "source": "Levant Wire",
     "text": "Israeli warplanes bombed a military warehouse near Damascus late on Sunday. Residents said the blasts were heard across the capital."},
]
ELSEWHERE = {"id": "ht-2", "date": "2024-06-15", "source": "Harbour Times", "text": "Israeli warplanes bombed a convoy near Aleppo on Friday."}
# the Levant Wire story, picked up by another outlet with its own dateline and one word changed
COPY = {"id": "dd-1", "date": "2024-06-10", "source": "Desert Daily",
        "text": "DAMASCUS (Desert Daily) - " + DEPOT.replace("loud explosions", "powerful explosions")}


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def depot_cluster(db: Path) -> tuple[int, int, int, int]:
    """(cluster id, NumMentions, NumSources, NumArticles) of the Damascus strike."""
    with open_store(db) as backend:
        rows = backend.query(
            "SELECT c.cluster_id, c.num_mentions, c.num_sources, c.num_articles FROM event_clusters c "
            "WHERE c.root = '19' AND c.source_code = 'ISRMIL' AND c.place_country = 'SYR' AND c.day <= '2024-06-11'"
        )
    assert len(rows) == 1, rows
    return tuple(int(v) for v in rows[0])


@pytest.fixture(scope="module")
def incident_store(coder, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("incident")
    db = folder / "corpus.db"
    run_corpus([str(write(folder / "news.jsonl", [*INCIDENT, ELSEWHERE]))], db, workers=1, coder=coder)
    return db


def test_three_articles_of_one_incident_are_one_cluster(incident_store):
    _cluster, mentions, sources, articles = depot_cluster(incident_store)
    assert articles == 3 and sources == 2 and mentions >= 3
    with open_store(incident_store) as backend:
        members = backend.query(
            "SELECT DISTINCT m.doc_key FROM event_mentions m JOIN event_clusters c ON c.cluster_id = m.cluster_id "
            "WHERE c.root = '19' AND c.source_code = 'ISRMIL' AND c.day <= '2024-06-11'"
        )
        aleppo = backend.query("SELECT num_articles FROM event_clusters WHERE place_country = 'SYR' AND day >= '2024-06-13'")
    assert sorted(k for (k,) in members) == ["ht-1", "lw-1", "lw-2"]
    assert aleppo == [(1,)]  # five days later, another city: another happening


def test_every_event_has_an_integer_id_unique_in_the_store(incident_store):
    with open_store(incident_store) as backend:
        (events,) = backend.query("SELECT COUNT(*) FROM events")[0]
        ids = [g for (g,) in backend.query("SELECT global_id FROM event_mentions")]
    assert len(ids) == events == len(set(ids)) and all(isinstance(g, int) and g > 0 for g in ids)


def test_clusters_grow_as_articles_arrive_and_updating_twice_changes_nothing(coder, tmp_path):
    db = tmp_path / "grow.db"
    run_corpus([str(write(tmp_path / "first.jsonl", INCIDENT[:2]))], db, workers=1, coder=coder)
    first = depot_cluster(db)
    assert first[3] == 2 and first[2] == 2
    run_corpus([str(write(tmp_path / "later.jsonl", INCIDENT[2:]))], db, workers=1, coder=coder)
    later = depot_cluster(db)
    assert later[0] == first[0] and later[3] == 3 and later[2] == 2
    with open_store(db) as backend:
        assert update_clusters(backend) == 0
    assert depot_cluster(db) == later


def test_a_syndicated_copy_is_counted_not_coded_twice(coder, tmp_path):
    assert signature(DEPOT).jaccard(signature(COPY["text"])) >= 0.8
    db = tmp_path / "copies.db"
    run_corpus([str(write(tmp_path / "news.jsonl", [INCIDENT[0], COPY]))], db, workers=1, coder=coder)
    with open_store(db) as backend:
        status = dict(backend.query("SELECT key, status FROM documents"))
        (original,) = backend.query("SELECT duplicate_of FROM documents WHERE key = 'dd-1'")[0]
        coded_texts = backend.query("SELECT DISTINCT doc_key FROM events")
    assert status == {"lw-1": "coded", "dd-1": "duplicate"} and original == "lw-1"
    assert coded_texts == [("lw-1",)]
    _cluster, mentions, sources, articles = depot_cluster(db)
    assert articles == 2 and sources == 2 and mentions == 2
    # a later run finds copies of what an earlier run stored
    again = dict(COPY, id="dd-2", source="Gulf Wire")
    run_corpus([str(write(tmp_path / "later.jsonl", [again]))], db, workers=1, coder=coder)
    with open_store(db) as backend:
        assert backend.query("SELECT status, duplicate_of FROM documents WHERE key = 'dd-2'") == [("duplicate", "lw-1")]
    assert depot_cluster(db)[1:] == (3, 3, 3)


def test_export_dedup_writes_one_row_per_cluster_with_its_counts(incident_store, tmp_path):
    every, dedup = tmp_path / "every.tsv", tmp_path / "dedup.tsv"
    n_every = export_store(incident_store, "tsv", every)
    n_dedup = export_store(incident_store, "tsv", dedup, dedup=True)
    rows = list(csv.DictReader(io.StringIO(every.read_text(encoding="utf-8")), delimiter="\t"))
    once = list(csv.DictReader(io.StringIO(dedup.read_text(encoding="utf-8")), delimiter="\t"))
    assert len(rows) == n_every and len(once) == n_dedup < n_every
    strike = [r for r in rows if r["Actor1Code"] == "ISRMIL" and r["ActionGeo_FullName"].startswith("Damascus")]
    assert len(strike) == 3 and {r["NumArticles"] for r in strike} == {"3"} and {r["NumSources"] for r in strike} == {"2"}
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    single = [r for r in once if r["Actor1Code"] == "ISRMIL" and r["ActionGeo_FullName"].startswith("Damascus")]
    assert len(single) == 1 and single[0]["NumArticles"] == "3" and single[0]["GLOBALEVENTID"] == strike[0]["GLOBALEVENTID"]
    assert single[0]["SQLDATE"] == "20240609"


def test_counted_events_and_other_formats(incident_store, tmp_path):
    with open_store(incident_store) as backend:
        counted = list(counted_events(backend, dedup=True))
    assert len({c.cluster_id for _d, _e, c in counted}) == len(counted)
    out = tmp_path / "events.jsonl"
    assert export_store(incident_store, "plover", out, dedup=True) == len([1 for _d, e, _c in counted if e.factual])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    strike = next(r for r in records if r["actors"] and r["actors"][0]["code"] == "ISRMIL" and r["num_articles"] == 3)
    assert strike["event_type"] == "ASSAULT" and strike["place"]["name"] == "Damascus" and strike["num_sources"] == 2


def test_places_are_compatible_unless_countries_or_distant_cities_differ():
    damascus = {"place_country": "SYR", "place_feature": "city", "place_lat": 33.51, "place_lon": 36.29}
    suburb = {"place_country": "SYR", "place_feature": "city", "place_lat": 33.45, "place_lon": 36.33}
    aleppo = {"place_country": "SYR", "place_feature": "city", "place_lat": 36.20, "place_lon": 37.16}
    unknown = {"place_country": None, "place_feature": None, "place_lat": None, "place_lon": None}
    beirut = {"place_country": "LBN", "place_feature": "city", "place_lat": 33.89, "place_lon": 35.50}
    assert compatible(damascus, suburb) and compatible(damascus, unknown)
    assert not compatible(damascus, aleppo) and not compatible(damascus, beirut)


def test_sources_are_counted_by_name_else_by_host():
    assert source_name("Levant Wire ", None) == source_name("levant wire", "https://x.example/1") == "levant wire"
    assert source_name(None, "https://www.harbour.example/a") == "harbour.example"
    assert source_name(None, None) == ""


def test_recoding_relinks_without_double_counting(coder, incident_store, tmp_path):
    import shutil

    copy = tmp_path / "recode.db"
    shutil.copy(incident_store, copy)
    before = depot_cluster(copy)
    news = write(tmp_path / "news.jsonl", [*INCIDENT, ELSEWHERE])
    run_corpus([str(news)], copy, workers=1, coder=coder, recode=True)
    assert depot_cluster(copy) == before
    with open_store(copy) as backend:
        (events,) = backend.query("SELECT COUNT(*) FROM events")[0]
        (linked,) = backend.query("SELECT COUNT(*) FROM event_mentions")[0]
    assert linked == events


def test_cli_export_dedup(incident_store, tmp_path):
    from click.testing import CliRunner

    from tacitus.cli import cli

    runner = CliRunner()
    out = tmp_path / "dedup.tsv"
    result = runner.invoke(cli, ["export", "--db", str(incident_store), "-f", "tsv", "--dedup", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert any(r["NumArticles"] == "3" for r in rows)
    refused = runner.invoke(cli, ["export", "--db", str(incident_store), "-f", "jsonl", "--dedup"])
    assert refused.exit_code != 0 and "--dedup" in refused.output
