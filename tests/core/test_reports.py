"""Daily summaries: known answers on a hand-built ledger, DST days, SQLite and PostgreSQL alike,
and a brute-force recount of a generated chain."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import BigInteger, Connection, Integer, MetaData, create_engine, insert

from kiosk import ledger, reports
from kiosk.clock import from_micros, to_micros
from kiosk.days import local_day
from kiosk.demo import build_large
from kiosk.errors import InvalidInput
from kiosk.ids import new_id
from kiosk.models import event_table
from kiosk.reports import Summary, daily_summary
from kiosk.store import Store, migrate
from tests.support.pg import temp_database

TZ = ZoneInfo("Europe/Oslo")
D = date(2026, 11, 10)  # a Tuesday


class Book:
    """Events written by hand, as tills of two shops of one organisation would write them."""

    def __init__(self) -> None:
        self.org = new_id()
        self.shop_a, self.shop_b = new_id(), new_id()
        self.devices = {self.shop_a: new_id(), self.shop_b: new_id()}
        self.seq: Counter[str] = Counter()
        self.events: list[ledger.EventRecord] = []

    def add(self, kind: str, member: str, day: date, hh: int, mm: int, *,
            shop: str | None = None, fold: int = 0, **fields: object) -> ledger.EventRecord:
        shop = shop or self.shop_a
        device = self.devices[shop]
        self.seq[device] += 1
        when = datetime(day.year, day.month, day.day, hh, mm, tzinfo=TZ, fold=fold)
        record = ledger.EventRecord(
            id=new_id(), device_id=device, seq=self.seq[device], ts=to_micros(when), kind=kind,
            org_id=self.org, shop_id=shop, member_id=member, **fields)  # type: ignore[arg-type]
        self.events.append(record)
        return record

    def stamp(self, member: str, day: date, hh: int, mm: int = 0, count: int = 1,
              **kw: object) -> ledger.EventRecord:
        return self.add(ledger.STAMP, member, day, hh, mm, stamps=count, **kw)

    def purchase(self, member: str, day: date, hh: int, mm: int, amount: int, *,
                 stamps: int = 0, points: int = 0, currency: str = "NOK",
                 **kw: object) -> ledger.EventRecord:
        return self.add(ledger.PURCHASE, member, day, hh, mm, amount_minor=amount,
                        stamps=stamps, points=points, currency=currency, **kw)

    def reverse(self, target: ledger.EventRecord, minutes: int = 1) -> ledger.EventRecord:
        when = from_micros(target.ts) + timedelta(minutes=minutes)
        local = when.astimezone(TZ)
        return self.add(
            ledger.REVERSAL, target.member_id or "", local.date(), local.hour, local.minute,
            shop=target.shop_id, stamps=-target.stamps, points=-target.points,
            amount_minor=-target.amount_minor, currency=target.currency,
            reward_id=target.reward_id, coupon_id=target.coupon_id, reverses=target.id,
            payload=json.dumps({"reversed_kind": target.kind}))

    def store(self, path: Path) -> Store:
        store = Store(path)
        migrate(store)
        with store.write() as conn:
            ledger.apply_remote(conn, self.events)
        return store


def scenario() -> tuple[Book, dict[str, str]]:
    """Six members around day D (answers worked out in the tests below)."""
    b = Book()
    m = {name: new_id() for name in ("m1", "m2", "m3", "m4", "m5", "m6")}
    # m1: four actions on D make one visit; also came on D-3, and to shop B on D.
    b.stamp(m["m1"], D - timedelta(days=3), 10)
    b.stamp(m["m1"], D, 9, 0)
    b.purchase(m["m1"], D, 9, 1, 5000, stamps=1, points=5)
    b.add(ledger.REDEEM, m["m1"], D, 9, 2, stamps=-10, reward_id="free-coffee")
    b.add(ledger.REDEEM, m["m1"], D, 9, 3, points=-100, reward_id="tote-bag")
    b.stamp(m["m1"], D, 14, shop=b.shop_b)
    # m2: the only action was undone: no visit at all.
    b.reverse(b.stamp(m["m2"], D, 10))
    # m3: came 100 days ago; on D two stamps stand and the purchase was undone.
    b.purchase(m["m3"], D - timedelta(days=100), 12, 0, 2000, stamps=1)
    b.stamp(m["m3"], D, 11, 0, count=2)
    b.reverse(b.purchase(m["m3"], D, 11, 5, 3000, stamps=1, points=3), minutes=2)
    # m4: joined on D and used the welcome coupon.
    b.add(ledger.MEMBER_REGISTERED, m["m4"], D, 12, 0)
    b.add(ledger.COUPON_USED, m["m4"], D, 12, 1, coupon_id=new_id())
    # m5: joined and came on D-1 only.
    b.add(ledger.MEMBER_REGISTERED, m["m5"], D - timedelta(days=1), 15, 0)
    b.stamp(m["m5"], D - timedelta(days=1), 15, 1)
    # m6: shop A on D-10; shop B on D, paying in SEK there.
    b.stamp(m["m6"], D - timedelta(days=10), 8)
    b.stamp(m["m6"], D, 13, shop=b.shop_b)
    b.purchase(m["m6"], D, 13, 2, 1000, currency="SEK", shop=b.shop_b)
    return b, m


def _figures(s: Summary) -> dict[str, object]:
    out = s.as_dict()
    out.pop("previous")
    return out


EXPECTED_A_D = {
    "first": "2026-11-10", "last": "2026-11-10", "visits": 3, "unique_members": 3,
    "new_members": 1, "stamps_given": 4, "points_earned": 5, "points_redeemed": 100,
    "rewards_redeemed": {"free-coffee": 1, "tote-bag": 1}, "coupons_used": 1,
    "member_revenue_minor": 5000, "currency": "NOK", "repeat_visit_rate": 2 / 3,
    "active_members_30": 5, "active_members_90": 5,
}
EXPECTED_A_D_MINUS_1 = {
    "first": "2026-11-09", "last": "2026-11-09", "visits": 1, "unique_members": 1,
    "new_members": 1, "stamps_given": 1, "points_earned": 0, "points_redeemed": 0,
    "rewards_redeemed": {}, "coupons_used": 0, "member_revenue_minor": 0, "currency": None,
    "repeat_visit_rate": 0.0, "active_members_30": 3, "active_members_90": 3,
}


@pytest.fixture
def book(tmp_path: Path) -> Iterator[tuple[Book, dict[str, str], Connection]]:
    b, m = scenario()
    store = b.store(tmp_path / "till.sqlite3")
    with store.read() as conn:
        yield b, m, conn
    store.close()


def test_a_shops_day_counts_visits_once_and_ignores_what_was_undone(book) -> None:
    b, _, conn = book
    s = daily_summary(conn, org_id=b.org, shop_id=b.shop_a, first=D, last=D, tz=TZ)
    assert _figures(s) == EXPECTED_A_D
    assert s.previous is not None and s.previous.previous is None
    assert _figures(s.previous) == EXPECTED_A_D_MINUS_1
    assert json.loads(json.dumps(s.as_dict()))["previous"]["visits"] == 1


def test_the_organisation_counts_a_member_at_two_shops_on_one_day_once(book) -> None:
    b, _, conn = book
    s = daily_summary(conn, org_id=b.org, shop_id=None, first=D, last=D, tz=TZ, compare=False)
    assert s.previous is None
    # m1 (shops A and B), m3, m4, m6 (shop B); m1, m3 and m6 (at shop A) came before.
    assert (s.visits, s.unique_members, s.repeat_visit_rate) == (4, 4, 0.75)
    assert s.stamps_given == 6
    assert s.member_revenue_minor == 6000 and s.currency is None  # NOK and SEK
    assert (s.active_members_30, s.active_members_90) == (5, 5)
    b_only = daily_summary(conn, org_id=b.org, shop_id=b.shop_b, first=D, last=D, tz=TZ)
    assert (b_only.visits, b_only.currency, b_only.repeat_visit_rate) == (2, "SEK", 0.0)


def test_a_week_with_the_week_before(book) -> None:
    b, _, conn = book
    s = daily_summary(conn, org_id=b.org, shop_id=b.shop_a, first=D - timedelta(days=6),
                      last=D, tz=TZ)
    # m1 on D-3 and D, m3, m4 on D, m5 on D-1; m1 came twice within the week.
    assert (s.visits, s.unique_members, s.repeat_visit_rate) == (5, 4, 0.5)
    assert (s.new_members, s.stamps_given) == (2, 6)
    assert s.previous is not None
    assert (s.previous.first, s.previous.last) == ("2026-10-28", "2026-11-03")
    assert (s.previous.visits, s.previous.repeat_visit_rate) == (1, 0.0)  # m6 on D-10
    # m3's visit on D-100 is outside the 90 days ending on D-7.
    assert (s.previous.active_members_30, s.previous.active_members_90) == (1, 1)


def test_an_organisation_never_sees_another_ones_rows(book) -> None:
    b, _, conn = book
    s = daily_summary(conn, org_id=new_id(), shop_id=b.shop_a, first=D, last=D, tz=TZ)
    assert (s.visits, s.active_members_90, s.new_members, s.stamps_given) == (0, 0, 0, 0)
    assert s.repeat_visit_rate == 0.0 and s.currency is None


def test_bad_ranges_are_refused(book) -> None:
    b, _, conn = book
    with pytest.raises(InvalidInput, match="before its first"):
        daily_summary(conn, org_id=b.org, shop_id=None, first=D, last=D - timedelta(days=1),
                      tz=TZ)
    with pytest.raises(InvalidInput, match="at most"):
        daily_summary(conn, org_id=b.org, shop_id=None, first=D - timedelta(days=400),
                      last=D, tz=TZ)


def test_an_undone_event_leaves_others_at_the_same_microsecond_standing(tmp_path: Path) -> None:
    # The member pass leaves reversed events out by their time; events that share that very
    # microsecond (a fixed clock, two tills) must still count.
    b = Book()
    x, y, z = new_id(), new_id(), new_id()
    b.reverse(b.stamp(x, D, 16))
    b.stamp(y, D, 16)  # another member, same microsecond
    b.stamp(z, D, 17)
    b.reverse(b.stamp(z, D, 17))  # the same member twice in one microsecond, once undone
    b.stamp(z, D - timedelta(days=40), 9)
    b.add(ledger.MEMBER_REGISTERED, new_id(), D, 17, 0)  # not a visit, same microsecond
    store = b.store(tmp_path / "same.sqlite3")
    with store.read() as conn:
        s = daily_summary(conn, org_id=b.org, shop_id=b.shop_a, first=D, last=D, tz=TZ)
    store.close()
    assert (s.visits, s.unique_members, s.stamps_given, s.new_members) == (2, 2, 2, 1)
    assert s.repeat_visit_rate == 0.5  # z came 40 days ago
    assert (s.active_members_30, s.active_members_90) == (2, 2)


def test_many_reversals_travel_as_a_subquery_with_the_same_answers(book, monkeypatch) -> None:
    b, _, conn = book
    calls = [{"shop_id": b.shop_a, "first": D, "last": D},
             {"shop_id": None, "first": D - timedelta(days=6), "last": D}]
    inline = [daily_summary(conn, org_id=b.org, tz=TZ, **c).as_dict()  # type: ignore[arg-type]
              for c in calls]
    monkeypatch.setattr(reports, "INLINE_REVERSALS", 0)
    assert [daily_summary(conn, org_id=b.org, tz=TZ, **c).as_dict()  # type: ignore[arg-type]
            for c in calls] == inline


def test_a_reversal_made_days_later_still_cancels_its_event(tmp_path: Path) -> None:
    b = Book()
    m = new_id()
    target = b.stamp(m, D - timedelta(days=2), 10)
    b.reverse(target, minutes=60 * 24 * 3)  # recorded on D+1 by a till with a wrong clock
    store = b.store(tmp_path / "late.sqlite3")
    with store.read() as conn:
        s = daily_summary(conn, org_id=b.org, shop_id=None, first=D - timedelta(days=2),
                          last=D - timedelta(days=2), tz=TZ)
    store.close()
    assert (s.visits, s.stamps_given, s.active_members_90) == (0, 0, 0)


def dst_book() -> tuple[Book, dict[str, str]]:
    """Visits just either side of local midnights around the 2026 clock changes in Oslo:
    summer time starts 29 March (a 23-hour day) and ends 25 October (a 25-hour day)."""
    b = Book()
    m = {name: new_id() for name in "abcd"}
    b.stamp(m["b"], date(2026, 3, 28), 23, 59)
    b.stamp(m["b"], date(2026, 3, 29), 0, 30)   # 23:30 UTC on the 28th
    b.stamp(m["a"], date(2026, 3, 29), 23, 30)  # 21:30 UTC
    b.stamp(m["a"], date(2026, 3, 30), 0, 30)   # 22:30 UTC on the 29th
    b.stamp(m["c"], date(2026, 10, 25), 0, 30)  # 22:30 UTC on the 24th
    b.stamp(m["c"], date(2026, 10, 25), 2, 30, fold=1)  # the second 02:30
    b.stamp(m["c"], date(2026, 10, 25), 23, 30)  # 22:30 UTC on the 25th
    b.stamp(m["d"], date(2026, 10, 26), 0, 30)   # 23:30 UTC on the 25th
    return b, m


def _day(conn: Connection, b: Book, day: date, last: date | None = None) -> Summary:
    return daily_summary(conn, org_id=b.org, shop_id=b.shop_a, first=day, last=last or day,
                         tz=TZ, compare=False)


def test_local_days_follow_the_clock_changes(tmp_path: Path) -> None:
    b, _ = dst_book()
    store = b.store(tmp_path / "dst.sqlite3")
    with store.read() as conn:
        march = {d: _day(conn, b, date(2026, 3, d)) for d in (28, 29, 30)}
        assert {d: (s.visits, s.stamps_given) for d, s in march.items()} == {
            28: (1, 1), 29: (2, 2), 30: (1, 1)}
        both = _day(conn, b, date(2026, 3, 28), date(2026, 3, 30))
        assert (both.visits, both.unique_members, both.repeat_visit_rate) == (4, 2, 1.0)
        october = {d: _day(conn, b, date(2026, 10, d)) for d in (24, 25, 26)}
        assert {d: (s.visits, s.stamps_given) for d, s in october.items()} == {
            24: (0, 0), 25: (1, 3), 26: (1, 1)}
        long_day = _day(conn, b, date(2026, 10, 24), date(2026, 10, 26))
        assert (long_day.visits, long_day.unique_members, long_day.repeat_visit_rate) == \
            (2, 2, 0.0)
    store.close()


# --- The same answers on PostgreSQL ----------------------------------------------------------


def _calls(b: Book) -> list[dict[str, object]]:
    return [
        {"shop_id": b.shop_a, "first": D, "last": D},
        {"shop_id": None, "first": D, "last": D},
        {"shop_id": b.shop_b, "first": D, "last": D},
        {"shop_id": b.shop_a, "first": D - timedelta(days=6), "last": D},
        {"shop_id": None, "first": D - timedelta(days=29), "last": D},
        {"shop_id": b.shop_a, "first": date(2026, 3, 28), "last": date(2026, 3, 30)},
        {"shop_id": None, "first": date(2026, 10, 24), "last": date(2026, 10, 26)},
    ]


def test_postgresql_gives_the_same_summaries(tmp_path: Path) -> None:
    b, _ = scenario()
    dst, _ = dst_book()
    b.events += [replace(e, org_id=b.org, shop_id=b.shop_a, device_id=new_id())
                 for e in dst.events]
    store = b.store(tmp_path / "till.sqlite3")
    with store.read() as conn:
        on_sqlite = [daily_summary(conn, org_id=b.org, tz=TZ, **c).as_dict()  # type: ignore[arg-type]
                     for c in _calls(b)]
    store.close()
    assert on_sqlite[0]["visits"] == 3 and on_sqlite[5]["visits"] == 4
    with temp_database("klipp_reports") as url:
        engine = create_engine(url)
        try:
            # The till's own table definition, with 64-bit integers: PostgreSQL's INTEGER
            # holds 32 bits, too few for microsecond times (server/tables.py does the same).
            metadata = MetaData()
            table = event_table.to_metadata(metadata)
            for column in table.columns:
                if isinstance(column.type, Integer):
                    column.type = BigInteger()
            metadata.create_all(engine)
            with engine.begin() as conn:
                conn.execute(insert(table), [e.as_dict() for e in b.events])
            with engine.connect() as conn:
                on_postgres = [daily_summary(conn, org_id=b.org, tz=TZ, **c).as_dict()  # type: ignore[arg-type]
                               for c in _calls(b)]
        finally:
            engine.dispose()
    assert on_postgres == on_sqlite


def _figures_of(d: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in d.items() if k != "previous"}


# --- A brute-force recount of a generated chain ----------------------------------------------


def recount(events: list[ledger.EventRecord], *, org: str, shop: str | None, first: date,
            last: date) -> dict[str, object]:
    """The module docstring's definitions, applied literally to every event in Python."""
    undone = {e.reverses for e in events if e.reverses}

    def day(e: ledger.EventRecord) -> date:
        return local_day(from_micros(e.ts), TZ)

    mine = [e for e in events if e.org_id == org and (shop is None or e.shop_id == shop)
            and e.id not in undone and e.kind != ledger.REVERSAL]
    visit_days = {(e.member_id, day(e)) for e in mine if e.kind in ledger.VISIT_KINDS}
    inside = [e for e in mine if first <= day(e) <= last]
    in_period = {(m, d) for m, d in visit_days if first <= d <= last}
    members = {m for m, _ in in_period}
    repeat = {m for m in members if sum(1 for mm, d in visit_days if mm == m and d <= last
                                        and (d < first or (m, d) in in_period)) > 1}
    purchases = [e for e in inside if e.kind == ledger.PURCHASE]
    currencies = {e.currency for e in purchases}

    def active(n: int) -> int:
        return len({m for m, d in visit_days if last - timedelta(days=n - 1) <= d <= last})

    earning = [e for e in inside if e.kind in (ledger.STAMP, ledger.PURCHASE)]
    redeems = [e for e in inside if e.kind == ledger.REDEEM]
    return {
        "first": first.isoformat(), "last": last.isoformat(), "visits": len(in_period),
        "unique_members": len(members),
        "new_members": sum(e.kind == ledger.MEMBER_REGISTERED for e in inside),
        "stamps_given": sum(max(e.stamps, 0) for e in earning),
        "points_earned": sum(max(e.points, 0) for e in earning),
        "points_redeemed": sum(max(-e.points, 0) for e in redeems),
        "rewards_redeemed": dict(sorted(Counter(e.reward_id for e in redeems).items())),
        "coupons_used": sum(e.kind == ledger.COUPON_USED for e in inside),
        "member_revenue_minor": sum(e.amount_minor for e in purchases),
        "currency": currencies.pop() if len(currencies) == 1 else None,
        "repeat_visit_rate": len(repeat) / len(members) if members else 0.0,
        "active_members_30": active(30), "active_members_90": active(90),
    }


