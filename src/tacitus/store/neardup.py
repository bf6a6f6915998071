"""Near-duplicate articles (syndicated copies, lightly edited reposts), found with MinHash/LSH.

    near = NearDuplicates.load(backend)      # the signatures of the coded documents
    original = near.match(key, text)         # the stored (or in-flight) document it copies, or None
    near.add(key, text)                      # about to be coded: later copies match it
    near.save(backend, records)              # after the batch is saved: keep coded ones' signatures

A document is a copy when the estimated Jaccard similarity of its word 3-shingles with an
earlier document's is at least `THRESHOLD`; it is then stored as a duplicate of that document
(counted in the clusters of its events, not coded again). Texts shorter than `MIN_WORDS` are
left to the exact-text check. Signatures live in `doc_minhash`, so a later run finds copies of
articles stored by an earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from tacitus.store.backends import Backend

THRESHOLD = 0.8
NUM_PERM = 128
# LSH bands tuned for recall (a copy at Jaccard 0.85 is a candidate 99 % of the time); every
# candidate is then checked against the threshold, so false candidates cost only that check
WEIGHTS = (0.05, 0.95)
SCHEME = "affine32"  # explicit: stored signatures must compare equal across installs
SHINGLE = 3
MIN_WORDS = 25
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash | None:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def _encode(minhash: MinHash) -> str:
    return f"{SCHEME}:" + minhash.hashvalues.astype("<u4").tobytes().hex()


def _decode(text: str) -> MinHash | None:
    scheme, _, values = text.partition(":")
    if scheme != SCHEME:
        return None  # written by another scheme: not comparable
    array = np.frombuffer(bytes.fromhex(values), dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, hashvalues=array, scheme=SCHEME)


class NearDuplicates:
    """An in-memory LSH index over the stored documents' signatures, plus those in flight."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=WEIGHTS)
        self.signatures: dict[str, MinHash] = {}
        self.rank: dict[str, int] = {}  # indexing order: the earliest copy is the original
        self.unsaved: dict[str, MinHash] = {}

    @classmethod
    def load(cls, backend: Backend) -> NearDuplicates:
        near = cls()
        rows = backend.query(
            "SELECT h.doc_key, h.signature FROM doc_minhash h JOIN documents d ON d.key = h.doc_key WHERE d.status = 'coded' ORDER BY d.seq"
        )
        for key, text in rows:
            minhash = _decode(text)
            if minhash is not None:
                near._insert(key, minhash)
        return near

    def _insert(self, key: str, minhash: MinHash) -> None:
        if key in self.signatures:
            self.lsh.remove(key)
        self.signatures[key] = minhash
        self.rank[key] = len(self.rank)
        self.lsh.insert(key, minhash)

    def match(self, key: str, text: str) -> str | None:
        """The earliest indexed document this text copies (never itself), or None."""
        minhash = signature(text)
        if minhash is None:
            return None
        hits = [k for k in self.lsh.query(minhash) if k != key and self.signatures[k].jaccard(minhash) >= THRESHOLD]
        return min(hits, key=self.rank.__getitem__) if hits else None

    def add(self, key: str, text: str) -> None:
        minhash = signature(text)
        if minhash is not None:
            self._insert(key, minhash)
            self.unsaved[key] = minhash

    def save(self, backend: Backend, records: Sequence[Any]) -> None:
        """Keep the signatures of the records stored as coded; forget the others (rejected)."""
        rows = []
        for record in records:
            minhash = self.unsaved.pop(record.key, None)
            if minhash is None:
                continue
            if record.status == "coded":
                rows.append((record.key, _encode(minhash)))
            elif record.key in self.signatures:
                self.lsh.remove(record.key)
                del self.signatures[record.key], self.rank[record.key]
        if rows:
            with backend.transaction():
                backend.executemany("DELETE FROM doc_minhash WHERE doc_key = ?", [(k,) for k, _ in rows])
                backend.executemany("INSERT INTO doc_minhash (doc_key, signature) VALUES (?, ?)", rows)
