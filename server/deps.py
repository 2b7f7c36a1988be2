"""What each request needs: the server's state, the calling till or admin, the rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from kiosk.clock import Clock
from server import credentials, db, tenants
from server.errors import Forbidden, Unauthorised
from server.ratelimit import Buckets
from server.settings import ServerSettings

T = TypeVar("T")

till_bearer = HTTPBearer(auto_error=False, scheme_name="TillToken",
                         description="The token a till got at enrolment.")
admin_bearer = HTTPBearer(auto_error=False, scheme_name="AdminToken",
                          description="KLIPP_ADMIN_TOKEN.")


class RateLimited(Exception):
    """Too many requests from one caller; retry after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too many requests; retry in {seconds:.1f} s")
        self.seconds = seconds


@dataclass
class ServerState:
    """Everything the routes share, kept on app.state.klipp."""

    settings: ServerSettings
    engine: Engine
    clock: Clock
    till_buckets: Buckets
    enrol_buckets: Buckets

    def write(self, fn: Callable[[Connection], T], *, attempts: int = 3) -> T:
        """Run fn in one write transaction, retrying a deadlock PostgreSQL broke for us."""
        for attempt in range(attempts):
            try:
                with db.writing(self.engine) as conn:
                    return fn(conn)
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None)
                if code not in ("40P01", "40001") or attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def read(self, fn: Callable[[Connection], T]) -> T:
        """Run fn in one read transaction."""
        with db.reading(self.engine) as conn:
            return fn(conn)


def state(request: Request) -> ServerState:
    """The server's shared state, for a route."""
    return request.app.state.klipp


def current_till(request: Request,
                 creds: HTTPAuthorizationCredentials | None = Depends(till_bearer),
                 st: ServerState = Depends(state)) -> tenants.TillIdentity:
    """The enrolled till behind the bearer token; 401 otherwise, 429 when it asks too often."""
    if creds is None:
        raise Unauthorised("A till token is required (Authorization: Bearer ...).")
    till = st.read(lambda conn: tenants.authenticate(conn, creds.credentials))
    if till is None:
        raise Unauthorised("That token is not valid or has been revoked.")
    request.state.device_id = till.device_id
    wait = st.till_buckets.take(till.device_id)
    if wait:
        raise RateLimited(wait)
    return till


def require_admin(creds: HTTPAuthorizationCredentials | None = Depends(admin_bearer),
                  st: ServerState = Depends(state)) -> None:
    """Only the holder of KLIPP_ADMIN_TOKEN passes; with none configured, nobody does."""
    if not st.settings.admin_token:
        raise Forbidden("The admin API is off: set KLIPP_ADMIN_TOKEN to use it.")
    if creds is None:
        raise Unauthorised("The admin token is required (Authorization: Bearer ...).")
    if not credentials.same_secret(creds.credentials, st.settings.admin_token):
        raise Unauthorised("That admin token is not valid.")


def enrol_limit(request: Request, st: ServerState = Depends(state)) -> None:
    """Slow down pairing-code guessing from any one address."""
    address = request.client.host if request.client else "unknown"
    wait = st.enrol_buckets.take(address)
    if wait:
        raise RateLimited(wait)
