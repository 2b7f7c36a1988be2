"""Translations the Qt way (as Vorta does): .ts sources and compiled .qm files in assets/i18n.

Bokmål is the default. Qt ships no Bokmål catalogue of its own, so the few Qt strings the
window shows (a line edit's context menu) are carried in our catalogues (ui/window/qt_strings.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"
LANGUAGES = ("nb", "sv", "en")
DEFAULT = "nb"


class Translations:
    """Installs the app's translator (and Qt's own where Qt has one) for a language.

    Translators are application-wide, so the ones installed are kept at class level: a
    second window (or test) switching language replaces them rather than stacking more.
    """

    _installed: list[QTranslator] = []

    def __init__(self) -> None:
        self.language = "en"

    def switch(self, language: str) -> str:
        """Switch the whole application to `language`; returns the language in force."""
        app = QCoreApplication.instance()
        assert app is not None
        language = language if language in LANGUAGES else DEFAULT
        for translator in Translations._installed:
            app.removeTranslator(translator)
        Translations._installed = []
        if language != "en":
            ours = QTranslator(app)
            if ours.load(str(I18N_DIR / f"klipp_{language}.qm")):
                app.installTranslator(ours)
                Translations._installed.append(ours)
            qt = QTranslator(app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(QLocale(language), "qtbase", "_", qt_dir):
                app.installTranslator(qt)
                Translations._installed.append(qt)
        self.language = language
        return language
