"""initial server schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 03:31:56.917972
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

_REVERSALS = sa.text("reverses IS NOT NULL")


def upgrade() -> None:
    op.create_table('event',
    sa.Column('server_seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False, autoincrement=True),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('ts', sa.BigInteger(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('stamps', sa.BigInteger(), nullable=False),
    sa.Column('points', sa.BigInteger(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('cashback_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
    sa.Column('reward_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('coupon_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('reverses', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('payload', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('received_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('server_seq'),
    sa.UniqueConstraint('device_id', 'seq'),
    sa.UniqueConstraint('id')
    )
    op.create_index('ix_event_member_ts', 'event', ['member_id', 'ts'], unique=False)
    op.create_index('ix_event_org_seq', 'event', ['org_id', 'server_seq'], unique=False)
    op.create_index('ix_event_shop_ts', 'event', ['shop_id', 'ts'], unique=False)
    op.create_index('ix_event_org_ts', 'event', ['org_id', 'ts'], unique=False)
    op.create_index('ix_event_reversal_ts', 'event', ['ts', 'reverses'], unique=False, sqlite_where=_REVERSALS, postgresql_where=_REVERSALS)
    op.create_index('ix_event_reverses', 'event', ['reverses'], unique=False, sqlite_where=_REVERSALS, postgresql_where=_REVERSALS)
    op.create_table('organisation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('code_prefix', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('card_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('profile_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_prefix')
    )
    op.create_table('program',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('config_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('shop_id', 'version')
    )
    op.create_table('member_profile',
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('birthday', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('segments_json', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('hlc_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('org_id', 'member_id')
    )
    op.create_index('ix_member_profile_org_seq', 'member_profile', ['org_id', 'server_seq'], unique=False)
    op.create_table('shop',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_shop_org_id'), 'shop', ['org_id'], unique=False)
    op.create_table('device',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('enrolled_at', sa.BigInteger(), nullable=False),
    sa.Column('revoked_at', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_device_org_id'), 'device', ['org_id'], unique=False)
    op.create_table('pairing_code',
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('shop_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.Column('used_at', sa.BigInteger(), nullable=True),
    sa.Column('used_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.id'], ),
    sa.PrimaryKeyConstraint('code_hash')
    )
    op.create_index(op.f('ix_pairing_code_shop_id'), 'pairing_code', ['shop_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_pairing_code_shop_id'), table_name='pairing_code')
    op.drop_table('pairing_code')
    op.drop_index(op.f('ix_device_org_id'), table_name='device')
    op.drop_table('device')
    op.drop_index(op.f('ix_shop_org_id'), table_name='shop')
    op.drop_table('shop')
    op.drop_index('ix_member_profile_org_seq', table_name='member_profile')
    op.drop_table('member_profile')
    op.drop_table('program')
    op.drop_table('organisation')
    op.drop_index('ix_event_reverses', table_name='event')
    op.drop_index('ix_event_reversal_ts', table_name='event')
    op.drop_index('ix_event_org_ts', table_name='event')
    op.drop_index('ix_event_shop_ts', table_name='event')
    op.drop_index('ix_event_org_seq', table_name='event')
    op.drop_index('ix_event_member_ts', table_name='event')
    op.drop_table('event')
