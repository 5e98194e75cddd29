#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own download does not work everywhere).
# Installs it when missing and we are allowed to; otherwise says exactly what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Chromium is missing: installing Debian's chromium package for the browser tests…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium" ] && exit 0
fi
echo "The browser tests need Chromium at $chromium. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
