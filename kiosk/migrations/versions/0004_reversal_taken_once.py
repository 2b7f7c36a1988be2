"""reversal taken once

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:23:51.818069
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reversed',
    sa.Column('target_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reversal_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('target_id')
    )
    with op.batch_alter_table('reversed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reversed_member_id'), ['member_id'], unique=False)
    # Reversals already on the till took effect: record them, so a late duplicate will not.
    op.execute(
        "INSERT OR IGNORE INTO reversed (target_id, reversal_id, member_id)"
        " SELECT reverses, min(id), max(member_id) FROM event"
        " WHERE kind = 'reversal' AND reverses IS NOT NULL GROUP BY reverses"
    )


def downgrade() -> None:
    with op.batch_alter_table('reversed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reversed_member_id'))

    op.drop_table('reversed')
