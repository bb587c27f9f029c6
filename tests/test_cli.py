"""The `clew` command end to end: generate, ingest twice, rejects, stats, demo."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clew.cli import app

runner = CliRunner()


def test_generate_ingest_twice_stats_and_rejects(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    ads, truth = tmp_path / "ads.jsonl", tmp_path / "truth.jsonl"
    result = runner.invoke(app, ["demo", "generate", "--ads", "400", "--seed", "5", "--out", str(ads), "--truth", str(truth)])
    assert result.exit_code == 0, result.output
    assert len(ads.read_text().splitlines()) == 400 and len(truth.read_text().splitlines()) == 400

    first = runner.invoke(app, ["--db", db, "ingest", str(ads), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] == 400
    assert json.loads(first.stdout)["indexed"] == 400  # searchable at once: no backlog left for a search
    second = runner.invoke(app, ["--db", db, "ingest", str(ads), "--json"])
    assert json.loads(second.stdout) | {"ingest_id": 0} == {
        "ingest_id": 0, "read": 400, "new": 0, "new_versions": 0, "duplicates": 400, "rejected": 0, "indexed": 0,
    }
    stats = runner.invoke(app, ["--db", db, "stats", "--json"])
    assert json.loads(stats.stdout)["ads"] == 400

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "n1", "title": "ok", "body": "fine"}\n{oops\n{"id": "n2", "body": "fine too"}\n')
    mixed = runner.invoke(app, ["--db", db, "ingest", str(bad), "--no-index"])
    assert mixed.exit_code == 1  # something was rejected; the good lines went in
    assert f"{bad}:2: broken JSON" in mixed.output
    listed = runner.invoke(app, ["--db", db, "rejects", "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["path"], r["line"]) for r in rows] == [(str(bad), 2)]
    assert json.loads(runner.invoke(app, ["--db", db, "stats", "--json"]).stdout)["ads"] == 402
    from clew.search.sync import pending
    from clew.store import Store

    with Store.open(db) as store:
        assert pending(store) == 2  # --no-index left the two new ads for the next analyze or search


def test_demo_runs_the_pipeline(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--ads", "300", "--seed", "2", "--workdir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "extracted 300 ads" in result.output
    stats = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'demo' / 'clew.db'}", "stats", "--json"])
    data = json.loads(stats.stdout)
    assert data["ads"] == 300 and data["ads_extracted"] == 300 and data["identifiers"] > 0


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "ingest", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_search_finds_a_phone_typed_another_way(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    ads = tmp_path / "ads.jsonl"
    ads.write_text(
        json.dumps({"id": "1", "title": "Hi", "body": "text seven0two 555 o1four2 anytime", "location": "Las Vegas, NV"}) + "\n"
        + json.dumps({"id": "2", "title": "Hey", "body": "call 702-555-0199", "location": "Las Vegas, NV"}) + "\n"
    )
    assert runner.invoke(app, ["--db", db, "ingest", str(ads)]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "analyze", "--workers", "1"]).exit_code == 0
    found = runner.invoke(app, ["--db", db, "search", "--phone", "(702) 555-0142", "--json"])
    assert found.exit_code == 0, found.output
    assert [json.loads(line)["id"] for line in found.stdout.splitlines()] == [1]


def test_networks_network_hubs_and_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    ads = tmp_path / "ads.jsonl"
    rows = [
        {"id": "1", "title": "Sweet Amber", "body": "new in town, text 702-555-0142", "location": "Las Vegas, NV"},
        {"id": "2", "title": "Amber again", "body": "last night here! call (702) 555 0142", "location": "Reno, NV"},
        {"id": "3", "title": "Other", "body": "independent, text 702-555-0199", "location": "Las Vegas, NV"},
    ]
    ads.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert runner.invoke(app, ["--db", db, "ingest", str(ads)]).exit_code == 0
    analysed = runner.invoke(app, ["--db", db, "analyze", "--workers", "1", "--json"])
    assert analysed.exit_code == 0, analysed.output
    listed = [json.loads(line) for line in runner.invoke(app, ["--db", db, "networks", "--json"]).stdout.splitlines()]
    assert len(listed) == 1 and listed[0]["size"] == 2
    assert "phone:+17025550142" in listed[0]["identifiers"]
    explained = runner.invoke(app, ["--db", db, "network", listed[0]["network_id"]])
    assert explained.exit_code == 0 and "+17025550142" in explained.output
    assert runner.invoke(app, ["--db", db, "network", "no-such-network"]).exit_code == 2
    out = tmp_path / "n.jsonl"
    assert runner.invoke(app, ["--db", db, "export", "networks", "-o", str(out)]).exit_code == 0
    row = json.loads(out.read_text().splitlines()[0])
    assert set(row) >= {"network_id", "ad_ids", "identifiers", "cities", "first_seen", "last_seen", "size"}
    assert runner.invoke(app, ["--db", db, "hubs"]).exit_code == 0
