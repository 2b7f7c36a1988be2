"""The manager's members table: one sorted, searched page of members at a time, and an
import preview.

The table shows 100,000 members through a window of a few dozen rows, so each page is one
query: the count of matches and the rows of the page. A name search uses the folded name
words (`member_word`, the index kiosk/members.py `search_names` uses), so `ødeg åse` finds
Åse Ødegård here as at the counter; digits search the phone number. Erased members have no
name key and are left out: what stays of them is in the ledger, not in the members list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.actions import Context
from kiosk.errors import InvalidInput
from kiosk.members import _word_ranges
from kiosk.profiles import fold_name
from kiosk.store import Connection, sql

MAX_PAGE = 500
MAX_QUERY = 100
# SQLite compares UTF-8 bytes, which puts å before æ and ø; mapped to the three characters
# after "z" the folded key sorts as a Nordic reader expects: ... z, æ, ø, å.
_NORDIC = "replace(replace(replace(m.name_key, 'æ', '{{'), 'ø', '|'), 'å', '}}')"
# Without an index on that expression a page by name sorts every member (~90 ms at 100,000
# here); this index, proposed for a migration, makes it an index walk (~5 ms). The ORDER BY
# must stay word for word the indexed expression for SQLite to use it.
NORDIC_INDEX = ("CREATE INDEX IF NOT EXISTS ix_member_nordic_name ON member ("
                + _NORDIC.replace("m.name_key", "name_key").replace("{{", "{").replace("}}", "}")
                + ", id) WHERE name_key IS NOT NULL")
# Sort key -> ORDER BY; every sort ends on the id so pages never overlap or skip.
SORTS = {
    "name": _NORDIC + " {d}, m.id {d}",
    "phone": "m.phone {d}, m.id {d}",
    "joined": "m.created_at {d}, m.id {d}",
    "stamps": "coalesce(b.stamps, 0) {d}, m.id",
    "points": "coalesce(b.points, 0) {d}, m.id",
    "cashback": "coalesce(b.cashback_minor, 0) {d}, m.id",
    "spend": "coalesce(b.spend_minor, 0) {d}, m.id",
}


@dataclass(frozen=True)
class MemberRow:
    """One line of the members table (money in minor units)."""

    id: str
    name: str
    phone: str | None
    email: str | None
    stamps: int
    points: int
    cashback_minor: int
    spend_minor: int
    tier: str | None
    joined: int  # UTC micros


def _words(query: str) -> tuple[str, list[Any]] | None:
    """The member_word condition for a name query (None when it is a phone number)."""
    digits = "".join(c for c in query if c.isdigit())
    if digits and len(digits) >= len(query.replace(" ", "").replace("+", "")) - 1:
        return None
    words = sorted(dict.fromkeys(fold_name(query).split()), key=len, reverse=True)[:6]
    if not words:
        return "0", []
    ranges = _word_ranges(words[0])
    where = ["(" + " OR ".join("(w.word >= ? AND w.word < ?)" for _ in ranges) + ")"]
    params: list[Any] = [bound for pair in ranges for bound in pair]
    for word in words[1:]:
        starts = [" " + low for low, _ in _word_ranges(word)]
        where.append("(" + " OR ".join("instr(' ' || w.name_key, ?) > 0" for _ in starts) + ")")
        params += starts
    return " AND ".join(where), params


def _match(query: str) -> tuple[str, list[Any]]:
    """The WHERE clause (beyond the organisation) for a typed query."""
    query = query.strip()[:MAX_QUERY]
    if not query:
        return "", []
    words = _words(query)
    if words is None:
        return " AND m.phone LIKE ?", ["%" + "".join(c for c in query if c.isdigit()) + "%"]
    return f" AND m.id IN (SELECT w.member_id FROM member_word w WHERE {words[0]})", words[1]


def members_page(conn: Connection, *, org_id: str, query: str = "", sort: str = "name",
                 descending: bool = False, offset: int = 0, limit: int = 100
                 ) -> tuple[list[MemberRow], int]:
    """One page of the organisation's members matching `query`, sorted; and the match count.

    Listed are the members with a name key: every member but the erased (whose key is
    scrubbed) and names a bulk writer stored unkeyed (members.fill_name_keys keys them).
    The count and the page's ids come from the member table alone (the count from the
    name-key index); the page's 100 rows are then read with their balances by id.
    """
    if sort not in SORTS:
        raise InvalidInput(f"Members cannot be sorted by {sort!r}.")
    if not 0 < limit <= MAX_PAGE or offset < 0:
        raise InvalidInput(f"A page holds 1 to {MAX_PAGE} members from offset 0 on.")
    query = query.strip()[:MAX_QUERY]
    words = _words(query) if query and sort == "name" else None
    if words is not None:
        # Name search in name order: member_word alone answers it (its rows carry the
        # whole key, one row per word, and erased members have none).
        cond, params = words
        total = sql(conn, f"SELECT count(DISTINCT w.member_id) FROM member_word w WHERE {cond}",
                    params).fetchone()[0]
        key = _NORDIC.replace("m.name_key", "min(w.name_key)")
        d = "DESC" if descending else "ASC"
        ids = [r[0] for r in sql(conn,
            f"SELECT w.member_id FROM member_word w WHERE {cond} GROUP BY w.member_id"
            f" ORDER BY {key} {d}, w.member_id {d} LIMIT ? OFFSET ?",
            (*params, limit, offset))]
        return _rows(conn, org_id, ids), int(total)
    clause, params = _match(query)
    # A till's database holds one organisation (sync pulls only its own), so the
    # organisation is checked on the page's rows, not on all 100,000 while counting.
    where = " FROM member m WHERE m.name_key IS NOT NULL" + clause
    total = sql(conn, "SELECT count(*)" + where, params).fetchone()[0]
    order = SORTS[sort].format(d="DESC" if descending else "ASC")
    join = " LEFT JOIN balance b ON b.member_id = m.id" if "b." in order else ""
    ids = [r[0] for r in sql(conn,
        "SELECT m.id FROM member m" + join + " WHERE m.name_key IS NOT NULL" + clause
        + f" ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset))]
    return _rows(conn, org_id, ids), int(total)


def _rows(conn: Connection, org_id: str, ids: list[str]) -> list[MemberRow]:
    """The members of a page with their balances, in the page's order."""
    if not ids:
        return []
    # By primary key: the organisation is compared here, where an index on it would
    # tempt the planner to walk every member of the organisation instead.
    rows = {r[0]: r for r in sql(conn,
        "SELECT m.id, m.name, m.phone, m.email, coalesce(b.stamps, 0), coalesce(b.points, 0),"
        " coalesce(b.cashback_minor, 0), coalesce(b.spend_minor, 0), b.tier, m.created_at,"
        " m.org_id FROM member m LEFT JOIN balance b ON b.member_id = m.id"
        f" WHERE m.id IN ({', '.join('?' * len(ids))})", ids) if r[10] == org_id}
    return [MemberRow(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6], r[7], r[8] or None,
                      r[9]) for r in (rows[i] for i in ids if i in rows)]


@dataclass(frozen=True)
class PreviewRow:
    """One CSV row as it would be imported (its line in the file; header is line 1)."""

    line: int
    name: str
    phone: str | None
    email: str | None
    birthday: str | None
    stamps: int
    points: int
    cashback_minor: int


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: the rows, and the problems by line (any problem: nothing)."""

    rows: list[PreviewRow]
    problems: list[str]


def import_preview(conn: Connection, ctx: Context, text: str) -> ImportPreview:
    """Check a members CSV exactly as the import does, writing nothing."""
    from kiosk.importer import _parse

    rows, problems = _parse(conn, ctx, text)
    return ImportPreview([PreviewRow(r.line, r.reg.name, r.reg.phone, r.reg.email,
                                     r.reg.birthday, r.stamps, r.points, r.cashback_minor)
                          for r in rows], list(problems))
