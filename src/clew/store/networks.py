"""Tables of the Networks stage (migrations 0003, 0008, 0010): networks, members, evidence edges, templates, rules.

Defined on the shared ``clew.store.schema.metadata``; per-ad text shingles and image hashes are
kept so a re-run reads only what is new.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from clew.store.schema import metadata

#: analyst overrides: an identifier always blocked from linking, or always allowed to link
identifier_rules = Table(
    "identifier_rules",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("value", String(500), nullable=False),
    Column("rule", String(10), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Index("ux_identifier_rules_kind_value", "kind", "value", unique=True),
)

#: identifiers the last run held back as hubs, with the figures that made them hubs
identifier_hubs = Table(
    "identifier_hubs",
    metadata,
    Column("kind", String(20), primary_key=True),
    Column("value", String(500), primary_key=True),
    Column("ads", Integer, nullable=False),
    Column("groups", Integer, nullable=False),
)

networks = Table(
    "networks",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
    Column("identifiers", JSON, nullable=False, default=list),
    Column("cities", JSON, nullable=False, default=list),
    Column("templates", JSON, nullable=False, default=list),
    # digest of members, evidence and changed text: a re-run rewrites only networks whose digest moved
    Column("fingerprint", String(32), nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_networks_size", "size"),
)

network_members = Table(
    "network_members",
    metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("network_id", String(40), nullable=False),
    Index("ix_network_members_network_id", "network_id"),
)

#: evidence edges between two ads of one network, each with the reason an analyst reads
links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(40), nullable=False),
    Column("ad_a", Integer, nullable=False),
    Column("ad_b", Integer, nullable=False),
    Column("reason", String(30), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("weight", Float, nullable=False),
    Index("ix_links_network_id", "network_id"),
    Index("ix_links_ad_a", "ad_a"),
    Index("ix_links_ad_b", "ad_b"),
)

#: a group of near-duplicate ads; its wording and slots are read from its members when explained
templates = Table(
    "templates",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("network_id", String(40), nullable=False),
    Column("size", Integer, nullable=False),
    Index("ix_templates_network_id", "network_id"),
)

template_members = Table(
    "template_members",
    metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("template_id", String(40), nullable=False),
    Index("ix_template_members_template_id", "template_id"),
)

#: per ad: hashed word shingles of its masked text (uint32, little-endian), computed once
text_features = Table(
    "text_features",
    metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("content_key", String(32), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("shingles", LargeBinary, nullable=False),
)

#: per ad image: perceptual hashes (hex), computed once
image_hashes = Table(
    "image_hashes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("image", Text, nullable=False),
    Column("phash", String(16), nullable=False),
    Column("dhash", String(16), nullable=False),
    Index("ix_image_hashes_ad_id", "ad_id"),
)

#: which ads the image step has read (so ads without readable images are not read again)
image_scans = Table(
    "image_scans",
    metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("content_key", String(32), nullable=False),
)


#: what the last link run read: a digest of its inputs and its summary (migration 0008)
link_state = Table(
    "link_state",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("inputs", String(64), nullable=False),
    Column("summary", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

#: what linking worked out, kept so the next run reads only what is new (migration 0010): named arrays
link_cache = Table(
    "link_cache",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Insert plain rows (ints, strings, floats, bytes; in ``columns`` order) through the driver at once.

    Millions of member and link rows are written per run: this skips per-row statement compilation.
    """
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join([mark] * len(columns))})'
    conn.exec_driver_sql(sql, list(rows))
