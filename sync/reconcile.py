"""One sync pass: push the outbox, pull the organisation's events, swap profiles, check.

Invariants (each step is safe to cut off at any point and repeat):
- an event leaves the outbox only after the server confirmed it (accepted or duplicate);
- the pull cursor moves in the transaction that applies the events it covers;
- applying is insert-or-ignore (kiosk.ledger.apply_remote), so a repeat changes nothing;
- the profile push cursor moves only after the server answered the push.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from kiosk import ledger
from kiosk.sync_port import Balance, CursorMoved, ForeignEvents
from kiosk.till import Till
from sync import keys
from sync.client import SyncClient
from sync.errors import BatchTooLarge, NotPaired, ProtocolError, ServerRefused, SyncBusy
from sync.lock import SyncLock
from sync.profiles import from_server, to_change
from sync.protocol import (
    MAX_BATCH,
    MemberBalance,
    PushResponse,
    Rejected,
    ServerEvent,
    WireEvent,
)
from sync.state import SyncResult

BATCH_SIZE = 500
PULL_LIMIT = 1000
CHECK_LIMIT = 5000  # BalanceCheckRequest's bound
SAMPLE_SIZE = 20

BeforeMark = Callable[[PushResponse], None]
_WIRE_LIST = TypeAdapter(list[WireEvent])


def identity(till: Till) -> ledger.Origin:
    """This till's device, organisation and shop (NotPaired if it has none yet)."""
    origin = till.sync.origin()
    if origin is None:
        raise NotPaired("this till is not set up or enrolled yet")
    return origin


def data_dir(till: Till) -> Path:
    return till.data_dir


def run_once(till: Till, client: SyncClient, *, batch_size: int = BATCH_SIZE,
             full: bool = True) -> SyncResult:
    """One complete sync pass under the till's sync lock (SyncBusy if another one runs).

    `full` adds profiles, the conflict count and a sampled balance check to the push and
    pull; the worker runs light passes after each write and full ones on a schedule.
    """
    with SyncLock(data_dir(till)):
        return sync_pass(till, client, batch_size=batch_size, full=full)


def sync_pass(till: Till, client: SyncClient, *, batch_size: int = BATCH_SIZE,
              full: bool = True, conflicts: bool | None = None, skip: set[str] | None = None,
              before_mark: BeforeMark | None = None) -> SyncResult:
    """The steps of a pass; the caller holds the sync lock.

    `conflicts` asks the server for its conflict list (default: on full passes); `skip`
    holds ids refused earlier, left in the outbox and not sent again in this pass;
    `before_mark` is called with each push answer before the outbox is marked (a test seam
    for crashes at exactly that point).
    """
    me = identity(till)
    result = SyncResult()
    skip = set() if skip is None else skip
    refused: ServerRefused | None = None
    try:
        push_events(till, client, result, batch_size=batch_size, skip=skip,
                    before_mark=before_mark)
    except ServerRefused as exc:
        if exc.status == 429:
            raise
        # The server will not take what we send; it can still give us the other tills'
        # events. The refusal is raised at the end of the pass, to be reported.
        refused = exc
    pull_events(till, client, result, me)
    if full:
        push_profiles(till, client, result, me)
        pull_profiles(till, client, result, me)
    if full if conflicts is None else conflicts:
        result.conflicts = len(client.conflicts().conflicts)
    if result.touched or full:
        check_balances(till, client, result, me, sample=SAMPLE_SIZE if full else 0)
    result.waiting = till.sync.waiting()
    if refused is not None:
        raise refused
    return result


# --- events ---------------------------------------------------------------------------------

