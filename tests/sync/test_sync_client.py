"""The HTTP client against a real server: errors in a cashier's words, retries only where
safe, TLS verified, the token kept out of URLs and logs; plus back-off and the sync lock."""

from __future__ import annotations

import logging
import random
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import ledger
from kiosk.errors import InvalidInput
from sync.backoff import Backoff
from sync.client import SyncClient
from sync.errors import (
    PairingRevoked,
    ServerError,
    ServerRefused,
    ServerUnreachable,
    ServerUntrusted,
    SyncBusy,
)
from sync.lock import SyncLock
from sync.protocol import EnrolRequest
from sync.reconcile import run_once
from tests.support.faultproxy import FaultProxy, Faults
from tests.support.live_server import LiveServer, free_port

from .conftest import CLIENT, Shop, events_of, events_of_device, register

FAST_FAIL = {**CLIENT, "read_timeout": 0.5}


def _seed_losing_only_the_first(p: float) -> int:
    """A seed whose first draw falls under p and whose next does not, on the same connection
    or on the next one (the fault proxy derives each connection's source from the seed)."""
    for seed in range(1000):
        first = random.Random(f"{seed}/0")
        if first.random() < p <= first.random() and p <= random.Random(f"{seed}/1").random():
            return seed
    raise AssertionError("no such seed")


def test_errors_in_words_a_cashier_understands(shop: Shop, live: LiveServer) -> None:
    till = shop.till("a")
    client = shop.client(till)
    token = client._token
    assert token
    closed = SyncClient(f"http://127.0.0.1:{free_port()}", token=token, **FAST_FAIL)
    with pytest.raises(ServerUnreachable, match="^server unreachable$"):
        closed.pull(after=0)
    with FaultProxy(("127.0.0.1", live.port), Faults(error=1.0, error_status=500)) as proxy:
        broken = SyncClient(proxy.url, token=token, **FAST_FAIL)
        with pytest.raises(ServerError, match="^server error 500$"):
            broken.pull(after=0)
        proxy.set_faults(Faults(silent=True))
        with pytest.raises(ServerUnreachable, match="did not answer in time"):
            broken.pull(after=0)
        broken.close()
    shop.server.admin_revoke_device(events_of_device(till))
    with pytest.raises(PairingRevoked, match="pairing was revoked"):
        run_once(till, client)
    closed.close()


def test_push_is_retried_after_a_lost_answer_but_enrolment_never(
        shop: Shop, live: LiveServer) -> None:
    till = shop.till("a")
    register(till, 1)
    token = shop.client(till)._token
    pending = list(events_of(till).values())
    seed = _seed_losing_only_the_first(0.5)
    with FaultProxy(("127.0.0.1", live.port),
                    Faults(drop_response=0.5, seed=seed, paths=("/v1/events",))) as proxy:
        client = SyncClient(proxy.url, token=token, **CLIENT)
        answer = client.push(pending)  # committed, answer lost, sent again by the client
        assert proxy.stats["forwarded"] == 2 and proxy.stats["drop_response"] == 1
        assert sorted(answer.duplicate) == sorted(e.id for e in pending)
        assert answer.accepted == [] and answer.rejected == []
        client.close()

        proxy.set_faults(Faults(drop_response=1.0, paths=("/v1/enrol",)))
        code = live.admin_create_pairing(shop.shop["id"])
        enroller = SyncClient(proxy.url, **CLIENT)
        before = proxy.stats["forwarded"]
        with pytest.raises(ServerUnreachable):
            enroller.enrol(EnrolRequest(pairing_code=code,
                                        device_id="01a20000-0000-7000-8000-000000000001"))
        assert proxy.stats["forwarded"] == before + 1  # a one-time code is spent once
        enroller.close()


