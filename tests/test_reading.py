"""Reading real-world files right: byte-order marks, Windows-1252, files of unknown type, a CSV
quote never closed, and documents that are not in English."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import logged
from tacitus.cli import cli
from tacitus.ingest import read_inputs
from tacitus.language import non_english

ARTICLE = "The Kenyan interior minister said police had arrested twelve protesters in Nairobi on Tuesday."
QUOTED = "The minister’s aides — “we will talk,” one said — met Renée Dubois in São Paulo."
SHARED_NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, codec):
    path = tmp_path / "story.txt"
    data = QUOTED.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [doc] = read_inputs([path])
    assert not doc.errors, doc.errors
    assert doc.text == QUOTED


def test_utf16_jsonl_and_csv_are_streamed(tmp_path):
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text(json.dumps({"id": "u1", "text": QUOTED}, ensure_ascii=False) + "\n", encoding="utf-16")
    csv_file = tmp_path / "news.csv"
    csv_file.write_text(f'id,text\nc1,"{QUOTED}"\n', encoding="utf-8-sig")
    docs = list(read_inputs([jsonl, csv_file]))
    assert [(d.id, d.text, d.errors) for d in docs] == [("u1", QUOTED, []), ("c1", QUOTED, [])]


def test_windows_1252_is_not_mojibake(tmp_path):
    text_file, jsonl = tmp_path / "story.txt", tmp_path / "news.jsonl"
    text_file.write_bytes(QUOTED.encode("cp1252"))
    jsonl.write_bytes(json.dumps({"id": "w1", "text": QUOTED}, ensure_ascii=False).encode("cp1252") + b"\n")
    docs = list(read_inputs([text_file, jsonl]))
    assert [d.text for d in docs] == [QUOTED, QUOTED]


def test_nul_characters_and_lone_surrogates_become_storable(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "s\ud800", "text": ARTICLE + " \u0000 \udc80 end."}) + "\n", encoding="utf-8")
    [doc] = read_inputs([path])
    assert len(doc.text) == len(ARTICLE) + 9  # one character for one: offsets do not move
    doc.text.encode("utf-8")
    doc.id.encode("utf-8")
    assert "\ufffd" in doc.text and "\x00" not in doc.text


def test_files_of_unknown_type_are_listed_once(tmp_path, caplog, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name in ("scan.pdf", "notes.docx", "photo.png"):
        (tmp_path / name).write_bytes(b"\x00\x01")
    monkeypatch.setattr(logging.getLogger("tacitus"), "propagate", True)  # a CLI run in this session turned it off
    with caplog.at_level(logging.WARNING, logger="tacitus.ingest"):
        docs = list(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["a"]
    [message] = logged(caplog)
    assert "3 file(s) of unknown type" in message and "scan.pdf" in message and "photo.png" in message


def test_a_csv_quote_never_closed_is_reported(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(f'id,text\nc1,"{ARTICLE}"\nc2,"An opening quote that never closes.\nc3,{ARTICLE}\nc4,{ARTICLE}\n', encoding="utf-8")
    docs = list(read_inputs([path]))
    assert docs[0].id == "c1" and not docs[0].errors
    broken = [d for d in docs if d.errors]
    assert len(broken) == 1
    assert broken[0].errors[0].startswith(f"{path}:3: broken CSV (a quote opened on line 3 is never closed")
    assert not any(ARTICLE in d.text and "opening quote" in d.text for d in docs)  # not one huge text


FOREIGN = {
    "fr": "Le ministre des Affaires étrangères a rencontré son homologue omanais à Mascate lundi pour discuter de la situation.",
    "ar": "التقى وزير الخارجية الإيراني نظيره العماني في مسقط يوم الاثنين لبحث الأوضاع في المنطقة.",
    "zh": "伊朗外交部长周一在马斯喀特会见了阿曼外交大臣，双方讨论了地区局势和双边关系。",
    "es": "El ministro de Asuntos Exteriores se reunió el lunes con su homólogo en Mascate para hablar de la situación.",
}


def test_documents_not_in_english_are_rejected_with_their_language(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [{"id": "en", "text": ARTICLE}] + [{"id": k, "text": v} for k, v in FOREIGN.items()]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    docs = {d.id: d for d in read_inputs([path])}
    assert not docs["en"].errors
    for n, code in enumerate(FOREIGN, start=2):
        [error] = docs[code].errors
        assert error.startswith(f"{path}:{n}: language ") and error.endswith(", English only (--any-language codes it anyway)")
        assert code == "zh" or f"language {code}," in error  # Chinese may be named by its variety (wuu)
    kept = list(read_inputs([path], any_language=True))
    assert not any(d.errors for d in kept)


def test_the_code_command_reports_foreign_documents_and_any_language_keeps_them(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(FOREIGN["fr"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(path)])
    assert result.exit_code == 1 and "language fr, English only" in result.stderr
    result = CliRunner().invoke(cli, ["code", str(path), "--any-language"])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("text", [
    "police arrested twelve protesters in nairobi on tuesday after the government banned the march",
    "IRAN'S FOREIGN MINISTER MET HIS OMANI COUNTERPART IN MUSCAT ON MONDAY",
    "Merkel met Putin in Sochi.",
    "12,400 ; 13,700 ; 15,000 (2023)",
])
def test_english_in_any_dress_is_kept(text):
    assert non_english(text) is None


@pytest.mark.skipif(not SHARED_NEWS.is_dir(), reason="needs ../shared/data/news")
def test_lower_cased_unpunctuated_bbc_articles_are_english():
    with (SHARED_NEWS / "bbc-train.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(40), handle, strict=False)]
    assert texts[0] == texts[0].lower()  # the trap: no capitals to help
    assert [non_english(t) for t in texts] == [None] * len(texts)
