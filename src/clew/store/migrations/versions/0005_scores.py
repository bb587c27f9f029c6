"""Indicators: indicator hits per ad, ad and network scores with explanations, analysts' labels, models.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _ad_fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey("ads.id", ondelete="CASCADE", name=f"fk_{table}_ad_id_ads")


def upgrade() -> None:
    op.create_table(
        "indicator_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ad_id", sa.Integer, _ad_fk("indicator_hits"), nullable=False),
        sa.Column("indicator_id", sa.String(60), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_indicator_hits_ad_id", "indicator_hits", ["ad_id"])
    op.create_index("ix_indicator_hits_indicator_id", "indicator_hits", ["indicator_id"])
    op.create_table(
        "ad_scores",
        sa.Column("ad_id", sa.Integer, _ad_fk("ad_scores"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("explanation", sa.JSON, nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
    )
    op.create_index("ix_ad_scores_score", "ad_scores", ["score"])
    op.create_table(
        "network_scores",
        sa.Column("network_id", sa.String(40), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("baseline", sa.Float, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("explanation", sa.JSON, nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_network_scores_score", "network_scores", ["score"])
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(40), nullable=False),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("ad_ids", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_labels_network_id", "labels", ["network_id"])
    op.create_table(
        "score_models",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("labels", sa.Integer, nullable=False),
        sa.Column("parameters", sa.JSON, nullable=False),
        sa.Column("metrics", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in ("score_models", "labels", "network_scores", "ad_scores", "indicator_hits"):
        op.drop_table(table)
