#!/usr/bin/env bash
# Usage: ensure-debian-package.sh <package> <binary> [ENV_VAR]
# Some tests drive Debian programs (Chromium for the browser tests, nginx for the proxy tests; Playwright's
# own browser download does not work everywhere). Installs <package> with apt when <binary> is missing and
# we are allowed to; otherwise says exactly what to do. ENV_VAR, when set, points at another binary.
set -euo pipefail
package="$1"
override="${3:-}"
binary="${override:+${!override:-}}"
binary="${binary:-$2}"
[ -x "$binary" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "$package is missing: installing Debian's $package package for the tests…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
  [ -x "$binary" ] && exit 0
fi
echo "The tests need $package at $binary. Install it (Debian: apt-get install $package)${override:+ or set $override}." >&2
exit 1
