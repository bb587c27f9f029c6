"""The store's tables, as SQLAlchemy Core metadata; migrations under ``migrations/`` create them.

One table per record kind of ``clew.model``. Types are portable: the same schema runs on SQLite
(the embedded default) and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingests = Table(
    "ingests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("source", String(200)),
    Column("paths", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False, default="running"),
    Column("read", Integer, nullable=False, default=0),
    Column("new", Integer, nullable=False, default=0),
    Column("versions", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
)

ads = Table(
    "ads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("source_id", String(500)),
    Column("site", String(255)),
    Column("url", Text),
    Column("title", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("posted_at", DateTime),
    Column("location", Text),
    Column("images", JSON, nullable=False, default=list),
    # the record exactly as read (bytes), and its SHA-256: the tamper-evident copy
    Column("raw", LargeBinary, nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    # hash of normalized url + title + body: the same ad seen again adds nothing
    Column("content_key", String(32), nullable=False),
    Column("origin", Text),
    Column("ingest_id", Integer, ForeignKey("ingests.id")),
    Column("ingested_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    # which extraction pass last read this ad's current text (NULL: never)
    Column("extracted_version", Integer),
    Index("ux_ads_source_source_id", "source", "source_id", unique=True),
    Index("ux_ads_content_key", "content_key", unique=True),
)

ad_versions = Table(
    "ad_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("url", Text),
    Column("title", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("posted_at", DateTime),
    Column("location", Text),
    Column("images", JSON, nullable=False, default=list),
    Column("raw", LargeBinary, nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("content_key", String(32), nullable=False),
    Column("origin", Text),
    Column("ingest_id", Integer, ForeignKey("ingests.id")),
    Column("ingested_at", DateTime, nullable=False),
    Index("ix_ad_versions_ad_id", "ad_id"),
    Index("ix_ad_versions_content_key", "content_key"),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ingest_id", Integer, ForeignKey("ingests.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("excerpt", Text, nullable=False, default=""),
    Index("ix_rejects_ingest_id", "ingest_id"),
)

identifiers = Table(
    "identifiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("value", String(500), nullable=False),
    Index("ux_identifiers_kind_value", "kind", "value", unique=True),
)

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor", String(50), nullable=False),
    Column("detail", JSON),
    Column("identifier_id", Integer, ForeignKey("identifiers.id")),
    Index("ix_spans_ad_id", "ad_id"),
    # covering: the ads naming an identifier (and how many) are read from the index alone (migration 0009)
    Index("ix_spans_identifier_id_ad_id", "identifier_id", "ad_id"),
)