def test_token_stays_out_of_urls_logs_and_messages(shop: Shop, live: LiveServer,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # A command line run in this process may have quietened urllib3 (sync.cli): hear it here.
    for name in ("urllib3", "urllib3.connectionpool"):
        caplog.set_level(logging.DEBUG, logger=name)
    till = shop.till("a")
    client = shop.client(till)
    token = client._token
    assert token
    register(till, 2)
    run_once(till, client)
    shop.server.admin_revoke_device(events_of_device(till))
    with pytest.raises(PairingRevoked) as refused:
        run_once(till, client)
    assert token not in str(refused.value) and token not in repr(client)
    assert token not in caplog.text
    assert token not in live.log_text()
    assert "/v1/events" in caplog.text  # the logs did record the requests


def test_plain_http_only_to_this_machine() -> None:
    with pytest.raises(InvalidInput, match="https"):
        SyncClient("http://sync.example.com", token="t")
    with pytest.raises(InvalidInput):
        SyncClient("https://user:secret@sync.example.com")
    SyncClient("https://sync.example.com", token="t").close()


# --- TLS ------------------------------------------------------------------------------------

@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_front(live: LiveServer, certificate: tuple[Path, Path]) -> Iterator[str]:
    """HTTPS on a port of its own, passing the decrypted bytes to the live server."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def serve() -> None:
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except OSError:
                return
            try:
                conn = context.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError):
                raw.close()  # the client refused our certificate
                continue
            upstream = socket.create_connection(("127.0.0.1", live.port))
            threading.Thread(target=pipe, args=(conn, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{port}"
    stop.set()
    try:
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
    except OSError:
        pass
    listener.close()
    thread.join(5)


def test_tls_is_verified_against_the_given_ca_bundle(
        tls_front: str, certificate: tuple[Path, Path]) -> None:
    untrusting = SyncClient(tls_front, token="t", **FAST_FAIL)
    with pytest.raises(ServerUntrusted, match="certificate is not trusted"):
        untrusting.pull(after=0)
    untrusting.close()
    trusting = SyncClient(tls_front, token="t", ca_bundle=str(certificate[0]), **FAST_FAIL)
    assert trusting.health()
    with pytest.raises(PairingRevoked):  # through TLS to the server, which refuses token "t"
        trusting.pull(after=0)
    trusting.close()


# --- back-off and lock ----------------------------------------------------------------------

def test_backoff_grows_exponentially_with_jitter_up_to_a_cap() -> None:
    backoff = Backoff(base=1.0, cap=30.0, rng=random.Random(3))
    delays = [backoff.delay(n) for n in range(1, 10)]
    assert backoff.delay(0) == 0.0
    for n, delay in enumerate(delays, start=1):
        ceiling = min(30.0, 2.0 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert delays[-1] <= 30.0 and delays[4] > delays[0] * 4
    again = Backoff(base=1.0, cap=30.0, rng=random.Random(3))
    assert [again.delay(n) for n in range(1, 10)] == delays  # the injected source decides
    assert len({round(Backoff(rng=random.Random(s)).delay(5), 6) for s in range(5)}) > 1
    with pytest.raises(ValueError):
        Backoff(base=2.0, cap=1.0)


HOLD = """
import sys, time
from sync.lock import SyncLock
lock = SyncLock(sys.argv[1])
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_sync_lock_excludes_other_processes_and_dies_with_its_holder(
        shop: Shop, tmp_path: Path) -> None:
    till = shop.till("a")
    folder = till.store.path.parent
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncBusy):
            run_once(till, shop.client(till))
        mine = SyncLock(folder)
        assert not mine.acquire()
    finally:
        holder.kill()
        holder.wait(10)
        if holder.stdout:
            holder.stdout.close()
    assert mine.acquire()  # the killed holder's lock went with it
    other_thread_lock = SyncLock(folder)
    assert not other_thread_lock.acquire()  # a second lock in this process is refused too
    mine.release()
    run_once(till, shop.client(till))


def _bulky(tag: str, chars: int) -> ledger.NewEvent:
    """A well-formed event whose payload is about `chars` long: a purchase of many lines."""
    line = len('{"amount_minor":1,"category":"","quantity":1},') + 40
    items = [{"category": f"{tag}-{i}".ljust(40, "x")[:40], "amount_minor": 1, "quantity": 1}
             for i in range(max(1, chars // line))]
    return ledger.NewEvent(ledger.PURCHASE, None, amount_minor=len(items), currency="NOK",
                           payload={"items": items})


def test_batches_over_the_body_limit_are_split(shop: Shop) -> None:
    till = shop.till("a")
    [member] = register(till, 1)

    def write(conn, ctx):  # type: ignore[no-untyped-def]
        for i in range(60):
            ledger.append(conn, ctx.origin, ctx.clock, _bulky(str(i), 1000))
        return ledger.append(conn, ctx.origin, ctx.clock, _bulky("y", 8000)).id

    huge = till.run(write)
    waiting = till.pending_count()
    # A server that takes at most 5 kB per request: the till sends smaller batches, and the
    # one event larger than that on its own is kept back and reported.
    result = run_once(till, shop.client(till, max_body_bytes=5_000))
    assert result.pushed == waiting - 1
    assert [r.id for r in result.invalid] == [huge] and till.pending_count() == 1


def test_a_413_from_the_server_splits_the_batch(shop: Shop) -> None:
    till = shop.till("a")
    [member] = register(till, 1)

    def write(conn, ctx):  # type: ignore[no-untyped-def]
        for i in range(500):
            ledger.append(conn, ctx.origin, ctx.clock, _bulky(f"{i:04d}", 8100))

    till.run(write)
    waiting = till.pending_count()
    # 500 such events make a body over the server's 4 MiB; the till does not know the limit.
    result = run_once(till, shop.client(till, max_body_bytes=64 * 1024 * 1024))
    assert result.pushed == waiting and result.invalid == [] and till.pending_count() == 0
    assert "POST /v1/events 413" in shop.server.log_text()  # the server did refuse at first


def test_a_push_the_server_refuses_still_lets_the_till_pull(shop: Shop, live: LiveServer) -> None:
    other = shop.till("other")
    with FaultProxy(("127.0.0.1", live.port)) as proxy:
        till = shop.till("a", url=proxy.url)
        register(till, 1)
        stamped = register(other, 1)
        run_once(other, shop.client(other))
        proxy.set_faults(Faults(error=1.0, error_status=422, paths=("/v1/events",),
                                methods=("POST",)))
        with pytest.raises(ServerRefused, match=r"refused the request \(422\)"):
            run_once(till, shop.client(till))
    assert stamped[0] in {e.member_id for e in events_of(till).values()}
    assert till.pending_count() > 0
