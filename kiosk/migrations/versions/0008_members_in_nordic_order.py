"""the members table pages in Nordic order by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 19:40:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # æ, ø, å sort after z as a Nordic reader expects; the expression must stay word for word
    # the ORDER BY of kiosk.member_list for SQLite to walk this index instead of sorting.
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_member_nordic_name ON member"
        " (replace(replace(replace(name_key, 'æ', '{'), 'ø', '|'), 'å', '}'), id)"
        " WHERE name_key IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_member_nordic_name")
