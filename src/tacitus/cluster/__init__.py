"""`tacitus run --dask`: a corpus run on a Dask `distributed` cluster.

    stats = run_on_cluster(["news/"], "corpus.db", "local:2")                 # LocalCluster, 2 processes
    stats = run_on_cluster(["/shared/news/"], "postgresql://...", "tcp://head:8786")

The input is cut into partitions: groups of small files, CSV files whole, and byte ranges of
large JSONL files cut on line boundaries (`partitions`). Workers read their partitions where
they are (a shared filesystem), code them with one `Coder` per worker process (`worker`:
`CoderPlugin`, `code_partition`), and send back the coded documents without their text. The
client alone writes the store (`run`), partition after partition in input order, through the
same `_Run.classify` / `save` as `tacitus run -j N`: one transaction per chunk, each document
with its status. So the store is the one a `-j N` run gives (the first of two equal texts is
the original, the first of two equal ids is kept), a task whose worker dies is simply run
again elsewhere (its result is only used once), and a stopped run resumes like `tacitus run`.

CSV files are partitioned by file only: a quoted field may hold newlines, so a byte offset
cannot be told to be a record boundary without reading the file from its start.

Dask pickles the task `code_partition` by reference (`tacitus.cluster.worker.code_partition`):
workers import it from there, so that path must stay importable.
"""

from tacitus.cluster.partitions import (
    ClusterUsageError,
    Partition,
    Piece,
    plan,
    read_piece,
    scan_piece,
)
from tacitus.cluster.run import ClusterUnavailable, run_on_cluster
from tacitus.cluster.worker import Coded, CoderPlugin, code_partition

__all__ = [
    "ClusterUnavailable", "ClusterUsageError", "Coded", "CoderPlugin", "Partition", "Piece", "code_partition", "plan",
    "read_piece", "run_on_cluster", "scan_piece",
]
