"""Benchmark: a team server under load. 20 signed-in clients search and open networks and ads over
HTTP (loopback only) while an ingest of 100,000 ads runs into the same store, on SQLite and on
PostgreSQL. The baseline, measured in the same run, is the same clients on the same server with no
ingest running; the ratio is their latency during the ingest over it.

Checks (exit 1 if any fails): 0 request errors, 0 lost or duplicated ads (every record read is new
or a duplicate by content, the store holds the seed ads plus the new ones, no content key twice),
and the audit trail the clients wrote concurrently verifies.

    python bench/server_load.py [--ads 100000] [--clients 20] [--backends sqlite,postgres]
                                [--max-seconds 900]

PostgreSQL comes from $CLEW_BENCH_POSTGRES_URL or $CLEW_TEST_POSTGRES_URL (a scratch database is
created and dropped); without either, only SQLite runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from ingest import corpus  # noqa: E402  (the generated corpus, cached under bench/out/)

CLEW = [sys.executable, "-m", "clew.cli"]
PASSWORD = "bench password of the load test"
WORDS = ("new", "town", "candy", "sweet", "call", "visit", "incall", "outcall", "young", "fun", "hotel",
         "discreet", "available", "special", "latina", "asian", "blonde", "busty", "text", "ask")


@dataclass(slots=True)
class Latencies:
    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, error: str | None) -> None:
        with self.lock:
            self.ms.append(ms)
            if error:
                self.errors.append(error)

    def quantile(self, q: float) -> float:
        if len(self.ms) < 2:
            return self.ms[0] if self.ms else float("nan")
        return statistics.quantiles(self.ms, n=1000, method="inclusive")[int(q * 1000) - 1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cookie(response: httpx.Response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie(header)
        if name in jar:
            return jar[name].value
    raise SystemExit(f"no {name} cookie in the answer to {response.request.url}")


def _sign_in(base: str, name: str) -> tuple[httpx.Client, str]:
    """A client signed in as ``name``: the login form's CSRF cookie and token, then the session cookie.

    Cookies are carried by hand: they are Secure, and this client talks plain HTTP on loopback.
    """
    client = httpx.Client(base_url=base, timeout=120, follow_redirects=False)
    form = client.get("/login")
    csrf = _cookie(form, "clew_csrf")
    response = client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": csrf},
                           headers={"Cookie": f"clew_csrf={csrf}"})
    if response.status_code != 303:
        raise SystemExit(f"sign-in of {name} failed: {response.status_code} {response.text[:200]}")
    session = _cookie(response, "clew_session")
    client.headers["Cookie"] = f"clew_session={session}"
    return client, session


def _client_loop(client: httpx.Client, networks: list[str], ad_ids: list[int], stop: threading.Event,
                 out: Latencies, seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        roll = rng.random()
        if roll < 0.5:
            url = "/api/v1/search"
            params: dict[str, str] = {"q": " ".join(rng.sample(WORDS, rng.choice((1, 2)))), "limit": "20"}
        elif roll < 0.75 and networks:
            url, params = f"/api/v1/networks/{rng.choice(networks)}", {}
        elif roll < 0.85 and networks:
            url, params = f"/networks/{rng.choice(networks)}", {}
        else:
            url, params = f"/api/v1/ads/{rng.choice(ad_ids)}", {}
        started = time.perf_counter()
        try:
            response = client.get(url, params=params)
            error = None if response.status_code == 200 else f"{url}: {response.status_code} {response.text[:120]}"
        except httpx.HTTPError as exc:
            error = f"{url}: {type(exc).__name__} {exc}"
        out.add((time.perf_counter() - started) * 1000, error)


def _run_clients(clients: list[httpx.Client], networks: list[str], ad_ids: list[int], until: threading.Event,
                 seconds: float | None = None) -> Latencies:
    out = Latencies()
    stop = threading.Event()
    threads = [threading.Thread(target=_client_loop, args=(c, networks, ad_ids, stop, out, i))
               for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    if seconds is not None:
        until.wait(seconds)
    else:
        until.wait()
    stop.set()
    for t in threads:
        t.join()
    return out


def _postgres_scratch() -> tuple[str, str] | None:
    admin = os.environ.get("CLEW_BENCH_POSTGRES_URL") or os.environ.get("CLEW_TEST_POSTGRES_URL")
    if not admin:
        return None
    from sqlalchemy import create_engine, text

    from clew.store import resolve_url

    name = f"clew_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(resolve_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin, f"{resolve_url(admin).rsplit('/', 1)[0]}/{name}".replace("postgresql+psycopg", "postgresql")


def _drop_postgres(admin: str, url: str) -> None:
    from sqlalchemy import create_engine, text

    from clew.store import resolve_url

    engine = create_engine(resolve_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    engine.dispose()


def run_backend(backend: str, url: str, seed_corpus: Path, big_corpus: Path, n_clients: int,
                max_seconds: float, workdir: Path) -> tuple[list[str], list[str]]:
    """One backend: build, serve, load; returns the table rows and the failed checks."""
    from sqlalchemy import func, select

    from clew.analyze import analyze
    from clew.collect.ingest import ingest
    from clew.store import Store
    from clew.store.schema import ads
    from clew.team import accounts, audit

    failures: list[str] = []
    with Store.open(url) as store:
        started = time.perf_counter()
        ingest(store, [seed_corpus])
        analyze(store, workers=1)
        for i in range(n_clients):
            accounts.add_user(store, f"analyst{i:02d}", "analyst", PASSWORD)
        with store.connect() as conn:
            seed_ads = conn.scalar(select(func.count()).select_from(ads)) or 0
            ad_ids = list(conn.scalars(select(ads.c.id)))
        import clew.link

        networks = [str(n.id) for n in clew.link.list_networks(store, min_size=2)][:500]
        print(f"[{backend}] seed store: {seed_ads:,} ads, {len(networks)} networks, {n_clients} accounts "
              f"({time.perf_counter() - started:.0f}s)", file=sys.stderr)

    port = _free_port()
    env = {**os.environ, "CLEW_SECRET_KEY": secrets.token_urlsafe(48), "CLEW_LOGIN_RATE": f"{n_clients * 2}/minute"}
    server_log = (workdir / f"server-{backend}.log").open("w")
    server = subprocess.Popen([*CLEW, "--db", url, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=server_log, stderr=server_log)
    base = f"http://127.0.0.1:{port}"
    rows: list[str] = []
    ingest_proc = None
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"[{backend}] the server did not start; see {server_log.name}")
            time.sleep(0.2)
        clients = [_sign_in(base, f"analyst{i:02d}")[0] for i in range(n_clients)]

        idle = _run_clients(clients, networks, ad_ids, threading.Event(), seconds=15)
        ingest_log = (workdir / f"ingest-{backend}.log").open("w")
        ingest_started = time.perf_counter()
        ingest_proc = subprocess.Popen([*CLEW, "--db", url, "ingest", str(big_corpus), "--json"],
                                       stdout=subprocess.PIPE, stderr=ingest_log, text=True)
        done = threading.Event()
        summary_box: list[str] = []

        def wait_ingest() -> None:
            try:
                out, _ = ingest_proc.communicate(timeout=max_seconds)
                summary_box.append(out)
            except subprocess.TimeoutExpired:
                ingest_proc.kill()
                ingest_proc.communicate()
            done.set()

        waiter = threading.Thread(target=wait_ingest)
        waiter.start()
        loaded = _run_clients(clients, networks, ad_ids, done)
        waiter.join()
        ingest_seconds = time.perf_counter() - ingest_started
        for c in clients:
            c.close()

        for phase, lat in (("idle (baseline)", idle), ("during ingest", loaded)):
            ratio = lat.quantile(0.5) / idle.quantile(0.5) if idle.ms else float("nan")
            rows.append(f"| {backend} | {phase} | {len(lat.ms):,} | {len(lat.errors)} | {lat.quantile(0.5):.0f} | "
                        f"{lat.quantile(0.99):.0f} | {ratio:.2f} |")
            if lat.errors:
                failures.append(f"[{backend}] {phase}: {len(lat.errors)} errors, first: {lat.errors[0]}")

        if not summary_box or ingest_proc.returncode not in (0, 1):
            failures.append(f"[{backend}] the ingest did not finish within {max_seconds:.0f}s "
                            f"(exit {ingest_proc.returncode})")
            summary: dict[str, int] = {}
        else:
            summary = json.loads(summary_box[0])
        with Store.open(url) as store:
            with store.connect() as conn:
                total = conn.scalar(select(func.count()).select_from(ads)) or 0
                keys = conn.scalar(select(func.count(ads.c.content_key.distinct()))) or 0
            verdict = audit.verify(store)
        new, versions, dups, read, rejected = (summary.get(k, -1) for k in
                                               ("new", "new_versions", "duplicates", "read", "rejected"))
        lost = read - new - versions - dups - rejected
        rows.append(f"| {backend} | ingest | read {read:,} · new {new:,} · new versions {versions:,} · "
                    f"duplicates {dups:,} · rejected {rejected} "
                    f"| lost {lost} | {ingest_seconds:.0f} s | {read / ingest_seconds:,.0f} ads/s | |")
        if summary and (lost != 0 or rejected != 0 or total != seed_ads + new):
            failures.append(f"[{backend}] ads lost: read {read}, new {new}, duplicates {dups}, rejected {rejected}; "
                            f"store holds {total}, expected {seed_ads + new}")
        if keys != total:
            failures.append(f"[{backend}] {total - keys} ads stored twice (same content key)")
        if not verdict.ok:
            failures.append(f"[{backend}] audit trail: {verdict.problems[:3]}")
        rows.append(f"| {backend} | audit trail | {verdict.events:,} events | {'intact' if verdict.ok else 'BROKEN'} "
                    f"| | | |")
    finally:
        if ingest_proc is not None and ingest_proc.poll() is None:
            ingest_proc.kill()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()
    return rows, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ads", type=int, default=100_000, help="ads ingested while the clients run")
    parser.add_argument("--seed-ads", type=int, default=5_000, help="ads in the store before the load")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--max-seconds", type=float, default=900, help="the ingest's time limit per backend")
    args = parser.parse_args()

    seed_corpus, big_corpus = corpus(args.seed_ads, 3), corpus(args.ads, 1)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"{args.clients} signed-in clients; ingest of {args.ads:,} ads into a store of {args.seed_ads:,}\n")
    print("| backend | phase | requests | errors | p50 ms | p99 ms | p50 / idle p50 |")
    print("|---|---|---|---|---|---|---|")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="clew-load-") as tmp:
        workdir = Path(tmp)
        for backend in args.backends.split(","):
            if backend == "sqlite":
                rows, failed = run_backend("sqlite", f"sqlite:///{workdir / 'load.db'}", seed_corpus, big_corpus,
                                           args.clients, args.max_seconds, workdir)
            elif backend == "postgres":
                scratch = _postgres_scratch()
                if scratch is None:
                    print("| postgres | skipped: set CLEW_BENCH_POSTGRES_URL or CLEW_TEST_POSTGRES_URL | | | | | |")
                    continue
                admin, url = scratch
                try:
                    rows, failed = run_backend("postgres", url, seed_corpus, big_corpus, args.clients,
                                               args.max_seconds, workdir)
                finally:
                    _drop_postgres(admin, url)
            else:
                raise SystemExit(f"--backends: unknown backend {backend!r} (sqlite, postgres)")
            for row in rows:
                print(row, flush=True)
            failures += failed
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for failure in failures:
        print(f"FAILED {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
