"""Ingest: stream ad files into the store in batched transactions, setting bad records aside.

The CLI and the web app both call :func:`ingest`; it reads any number of JSON Lines or CSV files
in constant memory, and returns what it read, added, recognised and rejected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from clew.collect.files import RecordFile, expand_paths
from clew.collect.records import FieldMap, RecordError, to_ad
from clew.model import Ad, IngestSummary, Reject
from clew.store import Store
from clew.store.ads import finish_ingest, start_ingest, utcnow, write_batch

DEFAULT_BATCH = 2000
_EXCERPT = 200
#: rejects kept in the returned summary (all are stored; `clew rejects` lists them)
_SUMMARY_REJECTS = 1000

#: called with (bytes done, bytes in all) as the ingest goes on
Progress = Callable[[int, int], None]


def _excerpt(raw: bytes) -> str:
    return raw[:_EXCERPT].decode("utf-8", "replace")


def ingest(
    store: Store,
    paths: Sequence[Path | str],
    *,
    source: str | None = None,
    fmt: str = "auto",
    field_map: FieldMap | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read every record of ``paths`` into ``store``; see the module docstring."""
    files = expand_paths([Path(p) for p in paths])
    fields = field_map or FieldMap()
    total = sum(f.stat().st_size for f in files)
    summary = IngestSummary()
    summary.ingest_id = ingest_id = start_ingest(store, [str(f) for f in files], source)
    done_before = 0
    batch: list[Ad] = []
    batch_ids: set[tuple[str, str]] = set()
    rejected: list[Reject] = []
    read = 0

    def flush() -> None:
        nonlocal read
        result = write_batch(store, ingest_id, batch, rejected, read)
        summary.new += result.new
        summary.versions += result.versions
        summary.duplicates += result.duplicates
        summary.rejected += len(rejected)
        room = _SUMMARY_REJECTS - len(summary.rejects)
        summary.rejects.extend(rejected[:room])
        batch.clear()
        batch_ids.clear()
        rejected.clear()
        read = 0

    status = "interrupted"
    try:
        for path in files:
            with RecordFile(path, fmt) as records:
                ingested_at = utcnow()
                for n, item in enumerate(records):
                    summary.read += 1
                    read += 1
                    ad: Ad | None = None
                    if item.error is None:
                        try:
                            ad = to_ad(
                                item.record,
                                item.raw,
                                fields=fields,
                                source=source,
                                origin=f"{item.path}:{item.line}",
                                ingested_at=ingested_at,
                            )
                        except RecordError as exc:
                            item.error = str(exc)
                    if ad is None:
                        rejected.append(
                            Reject(item.path, item.line, item.error or "unreadable", _excerpt(item.raw))
                        )
                    else:
                        if ad.source_id is not None:
                            key = (ad.source, ad.source_id)
                            if key in batch_ids:  # a second text of one ad: it must see the first
                                read -= 1
                                flush()
                                read += 1
                            batch_ids.add(key)
                        batch.append(ad)
                    if len(batch) + len(rejected) >= batch_size:
                        flush()
                        if progress is not None:
                            progress(done_before + records.position, total)
                    elif progress is not None and n % 5000 == 0:
                        progress(done_before + records.position, total)
            done_before += path.stat().st_size
        flush()
        status = "done"
    finally:
        finish_ingest(store, ingest_id, status)
    if progress is not None:
        progress(total, total)
    return summary
