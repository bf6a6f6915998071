"""Which events an export or a query looks at, as a portable SQL condition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def like_prefix(prefix: str) -> str:
    """`IRN` -> `IRN%` with LIKE's own wildcards escaped (use with ESCAPE '\\')."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.upper() + "%"


def _any_prefix(column: str, prefixes: tuple[str, ...], params: list[Any]) -> str:
    params.extend(like_prefix(p) for p in prefixes)
    return "(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in prefixes) + ")"


@dataclass(frozen=True)
class EventFilter:
    """Event date range (inclusive, ISO dates), actor-code prefixes, CAMEO roots, factual only."""

    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    factual_only: bool = False

    @property
    def narrows(self) -> bool:
        """True when some events of a document may be left out."""
        return bool(self.since or self.until or self.sources or self.targets or self.roots or self.factual_only)

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A condition on the events table (named `alias`) and its parameters; "1 = 1" when open."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append(f"{alias}.day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{alias}.day <= ?")
            params.append(self.until)
        if self.sources:
            clauses.append(_any_prefix(f"{alias}.source_code", self.sources, params))
        if self.targets:
            clauses.append(_any_prefix(f"{alias}.target_code", self.targets, params))
        if self.roots:
            roots = [str(r).strip().zfill(2) for r in self.roots]
            clauses.append(f"{alias}.root IN ({', '.join('?' * len(roots))})")
            params.extend(roots)
        if self.factual_only:
            clauses.append(f"{alias}.factual = 1")
        return (" AND ".join(clauses) or "1 = 1"), params
