"""The core runs with the other rooms' libraries absent: no Qt, OpenCV, HTTP or server stack.

The default install brings everything a cashier needs; this proves the packaging's claim that
kiosk/ needs none of the window's, scanner's or sync's packages (pyproject's extras).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = ("PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "requests", "urllib3",
          "fastapi", "uvicorn", "psycopg", "escpos")

SCRIPT = f"""
import importlib.abc, sys
HIDDEN = {HIDDEN!r}

class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ImportError(f"{{name}} is hidden in this test")
        return None

sys.meta_path.insert(0, Hide())
from pathlib import Path
from kiosk.members import Registration
from kiosk.till import Till
from kiosk import cards

data = Path(sys.argv[1])
till = Till.open(data)
till.setup(org_name="Kaffe AS", shop_name="Kaffebar Grünerløkka")
reg = till.register(Registration(name="Åse Ødegård", phone="912 34 567"))
assert till.identify(reg.code).member.id == reg.member_id
assert till.stamp(reg.member_id).member.stamps == 1
assert till.identify("ødegård").member.id == reg.member_id
cards.render_png(reg.code, data / "card.png")
day = till.today()
assert till.report(day, day).stamps_given == 1
assert till.export_member(reg.member_id)["member"]["name"] == "Åse Ødegård"
till.erase_member(reg.member_id)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in HIDDEN)
assert not loaded, loaded
print("core alone: ok")
"""


def test_the_core_needs_none_of_the_other_rooms_packages(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "till")], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "core alone: ok" in done.stdout
