"""name key for folded search, phones in E.164

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:00:00

Name search folds case and accents the Nordic way (kiosk.profiles.fold_name) through an
indexed key, and a word table kept by triggers so any word's start is an index range.
Stored phone numbers become E.164, read with the shop's country as the default; a stored
number that is no valid number of any country is cleared (it could never be dialled, and
the server now refuses it, which would stall this till's profile pushes).
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# The words of a key: the key holds only letters, digits and single spaces
# (kiosk.profiles.fold_name), so it splits into a JSON array without escaping.
_WORDS = "json_each('[\"' || replace(NEW.name_key, ' ', '\",\"') || '\"]')"
TRIGGERS = (
    f"""CREATE TRIGGER member_word_insert AFTER INSERT ON member
    WHEN NEW.name_key IS NOT NULL AND NEW.name_key != '' BEGIN
      INSERT OR IGNORE INTO member_word (word, member_id, name_key)
        SELECT value, NEW.id, NEW.name_key FROM {_WORDS};
    END""",
    f"""CREATE TRIGGER member_word_update AFTER UPDATE OF name_key ON member
    WHEN NEW.name_key IS NOT OLD.name_key BEGIN
      DELETE FROM member_word WHERE member_id = OLD.id;
      INSERT OR IGNORE INTO member_word (word, member_id, name_key)
        SELECT value, NEW.id, NEW.name_key FROM {_WORDS}
        WHERE NEW.name_key IS NOT NULL AND NEW.name_key != '';
    END""",
    # An erasure (kiosk.ledger.scrub_member, from here or pulled) clears the name; the key
    # and its words are personal data too, and go with it whoever did the clearing.
    """CREATE TRIGGER member_name_cleared AFTER UPDATE OF name ON member
    WHEN NEW.name IS NULL AND NEW.name_key IS NOT NULL BEGIN
      UPDATE member SET name_key = NULL WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER member_word_delete AFTER DELETE ON member BEGIN
      DELETE FROM member_word WHERE member_id = OLD.id;
    END""",
)


def upgrade() -> None:
    from kiosk.errors import InvalidInput
    from kiosk.profiles import fold_name, normalise_phone
    from kiosk.shops import till_region

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_member_name_key'), ['name_key'], unique=False)
    op.execute(
        "CREATE TABLE member_word (word VARCHAR NOT NULL, member_id VARCHAR NOT NULL,"
        " name_key VARCHAR NOT NULL, PRIMARY KEY (word, member_id)) WITHOUT ROWID")
    op.execute("CREATE INDEX ix_member_word_member_id ON member_word (member_id)")
    for trigger in TRIGGERS:
        op.execute(trigger)
    # Names some bulk writer stored without a key: found without a scan (members.fill_name_keys).
    op.execute("CREATE INDEX ix_member_unkeyed ON member (id)"
               " WHERE name IS NOT NULL AND name_key IS NULL")

    conn = op.get_bind()
    region = till_region(conn)
    rows = conn.exec_driver_sql(
        "SELECT id, name, phone FROM member WHERE erased_at IS NULL"
        " AND (name IS NOT NULL OR phone IS NOT NULL)").fetchall()
    keys = []
    phones = []
    for member_id, name, phone in rows:
        if name is not None:
            keys.append((fold_name(name), member_id))
        if phone is not None:
            try:
                e164: str | None = normalise_phone(phone, region)
            except InvalidInput:
                e164 = None
            if e164 != phone:
                phones.append((e164, member_id))
    if keys:
        conn.exec_driver_sql("UPDATE member SET name_key = ? WHERE id = ?", keys)
    if phones:
        conn.exec_driver_sql("UPDATE member SET phone = ? WHERE id = ?", phones)


def downgrade() -> None:
    for name in ("member_word_insert", "member_word_update", "member_name_cleared",
                 "member_word_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP INDEX IF EXISTS ix_member_unkeyed")
    op.drop_table('member_word')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_name_key'))
        batch_op.drop_column('name_key')
