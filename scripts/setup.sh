#!/usr/bin/env bash
# Sets up displacement-monitor on a fresh Debian machine with Python 3.11+:
#   system packages (fonts and Pango for the PDF snapshot, poppler-utils; Chromium with --test),
#   a virtual environment in .venv with the project installed, and the map's offline Leaflet files.
# Safe to run again: every step checks what is already there.
#   bash scripts/setup.sh          # to run dmon
#   bash scripts/setup.sh --test   # also what the tests need (Chromium, pytest, Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

apt_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-hosny-amiri fonts-dejavu-core poppler-utils)
# npm fetches Leaflet for the offline map. Machines that already have Node.js (often from NodeSource,
# whose nodejs package carries npm) must not get Debian's npm on top of it, so look for the command.
command -v npm >/dev/null || apt_packages+=(npm)
[ "$with_tests" = 1 ] && apt_packages+=(chromium)

missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing system packages: ${missing[*]}"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: please install these Debian packages first: ${missing[*]}" >&2
        exit 1
    fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$with_tests" = 1 ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
else
    .venv/bin/python -m pip install -q -e .
fi

# Leaflet and its plugins for the offline map, from the npm registry (never committed).
.venv/bin/python -m dashboard.vendor install
echo "setup: done"
