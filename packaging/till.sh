#!/usr/bin/env bash
# Start the till on this machine: the cashier's window, SQLite only, no server needed.
# First run: installs into .venv (and the system libraries Qt needs, as root); an empty data
# folder opens on a demo café with printed demo cards to scan.
# Any arguments go to the window (e.g. `bash packaging/till.sh --data-dir /srv/klipp --kiosk`).
# The terminal till is still there: `.venv/bin/klipp till`.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/window.sh" "$@"
