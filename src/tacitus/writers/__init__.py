"""Output formats. Each writer takes coded Documents and a text stream; `WRITERS` names them.

Row writers also take (document, event, count) rows directly (`ROW_WRITERS`): a store's
export passes its own ids and cluster counts that way (store/clusters.py)."""

from tacitus.writers.flat import write_csv, write_csv_rows
from tacitus.writers.gdelt import write_gdelt_rows, write_gdelt_tsv
from tacitus.writers.jsonl import write_jsonl
from tacitus.writers.plover import write_plover, write_plover_rows

WRITERS = {"jsonl": write_jsonl, "tsv": write_gdelt_tsv, "csv": write_csv, "plover": write_plover}
ROW_WRITERS = {"tsv": write_gdelt_rows, "csv": write_csv_rows, "plover": write_plover_rows}

__all__ = ["ROW_WRITERS", "WRITERS", "write_csv", "write_gdelt_tsv", "write_jsonl", "write_plover"]
