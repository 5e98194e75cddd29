#!/usr/bin/env bash
# The hardening tests put Debian's nginx (proxy_cache) in front of two Mochi instances.
# Installs it when missing and we are allowed to; otherwise says exactly what to do.
set -euo pipefail
nginx="${NGINX_PATH:-/usr/sbin/nginx}"
[ -x "$nginx" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "nginx is missing: installing Debian's nginx package for the hardening tests…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
  [ -x "$nginx" ] && exit 0
fi
echo "The hardening tests need nginx at $nginx. Install it (Debian: apt-get install nginx) or set NGINX_PATH." >&2
exit 1
