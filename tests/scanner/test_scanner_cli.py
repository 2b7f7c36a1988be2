"""klipp-scan, headless: scans on stdout, one clear line on stderr for errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner import synthetic
from scanner.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """Two frames with codes, one empty frame and one file that is no image."""
    path = tmp_path_factory.mktemp("images")
    rng = np.random.default_rng(5)
    expected: dict[str, str | None] = {}
    for name, condition in [("a.png", "clean"), ("b.jpg", "dark_mode"), ("c.png", "empty")]:
        frame = synthetic.make_frame(rng, condition, (640, 480))
        cv2.imwrite(str(path / name), frame.image)
        expected[str(path / name)] = frame.text
    (path / "notes.png").write_text("not an image")
    return path, expected


def test_json_lines_for_a_folder(folder: tuple[Path, dict[str, str | None]]) -> None:
    path, expected = folder
    status, out, err = run(str(path), "--json")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["file"]: line["text"] for line in lines} == {
        f: t for f, t in expected.items() if t is not None}
    for line in lines:
        assert line["source"] == "image"
        assert line["latency_ms"] >= 0
        assert line["at"].endswith("Z")
    assert "notes.png: not a readable image" in err
    assert "Traceback" not in err


def test_plain_output_for_one_image(folder: tuple[Path, dict[str, str | None]]) -> None:
    path, expected = folder
    status, out, _ = run(str(path / "a.png"))
    assert status == 0
    (line,) = out.splitlines()
    assert line.endswith(f"{path / 'a.png'}  {expected[str(path / 'a.png')]}")
    assert " ms " in line and "image" in line


def test_video_with_another_backend(tmp_path: Path) -> None:
    video = tmp_path / "v.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter.fourcc(*"MJPG"), 30, (640, 480))
    rng = np.random.default_rng(9)
    text = synthetic.member_code(rng)
    for i in range(12):
        condition = "clean" if 3 <= i < 9 else "empty"
        writer.write(synthetic.make_frame(rng, condition, (640, 480), text=text).image)
    writer.release()
    status, out, err = run(str(video), "--json", "--backend", "opencv")
    assert status == 0, err
    assert [json.loads(line)["text"] for line in out.splitlines()] == [text]
    assert "12 frame(s), 1 scan(s)" in err


@pytest.mark.parametrize(("argv", "status", "message"), [
    (["/no/such/file.avi"], 1, "no such file or folder: /no/such/file.avi"),
    ([], 2, "give --camera INDEX|DEVICE, or a video, image or folder path"),
    (["x.png", "--backend", "tesseract"], 2, "invalid choice: 'tesseract'"),
    (["--camera", "0", "x.png"], 2, "not allowed with argument"),
    (["--camera", "0", "--resolution", "big"], 2, "expected WIDTHxHEIGHT"),
    (["--camera", "0", "--confirm", "0"], 2, "--confirm"),
])
def test_errors_are_one_line(argv: list[str], status: int, message: str) -> None:
    got, out, err = run(*argv)
    assert got == status
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("klipp-scan: error: ") and message in err


def test_text_file_is_not_a_video(tmp_path: Path) -> None:
    bogus = tmp_path / "clip.avi"
    bogus.write_text("hello")
    status, _, err = run(str(bogus))
    assert status == 1
    assert err == f"klipp-scan: error: cannot open {bogus} as a video\n"


def test_empty_folder(tmp_path: Path) -> None:
    status, _, err = run(str(tmp_path))
    assert (status, err) == (1, f"klipp-scan: error: no images in folder {tmp_path}\n")


def test_missing_camera_is_reported_not_a_crash() -> None:
    status, out, err = run("--camera", "96", "--seconds", "0.3")
    assert status == 1
    assert out == ""
    assert err.splitlines()[0] == (
        "klipp-scan: no camera: camera 96 cannot be opened; retrying in 0.5 s")
    assert err.splitlines()[-1].startswith("klipp-scan: error: camera 96 delivered no frames")
    assert "Traceback" not in err and "WARN" not in err


def test_runs_as_python_module_and_reports_missing_pyzbar(tmp_path: Path) -> None:
    script = ("import sys; sys.modules['pyzbar'] = None; import runpy; "
              "runpy.run_module('scanner', run_name='__main__')")
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), "--backend", "pyzbar"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("klipp-scan: error: the pyzbar backend is not installed")
    assert "apt-get install libzbar0" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_help_exits_zero() -> None:
    result = subprocess.run([sys.executable, "-m", "scanner", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    assert "--backend" in result.stdout and "--json" in result.stdout
