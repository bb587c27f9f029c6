"""Analysis of the store: every stage after collection, run incrementally on what is new.

Full-text indexing of the ads added since the last run (ingest leaves it to this step), then
extraction (spans and identifiers of every ad not yet read by the current extractors), then
linking (networks over shared identifiers, near-duplicate text and images), then scoring (indicator
hits and explained scores for ads and networks). Re-running does nothing new; ads whose text
changed, or that an older extraction version read, are read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from clew.extract import EXTRACTION_VERSION, extract_ad
from clew.model import Span
from clew.store import Store
from clew.store.spans import count_pending, pending_ads, save_extractions

#: ads handed to a worker at once
CHUNK = 250
#: ads read from the store and written back per transaction
PAGE = 2000

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class AnalyzeSummary:
    extracted: int = 0
    spans: int = 0
    networks: int = 0
    networks_changed: int = 0
    hubs: int = 0
    ads_scored: int = 0
    networks_scored: int = 0
    indexed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "indexed": self.indexed,
            "extracted": self.extracted,
            "spans": self.spans,
            "networks": self.networks,
            "networks_changed": self.networks_changed,
            "hub_identifiers": self.hubs,
            "ads_scored": self.ads_scored,
            "networks_scored": self.networks_scored,
        }


def extract_rows(rows: Sequence[tuple[Any, ...]]) -> list[tuple[int, list[Span]]]:
    """Spans of each (id, title, body, location, url) row; runs in worker processes."""
    return [
        (ad_id, extract_ad(title, body, location=location, url=url))
        for ad_id, title, body, location, url in rows
    ]


def _chunks(rows: list[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def analyze(
    store: Store,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    images_dir: Path | str | None = None,
    link: bool = True,
) -> AnalyzeSummary:
    """Run every analysis stage on what is new in ``store``; see the module docstring."""
    from clew.search.sync import sync_index

    indexed = sync_index(store)
    summary = _extract(store, workers, progress)
    summary.indexed = indexed
    if link:
        from clew.link import update_networks

        linked = update_networks(store, images_dir=images_dir)
        summary.networks = linked.networks
        summary.networks_changed = linked.networks_written + linked.networks_removed
        summary.hubs = linked.hubs
        from clew.score import update_scores

        scored = update_scores(store)
        summary.ads_scored = scored.ads_scored
        summary.networks_scored = scored.networks_scored
    return summary


def _extract(store: Store, workers: int | None, progress: Progress | None) -> AnalyzeSummary:
    workers = default_workers() if workers is None else workers
    summary = AnalyzeSummary()
    total = count_pending(store, EXTRACTION_VERSION)
    if progress is not None:
        progress(0, total)
    if total == 0:
        return summary
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn")) if workers > 1 and total > CHUNK else None
    try:
        after = 0
        while True:
            rows = pending_ads(store, EXTRACTION_VERSION, after_id=after, limit=PAGE)
            if not rows:
                break
            after = rows[-1][0]
            if pool is None:
                results = extract_rows(rows)
            else:
                results = [r for part in pool.map(extract_rows, _chunks(rows, CHUNK)) for r in part]
            summary.spans += save_extractions(store, results, EXTRACTION_VERSION)
            summary.extracted += len(results)
            if progress is not None:
                progress(summary.extracted, total)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return summary


@dataclass(slots=True)
class StreamSummary:
    rows: int = 0
    errors: int = 0


def _extract_lines(lines: list[tuple[int, bytes]]) -> list[tuple[int, bytes | None, str | None]]:
    """(line, output row as JSON or None, error) for each input line; runs in worker processes."""
    import orjson

    from clew.extract import extraction_row

    out: list[tuple[int, bytes | None, str | None]] = []
    for number, line in lines:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            out.append((number, None, f"broken JSON: {exc}"))
            continue
        if not isinstance(record, dict):
            out.append((number, None, f"expected a JSON object, got {type(record).__name__}"))
            continue
        fields = {}
        for name in ("title", "body", "location", "url"):
            value = record.get(name)
            if name == "body" and value is None:
                value = record.get("text") or record.get("description")
            if value is not None and not isinstance(value, str):
                break
            fields[name] = value
        else:
            spans = extract_ad(fields["title"], fields["body"], location=fields["location"], url=fields["url"])
            out.append((number, orjson.dumps(extraction_row(record.get("id"), spans)), None))
            continue
        out.append((number, None, f"{name}: expected text, got {type(record.get(name)).__name__}"))
    return out


def extract_stream(
    source: Iterator[bytes],
    write: Callable[[bytes], object],
    *,
    workers: int | None = None,
    on_error: Callable[[int, str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> StreamSummary:
    """`clew extract`: one output row per input JSON line, in input order, over ``workers`` processes.

    A line that is not a JSON object with text fields is reported through ``on_error`` with its
    line number and produces no row; the rest go on.
    """
    workers = default_workers() if workers is None else workers
    summary = StreamSummary()

    def chunks() -> Iterator[list[tuple[int, bytes]]]:
        chunk: list[tuple[int, bytes]] = []
        for number, line in enumerate(source, 1):
            if line.strip():
                chunk.append((number, line))
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def handle(results: list[tuple[int, bytes | None, str | None]]) -> None:
        for number, row, error in results:
            if row is None:
                summary.errors += 1
                if on_error is not None:
                    on_error(number, error or "unreadable")
            else:
                write(row + b"\n")
                summary.rows += 1
        if progress is not None:
            progress(summary.rows + summary.errors)

    if workers <= 1:
        for chunk in chunks():
            handle(_extract_lines(chunk))
        return summary
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        # map keeps input order; it reads ahead a bounded number of chunks per worker
        pending: list[Any] = []
        for chunk in chunks():
            pending.append(pool.submit(_extract_lines, chunk))
            if len(pending) >= workers * 4:
                handle(pending.pop(0).result())
        for future in pending:
            handle(future.result())
    return summary
