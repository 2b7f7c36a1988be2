"""A till: its database, identity and programme, and the operations a cashier runs.

Every public method is one transaction. Methods that write run under BEGIN IMMEDIATE and
return `Done`: the event written and the member as they now stand, so a screen can refresh
just that member.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection

from kiosk import actions, ledger, members, paths, settings, shops
from kiosk.actions import Context, Item
from kiosk.clock import Clock, SystemClock
from kiosk.days import local_day
from kiosk.errors import KlippError, PinRefused
from kiosk.hlc import HybridClock
from kiosk.members import Registered, Registration
from kiosk.programs import ProgramConfig
from kiosk.store import Store, migrate, sql
from kiosk.views import MemberView, member_view

if TYPE_CHECKING:
    from kiosk.importer import ImportReport
    from kiosk.panel import Earn, LastAction
    from kiosk.panel import Panel as MemberPanel
    from kiosk.reports import Summary

T = TypeVar("T")

_SHOP_AND_VERSION = (
    "SELECT s.value, (SELECT coalesce(max(version), 0) FROM program WHERE shop_id = s.value)"
    " FROM (SELECT (SELECT value FROM setting WHERE key = ?) AS value) s"
)


@dataclass(frozen=True)
class Done:
    event: ledger.EventRecord
    member: MemberView


class NotSetUp(KlippError):
    """The till has no shop yet."""


class Till:
    """The core's front door for the screens, the command line and the sync worker."""

    def __init__(self, store: Store, *, clock: Clock | None = None) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self._ctx: Context | None = None
        self._program_version = -1
        self._org: shops.Org | None = None
        self.hlc: HybridClock | None = None
        # Called after every commit (the sync worker's wake-up); must return at once.
        self.after_commit: list[Callable[[], None]] = []

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, clock: Clock | None = None) -> Till:
        """Open (creating and migrating as needed) the till database in a data folder."""
        store = Store(paths.database_path(data_dir))
        migrate(store, backup_dir=paths.backup_dir(data_dir))
        # Finish an erasure purge a crash interrupted before anything else reads the file.
        from kiosk.gdpr import purge_if_pending

        purge_if_pending(store)
        return cls(store, clock=clock)

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.store.write() as conn:
            yield conn
        for listener in self.after_commit:
            listener()

    # --- identity and programme ---------------------------------------------------------

    def setup(self, *, org_name: str, shop_name: str, template: str = "cafe",
              timezone: str = "Europe/Oslo", currency: str = "NOK") -> None:
        """Create an organisation and shop on this till and start a programme from a template."""
        config = shops.template(template)
        with self._writing() as conn:
            if settings.get(conn, settings.SHOP_ID):
                raise KlippError("This till is already set up for a shop.")
            org = shops.create_org(conn, self.clock, name=org_name)
            shop = shops.create_shop(conn, self.clock, org_id=org.id, name=shop_name,
                                     timezone=timezone, currency=currency)
            device = shops.bind_device(conn, org_id=org.id, shop_id=shop.id)
            shops.publish_program(conn, ledger.Origin(device, org.id, shop.id), self.clock,
                                  config)
        self._ctx = None

    def reload_identity(self) -> None:
        """Forget the cached shop, programme and clock node (after enrolment changed them)."""
        self._ctx = None
        self._org = None
        self.hlc = None

    @property
    def is_set_up(self) -> bool:
        with self.store.read() as conn:
            return settings.get(conn, settings.SHOP_ID) is not None

    def _context(self, conn: Connection) -> Context:
        # One statement per transaction: which shop, and which programme version is in force
        # (sync may bring a new version, or enrolment a new shop, under us).
        shop_id, version = sql(conn, _SHOP_AND_VERSION, (settings.SHOP_ID,)).fetchone()
        if shop_id is None:
            raise NotSetUp("This till is not set up yet: run `klipp setup` (or `klipp demo`).")
        stale = (self._ctx is None or self._ctx.clock is not self.clock
                 or self._ctx.shop.id != shop_id)
        if stale or version != self._program_version:
            # The programme can change under us when sync brings a new version.
            device = settings.get(conn, settings.DEVICE_ID)
            org_id = settings.get(conn, settings.ORG_ID)
            assert device and org_id
            self._org = shops.load_org(conn, org_id)
            shop = shops.load_shop(conn, shop_id)
            self._program_version, program = shops.current_program(conn, shop_id)
            self._ctx = Context(ledger.Origin(device, org_id, shop_id), self.clock, shop, program)
            if self.hlc is None:
                self.hlc = HybridClock(self.clock, device)
        return self._ctx

    @property
    def org(self) -> shops.Org:
        with self.store.read() as conn:
            self._context(conn)
        assert self._org is not None
        return self._org

    @property
    def context(self) -> Context:
        with self.store.read() as conn:
            return self._context(conn)

    @property
    def program(self) -> ProgramConfig:
        return self.context.program

    def publish_program(self, config: ProgramConfig | str) -> int:
        """A new programme version for this shop; returns its version number."""
        with self._writing() as conn:
            ctx = self._context(conn)
            return shops.publish_program(conn, ctx.origin, self.clock, config)

    # --- members ------------------------------------------------------------------------

    def register(self, reg: Registration) -> Registered:
        with self._writing() as conn:
            ctx = self._context(conn)
            assert self._org is not None
            assert self.hlc is not None
            return members.register(conn, ctx.origin, self.clock, self._org, ctx.program, reg,
                                    hlc=self.hlc.tick())

    def lookup(self, text: str) -> MemberView:
        """The member behind a scanned or typed card code; CardRefused says why not."""
        with self.store.read() as conn:
            self._context(conn)
            assert self._org is not None
            return member_view(conn, members.member_by_card(conn, self._org, text))

    def find(self, text: str) -> list[MemberView]:
        """Members by card code, phone or part of a name."""
        with self.store.read() as conn:
            self._context(conn)
            assert self._org is not None
            ids = members.search(conn, self._org, text)
            return [member_view(conn, i, coupons=False) for i in ids]

    def member(self, member_id: str) -> MemberView:
        with self.store.read() as conn:
            return member_view(conn, member_id)

    def edit_member(self, member_id: str, **fields: object) -> MemberView:
        with self._writing() as conn:
            ctx = self._context(conn)
            assert self.hlc is not None
            members.edit(conn, self.clock, member_id, ctx.program, hlc=self.hlc.tick(),
                         **fields)  # type: ignore[arg-type]
            return member_view(conn, member_id)

    def replace_card(self, member_id: str, reason: str = "lost") -> str:
        """Revoke the member's cards and issue a new one; returns the new code."""
        with self._writing() as conn:
            ctx = self._context(conn)
            assert self._org is not None
            member_view(conn, member_id, coupons=False)
            members.revoke_cards(conn, ctx.origin, self.clock, member_id, reason)
            return members.issue_card(conn, ctx.origin, self.clock, self._org, member_id)

    def revoke_cards(self, member_id: str, reason: str = "lost") -> int:
        with self._writing() as conn:
            ctx = self._context(conn)
            member_view(conn, member_id, coupons=False)
            return members.revoke_cards(conn, ctx.origin, self.clock, member_id, reason)

    # --- cashier actions ----------------------------------------------------------------

    def _act(self, member_id: str, fn: Callable[[Connection, Context], ledger.EventRecord]
             ) -> Done:
        with self._writing() as conn:
            event = fn(conn, self._context(conn))
            return Done(event, member_view(conn, member_id))

    def stamp(self, member_id: str, *, count: int = 1, category: str | None = None) -> Done:
        return self._act(member_id, lambda c, x: actions.stamp(
            c, x, member_id, count=count, category=category))

    def purchase(self, member_id: str, *, amount_minor: int, items: list[Item] | None = None
                 ) -> Done:
        return self._act(member_id, lambda c, x: actions.purchase(
            c, x, member_id, amount_minor=amount_minor, items=items))

    def redeem(self, member_id: str, reward_id: str) -> Done:
        return self._act(member_id, lambda c, x: actions.redeem(c, x, member_id, reward_id))

    def use_coupon(self, member_id: str, coupon_id: str) -> Done:
        return self._act(member_id, lambda c, x: actions.use_coupon(c, x, member_id, coupon_id))

    def spend_cashback(self, member_id: str, amount_minor: int) -> Done:
        return self._act(member_id, lambda c, x: actions.spend_cashback(
            c, x, member_id, amount_minor))

    def undo(self, member_id: str) -> Done:
        return self._act(member_id, lambda c, x: actions.undo(c, x, member_id))

    def adjust(self, member_id: str, *, stamps: int = 0, points: int = 0,
               cashback_minor: int = 0, reason: str) -> Done:
        return self._act(member_id, lambda c, x: actions.adjust(
            c, x, member_id, stamps=stamps, points=points, cashback_minor=cashback_minor,
            reason=reason))

    # --- owner and manager ----------------------------------------------------------------

    def today(self) -> date:
        """Today in the shop's time zone."""
        ctx = self.context
        return local_day(self.clock.now(), ctx.shop.tz)

    def report(self, first: date, last: date, *, whole_org: bool = False) -> Summary:
        """The daily summary for a day or range, with the previous period to compare."""
        from kiosk.reports import daily_summary

        with self.store.read() as conn:
            ctx = self._context(conn)
            return daily_summary(conn, org_id=ctx.origin.org_id,
                                 shop_id=None if whole_org else ctx.shop.id,
                                 first=first, last=last, tz=ctx.shop.tz)

    def export_member(self, member_id: str) -> dict[str, Any]:
        from kiosk.gdpr import export_member

        return self.run(lambda c, x: export_member(c, x, member_id), write=False)

    def erase_member(self, member_id: str) -> ledger.EventRecord:
        """Scrub a member's personal data here (db and WAL); the erasure event travels on."""
        from kiosk.gdpr import erase_member, purge_after_erasure

        event = self.run(lambda c, x: erase_member(c, x, member_id))
        purge_after_erasure(self.store)
        return event

    def import_members(self, text: str) -> ImportReport:
        """Import members from CSV text: all rows or none."""
        from kiosk.importer import import_members

        with self._writing() as conn:
            ctx = self._context(conn)
            assert self._org is not None and self.hlc is not None
            return import_members(conn, ctx, self._org, text, hlc=self.hlc)

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
            return ledger.rebuild(conn)

    def pending_count(self) -> int:
        with self.store.read() as conn:
            return ledger.pending_count(conn)

    def run(self, fn: Callable[[Connection, Context], T], *, write: bool = True) -> T:
        """Run a core function in one transaction with this till's context (for other rooms)."""
        tx = self._writing if write else self.store.read
        with tx() as conn:
            return fn(conn, self._context(conn))

    # --- screens' read models (kiosk/panel.py) ------------------------------------------

    def panel(self, member_id: str) -> MemberPanel:
        """What the member panel shows: balances, rewards and coupons now, recent actions."""
        from kiosk.panel import member_panel

        with self.store.read() as conn:
            return member_panel(conn, self._context(conn), member_id)

    def earn_preview(self, member_id: str, amount_minor: int) -> Earn:
        """Points, cashback and stamps a purchase of this amount would give the member now."""
        from kiosk.panel import earn_preview

        with self.store.read() as conn:
            return earn_preview(conn, self._context(conn), member_id, amount_minor)

    def last_action(self) -> LastAction | None:
        """The last cashier action committed on this till ("Last: +1 stamp for Kari")."""
        from kiosk.panel import last_action

        with self.store.read() as conn:
            return last_action(conn, self._context(conn))
