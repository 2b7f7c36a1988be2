"""Screenshots of every manager screen in both themes, into /tmp/klipp-shots/manager/
(not committed) for a person to look at; each one must at least have been painted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.till import Till
from tests.ui.test_manager_support import PIN, WAIT_MS, demo_till

SHOTS = Path("/tmp/klipp-shots/manager")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shots")
    # A Norwegian café, as the screens speak Bokmål: its rewards are in Norwegian too.
    demo_till(folder, members=120, days=75, language="nb").close()
    return folder


def _save(widget: Any, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    # Text set in the slot that the test waited on: let the layouts it asked for run first.
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()
    assert image.width() > 600 and image.height() > 400
    assert image.save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def bokmal() -> Iterator[None]:
    """The screens in Bokmål whatever an earlier test left switched on; English after."""
    from ui.window.i18n import Translations

    translations = Translations()
    translations.switch("nb")
    yield
    translations.switch("en")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_screen_in_both_themes(qtbot: Any, qapp: Any, theme: str, demo_dir: Path,
                                     office_on: Any, bokmal: None) -> None:
    from kiosk.clock import FixedClock, from_micros
    from tests.ui.test_manager_support import DEMO_START
    from ui.manager import open_manager
    from ui.manager.till_page import FirstRunWizard
    from ui.window.theme import apply_theme

    apply_theme(qapp, theme)
    till = Till.open(demo_dir, clock=FixedClock(DEMO_START))
    last = till.run(lambda c, _x: c.exec_driver_sql("SELECT max(ts) FROM event").scalar_one(),
                    write=False)
    till.clock.set(from_micros(last))  # type: ignore[attr-defined]
    office = office_on(qtbot, till, "nb")
    pin = open_manager(None, office.ops, office.formats)
    qtbot.addWidget(pin)
    pin.resize(1280, 860)
    pin.pad.display.setText("12")
    _save(pin, f"{theme}-00-pin")
    pin.close()
    view = office.open(PIN)
    office.shell.resize(1366, 960)
    office.shell.show()
    qtbot.waitExposed(office.shell)
    _save(office.shell, f"{theme}-01-summary")
    view.summary.figures.scrollToTop()
    pages = [(view.analysis, "loaded", "02-does-it-pay"), (view.members, None, "03-members"),
             (view.audit, "loaded", "05-audit"), (view.till_page, "loaded", "07-till")]
    for page, signal, name in pages:
        if signal is None:
            with qtbot.waitSignal(page.model.searched, timeout=WAIT_MS):
                view.tabs.setCurrentWidget(page)
            with qtbot.waitSignal(page.detail.loaded, timeout=WAIT_MS):
                page.view.clicked.emit(page.model.index(0, 0))
        else:
            with qtbot.waitSignal(getattr(page, signal), timeout=WAIT_MS):
                view.tabs.setCurrentWidget(page)
        _save(office.shell, f"{theme}-{name}")
    view.tabs.setCurrentWidget(view.programme)
    _save(office.shell, f"{theme}-06-programme")
    view.tabs.setCurrentWidget(view.importer)
    bad = SHOTS / "import-example.csv"
    bad.write_text("name;consent;phone\nKari Ås;ja;+4790001111\nOla;nei;\nÅse Ødegård;ja;\n",
                   encoding="utf-8")
    with qtbot.waitSignal(view.importer.previewed, timeout=WAIT_MS):
        view.importer.preview_file(str(bad))
    _save(office.shell, f"{theme}-04-import")
    wizard = FirstRunWizard(office.ops)
    qtbot.addWidget(wizard)
    wizard.resize(900, 600)
    wizard.shop.setText("Bakeriet på hjørnet")
    wizard.show()
    _save(wizard, f"{theme}-08-first-run")
    wizard.next.click()
    _save(wizard, f"{theme}-09-first-run-template")
    apply_theme(qapp, "light")
