"""The manager's members table: sorted, searched pages over the core, and the import preview."""

from __future__ import annotations

import pytest

from kiosk.errors import InvalidInput
from kiosk.members import Registration
from kiosk.till import Till

NAMES = ["Åse Ødegård", "Kåre Aasen", "Björn Östlund", "Anne-Marie Lie", "Per Olsen",
         "Ørjan Berg", "Zoë Müller", "Ingrid Haaland", "Ola Nordmann", "Æsa Æsøy"]


@pytest.fixture
def shop(till: Till) -> tuple[Till, dict[str, str]]:
    ids = {}
    for i, name in enumerate(NAMES):
        ids[name] = till.register(Registration(name=name, phone=f"+4791234{i:03d}")).member_id
    return till, ids


def test_pages_cover_every_member_once_in_name_key_order(shop: tuple[Till, dict[str, str]]
                                                         ) -> None:
    till, ids = shop
    seen = []
    for offset in range(0, 10, 3):
        rows, total = till.members_page(sort="name", offset=offset, limit=3)
        assert total == 10
        seen += [r.name for r in rows]
    # The folded key's order: first name first, æ ø å after z, ö as ø, ë as e.
    assert seen == ["Anne-Marie Lie", "Björn Östlund", "Ingrid Haaland", "Kåre Aasen",
                    "Ola Nordmann", "Per Olsen", "Zoë Müller", "Æsa Æsøy", "Ørjan Berg",
                    "Åse Ødegård"]  # not byte order, which puts å before æ
    back, _ = till.members_page(sort="name", descending=True, limit=10)
    assert [r.name for r in back] == seen[::-1]


def test_search_folds_nordic_names_and_finds_phones(shop: tuple[Till, dict[str, str]]) -> None:
    till, ids = shop
    rows, total = till.members_page("ødeg åse")
    assert (total, [r.id for r in rows]) == (1, [ids["Åse Ødegård"]])
    rows, total = till.members_page("ostl")  # ö is ø; o is not ø
    assert total == 0
    rows, total = till.members_page("østl")
    assert [r.name for r in rows] == ["Björn Östlund"]
    rows, total = till.members_page("aas")  # aa is å: Aasen and Åse both start so
    assert sorted(r.name for r in rows) == ["Kåre Aasen", "Åse Ødegård"]
    rows, total = till.members_page("91234004")
    assert [r.name for r in rows] == ["Per Olsen"]


def test_sort_by_balance_and_erased_members_are_left_out(shop: tuple[Till, dict[str, str]]
                                                         ) -> None:
    till, ids = shop
    till.stamp(ids["Per Olsen"], count=3)
    till.stamp(ids["Ørjan Berg"])
    rows, _ = till.members_page(sort="stamps", descending=True, limit=2)
    assert [(r.name, r.stamps) for r in rows] == [("Per Olsen", 3), ("Ørjan Berg", 1)]
    till.erase_member(ids["Per Olsen"])
    rows, total = till.members_page(sort="stamps", descending=True, limit=1)
    assert total == 9 and rows[0].name == "Ørjan Berg"


def test_bad_page_requests_are_refused(shop: tuple[Till, dict[str, str]]) -> None:
    till, _ = shop
    with pytest.raises(InvalidInput):
        till.members_page(sort="name; DROP TABLE member")
    with pytest.raises(InvalidInput):
        till.members_page(limit=0)


def test_import_preview_lists_rows_and_problems_and_writes_nothing(till: Till) -> None:
    text = "name;consent;phone;stamps\nKari;yes;+4790000001;2\nOla;no;;x\n"
    preview = till.import_preview(text)
    assert [(r.line, r.name, r.stamps) for r in preview.rows] == [(2, "Kari", 2)]
    assert len(preview.problems) >= 1 and all("3" in p for p in preview.problems)
    assert till.members_page()[1] == 0
