"""Accounts of a team server: users with a role, argon2id passwords, login sessions, API tokens.

Sessions and tokens are random values handed out once; the store keeps only their SHA-256, so a
copy of the database opens no session. Repeated wrong passwords lock an account for a while.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, insert, select, update

from clew.errors import AccessError, InputError, NotFound
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import api_tokens, sessions, users

#: least to most power: a viewer reads, an analyst also labels and exports, an admin also administers
ROLES = ("viewer", "analyst", "admin")
SCOPES = ("read", "write")
MIN_PASSWORD = 12
#: wrong passwords in a row that lock an account, and for how long
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_HOURS = 8.0
#: a session unused this long ends (the FBI CJIS Security Policy's session lock: 30 minutes at most)
SESSION_IDLE_MINUTES = 30.0
#: a session's idle deadline is moved on at most this often (one write a minute, not one a request)
_SESSION_REFRESH = timedelta(minutes=1)
TOKEN_PREFIX = "clew_"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
# RFC 9106's second recommended profile (64 MiB, 3 passes): argon2-cffi's default, argon2id
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(slots=True, frozen=True)
class User:
    id: int
    name: str
    role: str
    active: bool
    created_at: datetime
    locked_until: datetime | None
    last_login_at: datetime | None


@dataclass(slots=True, frozen=True)
class Principal:
    """Who a request acts for: a user through a session or token, the local analyst, or nobody.

    ``via`` is "session", "token", "local" or "anonymous"; ``scope`` is what a token allows.
    ``session`` is the stored digest of the session, to which CSRF tokens are bound.
    """

    name: str
    role: str | None
    via: str
    scope: str = "write"
    user_id: int | None = None
    session: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.via != "anonymous"


ANONYMOUS = Principal("anonymous", None, "anonymous", scope="read")
#: the one analyst of a laptop store without accounts (local mode): their own data, every power
LOCAL = Principal("local", "admin", "local")


@dataclass(slots=True, frozen=True)
class Token:
    id: int
    user: str
    name: str
    scope: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


def digest(secret: str) -> str:
    """SHA-256 of a session or token value: what the store keeps instead of the value."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InputError(
            f"user name {name!r}: use 1-100 letters, digits and . _ @ - (starting with a letter or digit)"
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    return password


def new_password() -> str:
    """A random password of 20 URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)


def _user(row: object) -> User:
    return User(row.id, row.name, row.role, bool(row.active), row.created_at,  # type: ignore[attr-defined]
                row.locked_until, row.last_login_at)  # type: ignore[attr-defined]


def add_user(store: Store, name: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Create an account; returns it and its password (a new random one when none is given)."""
    _check_name(name)
    _check_role(role)
    password = _check_password(password) if password is not None else new_password()
    with store.transaction() as conn:
        if conn.scalar(select(users.c.id).where(users.c.name == name)) is not None:
            raise InputError(f"a user named {name!r} exists already: choose another name")
        conn.execute(insert(users).values(
            name=name, role=role, password_hash=_hasher.hash(password), active=True,
            created_at=utcnow(), failed_logins=0,
        ))
    return get_user(store, name), password


def get_user(store: Store, name: str) -> User:
    with store.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"no user named {name!r}: see clew users list")
    return _user(row)


def list_users(store: Store) -> list[User]:
    with store.connect() as conn:
        return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def _set(store: Store, name: str, **values: object) -> User:
    with store.transaction() as conn:
        done = conn.execute(update(users).where(users.c.name == name).values(**values)).rowcount
    if not done:
        raise NotFound(f"no user named {name!r}: see clew users list")
    return get_user(store, name)


def set_active(store: Store, name: str, active: bool) -> User:
    """Disable (or enable again) an account; disabling ends its sessions at once."""
    user = _set(store, name, active=active, **({} if active else {"failed_logins": 0}))
    if not active:
        with store.transaction() as conn:
            conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
    return user


def set_role(store: Store, name: str, role: str) -> User:
    return _set(store, name, role=_check_role(role))


def set_password(store: Store, name: str, password: str) -> User:
    """A new password; the account's sessions end and its lockout is lifted."""
    user = _set(store, name, password_hash=_hasher.hash(_check_password(password)), failed_logins=0,
                locked_until=None)
    with store.transaction() as conn:
        conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
    return user


def has_users(store: Store) -> bool:
    """True once any account exists: the server then asks everyone to sign in (team mode)."""
    with store.connect() as conn:
        return conn.scalar(select(users.c.id).limit(1)) is not None


def count_admins(store: Store) -> int:
    with store.connect() as conn:
        return conn.scalar(select(func.count()).select_from(users).where(
            users.c.role == "admin", users.c.active.is_(True))) or 0


def authenticate(store: Store, name: str, password: str, now: datetime | None = None) -> User:
    """The account ``name`` if ``password`` is its password; else :class:`AccessError` saying why.

    After ``MAX_FAILURES`` wrong passwords in a row the account is locked for ``LOCKOUT``: while
    locked even the right password is refused. Unknown names cost the same hashing time as known ones.
    """
    now = now or utcnow()
    refusal = None
    # the failure count is committed before the refusal is raised (an exception would roll it back)
    with store.transaction() as conn:
        row = conn.execute(select(users).where(users.c.name == name).with_for_update()).first()
        if row is None:
            _verify(_DUMMY_HASH, password)
            refusal = "unknown user or wrong password"
        elif row.locked_until is not None and row.locked_until > now:
            refusal = f"account locked until {row.locked_until:%Y-%m-%d %H:%M} UTC after repeated failures"
        elif not _verify(row.password_hash, password):
            failures = (row.failed_logins or 0) + 1
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            conn.execute(update(users).where(users.c.id == row.id).values(
                failed_logins=0 if locked else failures, locked_until=locked))
            refusal = "unknown user or wrong password" + (
                f"; the account is now locked for {int(LOCKOUT.total_seconds() // 60)} minutes" if locked else "")
        elif not row.active:
            refusal = "this account is disabled: ask an admin"
        else:
            values: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
            if _hasher.check_needs_rehash(row.password_hash):
                values["password_hash"] = _hasher.hash(password)
            conn.execute(update(users).where(users.c.id == row.id).values(**values))
    if refusal is not None:
        raise AccessError(refusal)
    return get_user(store, name)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


