"""The shape of the code: small modules and functions, and no stage importing a later one.

The pipeline's stages form layers (below): a module may import modules of its own layer or of
layers before it, never a later one. Imports under `if TYPE_CHECKING:` are annotations only
and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tacitus"
MAX_PIPELINE_LINES = 150
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Functions over the limit in modules another change owns; remove an entry once it is split.
KNOWN_LONG_FUNCTIONS: set[str] = set()

# Bottom first. Knowledge loaders and shared helpers, then the stages in pipeline order, then
# what runs the pipeline. Every module under src/tacitus must be listed.
LAYERS: list[set[str]] = [
    {"tacitus.model", "tacitus.datafiles"},
    {"tacitus.ontology"},
    {"tacitus.words"},
    {"tacitus.syntax", "tacitus.dates", "tacitus.actors.entries", "tacitus.actors.lexicon", "tacitus.events.lexicon", "tacitus.events.act_tables",
     "tacitus.actors.knowledge", "tacitus.actors.casing"},  # knowledge.py extends the lexicon's loaders
    {"tacitus.places.index", "tacitus.places.gazetteer"},  # the gazetteer: knowledge, like the lexicons
    {"tacitus.attributes", "tacitus.matmul", "tacitus.decode"},  # the attribute ruler and lemmatizer as a table; numpy matmul; greedy decoding; for parse
    {"tacitus.parse"},
    {"tacitus.relevance"},
    {"tacitus.document"},
    {"tacitus.actors.phrase_rules"},
    {"tacitus.actors.coding"},  # stage: mentions
    {"tacitus.actors.mentions"},
    {"tacitus.actors.resolve"},  # stage: actors
    {"tacitus.actors.refs"},
    {"tacitus.speech"},  # one sentence's speech
    {"tacitus.statements"},  # stage: statements
    {"tacitus.events.constraints"},
    {"tacitus.events.extract"},  # stage: events
    {"tacitus.events.places"},
    {"tacitus.events.build"},
    {"tacitus.qualify"},  # stage: qualify
    {"tacitus.events.speaker_acts", "tacitus.events.frames"},  # the speaker's own acts; speech frames
    {"tacitus.events.derived"},  # stage: derived events
    {"tacitus.events.dedupe"},  # stage: dedupe
    {"tacitus.actors.context"},  # stage: context
    {"tacitus.places.stage", "tacitus.places"},  # stage: places
    {"tacitus.lexcache", "tacitus.guard", "tacitus.language"},  # language: its model through lexcache  # what the coder loads and runs the stages with
    {"tacitus.pipeline"},
    {"tacitus.actors", "tacitus.events", "tacitus.evaluate", "tacitus.ingest", "tacitus.corpus", "tacitus.workers", "tacitus.query", "tacitus.cli", "tacitus.cli_store", "tacitus",
     "tacitus.__main__", "tacitus.writers", "tacitus.store", "tacitus.gold", "tacitus.show", "tacitus.framing", "tacitus.web",
     "tacitus.cluster", "tacitus.cluster.partitions", "tacitus.cluster.worker", "tacitus.cluster.run"},  # `tacitus run --dask`
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer_of(module: str) -> int:
    for n, layer in enumerate(LAYERS):
        if module in layer:
            return n
    # writers.* and store.* sit with their package in the last layer
    for n, layer in enumerate(LAYERS):
        if any(module.startswith(package + ".") for package in layer if package in ("tacitus.writers", "tacitus.store", "tacitus.web")):
            return n
    raise AssertionError(f"{module}: not in any layer of tests/test_structure.py; add it")


def _runtime_imports(tree: ast.Module) -> set[str]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tacitus"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tacitus"))
    return found


MODULES = sorted(SRC.rglob("*.py"))


def test_pipeline_is_orchestration_only():
    lines = len((SRC / "pipeline.py").read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PIPELINE_LINES, f"pipeline.py has {lines} lines (limit {MAX_PIPELINE_LINES}): move stage logic to its stage's module"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_module_size(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_module_name(path)} has {lines} lines (limit {MAX_MODULE_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_function_size(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            name = f"{_module_name(path)}.{node.name}"
            if length > MAX_FUNCTION_LINES and name not in KNOWN_LONG_FUNCTIONS:
                long.append(f"{name} ({length} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_no_upward_import(path):
    module = _module_name(path)
    layer = _layer_of(module)
    upward = sorted(m for m in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))) if _layer_of(m) > layer)
    assert not upward, f"{module} (layer {layer}) imports later stages: {upward}"


def test_layer_checker_catches_an_upward_import():
    tree = ast.parse("from tacitus.pipeline import Coder\nif TYPE_CHECKING:\n    from tacitus.cli import cli\n")
    assert _runtime_imports(tree) == {"tacitus.pipeline"}
    assert _layer_of("tacitus.pipeline") > _layer_of("tacitus.actors.mentions")
