"""Benchmark: Clew's Networks stage against the generator's truth, beside two baselines in the same run.

Over all ad pairs (counted per cluster from a contingency table, never enumerated): pair precision and
recall, B-cubed precision and recall, and the share of operators with >= 5 ads recovered whole (one
network holds >= 90% of the operator's ads and is >= 90% that operator's). Baselines: (a) connected
components over phones found by ``phonenumbers.PhoneNumberMatcher`` (region US); (b) plain MinHash LSH
near-duplicates (datasketch) over unmasked word shingles. Identifiers come from Clew's own extraction.
The last 1,000 ads are ingested after the first link run, to time an incremental update.

    python bench/link.py [--ads 100000] [--seed 7] [--images]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import orjson

OUT = Path(__file__).parent / "out"
#: the generator's pool of fictional phone numbers suits ~300k ads per seed: larger corpora are parts
PART = 250_000
INCREMENT = 1_000


def corpus(n_ads: int, seed: int, images: bool) -> Path:
    """ads.jsonl (ingested in two files: all but the last 1,000, then those) and truth.jsonl, made once."""
    from clew.synth import generate

    folder = OUT / f"link-{n_ads}-{seed}{'-img' if images else ''}"
    if (folder / "truth.jsonl").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (folder / "ads.jsonl").open("wb") as ads_out, (folder / "truth.jsonl").open("wb") as truth_out:
        for part, start in enumerate(range(0, n_ads, PART)):
            size = min(PART, n_ads - start)
            tmp_ads, tmp_truth = folder / "part.jsonl", folder / "part-truth.jsonl"
            generate(size, seed * 1000 + part, tmp_ads, truth=tmp_truth,
                     images_dir=folder / "images" / f"p{part}" if images else None)
            for src, dst in ((tmp_ads, ads_out), (tmp_truth, truth_out)):
                with src.open("rb") as handle:
                    for line in handle:
                        row = orjson.loads(line)
                        row["id"] = f"p{part}-{row['id']}"
                        if "operator" in row:
                            row["operator"] = f"p{part}-{row['operator']}"
                        if images and "images" in row and src is tmp_ads:
                            row["images"] = [f"p{part}/{name}" for name in row["images"]]
                        dst.write(orjson.dumps(row) + b"\n")
                src.unlink()
    lines = (folder / "ads.jsonl").read_bytes().splitlines(keepends=True)
    (folder / "ads-first.jsonl").write_bytes(b"".join(lines[:-INCREMENT]))
    (folder / "ads-last.jsonl").write_bytes(b"".join(lines[-INCREMENT:]))
    print(f"generated {n_ads:,} ads in {time.perf_counter() - started:.0f}s -> {folder}", file=sys.stderr)
    return folder


def _child(target, *args):  # type: ignore[no-untyped-def]
    """Run ``target(*args)`` in a fresh process; returns (result, seconds, peak RSS in MB)."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(_timed, target, *args).result()


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: what the run cost whatever else the machine ran."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _timed(target, *args):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), _cpu()
    result = target(*args)
    seconds = time.perf_counter() - started
    if isinstance(result, dict):
        result = {**result, "cpu_seconds": round(_cpu() - cpu, 1)}
    rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return result, seconds, rss / 1024


def _link(url: str, images: str | None) -> dict[str, float | int]:
    from clew.link import update_networks
    from clew.store import Store

    with Store.open(url) as store:
        return update_networks(store, images_dir=images).as_dict()


def _clew_clusters(url: str) -> dict[str, str]:
    from sqlalchemy import select

    import clew.store.networks as tables
    from clew.store import Store
    from clew.store.schema import ads

    with Store.open(url) as store, store.connect() as conn:
        net = dict(conn.execute(select(tables.network_members.c.ad_id, tables.network_members.c.network_id)).all())
        return {sid: net.get(ad_id, f"solo-{ad_id}") for ad_id, sid in conn.execute(select(ads.c.id, ads.c.source_id))}


def _components(pairs_of: dict[str, list[str]], ids: list[str]) -> dict[str, str]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for members in pairs_of.values():
        for other in members[1:]:
            ra, rb = find(members[0]), find(other)
            if ra != rb:
                parent[rb] = ra
    return {i: find(i) for i in ids}


