"""Ads, their earlier versions, ingest runs and rejected records.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("source", sa.String(200)),
        sa.Column("paths", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("read", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("versions", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
    )
    op.create_table(
        "ads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("source_id", sa.String(500)),
        sa.Column("site", sa.String(255)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("posted_at", sa.DateTime),
        sa.Column("location", sa.Text),
        sa.Column("images", sa.JSON, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("content_key", sa.String(32), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("ingest_id", sa.Integer, sa.ForeignKey("ingests.id", name="fk_ads_ingest_id_ingests")),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ux_ads_source_source_id", "ads", ["source", "source_id"], unique=True)
    op.create_index("ux_ads_content_key", "ads", ["content_key"], unique=True)
    op.create_table(
        "ad_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "ad_id",
            sa.Integer,
            sa.ForeignKey("ads.id", ondelete="CASCADE", name="fk_ad_versions_ad_id_ads"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("posted_at", sa.DateTime),
        sa.Column("location", sa.Text),
        sa.Column("images", sa.JSON, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("content_key", sa.String(32), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column(
            "ingest_id", sa.Integer, sa.ForeignKey("ingests.id", name="fk_ad_versions_ingest_id_ingests")
        ),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_ad_versions_ad_id", "ad_versions", ["ad_id"])
    op.create_index("ix_ad_versions_content_key", "ad_versions", ["content_key"])
    op.create_table(
        "rejects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "ingest_id",
            sa.Integer,
            sa.ForeignKey("ingests.id", name="fk_rejects_ingest_id_ingests"),
            nullable=False,
        ),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
    )
    op.create_index("ix_rejects_ingest_id", "rejects", ["ingest_id"])


def downgrade() -> None:
    op.drop_table("rejects")
    op.drop_table("ad_versions")
    op.drop_table("ads")
    op.drop_table("ingests")
