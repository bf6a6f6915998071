"""The CAMEO ontology (codes, names, QuadClass, Goldstein) and its PLOVER mapping, from data/cameo.tsv."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from tacitus.model import Event, Plover

PLOVER_TYPES = frozenset(
    ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
)

# The development data's five classes (ConfliBERT's class5 grouping of roots).
CLASS5_NAMES = (
    "statement",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)


class OntologyError(ValueError):
    pass


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.root)

    @property
    def class5(self) -> int:
        return class5(self.root)


def quad_class(root: str) -> int:
    """GDELT QuadClass: 1 verbal coop (01-05), 2 material coop (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20)."""
    r = int(root)
    if r <= 5:
        return 1
    if r <= 9:
        return 2
    if r <= 14:
        return 3
    return 4


def class5(root: str) -> int:
    """ConfliBERT 5-class label of a root: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16,
    4 = 14-15 and 17-20.

    Root 16 (reduce relations: expel diplomats, suspend aid, sanctions, cancel a visit) is
    verbal conflict in the development data's labels, not material conflict: of the sentences
    whose principal event tacitus codes as 16, every one is labelled 3 there."""
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


class Cameo:
    """All CAMEO codes, validated on load."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], origin: str = "cameo.tsv") -> Cameo:
        codes: dict[str, CameoCode] = {}
        for line, row in enumerate(rows, start=2):
            code = (row.get("code") or "").strip()
            where = f"{origin}:{line}"
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise OntologyError(f"{where}: bad CAMEO code {code!r}")
            if code in codes:
                raise OntologyError(f"{where}: duplicate code {code}")
            if not 1 <= int(code[:2]) <= 20:
                raise OntologyError(f"{where}: root {code[:2]} outside 01-20")
            try:
                goldstein = float(row["goldstein"])
            except (TypeError, ValueError) as err:
                raise OntologyError(f"{where}: Goldstein score is not a number") from err
            if not -10.0 <= goldstein <= 10.0:
                raise OntologyError(f"{where}: Goldstein {goldstein} outside [-10, 10]")
            ptype = (row.get("plover_type") or "").strip() or None
            if ptype is not None and ptype not in PLOVER_TYPES:
                raise OntologyError(f"{where}: unknown PLOVER type {ptype!r}")
            codes[code] = CameoCode(
                code=code,
                name=(row.get("name") or "").strip(),
                goldstein=goldstein,
                plover_type=ptype,
                plover_mode=(row.get("plover_mode") or "").strip() or None,
            )
        missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in codes]
        if missing:
            raise OntologyError(f"{origin}: root codes missing: {', '.join(missing)}")
        orphans = [c for c in codes if c[:2] not in codes]
        if orphans:
            raise OntologyError(f"{origin}: codes without a root row: {orphans}")
        return cls(codes)


@cache
def load_cameo() -> Cameo:
    """The shipped CAMEO table (read once per process; immutable)."""
    text = resources.files("tacitus").joinpath("data/cameo.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return Cameo.from_rows(rows)


def recoded(event: Event, code: str, **changes: Any) -> Event:
    """A copy of `event` as another CAMEO code; root, QuadClass, Goldstein and PLOVER type follow."""
    entry = load_cameo()[code]
    return replace(
        event,
        cameo=entry.code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=Plover(entry.plover_type, entry.plover_mode),
        **changes,
    )
