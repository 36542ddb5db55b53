#!/usr/bin/env bash
# Install CPython 3.14 and 3.15 on a Debian 12 (bookworm) machine that has no other way to
# get them, so the tests and the build run the examples on the Python the guide is about.
#
#   sudo .ci/install-cpython.sh [ROOT]        # default ROOT: /opt/cpython-debian
#
# Debian's package registry serves the binary packages of its unstable release (sid),
# python3.14 and python3.15 among them, but they need a newer glibc than bookworm's. So:
# download the interpreters and the libraries they link against (glibc included) without
# installing them, unpack them into ROOT, point the interpreters at ROOT's own dynamic
# loader and libraries (patchelf; an RPATH, so that extension modules loaded later find the
# same libraries), byte-compile their standard library (dpkg -x skips the install scripts
# that do it; without it every spawned child compiles what it imports), and link them as
# /usr/local/bin/python3.14 and python3.15, where the runner's discovery finds them on
# PATH. Nothing of the host's own system changes: the sid package list is only used for the
# download, and removed afterwards. Running it again does nothing but print the versions.
set -euo pipefail
ROOT=${1:-/opt/cpython-debian}
LIB=$ROOT/usr/lib/x86_64-linux-gnu
VERSIONS=(3.14 3.15)

if [ "$(id -u)" != 0 ]; then
  echo "install-cpython.sh: needs root (it uses apt-get and writes to $ROOT)" >&2
  exit 2
fi
if [ "$(uname -m)" != x86_64 ] || ! command -v apt-get >/dev/null; then
  echo "install-cpython.sh: for Debian on x86_64 only; elsewhere install CPython 3.14/3.15 your way" >&2
  exit 2
fi

missing=0
for v in "${VERSIONS[@]}"; do [ -x "$ROOT/usr/bin/python$v" ] || missing=1; done
if [ "$missing" = 1 ]; then
  sources=/etc/apt/sources.list.d/cpython-sid.sources
  pin=/etc/apt/preferences.d/cpython-sid-pin
  cleanup() { rm -f "$sources" "$pin"; apt-get update -qq || true; }
  trap cleanup EXIT
  cat > "$sources" <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  # Priority 50: nothing on the host is ever upgraded from sid; we only download.
  printf 'Package: *\nPin: release n=sid\nPin-Priority: 50\n' > "$pin"
  apt-get update -qq
  command -v patchelf >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patchelf >/dev/null
  packages=(libc6 libgcc-s1 libbz2-1.0 libdb5.3t64 libexpat1 libffi8 liblzma5 libncursesw6
            libreadline8t64 libsqlite3-0 libssl3t64 libtinfo6 libuuid1 libzstd1 zlib1g libcrypt1)
  for v in "${VERSIONS[@]}"; do
    packages+=("libpython$v-minimal" "libpython$v-stdlib" "python$v-minimal" "python$v")
  done
  download=$(mktemp -d)
  chown _apt "$download" 2>/dev/null || true  # apt downloads as its own user when it can
  (cd "$download" && apt-get download -qq -t sid "${packages[@]}")
  mkdir -p "$ROOT"
  for deb in "$download"/*.deb; do dpkg -x "$deb" "$ROOT"; done
  rm -rf "$download"
  for v in "${VERSIONS[@]}"; do
    patchelf --set-interpreter "$LIB/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$LIB" \
      "$ROOT/usr/bin/python$v"
    "$ROOT/usr/bin/python$v" -m compileall -q -j0 -x 'test/|idlelib|tkinter' \
      "$ROOT/usr/lib/python$v" >/dev/null || true
  done
fi

for v in "${VERSIONS[@]}"; do
  # A link works as an interpreter path: the interpreter finds its prefix through it.
  ln -sf "$ROOT/usr/bin/python$v" "/usr/local/bin/python$v"
  "/usr/local/bin/python$v" -c \
    'import sys, ssl, sqlite3, multiprocessing; print(sys.executable, sys.version.split()[0])'
done
