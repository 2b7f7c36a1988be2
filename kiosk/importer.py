"""Import existing members from CSV, with balances carried over from paper cards.

The file: UTF-8 (a byte-order mark is fine), at most 5 MB and 50,000 rows, `,` or `;`
between fields (Norwegian and Swedish Excel export with `;`; a tab works too), a header
row, then one member a row. Header names are case-insensitive:

    name               required: name or nickname
    consent            required: `yes` on every row (they agreed to the terms on paper);
                       recorded as membership consent with wording version "import"
    phone, email       optional; phones must be unique in the file and among members
    birthday           optional: YYYY-MM-DD, DD.MM.YYYY (Norwegian Excel), or MM-DD
                       without a year
    stamps, points     optional: whole numbers >= 0 carried over
    cashback_minor     optional: cashback credit carried over, in minor units (øre)
    marketing_consent  optional: yes/no (also ja/nei/nej, true/false, 1/0)
    segment:<id>       optional: an answer to the programme's segment question <id>

A column with an empty header (a stray trailing separator) is ignored.

Every row is checked before anything is written; problems are reported together by CSV
line (the header is line 1) and nothing is imported. Carried-over balances become one
`adjustment` event per member with reason "imported". Imported members get a card but no
welcome coupon: they are not new customers.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from kiosk import actions, members, profiles
from kiosk.actions import Context
from kiosk.errors import InvalidInput
from kiosk.hlc import HybridClock
from kiosk.members import ConsentGiven, Registration
from kiosk.shops import Org
from kiosk.store import Connection

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_FIELD = 500
MAX_BALANCE = 1_000_000
MAX_PROBLEMS = 20
WORDING_VERSION = "import"
SEGMENT_PREFIX = "segment:"
COLUMNS = ("name", "consent", "phone", "email", "birthday", "stamps", "points",
           "cashback_minor", "marketing_consent")
# Including what Norwegian and Swedish Excel write for TRUE and FALSE.
_YES = {"yes", "y", "ja", "j", "true", "1", "x", "sann", "sant"}
_NO = {"no", "n", "nei", "nej", "false", "0", "", "usann", "falskt"}
_INTEGER = re.compile(r"[0-9]{1,12}")
# Tab, line feed and carriage return are the only control characters a CSV text may hold;
# lone surrogates (undecodable bytes smuggled into a str) cannot even be stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class ImportRefused(InvalidInput):
    """A CSV import that changed nothing; `problems` lists each bad line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = len(problems) - MAX_PROBLEMS
        super().__init__(shown + (f"; and {more} more problems" if more > 0 else ""))


@dataclass(frozen=True)
class ImportedMember:
    line: int
    member_id: str
    name: str
    code: str


@dataclass(frozen=True)
class ImportReport:
    rows: int
    members: tuple[ImportedMember, ...] = ()

    @property
    def member_ids(self) -> list[str]:
        return [m.member_id for m in self.members]

    @property
    def codes(self) -> list[str]:
        """The new card codes, in file order, for printing."""
        return [m.code for m in self.members]

    @property
    def cards(self) -> list[tuple[str, str]]:
        """(name, code) of each new card in file order: what kiosk.cardprint.write_cards takes."""
        return [(m.name, m.code) for m in self.members]


@dataclass
class _Row:
    line: int
    reg: Registration
    stamps: int = 0
    points: int = 0
    cashback_minor: int = 0


