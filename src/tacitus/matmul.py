"""How the spaCy model multiplies its matrices.

thinc's CPU ops multiply with BLIS by default; on a CPU BLIS does not recognise it falls back to
its generic kernel, the single largest cost of a parse. numpy's BLAS (OpenBLAS in numpy's wheels)
gives the same parse — checked token by token on the development news and by the stored digest of
the 1,002 InSight Crime articles — at about three quarters of the CPU time. Each multiplication
runs on one BLAS thread: tacitus parallelises with processes (`-j`, Dask workers), and a BLAS
thread pool per process would only fight them for the cores. The limit holds during the
multiplication only, so a program that imports tacitus keeps its own numpy threading.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController


class OneThreadNumpyOps(NumpyOps):
    """thinc's NumpyOps with numpy's matrix multiply, one BLAS thread at a time."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)
        self.threads = ThreadpoolController()

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        with self.threads.limit(limits=1, user_api="blas"):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_matmul(nlp: Language) -> Language:
    """Give every layer of `nlp`'s trainable components the one-thread numpy ops."""
    ops = OneThreadNumpyOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
