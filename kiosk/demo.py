"""Demo data: a small café built through the real till, and a large chain written in bulk.

`build_demo` drives a `Till` with a FixedClock through months of opening hours, so every
rule, cap and fold of the real path holds. `build_large` writes a chain's ledger straight
into SQLite for benchmarks, in big transactions, with the rows the real path would leave:
members, consents, card rows by code hash, welcome coupons, programme rows, events with
per-device sequences, and balances folded from those events (so `ledger.check` passes).
"""

from __future__ import annotations

import json
import math
import os
import random
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk import cards, ledger, profiles
from kiosk.actions import Item
from kiosk.clock import FixedClock, to_micros
from kiosk.errors import InsufficientBalance, KlippError, LimitReached, UndoRefused
from kiosk.members import ConsentGiven, Registration, fill_name_keys
from kiosk.programs import ProgramConfig, cafe_template
from kiosk.store import Store, migrate
from kiosk.till import Done, Till

FIRST_NAMES = (
    "Ola", "Kari", "Nora", "Emma", "Ingrid", "Sofie", "Maja", "Olivia", "Ella", "Leah",
    "Jakob", "Emil", "Noah", "Oskar", "Lukas", "Filip", "Henrik", "Aksel", "Magnus", "Sander",
    "Åse", "Bjørn", "Sigrid", "Torbjørn", "Solveig", "Håkon", "Ragnhild", "Øystein", "Frøydis",
    "Astrid", "Eirik", "Live", "Tuva", "Vilde", "Jonas", "Mathias", "Sondre", "Marte", "Silje",
    "Per", "Knut", "Liv", "Anne", "Kristian", "Thea", "Ida", "Mari", "Lars", "Erlend", "Guro",
)
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen",
    "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård",
    "Bakke", "Fjeld", "Aas", "Brekke", "Vik", "Myhre", "Tangen", "Ødegård", "Sæther",
)
SHOP_AREAS = ("Grünerløkka", "Majorstuen", "Frogner", "Torshov", "Bjørvika", "Sagene",
              "Tøyen", "Skøyen", "Nydalen", "Lysaker")
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "ü": "u", "é": "e"})
# Visits by local hour: the morning rush, lunch, the afternoon.
_HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)
_HOUR_WEIGHTS = (6, 12, 9, 7, 8, 11, 9, 7, 8, 8, 6, 4)
COFFEE_PRICES = (4200, 4900, 5400, 5900)
PASTRY_PRICES = (3900, 4500, 5500)


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _email(first: str, last: str, n: int) -> str:
    return f"{first}.{last}{n}@example.no".lower().translate(_ASCII)


def _birthday(rng: random.Random) -> str:
    day = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 58))
    return day.isoformat()


def _local_time(rng: random.Random) -> tuple[int, int]:
    """An hour and a second within it for a visit, weighted like a café's day."""
    hour = rng.choices(_HOURS, _HOUR_WEIGHTS)[0]
    return hour, rng.randrange(3600)


def _visit_second(rng: random.Random) -> int:
    """Seconds after local midnight of a visit."""
    hour, second = _local_time(rng)
    return hour * 3600 + second


# --- The real path ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoResult:
    """What `build_demo` made: who can be scanned, and how much happened."""

    shop_id: str
    members: int
    visits: int
    events: int
    undos: int
    first_day: date
    last_day: date
    codes: dict[str, str] = field(default_factory=dict)  # member id -> card code


