"""member visit days

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:00:00.000000

Each member's visit days per shop and organisation-wide (kiosk.visits), so the daily summary
and the programme analyses count days instead of regrouping events. Filled from the till's
events here; kept by the ledger's fold from then on.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_NEW_MONTH = sa.text("new_month = 1")


def upgrade() -> None:
    op.create_table('member_day',
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('prev_day', sa.Integer(), nullable=True),
    sa.Column('new_month', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('org_id', 'shop_id', 'member_id', 'day')
    )
    # The rows are a function of the events (kiosk.visits' set-based rebuild); the indexes
    # come after them, which is several times faster than keeping them up row by row.
    from kiosk.visits import rebuild

    rebuild(op.get_bind())
    op.create_index('ix_member_day_scope_day', 'member_day',
                    ['org_id', 'shop_id', 'day', 'prev_day', 'member_id'], unique=False)
    op.create_index('ix_member_day_new_month', 'member_day',
                    ['org_id', 'shop_id', 'member_id', 'month'], unique=False,
                    sqlite_where=_NEW_MONTH, postgresql_where=_NEW_MONTH)


def downgrade() -> None:
    op.drop_index('ix_member_day_new_month', table_name='member_day')
    op.drop_index('ix_member_day_scope_day', table_name='member_day')
    op.drop_table('member_day')