@pytest.mark.parametrize("visit_days", [False, True], ids=["events", "member_day"])
def test_summaries_of_a_generated_chain_match_a_brute_force_recount(tmp_path: Path,
                                                                     visit_days: bool) -> None:
    built = build_large(tmp_path / "chain.sqlite3", members=150, events=6000, shops=3,
                        days=150, seed=7, last_day=date(2026, 11, 3))
    store = Store(built.path)
    # The generator folds its events through the ledger, so the visit-day table is filled;
    # each parametrisation forces one way of counting below.
    with store.read() as conn:
        assert reports.visit_days_usable(conn, built.org_id, TZ)
        events = [ledger.EventRecord.from_row(r) for r in conn.exec_driver_sql(
            f"SELECT {', '.join(ledger.COLUMNS)} FROM event")]
        assert sum(e.kind == ledger.REVERSAL for e in events) >= 5  # undo is exercised
        end = built.last_day
        periods = [(end, end), (end - timedelta(days=1), end - timedelta(days=1)),
                   (end - timedelta(days=6), end), (date(2026, 10, 20), date(2026, 10, 29)),
                   (date(2026, 3, 27), date(2026, 3, 31))]
        for shop in (built.till_shop_id, built.shop_ids[2], None):
            for first, last in periods:
                got = daily_summary(conn, org_id=built.org_id, shop_id=shop, first=first,
                                    last=last, tz=TZ, visit_days=visit_days).as_dict()
                length = (last - first).days + 1
                before = (first - timedelta(days=length), first - timedelta(days=1))
                assert _figures_of(got) == recount(events, org=built.org_id, shop=shop,
                                                   first=first, last=last), (shop, first)
                assert _figures_of(got["previous"]) == recount(  # type: ignore[arg-type]
                    events, org=built.org_id, shop=shop, first=before[0], last=before[1])
    store.close()


