"""Extraction: identifiers, the spans read from each ad, and which ads are extracted.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identifiers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
    )
    op.create_index("ux_identifiers_kind_value", "identifiers", ["kind", "value"], unique=True)
    op.create_table(
        "spans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "ad_id",
            sa.Integer,
            sa.ForeignKey("ads.id", ondelete="CASCADE", name="fk_spans_ad_id_ads"),
            nullable=False,
        ),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("extractor", sa.String(50), nullable=False),
        sa.Column("detail", sa.JSON),
        sa.Column(
            "identifier_id",
            sa.Integer,
            sa.ForeignKey("identifiers.id", name="fk_spans_identifier_id_identifiers"),
        ),
    )
    op.create_index("ix_spans_ad_id", "spans", ["ad_id"])
    op.create_index("ix_spans_identifier_id", "spans", ["identifier_id"])
    with op.batch_alter_table("ads") as batch:
        batch.add_column(sa.Column("extracted_version", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("ads") as batch:
        batch.drop_column("extracted_version")
    op.drop_table("spans")
    op.drop_table("identifiers")
