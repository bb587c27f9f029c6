"""`clew analyze` stores spans and identifiers incrementally; `clew extract` streams rows in order."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import orjson
import pytest

import clew.extract as extract_registry
from clew.analyze import analyze, extract_stream
from clew.collect.ingest import ingest
from clew.extract import Context, Extractor
from clew.model import Identifier, Span
from clew.store import Store
from clew.store.spans import ads_with_identifier, spans_of

_CODE = re.compile(r"CODE-(\d+)")


def _codes(text: str, context: Context) -> Iterable[Span]:
    """A stand-in extractor: 'CODE-123' is the e-mail code123@example.org."""
    for m in _CODE.finditer(text):
        yield Span("email", f"code{m.group(1)}@example.org", m.group(0), m.start(), m.end(), 0.9, "test_codes")


@pytest.fixture
def only_test_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    extract_registry._load_all()
    monkeypatch.setattr(extract_registry, "_REGISTRY", {"test_codes": Extractor("test_codes", ("email",), _codes)})


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.usefixtures("only_test_extractor")
def test_analyze_is_incremental_and_links_identifiers(store: Store, tmp_path: Path) -> None:
    rows = [{"id": str(i), "title": f"ad {i}", "body": f"write CODE-{i % 3} now"} for i in range(9)]
    ingest(store, [_write(tmp_path / "a.jsonl", rows)])
    first = analyze(store, workers=1)
    assert (first.extracted, first.spans) == (9, 9)
    assert analyze(store, workers=1).extracted == 0
    ad_ids = ads_with_identifier(store, Identifier("email", "code1@example.org"))
    assert len(ad_ids) == 3
    span = spans_of(store, ad_ids[0])[0]
    assert (span.text, span.field, span.start) == ("CODE-1", "body", 6)
    # an edited ad is read again; the others are not
    ingest(store, [_write(tmp_path / "b.jsonl", [{"id": "1", "title": "ad 1", "body": "now CODE-7 and CODE-8"}])])
    again = analyze(store, workers=1)
    assert (again.extracted, again.spans) == (1, 2)
    assert len(ads_with_identifier(store, Identifier("email", "code1@example.org"))) == 2


@pytest.mark.usefixtures("only_test_extractor")
def test_extract_stream_keeps_order_and_reports_bad_lines() -> None:
    lines = [json.dumps({"id": i, "body": f"CODE-{i}"}).encode() + b"\n" for i in range(600)]
    lines.insert(10, b"{not json\n")
    lines.insert(20, b'{"id": "x", "body": 7}\n')
    out = io.BytesIO()
    errors: list[tuple[int, str]] = []
    summary = extract_stream(iter(lines), out.write, workers=1, on_error=lambda n, e: errors.append((n, e)))
    rows = [orjson.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == list(range(600))
    assert rows[5]["emails"] == ["code5@example.org"]
    assert rows[5]["spans"][0] | {"confidence": 0} == {
        "kind": "email", "value": "code5@example.org", "text": "CODE-5", "start": 0, "end": 6,
        "confidence": 0, "extractor": "test_codes", "field": "body",
    }
    assert [n for n, _ in errors] == [11, 21] and summary.errors == 2
