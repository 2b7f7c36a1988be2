#!/usr/bin/env bash
# Start the till on this machine: SQLite only, no server needed.
# First run: installs into .venv and builds a demo café so there is something to scan.
# Any arguments go to `klipp till` (e.g. `bash packaging/till.sh --data-dir /srv/klipp`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
exec klipp till --demo-if-empty "$@"
