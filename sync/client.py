"""The till's HTTP client for the server's /v1 API (sync/protocol.py is the contract).

Every request has a connect and a read timeout; TLS is verified (optionally against a CA
bundle); the token travels only in the Authorization header. Retries happen only where a
repeat is harmless: reads, pushes (the server keeps each event id once), profile pushes (last
writer wins by stamp) and balance checks; enrolment spends a one-time code and is never
retried. Failures become sync.errors with one line a cashier understands.

Threading: one client per worker thread. `abort()` may be called from any thread: it cuts the
connections in flight so a worker that is stopping does not wait out a read timeout.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from kiosk.errors import InvalidInput
from kiosk.ids import is_uuid
from kiosk.ledger import EventRecord
from kiosk.till import Till
from sync.errors import (
    BatchTooLarge,
    NotPaired,
    PairingRevoked,
    ProtocolError,
    ServerError,
    ServerRefused,
    ServerUnreachable,
    ServerUntrusted,
)
from sync.protocol import (
    API_PREFIX,
    MAX_BODY_BYTES,
    BalanceCheckRequest,
    BalanceCheckResponse,
    ConflictsResponse,
    EnrolRequest,
    EnrolResponse,
    MemberBalance,
    ProfileChange,
    ProfilePullResponse,
    ProfilePush,
    ProfilePushResponse,
    PullResponse,
    PushResponse,
    WireEvent,
)

log = logging.getLogger("klipp.sync.client")

M = TypeVar("M", bound=BaseModel)
_WIRE_LIST = TypeAdapter(list[WireEvent])

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 15.0
# A pull page of 1000 events at the payload limit is ~9 MB; anything far beyond is not ours.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
# Statuses worth one more try: a proxy or load balancer between restarts.
RETRY_STATUSES = frozenset({502, 503, 504})
_USER_AGENT = "klipp-till-sync/1"


class _Sockets:
    """The sockets a client has open, so `abort()` can cut them from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self.aborted = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            if self.aborted:
                # urllib3 would retry a cut request on a new connection; refuse it.
                sock.close()
                raise ConnectionAbortedError("the sync client was stopped")
            self._open = {s for s in self._open if s.fileno() != -1}
            self._open.add(sock)

    def cut_all(self) -> None:
        with self._lock:
            self.aborted = True
            socks, self._open = list(self._open), set()
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _adapter(sockets: _Sockets, retry: Retry, pool: int) -> HTTPAdapter:
    """An HTTPAdapter whose connections register their sockets with `sockets`."""

    class TrackedHTTP(HTTPConnection):
        def connect(self) -> None:
            super().connect()
            sockets.add(self.sock)

    class TrackedHTTPS(HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            sockets.add(self.sock)

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = TrackedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = TrackedHTTPS

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    return Adapter(max_retries=retry, pool_connections=1, pool_maxsize=pool)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, *, allow_insecure: bool = False) -> str:
    """The base URL without a trailing slash; plain http only to this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidInput(f"{url[:80]!r} is not a server address (https://...).")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidInput("The server address must not carry a name, password or query.")
    if parts.scheme == "http" and not (allow_insecure or _is_loopback(parts.hostname)):
        raise InvalidInput("The server address must start with https:// (plain http would"
                           " expose the till's token).")
    return url.strip().rstrip("/")


class SyncClient:
    """Calls to the server's API, answered as sync.protocol models or raised as SyncErrors."""

    def __init__(self, base_url: str, *, token: str | None = None, ca_bundle: str | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
                 retries: int = 2, retry_backoff: float = 0.2, allow_insecure: bool = False,
                 max_response_bytes: int = MAX_RESPONSE_BYTES,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.base_url = check_server_url(base_url, allow_insecure=allow_insecure)
        self._token = token
        self.timeout = (connect_timeout, read_timeout)
        self.max_response_bytes = max_response_bytes
        self.max_body_bytes = max_body_bytes
        self._sockets = _Sockets()
        self._session = requests.Session()
        # Proxies and CA bundles from the environment would silently change where the token
        # goes and whom we trust; the till says explicitly.
        self._session.trust_env = False
        self._session.verify = ca_bundle if ca_bundle else True
        self._session.headers["User-Agent"] = _USER_AGENT
        self._session.headers["Accept"] = "application/json"
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"
        safe = Retry(
            total=retries, connect=retries, read=retries, status=retries, other=0,
            allowed_methods=frozenset({"GET", "POST"}), status_forcelist=RETRY_STATUSES,
            backoff_factor=retry_backoff, backoff_max=2.0, raise_on_status=False,
            respect_retry_after_header=False, redirect=0,
        )
        self._session.mount("https://", _adapter(self._sockets, safe, 2))
        self._session.mount("http://", _adapter(self._sockets, safe, 2))
        # Longest prefix wins: enrolment spends a one-time code, so it is never repeated.
        once = Retry(total=0, connect=0, read=0, status=0, redirect=0, raise_on_status=False)
        self._session.mount(self._url("/enrol"), _adapter(self._sockets, once, 1))

    def __repr__(self) -> str:  # the token stays out of logs and tracebacks
        return f"SyncClient({self.base_url!r}, paired={self._token is not None})"

    @property
    def paired(self) -> bool:
        return self._token is not None

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    # --- the API ----------------------------------------------------------------------

    def enrol(self, request: EnrolRequest) -> EnrolResponse:
        """Spend a pairing code for a token and the shop's identity (never retried)."""
        return self._call("POST", "/enrol", EnrolResponse, body=request, enrolling=True)

    def push(self, events: Sequence[WireEvent | EventRecord]) -> PushResponse:
        """Send a batch of events; the answer sorts their ids into accepted/duplicate/rejected."""
        wire = [e if isinstance(e, WireEvent) else WireEvent.from_record(e) for e in events]
        body = b'{"events":' + _WIRE_LIST.dump_json(wire) + b"}"
        if len(body) > self.max_body_bytes:
            raise BatchTooLarge()
        return self._call("POST", "/events", PushResponse, raw_body=body)

    def pull(self, *, after: int, limit: int = 1000) -> PullResponse:
        """The organisation's events after a server cursor."""
        return self._call("GET", "/events", PullResponse, params={"after": after, "limit": limit})

    def push_profiles(self, changes: Iterable[ProfileChange]) -> ProfilePushResponse:
        return self._call("POST", "/profiles", ProfilePushResponse,
                          body=ProfilePush(profiles=list(changes)))

    def pull_profiles(self, *, after: int, limit: int = 1000) -> ProfilePullResponse:
        return self._call("GET", "/profiles", ProfilePullResponse,
                          params={"after": after, "limit": limit})

    def check(self, balances: Iterable[MemberBalance]) -> BalanceCheckResponse:
        """The server's figures for those of these members whose balances differ."""
        return self._call("POST", "/check", BalanceCheckResponse,
                          body=BalanceCheckRequest(balances=list(balances)))

    def member_events(self, member_id: str, *, after: int = 0) -> PullResponse:
        """One member's events, to repair a divergence."""
        if not (is_uuid(member_id) and len(member_id) == 36):
            raise ValueError("member_id must be a UUID")
        return self._call("GET", f"/members/{member_id}/events", PullResponse,
                          params={"after": after})

    def conflicts(self) -> ConflictsResponse:
        return self._call("GET", "/conflicts", ConflictsResponse)

    def health(self) -> bool:
        """True when the server answers its health check."""
        try:
            data = json.loads(self._request("GET", "/health", params=None, data=None,
                                            enrolling=False))
        except (ServerRefused, ValueError):
            return False
        return isinstance(data, dict) and data.get("status") == "ok"

    def abort(self) -> None:
        """Cut every connection in flight and refuse new ones until `resume()` (any thread).

        The caller of a cut request sees ServerUnreachable.
        """
        self._sockets.cut_all()

    def resume(self) -> None:
        """Allow requests again after `abort()`."""
        self._sockets.aborted = False

    def close(self) -> None:
        self._session.close()

    # --- plumbing ---------------------------------------------------------------------

    def _call(self, method: str, path: str, answer: type[M], *, body: BaseModel | None = None,
              raw_body: bytes | None = None, params: dict[str, Any] | None = None,
              enrolling: bool = False) -> M:
        if not enrolling and not self._token:
            raise NotPaired("this till is not paired with a server")
        data = raw_body if raw_body is not None else (
            body.model_dump_json().encode() if body is not None else None)
        content = self._request(method, path, params=params, data=data, enrolling=enrolling)
        try:
            return answer.model_validate_json(content)
        except ValidationError:
            raise ProtocolError("the server sent an answer this till does not understand"
                                ) from None

    def _request(self, method: str, path: str, *, params: dict[str, Any] | None,
                 data: bytes | None, enrolling: bool) -> bytes:
        """The body of a successful answer; failures raised as SyncErrors."""
        headers = {"Content-Type": "application/json"} if data is not None else None
        try:
            resp = self._session.request(
                method, self._url(path), params=params,
                data=data, headers=headers,
                timeout=self.timeout, allow_redirects=False, stream=True)
            try:
                content = self._read_capped(resp)
            finally:
                resp.close()
        except requests.exceptions.SSLError:
            raise ServerUntrusted("the server's certificate is not trusted (check the CA bundle)"
                                  ) from None
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ConnectionError) as exc:
            if _timed_out(exc):
                raise ServerUnreachable("server unreachable (it did not answer in time)"
                                        ) from None
            raise ServerUnreachable("server unreachable") from None
        except requests.exceptions.Timeout:
            raise ServerUnreachable("server unreachable (it did not answer in time)") from None
        except requests.exceptions.RequestException as exc:
            log.debug("request failed: %s", type(exc).__name__)
            raise ServerUnreachable("server unreachable") from None
        if resp.status_code >= 300:
            self._raise_for(resp.status_code, content, enrolling=enrolling)
        return content

    def _read_capped(self, resp: requests.Response) -> bytes:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            raise ProtocolError("the server's answer is too large")
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(256 * 1024):
            size += len(chunk)
            if size > self.max_response_bytes:
                raise ProtocolError("the server's answer is too large")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _raise_for(status: int, content: bytes, *, enrolling: bool) -> None:
        detail = _detail(content)
        if status >= 500:
            raise ServerError(status)
        if enrolling and status in (400, 401, 403, 404, 409, 410, 422):
            raise ServerRefused(f"the pairing code was not accepted{detail}", status)
        if status in (401, 403):
            raise PairingRevoked("this till's pairing was revoked; a manager must pair it again")
        if status == 429:
            raise ServerRefused("the server is busy (too many requests); trying again later",
                                status)
        if status == 413:
            raise BatchTooLarge()
        if 300 <= status < 400:
            raise ServerRefused(f"the server answered with a redirect ({status}); check its"
                                " address", status)
        raise ServerRefused(f"the server refused the request ({status}){detail}", status)


def _timed_out(exc: BaseException) -> bool:
    text = repr(exc).lower()
    return "timed out" in text or "timeout" in text


def _detail(content: bytes) -> str:
    """The server's one-line reason, shortened and stripped of control characters."""
    try:
        detail = json.loads(content).get("detail")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(detail, str):
        return ""
    clean = "".join(c for c in detail if c.isprintable())[:160]
    return f": {clean}" if clean else ""


def client_for(till: Till, **options: Any) -> SyncClient:
    """A client for the server this till was enrolled with (NotPaired if it never was)."""
    pairing = till.sync.pairing()
    url, token, ca_bundle = pairing.url, pairing.token, pairing.ca_bundle
    if not url or not token:
        raise NotPaired("this till is not paired with a server")
    options.setdefault("ca_bundle", ca_bundle or None)
    return SyncClient(url, token=token, **options)
