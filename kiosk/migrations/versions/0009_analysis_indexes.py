"""indexes for the manager's analyses

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:00:00

Cohorts and reward response (kiosk.analytics_days) read registrations, coupon issues and
redemptions, about a tenth of a till's events: a partial index holds just those, with every
column the analyses read, so a year of them is one walk of a small index instead of a row
read per event from all over the file. The months' index of member_day gains the day (and its
own new_month), so the cohort table's "came back by the last day" is read from the index alone. Indexes are written
by SQLite in the ledger's own transaction and built from the events here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Word for word kiosk.analytics_days.OFFERS_WHERE: SQLite uses a partial index only for the
# queries that state its condition.
_OFFERS = sa.text("kind IN ('member_registered', 'coupon_issued', 'redeem', 'coupon_used')")
_NEW_MONTH = sa.text("new_month = 1")


def upgrade() -> None:
    op.create_index('ix_event_offers', 'event',
                    ['org_id', 'kind', 'ts', 'shop_id', 'member_id', 'id', 'reward_id',
                     'coupon_id'], unique=False,
                    sqlite_where=_OFFERS, postgresql_where=_OFFERS)
    op.drop_index('ix_member_day_new_month', table_name='member_day')
    # new_month rides along too: SQLite (3.40) reads a column its query names from the row,
    # even one the index's own condition fixes.
    op.create_index('ix_member_day_new_month', 'member_day',
                    ['org_id', 'shop_id', 'member_id', 'month', 'day', 'new_month'],
                    unique=False,
                    sqlite_where=_NEW_MONTH, postgresql_where=_NEW_MONTH)


def downgrade() -> None:
    op.drop_index('ix_member_day_new_month', table_name='member_day')
    op.create_index('ix_member_day_new_month', 'member_day',
                    ['org_id', 'shop_id', 'member_id', 'month'], unique=False,
                    sqlite_where=_NEW_MONTH, postgresql_where=_NEW_MONTH)
    op.drop_index('ix_event_offers', table_name='event')
