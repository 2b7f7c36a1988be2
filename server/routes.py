"""The till API (/v1): thin routes over the modules that hold the rules. See sync/protocol.py."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server import balances, feed, ingest, profiles, reports, tenants
from server.deps import ServerState, current_till, enrol_limit, state
from server.schemas import DailyReport, ErrorBody, Health
from sync.protocol import (
    MAX_BATCH,
    UUID_PATTERN,
    BalanceCheckRequest,
    BalanceCheckResponse,
    ConflictsResponse,
    EnrolRequest,
    EnrolResponse,
    ProfilePullResponse,
    ProfilePush,
    ProfilePushResponse,
    PullResponse,
    PushRequest,
    PushResponse,
)

MAX_CURSOR = 2**63 - 1


def errors(*codes: int) -> dict[int | str, dict]:
    """OpenAPI entries for the error answers a route can give; all are ErrorBody."""
    text = {
        401: "No token, or an unknown or revoked one.",
        403: "Refused (pairing code wrong, used or expired; admin API off).",
        404: "Not found in the caller's organisation.",
        409: "Contradicts what the server holds.",
        413: "Request body larger than the limit (4 MiB).",
        422: "Malformed input: the detail names the first problem.",
        429: "Too many requests; see Retry-After.",
        501: "Not available on this server.",
        503: "The database is unavailable; retry later.",
    }
    return {code: {"model": ErrorBody, "description": text[code]} for code in codes}


TILL_ERRORS = errors(401, 413, 422, 429, 503)
router = APIRouter(prefix="/v1")
Till = Annotated[tenants.TillIdentity, Depends(current_till)]
State = Annotated[ServerState, Depends(state)]
After = Annotated[int, Query(ge=0, le=MAX_CURSOR, description="Cursor of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_BATCH, description="Page size.")]


@router.get("/health", response_model=Health, tags=["till"], responses=errors(503))
def health(st: State) -> Health:
    """The server is up and its database answers."""
    st.read(lambda conn: conn.execute(text("SELECT 1")).scalar_one())
    return Health(status="ok")


@router.post("/enrol", response_model=EnrolResponse, tags=["till"],
             dependencies=[Depends(enrol_limit)], responses=errors(403, 409, 413, 422, 429))
def enrol(body: EnrolRequest, st: State) -> EnrolResponse:
    """Spend a one-time pairing code: the till gets its own token and its org and shop."""
    return st.write(lambda conn: tenants.enrol(conn, st.clock, body))


@router.post("/events", response_model=PushResponse, tags=["till"], responses=TILL_ERRORS)
def push_events(body: PushRequest, till: Till, st: State) -> PushResponse:
    """Store a batch; each event id is accepted once, repeats are duplicates, others refused."""
    outcome = st.write(lambda conn: ingest.push(conn, st.clock, till, body.events))
    return outcome.response()


@router.get("/events", response_model=PullResponse, tags=["till"], responses=TILL_ERRORS)
def pull_events(till: Till, st: State, after: After = 0, limit: Limit = 500) -> JSONResponse:
    """The organisation's events after the cursor, in server order; `more` when not all fit."""
    page = st.read(lambda conn: feed.pull(conn, org_id=till.org_id, after=after, limit=limit))
    return JSONResponse(page)


@router.get("/members/{member_id}/events", response_model=PullResponse, tags=["till"],
            responses=TILL_ERRORS)
def member_events(member_id: Annotated[str, Path(pattern=UUID_PATTERN)], till: Till,
                  st: State, after: After = 0, limit: Limit = 1000) -> JSONResponse:
    """One member's events in the organisation, for a till repairing that member.

    A member the organisation has no events of gets an empty page, whoever else has them.
    """
    page = st.read(lambda conn: feed.member_events(
        conn, org_id=till.org_id, member_id=member_id, after=after, limit=limit))
    return JSONResponse(page)


@router.post("/profiles", response_model=ProfilePushResponse, tags=["till"],
             responses=TILL_ERRORS)
def push_profiles(body: ProfilePush, till: Till, st: State) -> ProfilePushResponse:
    """Merge profile fields, last writer wins per field; `applied` and `stale_fields` count fields.

    Writes for an erased member change nothing and count as stale.
    """
    return st.write(lambda conn: profiles.push(conn, st.clock, org_id=till.org_id,
                                               changes=body.profiles))


@router.get("/profiles", response_model=ProfilePullResponse, tags=["till"],
            responses=TILL_ERRORS)
def pull_profiles(till: Till, st: State, after: After = 0, limit: Limit = 500
                  ) -> ProfilePullResponse:
    """Profiles changed after the cursor; an erased member comes with `erased` and no fields."""
    return st.read(lambda conn: profiles.pull(conn, org_id=till.org_id, after=after,
                                              limit=limit))


@router.post("/check", response_model=BalanceCheckResponse, tags=["till"],
             responses=TILL_ERRORS)
def check_balances(body: BalanceCheckRequest, till: Till, st: State) -> BalanceCheckResponse:
    """The server's figures for the members whose till balances differ from the server's."""
    mismatched = st.read(lambda conn: balances.check(conn, org_id=till.org_id,
                                                     balances=body.balances))
    return BalanceCheckResponse(mismatched=mismatched)


@router.get("/conflicts", response_model=ConflictsResponse, tags=["till"],
            responses=TILL_ERRORS)
def conflicts(till: Till, st: State) -> ConflictsResponse:
    """Members whose balances sum below zero, with the redemptions that took them there."""
    return ConflictsResponse(conflicts=st.read(
        lambda conn: balances.conflicts(conn, org_id=till.org_id)))


@router.get("/reports/daily", response_model=DailyReport, tags=["till"],
            responses={**TILL_ERRORS, **errors(404, 501)})
def daily_report(till: Till, st: State, day: Annotated[date, Query()],
                 shop_id: Annotated[str | None, Query(pattern=UUID_PATTERN)] = None
                 ) -> JSONResponse:
    """The day's summary (kiosk.reports) for one shop of the organisation, or for all."""
    summary = st.read(lambda conn: reports.daily(conn, org_id=till.org_id, day=day,
                                                 shop_id=shop_id))
    return JSONResponse(jsonable_encoder(summary))
