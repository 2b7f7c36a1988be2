"""report indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00.000000

Covering indexes for kiosk.reports: the organisation's and a shop's events by time (with the
kind and member a visit count needs, and org_id so a report never reads another tenant's
rows), and a small partial index of reversals by time.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_REVERSALS = sa.text("reverses IS NOT NULL")


def upgrade() -> None:
    op.create_index('ix_event_org_shop_ts', 'event',
                    ['org_id', 'shop_id', 'ts', 'kind', 'member_id'], unique=False)
    op.create_index('ix_event_org_ts', 'event', ['org_id', 'ts', 'kind', 'member_id'],
                    unique=False)
    op.create_index('ix_event_reversal_ts', 'event', ['ts', 'reverses'], unique=False,
                    sqlite_where=_REVERSALS, postgresql_where=_REVERSALS)


def downgrade() -> None:
    op.drop_index('ix_event_reversal_ts', table_name='event')
    op.drop_index('ix_event_org_ts', table_name='event')
    op.drop_index('ix_event_org_shop_ts', table_name='event')
