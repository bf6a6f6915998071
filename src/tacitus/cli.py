"""The `tacitus` command: argument handling only; the work is in the stage modules."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import click

from tacitus.cli_store import (
    DATE,
    DB_HELP,
    export_command,
    iso,
    query_command,
    serve_command,
    status_command,
)
from tacitus.model import Document


def _dictionary_options(func):
    func = click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Extra event-pattern YAML file (format: data/patterns/README.md). Repeatable.")(func)
    func = click.option("--agents", "agent_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PETRARCH/TABARI agents dictionary loaded on top of the shipped sector words. Repeatable.")(func)
    func = click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PETRARCH/TABARI actors dictionary loaded on top of the shipped ones. Repeatable.")(func)
    return func


_ANY_LANGUAGE = click.option("--any-language", is_flag=True, help="Code documents in any language (default: a document detected as not English is rejected; the lexicon is English).")


def _coder(actor_files=(), agent_files=(), pattern_files=()):
    from tacitus.pipeline import Coder, default_coder

    if actor_files or agent_files or pattern_files:
        return Coder(actor_files=tuple(actor_files), agent_files=tuple(agent_files), pattern_files=tuple(pattern_files))
    return default_coder()


class _StderrLog(logging.Handler):
    """Warnings (a skipped dictionary line, files of unknown type) as one stderr line each."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def _user_error(err: BaseException) -> tuple[str, int] | None:
    """The one line, and the exit code, for an error the user can fix; None for a bug."""
    from tacitus.actors.lexicon import LexiconError
    from tacitus.store import StoreError

    if isinstance(err, LexiconError | StoreError):
        return str(err), 2
    if isinstance(err, OSError):
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        return f"{where}{err.strerror or err}", 2
    if isinstance(err, sqlite3.Error):
        return f"store: {err}", 2
    if type(err).__module__.startswith("psycopg"):
        lines = [line for line in str(err).splitlines() if line.strip()]
        return f"PostgreSQL: {lines[-1] if lines else type(err).__name__}", 2
    return None


