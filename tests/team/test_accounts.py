"""Accounts: argon2id passwords, lockout, sessions and tokens kept only as hashes, expiry, revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from clew.errors import AccessError, InputError
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import api_tokens, sessions, users
from clew.team import accounts

PASSWORD = "correct horse battery"


def test_passwords_are_argon2id_and_names_checked(store: Store) -> None:
    user, password = accounts.add_user(store, "ana", "analyst")
    assert len(password) >= 20
    with store.connect() as conn:
        stored = conn.scalar(select(users.c.password_hash).where(users.c.id == user.id))
    assert stored.startswith("$argon2id$") and password not in stored
    assert accounts.authenticate(store, "ana", password).name == "ana"
    for bad in ("", "a b", "<script>", "x" * 101):
        with pytest.raises(InputError):
            accounts.add_user(store, bad, "viewer", PASSWORD)
    with pytest.raises(InputError, match="exists already"):
        accounts.add_user(store, "ana", "viewer", PASSWORD)
    with pytest.raises(InputError, match="too short"):
        accounts.add_user(store, "bob", "viewer", "short")
    with pytest.raises(InputError, match="role"):
        accounts.add_user(store, "bob", "superuser", PASSWORD)


def test_lockout_after_repeated_failures_then_release(store: Store) -> None:
    accounts.add_user(store, "ana", "analyst", PASSWORD)
    now = utcnow()
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(AccessError, match="wrong password$"):
            accounts.authenticate(store, "ana", "not the password", now)
    with pytest.raises(AccessError, match="now locked"):
        accounts.authenticate(store, "ana", "not the password", now)
    with pytest.raises(AccessError, match="locked until"):
        accounts.authenticate(store, "ana", PASSWORD, now + timedelta(minutes=1))
    assert accounts.authenticate(store, "ana", PASSWORD, now + accounts.LOCKOUT + timedelta(seconds=1))
    accounts.set_active(store, "ana", False)
    with pytest.raises(AccessError, match="disabled"):
        accounts.authenticate(store, "ana", PASSWORD)
    with pytest.raises(AccessError, match="unknown user or wrong password"):
        accounts.authenticate(store, "nobody", PASSWORD)


def test_sessions_expire_end_and_are_stored_hashed(store: Store) -> None:
    user, _ = accounts.add_user(store, "ana", "viewer", PASSWORD)
    value = accounts.start_session(store, user, hours=1)
    with store.connect() as conn:
        assert conn.scalar(select(sessions.c.id_hash)) == accounts.digest(value) != value
    assert accounts.session_principal(store, value).role == "viewer"
    assert accounts.session_principal(store, value, utcnow() + timedelta(hours=1, seconds=1)) is None
    accounts.end_session(store, value)
    assert accounts.session_principal(store, value) is None
    again = accounts.start_session(store, user)
    accounts.set_role(store, "ana", "analyst")
    assert accounts.session_principal(store, again).role == "analyst"  # roles apply at once
    accounts.set_password(store, "ana", PASSWORD + "!")
    assert accounts.session_principal(store, again) is None  # a new password ends sessions


def test_tokens_hashed_scoped_expiring_revocable(store: Store) -> None:
    accounts.add_user(store, "bot", "analyst", PASSWORD)
    token, value = accounts.add_token(store, "bot", "nightly export", "read", days=1)
    with store.connect() as conn:
        assert conn.scalar(select(api_tokens.c.token_hash)) == accounts.digest(value)
    found = accounts.token_principal(store, value)
    assert (found.name, found.role, found.via, found.scope) == ("bot", "analyst", "token", "read")
    assert accounts.token_principal(store, value, utcnow() + timedelta(days=2)) is None
    assert accounts.token_principal(store, value + "x") is None
    assert accounts.revoke_token(store, token.id).revoked_at is not None
    assert accounts.token_principal(store, value) is None
    with pytest.raises(InputError, match="scope"):
        accounts.add_token(store, "bot", "x", "admin")


def test_sessions_end_when_idle_and_at_their_lifetime(store: Store) -> None:
    user, _ = accounts.add_user(store, "ida", "viewer", PASSWORD)
    value = accounts.start_session(store, user, hours=8, idle_minutes=30)
    begun = utcnow()
    # unused for 31 minutes: over
    assert accounts.session_principal(store, value, begun + timedelta(minutes=31)) is None
    # used every 20 minutes: each use moves the idle deadline on, up to the 8-hour lifetime
    value = accounts.start_session(store, user, hours=8, idle_minutes=30)
    begun = utcnow()
    for step in range(1, 24):
        at = begun + timedelta(minutes=20 * step)
        assert accounts.session_principal(store, value, at) is not None, f"ended at {20 * step} minutes"
    assert accounts.session_principal(store, value, begun + timedelta(hours=8, minutes=1)) is None
    # one use does not keep a session alive for longer than the idle limit after it
    value = accounts.start_session(store, user, hours=8, idle_minutes=30)
    begun = utcnow()
    assert accounts.session_principal(store, value, begun + timedelta(minutes=10)) is not None
    assert accounts.session_principal(store, value, begun + timedelta(minutes=39)) is not None
    assert accounts.session_principal(store, value, begun + timedelta(minutes=70)) is None
