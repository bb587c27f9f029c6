"""Streaming readers for ad files: JSON Lines and CSV/TSV, plain or gzip-compressed.

Each reader yields one :class:`RawRecord` per input record, in constant memory whatever the file's
size, with the exact bytes read (the tamper-evident copy) and, where a record cannot be read, the
reason instead of the record.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import orjson

from clew.errors import InputError

#: longest physical line read; a longer one is set aside without reading it into memory
MAX_LINE_BYTES = 4 * 1024 * 1024

FORMATS = ("auto", "jsonl", "csv")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv"}


@dataclass(slots=True)
class RawRecord:
    """One record as read: where it stands, its bytes, and the parsed object or why there is none."""

    path: str
    line: int
    raw: bytes
    record: dict[str, object] | None = None
    error: str | None = None


def detect_format(path: Path, fmt: str = "auto") -> str:
    """``jsonl`` or ``csv`` for ``path``: the one asked for, else by suffix, else by first byte."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt != "auto":
        return fmt
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    with _open_binary(path) as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head.startswith(b"{") else "csv"


def _open_binary(path: Path) -> IO[bytes]:
    try:
        if path.suffix.lower() == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return open(path, "rb")  # noqa: SIM115 - handed to the caller
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None


class RecordFile:
    """An open ad file; iterate for records; ``position``/``size`` tell progress in bytes."""

    def __init__(self, path: Path, fmt: str = "auto", keep: Callable[[int], bool] | None = None) -> None:
        """``keep``: JSON Lines only, which line numbers to read; the others are counted, not parsed
        (so several processes can share a file, each reading its own lines)."""
        self.path = path
        self.format = detect_format(path, fmt)
        if keep is not None and self.format != "jsonl":
            raise ValueError("only JSON Lines files can be shared out by line")
        self._keep = keep
        #: physical lines read so far
        self.lines = 0
        self._raw_handle = _open_binary(path)
        self._file_handle: IO[bytes] | None = getattr(self._raw_handle, "fileobj", None)
        try:
            self.size = path.stat().st_size
        except OSError:
            self.size = 0

    @property
    def position(self) -> int:
        """Bytes of the file (compressed, for gzip) read so far."""
        handle = self._file_handle or self._raw_handle
        try:
            return handle.tell()
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[RawRecord]:
        if self.format == "jsonl":
            return self._jsonl()
        return self._csv()

    def close(self) -> None:
        self._raw_handle.close()

    def __enter__(self) -> RecordFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _lines(self) -> Iterator[tuple[int, bytes | None]]:
        """Physical lines with their numbers; None for a line over MAX_LINE_BYTES (skipped)."""
        handle = self._raw_handle
        number = 0
        while True:
            try:
                line = handle.readline(MAX_LINE_BYTES)
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                raise InputError(f"{self.path}:{number + 1}: cannot read on: {exc}") from None
            if not line:
                return
            number += 1
            self.lines = number
            if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
                while True:  # skip the rest of the overlong line without holding it
                    rest = handle.readline(MAX_LINE_BYTES)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, None
                continue
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            yield number, line

    def _jsonl(self) -> Iterator[RawRecord]:
        path = str(self.path)
        keep = self._keep
        for number, line in self._lines():
            if keep is not None and not keep(number):
                continue
            if line is None:
                yield RawRecord(path, number, b"", error=f"line longer than {MAX_LINE_BYTES:,} bytes")
                continue
            stripped = line.rstrip(b"\r\n")
            if not stripped or stripped.isspace():
                continue
            try:
                record = orjson.loads(stripped)
            except orjson.JSONDecodeError as exc:
                try:
                    stripped.decode("utf-8")
                except UnicodeDecodeError as uexc:
                    error = f"invalid UTF-8 at byte {uexc.start + 1}"
                else:
                    error = f"broken JSON: {exc}"
                yield RawRecord(path, number, stripped, error=error)
                continue
            if not isinstance(record, dict):
                yield RawRecord(
                    path, number, stripped, error=f"expected a JSON object, got {type(record).__name__}"
                )
                continue
            yield RawRecord(path, number, stripped, record=record)

    def _csv(self) -> Iterator[RawRecord]:
        path = str(self.path)
        consumed: list[tuple[int, str]] = []
        oversized: list[int] = []

        def feed() -> Iterator[str]:
            for number, line in self._lines():
                if line is None:
                    oversized.append(number)
                    line = b"\n"
                text = line.decode("utf-8", "surrogateescape")
                consumed.append((number, text))
                yield text

        lines = feed()
        csv.field_size_limit(MAX_LINE_BYTES)
        first = next(lines, None)
        if first is None:
            return
        consumed.clear()
        delimiter = "\t" if (self.path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first)) else ","
        try:
            header = next(csv.reader(io.StringIO(first), delimiter=delimiter))
        except (csv.Error, StopIteration):
            raise InputError(f"{path}:1: cannot read the CSV header line") from None
        header = [name.strip() for name in header]
        if any(_has_surrogates(name) for name in header):
            raise InputError(f"{path}:1: the CSV header is not valid UTF-8")
        reader = csv.reader(lines, delimiter=delimiter)
        while True:
            error: str | None = None
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row, error = None, f"broken CSV: {exc}"
            start = next((n for n, t in consumed if t.strip()), consumed[0][0] if consumed else 0)
            raw_text = "".join(t for _, t in consumed).rstrip("\r\n")
            consumed.clear()
            raw = raw_text.encode("utf-8", "surrogateescape")
            if oversized:
                yield RawRecord(path, oversized[0], b"", error=f"line longer than {MAX_LINE_BYTES:,} bytes")
                oversized.clear()
                continue
            if row is not None and not row:
                continue  # blank line
            if error is None and _has_surrogates(raw_text):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as uexc:
                    error = f"invalid UTF-8 at byte {uexc.start + 1}"
            if error is None and row is not None and len(row) != len(header):
                error = f"expected {len(header)} columns (as in the header), got {len(row)}"
            if error is not None or row is None:
                yield RawRecord(path, start, raw, error=error)
                continue
            yield RawRecord(path, start, raw, record=dict(zip(header, row, strict=True)))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named, and the ad files inside folders named; an error names a path that is missing."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and any(s.lower() in _SUFFIXES for s in p.suffixes[-2:])
            )
            if not found:
                raise InputError(f"{path}: folder holds no .jsonl, .json, .csv or .tsv files")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return out
