"""The fault proxy itself: its counts are true and a seeded run repeats itself.

Other tests trust `proxy.stats` ("there were reorderings") and reuse seeds to reproduce a
failure; both need the proxy to be honest. A tiny real HTTP server stands upstream.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.faultproxy import FaultProxy, Faults


class _Ok(BaseHTTPRequestHandler):
    # An HTTP/1.0 status line would make the client reconnect after every answer, and a new
    # connection is a new random source: keep one connection per till, as the tills do.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server spelling
        body = b'{"ok":true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[tuple[str, int]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ("127.0.0.1", server.server_address[1])
    server.shutdown()
    server.server_close()


def _statuses(conn: http.client.HTTPConnection, count: int) -> list[int]:
    out = []
    for _ in range(count):
        conn.request("GET", "/v1/events")
        response = conn.getresponse()
        response.read()
        out.append(response.status)
    return out


def test_a_held_request_that_nothing_overtook_is_not_a_reordering(upstream) -> None:
    # One till, one request at a time: every request is held, none can be overtaken.
    with FaultProxy(upstream, Faults(reorder=1.0, hold_seconds=0.01)) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
        assert _statuses(conn, 10) == [200] * 10
        conn.close()
        assert proxy.stats["reorder"] == 0
        assert proxy.stats["reorder_missed"] == 10


def test_a_held_request_overtaken_by_another_is_a_reordering(upstream) -> None:
    with FaultProxy(upstream, Faults(reorder=1.0, hold_seconds=3600,
                                     paths=("/v1/events",))) as proxy:
        held = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=60)
        done: list[int] = []
        first = threading.Thread(target=lambda: done.extend(_statuses(held, 1)))
        first.start()
        # Only once it is held: sent earlier, the other request could pass before the first
        # arrives, and the first would then wait its whole hold (seen on a loaded machine).
        deadline = time.monotonic() + 30
        while proxy.holding == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proxy.holding == 1
        # A request outside the faulted paths goes straight through and releases the held one.
        other = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=60)
        other.request("GET", "/v1/health")
        other.getresponse().read()
        first.join(60)
        assert done == [200]
        assert proxy.stats["reorder"] >= 1
        held.close()
        other.close()


def _seeded_run(upstream: tuple[str, int], order: str) -> dict[str, list[int]]:
    """Two connections, opened A then B, each sending 30 requests; `order` says who goes first."""
    with FaultProxy(upstream, Faults(error=0.5, error_status=503, seed=42)) as proxy:
        conns = {}
        for name in "AB":  # accepted in this order: A is connection 0, B connection 1
            conns[name] = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
            conns[name].request("GET", "/v1/health")
            conns[name].getresponse().read()
        out = {name: _statuses(conns[name], 30) for name in order}
        for conn in conns.values():
            conn.close()
    return out


def test_a_seeded_run_makes_the_same_decisions_per_connection(upstream) -> None:
    first = _seeded_run(upstream, "AB")
    second = _seeded_run(upstream, "BA")  # the other interleaving
    assert first == second
    assert 503 in first["A"] and 200 in first["A"]  # the faults really were drawn
    assert first["A"] != first["B"]  # and each connection has its own source