def decode(data: bytes) -> str:
    """CSV file bytes as text: UTF-8 (with or without BOM), else Windows-1252 as old Excel."""
    if len(data) > MAX_BYTES:
        raise InvalidInput("The file is larger than 5 MB; split it.")
    if b"\x00" in data:
        raise InvalidInput("That is not a CSV text file (it holds binary data).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InvalidInput("The file is not UTF-8 text (save it as CSV UTF-8).") from None


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(cells: list[str], ctx: Context, line: int) -> tuple[list[str], list[str]]:
    """Column keys by position, and problems with the header."""
    problems = []
    keys = []
    questions = {q.id for q in ctx.program.segment_questions}
    for cell in cells:
        key = cell.strip().lower()
        if not key:
            keys.append(key)
            continue
        if key.startswith(SEGMENT_PREFIX):
            qid = key[len(SEGMENT_PREFIX):].strip()
            key = SEGMENT_PREFIX + qid
            if qid not in questions:
                problems.append(f"line {line}: this shop asks no segment question {qid[:40]!r}")
        elif key not in COLUMNS:
            problems.append(f"line {line}: unknown column {key[:40]!r} (known: "
                            f"{', '.join(COLUMNS)}, segment:<question>)")
        if key in keys:
            problems.append(f"line {line}: column {key[:40]!r} appears twice")
        keys.append(key)
    for needed in ("name", "consent"):
        if needed not in keys:
            problems.append(f"line {line}: the header needs a {needed!r} column")
    return keys, problems


def _yes(value: str, column: str) -> bool:
    v = value.strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise InvalidInput(f"{column} must be yes or no, not {value[:20]!r}")


def _count(value: str, column: str) -> int:
    v = value.strip()
    if not v:
        return 0
    if not _INTEGER.fullmatch(v):
        raise InvalidInput(f"{column} must be a whole number of 0 or more, not {value[:20]!r}")
    n = int(v)
    limit = actions.MAX_AMOUNT_MINOR if column == "cashback_minor" else MAX_BALANCE
    if n > limit:
        raise InvalidInput(f"{column} {n} is implausibly large")
    return n


def _row(line: int, values: dict[str, str], ctx: Context) -> _Row:
    """One data row validated the way `members.register` will check it."""
    prog = ctx.program
    name = values.get("name", "").strip()
    if not name:
        raise InvalidInput("the name is missing")
    if not _yes(values.get("consent", ""), "consent"):
        raise InvalidInput("consent must be yes: only members who agreed can be imported")
    consents = [ConsentGiven("membership")]
    if "marketing_consent" in values:
        consents.append(ConsentGiven("marketing", _yes(values["marketing_consent"],
                                                       "marketing_consent")))
    birthday = values.get("birthday", "").strip()
    # The same checks register() makes, run before anything is written.
    profile = profiles.clean_profile(
        name, values.get("phone") or None, values.get("email") or None, birthday or None,
        region=ctx.shop.region)
    answers = {k[len(SEGMENT_PREFIX):]: v.strip() for k, v in values.items()
               if k.startswith(SEGMENT_PREFIX) and v.strip()}
    segments = profiles.clean_segments(answers, prog)
    row = _Row(line, Registration(
        name=profile["name"] or "", phone=profile.get("phone"), email=profile.get("email"),
        birthday=profile.get("birthday"), consents=tuple(consents), segments=segments))
    row.stamps = _count(values.get("stamps", ""), "stamps")
    row.points = _count(values.get("points", ""), "points")
    row.cashback_minor = _count(values.get("cashback_minor", ""), "cashback_minor")
    if row.stamps and prog.stamp_card is None:
        raise InvalidInput("this shop's programme has no stamp card to carry stamps to")
    if row.points and prog.points is None:
        raise InvalidInput("this shop's programme has no points to carry over")
    if row.cashback_minor and prog.cashback is None:
        raise InvalidInput("this shop's programme has no cashback to carry over")
    return row


class _Phones:
    """Phone numbers seen (all E.164, so the same number is the same string)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def add(self, phone: str, where: str) -> str | None:
        """Record a phone; returns where it was seen before, if it was."""
        seen = self._seen.get(phone)
        if seen is None:
            self._seen[phone] = where
        return seen


def _existing_phones(conn: Connection) -> _Phones:
    phones = _Phones()
    for (phone,) in conn.exec_driver_sql(
            "SELECT phone FROM member WHERE phone IS NOT NULL AND erased_at IS NULL"):
        phones.add(phone, "an existing member")
    return phones


def _parse(conn: Connection, ctx: Context, text: str) -> tuple[list[_Row], list[str]]:
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InvalidInput("The file is larger than 5 MB; split it.")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InvalidInput("The file is empty.")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line),
                        strict=True)
    problems: list[str] = []
    rows: list[_Row] = []
    phones = _existing_phones(conn)
    keys: list[str] | None = None
    data_rows = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {start}: malformed CSV ({exc})")
            break
        line = start
        if not any(c.strip() for c in cells):
            continue  # blank lines and Excel's trailing ";;;;" rows
        if keys is None:
            keys, header_problems = _header(cells, ctx, line)
            if header_problems:
                raise ImportRefused(header_problems)
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise InvalidInput(f"The file has more than {MAX_ROWS:,} rows; split it.")
        problem = _check_cells(cells, keys)
        if problem:
            problems.append(f"line {line}: {problem}")
            continue
        try:
            row = _row(line, dict(zip(keys, cells, strict=False)), ctx)
        except InvalidInput as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if row.reg.phone:
            seen = phones.add(row.reg.phone, f"line {line}")
            if seen is not None:
                problems.append(f"line {line}: phone {row.reg.phone} is already on {seen}")
                continue
        rows.append(row)
    if keys is None:
        raise InvalidInput("The file is empty.")
    return rows, problems


def _check_cells(cells: list[str], keys: list[str]) -> str | None:
    if len(cells) > len(keys):
        return f"{len(cells)} fields but the header has {len(keys)} columns"
    for cell in cells:
        if len(cell) > MAX_FIELD:
            return f"a field is longer than {MAX_FIELD} characters"
        if _CONTROL.search(cell):
            return "a field holds control characters (binary data?)"
    return None


def import_members(conn: Connection, ctx: Context, org: Org, text: str, *,
                   hlc: HybridClock) -> ImportReport:
    """Validate every row, then register each member with carried-over balances (caller's tx).

    Raises ImportRefused (an InvalidInput) naming up to 20 bad lines; the caller's rollback
    then leaves nothing of the import behind.
    """
    rows, problems = _parse(conn, ctx, text)
    if problems:
        raise ImportRefused(problems)
    # Imported consents carry their own wording version; imported members are not new.
    program = ctx.program.model_copy(update={
        "consent_wording_version": WORDING_VERSION, "welcome_coupon": None})
    done = []
    for row in rows:
        reg = members.register(conn, ctx.origin, ctx.clock, org, program, row.reg,
                               hlc=hlc.tick())
        if row.stamps or row.points or row.cashback_minor:
            actions.adjust(conn, ctx, reg.member_id, stamps=row.stamps, points=row.points,
                           cashback_minor=row.cashback_minor, reason="imported")
        done.append(ImportedMember(row.line, reg.member_id, row.reg.name, reg.code))
    return ImportReport(rows=len(rows), members=tuple(done))
