"""The parser's and the entity recognizer's greedy decoding, step by step with the GIL held.

spaCy decodes a batch of transition-based parses in one loop that releases the GIL; in the
installed spaCy build (3.8, CPython 3.11) each call of a parse state's methods inside that
loop (the buffer's next word, is this a sentence start, ...) takes the GIL and gives it back
(perf: a third of the entity recognizer's time in pthread_mutex_lock/unlock under
PyGILState_Ensure). Taking the same steps from Python — the step model's scores for the
unfinished states, then `transition_states`, which validates, takes the best valid action and
drops the finished states with the same C code the loop runs — keeps the GIL, so those calls
are cheap: on real news the entity recognizer takes about half its time and the parser less
than half.

The scores are computed as the loop computes them (spaCy's own `state2vec`: the precomputed
hidden features summed and max-pooled, then the output layer and its bias), except that the
output layer's product is numpy's, as for every other layer (tacitus.matmul), where the loop
calls BLIS: the same actions — checked token by token, parse and entities, on all 3,532 titles
and texts of the 2,590 development news articles, and by the stored digest of the InSight Crime
articles. A component this does not know (beam search, another architecture, a GPU) is left
as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline.transition_parser import Parser as TransitionParser
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

TARGETS = ("parser", "ner")
SPACY_METHODS = ("transition_states", "_ensure_labels_are_added", "set_annotations")  # what decoding calls


class GreedyDecoder:
    """A pipeline component that runs `component`'s model and decodes greedily in Python."""

    def __init__(self, component: TransitionParser):
        self.component = component
        self.threads = ThreadpoolController()

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.component.set_annotations(batch, self.decode(batch))
            yield from batch

    def decode(self, docs: list[Doc]) -> list[Any]:
        """The final parse states of `docs` (what the component's `predict` returns)."""
        component = self.component
        if not any(len(doc) for doc in docs):
            return component.moves.init_batch(docs)
        component._ensure_labels_are_added(docs)
        batch = component.moves.init_batch(docs)
        step = component.model.predict(docs)
        try:
            states = [state for state in batch if not state.is_final()]
            upper = step.vec2scores
            weights = (upper.get_param("W").T, upper.get_param("b")) if upper is not None else None
            unseen = numpy.flatnonzero(step._class_mask == 0)  # actions never seen in training
            with self.threads.limit(limits=1, user_api="blas"):  # processes parallelise, not BLAS
                while states:
                    states = component.transition_states(states, _scores(step, states, weights, unseen))
        finally:
            step.clear_memory()
        return batch


def _scores(step: Any, states: list[Any], weights: tuple[numpy.ndarray, numpy.ndarray] | None, unseen: numpy.ndarray) -> numpy.ndarray:
    """The actions' scores for `states`, computed as spaCy's decoding loop computes them."""
    hidden = step.state2vec.predict(step.get_token_ids(states))
    if weights is None:
        scores = numpy.array(hidden, dtype="f")
    else:
        scores = numpy.matmul(hidden, weights[0])
        scores += weights[1]
    if unseen.size:
        scores[:, unseen] = numpy.nanmin(scores)  # never the best action
    return scores


@Language.factory("tacitus_greedy")
def make_greedy_decoder(nlp: Language, name: str, target: str) -> GreedyDecoder:
    return GreedyDecoder(nlp.get_pipe(target))


def use_greedy_decoder(nlp: Language) -> Language:
    """Put a `GreedyDecoder` in the place of the parser and of the entity recognizer (each
    stays in the pipeline, disabled); components it cannot decode are left as they are."""
    for target in TARGETS:
        if target not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(target)
        if not isinstance(component, TransitionParser) or component.cfg.get("beam_width", 1) != 1:
            continue
        if not isinstance(component.model.ops, NumpyOps) or not component.model.has_ref("lower"):
            continue
        if not all(hasattr(component, name) for name in SPACY_METHODS):  # another spaCy's internals
            continue
        nlp.add_pipe("tacitus_greedy", name=f"tacitus_{target}", before=target, config={"target": target})
        nlp.disable_pipe(target)
    return nlp
