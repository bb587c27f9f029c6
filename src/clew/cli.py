"""The ``clew`` command: a thin shell over the same functions the web app calls."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from clew.errors import ClewError
from clew.store import Store, resolve_url

app = typer.Typer(
    help="Clew: turn online ads into leads an investigator can act on and defend.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
demo_app = typer.Typer(help="Synthetic data: generate a corpus, or run the whole demo.", invoke_without_command=True)
app.add_typer(demo_app, name="demo")
export_app = typer.Typer(help="Export what Clew found to files other tools read.", no_args_is_help=True)
app.add_typer(export_app, name="export")
db_app = typer.Typer(help="The store's schema: upgrade it, see its revision.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
err = Console(stderr=True, soft_wrap=True)  # file:line messages stay whole, for copying


class _State:
    db: str | None = None


state = _State()


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="CLEW_DB", help="Store URL: sqlite:///PATH (default sqlite:///clew.db) or postgresql://..."),
    ] = None,
) -> None:
    state.db = db


def open_store() -> Store:
    return Store.open(state.db)


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


@contextmanager
def clew_errors() -> Iterator[None]:
    """Turn Clew's own errors into a one-line message and exit status 2, not a traceback."""
    try:
        yield
    except ClewError as exc:
        raise fail(str(exc)) from None


def _bytes_progress(label: str, enabled: bool) -> Progress:
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not enabled,
        transient=False,
    )


def _count_progress(label: str, enabled: bool) -> Progress:
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not enabled,
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.jsonl, .csv, .tsv, also .gz) or folders of them.")],
    source: Annotated[str | None, typer.Option(help="Name of the source (default: each ad's site).")] = None,
    format: Annotated[str, typer.Option("--format", help="auto, jsonl or csv.")] = "auto",
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Read a field from another column: FIELD=COLUMN, e.g. body=description (repeatable)."),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Ads per transaction.")] = 10_000,
    index: Annotated[
        bool, typer.Option(help="Then add the new ads to the full-text index, so the next search need not.")
    ] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read ads into the store: idempotent, streaming, bad records set aside (exit 1 if any)."""
    from clew.collect.ingest import ingest as run_ingest
    from clew.collect.records import FieldMap
    from clew.search.sync import sync_index

    try:
        fields = FieldMap.parse(map_)
    except ValueError as exc:
        raise fail(str(exc)) from None
    with clew_errors(), open_store() as store:
        with _bytes_progress("ingest", sys.stderr.isatty() and not json_out) as bar:
            task = bar.add_task("ingest", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            summary = run_ingest(
                store, paths, source=source, fmt=format, field_map=fields, batch_size=batch_size, progress=progress
            )
        indexed = 0
        if index:
            with _count_progress("index for search", sys.stderr.isatty() and not json_out) as bar:
                task = bar.add_task("index", total=None)
                indexed = sync_index(store, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if json_out:
        console.print_json(json.dumps({**summary.as_dict(), "indexed": indexed}))
    else:
        console.print(
            f"read {summary.read:,} · [green]new {summary.new:,}[/] · new versions {summary.versions:,} · "
            f"duplicates {summary.duplicates:,} · [red]rejected {summary.rejected:,}[/]  (ingest {summary.ingest_id})"
        )
        for reject in summary.rejects[:20]:
            err.print(f"  {escape(reject.origin)}:{reject.line}: {escape(reject.reason)}", highlight=False)
        if summary.rejected > 20:
            err.print(f"  ... and {summary.rejected - 20:,} more: clew rejects --ingest {summary.ingest_id}")
    if summary.rejected:
        raise typer.Exit(1)


@app.command()
def rejects(
    ingest_id: Annotated[int | None, typer.Option("--ingest", help="Only this ingest's rejects.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 200,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List records set aside by ingest, with file, line and reason."""
    from clew.store.ads import list_rejects

    with clew_errors(), open_store() as store:
        rows = list_rejects(store, ingest_id, limit)
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if not rows:
        console.print("no rejected records")
        return
    table = Table("ingest", "file:line", "reason", "excerpt")
    for row in rows:
        table.add_row(
            str(row["ingest_id"]),
            escape(f"{row['path']}:{row['line']}"),
            escape(row["reason"]),
            escape(repr(row["excerpt"][:60])),
        )
    console.print(table)