def _phone_baseline(folder: Path) -> dict[str, str]:
    import phonenumbers

    by_phone: dict[str, list[str]] = defaultdict(list)
    ids = []
    with (folder / "ads.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            ids.append(row["id"])
            text = f"{row.get('title') or ''}\n{row.get('body') or ''}"
            for match in phonenumbers.PhoneNumberMatcher(text, "US"):
                by_phone[phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)].append(row["id"])
    return _components(by_phone, ids)


def _minhash_baseline(folder: Path) -> dict[str, str]:
    import re

    from datasketch import MinHash, MinHashLSH

    word = re.compile(r"\w+")
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    ids, linked = [], defaultdict(list)
    with (folder / "ads.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            words = word.findall(f"{row.get('title') or ''} {row.get('body') or ''}".lower())
            grams = {" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))}
            m = MinHash(num_perm=64)
            m.update_batch(list(grams))
            for other in lsh.query(m):
                linked[other].append(row["id"])
            lsh.insert(row["id"], m)
            ids.append(row["id"])
    return _components({k: [k, *v] for k, v in linked.items()}, ids)


def score(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Pair and B-cubed precision/recall and operators recovered whole, from the contingency table."""
    ids = list(truth)
    t_codes = {v: i for i, v in enumerate(sorted(set(truth.values())))}
    p_codes = {v: i for i, v in enumerate(sorted({predicted[i] for i in ids}))}
    t = np.fromiter((t_codes[truth[i]] for i in ids), dtype=np.int64, count=len(ids))
    p = np.fromiter((p_codes[predicted[i]] for i in ids), dtype=np.int64, count=len(ids))
    cell = Counter(zip(t.tolist(), p.tolist(), strict=True))
    a = np.bincount(t)
    b = np.bincount(p)
    n_ij = np.fromiter(cell.values(), dtype=np.float64, count=len(cell))
    ti = np.fromiter((k[0] for k in cell), dtype=np.int64, count=len(cell))
    pj = np.fromiter((k[1] for k in cell), dtype=np.int64, count=len(cell))
    tp = float((n_ij * (n_ij - 1) / 2).sum())
    pred_pairs = float((b * (b - 1) / 2).sum())
    true_pairs = float((a * (a - 1) / 2).sum())
    n = len(ids)
    best: dict[int, tuple[float, int]] = {}
    for count, i, j in zip(n_ij.tolist(), ti.tolist(), pj.tolist(), strict=True):
        if count > best.get(i, (0, -1))[0]:
            best[i] = (count, j)
    big = [i for i in range(len(a)) if a[i] >= 5]
    whole = sum(1 for i in big if best[i][0] >= 0.9 * a[i] and best[i][0] >= 0.9 * b[best[i][1]])
    return {
        "pair_precision": tp / pred_pairs if pred_pairs else 1.0,
        "pair_recall": tp / true_pairs if true_pairs else 1.0,
        "bcubed_precision": float((n_ij**2 / b[pj]).sum() / n),
        "bcubed_recall": float((n_ij**2 / a[ti]).sum() / n),
        "operators_whole": whole / len(big) if big else 1.0,
        "largest": int(b.max()),
    }


def _extract_new(url: str, after_id: int) -> int:
    """Extract ads with ids above ``after_id`` only (the increment), whatever else is pending."""
    from clew.analyze import extract_rows
    from clew.extract import EXTRACTION_VERSION
    from clew.store import Store
    from clew.store.spans import pending_ads, save_extractions

    done = 0
    with Store.open(url) as store:
        while rows := pending_ads(store, EXTRACTION_VERSION, after_id=after_id, limit=2000):
            after_id = rows[-1][0]
            done += len(rows)
            save_extractions(store, extract_rows(rows), EXTRACTION_VERSION)
    return done


def _ingest(url: str, path: str) -> int:
    from sqlalchemy import func, select

    from clew.collect.ingest import ingest
    from clew.store import Store
    from clew.store.schema import ads

    with Store.open(url) as store:
        with store.connect() as conn:
            before = conn.scalar(select(func.coalesce(func.max(ads.c.id), 0)))
        ingest(store, [Path(path)], source="bench")
        return int(before)


def _ingest_extract(url: str, path: str) -> dict[str, int]:
    from clew.analyze import analyze
    from clew.collect.ingest import ingest
    from clew.store import Store

    with Store.open(url) as store:
        ingest(store, [Path(path)], source="bench")
        return analyze(store, workers=2, link=False).as_dict()


def base_store(folder: Path) -> tuple[Path, dict[str, float]]:
    """All but the last 1,000 ads ingested and extracted (not linked), built once and kept."""
    db, info = folder / "base.db", folder / "base.json"
    if info.exists() and db.exists():
        return db, orjson.loads(info.read_bytes())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    _, seconds, _ = _child(_ingest_extract, f"sqlite:///{db}", str(folder / "ads-first.jsonl"))
    figures = {"ingest_extract_seconds": seconds}
    info.write_bytes(orjson.dumps(figures))
    return db, figures


def _foreign(store: Path, seed: int) -> tuple[Path, Path, dict[str, float]]:
    """A folder for linking a copy of an extracted ``store`` built elsewhere, with 1,000 new ads to add."""
    from clew.synth import iter_ads

    folder = OUT / f"link-store-{store.stem}"
    folder.mkdir(parents=True, exist_ok=True)
    last = folder / "ads-last.jsonl"
    if not last.exists():
        with last.open("wb") as handle:
            for ad, _ in iter_ads(INCREMENT, 900_000 + seed):
                ad["id"] = f"inc-{ad['id']}"
                handle.write(orjson.dumps(ad) + b"\n")
    return folder, store, {"ingest_extract_seconds": float("nan")}


_SHIFTS = {k: str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "abcdefghijklmnopqrstuvwxyz"[k:] + "abcdefghijklmnopqrstuvwxyz"[:k]
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[k:] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:k]) for k in range(1, 26)}


def _shift(text: str | None, k: int) -> str | None:
    return None if text is None else text.translate(_SHIFTS[k])


def replicated(folder: Path, base: Path, copies: int) -> Path:
    """A store ``copies`` times the size of ``base``, for timing only: disjoint copies of its extracted ads.

    Copy k shifts the letters of each ad's text by k (same lengths, so spans stay in place) and suffixes
    every identifier with ``~k``: no copy links to another, each links within itself as the original does.
    """
    import sqlite3

    db = folder / f"base-x{copies}.db"
    if db.exists():
        return db
    tmp = db.with_suffix(".tmp")
    shutil.copyfile(base, tmp)
    conn = sqlite3.connect(tmp)
    conn.create_function("shift", 2, _shift, deterministic=True)
    # the search index is no part of linking: leave it with the original ads only
    for trigger in ("ads_fts_insert", "ads_fts_delete", "ads_fts_update"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    a_off, i_off, s_off = (conn.execute(f"SELECT max(id) FROM {t}").fetchone()[0] for t in ("ads", "identifiers", "spans"))
    ad_columns = [r[1] for r in conn.execute("PRAGMA table_info(ads)")]
    picked = {"id": "id + :a", "source_id": "source_id || '~' || :k", "title": "shift(title, :k)",
              "body": "shift(body, :k)", "content_key": "content_key || '~' || :k"}
    ad_select = ", ".join(picked.get(c, f'"{c}"') for c in ad_columns)
    for k in range(1, copies):
        started = time.perf_counter()
        values = {"k": k, "a": k * a_off, "i": k * i_off, "s": k * s_off}
        conn.execute("INSERT INTO identifiers (id, kind, value) SELECT id + :i, kind, value || '~' || :k"
                     " FROM identifiers WHERE id <= :n", {**values, "n": i_off})
        conn.execute(f"INSERT INTO ads ({', '.join(chr(34) + c + chr(34) for c in ad_columns)})"
                     f" SELECT {ad_select} FROM ads WHERE id <= :n", {**values, "n": a_off})
        conn.execute('INSERT INTO spans (id, ad_id, field, kind, value, text, start, "end", confidence, extractor,'
                     ' detail, identifier_id) SELECT id + :s, ad_id + :a, field, kind, value, text, start, "end",'
                     " confidence, extractor, detail, identifier_id + :i FROM spans WHERE id <= :n",
                     {**values, "n": s_off})
        conn.commit()
        print(f"copy {k}: {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    conn.close()
    tmp.rename(db)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--images", action="store_true", help="generate pictures and link them too")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build and keep the extracted store only")
    parser.add_argument("--copies", type=int, default=1, help="time linking on this many disjoint copies of"
                        " the extracted corpus (e.g. --ads 100000 --copies 10 for 1,000,000 ads); no scores")
    parser.add_argument("--store", type=Path, help="time linking on a copy of this extracted store instead"
                        " (e.g. bench/out/search-1000000-1.db from bench/search.py); no truth, so no scores")
    args = parser.parse_args()
    if args.store:
        folder, base, figures = _foreign(args.store, args.seed)
    else:
        folder = corpus(args.ads, args.seed, args.images)
        base, figures = base_store(folder)
        if args.copies > 1:
            base = replicated(folder, base, args.copies)
    if args.build_only:
        print(f"store ready: {base} (ingest+extract {figures['ingest_extract_seconds']:.0f}s)")
        return
    db = folder / ("clew.db" if args.copies == 1 else f"clew-x{args.copies}.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal"):
        if Path(f"{base}{suffix}").exists():
            shutil.copyfile(f"{base}{suffix}", f"{db}{suffix}")
    url = f"sqlite:///{db}"
    images = str(folder / "images") if args.images else None
    full, t_full, rss_full = _child(_link, url, images)
    rerun, t_rerun, _ = _child(_link, url, images)
    last_id, t_ingest, _ = _child(_ingest, url, str(folder / "ads-last.jsonl"))
    _, t_extract, _ = _child(_extract_new, url, last_id)
    inc, t_inc, rss_inc = _child(_link, url, images)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    if args.store or args.copies > 1:
        what = args.store or f"{args.copies} disjoint copies of {args.ads - INCREMENT:,} extracted ads (seed {args.seed})"
        print(f"\nNetworks on {what} (load average {load})")
        print(f"then {INCREMENT:,} more ads: ingest {t_ingest:.1f}s, extract {t_extract:.1f}s")
        print(f"link, full:        {t_full:8.1f}s  peak RSS {rss_full:7.0f} MB  {full}")
        print(f"link, re-run:      {t_rerun:8.1f}s  (nothing new)  {rerun}")
        print(f"link, incremental: {t_inc:8.1f}s  peak RSS {rss_inc:7.0f} MB  {inc}")
        return
    truth = {}
    with (folder / "truth.jsonl").open("rb") as handle:
        for line in handle:
            row = orjson.loads(line)
            truth[row["id"]] = row["operator"]
    rows = [("clew (own extraction)", score(truth, _clew_clusters(url)), t_full)]
    if not args.no_baselines:
        started = time.perf_counter()
        phone = _phone_baseline(folder)
        rows.append(("phones: PhoneNumberMatcher US", score(truth, phone), time.perf_counter() - started))
        started = time.perf_counter()
        plain = _minhash_baseline(folder)
        rows.append(("plain MinHash LSH (datasketch)", score(truth, plain), time.perf_counter() - started))
    print(f"\nNetworks on {args.ads:,} generated ads (seed {args.seed}); identifiers from Clew's extraction;"
          f" load average {load}")
    print(f"ingest+extract {args.ads - INCREMENT:,} ads (cached store): {figures['ingest_extract_seconds']:.0f}s;"
          f" then {INCREMENT:,} more: ingest {t_ingest:.1f}s, extract {t_extract:.1f}s")
    print(f"link, full:        {t_full:8.1f}s  peak RSS {rss_full:7.0f} MB  {full}")
    print(f"link, re-run:      {t_rerun:8.1f}s  (nothing new)  {rerun}")
    print(f"link, incremental: {t_inc:8.1f}s  peak RSS {rss_inc:7.0f} MB  {inc}")
    head = f"{'method':32} {'pairP':>7} {'pairR':>7} {'B3 P':>7} {'B3 R':>7} {'ops whole':>9} {'largest':>8} {'secs':>7}"
    print(head)
    print("-" * len(head))
    for name, m, secs in rows:
        print(f"{name:32} {m['pair_precision']:7.3f} {m['pair_recall']:7.3f} {m['bcubed_precision']:7.3f}"
              f" {m['bcubed_recall']:7.3f} {m['operators_whole']:9.3f} {m['largest']:8d} {secs:7.1f}")


if __name__ == "__main__":
    main()
