#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: install, start PostgreSQL if it is down,
# then lint, architecture contracts and every test. Extra arguments go to pytest.
# Long soak and fault runs: KLIPP_SOAK=1 bash packaging/test.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source "$root/packaging/system_packages.sh"

# pyzbar (the alternative QR decoder the tests compare against) needs the zbar library.
# Without it those comparisons would skip and the run would look green: stop instead.
# The window's tests start the real program once under a virtual X display (xvfb) with Qt's
# xcb libraries, and the manager's PDF export is checked by turning it into an image
# (poppler-utils). Install what is missing; stop if it cannot be had, never skip quietly.
missing_for_tests() {
  missing_libraries libzbar.so.0:libzbar0 "${qt_libs[@]}"
  command -v xvfb-run >/dev/null || echo xvfb
  command -v xauth >/dev/null || echo xauth
  command -v pdftoppm >/dev/null || echo poppler-utils
}
needed=($(missing_for_tests))
if [ "${#needed[@]}" -gt 0 ]; then
  echo "Installing ${needed[*]} ..." >&2
  apt_install "${needed[@]}" || true
  still=($(missing_for_tests))
  if [ "${#still[@]}" -gt 0 ]; then
    echo "These system packages are missing and could not be installed:" \
      "${still[*]} (as root: apt-get install ${still[*]})" >&2
    exit 1
  fi
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
