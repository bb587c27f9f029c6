"""The scoring commands: leads, score, movement, label, model and export, on one SQLite store."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from typer.testing import CliRunner

from clew.cli import app
from clew.store import Store

runner = CliRunner()
AddAds = Callable[[Store, Sequence[dict[str, object]]], None]


def test_commands_print_scores_with_their_reasons(sqlite_store: Store, add_ads: AddAds, tmp_path: Path,
                                                  circuit_ads: list[dict[str, object]],
                                                  local_ads: list[dict[str, object]]) -> None:
    add_ads(sqlite_store, circuit_ads + local_ads)
    db = str(sqlite_store.engine.url)

    def run(*args: str) -> str:
        result = runner.invoke(app, ["--db", db, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = [json.loads(line) for line in run("leads", "--json").splitlines()]
    assert [r["size"] for r in rows] == [8, 4]
    assert all(r["indicators"] for r in rows)
    top = rows[0]["network_id"]
    assert "circuit" in run("leads")
    explained = run("score", top)
    assert "youth" in explained and "'young'" in explained
    assert json.loads(run("score", "1", "--json"))["indicators"]
    assert json.loads(run("movement", top, "--json"))["circuit"] == ["Las Vegas", "Phoenix", "Denver", "Salt Lake City"]
    assert "labelled" in run("label", "network", top, "trafficking", "--note", "four cities in a month")
    refused = runner.invoke(app, ["--db", db, "label", "network", top, "maybe"])
    assert refused.exit_code == 2 and "not one of" in refused.output
    short = runner.invoke(app, ["--db", db, "model", "train"])
    assert short.exit_code == 2 and "at least 3" in short.output
    out = tmp_path / "networks.jsonl"
    run("export", "networks", "-o", str(out))
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["network_id"] for r in exported} == {r["network_id"] for r in rows}
    assert all(r["score"] is not None and r["indicators"] for r in exported)
