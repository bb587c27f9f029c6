"""Backups of a SQLite store in use, and restores that equal the original."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import insert

from clew.errors import InputError, StoreError
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.schema import ingests
from clew.team import audit
from clew.team.backup import backup, restore


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def test_backup_while_writing_then_restore_equals_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'clew.db'}"
    with Store.open(url) as store:
        audit.record(store, "cli:test", "backup_test")
        stop = threading.Event()

        def write() -> None:
            while not stop.is_set():
                with store.transaction() as conn:  # ten rows per transaction
                    for _ in range(10):
                        conn.execute(insert(ingests).values(started_at=utcnow(), paths="p", status="done"))

        writer = threading.Thread(target=write)
        writer.start()
        try:
            result = backup(url, tmp_path / "copy.db")
        finally:
            stop.set()
            writer.join()
    copy = _dump(tmp_path / "copy.db")
    assert len(copy["ingests"]) % 10 == 0  # one committed state, never half a transaction
    assert result.revision == Store.head_revision()
    with pytest.raises(InputError, match="exists already"):
        backup(url, tmp_path / "copy.db")
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = restore(tmp_path / "copy.db", target)
    assert restored.ads == result.ads
    assert _dump(tmp_path / "restored.db") == copy
    with Store.open(target) as again:
        assert audit.verify(again).ok
    with pytest.raises(InputError, match="--overwrite"):
        restore(tmp_path / "copy.db", target)
    with pytest.raises(InputError, match="not a Clew store"):
        (tmp_path / "other.db").write_bytes(b"")
        restore(tmp_path / "other.db", f"sqlite:///{tmp_path / 'x.db'}")


def test_postgresql_is_backed_up_with_its_own_tools() -> None:
    with pytest.raises(StoreError, match="pg_dump"):
        backup("postgresql://postgres@127.0.0.1/clew", Path("x.db"))
