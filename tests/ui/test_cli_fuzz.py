"""Random text in every argument of every command: exit 0 or 2, one line on error, never a
traceback, and the database unchanged whenever the answer is a refusal."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ui.cli.app import main

SLOT = "{}"
# Each command in a form that works, with SLOT where the random text goes (one at a time).
SPECS: list[list[str]] = [
    [SLOT],
    ["stamp", SLOT], ["stamp", "kari", "--count", SLOT], ["stamp", "kari", "--category", SLOT],
    ["purchase", SLOT, "--amount", "45"], ["purchase", "kari", "--amount", SLOT],
    ["purchase", "kari", "--amount", "45", "--item", SLOT],
    ["redeem", SLOT, "free-coffee"], ["redeem", "kari", SLOT],
    ["coupon", SLOT, "1"], ["coupon", "kari", SLOT],
    ["cashback", SLOT, "20"], ["cashback", "kari", SLOT],
    ["undo", SLOT],
    ["adjust", SLOT, "--stamps", "1", "--reason", "paper card"],
    ["adjust", "kari", "--stamps", SLOT, "--reason", "paper card"],
    ["adjust", "kari", "--points", SLOT, "--reason", "paper card"],
    ["adjust", "kari", "--cashback", SLOT, "--reason", "paper card"],
    ["adjust", "kari", "--stamps", "1", "--reason", SLOT],
    ["register", "--name", SLOT], ["register", "--name", "Ny", "--phone", SLOT],
    ["register", "--name", "Ny", "--email", SLOT], ["register", "--name", "Ny", "--birthday", SLOT],
    ["register", "--name", "Ny", "--segment", SLOT],
    ["register", "--name", "Ny", "--card-png", SLOT],
    ["show", SLOT], ["find", SLOT],
    ["edit", SLOT, "--name", "Ny"], ["edit", "kari", "--name", SLOT],
    ["edit", "kari", "--phone", SLOT], ["edit", "kari", "--email", SLOT],
    ["edit", "kari", "--birthday", SLOT], ["edit", "kari", "--segment", SLOT],
    ["revoke", SLOT], ["revoke", "kari", "--reason", SLOT],
    ["revoke", "kari", "--new-card", "--card-png", SLOT],
    ["export", SLOT, "--out", "out.json"], ["export", "kari", "--out", SLOT],
    ["erase", SLOT, "--yes"],
    ["import", SLOT],
    ["card", SLOT, "--png", "card.png"], ["card", SLOT, "--svg", "card.svg"],
    ["report", "--day", SLOT], ["report", "--from", SLOT, "--to", "2026-12-01"],
    ["report", "--from", "2026-11-01", "--to", SLOT],
    ["program", SLOT], ["program", "set", SLOT], ["program", "template", SLOT],
    ["events", SLOT], ["events", "--limit", SLOT],
    ["setup", "--org", SLOT, "--shop", "Ny"], ["setup", "--org", "Ny", "--shop", SLOT],
    ["setup", "--org", "Ny", "--shop", "Ny", "--timezone", SLOT],
    ["demo", "--members", SLOT], ["demo", "--days", SLOT],
    ["rewards", SLOT], ["check", SLOT], ["maintenance", SLOT],
    ["sync", SLOT], ["sync", "import", SLOT], ["sync", "unpair", SLOT],
    ["enrol", "--server", SLOT, "--code", "ABCD-EFGH"],
    ["--data-dir", SLOT, "find", "kari"],
]

HOSTILE = ["sNaN", "NaN", "-inf", "1e999999999", "1e400", "-1", "0", "00", "+4", "1_000",
           "٣", "²", "coffee:45:-3", "a:b:c", "q=", "=", "--", "-", "-h", "..", "/", "/dev/null",
           "x" * 5000, "åse", "ØDEGÅRD", "Kari", "2026-02-30", "31.12.1999", "🙂", "\t", " ",
           "", "'", '"', "\\", "%s", "{}", "\u202e", "a\nb", "null\x00byte"]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("fuzz-template")
    assert main(["setup", "--org", "Kaffe AS", "--shop", "Kaffebar", "--data-dir", str(data)]
                ) == 0
    for name, phone in (("Kari Nordmann", "41234567"), ("Åse Ødegård", "41234568")):
        assert main(["register", "--name", name, "--phone", phone, "--data-dir", str(data)]
                    ) == 0
    return data


def fingerprint(data: Path) -> str:
    conn = sqlite3.connect(data / "till.sqlite3")
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@settings(max_examples=int(os.environ.get("KLIPP_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(spec=st.sampled_from(SPECS), value=text)
def test_random_text_in_any_argument(template: Path, capsys: pytest.CaptureFixture[str],
                                     spec: list[str], value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "till"
        data.mkdir()
        src, dst = sqlite3.connect(template / "till.sqlite3"), sqlite3.connect(
            data / "till.sqlite3")
        src.backup(dst)
        src.close()
        dst.close()
        before = fingerprint(data)
        argv = [value if word == SLOT else word for word in spec]
        cwd = os.getcwd()
        os.chdir(tmp)  # files a command writes land here, not in the checkout
        capsys.readouterr()
        try:
            code = main([*argv, "--data-dir", str(data)] if spec[0] != "--data-dir" else argv)
        finally:
            os.chdir(cwd)
        out, err = capsys.readouterr()
        assert code in (0, 2), (argv, code, err)
        assert "Traceback" not in err + out
        if code == 2:
            assert err.count("\n") == 1 and err.endswith("\n"), (argv, err)
            assert len(err) < 600, (argv[:3], len(err))
            assert fingerprint(data) == before, (argv, err)
