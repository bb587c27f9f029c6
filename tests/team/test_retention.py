"""Retention: purge ads older than N days that no case holds, with everything that points at them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.schema import ad_versions, ads, spans
from clew.store.team import case_ads, cases
from clew.team.retention import purge


def test_purge_keeps_recent_and_case_held_ads(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ads.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "site": "velvet", "title": f"ad {i}",
                                        "body": f"call 702 555 01{i:02d} candy{i}"}) + "\n" for i in range(6)))
    ingest(store, [path])
    analyze(store, workers=1)
    now = utcnow()
    with store.transaction() as conn:
        ids = list(conn.scalars(select(ads.c.id).order_by(ads.c.id)))
        conn.execute(update(ads).where(ads.c.id.in_(ids[:4])).values(ingested_at=now - timedelta(days=40)))
        case_id = conn.execute(insert(cases).values(name="op", created_at=now)).inserted_primary_key[0]
        conn.execute(insert(case_ads).values(case_id=case_id, ad_id=ids[0], added_at=now))
    dry = purge(store, 30, dry_run=True, now=now)
    assert (dry.purged, dry.held) == (3, 1)
    with store.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ads)) == 6
    done = purge(store, 30, now=now)
    assert (done.purged, done.held) == (3, 1)
    with store.connect() as conn:
        left = set(conn.scalars(select(ads.c.id)))
        assert left == {ids[0], ids[4], ids[5]}
        assert set(conn.scalars(select(spans.c.ad_id).distinct())) <= left
        assert set(conn.scalars(select(ad_versions.c.ad_id).distinct())) <= left
    assert purge(store, 30, now=now).purged == 0
