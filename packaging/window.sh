#!/usr/bin/env bash
# Start the cashier's window on this machine (SQLite only, no server needed).
# First run: installs into .venv; an empty data folder opens on the demo café.
# Any arguments go to the window, e.g.
#   bash packaging/window.sh --data-dir /srv/klipp --camera 0 --kiosk
#   bash packaging/window.sh --video demo.mp4          (a video file as the camera)
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"

# Qt's xcb platform plugin needs these system libraries; a fresh Debian lacks some.
# name of the library file -> Debian package that provides it
qt_libs=(
  "libxcb-cursor.so.0:libxcb-cursor0"
  "libEGL.so.1:libegl1"
  "libGL.so.1:libgl1"
  "libxkbcommon-x11.so.0:libxkbcommon-x11-0"
  "libxkbcommon.so.0:libxkbcommon0"
  "libxcb-icccm.so.4:libxcb-icccm4"
  "libxcb-image.so.0:libxcb-image0"
  "libxcb-keysyms.so.1:libxcb-keysyms1"
  "libxcb-randr.so.0:libxcb-randr0"
  "libxcb-render-util.so.0:libxcb-render-util0"
  "libxcb-shape.so.0:libxcb-shape0"
  "libxcb-xinerama.so.0:libxcb-xinerama0"
  "libxcb-xkb.so.1:libxcb-xkb1"
  "libfontconfig.so.1:libfontconfig1"
  "libdbus-1.so.3:libdbus-1-3"
)
missing=()
for pair in "${qt_libs[@]}"; do
  lib="${pair%%:*}"; pkg="${pair##*:}"
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing system libraries the window needs: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
      || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y \
           --no-install-recommends "${missing[@]}" >&2; }
  else
    echo "The window needs these system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 3
  fi
fi

# Sound is optional (never the only signal): aplay comes with alsa-utils.
if ! command -v aplay >/dev/null && ! command -v paplay >/dev/null \
   && ! command -v pw-play >/dev/null; then
  echo "Note: no sound player found (install alsa-utils for feedback sounds)." >&2
fi

source "$here/bootstrap.sh"
# The window itself says in one line when no display can be opened, and names the way out.
exec klipp-window "$@"
