"""Tables of the team server (migration 0006): accounts, sessions, API tokens, cases and their
members, and the hash-chained audit trail.

Defined on the shared ``clew.store.schema.metadata``. Secrets are never stored: sessions and tokens
are kept as SHA-256 digests of random values, passwords as argon2id hashes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from clew.store.schema import metadata

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime),
    Column("last_login_at", DateTime),
    Index("ux_users_name", "name", unique=True),
)

sessions = Table(
    "sessions",
    metadata,
    # SHA-256 of the cookie's random value: a stolen database holds no usable session
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("address", String(100)),
    Index("ix_sessions_user_id", "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("scope", String(10), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime),
    Column("revoked_at", DateTime),
    Index("ux_api_tokens_token_hash", "token_hash", unique=True),
    Index("ix_api_tokens_user_id", "user_id"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", Integer, ForeignKey("users.id")),
)

#: who may see a case (besides admins): the casework issue builds on this
case_members = Table(
    "case_members",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", DateTime, nullable=False),
    Index("ix_case_members_user_id", "user_id"),
)

#: ads a case holds: retention never purges them
case_ads = Table(
    "case_ads",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", DateTime, nullable=False),
    Index("ix_case_ads_ad_id", "ad_id"),
)

#: the audit trail: append-only (triggers refuse UPDATE and DELETE), each event hashed with the one before
audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("address", String(100), nullable=False, default=""),
    Column("action", String(50), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("outcome", String(20), nullable=False, default="ok"),
    Column("detail", JSON, nullable=False, default=dict),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_events_actor", "actor"),
    Index("ix_audit_events_at", "at"),
)

#: one row: the newest event's number and hash, so appends serialize and a cut tail is seen
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
