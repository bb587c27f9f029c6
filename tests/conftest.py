"""Shared fixtures: a real store on SQLite and on PostgreSQL (from CLEW_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from clew.store import Store, resolve_url

POSTGRES_ENV = "CLEW_TEST_POSTGRES_URL"


def _postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: PostgreSQL tests must run in CI, not skip")
        return None
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A fresh PostgreSQL database for this test process, dropped at the end."""
    admin = _postgres_admin_url()
    if admin is None:
        yield None
        return
    name = f"clew_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(resolve_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = resolve_url(admin).rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _wipe(store: Store) -> None:
    """Empty a PostgreSQL test database whatever tables later migrations added."""
    with store.transaction() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'clew.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} not set")
    yield url
    with Store.open(url, upgrade=False) as store:
        _wipe(store)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'clew.db'}") as opened:
        yield opened
