"""Bad input at the command line: one clear line, exit 2, nothing changed; and the words a
person reads (money as the shop writes it, choices named, a PIN that means something)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from ui.cli.app import main


def run(capsys: pytest.CaptureFixture[str], data: Path | str, *args: str
        ) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(data: Path) -> str:
    """Everything the database holds, so a test can tell that nothing changed."""
    conn = sqlite3.connect(data / "till.sqlite3")
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-template") / "till"
    assert main(["setup", "--org", "Kaffe AS", "--shop", "Kaffebar", "--data-dir", str(data)]
                ) == 0
    for name, phone in (("Kari Nordmann", "41234567"), ("Ingrid Berg", "41234568"),
                        ("Per Lie", "41234569"), ("Jonas Lie", "41234570")):
        assert main(["register", "--name", name, "--phone", phone, "--data-dir", str(data)]
                    ) == 0
    return data


@pytest.fixture()
def shop(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A fresh copy of a shop with four members (copied: building it costs more)."""
    capsys.readouterr()
    data = tmp_path / "till"
    data.mkdir()
    src = sqlite3.connect(template / "till.sqlite3")
    dst = sqlite3.connect(data / "till.sqlite3")
    src.backup(dst)
    dst.close()
    src.close()
    return data


def refused(capsys, data: Path, *args: str) -> str:
    before = fingerprint(data)
    code, out, err = run(capsys, data, *args)
    assert code == 2, (args, out, err)
    assert err.startswith("klipp") and err.count("\n") == 1, (args, err)
    assert "Traceback" not in err and "unexpected" not in err
    assert fingerprint(data) == before, args
    return err


