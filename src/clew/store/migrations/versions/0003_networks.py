"""Networks: evidence edges, networks and members, templates, identifier rules, text and image features.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _ad_fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey("ads.id", ondelete="CASCADE", name=f"fk_{table}_ad_id_ads")


def upgrade() -> None:
    op.create_table(
        "identifier_rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.Column("rule", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ux_identifier_rules_kind_value", "identifier_rules", ["kind", "value"], unique=True)
    op.create_table(
        "identifier_hubs",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(500), primary_key=True),
        sa.Column("ads", sa.Integer, nullable=False),
        sa.Column("groups", sa.Integer, nullable=False),
    )
    op.create_table(
        "networks",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime),
        sa.Column("last_seen", sa.DateTime),
        sa.Column("identifiers", sa.JSON, nullable=False),
        sa.Column("cities", sa.JSON, nullable=False),
        sa.Column("templates", sa.JSON, nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_networks_size", "networks", ["size"])
    op.create_table(
        "network_members",
        sa.Column("ad_id", sa.Integer, _ad_fk("network_members"), primary_key=True),
        sa.Column("network_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_network_members_network_id", "network_members", ["network_id"])
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(40), nullable=False),
        sa.Column("ad_a", sa.Integer, nullable=False),
        sa.Column("ad_b", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
    )
    op.create_index("ix_links_network_id", "links", ["network_id"])
    op.create_index("ix_links_ad_a", "links", ["ad_a"])
    op.create_index("ix_links_ad_b", "links", ["ad_b"])
    op.create_table(
        "templates",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("network_id", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_index("ix_templates_network_id", "templates", ["network_id"])
    op.create_table(
        "template_members",
        sa.Column("ad_id", sa.Integer, _ad_fk("template_members"), primary_key=True),
        sa.Column("template_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_template_members_template_id", "template_members", ["template_id"])
    op.create_table(
        "text_features",
        sa.Column("ad_id", sa.Integer, _ad_fk("text_features"), primary_key=True),
        sa.Column("content_key", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("shingles", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "image_hashes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ad_id", sa.Integer, _ad_fk("image_hashes"), nullable=False),
        sa.Column("image", sa.Text, nullable=False),
        sa.Column("phash", sa.String(16), nullable=False),
        sa.Column("dhash", sa.String(16), nullable=False),
    )
    op.create_index("ix_image_hashes_ad_id", "image_hashes", ["ad_id"])
    op.create_table(
        "image_scans",
        sa.Column("ad_id", sa.Integer, _ad_fk("image_scans"), primary_key=True),
        sa.Column("content_key", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for table in ("image_scans", "image_hashes", "text_features", "template_members", "templates",
                  "links", "network_members", "networks", "identifier_hubs", "identifier_rules"):
        op.drop_table(table)