def build_demo(till: Till, *, members: int = 300, days: int = 120, seed: int = 1,
               clock: FixedClock, language: str = "en") -> DemoResult:
    """Fill a till with a café's months of trade through the real till operations.

    The demo starts at the clock's time and moves the clock forward through `days` days of
    opening hours, so every cap, window and fold holds as at a real counter. When `till` runs
    on another clock (its system clock, say), the demo drives the same database through a
    second Till on `clock` and stops at the till's own "now", so nothing lands in its future.
    A till that is not set up yet becomes "Kaffebrenneriet" on the café template, its texts
    in `language`; otherwise the demo follows the till's own programme (stamps, points,
    rewards, coupons, cashback, the answers its questions offer).
    """
    if members < 1 or days < 1:
        raise KlippError("A demo needs at least one member and one day.")
    rng = random.Random(seed)
    demo = till if till.clock is clock else Till(till.store, clock=clock)
    stop = None if demo is till else till.clock.now()
    if not demo.info().set_up:
        demo.setup(org_name="Kaffebrenneriet AS",
                   shop_name=f"Kaffebrenneriet {rng.choice(SHOP_AREAS)}", template="cafe",
                   language=language)
    ctx = demo.run(lambda _conn, ctx: ctx, write=False)
    tz, program = ctx.shop.tz, ctx.program
    with demo.store.read() as conn:
        events_before = conn.exec_driver_sql("SELECT count(*) FROM event").scalar_one()
    start = clock.now()
    first_day = start.astimezone(tz).date()
    # Registration days: a launch week, then a steady trickle.
    reg_days = [rng.randrange(min(7, days)) if rng.random() < 0.3 else rng.randrange(days)
                for _ in range(members)]
    rates = [min(0.9, rng.lognormvariate(-2.0, 0.9)) for _ in range(members)]
    codes: dict[str, str] = {}
    ids: list[str | None] = [None] * members
    phones: set[str] = set()
    visits = undos = 0
    for d in range(days):
        day = first_day + timedelta(days=d)
        plan: list[tuple[int, int, bool]] = []  # (local second of the day, member, joins)
        for m in range(members):
            if reg_days[m] == d or (reg_days[m] < d and ids[m] is None):
                plan.append((_visit_second(rng), m, True))
            elif ids[m] is not None and rng.random() < rates[m]:
                plan.append((_visit_second(rng), m, False))
        for local_second, m, joins in sorted(plan):
            when = datetime.combine(day, time(0), tz) + timedelta(seconds=local_second)
            if when < start:
                continue  # the first day's hours before the demo starts
            when = max(when, clock.now())  # the previous customer took a while
            if stop is not None and when >= stop:
                break
            clock.set(when)
            if joins:
                done = demo.register(_registration(rng, program, phones))
                ids[m] = done.member_id
                codes[done.member_id] = done.code
                if rng.random() < 0.25:
                    continue  # joined without buying anything
            member_id = ids[m]
            assert member_id is not None
            visits += 1
            undos += _visit(demo, clock, rng, member_id, program)
    with demo.store.read() as conn:
        events = conn.exec_driver_sql("SELECT count(*) FROM event").scalar_one()
    return DemoResult(shop_id=ctx.shop.id, members=len(codes), visits=visits,
                      events=events - events_before, undos=undos, first_day=first_day,
                      last_day=first_day + timedelta(days=days - 1), codes=codes)


def _registration(rng: random.Random, program: ProgramConfig, phones: set[str]
                  ) -> Registration:
    first, last = _name(rng)
    phone = _phone(rng, phones)
    segments = {q.id: rng.choice(q.choices) for q in program.segment_questions
                if q.choices and rng.random() < 0.7}
    consents = [ConsentGiven("membership")]
    if rng.random() < 0.35:
        consents.append(ConsentGiven("marketing_email"))
    return Registration(
        name=f"{first} {last}", phone=phone,
        email=_email(first, last, rng.randrange(100)) if rng.random() < 0.6 else None,
        birthday=_birthday(rng) if rng.random() < 0.4 else None,
        consents=tuple(consents), segments=segments)


