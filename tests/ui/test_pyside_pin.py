"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a Qt method that
returns nothing; after a few thousand calls the process aborts with "Fatal Python error:
none_dealloc". We pin below 6.12; these tests keep the pin honest."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from packaging.version import Version

CALLS = 50_000

PROBE = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
refs = sys.getrefcount(None)
for i in range({CALLS}):
    label.setText("x")        # void
    label.setObjectName("y")  # void
    label.setVisible(False)   # void
print("ok", sys.getrefcount(None) - refs)
"""


def test_installed_pyside_is_below_the_broken_release() -> None:
    installed = Version(version("PySide6-Essentials"))
    assert installed < Version("6.12"), f"PySide6-Essentials {installed} aborts on Python 3.11"


def test_many_void_qt_calls_do_not_abort_the_process() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    status, leaked = result.stdout.split()
    assert status == "ok"
    # None's refcount must not fall by one per call (it would go negative and abort).
    assert int(leaked) > -CALLS
