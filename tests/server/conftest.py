"""A real server on a real PostgreSQL database, shared by the module; tenants made per test."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
import requests

from tests.support.live_server import LiveServer, wire_event
from tests.support.pg import connect, require_postgres, temp_database


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (fails loudly without PostgreSQL)."""
    require_postgres()
    with temp_database("klipp_server") as url:
        yield url


@pytest.fixture(scope="session")
def server(pg_url: str) -> Iterator[LiveServer]:
    """The server as a subprocess on the session's database, with generous rate limits."""
    with LiveServer(pg_url, settings={"rate_per_second": 1000, "rate_burst": 1000,
                                      "enrol_burst": 1000}) as live:
        yield live


# The least payload each kind takes (kiosk.events), for tests that do not care about it.
MINIMAL_PAYLOADS = {
    "redeem": '{"title": "Gratis kaffe"}',
    "coupon_used": '{"title": "Velkommen"}',
    "reversal": '{"reversed_kind": "stamp"}',
}

SCOPED = {  # table -> the column that names its organisation
    "organisation": "id", "shop": "org_id", "device": "org_id", "pairing_code": "org_id",
    "event": "org_id", "member_profile": "org_id", "program": "org_id",
}


def db_snapshot(pg: psycopg.Connection, org_id: str | None = None) -> dict[str, tuple]:
    """Count and checksum of every table (or of one organisation's rows)."""
    out = {}
    for table, column in SCOPED.items():
        where, args = (f"WHERE {column} = %s", (org_id,)) if org_id else ("", ())
        out[table] = pg.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
            f" FROM {table} t {where}", args).fetchone()
    return out


@pytest.fixture
def snapshot(pg: psycopg.Connection) -> Callable[..., dict[str, tuple]]:
    """snapshot() or snapshot(org_id): compare two to prove nothing was written."""
    return lambda org_id=None: db_snapshot(pg, org_id)


@pytest.fixture(scope="session")
def pg(pg_url: str) -> Iterator[psycopg.Connection]:
    """A plain autocommit connection to the server's database, to look behind the API."""
    with connect(pg_url) as conn:
        yield conn


@dataclass
class Till:
    """An enrolled till as the tests drive it over HTTP."""

    server: LiveServer
    enrolment: dict[str, Any]
    seqs: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    http: requests.Session = field(default_factory=requests.Session)  # one per till: threads

    @property
    def device_id(self) -> str:
        return self.enrolment["device_id"]

    @property
    def org_id(self) -> str:
        return self.enrolment["org"]["id"]

    @property
    def shop_id(self) -> str:
        return self.enrolment["shop"]["id"]

    @property
    def headers(self) -> dict[str, str]:
        return self.server.auth(self.enrolment["token"])

    def event(self, kind: str = "stamp", **fields: Any) -> dict[str, Any]:
        """A new event of this till with the next sequence number (a valid payload unless
        one is given)."""
        if kind in MINIMAL_PAYLOADS:
            fields.setdefault("payload", MINIMAL_PAYLOADS[kind])
        return wire_event(self.enrolment, next(self.seqs), kind, **fields)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.http.request(method, self.server.base_url + path,
                                 headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def push(self, *events: dict[str, Any]) -> dict[str, Any]:
        response = self.request("POST", "/v1/events", json={"events": list(events)})
        assert response.status_code == 200, response.text
        return response.json()

    def pull(self, after: int = 0, limit: int = 500) -> dict[str, Any]:
        response = self.request("GET", "/v1/events", params={"after": after, "limit": limit})
        assert response.status_code == 200, response.text
        return response.json()


@dataclass
class Tenant:
    """An organisation with one shop and the tills enrolled so far."""

    server: LiveServer
    org: dict[str, Any]
    shop: dict[str, Any]

    def till(self, shop_id: str | None = None) -> Till:
        return Till(self.server, self.server.enrol_till(shop_id or self.shop["id"]))

    def shop_of(self, name: str = "Second shop") -> dict[str, Any]:
        return self.server.admin_create_shop(self.org["id"], name)


@pytest.fixture
def make_tenant(server: LiveServer) -> Callable[..., Tenant]:
    """Make a new organisation with a shop; each test gets tenants of its own."""

    def _make(name: str = "Kaffe AS", timezone: str = "Europe/Oslo") -> Tenant:
        org = server.admin_create_org(name, timezone=timezone)
        return Tenant(server, org, server.admin_create_shop(org["id"], "Kaffebar"))

    return _make


@pytest.fixture
def tenant(make_tenant: Callable[..., Tenant]) -> Tenant:
    return make_tenant()
