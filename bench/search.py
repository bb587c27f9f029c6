"""Benchmark: identifier lookup, full-text and faceted search, in-process and over HTTP with 20
concurrent clients, beside a LIKE '%...%' scan of the same ads measured in the same run.

The store is built once per size under bench/out/ and reused. Goals (issue 6): identifier lookup
p99 <= 20 ms in-process and <= 50 ms over HTTP; full-text p95 <= 150 ms.

    python bench/search.py [--ads 1000000] [--queries 200] [--http-requests 600]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).parent / "out"
CLIENTS = 20


def _store_path(n_ads: int, seed: int) -> Path:
    """The benchmark store: generated, ingested and analysed once, then reused."""
    from clew.analyze import analyze
    from clew.collect.ingest import ingest
    from clew.store import Store

    OUT.mkdir(exist_ok=True)
    db = OUT / f"search-{n_ads}-{seed}.db"
    if db.exists():
        return db
    corpus = OUT / f"search-ads-{n_ads}-{seed}.jsonl"
    if not corpus.exists():
        from clew.synth import generate

        started = time.perf_counter()
        generate(n_ads, seed, corpus)
        print(f"generated {n_ads:,} ads in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    tmp = db.with_suffix(".tmp.db")
    tmp.unlink(missing_ok=True)
    with Store.open(f"sqlite:///{tmp}") as store:
        started = time.perf_counter()
        ingest(store, [corpus])
        print(f"ingested in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        started = time.perf_counter()
        analyze(store)
        print(f"analysed in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    tmp.rename(db)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return db


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def _timed(fn: Callable[[object], object], inputs: list[object]) -> list[float]:
    out = []
    for value in inputs:
        started = time.perf_counter()
        fn(value)
        out.append(time.perf_counter() - started)
    return out


def _phone_forms(value: str, rng: random.Random) -> str:
    d = value[2:]  # national digits of a +1 number
    forms = [f"({d[:3]}) {d[3:6]}-{d[6:]}", d, f"{d[:3]}.{d[3:6]}.{d[6:]}", f"+1 {d[:3]} {d[3:6]} {d[6:]}"]
    return rng.choice(forms)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _http(port: int, paths: list[str], seconds: float) -> list[float]:
    import httpx

    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(paths)
    deadline = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            while time.monotonic() < deadline:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                started = time.perf_counter()
                response = http.get(path)
                elapsed = time.perf_counter() - started
                if response.status_code >= 500:
                    raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--http-requests", type=int, default=600)
    parser.add_argument("--http-seconds", type=float, default=60.0)
    args = parser.parse_args()

    from sqlalchemy import text

    from clew.search.identifiers import lookup
    from clew.search.query import tokens
    from clew.search.text import SearchFilters, facets, search
    from clew.store import Store

    db = _store_path(args.ads, args.seed)
    rng = random.Random(args.seed)
    store = Store.open(f"sqlite:///{db}")
    with store.connect() as conn:
        phones = [v for (v,) in conn.execute(text(
            "SELECT value FROM identifiers WHERE kind = 'phone' AND value LIKE '+1%' ORDER BY random() LIMIT :n"
        ), {"n": args.queries})]
        sample = [f"{t} {b}" for t, b in conn.execute(text(
            "SELECT title, body FROM ads WHERE id IN (SELECT abs(random()) % (SELECT max(id) FROM ads) + 1"
            " FROM ads LIMIT :n)"), {"n": args.queries})]
        cities = [c for (c,) in conn.execute(text(
            "SELECT json_extract(detail, '$.city') c FROM spans WHERE kind = 'location' AND c IS NOT NULL"
            " GROUP BY c ORDER BY count(*) DESC LIMIT 10"))]
    words = [w for s in sample for w in tokens(s) if len(w) > 3 and not w.isdigit()]
    texts: list[str] = []
    for s in sample:
        ws = [w for w in tokens(s) if len(w) > 2]
        if len(ws) < 3:
            continue
        i = rng.randrange(len(ws) - 1)
        texts.append(rng.choice([ws[i], f"{ws[i]} {rng.choice(words)}", f'"{ws[i]} {ws[i + 1]}"', ws[i][:4] + "*"]))
    typed = [_phone_forms(p, rng) for p in phones]

    ident = _timed(lambda raw: lookup(store, raw), typed)
    full = _timed(lambda q: search(store, q, limit=50), texts)
    newest = _timed(lambda q: search(store, q, sort="newest", limit=50), texts)
    faceted = _timed(
        lambda q: (search(store, q, SearchFilters(city=rng.choice(cities)), limit=50),
                   facets(store, q, SearchFilters(city=rng.choice(cities)))),
        texts[: max(20, len(texts) // 4)],
    )
    with store.connect() as conn:
        def like(term: str) -> None:
            conn.execute(text("SELECT id FROM ads WHERE title LIKE :p OR body LIKE :p LIMIT 50"),
                         {"p": f"%{term}%"}).all()

        base_ident = _timed(lambda raw: like(str(raw)), [f"{p[2:5]}-{p[5:8]}-{p[8:]}" for p in phones[:20]])
        base_text = _timed(lambda q: like(str(q).strip('"*').split()[0]), texts[:20])

    port = _free_port()
    rows: list[tuple[str, str, list[float], str]] = [
        ("identifier lookup", "in-process", ident, "p99 <= 20 ms"),
        ("  baseline LIKE scan (phone text)", "in-process", base_ident, ""),
        ("full-text, relevance", "in-process", full, "p95 <= 150 ms"),
        ("full-text, newest first", "in-process", newest, ""),
        ("faceted search (city filter + facets)", "in-process", faceted, ""),
        ("  baseline LIKE scan (one word)", "in-process", base_text, ""),
    ]
    server = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, uvicorn; from clew.web.app import create_app;"
         f" uvicorn.run(create_app({str(f'sqlite:///{db}')!r}), host='127.0.0.1', port={port},"
         " log_level='warning', access_log=False)"],
    )
    try:
        import httpx

        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        from urllib.parse import quote

        n = args.http_requests
        rows.append(("identifier lookup", f"HTTP, {CLIENTS} clients",
                     _http(port, [f"/api/v1/identifiers?q={quote(rng.choice(typed))}" for _ in range(n)],
                           args.http_seconds), "p99 <= 50 ms"))
        rows.append(("full-text, relevance", f"HTTP, {CLIENTS} clients",
                     _http(port, [f"/api/v1/search?q={quote(rng.choice(texts))}" for _ in range(n)],
                           args.http_seconds), ""))
        rows.append(("faceted search", f"HTTP, {CLIENTS} clients",
                     _http(port, [f"/api/v1/search?facets=true&q={quote(rng.choice(texts))}"
                                  f"&city={quote(rng.choice(cities))}" for _ in range(n // 3)],
                           args.http_seconds), ""))
    finally:
        server.terminate()
        server.wait(10)
    store.close()

    print(f"\nsearch over {args.ads:,} generated ads (SQLite, {db.stat().st_size / 1e6:,.0f} MB)")
    print(f"{'what':40s} {'where':18s} {'n':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}  goal")
    for name, where, values, goal in rows:
        if not values:
            print(f"{name:40s} {where:18s} {0:5d}")
            continue
        print(f"{name:40s} {where:18s} {len(values):5d} {_pct(values, 50):8.1f} {_pct(values, 95):8.1f}"
              f" {_pct(values, 99):8.1f}  {goal}")
    print(f"mean identifier lookup {statistics.mean(ident) * 1000:.1f} ms in-process")


if __name__ == "__main__":
    main()
