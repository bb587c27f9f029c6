"""The audit trail: who did what, when, from where; append-only and hash-chained.

Each event's hash covers its number, its content and the hash of the event before it, so editing,
deleting or reordering any event breaks the chain at that point; :func:`verify` finds where. The
``audit_head`` row holds the newest number and hash: appends serialize on it, and a cut tail shows.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

import orjson
from sqlalchemy import Connection, insert, select, update

from clew.errors import StoreError
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import audit_events, audit_head

_log = logging.getLogger("clew.audit")
GENESIS = "0" * 64
#: the longest target and detail value kept (a search string, a path): enough to know what was asked
MAX_TEXT = 1000


@dataclass(slots=True, frozen=True)
class Event:
    seq: int
    at: datetime
    actor: str
    address: str
    action: str
    target: str
    outcome: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at.isoformat(), "actor": self.actor, "address": self.address,
                "action": self.action, "target": self.target, "outcome": self.outcome,
                "detail": self.detail, "prev_hash": self.prev_hash, "hash": self.hash}


@dataclass(slots=True)
class Verdict:
    """What :func:`verify` found: ``ok`` when every event is intact and in place."""

    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)
    first_bad: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _stamp(at: datetime) -> str:
    return at.replace(tzinfo=None).isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, seq: int, at: datetime, actor: str, address: str, action: str,
               target: str, outcome: str, detail: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and this event's canonical JSON form."""
    body = orjson.dumps([seq, _stamp(at), actor, address, action, target, outcome, detail],
                        option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + body).hexdigest()


def _clip(value: Any) -> Any:
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if isinstance(value, list | tuple):
        return [_clip(v) for v in value[:50]]
    if isinstance(value, dict):
        return {str(k)[:100]: _clip(v) for k, v in list(value.items())[:50]}
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)[:MAX_TEXT]


def append(conn: Connection, actor: str, action: str, target: str = "", *, address: str = "",
           outcome: str = "ok", detail: dict[str, Any] | None = None, at: datetime | None = None) -> int:
    """Add one event inside the caller's transaction; returns its number."""
    event = {"actor": actor, "action": action, "target": target, "address": address, "outcome": outcome,
             "detail": detail, "at": at}
    return append_many(conn, [event])[-1]


def append_many(conn: Connection, events: list[dict[str, Any]]) -> list[int]:
    """Add ``events`` (dicts of :func:`append`'s arguments) in order inside the caller's
    transaction, with one update of the head and one insert however many they are; their numbers.

    The head row is updated first, which takes the write lock (SQLite) or the row lock
    (PostgreSQL) before the previous hash is read, so concurrent appends never fork the chain.
    """
    if not events:
        return []
    head = conn.execute(
        update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq + len(events))
        .returning(audit_head.c.seq, audit_head.c.hash)
    ).first()
    if head is None:
        raise StoreError("the audit trail has no head row: the store was altered; run clew audit verify")
    last, prev = head
    rows = []
    for seq, event in enumerate(events, start=int(last) - len(events) + 1):
        at = (event.get("at") or utcnow()).replace(tzinfo=None)
        detail = _clip(event.get("detail") or {})
        target, address = _clip(event.get("target", "")), str(event.get("address", ""))[:100]
        actor, action, outcome = str(event["actor"])[:100], event["action"], event.get("outcome", "ok")
        digest = chain_hash(prev, seq, at, actor, address, action, target, outcome, detail)
        rows.append({"seq": seq, "at": at, "actor": actor, "address": address, "action": action, "target": target,
                     "outcome": outcome, "detail": detail, "prev_hash": prev, "hash": digest})
        prev = digest
    conn.execute(insert(audit_events), rows)
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(hash=prev))
    return [row["seq"] for row in rows]


def record(store: Store, actor: str, action: str, target: str = "", *, address: str = "",
           outcome: str = "ok", detail: dict[str, Any] | None = None) -> int:
    """Add one event in its own transaction; returns its number."""
    with store.transaction() as conn:
        return append(conn, actor, action, target, address=address, outcome=outcome, detail=detail)


def _event(row: Any) -> Event:
    return Event(row.seq, row.at, row.actor, row.address, row.action, row.target, row.outcome,
                 dict(row.detail or {}), row.prev_hash, row.hash)


