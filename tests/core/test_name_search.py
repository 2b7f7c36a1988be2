"""Name search folds case and accents the Nordic way, by index, over a phone book's names."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from kiosk import members
from kiosk.members import Registration
from kiosk.profiles import fold_name
from kiosk.till import Till

# The shape of a Norwegian phone book page: common first names, -sen/-son and farm names,
# double first names with a hyphen, old "aa" spellings, a few Swedish, Danish and Sami
# names, and names from elsewhere with their own accents.
FIRST = ["Åse", "Kåre", "Øyvind", "Ærlig", "Ingrid", "Jonas", "Kari", "Per", "Bjørn", "Siv",
         "Anne-Marie", "Aase", "Håkon", "Björn", "Märta", "Sölvi", "José", "Zoë", "Nils Petter",
         "Ole", "Olav", "Ørjan", "Åsmund", "Marte", "Ánde", "Leïla"]
LAST = ["Ødegård", "Æsøy", "Aasen", "Åsen", "Haaland", "Nordmann", "Iversen", "Lie",
        "Bråthen", "Braathen", "Sæther", "Søderberg", "Östlund", "Ekström", "Müller",
        "Olsen", "Ødegaard", "Grønstad", "Berg", "Aune", "Sara", "O'Neill", "Hætta"]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Till:
    from datetime import UTC, datetime

    from kiosk.clock import FixedClock

    till = Till.open(tmp_path_factory.mktemp("book"), clock=FixedClock(
        datetime(2026, 11, 17, 9, 30, tzinfo=UTC)))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng = random.Random(8)
    rng.shuffle(names)
    for name in names[:300]:
        till.register(Registration(name=name))
    for name in ("Åse Ødegård", "Kåre Æsøy", "Øyvind Lie", "Ole Olsen", "Aase Haaland",
                 "José Müller", "Märta Östlund", "Kari Nordmann"):
        till.register(Registration(name=name))
    yield till
    till.close()


def _names(till: Till, text: str) -> set[str]:
    org = till.info().org
    with till.store.read() as conn:
        ids = members.search(conn, org, text, limit=10_000)
    return {till.member(i).name for i in ids}


def _all_names(till: Till) -> list[str]:
    with till.store.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM member WHERE erased_at IS NULL")]


def _expected(till: Till, text: str) -> set[str]:
    # The rule spelled out plainly: every typed word starts some word of the name.
    typed = fold_name(text).split()
    out = set()
    for name in _all_names(till):
        words = fold_name(name).split()
        if all(any(w.startswith(t) or (t.endswith("a") and w.startswith(t[:-1] + "å"))
                   for w in words) for t in typed):
            out.add(name)
    return out


@pytest.mark.parametrize("typed, wanted", [
    ("åse", "Åse Ødegård"), ("ødegård", "Åse Ødegård"), ("KÅRE", "Kåre Æsøy"),
    ("æsøy", "Kåre Æsøy"), ("øyvind", "Øyvind Lie"), ("ØYVIND LIE", "Øyvind Lie"),
    ("jose", "José Müller"), ("muller", "José Müller"), ("märta östlund", "Märta Östlund"),
    ("mærta østlund", "Märta Östlund"), ("ødegaard åse", "Åse Ødegård"),
    ("haaland", "Aase Haaland"), ("håland", "Aase Haaland"), ("aase", "Aase Haaland"),
    ("hå", "Aase Haaland"), ("ha", "Aase Haaland"), ("Åse  ØDEG", "Åse Ødegård"),
])
def test_nordic_names_are_found_however_they_are_typed(book: Till, typed: str,
                                                        wanted: str) -> None:
    found = _names(book, typed)
    assert wanted in found


@pytest.mark.parametrize("typed", ["åse", "ødegård", "kåre", "æsøy", "øyvind", "ole", "o",
                                   "ø", "aa", "bråthen", "söderberg", "hætta", "sara",
                                   "ander", "ande", "nils pet", "anne marie", "oneill"])
def test_search_returns_exactly_the_names_whose_words_start_so(book: Till, typed: str) -> None:
    with book.store.read() as conn:
        ids = members.search_names(conn, typed, limit=10_000)
        got = {r[0] for r in conn.exec_driver_sql(
            f"SELECT name FROM member WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))}
    assert got == _expected(book, typed)


def test_o_and_oe_letters_stay_apart(book: Till) -> None:
    # ø is its own letter to a Norwegian: `ole` never finds Ørjan, `ørjan` never finds Ole.
    assert not any(n.startswith("Ø") for n in _names(book, "ol"))
    assert all(fold_name(n).split()[0].startswith("ør") or "ør" in fold_name(n)
               for n in _names(book, "ør"))
    assert "Ole Olsen" not in _names(book, "øle")


def test_erased_members_and_renames_follow_the_key(book: Till) -> None:
    book.register(Registration(name="Gunnhild Tveit"))
    (who,) = book.find("gunnhild tveit")
    book.edit_member(who.id, name="Gunnhild Ødegård")
    assert "Gunnhild Ødegård" in _names(book, "gunnh ødeg")
    assert not _names(book, "tveit")
    book.erase_member(who.id)
    assert not _names(book, "gunnhild")
    with book.store.read() as conn:
        words = conn.exec_driver_sql(
            "SELECT count(*) FROM member_word WHERE member_id = ?", (who.id,)).scalar_one()
    assert words == 0


def test_the_query_plan_uses_the_word_index(book: Till) -> None:
    db = sqlite3.connect(book.store.path)
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT m.id FROM member m WHERE m.erased_at IS NULL AND m.id IN"
        " (SELECT member_id FROM member_word WHERE word >= ? AND word < ?) ORDER BY m.name_key",
        ("åse", "åse\U0010ffff")))
    db.close()
    assert "SEARCH member_word" in plan and "SCAN member_word" not in plan
    assert "SCAN m" not in plan.replace("SCAN m USING INDEX", "")


def test_fold_name_rules() -> None:
    assert fold_name("  Åse   ØDEGÅRD ") == "åse ødegård"
    assert fold_name("Märta Östlund") == fold_name("Mærta Østlund") == "mærta østlund"
    assert fold_name("José") == "jose" and fold_name("Zoë") == "zoe"
    assert fold_name("Aase Haaland") == "åse håland"
    assert fold_name("Anne-Marie O'Neill") == "anne marie oneill"
    assert fold_name("Ole") != fold_name("Øle")
    assert fold_name("A\u030ase") == fold_name("Åse")  # decomposed å, as macOS files give it
    assert set(fold_name("Þóra Guðmundsdóttir!?<>\"\\ 12")) <= set("abcdefghijklmnopqrstuvwxyz"
                                                                 "åæø0123456789 ")


def test_a_migrated_till_gets_keys_for_its_old_members(tmp_path: Path) -> None:
    from kiosk.store import Store, migrate

    store = Store(tmp_path / "till.sqlite3")
    migrate(store, revision="0004")
    db = sqlite3.connect(store.path)
    db.executescript("""
        INSERT INTO organisation VALUES ('o1', 'Old AS', 'ABCD', '%s', 1);
        INSERT INTO shop VALUES ('s1', 'o1', 'Old shop', 'Europe/Oslo', 'NOK', 1);
        INSERT INTO setting VALUES ('device_id', 'd1'), ('org_id', 'o1'), ('shop_id', 's1');
        INSERT INTO member (id, org_id, name, phone, segments_json, profile_hlc_json,
                            created_at) VALUES
          ('m1', 'o1', 'Åse Ødegård', '41234567', '{}', '{}', 1),
          ('m2', 'o1', 'Kåre Æsøy', '+46701234567', '{}', '{}', 1),
          ('m3', 'o1', 'Ole Olsen', '0047 912 34 567', '{}', '{}', 1),
          ('m4', 'o1', 'Bad Number', '12345', '{}', '{}', 1);
    """ % ("ab" * 32))
    db.commit()
    db.close()
    migrate(store)
    db = sqlite3.connect(store.path)
    rows = dict(db.execute("SELECT id, phone FROM member").fetchall())
    words = db.execute("SELECT word FROM member_word WHERE member_id = 'm1' ORDER BY word"
                       ).fetchall()
    db.close()
    store.close()
    assert rows == {"m1": "+4741234567", "m2": "+46701234567", "m3": "+4791234567",
                    "m4": None}
    assert words == [("åse",), ("ødegård",)]


def test_a_name_written_by_a_pulled_profile_is_found(book: Till) -> None:
    # kiosk.sync_port folds a pulled profile in through members.write_profile.
    book.register(Registration(name="Tora Vik"))
    (who,) = book.find("tora vik")
    book.run(lambda conn, _ctx: members.write_profile(
        conn, who.id, {"name": "Tóra Bråten"}, {"name": "0000000000000001-0000-x"}))
    assert _names(book, "tora brå") == {"Tóra Bråten"}


def test_names_stored_without_a_key_get_one(book: Till) -> None:
    book.register(Registration(name="Unni Ulvestad"))
    book.run(lambda conn, _ctx: conn.exec_driver_sql(
        "UPDATE member SET name_key = NULL WHERE name = 'Unni Ulvestad'"))
    assert not _names(book, "ulvestad")
    assert book.run(lambda conn, _ctx: members.fill_name_keys(conn)) == 1
    assert _names(book, "ulvestad") == {"Unni Ulvestad"}
    assert book.run(lambda conn, _ctx: members.fill_name_keys(conn)) == 0
