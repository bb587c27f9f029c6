"""Retention: purge ads older than N days that no case holds, with a dry run that only counts.

An ad's age is the time since Clew ingested it. Its versions, spans, scores, network memberships
and search entries go with it (every table that points at an ad).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, delete, exists, select

from clew.errors import InputError
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.schema import ads, metadata
from clew.store.team import case_ads

_CHUNK = 500


@dataclass(slots=True, frozen=True)
class PurgeResult:
    cutoff: datetime
    dry_run: bool
    #: ads older than the cutoff that no case holds: deleted unless this was a dry run
    purged: int
    #: ads older than the cutoff kept because a case holds them
    held: int


def _dependents() -> list[tuple[Table, str]]:
    """Every (table, column) on the shared metadata that points at ads.id, children first."""
    found = []
    for table in reversed(metadata.sorted_tables):
        for fk in table.foreign_keys:
            if fk.column is ads.c.id and table is not case_ads:
                found.append((table, fk.parent.name))
    return found


def purge(store: Store, older_than_days: int, *, dry_run: bool = False, now: datetime | None = None) -> PurgeResult:
    """Delete (or with ``dry_run`` only count) ads ingested more than ``older_than_days`` ago."""
    if older_than_days < 1:
        raise InputError(f"--older-than {older_than_days}: give a number of days of 1 or more")
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    old = ads.c.ingested_at < cutoff
    held_by_case = exists().where(case_ads.c.ad_id == ads.c.id)
    with store.connect() as conn:
        ids = list(conn.scalars(select(ads.c.id).where(old, ~held_by_case).order_by(ads.c.id)))
        held = len(list(conn.scalars(select(ads.c.id).where(old, held_by_case))))
    if not dry_run:
        dependents = _dependents()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            with store.transaction() as conn:
                for table, column in dependents:
                    conn.execute(delete(table).where(table.c[column].in_(chunk)))
                conn.execute(delete(ads).where(ads.c.id.in_(chunk)))
    return PurgeResult(cutoff, dry_run, len(ids), held)
