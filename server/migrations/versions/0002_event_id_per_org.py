"""event ids unique per organisation; coupons looked up by organisation

An id another organisation already used is stored like any new one, so a push cannot
learn that some other tenant holds it. Programme rows follow their event's key.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_COUPONS = sa.text("coupon_id IS NOT NULL")
# SQLite's constraints from 0001 have no names; batch mode finds them by these.
_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgres():
        op.drop_constraint("event_id_key", "event", type_="unique")
        op.create_unique_constraint("uq_event_org_id", "event", ["org_id", "id"])
        op.drop_constraint("program_pkey", "program", type_="primary")
        op.create_primary_key("program_pkey", "program", ["org_id", "id"])
    else:
        with op.batch_alter_table("event", naming_convention=_NAMES) as batch:
            batch.drop_constraint("uq_event_id", type_="unique")
            batch.create_unique_constraint("uq_event_org_id", ["org_id", "id"])
        with op.batch_alter_table("program", naming_convention=_NAMES,
                                  recreate="always") as batch:
            batch.drop_constraint("pk_program", type_="primary")
            batch.create_primary_key("pk_program", ["org_id", "id"])
    op.create_index("ix_event_org_coupon", "event", ["org_id", "coupon_id"], unique=False,
                    sqlite_where=_COUPONS, postgresql_where=_COUPONS)


def downgrade() -> None:
    op.drop_index("ix_event_org_coupon", table_name="event", sqlite_where=_COUPONS,
                  postgresql_where=_COUPONS)
    if _postgres():
        op.drop_constraint("program_pkey", "program", type_="primary")
        op.create_primary_key("program_pkey", "program", ["id"])
        op.drop_constraint("uq_event_org_id", "event", type_="unique")
        op.create_unique_constraint("event_id_key", "event", ["id"])
    else:
        with op.batch_alter_table("program", naming_convention=_NAMES,
                                  recreate="always") as batch:
            batch.drop_constraint("pk_program", type_="primary")
            batch.create_primary_key("pk_program", ["id"])
        with op.batch_alter_table("event", naming_convention=_NAMES) as batch:
            batch.drop_constraint("uq_event_org_id", type_="unique")
            batch.create_unique_constraint("uq_event_id", ["id"])