def events(store: Store, *, after: int = 0, limit: int | None = None, actor: str | None = None,
           action: str | None = None) -> Iterator[Event]:
    """Events in order, from number ``after + 1``; optionally one actor's or one action's."""
    stmt = select(audit_events).where(audit_events.c.seq > after).order_by(audit_events.c.seq)
    if actor:
        stmt = stmt.where(audit_events.c.actor == actor)
    if action:
        stmt = stmt.where(audit_events.c.action == action)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(stmt):
            yield _event(row)


def export_jsonl(store: Store, out: IO[str], **filters: Any) -> int:
    """Write every event (with its hashes, so the copy can be checked too) as JSON lines."""
    count = 0
    for ev in events(store, **filters):
        out.write(orjson.dumps(ev.as_dict()).decode() + "\n")
        count += 1
    return count


def verify(store: Store, *, max_problems: int = 20) -> Verdict:
    """Walk the chain from the first event; name every event that was altered, removed or moved."""
    verdict = Verdict()

    def problem(seq: int, text: str) -> None:
        if verdict.first_bad is None:
            verdict.first_bad = seq
        if len(verdict.problems) < max_problems:
            verdict.problems.append(text)

    expected_seq, prev = 1, GENESIS
    for ev in events(store):
        verdict.events += 1
        if ev.seq != expected_seq:
            gap = (f"event {expected_seq} is missing" if ev.seq == expected_seq + 1
                   else f"events {expected_seq} to {ev.seq - 1} are missing")
            problem(expected_seq, f"{gap}: event {ev.seq} follows event {expected_seq - 1} (deleted events)")
        own = chain_hash(ev.prev_hash, ev.seq, ev.at, ev.actor, ev.address, ev.action, ev.target,
                         ev.outcome, ev.detail)
        if own != ev.hash:
            problem(ev.seq, f"event {ev.seq} was altered or moved: its content does not match its hash "
                            f"({ev.action} by {ev.actor} at {_stamp(ev.at)})")
        elif ev.prev_hash != prev and ev.seq == expected_seq:
            problem(ev.seq, f"event {ev.seq} does not follow event {ev.seq - 1}: the chain was rewritten "
                            "or events were reordered or replaced here")
        expected_seq, prev = ev.seq + 1, ev.hash
    with store.connect() as conn:
        head = conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    if head is None:
        problem(expected_seq, "the audit head row is missing: the store was altered")
    else:
        verdict.head_seq, verdict.head_hash = int(head.seq), head.hash
        if head.seq != expected_seq - 1:
            problem(expected_seq, f"the trail ends at event {expected_seq - 1} but {head.seq} were written: "
                                  f"events {expected_seq} to {head.seq} are missing (cut from the end)"
                    if head.seq > expected_seq - 1 else
                    f"the trail holds events past the last one written ({head.seq}): events were added "
                    "outside Clew")
        elif head.hash != prev:
            problem(head.seq, f"event {head.seq} is not the last one written: the chain's end was replaced")
    return verdict


class Recorder:
    """Appends events from a server's requests on one background thread, many per transaction.

    A request hands its event over and goes on: it never waits for the store's write lock (on
    SQLite an ingest can hold it for seconds) and never holds a connection while waiting. Events
    that cannot be written yet are retried, never dropped; :meth:`close` writes what is left.
    """

    def __init__(self, store: Store, *, batch: int = 500) -> None:
        self.store = store
        self._batch = batch
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def record(self, actor: str, action: str, target: str = "", *, address: str = "", outcome: str = "ok",
               detail: dict[str, Any] | None = None) -> threading.Event:
        """Hand an event over; the returned event is set once it is written (wait on it to know)."""
        written = threading.Event()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="clew-audit", daemon=True)
                self._thread.start()
            self._idle.clear()
            self._queue.put({"actor": actor, "action": action, "target": target, "address": address,
                             "outcome": outcome, "detail": detail, "at": utcnow(), "written": written})
        return written

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            pending = [first]
            while len(pending) < self._batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._write(pending)
                    return
                pending.append(item)
            self._write(pending)
            if self._queue.empty():
                self._idle.set()

    def _write(self, pending: list[dict[str, Any]]) -> None:
        while True:
            try:
                with self.store.transaction() as conn:
                    append_many(conn, pending)
                for event in pending:
                    event["written"].set()
                return
            except Exception:  # noqa: BLE001 - the store is busy or away: keep the events, try again
                _log.exception("could not write %d audit events yet; retrying", len(pending))
                time.sleep(1.0)

    def flush(self, timeout: float = 60.0) -> bool:
        """Wait until every event handed over so far is written; False if ``timeout`` ran out."""
        return self._idle.wait(timeout)

    def close(self, timeout: float = 60.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)
            self._idle.set()
