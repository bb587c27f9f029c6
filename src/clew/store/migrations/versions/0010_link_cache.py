"""Networks: link_cache keeps what linking worked out (shingle counts, LSH band keys, verified text pairs),
so ads added since the last run are linked by lookups instead of reading every ad's evidence again.

A cache only: dropping its rows costs one full run. No data changes.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_cache",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_cache")
