"""Benchmark: identifier lookup, full-text and faceted search, in-process and over HTTP with 20
concurrent clients, beside a LIKE '%...%' scan of the same ads measured in the same run.

The store is built once per size under bench/out/ and reused; an interrupted build resumes (ingest
and extraction are both incremental). ``--db`` benchmarks a store as it is, e.g. one still being
extracted. The server is the one an operator runs: ``clew serve --workers N`` (uvicorn processes,
each on a socket of its own, with httptools and uvloop). Beside each HTTP row, /health over the
same connections shows what the HTTP stack and this client cost alone. Goals (issue 6): identifier lookup p99 <= 20 ms in-process
and <= 50 ms over HTTP with 20 clients; full-text p95 <= 150 ms.

    python bench/search.py [--ads 1000000] [--db PATH] [--queries 200] [--http-requests 600] [--workers 2]
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import subprocess
import sys
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
    for built in (db, OUT / f"web-{n_ads}-{seed}.db"):  # bench/web.py's store is analysed in full
        if built.exists():
            return built
    sys.path.insert(0, str(Path(__file__).parent))
    from ingest import (
        corpus as generated_corpus,  # parts with their own seeds: enough distinct phones
    )

    corpus = generated_corpus(n_ads, seed)
    tmp = db.with_suffix(".tmp.db")  # kept if interrupted: the next run picks up where it stopped
    with Store.open(f"sqlite:///{tmp}") as store:
        started = time.perf_counter()
        ingest(store, [corpus])
        print(f"ingested in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        started = time.perf_counter()
        # search reads spans and identifiers, not networks: the Networks stage is left out of the build
        analyze(store, link=False, progress=_progress("extracted"))
        print(f"analysed in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    tmp.rename(db)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return db


def _progress(what: str) -> Callable[[int, int], None]:
    last = [0.0]

    def report(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 30 or done == total:
            last[0] = time.monotonic()
            print(f"{what} {done:,}/{total:,}", file=sys.stderr, flush=True)

    return report


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
    """Latencies of ``paths`` fetched by 20 clients at once, each on its own kept-alive connection.

    The clients are asyncio streams speaking plain HTTP/1.1: a few tens of microseconds of CPU a
    request, so on this 2-core machine the figures are the server's, not a heavy client's (a thread
    pool of httpx clients took as much CPU as the server it measured).
    """
    import asyncio

    latencies: list[float] = []
    errors: list[str] = []
    queue = list(paths)

    async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        if length is None:
            raise RuntimeError(f"no content-length in the answer to {path}")
        await reader.readexactly(int(length.group(1)))
        return status

    async def client(deadline: float) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue and time.monotonic() < deadline:
                path = queue.pop()
                started = time.perf_counter()
                try:
                    failed = await asyncio.wait_for(fetch(reader, writer, path), 30) >= 400
                except (TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError):
                    failed = True
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - started)
                if failed:  # counted as failures, and as at least their time in the percentiles
                    errors.append(path)
        finally:
            writer.close()

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(client(deadline) for _ in range(CLIENTS)))

    asyncio.run(run())
    if errors:
        print(f"{len(errors)} of {len(latencies)} requests failed or timed out, e.g. {errors[0]}", file=sys.stderr)
    return latencies


def _server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`clew serve --workers N` over the store, as an operator would run it (see the module docstring)."""
    import os

    clew = str(Path(sys.executable).parent / "clew")
    cmd = [clew, "--db", f"sqlite:///{db}", "serve", "--port", str(port), "--workers", str(workers)]
    # its request log (a JSON line per request) is written as an operator's is, to a discarded stderr
    return subprocess.Popen(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="benchmark this SQLite store as it is instead of building one")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=10, help="LIKE scans (each reads every ad)")
    parser.add_argument("--http-requests", type=int, default=600)
    parser.add_argument("--http-seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="server processes (clew serve --workers)")
    args = parser.parse_args()

    import os

    from sqlalchemy import text

    from clew.search.identifiers import lookup
    from clew.search.query import tokens
    from clew.search.text import SearchFilters, facets, search
    from clew.store import Store

    load_before = os.getloadavg()
    db = args.db or _store_path(args.ads, args.seed)
    rng = random.Random(args.seed)
    store = Store.open(f"sqlite:///{db}")
    with store.connect() as conn:
        n_ads = conn.execute(text("SELECT count(*) FROM ads")).scalar_one()
        n_read = conn.execute(text("SELECT count(*) FROM ads WHERE extracted_version IS NOT NULL")).scalar_one()
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
    city_of = [rng.choice(cities) if cities else None for _ in texts]

    for raw, q in zip(typed[:10], texts[:10], strict=False):  # warm, as a server that has run a while is
        lookup(store, raw)
        search(store, q, limit=50)
    ident = _timed(lambda raw: lookup(store, raw), typed)
    full = _timed(lambda q: search(store, q, limit=50), texts)
    newest = _timed(lambda q: search(store, q, sort="newest", limit=50), texts)
    some = list(range(max(20, len(texts) // 4)))
    faceted = _timed(
        lambda i: (search(store, texts[i], SearchFilters(city=city_of[i]), limit=50),
                   facets(store, texts[i], SearchFilters(city=city_of[i]))),
        some,
    )
    with store.connect() as conn:
        def like(term: str) -> None:
            conn.execute(text("SELECT id FROM ads WHERE title LIKE :p OR body LIKE :p LIMIT 50"),
                         {"p": f"%{term}%"}).all()

        k = args.baseline_queries
        base_ident = _timed(lambda raw: like(str(raw)), [f"{p[2:5]}-{p[5:8]}-{p[8:]}" for p in phones[:k]])
        base_text = _timed(lambda q: like(str(q).strip('"*').split()[0]), texts[:k])

    port = _free_port()
    rows: list[tuple[str, str, list[float], str]] = [
        ("identifier lookup", "in-process", ident, "p99 <= 20 ms"),
        ("  baseline LIKE scan (phone text)", "in-process", base_ident, ""),
        ("full-text, relevance", "in-process", full, "p95 <= 150 ms"),
        ("full-text, newest first", "in-process", newest, ""),
        ("faceted search (city filter + facets)", "in-process", faceted, ""),
        ("  baseline LIKE scan (one word)", "in-process", base_text, ""),
    ]
    _table(rows)  # the in-process figures, before the server starts
    server = _server(db, port, args.workers)
    try:
        from urllib.parse import quote

        import httpx

        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        n = args.http_requests
        where = f"HTTP, {CLIENTS} clients"
        rows.append(("  baseline /health (HTTP stack alone)", where, _http(port, ["/health"] * n, args.http_seconds), ""))
        rows.append(("identifier lookup", where,
                     _http(port, [f"/api/v1/identifiers?q={quote(rng.choice(typed))}" for _ in range(n)],
                           args.http_seconds), "p99 <= 50 ms"))
        rows.append(("full-text, relevance", where,
                     _http(port, [f"/api/v1/search?q={quote(rng.choice(texts))}" for _ in range(n)],
                           args.http_seconds), ""))
        picks = [rng.randrange(len(texts)) for _ in range(n // 3)]
        rows.append(("faceted search", where,
                     _http(port, [f"/api/v1/search?facets=true&q={quote(texts[i])}&city={quote(city_of[i] or '')}"
                                  for i in picks], args.http_seconds), ""))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    store.close()

    load_after = os.getloadavg()
    read = f", {n_read:,} of them extracted" if n_read != n_ads else ""
    print(f"\nsearch over {n_ads:,} generated ads{read} (SQLite, {db.stat().st_size / 1e6:,.0f} MB);"
          f" server: clew serve --workers {args.workers}")
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}, on {os.cpu_count()} cores")
    _table(rows)
    print(f"mean identifier lookup {statistics.mean(ident) * 1000:.1f} ms in-process")


def _table(rows: list[tuple[str, str, list[float], str]]) -> None:
    print(f"{'what':40s} {'where':18s} {'n':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}  goal", flush=True)
    for name, where_, values, goal in rows:
        if not values:
            print(f"{name:40s} {where_:18s} {0:5d}")
            continue
        print(f"{name:40s} {where_:18s} {len(values):5d} {_pct(values, 50):8.1f} {_pct(values, 95):8.1f}"
              f" {_pct(values, 99):8.1f}  {goal}", flush=True)


if __name__ == "__main__":
    main()
