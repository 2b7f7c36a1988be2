#!/usr/bin/env bash
# Start the cashier's window on this machine (SQLite only, no server needed).
# First run: installs into .venv; an empty data folder opens on the demo café.
# Any arguments go to the window, e.g.
#   bash packaging/window.sh --data-dir /srv/klipp --camera 0 --kiosk
#   bash packaging/window.sh --video demo.mp4          (a video file as the camera)
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"

source "$here/system_packages.sh"
missing=($(missing_libraries "${qt_libs[@]}"))
if [ "${#missing[@]}" -gt 0 ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing system libraries the window needs: ${missing[*]}" >&2
    apt_install "${missing[@]}" || exit 3
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
