#!/usr/bin/env bash
# One command installs everything Sift needs on a fresh Debian/Ubuntu machine:
# Debian's Chromium and CJK fonts (Playwright drives it; its own browsers are not downloaded),
# Tesseract's English and Chinese language data (the OCR tests serve these real files as
# the "downloaded" ones) and the npm packages (whose prepare step builds the CLI and the UI).
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-noto-cjk: without it, Chinese text renders as empty boxes in screenshots.
tessdata_ok() { ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1; }
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk" || ! tessdata_ok; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-noto-cjk tesseract-ocr-eng tesseract-ocr-chi-sim
  else
    echo "setup: Chromium, CJK fonts or Tesseract language data are missing and apt-get is not available; install them to run the tests." >&2
  fi
fi

npm ci --no-audit --no-fund
