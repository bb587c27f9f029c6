"""Benchmark: server time of the network page (graph, timeline, map, members, score) for networks of
up to 500 ads on a large analysed store, beside the JSON API's answer for the same network (the
evidence alone, measured in the same run) as the baseline.

Goal (issue 7): a network page of up to 500 ads in <= 300 ms on a store of 1,000,000 ads.
The store (the corpus of bench/ingest.py, analysed in full: extraction, networks, scores) is built
once per size under bench/out/ as web-N-SEED.db and reused; bench/search.py reuses it too.

    python bench/web.py [--ads 1000000] [--seed 1] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
GOAL_MS = 300.0
SIZES = (500, 250, 100, 25)


def _store_path(n_ads: int, seed: int) -> Path:
    """An analysed store of ``n_ads`` synthetic ads: reused when one exists, else built once."""
    from clew.analyze import analyze
    from clew.collect.ingest import ingest
    from clew.store import Store

    OUT.mkdir(exist_ok=True)
    db = OUT / f"web-{n_ads}-{seed}.db"
    if db.exists():
        return db
    sys.path.insert(0, str(Path(__file__).parent))
    from ingest import (
        corpus as generated_corpus,  # parts with their own seeds: enough distinct phones
    )

    corpus = generated_corpus(n_ads, seed)
    tmp = db.with_suffix(".tmp.db")
    with Store.open(f"sqlite:///{tmp}") as store:
        if not store.stats()["ads"]:
            ingest(store, [corpus])
        analyze(store)  # incremental: a build cut short resumes
    tmp.rename(db)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return db


def _pick(store: object, sizes: tuple[int, ...]) -> list[tuple[str, int]]:
    """For each size, the network whose size is closest to it from below."""
    from sqlalchemy import select

    from clew.store.networks import networks

    picked = []
    with store.connect() as conn:  # type: ignore[attr-defined]
        for size in sizes:
            row = conn.execute(select(networks.c.id, networks.c.size).where(networks.c.size <= size)
                               .order_by(networks.c.size.desc(), networks.c.id).limit(1)).first()
            if row is not None and row.id not in {p[0] for p in picked}:
                picked.append((row.id, row.size))
        largest = conn.execute(select(networks.c.id, networks.c.size)
                               .order_by(networks.c.size.desc(), networks.c.id).limit(1)).first()
    if largest is not None and largest.size > sizes[0]:
        picked.append((largest.id, largest.size))
    return picked


def _times(client: object, url: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from clew.store import Store
    from clew.web.app import create_app

    db = _store_path(args.ads, args.seed)
    print(f"store {db} · load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    with Store.open(f"sqlite:///{db}") as store, TestClient(create_app(store=store)) as client:
        ads = store.stats()["ads"]
        rows = []
        for network_id, size in _pick(store, SIZES):
            client.get(f"/networks/{network_id}")  # warm the caches (gazetteer, pages)
            page = _times(client, f"/networks/{network_id}", args.repeat)
            api = _times(client, f"/api/v1/networks/{network_id}", args.repeat)
            rows.append((network_id, size, statistics.median(page), max(page), statistics.median(api)))
    print(f"\nnetwork page, server time in process, {args.repeat} requests each, store of {ads:,} ads")
    print(f"{'network':>12} {'ads':>6} {'page p50 ms':>12} {'page max ms':>12} {'API p50 ms':>11} {'page/API':>9}  goal")
    for network_id, size, p50, worst, api in rows:
        verdict = "n/a (>500 ads)" if size > SIZES[0] else ("ok" if p50 <= GOAL_MS else f"over {GOAL_MS:.0f} ms")
        print(f"{network_id:>12} {size:>6} {p50:>12.1f} {worst:>12.1f} {api:>11.1f} {p50 / api:>9.1f}  {verdict}")


if __name__ == "__main__":
    main()
