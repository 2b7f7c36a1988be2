"""The manager's back office speaks the shop's language: the summary in Bokmål, then Swedish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.till import Till
from tests.ui.test_manager_support import demo_till
from ui.window.i18n import Translations

# (what is read, Bokmål, Swedish): tab, check box, button, column heading, two figure rows.
EXPECTED = (
    ("tab", "Lønner programmet seg?", "Lönar sig programmet?"),
    ("scope", "Hele organisasjonen", "Hela organisationen"),
    ("show", "Vis", "Visa"),
    ("heading", "Denne perioden", "Denna period"),
    ("first figure", "Besøk", "Besök"),
    ("repeat visits", "Andel gjenbesøk", "Andel återbesök"),
)


@pytest.fixture
def speak() -> Iterator[Translations]:
    """Switches the application's language; back to English after, as other tests expect."""
    translations = Translations()
    yield translations
    translations.switch("en")


@pytest.fixture
def cafe(tmp_path: Path) -> Till:
    # A small café is enough: the words, not the figures, are under test.
    return demo_till(tmp_path / "cafe", members=6, days=2)


def seen(view: Any) -> dict[str, str]:
    page = view.summary
    return {
        "tab": view.tabs.tabText(view.tabs.indexOf(view.analysis)),
        "scope": page.whole_org.text(),
        "show": page.show_button.text(),
        "heading": page.figures.horizontalHeaderItem(1).text(),
        "first figure": page.figures.item(0, 0).text(),
        "repeat visits": page.figures.item(9, 0).text(),
    }


def test_summary_is_in_norwegian_then_swedish(qtbot: Any, cafe: Till, office_on: Any,
                                              speak: Translations) -> None:
    office = office_on(qtbot, cafe)
    for i, language in enumerate(("nb", "sv")):
        assert speak.switch(language) == language
        view = office.open()
        assert seen(view) == {key: words[i] for key, *words in EXPECTED}, language
        office.shell.close()


def test_the_method_text_lupdate_sees_is_the_cores_word_for_word() -> None:
    # The core (no Qt) words the method; ui/manager keeps a copy only so lupdate extracts it.
    # If the two part, the help text would silently fall back to English: fail here instead.
    from kiosk.analytics import REVENUE_EFFECT_METHOD
    from ui.manager import analysis

    assert analysis._METHOD_FOR_LUPDATE == REVENUE_EFFECT_METHOD


def test_a_refused_programme_is_explained_in_the_shops_language(qtbot: Any, cafe: Till,
                                                               office_on: Any,
                                                               speak: Translations) -> None:
    office = office_on(qtbot, cafe)
    path = ("stamp_card", "max_stamps_per_visit")
    for language, words in (("nb", "må være minst 1"), ("sv", "måste vara minst 1")):
        speak.switch(language)
        page = office.open().programme
        page.inputs[path].setValue(0)
        assert page.check() is None
        assert page.errors[path].text() == words
        office.shell.close()


def test_every_word_of_a_refused_programme_reaches_the_translators() -> None:
    from kiosk.validation import TEMPLATES
    from ui.manager.programme import PROBLEM_WORDS

    assert set(PROBLEM_WORDS) == TEMPLATES
    for words in TEMPLATES:
        words.format("x")  # a brace that is not the figure's would raise when shown
