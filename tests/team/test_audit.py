"""The audit trail: hash-chained, append-only; editing, deleting or reordering any event is found
by ``clew audit verify``, which says where."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from clew.cli import app
from clew.store import Store
from clew.team import audit


def _trail(store: Store, n: int = 6) -> None:
    for i in range(1, n + 1):
        audit.record(store, f"user{i}", "search", "/api/v1/search", address="192.0.2.7",
                     detail={"query": [["q", f"candy {i}"]], "status": 200})


def _unguard(store: Store) -> None:
    """What someone with write access to the database could do: drop the append-only triggers."""
    with store.transaction() as conn:
        if store.dialect == "postgresql":
            for trigger, table in (("audit_events_append_only", "audit_events"),
                                   ("audit_events_no_truncate", "audit_events"),
                                   ("audit_head_append_only", "audit_head")):
                conn.execute(text(f"DROP TRIGGER {trigger} ON {table}"))
        else:
            for trigger in ("audit_events_no_update", "audit_events_no_delete", "audit_head_forward",
                            "audit_head_no_delete"):
                conn.execute(text(f"DROP TRIGGER {trigger}"))


def test_an_intact_trail_verifies_and_refuses_changes(store: Store) -> None:
    _trail(store)
    verdict = audit.verify(store)
    assert verdict.ok and verdict.events == 6 and verdict.head_seq == 6
    events = list(audit.events(store))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    for statement in ("UPDATE audit_events SET actor = 'someone else' WHERE seq = 2",
                      "DELETE FROM audit_events WHERE seq = 2",
                      "UPDATE audit_head SET seq = 1"):
        with pytest.raises(DBAPIError, match="append-only"), store.transaction() as conn:
            conn.execute(text(statement))
    assert audit.verify(store).ok


TAMPERING = {
    "edit": ["UPDATE audit_events SET detail = '{\"query\": [[\"q\", \"nothing\"]]}' WHERE seq = 3"],
    "delete": ["DELETE FROM audit_events WHERE seq = 3"],
    "reorder": ["UPDATE audit_events SET seq = -3 WHERE seq = 3", "UPDATE audit_events SET seq = 3 WHERE seq = 4",
                "UPDATE audit_events SET seq = 4 WHERE seq = -3"],
    "cut the tail": ["DELETE FROM audit_events WHERE seq = 6"],
}
SAYS = {"edit": "event 3 was altered", "delete": "event 3 is missing", "reorder": "event 3 was altered or moved",
        "cut the tail": "events 6 to 6 are missing"}


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_tampering_is_found_and_located(store: Store, store_url: str, how: str) -> None:
    _trail(store)
    _unguard(store)
    with store.transaction() as conn:
        for statement in TAMPERING[how]:
            conn.execute(text(statement))
    verdict = audit.verify(store)
    assert not verdict.ok
    assert verdict.first_bad == (6 if how == "cut the tail" else 3)
    assert SAYS[how] in verdict.problems[0]
    result = CliRunner().invoke(app, ["--db", store_url, "audit", "verify"])
    assert result.exit_code == 1
    assert SAYS[how] in " ".join(result.output.split())


def test_concurrent_appends_keep_one_chain(store: Store) -> None:
    def writer(name: str) -> None:
        for i in range(8):
            audit.record(store, name, "view_ad", f"/api/v1/ads/{i}")

    threads = [threading.Thread(target=writer, args=(f"analyst{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    verdict = audit.verify(store)
    assert verdict.ok, verdict.problems
    assert verdict.events == 32


def test_a_batch_of_events_joins_the_chain_in_order(store: Store) -> None:
    """The recorder writes what queued up in one statement: the chain is the same as one by one."""
    audit.record(store, "first", "search", "/api/v1/search")
    with store.transaction() as conn:
        seqs = audit.append_many(conn, [{"actor": f"analyst{i}", "action": "view_ad", "target": f"/api/v1/ads/{i}",
                                         "detail": {"status": 200}} for i in range(5)])
        assert audit.append_many(conn, []) == []
    audit.record(store, "last", "search", "/api/v1/search")
    assert seqs == [2, 3, 4, 5, 6]
    verdict = audit.verify(store)
    assert verdict.ok and verdict.events == 7, verdict.problems
    events = list(audit.events(store))
    assert [e.actor for e in events] == ["first", *[f"analyst{i}" for i in range(5)], "last"]
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))


def test_export_keeps_the_hashes(store: Store, tmp_path: object) -> None:
    import io
    import json

    _trail(store, 3)
    out = io.StringIO()
    assert audit.export_jsonl(store, out) == 3
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[2]["prev_hash"] == rows[1]["hash"] and rows[0]["detail"]["query"] == [["q", "candy 1"]]
