"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, between a till and the server, for tests.

Each request from the till is read whole and, by configurable probabilities, is:
- `drop_request`: not forwarded; the till's connection is closed (the server saw nothing);
- `drop_response`: forwarded and answered by the server (committed), then the till's
  connection is closed without the answer;
- `duplicate`: forwarded twice; the till gets the second answer;
- `delay`: held for a random time in `delay_seconds` before forwarding;
- `reorder`: held until another request (of any till) has gone through, or `hold_seconds`;
  counted as `reorder` only when another request did overtake it (`reorder_missed` if not);
- `replay`: forwarded normally, and a copy is sent again after a later request (a stale
  retransmission arriving out of order; its answer goes nowhere);
- `cut`: forwarded, then only half of the answer is sent before the connection is cut;
- `error`: answered by the proxy itself with `error_status` (the server saw nothing).
`silent=True` accepts connections and never answers. Faults apply to requests whose path
starts with one of `paths` and whose method is one of `methods` (all when empty). `stats`
counts what was done.

Upstream, each forwarded request uses a fresh connection (`Connection: close`); towards the
till, answers are re-framed with Content-Length so its connection can be kept alive.

Each connection from a till draws from its own random source, derived from `seed` and the
connection's number (in the order they were accepted), so a seeded run makes the same
decisions for each connection however the threads interleave.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace

MAX_HEAD = 64 * 1024


@dataclass(frozen=True)
class Faults:
    drop_request: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    delay: float = 0.0
    delay_seconds: tuple[float, float] = (0.0, 0.05)
    reorder: float = 0.0
    hold_seconds: float = 0.3
    replay: float = 0.0
    cut: float = 0.0
    error: float = 0.0
    error_status: int = 500
    silent: bool = False
    paths: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    seed: int = 0


@dataclass
class _Request:
    method: str
    path: str
    head: bytes  # request line and headers, rewritten for upstream
    body: bytes


@dataclass
class _Response:
    status: int
    head_lines: list[bytes] = field(default_factory=list)
    body: bytes = b""

    def encode(self) -> bytes:
        lines = [line for line in self.head_lines[1:]
                 if not line.lower().startswith((b"content-length:", b"transfer-encoding:",
                                                 b"connection:"))]
        head = b"\r\n".join([self.head_lines[0], *lines,
                             b"Content-Length: " + str(len(self.body)).encode()])
        return head + b"\r\n\r\n" + self.body


@dataclass
class _Connection:
    """One till connection: its number and its own random source."""

    number: int
    seed: int | None = None
    rng: random.Random | None = None


class _Closed(Exception):
    pass


def _read_until(sock: socket.socket, buf: bytearray, marker: bytes) -> bytes:
    while True:
        at = buf.find(marker)
        if at >= 0:
            out = bytes(buf[:at])
            del buf[: at + len(marker)]
            return out
        if len(buf) > MAX_HEAD:
            raise _Closed("header too large")
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed("eof")
        buf.extend(chunk)


def _read_exact(sock: socket.socket, buf: bytearray, size: int) -> bytes:
    while len(buf) < size:
        chunk = sock.recv(max(65536, size - len(buf)))
        if not chunk:
            raise _Closed("eof")
        buf.extend(chunk)
    out = bytes(buf[:size])
    del buf[:size]
    return out


def _headers(lines: list[bytes]) -> dict[bytes, bytes]:
    out = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        out[name.strip().lower()] = value.strip()
    return out


def _read_request(sock: socket.socket, buf: bytearray) -> _Request:
    head = _read_until(sock, buf, b"\r\n\r\n")
    lines = head.split(b"\r\n")
    method, path, _ = lines[0].decode("latin-1").split(" ", 2)
    headers = _headers(lines)
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        raise _Closed("chunked requests are not supported by the test proxy")
    body = _read_exact(sock, buf, int(headers.get(b"content-length", b"0") or 0))
    kept = [line for line in lines[1:]
            if not line.lower().startswith((b"connection:", b"keep-alive:"))]
    upstream_head = b"\r\n".join([lines[0], *kept, b"Connection: close"]) + b"\r\n\r\n"
    return _Request(method, path, upstream_head, body)


