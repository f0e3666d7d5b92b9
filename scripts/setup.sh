#!/usr/bin/env bash
# One command installs everything Sift needs on a fresh Debian/Ubuntu machine:
# Debian's Chromium and CJK fonts (Playwright drives it; its own browsers are not downloaded)
# and the npm packages (whose prepare step builds the CLI and the UI).
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-noto-cjk: without it, Chinese text renders as empty boxes in screenshots.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-noto-cjk
  else
    echo "setup: /usr/bin/chromium is missing and apt-get is not available; install Chromium to run the browser tests." >&2
  fi
fi

npm ci --no-audit --no-fund