def _visit(till: Till, clock: FixedClock, rng: random.Random, member_id: str,
           program: ProgramConfig) -> int:
    """One member at the counter: a stamp or a purchase, maybe a reward or a coupon, maybe an
    undo. Returns how many undos happened. Refusals the rules raise are part of the demo."""
    undos = 0
    try:
        done = _earn(till, rng, member_id, program)
        if rng.random() < 0.02:
            clock.advance(seconds=rng.randrange(10, 120))
            till.undo(member_id)
            undos += 1
            done = _earn(till, rng, member_id, program)
        view = done.member
        reward = _reward_wanted(rng, program, view.stamps, view.points)
        if reward is not None:
            clock.advance(seconds=rng.randrange(5, 40))
            till.redeem(member_id, reward)
            if rng.random() < 0.03:
                clock.advance(seconds=rng.randrange(5, 60))
                till.undo(member_id)
                undos += 1
        now = to_micros(clock.now())
        usable = [c for c in view.coupons if not c.used and c.valid_from <= now
                  and (c.valid_to is None or now < c.valid_to)]
        if usable and rng.random() < 0.3:
            clock.advance(seconds=rng.randrange(5, 40))
            till.use_coupon(member_id, usable[0].id)
        if program.cashback and view.cashback_minor >= 2000 and rng.random() < 0.1:
            clock.advance(seconds=rng.randrange(5, 40))
            till.spend_cashback(member_id, min(view.cashback_minor, 5000))
    except (LimitReached, InsufficientBalance, UndoRefused):
        pass
    clock.advance(seconds=rng.randrange(30, 90))
    return undos


def _reward_wanted(rng: random.Random, program: ProgramConfig, stamps: int, points: int
                   ) -> str | None:
    """Most people cash in the stamp card's own reward once they can; a few pick another."""
    affordable = [r.id for r in program.rewards
                  if (r.cost_stamps and stamps >= r.cost_stamps)
                  or (r.cost_points and points >= r.cost_points)]
    card_reward = program.stamp_card.reward_id if program.stamp_card else None
    if card_reward in affordable and rng.random() < 0.8:
        return card_reward
    if affordable and rng.random() < (0.1 if card_reward else 0.3):
        return rng.choice(affordable)
    return None


def _earn(till: Till, rng: random.Random, member_id: str, program: ProgramConfig) -> Done:
    """A manual stamp ("+1 coffee") or a purchase with items, as the programme allows."""
    card = program.stamp_card
    if card is not None and rng.random() < 0.55:
        category = card.eligible_categories[0] if card.eligible_categories else None
        count = 2 if rng.random() < 0.15 and card.max_stamps_per_visit >= 2 else 1
        return till.stamp(member_id, count=count, category=category)
    coffee = card.eligible_categories[0] if card and card.eligible_categories else "coffee"
    items = [Item(coffee, rng.choice(COFFEE_PRICES), rng.choice((1, 1, 1, 2)))]
    if rng.random() < 0.5:
        items.append(Item("pastry", rng.choice(PASTRY_PRICES)))
    if program.points and rng.random() < 0.3:
        items.append(Item("beans", rng.choice((14900, 18900, 24900))))
    amount = sum(i.amount_minor * i.quantity for i in items)
    return till.purchase(member_id, amount_minor=amount, items=items)


# --- The bulk path ------------------------------------------------------------------------


@dataclass(frozen=True)
class LargeResult:
    """A bulk-built chain ledger; `codes` maps a sample of live card codes to member ids."""

    path: Path
    org_id: str
    shop_ids: tuple[str, ...]
    till_shop_id: str
    members: int
    events: int
    first_day: date
    last_day: date
    codes: dict[str, str]


LARGE_END = date(2026, 11, 16)
_UNDO_RATE = 0.015
_SECOND = 1_000_000
_DAY_US = 86_400 * _SECOND
_COLUMNS = ", ".join(ledger.COLUMNS)
# Where each of the ledger's columns sits in a queued row.
_AT = {name: i for i, name in enumerate(ledger.COLUMNS)}
_INSERT_EVENT = f"INSERT INTO event ({_COLUMNS}) VALUES ({', '.join('?' * len(ledger.COLUMNS))})"


