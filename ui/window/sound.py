"""Feedback sounds, played by the system's own player so the install needs no audio library.

The Essentials wheel has no QtMultimedia. The WAV files in assets/sounds are played with
the first of `pw-play`, `paplay` or `aplay` found on PATH (PipeWire, PulseAudio, ALSA;
Debian's alsa-utils gives aplay), as a detached process so the GUI never waits; with none
of them the till stays silent, which is fine because sound is never the only signal.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOUNDS = Path(__file__).resolve().parents[2] / "assets" / "sounds"
PLAYERS = (("pw-play", []), ("paplay", []), ("aplay", ["-q"]))


class Sound:
    """Plays 'success', 'error' or 'celebrate'; `played` records them (tests, logs)."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played: list[str] = []
        self._player: list[str] | None = None
        self.set_enabled(enabled)

    def set_enabled(self, enabled: bool) -> None:
        """Sounds on or off while the till runs (the back office's Settings)."""
        self.enabled = enabled
        if enabled and self._player is None:
            for name, args in PLAYERS:
                path = shutil.which(name)
                if path:
                    self._player = [path, *args]
                    break

    @property
    def player(self) -> str | None:
        return self._player[0] if self._player else None

    def play(self, name: str) -> None:
        self.played.append(name)
        if not self.enabled or self._player is None:
            return
        wav = SOUNDS / f"{name}.wav"
        if not wav.is_file():
            return
        try:
            subprocess.Popen([*self._player, str(wav)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        except OSError:
            self._player = None  # a broken player: stay silent rather than fail a stamp