# -- sessions ---------------------------------------------------------------------------------


def start_session(store: Store, user: User, address: str = "", hours: float = SESSION_HOURS,
                  idle_minutes: float = SESSION_IDLE_MINUTES) -> str:
    """A new login session for ``user``; returns the cookie value (shown once, stored hashed).

    The session ends ``idle_minutes`` after its last use, and ``hours`` after it began at the latest.
    """
    value = secrets.token_urlsafe(32)
    now = utcnow()
    with store.transaction() as conn:
        conn.execute(sessions.delete().where(sessions.c.expires_at <= now))
        conn.execute(insert(sessions).values(
            id_hash=digest(value), user_id=user.id, created_at=now,
            expires_at=now + min(timedelta(hours=hours), timedelta(minutes=idle_minutes)), address=address[:100],
        ))
    return value


def session_principal(store: Store, value: str, now: datetime | None = None, *, hours: float = SESSION_HOURS,
                      idle_minutes: float = SESSION_IDLE_MINUTES) -> Principal | None:
    """Who the session cookie ``value`` signs in, or None (unknown, expired, idle too long, or
    account disabled).

    ``expires_at`` holds the session's idle deadline: each use moves it to ``idle_minutes`` from
    now (at most once a minute), never past ``hours`` after the session began.
    """
    now = now or utcnow()
    key = digest(value)
    with store.connect() as conn:
        row = conn.execute(
            select(users.c.id, users.c.name, users.c.role, users.c.active, sessions.c.created_at,
                   sessions.c.expires_at)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.id_hash == key)
        ).first()
    if row is None or not row.active or row.expires_at <= now:
        return None
    deadline = min(row.created_at + timedelta(hours=hours), now + timedelta(minutes=idle_minutes))
    if deadline - row.expires_at >= _SESSION_REFRESH:
        with store.transaction() as conn:
            conn.execute(update(sessions).where(sessions.c.id_hash == key, sessions.c.expires_at > now)
                         .values(expires_at=deadline))
    return Principal(row.name, row.role, "session", "write", row.id, key)


def end_session(store: Store, value_or_digest: str) -> None:
    """Log out: the session is deleted, its cookie opens nothing any more."""
    key = value_or_digest if len(value_or_digest) == 64 and value_or_digest.isalnum() else digest(value_or_digest)
    with store.transaction() as conn:
        conn.execute(sessions.delete().where(sessions.c.id_hash == key))


# -- API tokens -------------------------------------------------------------------------------


def _token(row: object) -> Token:
    return Token(row.id, row.user, row.name, row.scope, row.created_at,  # type: ignore[attr-defined]
                 row.expires_at, row.revoked_at)  # type: ignore[attr-defined]


def add_token(store: Store, user_name: str, name: str, scope: str = "read",
              days: int | None = None) -> tuple[Token, str]:
    """A token for scripts acting as ``user_name``; returns it and its value (shown only now)."""
    if scope not in SCOPES:
        raise InputError(f"scope {scope!r}: choose read or write")
    if not name or len(name) > 100:
        raise InputError("name the token (1-100 characters), e.g. after the script that uses it")
    user = get_user(store, user_name)
    value = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    with store.transaction() as conn:
        token_id = conn.execute(insert(api_tokens).values(
            user_id=user.id, name=name, scope=scope, token_hash=digest(value), created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )).inserted_primary_key[0]
    return next(t for t in list_tokens(store) if t.id == token_id), value


def _token_rows(conn: Connection) -> list[Token]:
    return [_token(r) for r in conn.execute(
        select(api_tokens.c.id, users.c.name.label("user"), api_tokens.c.name, api_tokens.c.scope,
               api_tokens.c.created_at, api_tokens.c.expires_at, api_tokens.c.revoked_at)
        .join(users, users.c.id == api_tokens.c.user_id).order_by(api_tokens.c.id))]


def list_tokens(store: Store) -> list[Token]:
    with store.connect() as conn:
        return _token_rows(conn)


def revoke_token(store: Store, token_id: int) -> Token:
    """Revoke a token: it opens nothing from now on (revoking twice changes nothing)."""
    with store.transaction() as conn:
        conn.execute(update(api_tokens).where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                     .values(revoked_at=utcnow()))
        found = [t for t in _token_rows(conn) if t.id == token_id]
    if not found:
        raise NotFound(f"no token {token_id}: see clew tokens list")
    return found[0]


def token_principal(store: Store, value: str, now: datetime | None = None) -> Principal | None:
    """Who the bearer token ``value`` acts for (its user, limited to its scope), or None."""
    if not value.startswith(TOKEN_PREFIX):
        return None
    now = now or utcnow()
    with store.connect() as conn:
        row = conn.execute(
            select(users.c.id, users.c.name, users.c.role, users.c.active, api_tokens.c.scope,
                   api_tokens.c.expires_at, api_tokens.c.revoked_at)
            .join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where(api_tokens.c.token_hash == digest(value))
        ).first()
    if row is None or not row.active or row.revoked_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    return Principal(row.name, row.role, "token", row.scope, row.id)