def _dumps(payload: object) -> str:
    """JSON as ledger.append stores payloads: compact, keys sorted."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True)


@dataclass
class _Member:
    id: str
    shop: int
    reg_day: int
    reg_ts: int
    rate: float
    leaves: int  # the day index from which the member no longer comes
    code: str
    coupon_id: str
    coupon_valid_to: int
    stamps: int = 0
    spend: int = 0
    last_ts: int = 0
    coupon_used: str | None = None

    @property
    def card_hash(self) -> str:
        return cards.code_hash(self.code)


class _Chain:
    """The organisation being written: ids, shops, the café rules, and the rows pending."""

    def __init__(self, rng: random.Random, shops: int, start: int, language: str) -> None:
        self.rng = rng
        self.org_id = self.id_at(start)
        self.prefix = "".join(rng.choice(cards.ALPHABET) for _ in range(cards.PREFIX_LEN))
        self.card_key = f"{rng.getrandbits(256):064x}"
        self.shop_ids = [self.id_at(start + i) for i in range(shops)]
        self.devices = [self.id_at(start + 100 + i) for i in range(shops)]
        self.seqs = [0] * shops
        self.program = cafe_template(language)
        assert self.program.stamp_card is not None and self.program.welcome_coupon is not None
        self.cap = self.program.stamp_card.max_stamps_per_visit
        self.welcome = self.program.welcome_coupon
        self.rewards = {r.id: r for r in self.program.rewards}
        self.rows: list[list[object]] = []

    def id_at(self, ts: int) -> str:
        """A UUIDv7 for a time, laid out as kiosk.ids.new_id mints them, from the seeded rng."""
        value = ((ts // 1000) << 80) | (0x7 << 76) | (self.rng.getrandbits(12) << 64) \
            | (0b10 << 62) | self.rng.getrandbits(62)
        return str(uuid.UUID(int=value))

    def new_code(self) -> str:
        return cards.new_code(self.prefix, self.card_key)

    def add(self, shop: int, ts: int, kind: str, member: _Member | None, *, stamps: int = 0,
            amount: int = 0, currency: str | None = None, reward_id: str | None = None,
            coupon_id: str | None = None, reverses: str | None = None,
            payload: dict[str, object] | None = None) -> list[object]:
        """Queue an event; device and sequence are set once the batch is in time order."""
        # The event's shape is the ledger's (ledger.COLUMNS); the device column holds the
        # shop's index until the batch is numbered in time order (_flush).
        fields = ledger.EventRecord(
            id=self.id_at(ts), device_id="", seq=0, ts=ts, kind=kind, org_id=self.org_id,
            shop_id=self.shop_ids[shop], member_id=member.id if member else None,
            stamps=stamps, amount_minor=amount, currency=currency, reward_id=reward_id,
            coupon_id=coupon_id, reverses=reverses, payload=_dumps(payload or {}))
        row: list[object] = list(fields.as_row())
        row[_AT["device_id"]] = shop
        self.rows.append(row)
        if member is not None:
            _fold(member, row)
        return row


def build_large(store_path: str | os.PathLike[str], *, members: int = 100_000,
                events: int = 1_000_000, seed: int = 1, shops: int = 4, days: int = 730,
                sample: int = 1000, last_day: date = LARGE_END, language: str = "en"
                ) -> LargeResult:
    """Write a café chain's ledger of about `events` events in bulk into a new till database.

    One organisation with `shops` shops on the café template, in Europe/Oslo; the database is
    the till of the first shop after syncing the others. Members join over `days` days ending
    on `last_day`, come at heavy-tailed rates (regulars and one-offs), mostly to their home
    shop, and many drift away after a while. Visits follow the template's rules (stamps per
    visit capped, rewards only when affordable, the welcome coupon once while valid, undo
    within the window, now and then a lost card replaced). Deterministic for a seed except
    card codes, which are minted as the till mints them; `codes` holds a sample. The file is
    built under a temporary name and renamed when complete.
    """
    path = Path(store_path)
    if path.exists():
        raise KlippError(f"{path} already exists; the large generator only writes new files.")
    if shops < 1 or members < 1 or days < 1:
        raise KlippError("The large generator needs at least one shop, member and day.")
    tmp = path.with_name(path.name + ".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    store = Store(tmp)
    migrate(store)
    store.close()

    rng = random.Random(seed)
    tz = ZoneInfo("Europe/Oslo")
    first_day = last_day - timedelta(days=days - 1)
    bases = [_local_midnight(first_day + timedelta(days=d), tz) for d in range(days)]
    chain = _Chain(rng, shops, bases[0], language)
    people = _people(chain, members, days, bases)
    visits = _visit_days(chain, people, events, days)

    total = 0
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: a crash means rebuild
        conn.execute("PRAGMA cache_size = -512000")
        conn.execute("BEGIN")
        _identity_rows(conn, chain, bases[0], tz)
        reg_by_day: list[list[_Member]] = [[] for _ in range(days)]
        for p in people:
            reg_by_day[p.reg_day].append(p)
        # This till's events of the last afternoon are still waiting for the server.
        unsent_from = bases[-1] + 15 * 3600 * _SECOND
        for d in range(days):
            for p in reg_by_day[d]:
                _write_registration(chain, p)
            for p in visits[d]:
                shop = p.shop if rng.random() < 0.88 or shops == 1 else rng.randrange(shops)
                ts = bases[d] + _visit_second(rng) * _SECOND + rng.randrange(_SECOND)
                if d == p.reg_day:
                    shop, ts = p.shop, p.reg_ts + rng.randrange(20, 90) * _SECOND
                _write_visit(chain, p, shop, ts)
            if len(chain.rows) >= 200_000 or d == days - 1:
                total += _flush(conn, chain, unsent_from)
        _finish(conn, chain, people)
        conn.execute("COMMIT")
    finally:
        conn.close()
    # Cards, coupons, balances, programmes, visit days and reversals come from the ledger's
    # own fold, exactly as on a till that received these events: not a second ledger.
    store = Store(tmp)
    try:
        with store.write() as sa_conn:
            ledger.rebuild(sa_conn)
            # The search keys, as registration writes them beside each name.
            fill_name_keys(sa_conn)
        with store.raw() as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    os.replace(tmp, path)
    for side in ("-wal", "-shm"):
        Path(f"{tmp}{side}").unlink(missing_ok=True)
    picked = rng.sample(people, min(sample, len(people)))
    return LargeResult(path=path, org_id=chain.org_id, shop_ids=tuple(chain.shop_ids),
                       till_shop_id=chain.shop_ids[0], members=members, events=total,
                       first_day=first_day, last_day=last_day,
                       codes={p.code: p.id for p in picked})


def _local_midnight(day: date, tz: ZoneInfo) -> int:
    """UTC micros of the day's local midnight, shifted by noon's offset: right for any time
    after 03:00, when Europe's DST changes are over (and the café is still closed)."""
    offset = datetime.combine(day, time(12), tz).utcoffset()
    assert offset is not None
    return to_micros(datetime.combine(day, time(0), UTC) - offset)


