"""A small corpus for the cluster tests: 30 short articles written for them, spread over a
JSONL file (cut into byte ranges by the tests), a CSV file with a quoted newline and a folder of
text files, with the traps a partitioned run must get right: a text repeated in a later file,
an id repeated in a later range, records without an id (their key is file:line, so line
numbers must survive the cut), broken lines and an empty file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

ARTICLES = [
    "Kenya's president met Ethiopian officials in Nairobi on Monday to discuss the border.",
    "Chilean police detained dozens of students who marched through Santiago on Tuesday.",
    "The Polish foreign minister criticised Belarus over the treatment of journalists.",
    "Vietnam and the Philippines signed a maritime cooperation agreement in Hanoi.",
    "Syrian government forces shelled rebel-held districts of Idlib overnight.",
    "Norway offered to mediate between Colombia and the ELN guerrilla group.",
    "Mexican troops clashed with cartel gunmen near Culiacan on Wednesday.",
    "Canada expelled two Chinese diplomats accused of intimidating a lawmaker.",
    "The Saudi crown prince received the Iraqi prime minister in Riyadh on Thursday.",
    "Greek coast guards rescued migrants off Lesbos and accused Turkey of pushbacks.",
    "Nigerian soldiers killed several insurgents in an ambush in Borno state.",
    "Australia pledged emergency aid to Tonga after the volcanic eruption.",
    "Venezuelan opposition leaders called on the army to respect the election result.",
    "Indonesia's foreign minister visited Myanmar and urged the junta to release prisoners.",
    "South African miners went on strike outside Johannesburg over unpaid wages.",
    "Italy and Libya agreed to resume talks on migration in Rome on Friday.",
    "Azerbaijani forces attacked Armenian positions along the border, Yerevan said.",
    "The Moroccan king praised Spain for supporting the autonomy plan.",
    "Peruvian protesters blocked roads near Cusco and demanded new elections.",
    "Swiss prosecutors froze the assets of a former Uzbek minister.",
    "Thai police arrested activists who criticised the monarchy in Bangkok.",
    "Ghana and Togo held joint patrols against militants on their shared border.",
    "The Hungarian prime minister threatened to veto new sanctions on Russia.",
    "Algeria recalled its ambassador to France after remarks by the French president.",
    "Sri Lankan troops evacuated villagers from flooded districts near Colombo.",
    "Cuban officials denied that Russian warships had docked in Havana.",
    "Finnish border guards closed crossings on the frontier with Russia.",
    "The Brazilian president hosted the Bolivian president in Brasilia on Saturday.",
    "Ukrainian drones struck an oil depot in southern Russia on Sunday.",
    "Jordan's king warned Israel against an offensive in Rafah.",
]


def write_cluster_corpus(root: Path) -> tuple[list[str], int]:
    """Write the corpus under `root`; returns the input paths and the number of records."""
    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for n, text in enumerate(ARTICLES[:22]):
        record = {"text": text, "date": f"2024-05-{n + 1:02d}", "source": "Wire"}
        if n % 5 != 4:  # every fifth record has no id: its key is its file and line
            record["id"] = f"c{n:02d}"
        lines.append(json.dumps(record))
        if n == 6:
            lines.append('{"id": "broken-1", "text": "Half a rec')
        if n == 11:
            lines.append("")
            lines.append(json.dumps({"id": "no-text", "title": "Only a title"}))
        if n == 17:
            lines.append(json.dumps({"id": "c03", "text": "A later story under an id already used: Latvian officials met Estonian envoys."}))
    jsonl = root / "wire.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    table = root / "desk.csv"
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "date", "title", "text"])
        writer.writerow(["d01", "2024-06-01", "Two lines", ARTICLES[22] + "\n" + ARTICLES[23]])
        writer.writerow(["d02", "2024-06-02", "", ARTICLES[24]])
        writer.writerow(["d03", "2024-06-03", "", "  "])
        writer.writerow(["d04", "2024-06-04", "", ARTICLES[1]])  # the text of a JSONL record

    notes = root / "notes"
    notes.mkdir(exist_ok=True)
    for n, text in enumerate(ARTICLES[25:], start=1):
        (notes / f"n{n}.txt").write_text(f"Note {n}\n\n{text}\n", encoding="utf-8")
    (notes / "n9.txt").write_text("\n", encoding="utf-8")
    records = len(lines) - 1 + 4 + len(ARTICLES[25:]) + 1  # minus the blank line
    return [str(jsonl), str(table), str(notes)], records
