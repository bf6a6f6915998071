"""The partitions of a cluster run: which files and byte ranges each task reads, and reading
them exactly as `ingest.read_inputs` reads the whole files (see the package docstring)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

from tacitus.ingest import SUFFIXES, _failed, _read_file, _read_jsonl, input_files
from tacitus.model import Document

MIN_PARTITION = 1 << 10  # bytes: a tiny corpus still spreads over the workers
MAX_PARTITION = 8 << 20  # bytes (~2,000 news articles): what a lost worker costs to redo
PARTITIONS_PER_WORKER = 8  # enough small tasks that the workers finish together
HEAD = 8192  # bytes ingest.read_file looks at to tell a binary file


class ClusterUsageError(ValueError):
    """A `--dask` target or an input a cluster run cannot take."""


@dataclass(frozen=True)
class Piece:
    """A whole file (`end` None: read by `ingest.read_file`), or lines [start, end) of a JSONL
    file whose first line is line `first_line` of the file."""

    path: str
    kind: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True)
class Partition:
    index: int  # input order
    pieces: tuple[Piece, ...]


def partition_size(total_bytes: int, workers: int) -> int:
    """Bytes per partition: several per worker, never tiny, never more than a lost worker should redo."""
    return max(MIN_PARTITION, min(MAX_PARTITION, total_bytes // max(1, workers * PARTITIONS_PER_WORKER)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _line_ends(path: Path, size: int, target: int) -> list[int]:
    """Offsets just after a newline, about `target` bytes apart, ending with the file size.
    Reads a line at each cut, never the file."""
    cuts = []
    with path.open("rb") as handle:
        position = 0
        while position + target < size:
            handle.seek(position + target)
            handle.readline()
            position = handle.tell()
            if position >= size:
                break
            cuts.append(position)
    return [*cuts, size]


def _is_binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"\x00" in handle.read(HEAD)
    except OSError:
        return True  # read_file reports it as one rejected record


def plan(paths: Iterable[str | Path], target: int) -> list[list[Piece]]:
    """The input as partitions of pieces, in input order (line numbers of ranges not yet known)."""
    groups: list[list[Piece]] = []
    group: list[Piece] = []
    held = 0

    def close() -> None:
        nonlocal group, held
        if group:
            groups.append(group)
        group, held = [], 0

    for raw in paths:
        if str(raw) == "-":
            raise ClusterUsageError("--dask: workers read files where they are; stdin ('-') cannot be partitioned")
        for file in input_files(Path(raw)):
            file = file.absolute()
            kind = SUFFIXES.get(file.suffix.lower(), "txt")
            size = _size(file)
            if kind == "jsonl" and size > target and not _is_binary(file):
                close()
                start = 0
                for end in _line_ends(file, size, target):
                    groups.append([Piece(str(file), kind, start, end)])
                    start = end
                continue
            group.append(Piece(str(file), kind))
            held += size
            if held >= target:
                close()
    close()
    return groups


def _logical_lines(text: str) -> Iterator[str]:
    """The lines ingest.read_file gives of a JSONL file: physical lines (any newline), each split
    again by str.splitlines()."""
    for line in io.StringIO(text, newline=""):
        yield from line.splitlines()


def _read_range(piece: Piece) -> bytes:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        return handle.read((piece.end or 0) - piece.start)


def scan_piece(piece: Piece) -> tuple[int, int | None]:
    """(lines, records) of a piece: lines number the next range of the file; records (None when
    unknown without parsing, as for CSV) make the progress total."""
    if piece.kind == "jsonl" and (piece.end is not None or not _is_binary(Path(piece.path))):
        try:
            data = _read_range(piece) if piece.end is not None else Path(piece.path).read_bytes()
        except OSError:
            return 0, 1
        lines = list(_logical_lines(data.decode("utf-8", errors="replace")))
        return len(lines), sum(1 for line in lines if line.strip())
    if piece.kind == "csv":
        return 0, None
    return 0, 1


def read_piece(piece: Piece) -> Iterator[Document]:
    """The documents of a piece, exactly as `ingest.read_inputs` reads them from the whole file."""
    return (doc for _, doc in _read_piece(piece))


def _read_piece(piece: Piece) -> Iterator[tuple[str, Document]]:
    """(where, document) pairs of a piece, as ingest reads them, so its checks say the same."""
    if piece.end is None:
        yield from _read_file(Path(piece.path))
        return
    try:
        data = _read_range(piece)
    except OSError as err:
        where = f"{piece.path}:{piece.first_line}"
        yield where, _failed(where, f"cannot read file ({err.strerror or err})")
        return
    # read_jsonl numbers lines from 1 and skips blank ones: as many blank lines as come before
    # the range put the numbers where a whole-file read puts them.
    lines = chain(repeat("", piece.first_line - 1), _logical_lines(data.decode("utf-8", errors="replace")))
    yield from _read_jsonl(lines, piece.path)


def scan_group(pieces: list[Piece]) -> list[tuple[int, int | None]]:
    """`scan_piece` for each piece of a partition: one task per partition, however many files."""
    return [scan_piece(piece) for piece in pieces]