class _Group(click.Group):
    """Every error is one line on stderr (exit 2 for usage errors and anything the user can
    fix: bad option, dictionary, store or file); `tacitus --debug ...` shows the traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: D102
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv[: argv.index("--") if "--" in argv else len(argv)]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as err:
            where = f" (see '{err.ctx.command_path} --help')" if err.ctx else ""
            click.echo(f"error: {err.format_message()}{where}", err=True)
            sys.exit(2)
        except click.ClickException as err:
            click.echo(f"error: {err.format_message()}", err=True)
            sys.exit(err.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as err:
            if debug:
                traceback.print_exc()
            known = _user_error(err)
            if known:
                click.echo(f"error: {known[0]}", err=True)
                sys.exit(known[1])
            click.echo(f"error: {type(err).__name__}: {err} (a bug: run with --debug for the traceback and report it)", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
def cli(debug: bool) -> None:
    """tacitus turns news text into political event data: who did or said what to whom, when
    and where, with CAMEO and PLOVER codes, document-level actors and reported speech."""
    log = logging.getLogger("tacitus")
    log.handlers = [_StderrLog()]
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False


@cli.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "tsv", "csv", "plover"]), default="jsonl", show_default=True, help="jsonl: one object per document; tsv: GDELT 2.0 event table (61 columns); csv: one flat row per event; plover: one PLOVER/POLECAT-style JSON object per event.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Output file (default: stdout).")
@click.option("--date", type=DATE, default=None, help="Date (YYYY-MM-DD) of documents that carry none; anchors 'on Monday', 'yesterday'.")
@click.option("--all", "all_events", is_flag=True, help="TSV/CSV/PLOVER: also export negated, modal and reported events (default: only asserted facts).")
@click.option("--with-text", is_flag=True, help="JSONL: add each document's `text`, which the offsets point into.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Coding processes, each loading spaCy once; output stays in input order.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line on stderr (it is shown only on a terminal, for more than a few documents).")
@_ANY_LANGUAGE
@_dictionary_options
def code_command(paths, fmt, output, date, all_events, with_text, jobs, quiet, any_language, actor_files, agent_files, pattern_files) -> None:
    """Code every document in PATHS (.txt, .jsonl, .csv, .html files, directories, or - for stdin).

    Bad records are reported on stderr (file and line) and in the document's `errors`; the
    run goes on, and the exit code is 1 if any record failed.
    """
    from tacitus.ingest import read_inputs
    from tacitus.writers import WRITERS

    failed = 0

    def reported(docs) -> Iterator[Document]:
        nonlocal failed
        for doc in docs:
            if doc.errors:
                failed += 1
                for error in doc.errors:
                    click.echo(f"error: {error}", err=True)
            yield doc

    from tacitus.workers import code_stream, progress_line

    options = {k: tuple(v) for k, v in (("actor_files", actor_files), ("agent_files", agent_files), ("pattern_files", pattern_files)) if v}
    progress = None if quiet or not sys.stderr.isatty() else progress_line(paths, sys.stderr)
    documents = reported(code_stream(read_inputs(paths, date=iso(date), any_language=any_language), jobs, options, progress))
    with click.open_file(output, "w", encoding="utf-8") as out:
        if with_text and fmt == "jsonl":
            from tacitus.writers.jsonl import write_jsonl

            write_jsonl(documents, out, include_text=True)
        else:
            WRITERS[fmt](documents, out, all_events=all_events)
    if progress:
        progress.close()
    if failed:
        click.echo(f"{failed} record(s) failed; see the messages above.", err=True)
        sys.exit(1)


@cli.command("actor")
@click.argument("texts", nargs=-1, required=True)
@click.option("--date", type=DATE, default=None, help="Date for time-bounded roles (YYYY-MM-DD).")
@_dictionary_options
def actor_command(texts, date, actor_files, agent_files, pattern_files) -> None:
    """Print the actor coding of each short TEXT as JSON, e.g. `tacitus actor "American warplanes"`."""
    from tacitus.actors import code_actor

    coder = _coder(actor_files, agent_files, pattern_files)
    for text in texts:
        click.echo(json.dumps(code_actor(text, date=iso(date), coder=coder), ensure_ascii=False))


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["class5", "bio", "plover", "tacitus"]), required=True, help="Format of the gold file (see README).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--limit", type=int, default=None, help="Score only the first N gold items.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also print N mistakes of each kind, for finding what to fix.")
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, help="Folder of the news files that tacitus gold records name by corpus and id (e.g. ../shared/data/news).")
@_dictionary_options
def eval_command(gold, fmt, as_json, limit, show_errors, texts, actor_files, agent_files, pattern_files) -> None:
    """Code the gold texts with this build and print precision, recall, F1 and a confusion matrix."""
    from tacitus.evaluate import EVALUATORS, render_report

    coder = _coder(actor_files, agent_files, pattern_files)
    try:
        extra = {"texts": texts} if fmt == "tacitus" else {}
        report = EVALUATORS[fmt](gold, coder, limit=limit, **extra)
    except (ValueError, KeyError, TypeError) as err:  # json.JSONDecodeError is a ValueError
        raise click.ClickException(f"{gold}: not a valid {fmt} gold file ({type(err).__name__}: {err})") from err
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(report, show_errors=show_errors))


@cli.command("show")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", type=DATE, default=None, help="Date (YYYY-MM-DD) of uncoded documents that carry none.")
@click.option("--width", type=click.IntRange(min=40), default=None, help="Line width (default: the terminal's).")
@_dictionary_options
def show_command(paths, date, width, actor_files, agent_files, pattern_files) -> None:
    """Print documents for a human: the text with actors, triggers and quotes highlighted,
    then the events one per line. PATHS are coded JSONL (`tacitus code --with-text`) or any
    input `tacitus code` reads (coded first), or - for stdin."""
    from tacitus.show import load, show

    show(load(paths, date=iso(date), coder_factory=lambda: _coder(actor_files, agent_files, pattern_files)), width=width)


# --- corpus runs (store) ---

@cli.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, help=DB_HELP + " Created and migrated as needed (a PostgreSQL database is created when the server lets this user; otherwise create it with `createdb`).")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None, help="Coding processes, each loading spaCy once (default: all cores; 1 codes in this process).")
@click.option("--recode", is_flag=True, help="Code again the documents already stored (their old rows are replaced).")
@click.option("--date", type=DATE, default=None, help="Date (YYYY-MM-DD) of documents that carry none.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=32, show_default=True, help="Documents per work unit and per transaction.")
@click.option("--dask", "dask", default=None, metavar="local:N|tcp://HOST:PORT|FILE.json", help="Code on a Dask cluster: N local worker processes, a running scheduler, or its scheduler file (docs/cluster.md).")
@_ANY_LANGUAGE
@_dictionary_options
def run_command(paths, db, workers, recode, date, chunk_size, dask, any_language, actor_files, agent_files, pattern_files) -> None:
    """Code every document in PATHS into a store (SQLite file or PostgreSQL), on every core.

    Resumable: stop it at any moment and run the same command again; stored documents are
    kept and the rest is coded. Every document ends up coded, rejected (with its reason) or
    a duplicate of an earlier text; re-running over the same input changes nothing. The exit
    code is 1 if any document was rejected (`tacitus status --db ...` lists them).
    """
    from tacitus.corpus import RichReporter, run_corpus

    options = {"actor_files": tuple(actor_files), "agent_files": tuple(agent_files), "pattern_files": tuple(pattern_files)}
    if dask:
        stats = _run_on_dask(paths, db, workers, recode, date, chunk_size, dask, {k: v for k, v in options.items() if v}, any_language)
    else:
        stats = run_corpus(
            paths, db, workers=workers, recode=recode, date=iso(date), chunk_size=chunk_size,
            coder_options={k: v for k, v in options.items() if v}, reporter=RichReporter(),
            any_language=any_language,
        )
    if stats.interrupted:
        sys.exit(130)
    if stats.rejected:
        sys.exit(1)


def _run_on_dask(paths, db, workers, recode, date, chunk_size, dask, options, any_language):
    if workers is not None:
        raise click.UsageError("-j/--workers and --dask exclude each other: with --dask local:N, N is the number of processes.")
    try:
        from tacitus.cluster import ClusterUnavailable, ClusterUsageError, run_on_cluster
        from tacitus.corpus import RichReporter

        return run_on_cluster(paths, db, dask, recode=recode, date=iso(date), chunk_size=chunk_size, coder_options=options, reporter=RichReporter(), any_language=any_language)
    except ClusterUnavailable as err:
        raise click.ClickException(str(err)) from err
    except ClusterUsageError as err:
        raise click.UsageError(str(err)) from err


for command in (export_command, query_command, serve_command, status_command):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="tacitus")


if __name__ == "__main__":  # pragma: no cover
    main()
