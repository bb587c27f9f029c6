"""Search: location spans indexed by city, region, country and whole place name (lower-cased), so a
search filtered by place reads that place's ads from an index instead of every match's places.

Partial expression indexes over spans of kind 'location'; search writes its filters in the same
expressions (``clew.search.text``). No data changes.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: index name -> (SQLite expression, PostgreSQL expression); clew.search.text filters on the same
PLACE_INDEXES = {
    "ix_spans_place_city": ("lower(json_extract(detail, '$.city'))", "lower(detail ->> 'city')"),
    "ix_spans_place_region": ("lower(json_extract(detail, '$.region'))", "lower(detail ->> 'region')"),
    "ix_spans_place_country": ("lower(json_extract(detail, '$.country'))", "lower(detail ->> 'country')"),
    "ix_spans_place_value": ("lower(value)", "lower(value)"),
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, (lite, pg) in PLACE_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON spans ({pg if postgres else lite}, ad_id) WHERE kind = 'location'")


def downgrade() -> None:
    for name in PLACE_INDEXES:
        op.execute(f"DROP INDEX {name}")
