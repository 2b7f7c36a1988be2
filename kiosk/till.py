"""A till: the core's one front door for the screens, the command line, sync and the server.

Nothing outside kiosk/ opens a till's database, writes SQL on its tables or runs its own
function in a till transaction: every room calls a method here (the sync worker through its
own port, `Till.sync`, kiosk/sync_port.py).

Every public method is one transaction. Writes return `Changes` (what the commit wrote and
which members, programme or outbox it touched), and every listener hears the same value,
whether the change was made here or pulled from another till.

Threads: one writer at a time by design. A lock serialises every write transaction
(BEGIN IMMEDIATE inside it) and every reload of the cached shop, programme and clock, so the
GUI's writer thread and the sync worker's thread may call the same Till together; plain reads
run beside a write (WAL) and see a consistent snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk import actions, ledger, members, paths, settings, shops
from kiosk.actions import Context, Item
from kiosk.changes import Changes
from kiosk.clock import Clock, SystemClock
from kiosk.days import local_day
from kiosk.errors import KlippError, NotFound, PinRefused, WrongThread
from kiosk.hlc import HybridClock
from kiosk.identify import Identified
from kiosk.members import Registered, Registration
from kiosk.store import Connection, Store, migrate, sql
from kiosk.views import MemberView, member_view

if TYPE_CHECKING:
    from kiosk.importer import ImportReport
    from kiosk.panel import Earn, LastAction
    from kiosk.panel import Panel as MemberPanel
    from kiosk.programs import ProgramConfig
    from kiosk.reports import Summary
    from kiosk.sync_port import SyncPort
    from kiosk.visit import Visit

T = TypeVar("T")

# Kept for callers written before the change set had a name.
Done = Changes

_SHOP_AND_VERSION = (
    "SELECT s.value, (SELECT coalesce(max(version), 0) FROM program WHERE shop_id = s.value)"
    " FROM (SELECT (SELECT value FROM setting WHERE key = ?) AS value) s"
)


class NotSetUp(KlippError):
    """The till has no shop yet."""


@dataclass(frozen=True)
class TillInfo:
    """What a screen or command needs to know about the till, read once and passed on."""

    set_up: bool
    data_dir: Path
    org: shops.Org | None = None
    shop: shops.ShopInfo | None = None
    program_version: int = 0
    device_id: str | None = None
    paired: bool = False
    server_url: str | None = None
    waiting: int = 0
    # The context whose programme `program` is, parsed when first read: a command that only
    # wants the shop's currency need not build the programme's models (kiosk.actions).
    _ctx: Context | None = field(default=None, repr=False, compare=False)

    @property
    def program(self) -> ProgramConfig | None:
        """The programme in force (None when the till is not set up)."""
        return None if self._ctx is None else self._ctx.program


@dataclass(frozen=True)
class RegisteredChanges(Changes):
    """A registration: the change set plus the new member's card code and coupons."""

    registered: Registered | None = None

    @property
    def member_id(self) -> str:
        assert self.registered is not None
        return self.registered.member_id

    @property
    def coupons(self) -> tuple[str, ...]:
        assert self.registered is not None
        return self.registered.coupons

    def as_dict(self) -> dict[str, Any]:
        out = super().as_dict()
        out.pop("registered", None)
        out.update(member_id=self.member_id, code=self.code, coupons=list(self.coupons))
        return out


