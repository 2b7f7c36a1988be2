# Debian packages the till and its tests need from the system, and one careful way to install
# them. Sourced by window.sh and test.sh (not run on its own).

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

# Print the packages of "library:package" pairs whose library the linker cannot find.
missing_libraries() {
  local pair
  for pair in "$@"; do
    ldconfig -p 2>/dev/null | grep -q "${pair%%:*}" || echo "${pair##*:}"
  done
}

# Install Debian packages as root. A busy package manager, an interrupted earlier install or
# stale package lists each make a single apt-get fail within a second, so wait for the lock,
# finish what dpkg left half done, refresh the lists and try again before giving up; on
# failure, show what apt said (never hide it) and return 1.
apt_install() {
  [ "$#" -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    return 1
  fi
  local log attempt
  log="$(mktemp)"
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3; do
    if apt-get -o DPkg::Lock::Timeout=180 install -y -qq --no-install-recommends "$@" \
        >"$log" 2>&1; then
      rm -f "$log"
      return 0
    fi
    dpkg --configure -a >>"$log" 2>&1 || true
    apt-get -o DPkg::Lock::Timeout=180 update -qq >>"$log" 2>&1 || true
    [ "$attempt" = 3 ] || sleep $((attempt * 10))
  done
  echo "apt-get could not install $*; what it said last:" >&2
  tail -n 15 "$log" >&2
  rm -f "$log"
  return 1
}
