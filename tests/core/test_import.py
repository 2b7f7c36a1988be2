"""CSV member import: everything or nothing, with problems named by line."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kiosk import importer, ledger
from kiosk.clock import FixedClock
from kiosk.errors import InvalidInput
from kiosk.importer import ImportReport
from kiosk.members import Registration
from kiosk.till import Till

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
HEADER = "name;phone;email;birthday;stamps;consent;marketing_consent;segment:milk"


def _open(path: Path, template: str = "cafe") -> Till:
    till = Till.open(path, clock=FixedClock(START))
    till.setup(org_name="Kaffe AS", shop_name="Kaffe Torget", template=template)
    return till


@pytest.fixture
def till(tmp_path: Path) -> Till:
    t = _open(tmp_path)
    yield t
    t.close()


def _import(till: Till, text: str) -> ImportReport:
    org = till.info().org
    assert till.hlc is not None
    return till.run(lambda c, x: importer.import_members(c, x, org, text, hlc=till.hlc))


def _counts(till: Till) -> tuple[int, int, int]:
    with till.store.read() as conn:
        return tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                     for t in ("member", "event", "consent"))  # type: ignore[return-value]


def _refused(till: Till, text: str) -> str:
    before = _counts(till)
    with pytest.raises(InvalidInput) as info:
        _import(till, text)
    assert _counts(till) == before
    return str(info.value)


def test_semicolon_file_with_bom_imports_members_balances_and_consents(till: Till) -> None:
    text = "\ufeff" + "\r\n".join([
        HEADER.upper().replace("SEGMENT:MILK", "Segment:milk"),
        "Åse Ødegård;+47 912 34 567;Ase@Example.no;1985-02-28;7;ja;nei;oat",
        "Bjørn;;;;;yes;yes;",
        "",
        '"Nilsson; Per";0046701234567;per@example.se;03-15;0;Yes;;black',
        ";;;;;;;",
    ]) + "\r\n"
    report = _import(till, text)

    assert report.rows == 3
    assert [m.line for m in report.members] == [2, 3, 5]
    assert [m.name for m in report.members] == ["Åse Ødegård", "Bjørn", "Nilsson; Per"]
    ase, bjorn, per = (till.member(i) for i in report.member_ids)
    assert (ase.phone, ase.email, ase.birthday) == ("+4791234567", "ase@example.no",
                                                    "1985-02-28")
    assert ase.stamps == 7 and ase.segments == {"milk": "oat"}
    assert bjorn.stamps == 0 and bjorn.phone is None
    assert per.phone == "+46701234567" and per.birthday == "1904-03-15"
    assert all(not m.coupons for m in (ase, bjorn, per))  # no welcome pastry for old regulars
    for code, mid in zip(report.codes, report.member_ids, strict=True):
        assert till.lookup(code).id == mid
    with till.store.read() as conn:
        consents = conn.exec_driver_sql(
            "SELECT member_id, purpose, wording_version, granted FROM consent").fetchall()
        adjustments = conn.exec_driver_sql(
            "SELECT member_id, stamps, payload FROM event WHERE kind = ?",
            (ledger.ADJUSTMENT,)).fetchall()
    assert {c[2] for c in consents} == {"import"}
    assert {(c[0], c[1], bool(c[3])) for c in consents} == {
        (ase.id, "membership", True), (ase.id, "marketing", False),
        (bjorn.id, "membership", True), (bjorn.id, "marketing", True),
        (per.id, "membership", True), (per.id, "marketing", False)}
    assert [(a[0], a[1], json.loads(a[2])["reason"]) for a in adjustments] == [
        (ase.id, 7, "imported")]
    assert till.check_balances() == []


def test_comma_file_with_points_and_cashback(tmp_path: Path) -> None:
    till = _open(tmp_path, "points")
    try:
        report = _import(till, "Name,Points,Cashback_Minor,Consent\n"
                               "Kari,120,4550,yes\nOla,,0,YES\n")
        kari, ola = (till.member(i) for i in report.member_ids)
        assert (kari.points, kari.cashback_minor) == (120, 4550)
        assert (ola.points, ola.cashback_minor) == (0, 0)
        msg = _refused(till, "name,stamps,consent\nEva,3,yes\n")
        assert msg.startswith("line 2:") and "stamp card" in msg
    finally:
        till.close()


def test_norwegian_excel_dates_booleans_and_a_stray_trailing_column(till: Till) -> None:
    report = _import(till, "name;birthday;consent;marketing_consent;\n"
                           "Kari;7.5.1990;SANN;USANN;\n")
    assert till.member(report.member_ids[0]).birthday == "1990-05-07"


def test_header_only_imports_nothing(till: Till) -> None:
    assert _import(till, HEADER + "\n").rows == 0


BAD_ROWS = [
    (";+4790000001;a@b.no;;;yes;;", "name is missing"),
    ("Kari;12ab;;;;yes;;", "not a phone number"),
    ("Kari;;kari(at)example.no;;;yes;;", "not an e-mail"),
    ("Kari;;;1990-02-30;;yes;;", "not a date"),
    ("Kari;;;31.13.1990;;yes;;", "not a date"),
    ("Kari;;;17/05/1990;;yes;;", "not a date"),
    ("Kari;;;;-3;yes;;", "whole number"),
    ("Kari;;;;2.5;yes;;", "whole number"),
    ("Kari;;;;ten;yes;;", "whole number"),
    ("Kari;;;;99999999999;yes;;", "implausibly large"),
    ("Kari;;;;;no;;", "consent must be yes"),
    ("Kari;;;;;;;", "consent must be yes"),
    ("Kari;;;;;yes;maybe;", "marketing_consent must be yes or no"),
    ("Kari;;;;;yes;;soy", "must be one of"),
    ("Kari;;;;;yes;;oat;extra", "9 fields but the header has 8"),
    ("Ka\x00ri;;;;;yes;;", "control characters"),
    ("Kari\x1b[31m;;;;;yes;;", "control characters"),
    ("Kari;;;;;yes;;" + "x" * 600, "longer than 500"),
    ("Kari;+4798765432;;;;yes;;", "already on an existing member"),
    ("Kari;98765432;;;;yes;;", "already on an existing member"),
    ("Kari;+4791112222;;;;yes;;", "already on line 3"),
    ("Kari;91112222;;;;yes;;", "already on line 3"),
    ('"Kari;;;;;yes;;', "malformed CSV"),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_last_row_refuses_the_whole_file(till: Till, row: str, expected: str) -> None:
    till.register(Registration(name="Eksisterende", phone="+4798765432"))
    good = ["Ola;+4791112222;ola@example.no;1970-01-01;3;yes;yes;milk",
            "Per;;;;;yes;;", "Liv;;;;;ja;;"]
    msg = _refused(till, "\n".join([HEADER, "Anne;;;;;yes;;", *good, row]) + "\n")
    assert msg.startswith("line 6: "), msg
    assert expected in msg, msg


@pytest.mark.parametrize(("header", "expected"), [
    ("phone;consent", "needs a 'name' column"),
    ("name;phone", "needs a 'consent' column"),
    ("name;consent;mail", "unknown column 'mail'"),
    ("name;consent;segment:coffee", "no segment question 'coffee'"),
    ("name;consent;Name", "appears twice"),
])
def test_bad_headers_are_line_1(till: Till, header: str, expected: str) -> None:
    msg = _refused(till, header + "\nKari;yes\n")
    assert msg.startswith("line 1: ") and expected in msg


def test_line_numbers_count_blank_lines_and_multi_line_fields(till: Till) -> None:
    text = '\nname,consent\n\n"Kari\nNordmann",yes\nOla,no\n'
    assert _refused(till, text) == "line 6: consent must be yes: only members who agreed " \
                                   "can be imported"


def test_problems_are_reported_together_up_to_twenty(till: Till) -> None:
    rows = [f"Member {i};;;;;{'no' if i % 2 else 'yes'};;" for i in range(60)]
    msg = _refused(till, "\n".join([HEADER, *rows]))
    assert msg.startswith("line 3: consent must be yes")
    assert msg.count("line ") == 20 and msg.endswith("and 10 more problems")
    assert "line 41:" in msg and "line 43:" not in msg


def test_empty_and_oversized_files_are_refused(till: Till) -> None:
    assert "empty" in _refused(till, "")
    assert "empty" in _refused(till, "\ufeff \n\n")
    big = HEADER + "\n" + ("Kari;;;;;yes;;" + "x" * 100 + "\n") * 50_000
    assert "larger than 5 MB" in _refused(till, big)
    many = "name;consent\n" + "K;yes\n" * 50_001
    assert "more than 50,000 rows" in _refused(till, many)


def test_decode_accepts_utf8_bom_and_windows_1252_and_refuses_binary() -> None:
    assert importer.decode("\ufeffname;consent\nÅse;ja\n".encode()) == "name;consent\nÅse;ja\n"
    assert importer.decode("name;consent\nÅse;ja\n".encode("cp1252")) == "name;consent\nÅse;ja\n"
    with pytest.raises(InvalidInput, match="binary"):
        importer.decode(b"PK\x03\x04\x00\x00xlsx")
    with pytest.raises(InvalidInput, match="5 MB"):
        importer.decode(b"a" * (importer.MAX_BYTES + 1))


_JUNK = st.one_of(
    st.sampled_from(["", "Kari", "yes", "no", "3", "-1", "x", "+4791234567", "not-mail",
                     "1990-13-01", "soy", '"', "\x00", "a;b", "a,b", "1\n2"]),
    st.text(max_size=6),
)
_GOOD = st.tuples(
    st.sampled_from(["Kari", "Ola Nordmann", "Åse", "Per-Erik"]),
    st.sampled_from(["", "NEW-PHONE", "NEW-PHONE", "91234567"]),
    st.sampled_from(["", "kari@example.no"]),
    st.sampled_from(["", "1990-05-17", "02-29"]),
    st.one_of(st.just(""), st.integers(0, 20).map(str)),
    st.sampled_from(["yes", "ja", "Y"]),
    st.sampled_from(["", "no", "yes"]),
    st.sampled_from(["", "oat", "black"]),
).map(list)


_PHONES = itertools.count(1_000_000)


@st.composite
def _rows(draw: st.DrawFn) -> list[str]:
    row = draw(_GOOD)
    if draw(st.integers(0, 3)) == 0:  # one row in four has a bad or odd field
        at = draw(st.integers(0, len(row)))
        row[at:at + 1] = [draw(_JUNK)]
    return row


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(_rows(), max_size=6), sep=st.sampled_from([";", ","]),
       bom=st.booleans())
def test_any_csv_either_imports_fully_or_changes_nothing(till: Till, rows: list[list[str]],
                                                         sep: str, bom: bool) -> None:
    # Fresh numbers, so most rows do not clash with members of earlier examples.
    lines = [sep.join(r).replace("NEW-PHONE", f"4{next(_PHONES):07d}") for r in rows]
    text = ("\ufeff" if bom else "") + "\n".join([HEADER.replace(";", sep), *lines])
    before = _counts(till)
    try:
        report = _import(till, text)
    except InvalidInput as exc:
        event("refused")
        assert _counts(till) == before
        assert str(exc).startswith("line ") or "empty" in str(exc)
    else:
        event(f"imported {report.rows} rows")
        members, events, _ = _counts(till)
        assert members == before[0] + report.rows == before[0] + len(report.member_ids)
        assert events >= before[1] + 2 * report.rows  # registered + card issued, at least
