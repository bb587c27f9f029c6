"""Ingest: stream ad files into the store in batched transactions, setting bad records aside.

The CLI and the web app both call :func:`ingest`. It reads any number of JSON Lines or CSV files in
constant memory. On large inputs, reading and checking records runs in a second process while
this one writes, so both cores work; the batches and their order are the same either way.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clew.collect.files import RecordFile, expand_paths
from clew.collect.records import FieldMap, RecordError, to_ad
from clew.errors import ClewError, InputError
from clew.model import IngestSummary, Reject
from clew.store import Store
from clew.store.ads import ad_row, finish_ingest, start_ingest, utcnow, write_batch

DEFAULT_BATCH = 10_000  # larger transactions write each page of the dedup index fewer times
#: inputs at least this large are read in a second process
PARALLEL_MIN_BYTES = 16 * 1024 * 1024
_EXCERPT = 200
#: rejects kept in the returned summary (all are stored; `clew rejects` lists them)
_SUMMARY_REJECTS = 1000
_SOURCE, _SOURCE_ID = 0, 1

#: called with (bytes done, bytes in all) as the ingest goes on
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class _Batch:
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    read: int = 0
    done_bytes: int = 0


def _excerpt(raw: bytes) -> str:
    return raw[:_EXCERPT].decode("utf-8", "replace")


def _batches(
    files: Sequence[Path], fmt: str, fields: FieldMap, source: str | None, batch_size: int
) -> Iterator[_Batch]:
    """Checked rows and rejects of every file, in batches of at most ``batch_size`` records.

    A batch never holds two texts of one source id, so the writer sees the first before the second.
    """
    done_before = 0
    batch = _Batch()
    ids: set[tuple[str, str]] = set()
    for path in files:
        with RecordFile(path, fmt) as records:
            ingested_at = utcnow()
            for item in records:
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
                if item.error is not None:
                    batch.rejects.append(Reject(item.path, item.line, item.error, _excerpt(item.raw)))
                else:
                    row = ad_row(ad)
                    if row[_SOURCE_ID] is not None:
                        key = (row[_SOURCE], row[_SOURCE_ID])
                        if key in ids:
                            batch.done_bytes = done_before + records.position
                            yield batch
                            batch, ids = _Batch(), set()
                        ids.add(key)
                    batch.rows.append(row)
                batch.read += 1
                if batch.read >= batch_size:
                    batch.done_bytes = done_before + records.position
                    yield batch
                    batch, ids = _Batch(), set()
        done_before += path.stat().st_size
    batch.done_bytes = done_before
    yield batch


def _reader_process(args: tuple[Any, ...], out: mp.Queue) -> None:
    try:
        for batch in _batches(*args):
            out.put(("batch", batch))
        out.put(("done", None))
    except ClewError as exc:
        out.put(("error", str(exc)))
    except BaseException as exc:  # report, so the writer never waits on a dead reader
        out.put(("error", f"reading failed: {type(exc).__name__}: {exc}"))


def _batches_in_second_process(args: tuple[Any, ...]) -> Iterator[_Batch]:
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue(maxsize=4)
    proc = ctx.Process(target=_reader_process, args=(args, out), daemon=True)
    proc.start()
    try:
        while True:
            try:
                kind, payload = out.get(timeout=5)
            except queue_module.Empty:
                if not proc.is_alive():
                    raise InputError("the reading process stopped unexpectedly") from None
                continue
            if kind == "done":
                return
            if kind == "error":
                raise InputError(payload)
            yield payload
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()


def ingest(
    store: Store,
    paths: Sequence[Path | str],
    *,
    source: str | None = None,
    fmt: str = "auto",
    field_map: FieldMap | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> IngestSummary:
    """Read every record of ``paths`` into ``store``; see the module docstring.

    ``parallel`` forces (True) or forbids (False) the second reading process; by default it is
    used for inputs of at least 16 MiB.
    """
    files = expand_paths([Path(p) for p in paths])
    fields = field_map or FieldMap()
    total = sum(f.stat().st_size for f in files)
    for f in files:  # fail on an unreadable file or format before anything is written
        RecordFile(f, fmt).close()
    if parallel is None:
        parallel = total >= PARALLEL_MIN_BYTES
    args = (files, fmt, fields, source, batch_size)
    batches = _batches_in_second_process(args) if parallel else _batches(*args)
    summary = IngestSummary()
    summary.ingest_id = ingest_id = start_ingest(store, [str(f) for f in files], source)
    status = "interrupted"
    try:
        if progress is not None:
            progress(0, total)
        for batch in batches:
            result = write_batch(store, ingest_id, batch.rows, batch.rejects, batch.read)
            summary.read += batch.read
            summary.new += result.new
            summary.versions += result.versions
            summary.duplicates += result.duplicates
            summary.rejected += len(batch.rejects)
            room = _SUMMARY_REJECTS - len(summary.rejects)
            summary.rejects.extend(batch.rejects[:room])
            if progress is not None:
                progress(batch.done_bytes, total)
        status = "done"
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()
        finish_ingest(store, ingest_id, status)
    return summary
