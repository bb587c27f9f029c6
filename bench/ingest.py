"""Benchmark: Clew's ingest of generated ads into SQLite beside a bare sqlite3 executemany.

Both run in the same process tree on the same file, each in its own child process so that peak
RSS is measured per method. Goal (issue 2): >= 50% of the bare insert rate, peak RSS <= 500 MB.
Clew is measured twice over one run: the ingest alone (what `clew ingest` does; the full-text
index is left to the next sync), and the ingest followed by the full-text sync (`clew analyze`
or the first search does it). CPU seconds (all processes of a method) and the machine's load
are printed too: on a shared machine the wall-clock ratio is only as good as the load allows.

    python bench/ingest.py [--ads 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
BATCH = 10_000


#: the generator's pool of fictional phone numbers suits corpora up to ~300k ads; larger ones are
#: made of parts with different seeds, their ids prefixed by the part
PART = 250_000


def corpus(n_ads: int, seed: int) -> Path:
    """The generated corpus, made once per size and seed and kept under bench/out/."""
    import orjson

    from clew.synth import iter_ads

    OUT.mkdir(exist_ok=True)
    path = OUT / f"ads-{n_ads}-{seed}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        started = time.perf_counter()
        with tmp.open("wb") as handle:
            for part, start in enumerate(range(0, n_ads, PART)):
                for ad, _ in iter_ads(min(PART, n_ads - start), seed * 1000 + part):
                    ad["id"] = f"p{part}-{ad['id']}"
                    handle.write(orjson.dumps(ad) + b"\n")
        tmp.rename(path)
        print(f"generated {n_ads:,} ads in {time.perf_counter() - started:.1f}s -> {path}", file=sys.stderr)
    return path


def _bare(path: Path, db: Path) -> int:
    """The baseline: read lines, json.loads, executemany into one plain table, commit per batch."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE ads (id INTEGER PRIMARY KEY, source_id TEXT, site TEXT, url TEXT, title TEXT, body TEXT,"
        " posted_at TEXT, location TEXT, images TEXT, raw BLOB)"
    )
    rows, count = [], 0
    with path.open("rb") as handle:
        for line in handle:
            line = line.rstrip(b"\n")
            r = json.loads(line)
            rows.append(
                (r.get("id"), r.get("site"), r.get("url"), r.get("title"), r.get("body"), str(r.get("posted_at")),
                 r.get("location"), json.dumps(r.get("images") or []), line)
            )
            if len(rows) >= BATCH:
                conn.executemany(
                    "INSERT INTO ads (source_id, site, url, title, body, posted_at, location, images, raw)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                conn.commit()
                count += len(rows)
                rows.clear()
    if rows:
        conn.executemany(
            "INSERT INTO ads (source_id, site, url, title, body, posted_at, location, images, raw) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.commit()
        count += len(rows)
    conn.close()
    return count


def _clew(path: Path, db: Path) -> tuple[int, float, float]:
    from clew.collect.ingest import ingest
    from clew.search.sync import sync_index
    from clew.store import Store

    with Store.open(f"sqlite:///{db}") as store:
        summary = ingest(store, [path], batch_size=BATCH)
        started, cpu = time.perf_counter(), _cpu_seconds()
        indexed = sync_index(store)
        if indexed != summary.new:
            raise SystemExit(f"the sync indexed {indexed:,} ads of {summary.new:,}")
    return summary.new, time.perf_counter() - started, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _child(method: str, path: str, db: str, queue: mp.Queue) -> None:
    started, cpu = time.perf_counter(), _cpu_seconds()
    if method == "bare":
        count, sync_seconds, sync_cpu = _bare(Path(path), Path(db)), 0.0, 0.0
    else:
        count, sync_seconds, sync_cpu = _clew(Path(path), Path(db))
    seconds = time.perf_counter() - started
    # the writer's peak plus the reading process's: an upper bound on what the method held at once
    rss_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
              + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    queue.put((count, seconds, sync_seconds, _cpu_seconds() - cpu, sync_cpu, rss_mb))


def measure(method: str, path: Path, workdir: Path) -> tuple[int, float, float, float, float, float]:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(method, str(path), str(workdir / f"{method}.db"), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = corpus(args.ads, args.seed)
    size_mb = path.stat().st_size / 1e6
    load_before = _load()
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        workdir = Path(tmp)
        bare = measure("bare", path, workdir)
        count, seconds, sync_seconds, cpu, sync_cpu, rss = measure("clew", path, workdir)
    print(f"\ningest of {args.ads:,} generated ads ({size_mb:,.0f} MB JSONL) into SQLite, "
          f"{os.cpu_count()} cores, load average {load_before} before, {_load()} after")
    print(f"{'method':<36}{'ads':>11}{'seconds':>9}{'ads/s':>9}{'CPU s':>8}{'peak RSS MB':>13}{'ratio':>7}")
    base_rate = bare[0] / bare[1]
    rows = [
        ("bare sqlite3 executemany (baseline)", bare[0], bare[1], bare[3], bare[5]),
        ("clew ingest (ingest only)", count, seconds - sync_seconds, cpu - sync_cpu, rss),
        ("clew ingest + FTS sync", count, seconds, cpu, rss),
    ]
    for name, n, secs, cpu_s, rss_mb in rows:
        print(f"{name:<36}{n:>11,}{secs:>9.1f}{n / secs:>9,.0f}{cpu_s:>8.0f}{rss_mb:>13,.0f}"
              f"{n / secs / base_rate:>7.2f}")
    ingest_ratio = count / (seconds - sync_seconds) / base_rate
    full_ratio = count / seconds / base_rate
    print(f"\nFTS sync alone: {sync_seconds:.1f} s, {sync_cpu:.0f} CPU s ({count / max(sync_seconds, 1e-9):,.0f} ads/s); "
          f"CPU-second ratio (bare CPU s / clew CPU s): ingest only {bare[3] / (cpu - sync_cpu):.2f}, "
          f"with FTS sync {bare[3] / cpu:.2f}")
    print(f"goal: ratio >= 0.50 -> ingest only {'met' if ingest_ratio >= 0.5 else 'NOT met'} ({ingest_ratio:.2f}), "
          f"with FTS sync {'met' if full_ratio >= 0.5 else 'NOT met'} ({full_ratio:.2f}); "
          f"peak RSS <= 500 MB -> {'met' if rss <= 500 else 'NOT met'} ({rss:,.0f} MB)")


if __name__ == "__main__":
    main()