@app.command()
def stats(json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """What the store holds."""
    with clew_errors(), open_store() as store:
        data = store.stats()
        data["store"] = resolve_url(state.db).split("@")[-1]
    if json_out:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    table = Table("", "", show_header=False)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v:,}" for k, v in value.items()) or "-"
        elif isinstance(value, int):
            value = f"{value:,}"
        table.add_row(key, escape(str(value)))
    console.print(table)


@app.command()
def extract(
    input: Annotated[Path | None, typer.Option("--input", "-i", help="JSON Lines of ads (id, title, body, url, location); default stdin.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write one JSON row per ad; default stdout.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Extract from this one text and print its spans readably.")] = None,
    region: Annotated[str | None, typer.Option(help="Country (ISO code) for national phone numbers in --text.")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes (default: one per core).")] = None,
) -> None:
    """Extract identifiers and attributes: stateless, for anyone's pipeline (no store needed)."""
    from clew.analyze import extract_stream
    from clew.extract import extract_ad

    if text is not None:
        spans = extract_ad(None, text, region=region)
        table = Table("kind", "value", "text", "start", "end", "confidence", "extractor")
        for s in spans:
            table.add_row(s.kind, escape(s.value), escape(repr(s.text)), str(s.start), str(s.end), f"{s.confidence:.2f}", s.extractor)
        console.print(table if spans else "nothing found")
        return
    source = input.open("rb") if input else sys.stdin.buffer
    sink = output.open("wb") if output else sys.stdout.buffer
    name = str(input) if input else "<stdin>"
    errors: list[str] = []

    def on_error(line: int, reason: str) -> None:
        errors.append(f"{name}:{line}: {reason}")
        err.print(f"  {escape(name)}:{line}: {escape(reason)}", highlight=False)

    try:
        with _count_progress("extract", sys.stderr.isatty() and output is not None) as bar:
            task = bar.add_task("extract", total=None)
            summary = extract_stream(iter(source), sink.write, workers=workers, on_error=on_error,
                                     progress=lambda n: bar.update(task, completed=n))
    finally:
        if input:
            source.close()
        if output:
            sink.close()
    err.print(f"extracted {summary.rows:,} ads" + (f", {summary.errors:,} lines unreadable" if summary.errors else ""))
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def analyze(
    workers: Annotated[int | None, typer.Option(help="Processes (default: one per core).")] = None,
    images: Annotated[Path | None, typer.Option(help="Folder the ads' image files are in (links near-identical pictures).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Extract every ad not yet extracted, then link ads into networks (incremental)."""
    from clew.analyze import analyze as run_analyze

    with clew_errors(), open_store() as store, _count_progress("extract", sys.stderr.isatty() and not json_out) as bar:
        task = bar.add_task("extract", total=None)
        summary = run_analyze(
            store, workers=workers, images_dir=images,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if json_out:
        sys.stdout.write(json.dumps(summary.as_dict()) + "\n")
    else:
        console.print(
            f"extracted {summary.extracted:,} ads · {summary.spans:,} spans · {summary.networks:,} networks "
            f"({summary.networks_changed:,} changed) · {summary.hubs:,} hub identifiers held back (clew hubs)"
        )


@app.command()
def networks(
    min_size: Annotated[int, typer.Option("--min-size", help="Only networks of at least this many ads.")] = 2,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Networks of linked ads, largest first."""
    from clew.link import list_networks

    with clew_errors(), open_store() as store:
        found = list_networks(store, min_size=min_size, limit=limit)
    if json_out:
        for n in found:
            sys.stdout.write(json.dumps({
                "network_id": n.id, "size": n.size, "identifiers": [i.key for i in n.identifiers],
                "cities": n.cities, "first_seen": n.first_seen.isoformat() if n.first_seen else None,
                "last_seen": n.last_seen.isoformat() if n.last_seen else None,
            }, ensure_ascii=False) + "\n")
        return
    table = Table("network", "ads", "identifiers", "cities", "first seen", "last seen")
    for n in found:
        table.add_row(
            escape(n.id), str(n.size), escape(", ".join(i.key for i in n.identifiers[:3]) + (" …" if len(n.identifiers) > 3 else "")),
            escape(", ".join(n.cities[:4])), str(n.first_seen or ""), str(n.last_seen or ""),
        )
    console.print(table if found else "no networks yet: run clew analyze")


@app.command()
def network(network_id: Annotated[str, typer.Argument(help="A network id from clew networks.")]) -> None:
    """Explain one network: its ads, every evidence edge with its reason, its templates with their slots."""
    from clew.link import explain_network

    with clew_errors(), open_store() as store:
        n = explain_network(store, network_id)
    console.print(f"[bold]network {escape(n.id)}[/]: {n.size} ads · {len(n.links)} evidence edges")
    console.print(f"identifiers: {escape(', '.join(i.key for i in n.identifiers)) or '-'}")
    console.print(f"cities: {escape(', '.join(n.cities)) or '-'}  ·  seen {n.first_seen} … {n.last_seen}")
    console.print(f"ads: {', '.join(str(a) for a in n.ad_ids)}")
    table = Table("ad", "ad", "reason", "evidence", "weight")
    for link in n.links:
        table.add_row(str(link.ad_a), str(link.ad_b), link.reason, escape(link.evidence), f"{link.weight:.2f}")
    console.print(table)
    for t in n.templates:
        console.print(f"[bold]template {escape(t.id)}[/] ({t.size} ads): {escape(t.text)}")
        for slot, values in t.slots.items():
            console.print(f"  {{{escape(slot)}}}: {escape(', '.join(values[:10]))}")


@app.command()
def hubs() -> None:
    """Identifiers held back from linking (shared by implausibly many unrelated ads), for review."""
    from clew.link import hub_identifiers

    with clew_errors(), open_store() as store:
        found = hub_identifiers(store)
    table = Table("identifier", "ads", "separate groups", "why")
    for h in found:
        table.add_row(escape(h.identifier.key), str(h.ads), str(h.groups), escape(h.reason))
    console.print(table if found else "no hub identifiers")


@export_app.command("networks")
def export_networks_command(
    format: Annotated[str, typer.Option("--format", help="jsonl")] = "jsonl",
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")] = Path("networks.jsonl"),
    min_size: Annotated[int, typer.Option("--min-size")] = 2,
    redact: Annotated[bool, typer.Option("--redact", help="Mask phone digits, names, handles, e-mails, payment accounts.")] = False,
) -> None:
    """Write one JSON row per network: network_id, ad_ids, identifiers, cities, first/last seen, size, score, indicators."""
    from clew.score import export_networks
    from clew.team.commands import note_export
    from clew.team.redact import RedactingWriter

    if format != "jsonl":
        raise fail(f"--format {format!r}: only jsonl is supported")
    with clew_errors(), open_store() as store, output.open("w", encoding="utf-8") as out:
        writer = RedactingWriter(out) if redact else out
        count = export_networks(store, writer, min_size=min_size)  # type: ignore[arg-type]
        writer.flush()
        note_export(store, "networks", str(output), rows=count, redacted=redact)
    console.print(f"wrote {count:,} networks to {escape(str(output))}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "quoted phrases", prefix*.')] = "",
    phone: Annotated[str | None, typer.Option("--phone", help="A phone number written any way.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="An e-mail address written any way.")] = None,
    handle: Annotated[str | None, typer.Option("--handle", help="A social handle.")] = None,
    city: Annotated[str | None, typer.Option("--city")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (1-200).")] = 50,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Find ads by words, or by a phone, e-mail or handle written any way."""
    from dataclasses import asdict
    from datetime import date

    from clew.search import SearchFilters, lookup
    from clew.search import search as run_search

    kind, raw = next(((k, v) for k, v in (("phone", phone), ("email", email), ("handle", handle)) if v), (None, None))
    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise fail(f"--since {since!r}: expected a day as YYYY-MM-DD") from None
    with clew_errors(), open_store() as store:
        if raw:
            result = lookup(store, raw, kind, limit=limit)
            hits, notes = result.ads, result.notes
            if not json_out:
                for m in result.matches:
                    console.print(
                        f"{escape(m.display)}  {m.ad_count:,} ads"
                        + ("  [yellow](partial: last 7 digits)[/]" if m.partial else "")
                    )
        else:
            page = run_search(store, query, SearchFilters(city=city, since=day), limit=limit)
            hits, notes = page.hits, page.notes
    if json_out:
        for h in hits:
            sys.stdout.write(json.dumps(asdict(h), default=str, ensure_ascii=False) + "\n")
        return
    table = Table("id", "posted", "site", "title", "snippet")
    for h in hits:
        table.add_row(str(h.id), str(h.posted_at or ""), escape(h.site or ""), escape(h.title[:40]), escape(h.snippet[:80]))
    console.print(table if hits else "no ads found")
    for note in notes:
        err.print(escape(note))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (local only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    images: Annotated[Path | None, typer.Option(help="Folder holding the ads' image files, shown blurred on ad pages.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (one per core serves many clients best).")] = 1,
) -> None:
    """Serve the investigator's web app (/) and the JSON API (/api/v1, docs at /api/v1/docs)."""
    from clew.web.app import missing_vendor_files
    from clew.web.app import serve as run_serve

    missing = missing_vendor_files()
    if missing:
        console.print(f"[yellow]warning:[/] the front-end files {escape(', '.join(missing))} are missing from "
                      "clew/web/static/vendor: pages will lack their graph, charts and map. "
                      "Run `make demo` (or `npm ci` and the Makefile's copy step) first.")
    console.print(f"Clew on [bold]http://{host}:{port}/[/] (Ctrl+C stops)")
    with clew_errors():
        run_serve(state.db, host=host, port=port, images_dir=images, workers=workers)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the store's schema to this Clew's newest revision."""
    with clew_errors(), open_store() as store:
        console.print(f"store at revision {store.revision()}")


@db_app.command("revision")
def db_revision() -> None:
    """Print the store's schema revision and this Clew's newest."""
    with clew_errors():
        store = Store.open(state.db, upgrade=False)
        with store:
            console.print(f"store: {store.revision()}  newest: {Store.head_revision()}")


@demo_app.callback()
def demo(
    ctx: typer.Context,
    ads: Annotated[int, typer.Option(help="How many ads to generate.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Seed of the generator.")] = 7,
    workdir: Annotated[Path, typer.Option(help="Folder for the corpus and the demo store.")] = Path("demo"),
    serve: Annotated[bool | None, typer.Option(help="Then serve the web app on the demo store (default: when run in a terminal).")] = None,
    port: Annotated[int, typer.Option(help="Port of the web app.")] = 8000,
    admin: Annotated[bool, typer.Option("--admin", help="Also create a local admin and print its one-time password: the web app then asks to sign in (team mode).")] = False,
) -> None:
    """Generate a synthetic corpus, ingest it, analyse it, show what the store holds, then serve the web app."""
    if ctx.invoked_subcommand is not None:
        return
    import sys

    from clew.demo import run_demo

    with clew_errors():
        run_demo(workdir, n_ads=ads, seed=seed, db=state.db, console=console)
        if admin:
            from clew.team.commands import demo_admin

            demo_admin(state.db or f"sqlite:///{workdir / 'clew.db'}", console)
        if serve if serve is not None else sys.stdout.isatty():
            from clew.web.app import serve as run_serve

            console.print(f"\n[bold]5. the web app[/]: open [bold]http://127.0.0.1:{port}/[/] (Ctrl+C stops)")
            run_serve(state.db or f"sqlite:///{workdir / 'clew.db'}", port=port)


@demo_app.command("generate")
def demo_generate(
    ads: Annotated[int, typer.Option(help="How many ads.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same corpus.")] = 7,
    out: Annotated[Path, typer.Option(help="Where to write the ads (JSON Lines).")] = Path("ads.jsonl"),
    truth: Annotated[Path | None, typer.Option(help="Where to write the truth file (JSON Lines).")] = None,
    images: Annotated[Path | None, typer.Option(help="Folder for synthetic images (abstract shapes).")] = None,
) -> None:
    """Write a synthetic corpus of escort-style ads by planted operators, and its truth."""
    from clew.synth import generate

    with clew_errors(), _count_progress("generate", sys.stderr.isatty()) as bar:
        task = bar.add_task("generate", total=ads)
        summary = generate(ads, seed, out, truth=truth, images_dir=images, progress=lambda n: bar.update(task, completed=n))
    console.print(f"wrote {ads:,} ads to {escape(str(out))}" + (f", truth to {escape(str(truth))}" if truth else ""))
    if summary is not None and hasattr(summary, "as_dict"):
        console.print(summary.as_dict())


from clew.score.commands import register as _register_score  # noqa: E402  (after the app and its helpers)

_register_score(app)

from clew.team.commands import register as _register_team  # noqa: E402  (users, tokens, audit, purge, backup)

_register_team(app)

from clew.link.commands import register as _register_link  # noqa: E402  (block, allow, unblock identifiers)

_register_link(app)

if __name__ == "__main__":
    app()

