"""Scores: reference figures the scoring stage keeps between runs (cities' median prices).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_state",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("basis", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("score_state")