def _people(chain: _Chain, members: int, days: int, bases: list[int]) -> list[_Member]:
    """Who joins when, where, how often they come and for how long."""
    rng = chain.rng
    weights = [1.0 / (i + 1.5) for i in range(len(chain.shop_ids))]
    people = []
    for _ in range(members):
        d = rng.randrange(min(30, days)) if rng.random() < 0.15 else rng.randrange(days)
        reg_ts = bases[d] + _visit_second(rng) * _SECOND + rng.randrange(_SECOND)
        member_id = chain.id_at(reg_ts)
        stays = days if rng.random() < 0.3 else d + 1 + int(rng.expovariate(1 / 240))
        people.append(_Member(
            id=member_id, shop=rng.choices(range(len(weights)), weights)[0], reg_day=d,
            reg_ts=reg_ts, rate=rng.lognormvariate(0.0, 1.1), leaves=min(days, stays),
            code=chain.new_code(),
            # The id members.register gives the welcome coupon, so every till agrees on it.
            coupon_id=str(uuid.uuid5(uuid.UUID(member_id), "welcome")),
            coupon_valid_to=reg_ts + 300 + chain.welcome.valid_days * _DAY_US))
    return people


def _visit_days(chain: _Chain, people: list[_Member], events: int, days: int
                ) -> list[list[_Member]]:
    """Visit days per member, a Poisson-like process scaled so the events land near `events`:
    a registration writes three events (3.5 with its coupon used later), a visit about 1.09,
    and four in five members make a visit the day they join."""
    rng = chain.rng
    target = max(0.0, (events - 3.5 * len(people)) / 1.085 - 0.8 * len(people))
    spans = [p.leaves - p.reg_day for p in people]
    scale = _rate_scale([p.rate for p in people], spans, target)
    by_day: list[list[_Member]] = [[] for _ in range(days)]
    for p in people:
        prob = min(0.95, p.rate * scale)
        d = p.reg_day
        if rng.random() < 0.8:
            by_day[d].append(p)  # most people join while buying something
        while prob > 0:
            d += 1 + int(math.log(1.0 - rng.random()) / math.log(1.0 - prob))
            if d >= p.leaves:
                break
            by_day[d].append(p)
    return by_day


