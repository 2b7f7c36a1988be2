"""The back office's analysis and audit pages on real widgets: the whole organisation's
"Does it pay?" on a paired till, one days bar on both pages, and the audit trail by name
(an erased member only as erased)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from kiosk import ledger
from kiosk.clock import to_micros
from kiosk.ids import new_id
from kiosk.till import Till
from tests.ui.test_manager_support import WAIT_MS
from ui.manager.common import DaysBar


def pair_with_a_second_shop(till: Till) -> int:
    """Make the till paired, and pull a second shop's trade of the last three weeks: the demo's
    members there, and a member who joined there and came on 7 days. Returns the visits."""
    from kiosk import settings
    from kiosk.sync_port import TOKEN

    info = till.info()
    assert info.org is not None
    org, shop_b, device = info.org.id, new_id(), new_id()
    till.run(lambda conn, _ctx: settings.put(conn, TOKEN, "paired-for-the-test"))
    regulars = [row.id for row in till.members_page(limit=6)[0]]
    now = till.clock.now()
    records: list[ledger.EventRecord] = []

    def add(kind: str, member: str, when: datetime, **fields: Any) -> None:
        records.append(ledger.EventRecord(
            id=new_id(), device_id=device, seq=len(records) + 1, ts=to_micros(when),
            kind=kind, org_id=org, shop_id=shop_b, member_id=member, **fields))

    newcomer = new_id()
    add(ledger.MEMBER_REGISTERED, newcomer, now - timedelta(days=20, hours=1))
    visits = 0
    for day in range(20, 0, -3):
        for member in [*regulars, newcomer]:
            add(ledger.STAMP, member, now - timedelta(days=day), stamps=1)
            visits += 1
    till.sync.apply_page(records, after=0, cursor=1)
    return visits


def test_the_analysis_reads_the_whole_organisation_on_a_paired_till(
        qtbot: Any, demo: Till, office_on: Any) -> None:
    extra = pair_with_a_second_shop(demo)
    office = office_on(qtbot, demo)
    view = office.open()
    page = view.analysis
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS) as shop_blocker:
        view.tabs.setCurrentWidget(page)
    shop = shop_blocker.args[0]
    assert not shop.whole_org and page.whole_org.isEnabled()
    assert page.heading.text().startswith(shop.shop_name)
    page.whole_org.setChecked(True)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS) as org_blocker:
        page.show_button.click()
    org = org_blocker.args[0]
    first, last = org.first, org.last
    assert (first, last) == (shop.first, shop.last)
    assert org.whole_org and page.heading.text().startswith("Whole organisation")
    weeks = len(org.weeks)
    expected = office.call(lambda t: (
        t.weekly(last, weeks=weeks, whole_org=True), t.cohorts(first, last, whole_org=True),
        t.reward_response(first, last, whole_org=True), t.revenue_effect(last, whole_org=True)))
    assert (org.weeks, org.cohorts, org.responses, org.effect) == expected
    # The second shop's trade is in the organisation's figures and nowhere in the shop's: its
    # newcomer joins a cohort; its visits add what the regulars' shop days did not hold.
    assert sum(c.members for c in org.cohorts) == sum(c.members for c in shop.cohorts) + 1
    added = sum(w.visits for w in org.weeks) - sum(w.visits for w in shop.weeks)
    assert 7 <= added <= extra
    # The programme is the shop's: its change is compared for the shop only.
    assert org.change is None
    # And back to the shop alone.
    page.whole_org.setChecked(False)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS) as again:
        page.show_button.click()
    assert again.args[0].weeks == shop.weeks and not again.args[0].whole_org


def test_an_unpaired_till_offers_no_organisation(qtbot: Any, demo: Till,
                                                 office_on: Any) -> None:
    office = office_on(qtbot, demo)
    view = office.open()
    for page in (view.summary, view.analysis):
        assert isinstance(page.bar, DaysBar)
        assert not page.whole_org.isEnabled()


def test_both_pages_refuse_a_last_day_before_the_first(qtbot: Any, demo: Till,
                                                       office_on: Any) -> None:
    office = office_on(qtbot, demo)
    view = office.open()
    with qtbot.waitSignal(view.analysis.loaded, timeout=WAIT_MS):
        view.tabs.setCurrentWidget(view.analysis)
    for page in (view.summary, view.analysis):
        page.first_edit.setDate(page.last_edit.date().addDays(1))
        with qtbot.waitSignal(page.message, timeout=WAIT_MS) as blocker:
            page.show_button.click()
        assert blocker.args == ["error", "The last day cannot come before the first day."]


def audit_rows(qtbot: Any, office: Any) -> tuple[Any, list[list[str]]]:
    """Open the back office on its audit trail: the page, and its rows' texts (the hidden
    member id last)."""
    view = office.open()
    page = view.audit
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        view.tabs.setCurrentWidget(page)
    model = page.model
    return page, [[model.item(r, c).text() for c in range(model.columnCount())]
                  for r in range(model.rowCount())]


def test_the_audit_trail_names_members_and_never_an_erased_one(qtbot: Any, demo: Till,
                                                               office_on: Any) -> None:
    newest = demo.events(limit=40)
    named = [e.member_id for e in reversed(newest) if e.member_id]
    kept, erased = named[0], next(m for m in named if m != named[0])
    kept_name, erased_name = demo.member(kept).name, demo.member(erased).name
    assert kept_name and erased_name
    demo.erase_member(erased)
    page, rows = audit_rows(qtbot, office_on(qtbot, demo))
    mine = [row for row in rows if row[5] == kept]
    gone = [row for row in rows if row[5] == erased]
    assert mine and all(row[3] == kept_name for row in mine)
    assert gone and all(row[3] == "erased member" for row in gone)
    assert not any(erased_name in cell for row in rows for cell in row)
    assert page.view.isColumnHidden(5)
    # The filter finds a member by name, and still by id; the erased name finds nothing.
    page.filter.setText(kept_name)
    shown = {page.proxy.index(r, 5).data() for r in range(page.proxy.rowCount())}
    assert page.proxy.rowCount() >= len(mine) and kept in shown
    page.filter.setText(kept[-12:])
    assert page.proxy.rowCount() == len(mine)
    page.filter.setText(erased_name)
    assert page.proxy.rowCount() == 0
    page.filter.setText("erased member")
    assert page.proxy.rowCount() == len(gone)


def test_the_audit_trail_shows_a_member_without_a_name_by_the_end_of_the_id(
        qtbot: Any, demo: Till, office_on: Any) -> None:
    pair_with_a_second_shop(demo)  # its newcomer's profile has not reached this till
    _page, rows = audit_rows(qtbot, office_on(qtbot, demo))
    unnamed = {row[5]: row[3] for row in rows if row[3].startswith("no ")}
    assert len(unnamed) == 1
    [(member_id, words)] = unnamed.items()
    assert words == f"no name (…{member_id[-6:]})"


def test_the_audit_trail_reads_as_words_and_sorts_by_time(qtbot: Any, demo: Till,
                                                          office_on: Any) -> None:
    member = demo.members_page(limit=1)[0][0].id
    reward = next(r for r in demo.info().program.rewards if r.cost_stamps)
    demo.adjust(member, stamps=reward.cost_stamps, reason="a full card for the test")
    demo.redeem(member, reward.id)
    page, rows = audit_rows(qtbot, office_on(qtbot, demo))
    newest = rows[0]
    assert newest[2] == "reward redeemed"
    # The reward by its title, the till by words, never a bare id.
    assert f"reward {reward.title}" in newest[4] and reward.id not in newest[4]
    assert newest[1] == "this till"
    assert any(row[4] == "+1 stamp" for row in rows)
    assert not any("+1 stamps" in row[4] for row in rows)
    assert all(row[1] == "this till" or row[1].startswith("till …") for row in rows)
    # Sorting by "When" follows time, not the text of a local date.
    from PySide6.QtCore import Qt

    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model = page.model
    times = [page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
             for r in range(page.proxy.rowCount())]
    assert times == sorted(times) and len(set(times)) > 1
    # The day as the shop writes it (the office here speaks English: 30/10/2026).
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", model.item(0, 0).text())
