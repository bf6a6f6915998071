"""The `tacitus` command: argument handling only; the work is in the stage modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from tacitus.model import Document

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _iso(value) -> str | None:
    return value.date().isoformat() if value else None


def _dictionary_options(func):
    func = click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Extra event-pattern YAML file (format: data/patterns/README.md). Repeatable.")(func)
    func = click.option("--agents", "agent_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PETRARCH/TABARI agents dictionary loaded on top of the shipped sector words. Repeatable.")(func)
    func = click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PETRARCH/TABARI actors dictionary loaded on top of the shipped ones. Repeatable.")(func)
    return func


def _coder(actor_files=(), agent_files=(), pattern_files=()):
    from tacitus.pipeline import Coder, default_coder

    if actor_files or agent_files or pattern_files:
        return Coder(actor_files=tuple(actor_files), agent_files=tuple(agent_files), pattern_files=tuple(pattern_files))
    return default_coder()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def cli() -> None:
    """tacitus turns news text into political event data: who did or said what to whom, when
    and where, with CAMEO and PLOVER codes, document-level actors and reported speech."""


@cli.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "tsv", "csv"]), default="jsonl", show_default=True, help="jsonl: one object per document; tsv: GDELT 2.0 event table (61 columns); csv: one flat row per event.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Output file (default: stdout).")
@click.option("--date", type=DATE, default=None, help="Date (YYYY-MM-DD) of documents that carry none; anchors 'on Monday', 'yesterday'.")
@click.option("--all", "all_events", is_flag=True, help="TSV/CSV: also export negated, modal and reported events (default: only asserted facts).")
@_dictionary_options
def code_command(paths, fmt, output, date, all_events, actor_files, agent_files, pattern_files) -> None:
    """Code every document in PATHS (.txt, .jsonl, .csv, .html files, directories, or - for stdin).

    Bad records are reported on stderr (file and line) and in the document's `errors`; the
    run goes on, and the exit code is 1 if any record failed.
    """
    from tacitus.ingest import read_inputs
    from tacitus.writers import WRITERS

    coder = _coder(actor_files, agent_files, pattern_files)
    failed = 0

    def reported(docs) -> Iterator[Document]:
        nonlocal failed
        for doc in docs:
            if doc.errors:
                failed += 1
                for error in doc.errors:
                    click.echo(f"error: {error}", err=True)
            yield doc

    documents = reported(coder.code_documents(read_inputs(paths, date=_iso(date))))
    with click.open_file(output, "w", encoding="utf-8") as out:
        WRITERS[fmt](documents, out, all_events=all_events)
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
        click.echo(json.dumps(code_actor(text, date=_iso(date), coder=coder), ensure_ascii=False))


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["class5", "bio", "plover", "tacitus"]), required=True, help="Format of the gold file (see README).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--limit", type=int, default=None, help="Score only the first N gold items.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also print N mistakes (class5/plover), for finding what to fix.")
@_dictionary_options
def eval_command(gold, fmt, as_json, limit, show_errors, actor_files, agent_files, pattern_files) -> None:
    """Code the gold texts with this build and print precision, recall, F1 and a confusion matrix."""
    from tacitus.evaluate import EVALUATORS, render_report

    coder = _coder(actor_files, agent_files, pattern_files)
    report = EVALUATORS[fmt](gold, coder, limit=limit)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(report, show_errors=show_errors))


def main() -> None:
    cli(prog_name="tacitus")


if __name__ == "__main__":  # pragma: no cover
    main()