def _rate_scale(rates: list[float], spans: list[int], target: float) -> float:
    """The factor on each member's rate that makes the expected number of visits `target`."""
    if target <= 0:
        return 0.0

    def expected(scale: float) -> float:
        return sum(min(0.95, r * scale) * s for r, s in zip(rates, spans, strict=True))

    lo, hi = 0.0, 1.0
    while expected(hi) < target and hi < 1e6:
        hi *= 2
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if expected(mid) < target else (lo, mid)
    return hi


def _identity_rows(conn: sqlite3.Connection, chain: _Chain, start: int, tz: ZoneInfo) -> None:
    """Organisation, shops, this till's settings, and each shop's programme version 1."""
    conn.execute("INSERT INTO organisation (id, name, code_prefix, card_key, created_at)"
                 " VALUES (?, ?, ?, ?, ?)",
                 (chain.org_id, "Kaffebrenneriet AS", chain.prefix, chain.card_key, start))
    conn.executemany(
        "INSERT INTO shop (id, org_id, name, timezone, currency, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(s, chain.org_id, f"Kaffebrenneriet {SHOP_AREAS[i % len(SHOP_AREAS)]}", tz.key,
          "NOK", start) for i, s in enumerate(chain.shop_ids)])
    conn.executemany("INSERT INTO setting (key, value) VALUES (?, ?)",
                     [("device_id", chain.devices[0]), ("org_id", chain.org_id),
                      ("shop_id", chain.shop_ids[0])])
    config = json.loads(chain.program.model_dump_json())
    for i in range(len(chain.shop_ids)):
        ts = start + 6 * 3600 * _SECOND + i
        chain.add(i, ts, ledger.PROGRAM_PUBLISHED, None, payload={"config": config, "version": 1})


def _write_registration(chain: _Chain, p: _Member) -> None:
    """member_registered, card_issued and the welcome coupon, as members.register writes."""
    chain.add(p.shop, p.reg_ts, ledger.MEMBER_REGISTERED, p)
    chain.add(p.shop, p.reg_ts + 150, ledger.CARD_ISSUED, p,
              payload={"card_hash": p.card_hash})
    welcome = chain.welcome
    benefit = {"reward_id": welcome.reward_id, "discount_minor": welcome.discount_minor}
    issued_ts = p.reg_ts + 300
    chain.add(p.shop, issued_ts, ledger.COUPON_ISSUED, p, coupon_id=p.coupon_id,
              payload={"coupon_kind": "welcome", "title": welcome.title,
                       "valid_from": issued_ts, "valid_to": p.coupon_valid_to,
                       "benefit": benefit})