class Till:
    """The core's front door for the screens, the command line and the sync worker."""

    def __init__(self, store: Store, *, clock: Clock | None = None,
                 data_dir: Path | None = None) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.data_dir = data_dir or store.path.parent
        self._ctx: Context | None = None
        self._program_version = -1
        self._org: shops.Org | None = None
        self.hlc: HybridClock | None = None
        self._write_lock = threading.RLock()
        self._forbidden: int | None = None
        # Called after every commit with its Changes, from this till's writes and from
        # events pulled by sync alike; on the writer's thread, so they must return at once.
        self.after_commit: list[Callable[[Changes], None]] = []
        self._port: SyncPort | None = None

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, clock: Clock | None = None) -> Till:
        """Open (creating and migrating as needed) the till database in a data folder."""
        store = Store(paths.database_path(data_dir))
        migrate(store, backup_dir=paths.backup_dir(data_dir))
        # Finish an erasure purge a crash interrupted before anything else reads the file.
        from kiosk.gdpr import purge_if_pending

        purge_if_pending(store)
        return cls(store, clock=clock, data_dir=paths.database_path(data_dir).parent)

    def close(self) -> None:
        self.store.close()

    def checkpoint_in_background(self, interval_s: float = 2.0) -> Callable[[], None]:
        """Copy the WAL into the database on a thread of its own, never inside a cashier's
        commit (kiosk.checkpoints); for a long-lived till. Returns the call that stops it."""
        from kiosk.checkpoints import Checkpointer

        return Checkpointer(self.store, interval_s=interval_s).start()

    # --- threads and listeners ----------------------------------------------------------

    def forbid_thread(self, ident: int | None) -> None:
        """Refuse any transaction on that thread (the GUI's, in tests) with WrongThread."""
        self._forbidden = ident

    def _guard(self) -> None:
        if self._forbidden is not None and threading.get_ident() == self._forbidden:
            raise WrongThread("A database call was made on a thread that must never wait"
                              " for the database (the screen's thread).")

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Hear every commit's Changes; returns the call that stops listening."""
        self.after_commit.append(listener)

        def unsubscribe() -> None:
            if listener in self.after_commit:
                self.after_commit.remove(listener)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        """Tell every listener what a commit changed (the sync port calls it for pulls)."""
        if changes.empty:
            return
        for listener in list(self.after_commit):
            try:
                listener(changes)
            except Exception:
                # The commit stands whatever a listener does: its caller must not be told
                # that a stamp already on disk failed.
                # logging is imported only here: it costs a command a few percent.
                import logging

                logging.getLogger("klipp.till").exception(
                    "a listener of the till's changes failed")

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        self._guard()
        with self._write_lock, self.store.write() as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        self._guard()
        with self.store.read() as conn:
            yield conn

    def _write(self, fn: Callable[[Connection, Context], Changes]) -> Changes:
        with self._writing() as conn:
            changes = fn(conn, self._context(conn))
        self.publish(changes)
        return changes

    # --- identity and programme ---------------------------------------------------------

    def setup(self, *, org_name: str, shop_name: str, template: str = "cafe",
              timezone: str = "Europe/Oslo", currency: str = "NOK",
              language: str = "en") -> Changes:
        """Create an organisation and shop on this till and start a programme from a template,
        its reward, coupon and question texts in the shop's `language` (nb, sv or en)."""
        config = shops.template(template, language, currency)
        with self._writing() as conn:
            if settings.get(conn, settings.SHOP_ID):
                raise KlippError("This till is already set up for a shop.")
            org = shops.create_org(conn, self.clock, name=org_name)
            shop = shops.create_shop(conn, self.clock, org_id=org.id, name=shop_name,
                                     timezone=timezone, currency=currency)
            device = shops.bind_device(conn, org_id=org.id, shop_id=shop.id)
            shops.publish_program(conn, ledger.Origin(device, org.id, shop.id), self.clock,
                                  config)
            self._forget()
        changes = Changes(program=True, outbox=True)
        self.publish(changes)
        return changes

    def reload_identity(self) -> None:
        """Forget the cached shop, programme and clock node (after enrolment changed them)."""
        with self._write_lock:
            self._forget()
            self.hlc = None

    def _forget(self) -> None:
        self._ctx = None
        self._org = None

    def _context(self, conn: Connection) -> Context:
        # One statement per transaction: which shop, and which programme version is in force
        # (sync may bring a new version, or enrolment a new shop, under us).
        shop_id, version = sql(conn, _SHOP_AND_VERSION, (settings.SHOP_ID,)).fetchone()
        if shop_id is None:
            raise NotSetUp("This till is not set up yet: run `klipp setup` (or `klipp demo`).")
        ctx = self._ctx
        if (ctx is not None and ctx.clock is self.clock and ctx.shop.id == shop_id
                and version == self._program_version):
            return ctx
        # A reload replaces shop, programme and organisation together, under the writer's
        # lock, so no caller ever sees one without the others.
        with self._write_lock:
            device = settings.get(conn, settings.DEVICE_ID)
            org_id = settings.get(conn, settings.ORG_ID)
            assert device and org_id
            org = shops.load_org(conn, org_id)
            shop = shops.load_shop(conn, shop_id)
            program_version, program = shops.current_program_json(conn, shop_id)
            ctx = Context(ledger.Origin(device, org_id, shop_id), self.clock, shop, program)
            self._org, self._program_version, self._ctx = org, program_version, ctx
            if self.hlc is None:
                self.hlc = HybridClock(self.clock, device)
        return ctx

    def _org_of(self, conn: Connection) -> shops.Org:
        self._context(conn)
        org = self._org
        assert org is not None
        return org

    def info(self) -> TillInfo:
        """The shop, organisation, programme, pairing and waiting events, in one read."""
        with self._reading() as conn:
            waiting = ledger.pending_count(conn)
            url = settings.get(conn, settings.PAIRING_URL)
            paired = settings.get(conn, settings.TOKEN) is not None
            try:
                ctx = self._context(conn)
            except NotSetUp:
                return TillInfo(set_up=False, data_dir=self.data_dir, waiting=waiting,
                                paired=paired, server_url=url)
            return TillInfo(set_up=True, data_dir=self.data_dir, org=self._org, shop=ctx.shop,
                            _ctx=ctx, program_version=self._program_version,
                            device_id=ctx.origin.device_id, paired=paired, server_url=url,
                            waiting=waiting)

    def publish_program(self, config: ProgramConfig | str) -> Changes:
        """A new programme version for this shop (Changes.program; the version in .version)."""
        def write(conn: Connection, ctx: Context) -> Changes:
            version = shops.publish_program(conn, ctx.origin, self.clock, config)
            return Changes(program=True, outbox=True, version=version)

        return self._write(write)

    @property
    def sync(self) -> SyncPort:
        """The sync worker's port: outbox, confirmations, pulled pages, repairs, pairing."""
        if self._port is None:
            from kiosk.sync_port import SyncPort

            self._port = SyncPort(self)
        return self._port

    # --- members ------------------------------------------------------------------------

    def register(self, reg: Registration) -> RegisteredChanges:
        """A new member with consent and a first card; `.registered` has the card's code."""
        with self._writing() as conn:
            ctx = self._context(conn)
            org = self._org_of(conn)
            assert self.hlc is not None
            done = members.register(conn, ctx.origin, self.clock, org, ctx.program, reg,
                                    hlc=self.hlc.tick())
            view = member_view(conn, done.member_id)
        changes = RegisteredChanges(member=view, members=frozenset({done.member_id}),
                                    outbox=True, registered=done, code=done.code)
        self.publish(changes)
        return changes

    def identify(self, text: str, *, scanned: bool = False) -> Identified:
        """Scanned or typed text to a member: a card code, a phone number, or a name.

        A card that can't be used raises CardRefused with `.reason` (revoked, erased,
        foreign, forged, unreadable, unknown); a name may give several candidates.
        `scanned` text (camera, USB scanner) must be a card code.
        """
        from kiosk.identify import identify

        with self._reading() as conn:
            return identify(conn, self._org_of(conn), text, scanned=scanned)

    def visit(self, text: str, *, scanned: bool = False, stamp: bool = False) -> Visit:
        """A member shows up: who it is, their panel and, with `stamp`, a card's visit stamp.

        One transaction where the answer used to take three (identify, stamp, panel): a scan
        with auto-stamp waits for one commit and reads each row once. A card that can't be
        used raises CardRefused and writes nothing; a stamp over today's cap is not given
        (`.capped`) and the member is shown all the same.
        """
        from kiosk.visit import visit

        with self._writing() if stamp else self._reading() as conn:
            done = visit(conn, self._context(conn), self._org_of(conn), text,
                         scanned=scanned, stamp=stamp)
        if done.changes is not None:
            self.publish(done.changes)
        return done

    def card_check(self) -> Callable[[str], bool]:
        """An offline check "is this a card of this organisation?", for a scanner's choice
        between several codes in one frame; reads the organisation once, then runs no SQL."""
        from kiosk import cards
        from kiosk.errors import CardRefused

        with self._reading() as conn:
            org = self._org_of(conn)

        def ours(text: str) -> bool:
            try:
                cards.check(text, prefix=org.code_prefix, card_key=org.card_key)
            except CardRefused:
                return False
            return True

        return ours

    def lookup(self, text: str) -> MemberView:
        """The member behind a scanned or typed card code; CardRefused says why not."""
        with self._reading() as conn:
            org = self._org_of(conn)
            return member_view(conn, members.member_by_card(conn, org, text))

    def find(self, text: str) -> list[MemberView]:
        """Members by card code, phone or part of a name."""
        with self._reading() as conn:
            org = self._org_of(conn)
            ids = members.search(conn, org, text)
            return [member_view(conn, i, coupons=False) for i in ids]

    def member(self, member_id: str) -> MemberView:
        with self._reading() as conn:
            return member_view(conn, member_id)

    def edit_member(self, member_id: str, **fields: object) -> Changes:
        def write(conn: Connection, ctx: Context) -> Changes:
            assert self.hlc is not None
            members.edit(conn, self.clock, member_id, ctx.program, hlc=self.hlc.tick(),
                         **fields)  # type: ignore[arg-type]
            return Changes(member=member_view(conn, member_id),
                           members=frozenset({member_id}))

        return self._write(write)

    def replace_card(self, member_id: str, reason: str = "lost") -> Changes:
        """Revoke the member's cards and issue a new one; the new code is in `.code`."""
        def write(conn: Connection, ctx: Context) -> Changes:
            member_view(conn, member_id, coupons=False)
            members.revoke_cards(conn, ctx.origin, self.clock, member_id, reason)
            code = members.issue_card(conn, ctx.origin, self.clock, self._org_of(conn),
                                      member_id)
            return Changes(member=member_view(conn, member_id),
                           members=frozenset({member_id}), outbox=True, code=code)

        return self._write(write)

    def revoke_cards(self, member_id: str, reason: str = "lost") -> Changes:
        """Revoke every card of the member; how many in `.count`."""
        def write(conn: Connection, ctx: Context) -> Changes:
            member_view(conn, member_id, coupons=False)
            count = members.revoke_cards(conn, ctx.origin, self.clock, member_id, reason)
            return Changes(member=member_view(conn, member_id),
                           members=frozenset({member_id}), outbox=count > 0, count=count)

        return self._write(write)

    # --- cashier actions ----------------------------------------------------------------

    def _act(self, member_id: str, fn: Callable[[Connection, Context], ledger.EventRecord]
             ) -> Changes:
        def write(conn: Connection, ctx: Context) -> Changes:
            return Changes.of_action(fn(conn, ctx), member_view(conn, member_id))

        return self._write(write)

    def stamp(self, member_id: str, *, count: int = 1, category: str | None = None) -> Changes:
        return self._act(member_id, lambda c, x: actions.stamp(
            c, x, member_id, count=count, category=category))

    def purchase(self, member_id: str, *, amount_minor: int, items: list[Item] | None = None
                 ) -> Changes:
        return self._act(member_id, lambda c, x: actions.purchase(
            c, x, member_id, amount_minor=amount_minor, items=items))

    def redeem(self, member_id: str, reward_id: str) -> Changes:
        return self._act(member_id, lambda c, x: actions.redeem(c, x, member_id, reward_id))

    def use_coupon(self, member_id: str, coupon_id: str) -> Changes:
        return self._act(member_id, lambda c, x: actions.use_coupon(c, x, member_id, coupon_id))

    def spend_cashback(self, member_id: str, amount_minor: int) -> Changes:
        return self._act(member_id, lambda c, x: actions.spend_cashback(
            c, x, member_id, amount_minor))

    def undo(self, member_id: str) -> Changes:
        return self._act(member_id, lambda c, x: actions.undo(c, x, member_id))

    def adjust(self, member_id: str, *, stamps: int = 0, points: int = 0,
               cashback_minor: int = 0, reason: str) -> Changes:
        return self._act(member_id, lambda c, x: actions.adjust(
            c, x, member_id, stamps=stamps, points=points, cashback_minor=cashback_minor,
            reason=reason))

    # --- owner and manager ----------------------------------------------------------------

    def today(self) -> date:
        """Today in the shop's time zone."""
        with self._reading() as conn:
            ctx = self._context(conn)
        return local_day(self.clock.now(), ctx.shop.tz)

    def report(self, first: date, last: date, *, whole_org: bool = False) -> Summary:
        """The daily summary for a day or range, with the previous period to compare."""
        from kiosk.reports import daily_summary

        with self._reading() as conn:
            ctx = self._context(conn)
            return daily_summary(conn, org_id=ctx.origin.org_id,
                                 shop_id=None if whole_org else ctx.shop.id,
                                 first=first, last=last, tz=ctx.shop.tz)

    def export_member(self, member_id: str) -> dict[str, Any]:
        from kiosk.gdpr import export_member

        return self.run(lambda c, x: export_member(c, x, member_id), write=False)

    def erase_member(self, member_id: str) -> Changes:
        """Scrub a member's personal data here (db and WAL); the erasure event travels on."""
        from kiosk.gdpr import erase_member, purge_after_erasure

        with self._writing() as conn:
            event = erase_member(conn, self._context(conn), member_id)
            view = member_view(conn, member_id)
        purge_after_erasure(self.store)
        changes = Changes(events=(event,), member=view, members=frozenset({member_id}),
                          outbox=True)
        self.publish(changes)
        return changes

    def import_members(self, text: str) -> ImportReport:
        """Import members from CSV text: all rows or none."""
        from kiosk.importer import import_members

        with self._writing() as conn:
            ctx = self._context(conn)
            org = self._org_of(conn)
            assert self.hlc is not None
            report = import_members(conn, ctx, org, text, hlc=self.hlc)
        self.publish(Changes(members=frozenset(getattr(report, "member_ids", ()) or ()),
                             outbox=True))
        return report

    def has_pin(self) -> bool:
        """Whether a manager PIN is set."""
        from kiosk.pin import has_pin

        with self._reading() as conn:
            return has_pin(conn)

    def set_pin(self, value: str) -> None:
        """Set or replace the manager PIN (the caller has checked the old one)."""
        from kiosk.pin import set_pin

        with self._writing() as conn:
            set_pin(conn, value)

    def verify_pin(self, value: str) -> None:
        """Check the manager PIN; a wrong one is counted (and committed) before PinRefused."""
        from kiosk.pin import attempt_pin

        with self._writing() as conn:
            refusal = attempt_pin(conn, self.clock, value)
        if refusal is not None:
            raise PinRefused(refusal)

    def daily_maintenance(self) -> dict[str, int]:
        """Birthday coupons, tier review and points expiry; safe to run many times a day."""
        from kiosk import maintenance

        today = self.today()
        return {
            "birthday_coupons": self.run(
                lambda c, x: maintenance.issue_birthday_coupons(c, x, today)),
            "tier_downgrades": self.run(maintenance.review_tiers),
            "points_expired": self.run(maintenance.expire_points),
        }

    # --- ledger maintenance -------------------------------------------------------------

    def check_balances(self) -> list[ledger.Mismatch]:
        """Differences between the cached tables and a rebuild from events (none is healthy)."""
        with self._writing() as conn:
            return ledger.check(conn)

    def rebuild_balances(self) -> int:
        with self._writing() as conn:
            count = ledger.rebuild(conn)
        self.publish(Changes(all_members=True))
        return count

    def pending_count(self) -> int:
        with self._reading() as conn:
            return ledger.pending_count(conn)

    def events(self, member_id: str | None = None, *, limit: int = 50,
               waiting: bool = False) -> list[ledger.EventRecord]:
        """A member's events, or the till's newest ones, or those waiting to be sent."""
        with self._reading() as conn:
            if waiting:
                return ledger.pending(conn, limit)
            if member_id is not None:
                if not sql(conn, "SELECT 1 FROM member WHERE id = ?", (member_id,)).fetchone():
                    raise NotFound("No such member.")
                return ledger.events_of(conn, member_id)[-limit:]
            return ledger.newest(conn, limit)

    def run(self, fn: Callable[[Connection, Context], T], *, write: bool = True) -> T:
        """Run a function of the core in one transaction with this till's context.

        For kiosk's own modules and for tests that set up a ledger by hand; other rooms use
        the named methods above (the architecture test checks they never call this).
        """
        tx = self._writing if write else self._reading
        with tx() as conn:
            result = fn(conn, self._context(conn))
        if write:
            self.publish(Changes(all_members=True, outbox=True))
        return result

    # --- screens' read models (kiosk/panel.py) ------------------------------------------

    def panel(self, member_id: str) -> MemberPanel:
        """What the member panel shows: balances, rewards and coupons now, recent actions."""
        from kiosk.panel import member_panel

        with self._reading() as conn:
            return member_panel(conn, self._context(conn), member_id)

    def earn_preview(self, member_id: str, amount_minor: int) -> Earn:
        """Points, cashback and stamps a purchase of this amount would give the member now."""
        from kiosk.panel import earn_preview

        with self._reading() as conn:
            return earn_preview(conn, self._context(conn), member_id, amount_minor)

    def last_action(self) -> LastAction | None:
        """The last cashier action committed on this till ("Last: +1 stamp for Kari")."""
        from kiosk.panel import last_action

        with self._reading() as conn:
            return last_action(conn, self._context(conn))

    # --- manager's read models (kiosk/analytics.py) ---------------------------------------

    def _scope(self, conn: Connection, whole_org: bool) -> dict[str, Any]:
        ctx = self._context(conn)
        return {"org_id": ctx.origin.org_id, "shop_id": None if whole_org else ctx.shop.id,
                "tz": ctx.shop.tz}

    def visits_per_hour(self, day: date, *, whole_org: bool = False) -> Any:
        """Visits per local hour of a day (kiosk.analytics.HourlyVisits)."""
        from kiosk import analytics

        with self._reading() as conn:
            return analytics.visits_per_hour(conn, day=day, **self._scope(conn, whole_org))

    def weekly(self, last: date, *, weeks: int = 8, whole_org: bool = False) -> list[Any]:
        """Seven-day blocks ending on `last`: visits, member revenue, repeat visits."""
        from kiosk import analytics

        with self._reading() as conn:
            return analytics.weekly(conn, last=last, weeks=weeks,
                                    **self._scope(conn, whole_org))

    def cohorts(self, first: date, last: date, *, whole_org: bool = False) -> list[Any]:
        """Retention by monthly cohort (kiosk.analytics.Cohort)."""
        from kiosk import analytics

        with self._reading() as conn:
            return analytics.cohorts(conn, first=first, last=last,
                                     **self._scope(conn, whole_org))

    def reward_response(self, first: date, last: date, *, whole_org: bool = False
                        ) -> list[Any]:
        """Every reward and coupon kind, best-responding first (kiosk.analytics.Response)."""
        from kiosk import analytics

        with self._reading() as conn:
            return analytics.reward_response(conn, first=first, last=last,
                                             **self._scope(conn, whole_org))

    def revenue_effect(self, last: date, *, whole_org: bool = False) -> Any:
        """Early membership against later (kiosk.analytics.Comparison, with its method)."""
        from kiosk import analytics

        with self._reading() as conn:
            return analytics.revenue_effect(conn, last=last, **self._scope(conn, whole_org))

    def programme_change(self, version: int, *, days: int = 30) -> Any:
        """The days before and after this shop's programme `version` (a Comparison)."""
        from kiosk import analytics

        with self._reading() as conn:
            ctx = self._context(conn)
            return analytics.programme_change(conn, org_id=ctx.origin.org_id,
                                              shop_id=ctx.shop.id, version=version,
                                              tz=ctx.shop.tz, days=days)

    def audit_trail(self, limit: int = 2000) -> Any:
        """The newest events with their members' names (kiosk.audit.AuditTrail)."""
        from kiosk.audit import audit_trail

        with self._reading() as conn:
            return audit_trail(conn, limit)

    def members_page(self, query: str = "", *, sort: str = "name", descending: bool = False,
                     offset: int = 0, limit: int = 100) -> tuple[list[Any], int]:
        """One sorted page of members matching `query`, and the match count."""
        from kiosk.member_list import members_page

        with self._reading() as conn:
            ctx = self._context(conn)
            return members_page(conn, org_id=ctx.origin.org_id, query=query, sort=sort,
                                descending=descending, offset=offset, limit=limit)

    def import_preview(self, text: str) -> Any:
        """What importing this members CSV would do, writing nothing (an ImportPreview)."""
        from kiosk.member_list import import_preview

        with self._reading() as conn:
            return import_preview(conn, self._context(conn), text)
