"""The terminal till as a cashier uses it: a refused scan never leaves the last customer
selected, typed names are searches, every answer says what happened in words."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from kiosk.members import Registration
from kiosk.till import Till
from ui.cli.terminal import PROMPT, run_terminal_till

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture()
def shop(tmp_path: Path) -> tuple[Till, dict[str, str]]:
    till = Till.open(tmp_path)
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    codes = {}
    for name in ("Ingrid Berg", "Jonas Lie", "Per Lie", "Bjørn Iversen"):
        codes[name] = till.register(Registration(name=name)).code
    jonas = till.identify(codes["Jonas Lie"]).member
    assert jonas is not None
    codes["Jonas old"] = codes["Jonas Lie"]
    codes["Jonas Lie"] = till.replace_card(jonas.id).code
    yield till, codes
    till.close()


def session(till: Till, *lines: str, json_lines: bool = False) -> str:
    out = io.StringIO()
    run_terminal_till(till, io.StringIO("".join(f"{line}\n" for line in lines)), out,
                      json_lines=json_lines)
    return out.getvalue()


def member(till: Till, name: str):
    found = till.identify(name).member
    assert found is not None
    return found


def test_a_refused_scan_clears_the_member_so_nobody_gets_the_next_stamp(shop) -> None:
    till, codes = shop
    out = session(till, codes["Ingrid Berg"], codes["Jonas old"], "s")
    assert "revoked" in out
    assert "Scan a card" in out.split("revoked")[1]
    assert member(till, "Ingrid Berg").stamps == 0
    assert member(till, "Jonas Lie").stamps == 0


@pytest.mark.parametrize("bad", ["KLIPP-NOT-A-REAL-CARD-AT-ALL-0000000000", "nobody by that name"])
def test_an_unknown_code_or_name_also_clears_the_member(shop, bad: str) -> None:
    till, codes = shop
    out = session(till, codes["Ingrid Berg"], bad, "s")
    assert "! " in out
    assert member(till, "Ingrid Berg").stamps == 0


def test_a_typed_name_is_a_search_not_an_unknown_command(shop) -> None:
    till, _ = shop
    out = session(till, "bjørn iversen", "s")
    assert "Unknown command" not in out
    assert "Bjørn Iversen" in out
    assert member(till, "Bjørn Iversen").stamps == 1


def test_several_matches_are_listed_by_name(shop) -> None:
    till, _ = shop
    out = session(till, "lie")
    assert "Several members match" in out
    assert "Jonas Lie" in out and "Per Lie" in out


def test_choices_are_named_when_the_cashier_gives_none(shop) -> None:
    till, _ = shop
    ingrid = member(till, "Ingrid Berg")
    for coupon in ingrid.coupons:
        till.use_coupon(ingrid.id, coupon.id)
    out = session(till, "ingrid berg", "c 5", "r")
    assert "1–0" not in out and "no coupons" in out
    assert "There is no reward ''" not in out
    assert "free-coffee" in out and "Free coffee" in out


def test_answers_say_what_happened_and_the_balance_without_ids(shop) -> None:
    till, codes = shop
    ingrid = member(till, "Ingrid Berg")
    cost = next(r.cost_stamps for r in till.info().program.rewards if r.id == "free-coffee")
    till.adjust(ingrid.id, stamps=cost, reason="paper card")
    out = session(till, codes["Ingrid Berg"], "r free-coffee", "u", "c 1", "b 20", "q")
    assert "Redeemed Free coffee" in out
    assert "Undone" in out
    assert "Used the coupon" in out
    assert "0 stamps" in out and f"{cost} stamps" in out
    assert "20,00 kr" in out and "less than 2000" not in out
    assert PROMPT in out
    assert not UUID.search(out), out


def test_bad_amounts_are_refused_and_the_session_goes_on(shop) -> None:
    till, codes = shop
    out = session(till, codes["Ingrid Berg"], "p sNaN", "p 1e999999999", "p -5", "p 45")
    assert "not an amount" in out and "too large" in out and "more than zero" in out
    assert "Purchase 45,00 kr" in out
    assert "unexpected" not in out


def test_json_lines_for_a_script(shop) -> None:
    till, codes = shop
    out = session(till, codes["Ingrid Berg"], "s", codes["Jonas old"], json_lines=True)
    records = [json.loads(line) for line in out.splitlines()]
    assert records[2]["ok"] is True and records[2]["member"]["stamps"] == 1
    assert records[3]["ok"] is False and records[3]["reason"] == "revoked"
    assert records[3]["member"] is None