def _write_visit(chain: _Chain, p: _Member, shop: int, ts: int) -> None:
    """A visit under the café rules: stamps within the cap per visit, rewards only when
    affordable, the welcome coupon once while valid, now and then an undo within 5 minutes
    or a lost card replaced."""
    rng = chain.rng
    if rng.random() < 0.55:
        count = 2 if rng.random() < 0.15 else 1
        last = chain.add(shop, ts, ledger.STAMP, p, stamps=count,
                         payload={"category": "coffee"} if rng.random() < 0.5 else {})
    else:
        quantity = rng.choice((1, 1, 1, 2))
        items: list[dict[str, object]] = [{"category": "coffee", "quantity": quantity,
                                           "amount_minor": rng.choice(COFFEE_PRICES)}]
        amount = int(items[0]["amount_minor"]) * quantity  # type: ignore[call-overload]
        if rng.random() < 0.5:
            pastry = rng.choice(PASTRY_PRICES)
            items.append({"category": "pastry", "quantity": 1, "amount_minor": pastry})
            amount += pastry
        last = chain.add(shop, ts, ledger.PURCHASE, p, stamps=min(quantity, chain.cap),
                         amount=amount, currency="NOK", payload={"items": items})
    if rng.random() < _UNDO_RATE:
        ts += rng.randrange(10, 240) * _SECOND
        _write_undo(chain, p, last, ts)
    for reward_id, chance in (("free-coffee", 0.7), ("free-pastry", 0.04)):
        reward = chain.rewards[reward_id]
        if p.stamps >= reward.cost_stamps and rng.random() < chance:
            ts += rng.randrange(5, 40) * _SECOND
            chain.add(shop, ts, ledger.REDEEM, p, stamps=-reward.cost_stamps,
                      reward_id=reward.id, payload={"title": reward.title})
            break
    if p.coupon_used is None and ts < p.coupon_valid_to and rng.random() < 0.35:
        ts += rng.randrange(5, 40) * _SECOND
        used = chain.add(shop, ts, ledger.COUPON_USED, p, coupon_id=p.coupon_id,
                         payload={"title": chain.welcome.title})
        if rng.random() < _UNDO_RATE:
            ts += rng.randrange(10, 240) * _SECOND
            _write_undo(chain, p, used, ts)
    if rng.random() < 0.002:  # a lost card: revoke it and issue a new one
        ts += rng.randrange(30, 120) * _SECOND
        chain.add(shop, ts, ledger.CARD_REVOKED, p,
                  payload={"card_hash": p.card_hash, "reason": "lost"})
        p.code = chain.new_code()
        chain.add(shop, ts + 150, ledger.CARD_ISSUED, p, payload={"card_hash": p.card_hash})


def _write_undo(chain: _Chain, p: _Member, target: list[object], ts: int) -> None:
    """The reversal actions.undo appends for an event."""
    stamps, amount = target[_AT["stamps"]], target[_AT["amount_minor"]]
    shop = target[_AT["device_id"]]  # still the shop's index: the batch is not numbered yet
    assert isinstance(stamps, int) and isinstance(amount, int) and isinstance(shop, int)
    chain.add(shop, ts, ledger.REVERSAL, p, stamps=-stamps, amount=-amount,
              currency=target[_AT["currency"]], reward_id=target[_AT["reward_id"]],  # type: ignore[arg-type]
              coupon_id=target[_AT["coupon_id"]], reverses=str(target[_AT["id"]]),  # type: ignore[arg-type]
              payload={"reversed_kind": target[_AT["kind"]]})


