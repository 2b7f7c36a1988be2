"""the lowest reversal id counts on every till, as on the server

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:10:00
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Before this, a till kept the first reversal to arrive; the balance is the same either
    # way, but which one counts must agree with the server's rule (kiosk.reversals).
    op.execute(
        "UPDATE reversed SET reversal_id = (SELECT min(r.id) FROM event r JOIN event t"
        " ON t.id = r.reverses AND t.org_id = r.org_id"
        " WHERE r.kind = 'reversal' AND r.reverses = reversed.target_id)"
        " WHERE EXISTS (SELECT 1 FROM event r JOIN event t ON t.id = r.reverses"
        " AND t.org_id = r.org_id WHERE r.kind = 'reversal' AND r.reverses = reversed.target_id"
        " AND r.id < reversed.reversal_id)"
    )


def downgrade() -> None:
    pass
