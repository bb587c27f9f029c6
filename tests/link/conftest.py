"""Small hand-made corpora for the Networks stage: ingested and extracted like real input."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import orjson
import pytest

import clew.store.networks  # noqa: F401  (registers the Networks tables on the shared metadata)
from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store

AddAds = Callable[[Sequence[dict[str, object]]], None]


@pytest.fixture
def add_ads(tmp_path: Path) -> Callable[[Store, Sequence[dict[str, object]]], None]:
    """Ingest ``rows`` (dicts with id, title, body, ...) into a store and run extraction on them."""
    counter = [0]

    def add(store: Store, rows: Sequence[dict[str, object]]) -> None:
        counter[0] += 1
        path = tmp_path / f"batch-{counter[0]}.jsonl"
        path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
        ingest(store, [path], source="test")
        analyze(store, workers=1, link=False)

    return add
