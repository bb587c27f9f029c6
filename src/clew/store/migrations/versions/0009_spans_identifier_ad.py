"""Search: spans indexed on (identifier_id, ad_id), so an identifier lookup reads its ads from the index alone.

The single-column ix_spans_identifier_id is a prefix of the new index and is dropped. No data changes.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_spans_identifier_id_ad_id", "spans", ["identifier_id", "ad_id"])
    op.drop_index("ix_spans_identifier_id", table_name="spans")


def downgrade() -> None:
    op.create_index("ix_spans_identifier_id", "spans", ["identifier_id"])
    op.drop_index("ix_spans_identifier_id_ad_id", table_name="spans")
