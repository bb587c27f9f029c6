"""The demo: a synthetic corpus generated, ingested and analysed on the embedded SQLite store."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store


def run_demo(workdir: Path, *, n_ads: int, seed: int, db: str | None, console: Console) -> dict[str, object]:
    """Generate ``n_ads`` ads into ``workdir``, ingest them, run the analysis stages; return stats."""
    from clew.synth import generate

    workdir.mkdir(parents=True, exist_ok=True)
    ads_path, truth_path = workdir / "ads.jsonl", workdir / "truth.jsonl"
    console.print(f"[bold]1. generate[/] {n_ads:,} synthetic ads (seed {seed}) → {ads_path}")
    generate(n_ads, seed, ads_path, truth=truth_path)
    url = db or f"sqlite:///{workdir / 'clew.db'}"
    with Store.open(url) as store:
        console.print(f"[bold]2. ingest[/] into {url}")
        summary = ingest(store, [ads_path])
        console.print(
            f"   read {summary.read:,} · new {summary.new:,} · duplicates {summary.duplicates:,} · "
            f"rejected {summary.rejected:,}"
        )
        console.print("[bold]3. analyse[/]: extract identifiers and attributes, link ads into networks, score them")
        analysed = analyze(store)
        console.print(
            f"   extracted {analysed.extracted:,} ads · {analysed.spans:,} spans · {analysed.networks:,} networks · "
            f"{analysed.hubs:,} hub identifiers held back · {analysed.networks_scored:,} networks scored"
        )
        stats = store.stats()
    console.print("[bold]4. the store holds[/]")
    for key in ("ads", "ad_versions", "posted_from", "posted_to", "ads_extracted", "spans", "identifiers"):
        if key in stats:
            console.print(f"   {key}: {stats[key]}")
    console.print(
        f"\nNext: [bold]clew --db {url} leads[/] (networks ranked by score, with reasons), "
        f"[bold]clew --db {url} network ID[/], or [bold]clew --db {url} serve[/] for the web app"
    )
    return stats
