"""offer days

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 16:30:00

Each coupon issue and standing redemption with its local day and the member's next visit
after it (kiosk.offer_days), so the reward-response analysis reads one small table instead of
finding each redemption's coupon and probing member_day for it. Filled from the till's events
and member_day here; kept by the ledger's fold from then on.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('offer_day',
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('offer', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('coupon_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('next_shop_day', sa.Integer(), nullable=True),
    sa.Column('next_org_day', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('event_id')
    )
    # The rows are a function of the events and member_day (kiosk.offer_days' set-based
    # rebuild); the indexes come after them, as for member_day (0006).
    from kiosk.offer_days import rebuild

    rebuild(op.get_bind())
    op.create_index('ix_offer_day_scope', 'offer_day',
                    ['org_id', 'kind', 'day', 'shop_id', 'offer', 'member_id', 'coupon_id',
                     'next_shop_day', 'next_org_day'], unique=False)
    op.create_index('ix_offer_day_coupon', 'offer_day',
                    ['coupon_id', 'kind', 'org_id', 'day', 'shop_id', 'offer'], unique=False)
    op.create_index('ix_offer_day_member', 'offer_day', ['member_id', 'org_id', 'day'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_offer_day_member', table_name='offer_day')
    op.drop_index('ix_offer_day_coupon', table_name='offer_day')
    op.drop_index('ix_offer_day_scope', table_name='offer_day')
    op.drop_table('offer_day')
