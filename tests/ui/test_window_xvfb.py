"""The real window once under a virtual X display: starts, shows the idle screen, takes a scan
from a video file given as the camera, and quits cleanly.

Needs Xvfb (Debian's xvfb package; .ci/run installs it) and Qt's xcb libraries
(packaging/window.sh installs them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.conftest import card_frame

REPO = Path(__file__).resolve().parents[2]


def _video(path: Path, code: str) -> None:
    card = cv2.resize(card_frame(code), (1280, 720))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30, (1280, 720))
    for i in range(30 * 6):
        writer.write(card if 30 <= i < 150 else np.full((720, 1280, 3), 90, np.uint8))
    writer.release()


def test_the_real_window_under_xvfb_scans_from_a_video_and_quits(tmp_path: Path) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run not found: apt-get install -y xvfb (.ci/run does it)")
    till = Till.open(tmp_path / "till")
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    code = till.register(Registration(name="Kari Nordmann")).code
    till.close()
    video = tmp_path / "card.mp4"
    _video(video, code)
    shot = tmp_path / "window.png"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "ui.window",
         "--data-dir", str(tmp_path / "till"), "--video", str(video), "--no-sound",
         "--quit-after-scan", "--screenshot", str(shot)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert shot.stat().st_size > 20_000