BAD = [
    (("purchase", "kari", "--amount", "sNaN"), "not an amount"),
    (("purchase", "kari", "--amount", "1e999999999"), "too large"),
    (("purchase", "kari", "--amount", "1e400"), "too large"),
    (("purchase", "kari", "--amount", "0"), "more than zero"),
    (("purchase", "kari", "--amount", "-3"), "more than zero"),
    (("purchase", "kari", "--amount", "12.345"), "two decimals"),
    (("purchase", "kari", "--amount", "45", "--item", "coffee:45:-3"), "quantity"),
    (("purchase", "kari", "--amount", "45", "--item", "coffee"), "CATEGORY:AMOUNT"),
    (("cashback", "kari", "20"), "20,00 kr"),
    (("cashback", "kari", "NaN"), "not an amount"),
    (("stamp", "kari", "--count", "abc"), "--count"),
    (("stamp", "kari", "--count", "0"), "--count"),
    (("stamp", "nobody-by-that-name"), "No member matches"),
    (("stamp", "lie"), "Per Lie"),
    (("redeem", "kari", "no-such-reward"), "free-coffee"),
    (("redeem", "kari", "free-coffee"), "needs"),
    (("coupon", "kari", "5"), "Choose a coupon number from 1 to 1"),
    # '²' is a digit to str.isdigit() and not a number to int(): never an internal error.
    (("coupon", "kari", "²"), "coupon"),
    (("stamp", "kari", "--count", "²"), "--count"),
    (("purchase", "kari", "--amount", "45", "--item", "coffee:45:²"), "quantity"),
    (("events", "--limit", "²"), "--limit"),
    (("undo", "kari"), "nothing to undo"),
    (("report", "--day", "yesterday"), "not a date"),
    (("report", "--from", "2026-12-01"), "both --from and --to"),
    (("erase", "kari"), "--yes"),
    (("edit", "kari"), "Nothing to change"),
    (("register", "--name", ""), "name"),
    (("import", "/no/such/file.csv"), "Cannot read"),
    (("program", "set", "/no/such/file.json"), "Cannot read"),
    (("program", "template", "nonsense"), "cafe"),
    (("program", "template"), "template name"),
    (("card", "not-a-card", "--png", "x.png"), ""),
    (("events", "--limit", "0"), "--limit"),
    (("events", "kari", "--waiting"), "not both"),
    (("adjust", "kari", "--stamps", "-1", "--reason", "wrong button"), "below zero"),
    (("adjust", "kari", "--reason", "why not"), "Nothing to correct"),
    (("adjust", "kari", "--stamps", "x", "--reason", "why not"), "whole number"),
    (("show", "x" * 131_072), ""),
    (("find",), "query"),
    (("nosuchcommand",), "invalid choice"),
    (("demo",), "already has a shop"),
    (("setup", "--org", "A", "--shop", "B"), "already set up"),
    (("sync", "once"), "not paired"),
    (("sync", "unpair"), "manager must confirm"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(shop, capsys, monkeypatch,
                                                          tmp_path, args, words) -> None:
    monkeypatch.chdir(tmp_path)
    err = refused(capsys, shop, *args)
    assert words.lower() in err.lower(), err
    assert len(err) < 400, err
    assert "minor units" not in err and "øre" not in err


def test_a_data_folder_that_is_a_file_or_cannot_be_made(tmp_path, capsys) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for where, words in ((a_file, "is a file"), (a_file / "below", "cannot be created"),
                         ("till\x00", "not a folder name")):
        code, _, err = run(capsys, where, "find", "kari")
        assert code == 2 and words in err and err.count("\n") == 1, err


def test_a_corrupt_database_is_named_not_a_traceback(tmp_path, capsys) -> None:
    (tmp_path / "till.sqlite3").write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, tmp_path, "show", "kari")
    assert code == 2 and "damaged" in err and err.count("\n") == 1, err
    assert (tmp_path / "till.sqlite3").read_bytes() == b"this is not a database" * 100


def test_usage_errors_are_one_line(shop, capsys) -> None:
    for args in (("stamp",), ("purchase", "kari"), ("--bogus",), ()):
        code = main(list(args))
        _, err = capsys.readouterr()
        assert code == 2 and err.count("\n") == 1 and "usage:" not in err, (args, err)


def test_money_reads_as_the_shop_writes_it(shop, capsys) -> None:
    code, out, err = run(capsys, shop, "purchase", "kari", "--amount", "89,50")
    assert code == 0, err
    assert "89,50 kr" in out
    code, out, _ = run(capsys, shop, "show", "kari")
    assert "Kari Nordmann" in out and "-" * 8 not in out


def test_several_matches_are_listed(shop, capsys) -> None:
    err = refused(capsys, shop, "show", "lie")
    assert "Jonas Lie" in err and "Per Lie" in err


def test_events_of_a_member_the_till_and_the_outbox(shop, capsys) -> None:
    assert run(capsys, shop, "stamp", "kari")[0] == 0
    code, out, _ = run(capsys, shop, "events", "kari", "--json")
    kinds = [e["kind"] for e in json.loads(out)]
    assert code == 0 and kinds[-1] == "stamp" and "member_registered" in kinds
    code, out, _ = run(capsys, shop, "events", "--waiting", "--json")
    assert code == 0 and "stamp" in [e["kind"] for e in json.loads(out)]
    code, out, _ = run(capsys, shop, "events", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and "stamp" in out


def test_the_manager_pin_guards_a_managers_commands(shop, capsys, tmp_path) -> None:
    assert run(capsys, shop, "pin", "--pin", "4711")[0] == 0
    guarded = [
        ("erase", "kari", "--yes"),
        ("export", "kari", "--out", str(tmp_path / "kari.json")),
        ("adjust", "kari", "--stamps", "2", "--reason", "paper card"),
        ("program", "template", "points"),
        ("import", str(Path(__file__))),
    ]
    for args in guarded:
        err = refused(capsys, shop, *args)
        assert "--pin" in err, err
    before = fingerprint(shop)
    code, _, err = run(capsys, shop, "adjust", "kari", "--stamps", "2", "--reason", "paper",
                       "--pin", "0000")
    assert code == 2 and "PIN" in err
    assert fingerprint(shop) != before  # the failed attempt is counted towards the lockout
    code, out, err = run(capsys, shop, "adjust", "kari", "--stamps", "2",
                         "--reason", "paper card", "--pin", "4711")
    assert code == 0 and "2 stamps" in out, err
    code, _, err = run(capsys, shop, "erase", "kari", "--yes", "--pin", "4711")
    assert code == 0, err


def test_the_pin_locks_out_after_wrong_tries(shop, capsys) -> None:
    assert run(capsys, shop, "pin", "--pin", "4711")[0] == 0
    for _ in range(10):
        run(capsys, shop, "erase", "kari", "--yes", "--pin", "0000")
    code, _, err = run(capsys, shop, "erase", "kari", "--yes", "--pin", "4711")
    assert code == 2 and "PIN" in err
    assert "Kari" in run(capsys, shop, "show", "kari")[1]


def test_a_customised_programme_is_replaced_only_when_confirmed(shop, capsys, tmp_path) -> None:
    code, out, _ = run(capsys, shop, "--json", "program", "show")
    config = json.loads(out)
    config["name"] = "Our own card"
    custom = tmp_path / "custom.json"
    custom.write_text(json.dumps(config))
    assert run(capsys, shop, "program", "set", str(custom))[0] == 0
    err = refused(capsys, shop, "program", "template", "cafe")
    assert "customised" in err and "--yes" in err
    code, out, err = run(capsys, shop, "program", "template", "cafe", "--yes")
    assert code == 0, err


def test_undo_refusal_points_to_the_correction(shop, capsys) -> None:
    err = refused(capsys, shop, "undo", "kari")
    assert "nothing to undo" in err
    code, out, err = run(capsys, shop, "adjust", "kari", "--stamps", "1",
                         "--reason", "forgot a stamp")
    assert code == 0 and "Corrected" in out, err


def test_sync_and_enrol_describe_themselves(capsys) -> None:
    assert main(["sync", "--help"]) == 0
    assert "usage: klipp sync" in capsys.readouterr().out
    assert main(["enrol", "--help"]) == 0
    assert "--data-dir" in capsys.readouterr().out


def test_templates_listed_match_the_core() -> None:
    from kiosk.programs import TEMPLATES
    from ui.cli.admin import TEMPLATE_NAMES

    assert sorted(TEMPLATE_NAMES) == sorted(TEMPLATES)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only folder")
def test_a_read_only_data_folder_is_refused(shop, capsys) -> None:
    os.chmod(shop / "till.sqlite3", 0o444)
    os.chmod(shop, 0o555)
    try:
        code, _, err = run(capsys, shop, "stamp", "kari")
        assert code == 2 and "read-only" in err and err.count("\n") == 1, err
    finally:
        os.chmod(shop, 0o755)
        os.chmod(shop / "till.sqlite3", 0o644)


def test_an_undo_too_late_points_to_the_correction(shop, capsys) -> None:
    from datetime import timedelta

    from kiosk.clock import FixedClock
    from kiosk.till import Till

    till = Till.open(shop)
    member = till.identify("kari").member
    clock = FixedClock(till.clock.now() - timedelta(days=1))
    old = Till(till.store, clock=clock, data_dir=shop)
    old.stamp(member.id)
    till.close()
    err = refused(capsys, shop, "undo", "kari")
    assert "too old" in err and "klipp adjust" in err, err
