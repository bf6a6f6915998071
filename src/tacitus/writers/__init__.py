"""Output formats. Each writer takes coded Documents and a text stream; `WRITERS` names them."""

from tacitus.writers.flat import write_csv
from tacitus.writers.gdelt import write_gdelt_tsv
from tacitus.writers.jsonl import write_jsonl

WRITERS = {"jsonl": write_jsonl, "tsv": write_gdelt_tsv, "csv": write_csv}

__all__ = ["WRITERS", "write_csv", "write_gdelt_tsv", "write_jsonl"]
