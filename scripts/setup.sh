#!/usr/bin/env bash
# Installs what docgen needs beyond Swift itself: libcmark's headers and pkg-config file (Debian's
# libcmark-dev). Safe to run again.
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null && [ -f /usr/include/cmark.h ]; then
    echo "setup: libcmark-dev is installed"
    exit 0
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
run apt-get update
run apt-get install -y libcmark-dev pkg-config
