"""The `tacitus` commands that read a store: export, query, serve, status (argument handling
only; `cli.py` registers them)."""

from __future__ import annotations

import json
import sys

import click

DATE = click.DateTime(formats=["%Y-%m-%d"])
DB_HELP = "The store: a SQLite file path, or a postgresql:// URL."


def iso(value) -> str | None:
    return value.date().isoformat() if value else None


@click.command("export")
@click.option("--db", required=True, help=DB_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(["tsv", "jsonl", "csv", "parquet", "plover", "names"]), default="jsonl", show_default=True, help="tsv: GDELT 2.0 event table (61 columns); jsonl: documents as `tacitus code` writes them; csv/parquet: one flat row per event; plover: one PLOVER/POLECAT-style JSON object per event; names: the framing register, one row per document, speaker, actor and name (TSV).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Output file (default: stdout).")
@click.option("--since", type=DATE, default=None, help="Only events on or after this date.")
@click.option("--until", type=DATE, default=None, help="Only events on or before this date.")
@click.option("--source", "sources", multiple=True, help="Source actor code prefix (IRN matches IRNGOV). Repeatable.")
@click.option("--target", "targets", multiple=True, help="Target actor code prefix. Repeatable.")
@click.option("--root", "roots", multiple=True, help="CAMEO root code (e.g. 19). Repeatable.")
@click.option("--all", "all_events", is_flag=True, help="tsv/csv/parquet/plover: also export negated, modal and reported events.")
@click.option("--dedup", is_flag=True, help="tsv/csv/parquet/plover: one row per event cluster (one happening reported by many articles), with NumMentions, NumSources, NumArticles.")
def export_command(db, fmt, output, since, until, sources, targets, roots, all_events, dedup) -> None:
    """Write the events of a store as GDELT-style TSV, JSONL, CSV, Parquet or PLOVER JSON."""
    from tacitus.store import EventFilter
    from tacitus.store.export import export_store

    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give an output file with -o.")
    if dedup and fmt == "jsonl":
        raise click.UsageError("--dedup writes one row per event cluster: use -f tsv, csv, parquet or plover.")
    if fmt == "names":
        from tacitus.framing import export_names

        try:
            count = export_names(db, output)
        except FileNotFoundError as err:
            raise click.ClickException(str(err)) from err
        click.echo(f"{count} names written", err=True)
        return
    filters = EventFilter(iso(since), iso(until), tuple(sources), tuple(targets), tuple(roots))
    try:
        count = export_store(db, fmt, output, filters, all_events=all_events, dedup=dedup)
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{count} {'documents' if fmt == 'jsonl' else 'events'} written", err=True)


@click.command("query")
@click.argument("kind", type=click.Choice(["dyad", "roots", "goldstein", "top-actors", "names"]))
@click.option("--db", required=True, help=DB_HELP)
@click.option("--source", default=None, help="Source actor code prefix (dyad: one side).")
@click.option("--target", default=None, help="Target actor code prefix (dyad: the other side).")
@click.option("--since", type=DATE, default=None, help="Only events on or after this date.")
@click.option("--until", type=DATE, default=None, help="Only events on or before this date.")
@click.option("--root", "roots", multiple=True, help="CAMEO root code. Repeatable.")
@click.option("--all", "all_events", is_flag=True, help="Also count negated, modal and reported events.")
@click.option("--by", type=click.Choice(["code", "country"]), default="code", show_default=True, help="goldstein/top-actors: group actors by code or by country.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="top-actors: how many.")
@click.option("--directed", is_flag=True, help="dyad: only source -> target, not both directions.")
@click.option("--actor", default=None, help="names: actor code prefix (ISR matches ISRGOV).")
@click.option("--speaker", default=None, help="names: speaker code prefix, or any part of the speaker's name.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Output file for csv/json (default: stdout).")
def query_command(kind, db, source, target, since, until, roots, all_events, by, limit, directed, actor, speaker, fmt, output) -> None:
    """Answer a common question about a store without SQL.

    \b
    dyad        events between --source and --target per month (counts per QuadClass, Goldstein sum)
    roots       events per CAMEO root per month
    goldstein   Goldstein sum per (source, target) dyad per month
    top-actors  the actors in most events
    names       the framing register: the names each speaker used for each actor (--actor, --speaker)
    """
    from tacitus.query import query_frame, render, table

    try:
        if kind == "names":
            from tacitus.framing import names_frame

            frame = names_frame(db, actor=actor, speaker=speaker)
        else:
            frame = query_frame(
                db, kind, source=source, target=target, since=iso(since), until=iso(until), roots=roots,
                all_events=all_events, by=by, limit=limit, directed=directed,
            )
    except ValueError as err:
        raise click.UsageError(str(err)) from err
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from err
    if fmt == "table":
        from rich.console import Console

        Console().print(table(frame, title=kind))
        return
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(render(frame, fmt))


@click.command("serve")
@click.option("--db", required=True, help=DB_HELP)
@click.option("--host", default=None, envvar="TACITUS_HOST", help="Address to bind (default 127.0.0.1). A non-local address is used only when given here, on the command line.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve_command(ctx, db, host, port) -> None:
    """Serve a read-only web view of a store: documents and search, articles with their
    evidence, actors and their framing register, the network and the timeline."""
    from click.core import ParameterSource

    from tacitus.web import LOCAL_HOST, is_loopback, serve

    explicit = ctx.get_parameter_source("host") == ParameterSource.COMMANDLINE
    host = host or LOCAL_HOST
    if not is_loopback(host):
        if not explicit:
            raise click.UsageError(f"refusing to serve on {host} (from TACITUS_HOST): a non-local address needs an explicit --host")
        click.echo(f"warning: serving on {host}: other machines can reach this view (read-only, no login)", err=True)
    try:
        from tacitus.store import open_store

        open_store(db, create=False).close()
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"serving {db} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    serve(db, host=host, port=port)


@click.command("status")
@click.option("--db", required=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Output file for csv/json (default: stdout).")
def status_command(db, fmt, output) -> None:
    """What a store holds: documents by status (coded, rejected, duplicate) and every rejected
    document with its reason."""
    from tacitus.store import open_store, rejected, status_counts

    with open_store(db, create=False) as backend:
        counts = status_counts(backend)
        problems = rejected(backend)
    counts = {status: counts.get(status, 0) for status in ("coded", "rejected", "duplicate")} | counts
    if fmt == "json":
        text = json.dumps({"counts": counts, "rejected": [{"key": k, "reason": r} for k, r in problems]}, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["kind", "key", "value"])
        writer.writerows(["count", status, n] for status, n in counts.items())
        writer.writerows(["rejected", key, reason] for key, reason in problems)
        text = buffer.getvalue()
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console(highlight=False)
        console.print(", ".join(f"{n:,} {status}" for status, n in counts.items()), markup=False)
        if problems:
            table = Table("document", "reason", title="rejected")
            for key, reason in problems:
                table.add_row(key, reason)
            console.print(table)
        return
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(text)