def _short(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"invalid {where}: {first.get('msg', 'invalid')}"[:200]


def _to_wire(events: list[ledger.EventRecord], result: SyncResult, skip: set[str]
             ) -> list[WireEvent]:
    """Validate local events for the wire, the whole list at once when all are well formed."""
    rows = [dict(zip(ledger.COLUMNS, e.as_row(), strict=True)) for e in events]
    try:
        return _WIRE_LIST.validate_python(rows)
    except ValidationError:
        pass
    out = []
    for event, row in zip(events, rows, strict=True):
        try:
            out.append(WireEvent.model_validate(row))
        except ValidationError as exc:
            # A malformed local event must not hold up the ones behind it.
            result.invalid.append(Rejected(id=event.id, reason=_short(exc)))
            skip.add(event.id)
    return out


def _next_batch(till: Till, size: int, skip: set[str], busy: set[str],
                result: SyncResult) -> list[WireEvent]:
    """The oldest waiting events not skipped or in flight, validated for the wire."""
    while True:
        candidates = till.sync.outbox(size + len(skip) + len(busy))
        fresh = [e for e in candidates if e.id not in skip and e.id not in busy][:size]
        if not fresh:
            return []
        batch = _to_wire(fresh, result, skip)
        if batch:
            return batch
        # That whole batch was malformed and is now skipped; look further.


def push_events(till: Till, client: SyncClient, result: SyncResult, *, batch_size: int,
                skip: set[str], before_mark: BeforeMark | None = None) -> None:
    """Send the outbox in batches, oldest first, marking only what the server confirmed.

    The next batch is read and validated while the server handles the one in flight (one
    request at a time; the other thread only waits on the network).
    """
    size = max(1, min(batch_size, MAX_BATCH))
    flight: tuple[list[WireEvent], Future[PushResponse]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="klipp-push") as network:
        while True:
            busy = {w.id for w in flight[0]} if flight else set()
            batch = _next_batch(till, size, skip, busy, result)
            if flight is not None:
                sent, answer = flight
                flight = None
                try:
                    _settle(till, result, skip, sent, answer.result(), before_mark)
                except BatchTooLarge:
                    if len(sent) == 1:
                        result.invalid.append(Rejected(id=sent[0].id, reason="too large to send"))
                        skip.add(sent[0].id)
                    # Halve the batches for the rest of this pass; what was read ahead with
                    # the old size is read again.
                    size = max(1, len(sent) // 2)
                    continue
            if not batch:
                if busy:
                    continue  # what was in flight is settled: look again
                return
            flight = (batch, network.submit(client.push, batch))


def _settle(till: Till, result: SyncResult, skip: set[str], batch: list[WireEvent],
            answer: PushResponse, before_mark: BeforeMark | None) -> None:
    """Mark what the server confirmed; remember what it refused (it stays in the outbox)."""
    if before_mark is not None:
        before_mark(answer)
    sent = {w.id for w in batch}
    accepted = set(answer.accepted) & sent
    duplicate = set(answer.duplicate) & sent
    till.sync.confirm(accepted | duplicate)
    result.pushed += len(accepted)
    result.duplicates += len(duplicate)
    result.touched |= {w.member_id for w in batch if w.member_id}
    for refusal in answer.rejected:
        if refusal.id in sent and refusal.id not in skip:
            result.rejected.append(refusal)
            skip.add(refusal.id)
    # Ids the server did not mention stay in the outbox; skip them for this pass so a
    # server that answers nothing cannot keep us looping.
    unanswered = sent - accepted - duplicate - skip
    for event_id in sorted(unanswered):
        result.rejected.append(Rejected(id=event_id, reason="the server did not answer"))
    skip |= unanswered


def _record(event: ServerEvent) -> ledger.EventRecord:
    return ledger.EventRecord(*(getattr(event, c) for c in ledger.COLUMNS))


def pull_events(till: Till, client: SyncClient, result: SyncResult, me: ledger.Origin,
                *, limit: int = PULL_LIMIT) -> None:
    """Apply the organisation's new events page by page, each page with its cursor.

    The next page is fetched while this one is applied (reading ahead changes nothing: the
    cursor still moves only with the page it covers).
    """
    cursor = till.sync.cursor(keys.EVENTS_CURSOR)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="klipp-pull") as network:
        ahead = network.submit(client.pull, after=cursor, limit=limit)
        while True:
            page = ahead.result()
            if page.cursor < cursor:
                raise ProtocolError("the server's event cursor went backwards (was it restored"
                                    " from a backup?)")
            if any(e.org_id != me.org_id for e in page.events):
                raise ProtocolError("the server sent another organisation's events")
            last = not page.more or (not page.events and page.cursor == cursor)
            if not last:
                ahead = network.submit(client.pull, after=page.cursor, limit=limit)
            records = [_record(e) for e in page.events]
            try:
                changes = till.sync.apply_page(records, after=cursor, cursor=page.cursor)
            except CursorMoved:
                raise SyncBusy("another sync moved this till's cursor") from None
            except ForeignEvents:
                raise ProtocolError("the server sent another organisation's events") from None
            cursor = page.cursor
            result.pulled += len(changes.events)
            result.touched |= changes.members
            if last:
                return


# --- profiles -------------------------------------------------------------------------------

def push_profiles(till: Till, client: SyncClient, result: SyncResult, me: ledger.Origin) -> None:
    """Send the profile fields edited here since the last confirmed push."""
    edits = till.sync.profile_edits(me.device_id)
    for start in range(0, len(edits), BATCH_SIZE):
        chunk = edits[start : start + BATCH_SIZE]
        answer = client.push_profiles(to_change(e) for e in chunk)
        till.sync.profiles_pushed(max(e.newest for e in chunk))
        result.profiles_pushed += answer.applied


def pull_profiles(till: Till, client: SyncClient, result: SyncResult, me: ledger.Origin,
                  *, limit: int = PULL_LIMIT) -> None:
    """Merge the organisation's profiles by stamp, page by page, each page with its cursor."""
    while True:
        cursor = till.sync.cursor(keys.PROFILES_CURSOR)
        page = client.pull_profiles(after=cursor, limit=limit)
        if page.cursor < cursor:
            raise ProtocolError("the server's profile cursor went backwards")
        changes = till.sync.apply_profiles([from_server(p) for p in page.profiles],
                                           cursor=page.cursor)
        result.profiles_pulled += len(changes.members)
        if not page.more or (not page.profiles and page.cursor == cursor):
            return


# --- balance check and self-repair ----------------------------------------------------------

def _as_wire(balances: dict[str, Balance]) -> dict[str, MemberBalance]:
    return {m: MemberBalance(member_id=m, stamps=b.stamps, points=b.points,
                             cashback_minor=b.cashback_minor) for m, b in balances.items()}


def check_balances(till: Till, client: SyncClient, result: SyncResult, me: ledger.Origin, *,
                   sample: int = 0) -> None:
    """Compare members touched in this pass (or a sample) with the server; repair differences.

    A member that missed events the server had (at or below our pull cursor) gets them from
    GET /v1/members/{id}/events and counts as repaired; one that still differs is reported.
    """
    wanted = sorted(result.touched)[:CHECK_LIMIT]
    if len(wanted) < sample:
        wanted = sorted(set(wanted) | set(till.sync.sample(me.org_id, sample)))
    local = _as_wire(till.sync.balances(wanted))
    cursor = till.sync.cursor(keys.EVENTS_CURSOR)
    if not local:
        return
    answer = client.check(local.values())
    result.checked += len(local)
    for theirs in answer.mismatched:
        if theirs.member_id not in local:
            continue
        missed = repair_member(till, client, me, theirs.member_id, cursor=cursor)
        now = _as_wire(till.sync.balances([theirs.member_id])).get(theirs.member_id)
        if now is not None and now != theirs:
            # Same events, different totals: the local cache itself is wrong. Rebuild it.
            till.sync.rebuild_member(theirs.member_id)
            now = _as_wire(till.sync.balances([theirs.member_id])).get(theirs.member_id)
            missed += now == theirs
        if missed:
            result.repaired += 1
        if now is not None and now != theirs:  # None: written to meanwhile, not comparable
            result.diverged.append(theirs.member_id)


def repair_member(till: Till, client: SyncClient, me: ledger.Origin, member_id: str, *,
                  cursor: int) -> int:
    """Apply the server's events of one member that this till lacks; returns how many of them
    it should already have had (server cursor at or below `cursor`)."""
    after = 0
    missed = 0
    while True:
        try:
            page = client.member_events(member_id, after=after)
        except ServerRefused as exc:
            if exc.status == 404:  # the server has no events of this member: nothing to fetch
                return missed
            raise
        events = [e for e in page.events if e.member_id == member_id and e.org_id == me.org_id]
        if len(events) != len(page.events):
            raise ProtocolError("the server answered with events of another member")
        fresh = {r.id for r in till.sync.apply_member_events([_record(e) for e in events]).events}
        missed += sum(1 for e in events if e.id in fresh and e.server_seq <= cursor)
        if not page.more or page.cursor <= after:
            return missed
        after = page.cursor
