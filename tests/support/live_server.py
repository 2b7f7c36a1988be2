"""The real Klipp server as a subprocess on 127.0.0.1, for tests that talk HTTP to it.

    from tests.support.live_server import LiveServer
    from tests.support.pg import temp_database

    with temp_database() as url, LiveServer(url) as server:   # started, /v1/health answers
        org = server.admin_create_org("Café Nord")             # {"id", "name", "code_prefix", ...}
        shop = server.admin_create_shop(org["id"], "Storgata")  # {"id", "org_id", "name", ...}
        till = server.enrol_till(shop["id"])                    # EnrolResponse as a dict
        requests.post(server.base_url + "/v1/events", headers=server.auth(till["token"]), ...)
        server.kill()      # SIGKILL, like a power cut
        server.start()     # same port and database again; returns base_url
        server.stop()      # SIGTERM and wait
    # leaving the `with` block stops it and deletes its temporary log (close())

The port stays the same across restarts, so a till configured with `base_url` reconnects.
The server's log (stderr and stdout) goes to `log_path`; `log_text()` reads it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ADMIN_TOKEN = "test-admin-token-" + "x" * 24
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on at this moment, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerFailed(RuntimeError):
    """The server process did not come up (the message ends with its log)."""


class LiveServer:
    """A `python -m server serve` subprocess on a database URL, with the admin token set.

    `settings` become KLIPP_SERVER_<NAME> environment variables, e.g.
    {"rate_per_second": 1, "rate_burst": 3}. An empty database_url with
    settings={"data_dir": folder} is the zero-configuration SQLite server. Not thread-safe;
    one test drives it.
    """

    def __init__(self, database_url: str, admin_token: str = ADMIN_TOKEN, *,
                 port: int | None = None, settings: dict[str, Any] | None = None,
                 log_path: str | Path | None = None, startup_timeout: float = 30.0) -> None:
        self.database_url = database_url
        self.admin_token = admin_token
        self.port = port or free_port()
        self.settings = dict(settings or {})
        self.startup_timeout = startup_timeout
        self._own_log = log_path is None
        if log_path is None:
            fd, name = tempfile.mkstemp(prefix="klipp-server-", suffix=".log")
            os.close(fd)
            log_path = name
        self.log_path = Path(log_path)
        self.process: subprocess.Popen[bytes] | None = None
        self.http = requests.Session()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- the process ---------------------------------------------------------------------

    def start(self) -> str:
        """Start the server (if not running) and wait until /v1/health answers; the base URL."""
        if self.running:
            return self.base_url
        env = {**os.environ, "KLIPP_ADMIN_TOKEN": self.admin_token,
               "KLIPP_SERVER_DATABASE_URL": self.database_url,
               **{f"KLIPP_SERVER_{k.upper()}": str(v) for k, v in self.settings.items()}}
        cmd = [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--log-level", "info"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)
        self._wait_healthy()
        return self.base_url

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                self.process = None
                raise ServerFailed(f"the server exited at start-up:\n{self.log_tail()}")
            try:
                if requests.get(self.base_url + "/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.kill()
        raise ServerFailed(f"the server did not answer within {self.startup_timeout} s:\n"
                           f"{self.log_tail()}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the server and wait for it to be gone (no clean shutdown at all)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the server and wait for its clean shutdown (SIGKILL after `timeout`)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
            self.process = None

    def restart(self, *, hard: bool = False) -> str:
        """Stop (or with hard=True, kill) and start again on the same port and database."""
        self.kill() if hard else self.stop()
        return self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the server; the log goes too when it was a temporary file of ours."""
        self.stop()
        self.http.close()
        if self._own_log:
            self.log_path.unlink(missing_ok=True)

    # --- HTTP helpers ---------------------------------------------------------------------

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        """The Authorization header for a till or admin token."""
        return {"Authorization": f"Bearer {token}"}

    def admin(self, method: str, path: str, json: Any = None, expect: int | None = None
              ) -> requests.Response:
        """An admin API call (path under /v1/admin); checks the status when `expect` is set."""
        response = self.http.request(method, f"{self.base_url}/v1/admin{path}", json=json,
                                     headers=self.auth(self.admin_token), timeout=30)
        if expect is not None and response.status_code != expect:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.text}")
        return response

    def admin_create_org(self, name: str = "Test org", *, timezone: str = "Europe/Oslo"
                         ) -> dict[str, Any]:
        """{"id", "name", "code_prefix", "card_key", "timezone"}"""
        return self.admin("POST", "/orgs", {"name": name, "timezone": timezone}, 201).json()

    def admin_create_shop(self, org_id: str, name: str = "Test shop", *,
                          timezone: str = "Europe/Oslo", currency: str = "NOK"
                          ) -> dict[str, Any]:
        """{"id", "org_id", "name", "timezone", "currency"}"""
        return self.admin("POST", f"/orgs/{org_id}/shops",
                          {"name": name, "timezone": timezone, "currency": currency}, 201).json()

    def admin_create_pairing(self, shop_id: str) -> str:
        """A one-time pairing code for a till of the shop."""
        return self.admin("POST", f"/shops/{shop_id}/pairing", {}, 201).json()["code"]

    def admin_revoke_device(self, device_id: str) -> None:
        self.admin("DELETE", f"/devices/{device_id}", None, 200)

    def admin_publish_program(self, shop_id: str, config: dict[str, Any]) -> dict[str, Any]:
        """{"shop_id", "version", "event_id"}"""
        return self.admin("POST", f"/shops/{shop_id}/programs", {"config": config}, 201).json()

    def enrol(self, code: str, device_id: str | None = None, device_name: str = "till"
              ) -> requests.Response:
        """POST /v1/enrol as a till would; the raw response."""
        return self.http.post(self.base_url + "/v1/enrol", timeout=30, json={
            "pairing_code": code, "device_id": device_id or str(uuid.uuid4()),
            "device_name": device_name})

    def enrol_till(self, shop_id: str, device_id: str | None = None) -> dict[str, Any]:
        """Pair and enrol a new till of a shop: the EnrolResponse as a dict (has "token")."""
        response = self.enrol(self.admin_create_pairing(shop_id), device_id)
        if response.status_code != 200:
            raise AssertionError(f"enrol: {response.status_code} {response.text}")
        return response.json()


def wire_event(till: dict[str, Any], seq: int, kind: str = "stamp", **fields: Any
               ) -> dict[str, Any]:
    """A WireEvent body written by an enrolled till (an EnrolResponse dict): a fresh id, its
    device, org and shop, ts from seq; `fields` override anything (member_id, stamps, ...)."""
    event: dict[str, Any] = {
        "id": str(uuid.uuid4()), "device_id": till["device_id"], "seq": seq,
        "ts": 1_790_000_000_000_000 + seq * 1_000_000, "kind": kind,
        "org_id": till["org"]["id"], "shop_id": till["shop"]["id"], "member_id": None,
        "stamps": 0, "points": 0, "amount_minor": 0, "cashback_minor": 0, "currency": None,
        "reward_id": None, "coupon_id": None, "reverses": None, "tier": None, "payload": "{}",
    }
    event.update(fields)
    return event
