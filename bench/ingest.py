"""Benchmark: Clew's ingest of generated ads into SQLite beside a bare sqlite3 executemany.

Both run in the same process tree on the same file, each in its own child process so that peak
RSS is measured per method. Goal (issue 2): >= 50% of the bare insert rate, peak RSS <= 500 MB.

    python bench/ingest.py [--ads 1000000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
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


def _clew(path: Path, db: Path) -> int:
    from clew.collect.ingest import ingest
    from clew.store import Store

    with Store.open(f"sqlite:///{db}") as store:
        summary = ingest(store, [path], batch_size=BATCH)
    return summary.new


def _child(method: str, path: str, db: str, queue: mp.Queue) -> None:
    started = time.perf_counter()
    count = {"bare": _bare, "clew": _clew}[method](Path(path), Path(db))
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((count, seconds, rss_mb))


def measure(method: str, path: Path, workdir: Path) -> tuple[int, float, float]:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(method, str(path), str(workdir / f"{method}.db"), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = corpus(args.ads, args.seed)
    size_mb = path.stat().st_size / 1e6
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        workdir = Path(tmp)
        bare = measure("bare", path, workdir)
        clew = measure("clew", path, workdir)
    print(f"\ningest of {args.ads:,} generated ads ({size_mb:,.0f} MB JSONL) into SQLite")
    print(f"{'method':<34}{'ads':>11}{'seconds':>10}{'ads/s':>10}{'peak RSS MB':>13}{'ratio':>8}")
    base_rate = bare[0] / bare[1]
    for name, (count, seconds, rss) in (("bare sqlite3 executemany (baseline)", bare), ("clew ingest", clew)):
        rate = count / seconds
        print(f"{name:<34}{count:>11,}{seconds:>10.1f}{rate:>10,.0f}{rss:>13,.0f}{rate / base_rate:>8.2f}")
    ratio = (clew[0] / clew[1]) / base_rate
    print(f"\ngoal: ratio >= 0.50 -> {'met' if ratio >= 0.5 else 'NOT met'} ({ratio:.2f}); "
          f"peak RSS <= 500 MB -> {'met' if clew[2] <= 500 else 'NOT met'} ({clew[2]:,.0f} MB)")


if __name__ == "__main__":
    main()