def test_both_ways_of_counting_visits_agree_on_the_hand_built_ledgers(tmp_path: Path) -> None:
    b, _ = scenario()
    dst, _ = dst_book()
    b.events += [replace(e, org_id=b.org, shop_id=b.shop_a, device_id=new_id())
                 for e in dst.events]
    store = b.store(tmp_path / "till.sqlite3")
    with store.read() as conn:
        assert reports.visit_days_usable(conn, b.org, TZ)
        for c in _calls(b):
            by_days = daily_summary(conn, org_id=b.org, tz=TZ, visit_days=True, **c)  # type: ignore[arg-type]
            by_events = daily_summary(conn, org_id=b.org, tz=TZ, visit_days=False, **c)  # type: ignore[arg-type]
            assert by_days == by_events, c
        # Another time zone than the table's: the events answer.
        assert not reports.visit_days_usable(conn, b.org, ZoneInfo("America/New_York"))
    store.close()


@pytest.mark.parametrize("visit_days", [False, True], ids=["events", "member_day"])
def test_a_reversal_from_another_organisation_changes_nothing(tmp_path: Path,
                                                              visit_days: bool) -> None:
    b, m = scenario()
    store = b.store(tmp_path / "till.sqlite3")
    with store.read() as conn:
        before = daily_summary(conn, org_id=b.org, shop_id=None, first=D, last=D, tz=TZ,
                               visit_days=visit_days)
    # Organisation A names B's events in reversals, pulled through the ledger's remote path.
    intruder, device = new_id(), new_id()
    targets = [e for e in b.events if e.member_id in (m["m1"], m["m4"], m["m6"])
               and e.kind != ledger.REVERSAL]
    forged = [ledger.EventRecord(
        id=new_id(), device_id=device, seq=i + 1, ts=t.ts + 1, kind=ledger.REVERSAL,
        org_id=intruder, shop_id=new_id(), member_id=t.member_id, stamps=-t.stamps,
        points=-t.points, amount_minor=-t.amount_minor, currency=t.currency,
        reward_id=t.reward_id, coupon_id=t.coupon_id, reverses=t.id,
        payload=json.dumps({"reversed_kind": t.kind})) for i, t in enumerate(targets)]
    with store.write() as conn:
        assert len(ledger.apply_remote(conn, forged)) == len(forged)
    with store.read() as conn:
        after = daily_summary(conn, org_id=b.org, shop_id=None, first=D, last=D, tz=TZ,
                              visit_days=visit_days)
        shop_a = daily_summary(conn, org_id=b.org, shop_id=b.shop_a, first=D, last=D, tz=TZ,
                               visit_days=visit_days)
    store.close()
    assert after == before
    assert _figures(shop_a) == EXPECTED_A_D
