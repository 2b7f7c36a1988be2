"""Setting up the central server from the README alone: shops that start with a programme,
lists instead of psql, the admin token explained, /docs without internet, reports for the
organisation's administrator."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests

from server.cli import main as server_main
from tests.support.live_server import LiveServer
from ui.cli.app import main as klipp


def server_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = server_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def sqlite_server(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "server")]


def test_a_new_shop_starts_with_a_template_and_lists_find_the_ids(sqlite_server, capsys) -> None:
    code, out, err = server_cli(capsys, "org", "create", "--name", "Kaffe AS", "--json",
                                *sqlite_server)
    assert code == 0, err
    org = json.loads(out)
    code, out, err = server_cli(capsys, "shop", "create", "--org", org["id"], "--name",
                                "Kaffebar", "--json", *sqlite_server)
    assert code == 0, err
    shop = json.loads(out)
    assert shop["template"] == "cafe" and shop["program_version"] == 1
    code, out, _ = server_cli(capsys, "shop", "create", "--org", org["id"], "--name", "Bar",
                              "--template", "none", "--json", *sqlite_server)
    assert code == 0 and json.loads(out)["program_version"] is None
    # Publishing next gives version 2: the template was a real programme version.
    code, out, err = server_cli(capsys, "program", "publish", "--shop", shop["id"],
                                "--template", "points", "--json", *sqlite_server)
    assert code == 0 and json.loads(out)["version"] == 2, err

    code, out, _ = server_cli(capsys, "org", "list", "--json", *sqlite_server)
    assert code == 0 and [(o["id"], o["shops"]) for o in json.loads(out)] == [(org["id"], 2)]
    code, out, _ = server_cli(capsys, "shop", "list", "--org", org["id"], *sqlite_server)
    assert code == 0 and shop["id"] in out and "Kaffebar" in out and "Kaffe AS" in out
    code, out, _ = server_cli(capsys, "device", "list", "--json", *sqlite_server)
    assert code == 0 and json.loads(out) == []
    code, _, err = server_cli(capsys, "shop", "list", "--org", "nope", *sqlite_server)
    assert code == 1 and err.count("\n") == 1 and "No such organisation" in err


def test_help_explains_the_admin_token_and_usage_errors_are_one_line(capsys) -> None:
    assert server_main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "KLIPP_ADMIN_TOKEN" in text and "export KLIPP_ADMIN_TOKEN" in text
    code, _, err = server_cli(capsys, "shop", "create", "--org", "x")
    assert code == 2 and err.count("\n") == 1 and "--name" in err


def test_a_data_folder_that_is_a_file_or_cannot_be_made(tmp_path: Path, capsys) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for where, words in ((a_file, "is a file"), (a_file / "below", "cannot be created")):
        code, _, err = server_cli(capsys, "--data-dir", str(where), "org", "list")
        assert code == 1 and words in err and err.count("\n") == 1, err
        assert "unexpected" not in err
    assert a_file.read_text() == "x"


def test_a_port_out_of_range_is_a_usage_error(capsys) -> None:
    for port in ("99999", "0", "-1", "²"):
        code, _, err = server_cli(capsys, "serve", "--port", port)
        assert code == 2 and err.count("\n") == 1 and "1 to 65535" in err, err


def test_a_freshly_paired_till_gives_its_first_stamp(server: LiveServer, pg_url: str,
                                                     tmp_path: Path, capsys) -> None:
    db = ["--database-url", pg_url]
    code, out, err = server_cli(capsys, "org", "create", "--name", "Ny Kaffe", "--json", *db)
    assert code == 0, err
    org = json.loads(out)
    code, out, err = server_cli(capsys, "shop", "create", "--org", org["id"], "--name",
                                "Ny Kaffebar", "--json", *db)
    shop = json.loads(out)
    code, out, err = server_cli(capsys, "pair", "--shop", shop["id"], "--json", *db)
    assert code == 0, err
    pairing = json.loads(out)["code"]
    till = ["--data-dir", str(tmp_path / "till")]
    assert klipp(["enrol", "--server", server.base_url, "--code", pairing, *till]) == 0, \
        capsys.readouterr()
    assert klipp(["register", "--name", "Kari Nordmann", *till]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert klipp(["stamp", "kari", *till]) == 0, capsys.readouterr()
    assert "1 stamps" in capsys.readouterr().out
    assert klipp(["sync", "once", "--json", *till]) == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["pushed"] >= 2 and sent["waiting"] == 0, sent
    code, out, _ = server_cli(capsys, "device", "list", "--org", org["id"], "--json", *db)
    assert code == 0 and [d["state"] for d in json.loads(out)] == ["active"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)


def test_docs_work_without_internet(server: LiveServer) -> None:
    page = requests.get(f"{server.base_url}/docs", timeout=30)
    assert page.status_code == 200
    links = _Links()
    links.feed(page.text)
    urls = links.urls + re.findall(r"url: *'([^']+)'", page.text)
    assert len(urls) >= 3, urls
    for url in urls:
        full = urljoin(f"{server.base_url}/docs", url)
        assert urlparse(full).netloc == urlparse(server.base_url).netloc, url
        answer = requests.get(full, timeout=30)
        assert answer.status_code == 200 and answer.content, url
    assert "cdn" not in page.text.lower()


def test_the_organisations_administrator_reads_its_reports(server: LiveServer) -> None:
    org = server.admin_create_org("Rapport AS")
    shop = server.admin_create_shop(org["id"], "Rapportbar")
    path = f"/orgs/{org['id']}/reports/daily?day=2026-12-01"
    answer = server.admin("GET", path)
    assert answer.status_code == 200, answer.text
    assert answer.json()["visits"] == 0
    one = server.admin("GET", f"{path}&shop_id={shop['id']}")
    assert one.status_code == 200, one.text
    other = server.admin_create_org("Annen AS")
    foreign = server.admin("GET", f"/orgs/{other['id']}/reports/daily?day=2026-12-01"
                                  f"&shop_id={shop['id']}")
    assert foreign.status_code == 404
    anonymous = requests.get(f"{server.base_url}/v1/admin{path}", timeout=30)
    assert anonymous.status_code == 401
