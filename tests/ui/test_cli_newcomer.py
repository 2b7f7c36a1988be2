"""A newcomer follows the README: its command lines, in order, in a fresh data folder.

TILL and SERVER below are the README's command sections, word for word (the lead keeps the
README; `test_the_readme_shows_these_lines` says when the two part). Each line runs as a real
process and is checked for its exit status and for what it prints.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.support.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]

# (command line as the README prints it, something its output must say)
TILL = [
    ('klipp setup --org "Kaffe AS" --shop "Kaffebar Grünerløkka" --template cafe',
     "Set up Kaffebar Grünerløkka"),
    ('klipp register --name "Kari Nordmann" --phone "912 34 567" --birthday 17.05.1990 '
     '--card-png kari.png', "Card code:"),
    ("klipp stamp 91234567", "1 stamps"),
    ("klipp purchase kari --amount 89,50 --item coffee:45 --item pastry:44,50",
     "Purchase 89,50 kr"),
    ("klipp show kari", "coupon 1: Welcome"),
    ("klipp coupon kari 1", "Used the coupon"),
    ("klipp undo kari", "Undone"),
    ('klipp adjust kari --stamps 8 --reason "paper card"', "10 stamps"),
    ("klipp redeem kari free-coffee", "Redeemed Free coffee"),
    ("klipp events kari", "redeem"),
    ("klipp revoke kari --new-card --card-png kari-new.png", "New card code:"),
    ("klipp report --day 01.12.2026", "Summary 2026-12-01"),
    ("klipp check", "Balances match the events."),
    ("klipp pin --pin 4711", "Manager PIN set."),
    ("klipp export kari --out kari.json --pin 4711", "Wrote kari.json"),
    ("klipp import members.csv --pin 4711", "Imported 2 members."),
    ("klipp find åse", "Åse Ødegård"),
    ("klipp erase kari --yes --pin 4711", "Erased the personal data"),
    ("klipp events --waiting", "member_erased"),
]

SERVER = [
    ("klipp-server org create --name \"Kaffe AS\"", "Organisation 'Kaffe AS'"),
    ("klipp-server org list", "Kaffe AS"),
    ('klipp-server shop create --org ORG_ID --name "Kaffebar"', "cafe template"),
    ("klipp-server shop list", "Kaffebar"),
    ("klipp-server pair --shop SHOP_ID", "Pairing code"),
    ("klipp enrol --server SERVER_URL --code PAIRING_CODE", "Enrolled as a till of Kaffebar"),
    ('klipp register --name "Ola"', "Card code:"),
    ("klipp stamp ola", "1 stamps"),
    ("klipp sync once", "waiting 0"),
    ("klipp-server device list", "active"),
]

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
COMMANDS = {"klipp": [sys.executable, "-m", "ui.cli"],
            "klipp-server": [sys.executable, "-m", "server"]}


def run_line(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    words = shlex.split(line)
    return subprocess.run([*COMMANDS[words[0]], *words[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def newcomer_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["KLIPP_DATA_DIR"] = str(tmp_path / "till")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("KLIPP_SERVER_DATABASE_URL", None)
    return env


def test_the_till_section_in_order(tmp_path: Path) -> None:
    (tmp_path / "members.csv").write_text(
        "name;phone;consent;stamps\nÅse Ødegård;41111111;yes;4\nPer Lie;41111112;yes;0\n",
        encoding="utf-8")
    env = newcomer_env(tmp_path)
    for line, says in TILL:
        done = run_line(line, tmp_path, env)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        assert says in done.stdout, (line, done.stdout)
        assert done.stderr == "", (line, done.stderr)
    assert (tmp_path / "kari.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "kari.json").stat().st_size > 0


def test_the_server_section_in_order(tmp_path: Path) -> None:
    env = newcomer_env(tmp_path)
    env["KLIPP_SERVER_DATA_DIR"] = str(tmp_path / "server")
    # The zero-configuration server (SQLite in its data folder), as `klipp-server serve`.
    with LiveServer("", settings={"data_dir": str(tmp_path / "server")}) as server:
        found: dict[str, str] = {"SERVER_URL": server.base_url}
        for line, says in SERVER:
            for name, value in found.items():
                line = line.replace(name, value)
            done = run_line(line, tmp_path, env)
            assert done.returncode == 0, (line, done.stdout, done.stderr)
            assert says in done.stdout, (line, done.stdout)
            if "org create" in line:
                found["ORG_ID"] = re.findall(UUID, done.stdout)[0]
            elif "shop create" in line:
                found["SHOP_ID"] = re.findall(UUID, done.stdout)[0]
            elif line.startswith("klipp-server pair"):
                found["PAIRING_CODE"] = done.stdout.split("Pairing code ")[1].split()[0]


def test_the_readme_shows_these_lines() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line, _ in TILL + SERVER:
        assert line in readme, line
