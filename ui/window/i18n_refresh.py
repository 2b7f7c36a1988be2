"""Refresh the translation sources from the code and compile them (Vorta's habit).

    python -m ui.window.i18n_refresh

Runs pyside6-lupdate over ui/window/*.py into assets/i18n/klipp_<lang>.ts (keeping every
translation already made), then pyside6-lrelease into the .qm files the window loads.
New strings show up as "unfinished" in the .ts files for a translator (pyside6-linguist);
tests/ui/test_translations.py fails until they are translated and compiled.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "ui" / "window").glob("*.py"),
                  *(ROOT / "ui" / "manager").glob("*.py")])
I18N = ROOT / "assets" / "i18n"
TRANSLATED = ("nb", "sv")
LUPDATE_FLAGS = ("-locations", "none", "-no-obsolete", "-silent")


def tool(name: str) -> str:
    """A Qt tool from the venv PySide6 ships, or from PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def ts_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"klipp_{language}.ts"


def update_ts(targets: list[Path]) -> None:
    subprocess.run([tool("pyside6-lupdate"), *LUPDATE_FLAGS, *map(str, SOURCES), "-ts",
                    *map(str, targets)], check=True, cwd=ROOT)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    update_ts([ts_path(lang) for lang in TRANSLATED])
    for lang in TRANSLATED:
        compile_qm(ts_path(lang), ts_path(lang).with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
