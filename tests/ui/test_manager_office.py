"""The manager's back office on real widgets: PIN and lockout, the summary equal to the
core's, CSV and PDF exports, members, the programme, the import and the first run."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.errors import LimitReached
from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.test_manager_support import PIN, WAIT_MS
from ui.manager.data import FIGURES, figure
from ui.manager.export import arrow_text, show


def test_pin_gate_and_lockout(qtbot: Any, demo: Till, office_on: Any) -> None:
    office = office_on(qtbot, demo)
    from ui.manager import open_manager

    shell = open_manager(None, office.ops, office.formats)
    qtbot.addWidget(shell)
    refusals = []
    for _ in range(5):
        shell.pad.display.setText("1111")
        with qtbot.waitSignal(shell.refused, timeout=WAIT_MS) as blocker:
            shell.pad.ok.click()
        refusals.append(blocker.args[0])
    assert "4 tries left" in refusals[0]
    assert "locked" in refusals[-1]
    # Locked: even the right PIN is refused, and no manager page exists.
    shell.pad.display.setText(PIN)
    with qtbot.waitSignal(shell.refused, timeout=WAIT_MS) as blocker:
        shell.pad.ok.click()
    assert "try again in" in blocker.args[0]
    assert shell.view is None
    demo.clock.advance(minutes=6)  # type: ignore[attr-defined]
    shell.pad.display.setText(PIN)
    with qtbot.waitSignal(shell.unlocked, timeout=WAIT_MS):
        shell.pad.ok.click()
    assert shell.view is not None and shell.stack.currentWidget() is shell.view
    shell.close()


def test_the_view_locks_itself_when_idle(qtbot: Any, demo: Till, office_on: Any) -> None:
    office = office_on(qtbot, demo)
    from ui.manager import open_manager

    # A few minutes at the till; a moment here. Nothing but the shell's own timer runs.
    shell = open_manager(None, office.ops, office.formats, idle_ms=400)
    qtbot.addWidget(shell)
    shell.pad.display.setText(PIN)
    with qtbot.waitSignal(shell.unlocked, timeout=WAIT_MS):
        shell.pad.ok.click()
    assert shell.view is not None
    with qtbot.waitSignal(shell.locked, timeout=WAIT_MS):
        pass
    assert shell.view is None and not shell.isVisible()


def test_summary_shows_the_cores_figures(qtbot: Any, demo: Till, office_on: Any) -> None:
    office = office_on(qtbot, demo)
    view = office.open()
    page = view.summary
    today = office.call(lambda t: t.today())
    core = office.call(lambda t: t.report(today, today))
    week = office.call(lambda t: t.report(today - timedelta(days=7), today - timedelta(days=7)))
    assert core.visits > 0 and core.member_revenue_minor > 0
    f = office.formats
    for row, (key, _label, kind) in enumerate(FIGURES):
        now, prev, then = figure(core, key), figure(core.previous, key), figure(week, key)
        cells = [page.figures.item(row, c).text() for c in range(1, 6)]
        assert cells == [show(f, kind, now), show(f, kind, prev), arrow_text(now, prev),
                         show(f, kind, then), arrow_text(now, then)], key
    hours = office.call(lambda t: t.visits_per_hour(today).hours)
    assert page.data.hours == hours and sum(hours) == core.visits
    # The eight weeks read from the visit days agree with eight week-long reports.
    weeks = office.call(lambda t: [t.report(today - timedelta(days=7 * k + 6),
                                            today - timedelta(days=7 * k))
                                   for k in range(7, -1, -1)])
    assert [(w.first, w.last, w.visits, w.member_revenue_minor) for w in page.data.weeks] == [
        (w.first, w.last, w.visits, w.member_revenue_minor) for w in weeks]
    # A range, chosen with the date pickers.
    first = today - timedelta(days=6)
    page.first_edit.setDate(page.first_edit.date().addDays(-6))
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS) as blocker:
        page.show_button.click()
    ranged = office.call(lambda t: t.report(first, today))
    assert blocker.args[0].now == ranged
    assert page.figures.item(0, 1).text() == show(f, "count", ranged.visits)


def test_csv_export_reads_in_a_nordic_spreadsheet(qtbot: Any, demo: Till, office_on: Any,
                                                  tmp_path: Path) -> None:
    office = office_on(qtbot, demo)
    page = office.open().summary
    path = tmp_path / "sammendrag.csv"
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        page.export_csv(str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    # As Excel with a Nordic locale reads it: BOM stripped, ';' between fields.
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    by_name = {r[0]: r for r in rows if r}
    core = page.data.now
    assert by_name["Visits"][1] == str(core.visits)
    revenue = next(r for name, r in by_name.items() if name.startswith("Member revenue ("))
    major, minor = divmod(core.member_revenue_minor, 100)
    assert revenue[1] == f"{major},{minor:02d}"
    rate = by_name["Repeat-visit rate (%)"][1]
    assert "," in rate and float(rate.replace(",", ".")) == round(core.repeat_visit_rate * 100, 1)
    hours = [r for r in rows if len(r) == 3 and r[0].isdigit()]
    assert sum(int(r[1]) for r in hours) == core.visits


def test_pdf_export_has_the_figures_and_charts(qtbot: Any, demo: Till, office_on: Any,
                                               tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    office = office_on(qtbot, demo)
    view = office.open()
    office.shell.resize(1280, 860)
    office.shell.show()
    qtbot.waitExposed(office.shell)
    page = view.summary
    path = tmp_path / "summary.pdf"
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        page.export_pdf(str(path))
    assert path.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    image = QImage(str(sorted(tmp_path.glob("page*.png"))[0]))
    assert not image.isNull()
    inked = coloured = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if c.lightness() < 200:
                inked += 1
            if c.saturation() > 80:
                coloured += 1  # the charts' orange and green bars
    shutil.copy(path, "/tmp/summary-test.pdf")
    assert inked > 200 and coloured > 50, (inked, coloured)


def test_member_edited_card_replaced_adjusted_exported_erased(qtbot: Any, demo: Till,
                                                              office_on: Any,
                                                              tmp_path: Path) -> None:
    office = office_on(qtbot, demo)
    view = office.open()
    view.tabs.setCurrentWidget(view.members)
    members = view.members
    with qtbot.waitSignal(members.model.searched, timeout=WAIT_MS):
        members.search_box.setText("")
        members.search_box.setText(" ")
    member_id = members.model.row_at(0).id
    everyone = members.model.total
    before = office.call(lambda t: t.member(member_id))
    detail = members.detail
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
        members.view.clicked.emit(members.model.index(0, 0))
    # Edit the profile.
    detail.fields["name"].setText("Åse Ødegård")
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
        detail.save.click()
    assert office.call(lambda t: t.member(member_id)).name == "Åse Ødegård"
    # Search finds the new name with Nordic folding. The save also refreshes the list for the
    # old query (everyone), which may answer first: wait for the search's own answer.
    with qtbot.waitSignal(members.model.searched, timeout=WAIT_MS,
                          check_params_cb=lambda total: total != everyone):
        members.search_box.setText("ødeg åse")
    assert members.model.total == 1 and members.model.row_at(0).id == member_id
    # Revoke and reissue: the old card no longer identifies anyone.
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS) as loaded:
        detail.new_card.click()
    cards = loaded.args[0]["cards"]
    assert sum(1 for c in cards if c["revoked_at"] is None) == 1 and len(cards) >= 2
    # Adjust with a reason: an adjustment event.
    detail.stamps.setValue(2)
    detail.reason.setText("paper card")
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS) as loaded:
        detail.adjust_button.click()
    assert loaded.args[0]["balances"]["stamps"] == before.stamps + 2
    assert loaded.args[0]["events"][-1]["kind"] == "adjustment"
    # GDPR export.
    out = tmp_path / "member.json"
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
        detail.export_to(str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["member"]["name"] == "Åse Ødegård"
    # Erase: the confirmation names what goes and what stays.
    detail.erase_button.click()
    text = detail.confirm_text.text()
    assert "Åse Ødegård" in text and "phone" in text and "stays" in text
    with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
        detail.confirm_yes.click()
    gone = office.call(lambda t: t.member(member_id))
    assert gone.erased and gone.name is None and gone.phone is None
    assert not detail.body.isEnabled()


def test_programme_change_and_the_next_stamp_follows_it(qtbot: Any, demo: Till,
                                                        office_on: Any) -> None:
    office = office_on(qtbot, demo)
    member = office.call(lambda t: t.register(Registration(name="Ny Kunde")).member_id)
    view = office.open()
    page = view.programme
    path = ("stamp_card", "max_stamps_per_visit")
    page.inputs[path].setValue(0)
    with qtbot.waitSignal(page.checked, timeout=WAIT_MS) as checked:
        page.check_button.click()
    assert checked.args[0] and page.errors[path].text()  # the message beside the field
    assert not page.publish_button.isEnabled()
    page.inputs[path].setValue(1)
    page.inputs[("stamp_card", "stamps_for_reward")].setValue(8)
    assert page.check() is not None
    assert "reward after 8; at most 1 per visit" in page.preview.text()
    with qtbot.waitSignal(page.published, timeout=WAIT_MS) as published:
        page.publish_button.click()
    assert published.args[0] == office.call(lambda t: t.info().program_version)
    # The cashier's next stamp follows the new rules: a card of 8, one stamp a visit.
    office.call(lambda t: t.stamp(member))
    panel = office.call(lambda t: t.panel(member))
    assert (panel.stamps, panel.stamps_for_reward, panel.stamps_left_today) == (1, 8, 0)
    with pytest.raises(LimitReached):
        office.call(lambda t: t.stamp(member))


def test_import_with_a_bad_row_is_refused_whole(qtbot: Any, demo: Till, office_on: Any,
                                                tmp_path: Path) -> None:
    office = office_on(qtbot, demo)
    view = office.open()
    page = view.importer
    before = office.call(lambda t: t.members_page()[1])
    bad = tmp_path / "members.csv"
    bad.write_bytes("name;consent;phone;stamps\nKari Ås;ja;+4790001111;3\nOla;nei;;x\n"
                    .encode("utf-8-sig"))
    with qtbot.waitSignal(page.previewed, timeout=WAIT_MS) as previewed:
        page.preview_file(str(bad))
    preview = previewed.args[0]
    assert [r.name for r in preview.rows] == ["Kari Ås"]
    assert preview.problems and all(p.startswith("line 3") for p in preview.problems)
    assert not page.apply.isEnabled() and "line 3" in page.problems.text()
    with qtbot.waitSignal(page.imported, timeout=WAIT_MS) as imported:
        page.import_all()  # even when forced, the core takes all rows or none
    assert isinstance(imported.args[0], Exception)
    assert office.call(lambda t: t.members_page()[1]) == before
    good = tmp_path / "good.csv"
    good.write_text("name;consent;stamps\nKari Ås;ja;3\nOla Nordmann;ja;1\n", encoding="utf-8")
    with qtbot.waitSignal(page.previewed, timeout=WAIT_MS):
        page.preview_file(str(good))
    assert page.apply.isEnabled()
    with qtbot.waitSignal(page.imported, timeout=WAIT_MS):
        page.apply.click()
    assert office.call(lambda t: t.members_page()[1]) == before + 2


def test_first_run_wizard_from_an_empty_folder(qtbot: Any, tmp_path: Path) -> None:
    from ui.manager.till_page import FirstRunWizard
    from ui.window.ops import OpRunner

    till = Till.open(tmp_path / "fresh")
    ops = OpRunner(till)
    try:
        assert not ops.call(lambda t: t.info().set_up)
        wizard = FirstRunWizard(ops)
        qtbot.addWidget(wizard)
        wizard.show()
        with qtbot.waitSignal(wizard.problem, timeout=WAIT_MS):
            wizard.next.click()  # no shop name yet
        wizard.shop.setText("Bakeriet på hjørnet")
        wizard.currency.setCurrentText("SEK")
        wizard.zone.setCurrentText("Europe/Stockholm")
        wizard.next.click()
        wizard.template.setCurrentIndex(wizard.template.findData("points"))
        assert "point" in wizard.template_help.text().lower()
        wizard.next.click()
        wizard.pin1.setText("1357")
        wizard.pin2.setText("1358")
        with qtbot.waitSignal(wizard.problem, timeout=WAIT_MS):
            wizard.next.click()
        wizard.pin2.setText("1357")
        wizard.next.click()
        with qtbot.waitSignal(wizard.finished, timeout=WAIT_MS) as done:
            wizard.next.click()  # no pairing: start the till
        info = done.args[0]
        assert info.set_up and info.shop.name == "Bakeriet på hjørnet"
        assert info.shop.currency == "SEK" and info.shop.timezone == "Europe/Stockholm"
        assert info.program.points is not None
        ops.call(lambda t: t.verify_pin("1357"))
    finally:
        ops.close()
        till.close()


def test_a_member_reads_as_the_shop_writes_and_saves_back_unchanged(qtbot: Any, demo: Till,
                                                                  office_on: Any) -> None:
    from ui.window.i18n import Translations

    reg = demo.register(Registration(name="Åse Berg", phone="+46 70 123 45 67",
                                     birthday="1990-05-17"))
    home = demo.register(Registration(name="Åse Dahl", phone="412 34 567"))
    demo.stamp(home.member_id)
    translations = Translations()
    translations.switch("nb")
    try:
        office = office_on(qtbot, demo, "nb")
        view = office.open()
        view.tabs.setCurrentWidget(view.members)
        members = view.members
        with qtbot.waitSignal(members.model.searched, timeout=WAIT_MS):
            members.search_box.setText("åse")
        rows = {members.model.row_at(r).name: r for r in range(members.model.total)}
        phone_of = {name: members.model.index(r, 1).data() for name, r in rows.items()}
        # The shop's own country as people write it there; another country with its code.
        assert phone_of["Åse Dahl"] == "41 23 45 67"
        assert phone_of["Åse Berg"] == "+46 70 123 45 67"
        detail = members.detail
        with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
            members.view.clicked.emit(members.model.index(rows["Åse Berg"], 0))
        assert detail.fields["birthday"].text() == "17.05.1990"
        assert detail.fields["phone"].text() == "+46 70 123 45 67"
        # Saved as shown, nothing changes: the core reads both forms back.
        with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
            detail.save.click()
        stored = office.call(lambda t: t.member(reg.member_id))
        assert stored.phone == "+46701234567" and stored.birthday == "1990-05-17"
        with qtbot.waitSignal(detail.loaded, timeout=WAIT_MS):
            members.view.clicked.emit(members.model.index(rows["Åse Dahl"], 0))
        history = [[detail.history.item(r, c).text() for c in range(4)]
                   for r in range(detail.history.rowCount())]
        # Figures in words, never the ledger's column names.
        assert any(row[1] == "stempel" and row[2] == "+1 stempel" for row in history)
        assert not any("stamps" in row[2] for row in history)
    finally:
        translations.switch("en")
