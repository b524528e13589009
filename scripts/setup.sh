#!/usr/bin/env bash
# Installs what docgen needs beyond Swift itself: libcmark's headers and pkg-config file — Debian's
# libcmark-dev on Linux, Homebrew's cmark on macOS (Package.swift names both providers). Safe to run again.
set -euo pipefail
if [ "$(uname -s)" = "Darwin" ]; then
    if ! command -v brew >/dev/null 2>&1; then
        echo "setup: Homebrew is needed for cmark (https://brew.sh), or install cmark and pkg-config another way" >&2
        exit 1
    fi
    if pkg-config --exists libcmark 2>/dev/null; then
        echo "setup: cmark is installed"
        exit 0
    fi
    brew install cmark pkg-config
    exit 0
fi
if pkg-config --exists libcmark 2>/dev/null && [ -f /usr/include/cmark.h ]; then
    echo "setup: libcmark-dev is installed"
    exit 0
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
run apt-get update
run apt-get install -y libcmark-dev pkg-config
