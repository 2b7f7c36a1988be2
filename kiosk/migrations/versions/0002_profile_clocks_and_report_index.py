"""profile clocks and report index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:24:18.996856
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_shop_ts', ['shop_id', 'ts', 'member_id', 'kind'], unique=False)

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_hlc_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='{}'))




def downgrade() -> None:

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('profile_hlc_json')

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_shop_ts')


