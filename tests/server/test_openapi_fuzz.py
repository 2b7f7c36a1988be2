"""Schemathesis against the live server's own OpenAPI: whatever it sends, never a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from server import admin, routes
from tests.support.live_server import LiveServer

UNLIMITED = {"rate_per_second": 100_000, "rate_burst": 100_000,
             "enrol_rate_per_second": 100_000, "enrol_burst": 100_000}


@pytest.fixture(scope="module")
def fuzz_server(pg_url: str) -> Iterator[LiveServer]:
    # A server of its own, so the fuzzing neither hits nor drains the others' rate limits.
    with LiveServer(pg_url, settings=UNLIMITED) as live:
        yield live


@pytest.fixture(scope="module")
def fuzz_till(fuzz_server: LiveServer) -> dict[str, Any]:
    org = fuzz_server.admin_create_org("Fuzz AS")
    return fuzz_server.enrol_till(fuzz_server.admin_create_shop(org["id"], "Fuzz")["id"])


def _operations() -> list[tuple[str, str]]:
    return sorted((method, route.path) for router in (routes.router, admin.router)
                  for route in router.routes for method in route.methods)


OPERATIONS = _operations()


@pytest.fixture(scope="module")
def live_schema(fuzz_server: LiveServer) -> Any:
    return schemathesis.openapi.from_url(fuzz_server.base_url + "/openapi.json")


def test_the_live_description_lists_every_route(live_schema: Any) -> None:
    described = sorted((op.ok().method.upper(), op.ok().path)
                       for op in live_schema.get_all_operations())
    assert described == OPERATIONS


# Invalid input needs some input to spoil: the health check takes none.
CASES = [pytest.param(m, p, mode, id=f"{m} {p} {mode.value}") for m, p in OPERATIONS
         for mode in GenerationMode if not (p == "/v1/health" and mode is GenerationMode.NEGATIVE)]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_no_input_makes_a_server_error(method: str, path: str, mode: GenerationMode,
                                       live_schema: Any, fuzz_server: LiveServer,
                                       fuzz_till: dict[str, Any]) -> None:
    token = fuzz_server.admin_token if path.startswith("/v1/admin") else fuzz_till["token"]
    operation = live_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case: Any) -> None:
        case.call_and_validate(headers=fuzz_server.auth(token), checks=[not_a_server_error])

    fuzz()
