#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: install, start PostgreSQL if it is down,
# then lint, architecture contracts and every test. Extra arguments go to pytest.
# Long soak and fault runs: KLIPP_SOAK=1 bash packaging/test.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# pyzbar (the alternative QR decoder the tests compare against) needs the zbar library.
# Without it those comparisons would skip and the run would look green: stop instead.
if ! ldconfig -p 2>/dev/null | grep -q libzbar.so; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libzbar0 ..." >&2
    apt-get install -y -qq libzbar0 >/dev/null 2>&1 || \
      (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libzbar0 >/dev/null 2>&1) || true
  fi
  if ! ldconfig -p 2>/dev/null | grep -q libzbar.so; then
    echo "libzbar is missing and could not be installed (as root: apt-get install libzbar0);" \
      "the pyzbar comparisons cannot run" >&2
    exit 1
  fi
fi

# The window's tests start the real program once under a virtual X display (xvfb) with Qt's
# xcb libraries, and the manager's PDF export is checked by turning it into an image
# (poppler-utils). Install what is missing; stop if it cannot be had, never skip quietly.
needed=()
command -v xvfb-run >/dev/null || needed+=(xvfb)
command -v xauth >/dev/null || needed+=(xauth)
command -v pdftoppm >/dev/null || needed+=(poppler-utils)
for pair in libxcb-cursor.so.0:libxcb-cursor0 libEGL.so.1:libegl1 libGL.so.1:libgl1 \
            libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxkbcommon.so.0:libxkbcommon0 \
            libxcb-icccm.so.4:libxcb-icccm4 libxcb-image.so.0:libxcb-image0 \
            libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-randr.so.0:libxcb-randr0 \
            libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0 \
            libxcb-xinerama.so.0:libxcb-xinerama0 libxcb-xkb.so.1:libxcb-xkb1 \
            libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3; do
  ldconfig -p 2>/dev/null | grep -q "${pair%%:*}" || needed+=("${pair##*:}")
done
if [ "${#needed[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${needed[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null 2>&1 || \
      (apt-get update -qq >/dev/null 2>&1 && \
       apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null 2>&1) || true
  fi
  command -v xvfb-run >/dev/null && command -v pdftoppm >/dev/null || {
    echo "xvfb and poppler-utils are missing and could not be installed" \
      "(as root: apt-get install ${needed[*]})" >&2
    exit 1
  }
fi

# The server and sync tests run against a real PostgreSQL on 127.0.0.1:5432.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "Starting PostgreSQL ..." >&2
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
fi

source "$root/packaging/bootstrap.sh"
export QT_QPA_PLATFORM=offscreen
exec python -m pytest "$@"
