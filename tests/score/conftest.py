"""Small hand-made corpora for the scoring stage, ingested and analysed like real input."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import orjson
import pytest

import clew.store.networks  # noqa: F401  (registers the Networks tables on the shared metadata)
import clew.store.scores  # noqa: F401  (registers the Indicators tables)
from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]


@pytest.fixture
def add_ads(tmp_path: Path) -> AddAds:
    """Ingest ``rows`` (dicts with id, title, body, location, posted_at) and run ``analyze`` (all stages)."""
    counter = [0]

    def add(store: Store, rows: Sequence[dict[str, object]]) -> None:
        counter[0] += 1
        path = tmp_path / f"batch-{counter[0]}.jsonl"
        path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
        ingest(store, [path], source="test")
        analyze(store, workers=1)

    return add


CIRCUIT = ("Las Vegas, NV", "Phoenix, AZ", "Denver, CO", "Salt Lake City, UT")


@pytest.fixture
def circuit_ads() -> list[dict[str, object]]:
    """Eight ads by one phone, moved through four cities in turn, with youth and control cues."""
    names = ("Candy", "Lola", "Amber", "Kiki")
    return [{
        "id": f"c{i}", "title": f"{names[i % 4]} young and fresh, new in town",
        "body": f"Hi I'm {names[i % 4]}, 19. My girls are waiting, she will make you happy. 24/7. "
                f"Call (702) 555-0142 (ad {i})",
        "location": CIRCUIT[i // 2], "posted_at": f"2026-01-{1 + 3 * i:02d}T12:00:00Z",
    } for i in range(8)]


@pytest.fixture
def local_ads() -> list[dict[str, object]]:
    """Four ads by one independent in one city, without cues."""
    return [{
        "id": f"l{i}", "title": "Relaxing company downtown",
        "body": f"Hi I'm Rose, 31. Classy and discreet, no rush. Call (213) 555-0107 ({i})",
        "location": "Los Angeles, CA", "posted_at": f"2026-01-{2 + 5 * i:02d}T12:00:00Z",
    } for i in range(4)]
