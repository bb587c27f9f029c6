"""Ingest: stream ad files into the store in batched transactions, setting bad records aside.

The CLI and the web app both call :func:`ingest`. It reads any number of JSON Lines or CSV files in
constant memory. On large inputs, reading and checking records runs in other processes while
this one writes (two share JSON Lines files chunk by chunk), so every core works; the ads, their
order and the rejects are the same either way.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clew.collect.files import RecordFile, detect_format, expand_paths
from clew.collect.records import FieldMap, RecordError, checked
from clew.errors import ClewError, InputError
from clew.model import IngestSummary, Reject
from clew.store import Store
from clew.store.ads import (
    ad_row_time,
    checked_row,
    finish_ingest,
    start_ingest,
    utcnow,
    write_batch,
)

DEFAULT_BATCH = 10_000
#: records per transaction: each commit rewrites every page of the dedup index a batch touched,
#: so several batches share one (a kill loses at most these, and a re-run adds them)
COMMIT_RECORDS = 50_000
#: inputs at least this large are read in other processes while this one writes
PARALLEL_MIN_BYTES = 16 * 1024 * 1024
#: processes that share the reading of JSON Lines (CSV records may span lines: one reads them)
READERS = 2
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
    #: shared reading: the chunk of lines the batch comes from, and whether it ends that chunk
    chunk: int = 0
    last: bool = True


def _excerpt(raw: bytes) -> str:
    return raw[:_EXCERPT].decode("utf-8", "replace")


@dataclass(slots=True)
class _Chunks:
    """Which chunks of lines one of several readers sharing JSON Lines files reads."""

    size: int
    index: int
    readers: int
    first: int = 0  # the number of the current file's first chunk
    current: int = 0  # this reader's chunk under way, counted in the current file

    def start_file(self, first: int) -> None:
        self.first = first
        self.current = (self.index - first) % self.readers

    def of(self, line: int) -> int:
        return (line - 1) // self.size

    def mine(self, line: int) -> bool:
        return (self.first + self.of(line)) % self.readers == self.index


class _Reader:
    """Turns the records of files into batches of checked rows and rejects."""

    def __init__(self, fields: FieldMap, source: str | None, batch_size: int, chunks: _Chunks | None = None) -> None:
        self.fields, self.source, self.batch_size, self.chunks = fields, source, batch_size, chunks
        self.batch = _Batch()
        self._ids: set[tuple[str, str]] = set()
        self.done_before = 0

    def take(self, records: RecordFile | None = None, *, last: bool = False) -> _Batch:
        batch, self.batch, self._ids = self.batch, _Batch(), set()
        batch.done_bytes = self.done_before + (records.position if records is not None else 0)
        if self.chunks is not None:
            batch.chunk, batch.last = self.chunks.first + self.chunks.current, last
            if last:
                self.chunks.current += self.chunks.readers
        return batch

    def read(self, records: RecordFile, ingested_at: Any) -> Iterator[_Batch]:
        """Read on through ``records``; yields each batch once it is full or its chunk ends.

        A batch never holds two texts of one source id, so the writer sees the first before the
        second.
        """
        ingested_text = ad_row_time(ingested_at)
        chunks = self.chunks
        for item in records:
            if chunks is not None:
                while chunks.current < chunks.of(item.line):
                    yield self.take(records, last=True)
            if item.error is None:
                try:
                    values = checked(item.record, item.raw, fields=self.fields, source=self.source)
                except RecordError as exc:
                    item.error = str(exc)
            if item.error is not None:
                self.batch.rejects.append(Reject(item.path, item.line, item.error, _excerpt(item.raw)))
            else:
                row = checked_row(values, item.raw, f"{item.path}:{item.line}", ingested_text)
                if row[_SOURCE_ID] is not None:
                    key = (row[_SOURCE], row[_SOURCE_ID])
                    if key in self._ids:
                        yield self.take(records)
                    self._ids.add(key)
                self.batch.rows.append(row)
            self.batch.read += 1
            if self.batch.read >= self.batch_size:
                yield self.take(records)
        if chunks is not None:  # close this reader's chunks of the file, the empty ones too
            while chunks.current < -(-records.lines // chunks.size):
                yield self.take(records, last=True)


def _batches(
    files: Sequence[Path], fmt: str, fields: FieldMap, source: str | None, batch_size: int
) -> Iterator[_Batch]:
    """Checked rows and rejects of every file, in batches of at most ``batch_size`` records."""
    reader = _Reader(fields, source, batch_size)
    for path in files:
        with RecordFile(path, fmt) as records:
            yield from reader.read(records, utcnow())
        reader.done_before += path.stat().st_size
    yield reader.take()


def _shared_batches(
    files: Sequence[Path], fmt: str, fields: FieldMap, source: str | None, batch_size: int,
    index: int, readers: int,
) -> Iterator[_Batch]:
    """The batches of reader ``index`` of ``readers`` sharing JSON Lines files.

    Every file is cut into chunks of ``batch_size`` lines, numbered on across files; this reader
    reads chunks ``index``, ``index + readers``, ... and only counts the lines of the others. Each
    batch carries its chunk's number, and the last batch of a chunk (perhaps empty) says so, so
    the writer can take the chunks of all readers in file order.
    """
    chunks = _Chunks(batch_size, index, readers)
    reader = _Reader(fields, source, batch_size, chunks)
    first = 0
    for path in files:
        chunks.start_file(first)
        with RecordFile(path, fmt, keep=chunks.mine) as records:
            yield from reader.read(records, utcnow())
            first += -(-records.lines // batch_size)
        reader.done_before += path.stat().st_size


def _reader_process(args: tuple[Any, ...], out: mp.Queue) -> None:
    try:
        batches = _batches(*args) if len(args) == 5 else _shared_batches(*args)
        for batch in batches:
            out.put(("batch", batch))
        out.put(("done", None))
    except ClewError as exc:
        out.put(("error", str(exc)))
    except BaseException as exc:  # report, so the writer never waits on a dead reader
        out.put(("error", f"reading failed: {type(exc).__name__}: {exc}"))


def _batches_in_processes(args: tuple[Any, ...], readers: int) -> Iterator[_Batch]:
    """The batches of ``args`` read in ``readers`` other processes, in file order.

    One reader reads everything; several share the lines (see :func:`_shared_batches`) and their
    chunks are taken in turn.
    """
    ctx = mp.get_context("spawn")
    queues: list[mp.Queue] = [ctx.Queue(maxsize=2) for _ in range(readers)]
    procs = [
        ctx.Process(
            target=_reader_process, args=(args if readers == 1 else (*args, i, readers), queues[i]), daemon=True
        )
        for i in range(readers)
    ]
    for proc in procs:
        proc.start()
    try:
        chunk = 0
        while True:
            i = chunk % readers
            try:
                kind, payload = queues[i].get(timeout=5)
            except queue_module.Empty:
                if not procs[i].is_alive():
                    raise InputError("a reading process stopped unexpectedly") from None
                continue
            if kind == "done":
                return  # this reader has no chunk `chunk`, so there is none: all is read
            if kind == "error":
                raise InputError(payload)
            yield payload
            if readers > 1 and payload.last:
                chunk += 1
    finally:
        for proc in procs:
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
    commit_records: int = COMMIT_RECORDS,
) -> IngestSummary:
    """Read every record of ``paths`` into ``store``; see the module docstring.

    ``parallel`` forces (True) or forbids (False) reading in other processes; by default they
    read inputs of at least 16 MiB. Batches are committed together once they hold
    ``commit_records`` records (never fewer than one batch).
    """
    files = expand_paths([Path(p) for p in paths])
    fields = field_map or FieldMap()
    total = sum(f.stat().st_size for f in files)
    for f in files:  # fail on an unreadable file or format before anything is written
        RecordFile(f, fmt).close()
    if parallel is None:
        parallel = total >= PARALLEL_MIN_BYTES
    args = (files, fmt, fields, source, batch_size)
    if parallel:
        shared = all(detect_format(f, fmt) == "jsonl" for f in files)
        batches = _batches_in_processes(args, READERS if shared else 1)
    else:
        batches = _batches(*args)
    summary = IngestSummary()
    summary.ingest_id = ingest_id = start_ingest(store, [str(f) for f in files], source)
    status = "interrupted"
    try:
        if progress is not None:
            progress(0, total)
        with store.connect() as conn:
            transaction, in_transaction = None, 0
            for batch in batches:
                if transaction is None:
                    transaction = conn.begin()
                result = write_batch(conn, ingest_id, batch.rows, batch.rejects, batch.read)
                in_transaction += batch.read
                if in_transaction >= max(commit_records, batch_size):
                    transaction.commit()
                    transaction, in_transaction = None, 0
                summary.read += batch.read
                summary.new += result.new
                summary.versions += result.versions
                summary.duplicates += result.duplicates
                summary.rejected += len(batch.rejects)
                room = _SUMMARY_REJECTS - len(summary.rejects)
                summary.rejects.extend(batch.rejects[:room])
                if progress is not None:
                    progress(batch.done_bytes, total)
            if transaction is not None:
                transaction.commit()
        status = "done"
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()
        finish_ingest(store, ingest_id, status)
    return summary
