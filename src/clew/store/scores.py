"""Tables of the Indicators stage (migrations 0005, 0007): indicator hits, ad and network scores, labels,
models, and reference figures kept between runs.

Defined on the shared ``clew.store.schema.metadata``. Every stored score keeps its explanation
beside it, and a fingerprint of what it was computed from, so a re-run rescores only what changed.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from clew.store.schema import metadata

#: one rulebook indicator found in one ad: where, in which words
indicator_hits = Table(
    "indicator_hits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    Column("indicator_id", String(60), nullable=False),
    Column("category", String(30), nullable=False),
    Column("field", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_indicator_hits_ad_id", "ad_id"),
    Index("ix_indicator_hits_indicator_id", "indicator_id"),
)

#: an ad's score with its explanation; ``fingerprint``: the ad text and rulebook it was read with
ad_scores = Table(
    "ad_scores",
    metadata,
    Column("ad_id", Integer, ForeignKey("ads.id", ondelete="CASCADE"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("model", String(40), nullable=False),
    Column("explanation", JSON, nullable=False, default=list),
    Column("fingerprint", String(32), nullable=False),
    Index("ix_ad_scores_score", "score"),
)

#: a network's score, the features it was computed from and its explanation
network_scores = Table(
    "network_scores",
    metadata,
    Column("network_id", String(40), primary_key=True),
    Column("score", Float, nullable=False),
    Column("model", String(40), nullable=False),
    Column("baseline", Float, nullable=False),
    Column("features", JSON, nullable=False, default=dict),
    Column("explanation", JSON, nullable=False, default=list),
    Column("fingerprint", String(32), nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_network_scores_score", "score"),
)

#: an analyst's judgement of a network, with the ads it held then (network ids move as networks grow)
labels = Table(
    "labels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(40), nullable=False),
    Column("label", String(20), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("by", String(100), nullable=False),
    Column("ad_ids", JSON, nullable=False, default=list),
    Column("created_at", DateTime, nullable=False),
    Index("ix_labels_network_id", "network_id"),
)

#: learned models: coefficients as plain JSON (never pickles), their evaluation, the active one
score_models = Table(
    "score_models",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("labels", Integer, nullable=False),
    Column("parameters", JSON, nullable=False),
    Column("metrics", JSON, nullable=False, default=dict),
    Column("active", Boolean, nullable=False, default=False),
)

#: reference figures the stage keeps between runs (e.g. cities' median prices), each with the
#: high-water mark of what it was computed from (``basis``), so it is computed again only when
#: enough has changed
score_state = Table(
    "score_state",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("basis", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