def _fold(p: _Member, row: list[object]) -> None:
    """The member's balance and coupon after an event, as ledger.apply folds them."""
    kind, ts = row[_AT["kind"]], row[_AT["ts"]]
    stamps, amount = row[_AT["stamps"]], row[_AT["amount_minor"]]
    assert isinstance(ts, int) and isinstance(stamps, int) and isinstance(amount, int)
    p.stamps += stamps
    p.spend += amount
    if kind in ledger.ACTIVITY_KINDS:
        p.last_ts = max(p.last_ts, ts)
    if kind == ledger.COUPON_USED:
        p.coupon_used = str(row[_AT["id"]])
    elif (kind == ledger.REVERSAL and row[_AT["coupon_id"]] is not None
          and p.coupon_used == row[_AT["reverses"]]):
        p.coupon_used = None


def _flush(conn: sqlite3.Connection, chain: _Chain, unsent_from: int) -> int:
    """Number the pending events per device in time order and insert them."""
    at_ts, at_id = _AT["ts"], _AT["id"]
    rows = sorted(chain.rows, key=lambda r: (r[at_ts], r[at_id]))  # type: ignore[arg-type, return-value]
    chain.rows = []
    unsent = []
    for row in rows:
        shop = row[_AT["device_id"]]
        assert isinstance(shop, int)
        chain.seqs[shop] += 1
        row[_AT["device_id"]], row[_AT["seq"]] = chain.devices[shop], chain.seqs[shop]
        if shop == 0 and row[_AT["ts"]] >= unsent_from:  # type: ignore[operator]
            unsent.append((row[_AT["id"]], row[_AT["ts"]]))
    conn.executemany(_INSERT_EVENT, rows)
    conn.executemany("INSERT INTO outbox (event_id, queued_at) VALUES (?, ?)", unsent)
    return len(rows)


def _finish(conn: sqlite3.Connection, chain: _Chain, people: list[_Member]) -> None:
    """Member and consent rows: what register writes besides its events (profiles are not
    events); cards, coupons, balances and the rest are folded from the events afterwards."""
    rng = chain.rng
    phones: set[str] = set()
    member_rows = []
    # The café template's one question, in the chain's language (a choice of its answers).
    question = chain.program.segment_questions[0]
    for p in people:
        first, last = _name(rng)
        phone = _phone(rng, phones)
        segments = {question.id: rng.choice(question.choices)} \
            if rng.random() < 0.7 else {}
        hlc = f"{p.reg_ts:016d}-0000-{chain.devices[p.shop]}"
        member_rows.append((
            p.id, chain.org_id, chain.shop_ids[p.shop], f"{first} {last}", phone,
            _email(first, last, rng.randrange(100)) if rng.random() < 0.6 else None,
            _birthday(rng) if rng.random() < 0.4 else None, json.dumps(segments),
            json.dumps({f: hlc for f in profiles.FIELDS}, sort_keys=True),
            p.reg_ts))
    conn.executemany(
        "INSERT INTO member (id, org_id, home_shop_id, name, phone, email, birthday,"
        " segments_json, profile_hlc_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        member_rows)
    consent_version = chain.program.consent_wording_version
    conn.executemany(
        "INSERT INTO consent (id, member_id, purpose, wording_version, granted, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(chain.id_at(p.reg_ts), p.id, "membership", consent_version, True, p.reg_ts)
         for p in people])


_MOBILE_PREFIXES = ("40", "41", "45", "46", "47", "48", *(str(p) for p in range(90, 100)))


def _phone(rng: random.Random, taken: set[str]) -> str:
    """A Norwegian mobile number nobody else in the demo has, and one the till accepts."""
    import phonenumbers

    while True:
        # Norwegian mobile ranges (40-41, 45-48, 9x); a few blocks inside them are not
        # assigned (4536xx...), and registering such a number is refused, so each is checked.
        phone = f"+47{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**6):06d}"
        if phone not in taken and phonenumbers.is_valid_number(phonenumbers.parse(phone)):
            taken.add(phone)
            return phone