def _read_response(sock: socket.socket) -> _Response:
    buf = bytearray()
    head = _read_until(sock, buf, b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    headers = _headers(lines)
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        body = bytearray()
        while True:
            size = int(_read_until(sock, buf, b"\r\n").split(b";")[0], 16)
            if size == 0:
                _read_until(sock, buf, b"\r\n")
                break
            body.extend(_read_exact(sock, buf, size))
            _read_exact(sock, buf, 2)
        return _Response(status, lines, bytes(body))
    if b"content-length" in headers:
        return _Response(status, lines, _read_exact(sock, buf, int(headers[b"content-length"])))
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf.extend(chunk)
    return _Response(status, lines, bytes(buf))


class FaultProxy:
    """`with FaultProxy(("127.0.0.1", port), Faults(...)) as proxy:` then talk to proxy.url."""

    def __init__(self, upstream: tuple[str, int], faults: Faults | None = None, *,
                 upstream_timeout: float = 30.0) -> None:
        self.upstream = upstream
        self.upstream_timeout = upstream_timeout
        self._faults = faults or Faults()
        self._connections = 0  # numbers the connections since the last (re)seed
        self._seed_lock = threading.Lock()
        self.stats: Counter[str] = Counter()
        self._stats_lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._clients_lock = threading.Lock()
        self._stopping = threading.Event()
        self._forwarded = 0
        self._moved = threading.Condition()
        self.holding = 0  # requests held for a reordering right now (a test waits for one)
        self._stash: list[_Request] = []
        self.port = 0

    # --- control ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def faults(self) -> Faults:
        return self._faults

    def set_faults(self, faults: Faults | None = None, **changes: object) -> None:
        """Change the faults (reseeding when a new seed is given: each open connection then
        draws from the new seed, and numbering starts again for new connections)."""
        new = faults or replace(self._faults, **changes)  # type: ignore[arg-type]
        with self._seed_lock:
            if new.seed != self._faults.seed:
                self._connections = 0
            self._faults = new

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._listener is not None:
            _close(self._listener)  # shutdown() is what wakes a thread blocked in accept()
        with self._clients_lock:
            for sock in list(self._clients):
                _close(sock)
        with self._moved:
            self._moved.notify_all()
        for thread in self._threads:
            thread.join(5)

    def cut_all(self) -> None:
        """Close every connection from the tills now (a network blip)."""
        with self._clients_lock:
            for sock in list(self._clients):
                _close(sock)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- internals --------------------------------------------------------------------

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _count(self, what: str) -> None:
        with self._stats_lock:
            self.stats[what] += 1

    def _rng(self, conn: _Connection) -> random.Random:
        """The connection's random source, re-derived when the seed changed."""
        seed = self._faults.seed
        if conn.rng is None or conn.seed != seed:
            conn.seed, conn.rng = seed, random.Random(f"{seed}/{conn.number}")
        return conn.rng

    def _roll(self, conn: _Connection, p: float) -> bool:
        if p <= 0:
            return False
        return self._rng(conn).random() < p

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._clients_lock:
                self._clients.add(client)
            with self._seed_lock:
                conn = _Connection(self._connections)
                self._connections += 1
            self._spawn(self._serve, client, conn)

    def _serve(self, client: socket.socket, conn: _Connection) -> None:
        buf = bytearray()
        try:
            while not self._stopping.is_set():
                request = _read_request(client, buf)
                self._count("requests")
                if not self._handle(client, request, conn):
                    return
        except (_Closed, OSError, ValueError, IndexError):
            return
        finally:
            with self._clients_lock:
                self._clients.discard(client)
            _close(client)

    def _handle(self, client: socket.socket, request: _Request, conn: _Connection) -> bool:
        """Serve one request; False when the till's connection is to be closed."""
        faults = self._faults
        if faults.silent:
            self._count("silent")
            self._stopping.wait()
            return False
        targeted = (not faults.paths or request.path.startswith(faults.paths)) and (
            not faults.methods or request.method in faults.methods)
        if targeted and self._roll(conn, faults.error):
            self._count("error")
            body = b'{"detail":"injected failure"}'
            client.sendall(_Response(faults.error_status, [
                f"HTTP/1.1 {faults.error_status} Injected".encode(),
                b"Content-Type: application/json"], body).encode())
            return True
        if targeted and self._roll(conn, faults.drop_request):
            self._count("drop_request")
            return False
        if targeted and self._roll(conn, faults.delay):
            self._count("delay")
            time.sleep(self._rng(conn).uniform(*faults.delay_seconds))
        if targeted and self._roll(conn, faults.reorder):
            with self._moved:
                seen = self._forwarded
                self.holding += 1
                self._moved.wait_for(lambda: self._forwarded > seen or self._stopping.is_set(),
                                     faults.hold_seconds)
                self.holding -= 1
                overtaken = self._forwarded > seen
            # Only a request that went through while this one was held makes a reordering.
            self._count("reorder" if overtaken else "reorder_missed")
        response = self._forward(request)
        if targeted and self._roll(conn, faults.duplicate):
            self._count("duplicate")
            response = self._forward(request)
        self._replay_stash()
        if targeted and self._roll(conn, faults.replay):
            self._count("replay_stashed")
            with self._moved:
                self._stash.append(request)
        if targeted and self._roll(conn, faults.drop_response):
            self._count("drop_response")
            return False
        data = response.encode()
        if targeted and self._roll(conn, faults.cut):
            self._count("cut")
            client.sendall(data[: len(data) // 2])
            return False
        client.sendall(data)
        return True

    def _forward(self, request: _Request) -> _Response:
        upstream = socket.create_connection(self.upstream, timeout=self.upstream_timeout)
        try:
            upstream.sendall(request.head + request.body)
            response = _read_response(upstream)
        finally:
            _close(upstream)
        with self._moved:
            self._forwarded += 1
            self._moved.notify_all()
        self._count("forwarded")
        return response

    def _replay_stash(self) -> None:
        with self._moved:
            stash, self._stash = self._stash, []
        for old in stash:
            try:
                self._forward(old)
                self._count("replayed")
            except (OSError, _Closed):
                pass


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
