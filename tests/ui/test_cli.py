"""The command line as a shop would script it: real processes, real database files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def klipp(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ui.cli", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, input=stdin, timeout=60)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    data = tmp_path_factory.mktemp("cli")
    assert klipp(data, "setup", "--org", "Kaffe AS", "--shop", "Kaffebar").returncode == 0
    out = klipp(data, "register", "--name", "Kari Nordmann", "--phone", "912 34 567",
                "--email", "kari@example.no", "--json")
    assert out.returncode == 0, out.stderr
    return data, json.loads(out.stdout)


def test_register_stamp_and_show_as_json(shop) -> None:
    data, reg = shop
    assert klipp(data, "stamp", reg["code"], "--count", "2").returncode == 0
    shown = json.loads(klipp(data, "show", "91234567", "--json").stdout)
    assert shown["id"] == reg["member_id"]
    assert shown["stamps"] >= 2


def test_refusals_are_one_line_with_exit_code_2(shop) -> None:
    data, reg = shop
    cases = [
        ("redeem", reg["member_id"], "free-coffee"),
        ("purchase", "kari", "--amount", "12.345"),
        ("show", "X" * 38),
        ("show", "nobody-by-that-name"),
        ("redeem", "kari", "no-such-reward"),
        ("report", "--day", "yesterday"),
        ("erase", "kari"),
    ]
    for args in cases:
        out = klipp(data, *args)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert out.stderr.startswith("klipp: ") and out.stderr.count("\n") == 1, out.stderr
        assert "Traceback" not in out.stderr


def test_options_may_come_before_or_after_the_command(shop) -> None:
    data, reg = shop
    before = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(data), "--json",
                             "show", reg["code"]], capture_output=True, text=True, timeout=60)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["id"] == reg["member_id"]


def test_a_till_that_is_not_set_up_says_so(tmp_path: Path) -> None:
    out = klipp(tmp_path, "stamp", "kari")
    assert out.returncode == 2
    assert "not set up" in out.stderr


def test_terminal_till_serves_a_queue(shop) -> None:
    data, reg = shop
    before = json.loads(klipp(data, "show", "kari", "--json").stdout)["points"]
    session = f"{reg['code']}\nrewards\np 120\nu\nGARBAGE\nq\n"
    out = klipp(data, "till", stdin=session)
    assert out.returncode == 0, out.stderr
    assert "Kari Nordmann" in out.stdout
    assert "Free coffee" in out.stdout
    assert "Undone" in out.stdout
    assert "! No member found for" in out.stdout
    assert json.loads(klipp(data, "show", "kari", "--json").stdout)["points"] == before


def test_card_render_writes_png_and_svg(shop, tmp_path: Path) -> None:
    data, reg = shop
    out = klipp(data, "card", reg["code"], "--png", str(tmp_path / "c.png"),
                "--svg", str(tmp_path / "c.svg"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()


def test_check_reports_healthy_balances(shop) -> None:
    data, _ = shop
    out = klipp(data, "check", "--json")
    assert out.returncode == 0
    assert json.loads(out.stdout)["ok"] is True
