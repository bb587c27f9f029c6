"""Search: a full-text index kept in step with ads, and indexes for date order and partial phones.

SQLite: an external-content FTS5 table ``ads_fts`` over ads' title and body; new ads enter it in
bulk (``clew.search.sync``), triggers keep indexed ads right when their text changes or they go.
PostgreSQL: a generated ``search_vector`` column with a GIN index. Both cut text into the same
words (letters and digits; punctuation separates), so a query finds the same ads.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# what the index reads of an ad; capped so an absurd ad cannot overflow a tsvector (1 MB)
_PG_TEXT = (
    "left(translate(coalesce(title, '') || ' clewfieldbreak ' || coalesce(body, ''), "
    f"'{_PUNCT.replace(chr(39), chr(39) * 2)}', '{' ' * len(_PUNCT)}'), 400000)"
)
# the break word, deleted again, leaves a gap in positions: no phrase runs from title into body
# (as in FTS5, where they are separate columns)
_PG_VECTOR = f"ts_delete(to_tsvector('simple'::regconfig, {_PG_TEXT}), 'clewfieldbreak'::text)"

# New ads are indexed in bulk by clew.search.sync (ingest never waits on the index); these
# triggers keep the ads already indexed right. FTS5 must be told to delete only what it holds:
# an ad is indexed exactly when the index's docsize table has its id.
_INDEXED = "EXISTS (SELECT 1 FROM ads_fts_docsize WHERE id = old.id)"
_SQLITE = [
    "CREATE VIRTUAL TABLE ads_fts USING fts5(title, body, content='ads', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER ads_fts_delete AFTER DELETE ON ads WHEN {_INDEXED} BEGIN"
    " INSERT INTO ads_fts(ads_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    f"CREATE TRIGGER ads_fts_update AFTER UPDATE OF title, body ON ads WHEN {_INDEXED} BEGIN"
    " INSERT INTO ads_fts(ads_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO ads_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO ads_fts(ads_fts) VALUES ('rebuild')",
    "CREATE INDEX ix_identifiers_phone_tail ON identifiers (substr(value, -7)) WHERE kind = 'phone'",
]

_POSTGRESQL = [
    f"ALTER TABLE ads ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({_PG_VECTOR}) STORED",
    "CREATE INDEX ix_ads_search_vector ON ads USING gin (search_vector)",
    "CREATE INDEX ix_identifiers_phone_tail ON identifiers (right(value, 7)) WHERE kind = 'phone'",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _POSTGRESQL:
        op.execute(statement)
    op.execute("CREATE INDEX ix_ads_posted_at_id ON ads (posted_at, id)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_ads_posted_at_id")
    op.execute("DROP INDEX ix_identifiers_phone_tail")
    if op.get_bind().dialect.name == "sqlite":
        # ads_fts_insert: stores made before new ads were indexed in bulk still have it
        for trigger in ("ads_fts_insert", "ads_fts_delete", "ads_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE ads_fts")
    else:
        op.execute("DROP INDEX ix_ads_search_vector")
        op.execute("ALTER TABLE ads DROP COLUMN search_vector")
