"""`clew hubs`, `clew block`, `clew allow`, `clew unblock`: an analyst reviews hubs and overrides them."""

from __future__ import annotations

import random
from pathlib import Path

import orjson
from typer.testing import CliRunner

from clew.cli import app

runner = CliRunner()
SUPPORT = "Site support 800-555-0199"
_WORDS = ("amber velvet quiet harbor silver meadow bright candle golden river tender orchid lively "
          "sunset gentle marble crimson willow radiant canyon playful breeze elegant cherry").split()


def test_hub_review_and_overrides_end_to_end(tmp_path: Path) -> None:
    ads = tmp_path / "ads.jsonl"
    prose = [" ".join(random.Random(p).choice(_WORDS) for _ in range(18)) for p in range(12)]
    rows = [{"id": f"p{p}", "title": f"poster {p}", "location": "Reno, NV",
             "body": f"{prose[p]}. call 702-555-{1000 + p:04d}. {SUPPORT}"} for p in range(12)]
    ads.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    db = ["--db", f"sqlite:///{tmp_path / 'clew.db'}"]
    assert runner.invoke(app, [*db, "ingest", str(ads)]).exit_code == 0
    assert runner.invoke(app, [*db, "analyze"]).exit_code == 0
    listed = runner.invoke(app, [*db, "hubs"])
    assert listed.exit_code == 0 and "phone:+18005550199" in listed.output and "unrelated" in listed.output

    allowed = runner.invoke(app, [*db, "allow", "phone:+18005550199", "--note", "agency line, checked"])
    assert allowed.exit_code == 0 and "allowed" in allowed.output
    assert runner.invoke(app, [*db, "analyze"]).exit_code == 0
    assert "no hub identifiers" in runner.invoke(app, [*db, "hubs"]).output
    networks = runner.invoke(app, [*db, "networks", "--json"]).output.splitlines()
    assert [orjson.loads(n)["size"] for n in networks] == [12]

    assert runner.invoke(app, [*db, "block", "phone:+17025551000", "--note", "burner"]).exit_code == 0
    assert runner.invoke(app, [*db, "unblock", "phone:+18005550199"]).exit_code == 0
    assert runner.invoke(app, [*db, "analyze"]).exit_code == 0
    listed = runner.invoke(app, [*db, "hubs"]).output
    assert "phone:+18005550199" in listed and "phone:+17025551000" in listed and "burner" in listed

    bad = runner.invoke(app, [*db, "block", "not-an-identifier"])
    assert bad.exit_code == 2 and "KIND:VALUE" in bad.output
