"""Document-level gold (gold/README.md): loading, validation and scoring."""

import json

import pytest

from tacitus.evaluate import evaluate_tacitus
from tacitus.gold import GoldError, gold_document, load_gold, score_documents
from tacitus.model import Document

TEXT = (
    "Honduran police arrested two gang leaders in San Pedro Sula on Monday. "
    "The security minister said the army would attack the gang's camps if talks failed. "
    "Prices of fuel have risen, a trend critics call a ticking time bomb."
)


def _record(**extra):
    record = {
        "id": "g1",
        "text": TEXT,
        "events": [
            {"evidence": "Honduran police arrested two gang leaders", "trigger": "arrested",
             "source": {"text": "Honduran police", "country": "HND", "sector": "COP"},
             "target": {"text": "two gang leaders", "country": "HND", "sector": "CRM"}, "cameo": "173", "root": "17"},
        ],
        "statements": [{"evidence": "The security minister said", "cue": "said",
                        "speaker": {"text": "The security minister", "country": "HND", "sector": "GOV"}}],
        "traps": [
            {"evidence": "the army would attack the gang's camps", "trigger": "attack", "kind": "conditional"},
            {"evidence": "a ticking time bomb", "trigger": "bomb", "kind": "metaphor"},
        ],
    }
    record.update(extra)
    return record


def _event(trigger: str, root: str, source_country, target_country, **flags) -> dict:
    start = TEXT.index(trigger)
    ref = lambda country: {"actor": None, "text": "x", "code": country, "country": country, "sector": None} if country else None  # noqa: E731
    return {
        "id": "E", "sentence": 0, "evidence": "", "source": ref(source_country), "target": ref(target_country),
        "cameo": root + "0", "root": root, "quad_class": 4, "goldstein": 0.0, "plover": {"type": None},
        "trigger": {"text": trigger, "start": start, "end": start + len(trigger)}, **flags,
    }


def test_gold_record_is_located_in_its_text():
    gold = gold_document(_record(), "t:1")
    (start, end) = gold.events[0].trigger
    assert TEXT[start:end] == "arrested"
    assert [TEXT[t.trigger[0] : t.trigger[1]] for t in gold.traps] == ["attack", "bomb"]
    assert gold.events[0].key() == ("17", "HND", "HND")


@pytest.mark.parametrize(
    "change,message",
    [
        ({"events": [{"evidence": "police detained", "trigger": "detained", "cameo": "173"}]}, "evidence not found"),
        ({"events": [{"evidence": "Honduran police arrested", "trigger": "seized", "cameo": "173"}]}, "not inside its evidence"),
        ({"events": [{"evidence": "Honduran police arrested", "trigger": "arrested", "cameo": "17x"}]}, "not a CAMEO code"),
        ({"traps": [{"evidence": "a ticking time bomb", "trigger": "bomb", "kind": "joke"}]}, "is not one of"),
    ],
)
def test_a_broken_gold_record_names_its_place(change, message):
    with pytest.raises(GoldError, match=message) as err:
        gold_document(_record(**change), "gold.jsonl:7")
    assert "gold.jsonl:7" in str(err.value)


def test_real_articles_are_read_from_the_news_folder(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": TEXT}) + "\n", encoding="utf-8")
    record = _record()
    del record["text"]
    record.update(corpus="wire", id="w1")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert load_gold(path, news)[0].text == TEXT
    with pytest.raises(GoldError, match="--texts"):
        load_gold(path, None)


def test_scores_count_right_triples_and_asserted_traps():
    gold = [gold_document(_record(), "t:1")]
    predicted = Document.from_dict({
        "text": TEXT,
        "events": [
            _event("arrested", "17", "HND", "HND"),                  # right
            _event("attack", "18", "HND", None),                     # a conditional asserted: trap + false positive
            _event("bomb", "18", None, None, modality="possible"),   # not factual: neither counted nor a trap
        ],
    })
    report = score_documents(gold, [predicted])
    assert report["overall"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert report["traps"]["asserted"] == 1 and report["traps"]["total"] == 2
    assert report["asserted_traps"][0]["kind"] == "conditional"
    assert report["factual_with_source_country"] == 1.0
    assert report["statements"]["recall"] == 0.0  # no statement predicted


def test_wrong_country_is_right_by_root_only():
    gold = [gold_document(_record(traps=[]), "t:1")]
    predicted = Document.from_dict({"text": TEXT, "events": [_event("arrested", "17", "SLV", "HND")]})
    levels = score_documents(gold, [predicted])["levels"]
    assert levels["root"]["f1"] == 1.0 and levels["root_source"]["f1"] == 0.0


def test_the_coder_against_a_small_gold(coder, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_record()) + "\n", encoding="utf-8")
    report = evaluate_tacitus(path, coder)
    assert report["n"] == 1 and report["format"] == "tacitus"
    assert report["levels"]["root"]["recall"] == 1.0  # the arrest is found
    assert report["traps"]["asserted"] == 0  # neither the conditional attack nor the metaphor


def test_organisations_match_whatever_region_their_code_names():
    text = "The European Union condemned the coup in Niger."
    record = {"id": "o1", "text": text, "events": [
        {"evidence": "condemned the coup", "trigger": "condemned", "cameo": "111",
         "source": {"text": "The European Union", "country": None, "sector": "IGO", "code": "IGOEU"},
         "target": {"text": "Niger", "country": "NER", "sector": None}}]}
    start = text.index("condemned")
    predicted = Document.from_dict({"text": text, "events": [{
        "id": "E1", "sentence": 0, "evidence": text, "cameo": "111", "root": "11", "quad_class": 3, "goldstein": -2.0,
        "plover": {"type": "ACCUSE"}, "trigger": {"text": "condemned", "start": start, "end": start + 9},
        "source": {"actor": "A1", "text": "The European Union", "code": "IGOEUREEC", "country": "EUR", "sector": "IGO"},
        "target": {"actor": "A2", "text": "Niger", "code": "NER", "country": "NER", "sector": None}}]})
    assert score_documents([gold_document(record, "t:1")], [predicted])["overall"]["f1"] == 1.0


ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"


@pytest.mark.parametrize("path", sorted((ROOT / "gold").glob("*.jsonl")), ids=lambda p: p.name)
def test_committed_gold_files_load(path):
    # Every evidence and trigger of the committed gold must be found in its text; the real
    # articles' texts live beside the project (skipped where they are absent).
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if any("corpus" in r for r in records) and not NEWS.is_dir():
        pytest.skip("../shared/data/news is absent")
    documents = load_gold(path, NEWS)
    assert len(documents) == len(records) and len({d.id for d in documents}) == len(documents)
    assert all(d.events or d.statements or d.traps for d in documents)
