#!/usr/bin/env bash
# Check deploy/: `nginx -t` on the site (in a throwaway prefix, with a throwaway self-signed certificate) and
# `systemd-analyze verify` on the units (with /opt/immuqc pointed at a throwaway tree holding the executables).
# Needs nginx and systemd-analyze; with CI=true a missing tool fails the check, otherwise it is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0

need() {
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  if [ "${CI:-}" = "true" ]; then echo "deploy-check: $1 is missing" >&2; exit 1; fi
  echo "deploy-check: $1 not installed, skipped"; return 1
}

if need nginx; then
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/certs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=immuqc.example.cn \
    -keyout "$TMP/nginx/certs/privkey.pem" -out "$TMP/nginx/certs/fullchain.pem" 2>/dev/null
  sed -e "s#/etc/ssl/immuqc#$TMP/nginx/certs#g" -e "s#/var/log/nginx#$TMP/nginx/logs#g" \
    deploy/nginx/immuqc.conf > "$TMP/nginx/immuqc.conf"
  cat > "$TMP/nginx/nginx.conf" <<CONF
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log $TMP/nginx/logs/access.log;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  include $TMP/nginx/immuqc.conf;
}
CONF
  if nginx -t -q -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf"; then echo "nginx -t: ok"; else status=1; fi
fi

if need systemd-analyze; then
  mkdir -p "$TMP/units" "$TMP/opt/immuqc/venv/bin" "$TMP/opt/immuqc/current/instance" "$TMP/backups"
  for exe in gunicorn flask; do
    printf '#!/bin/sh\n' > "$TMP/opt/immuqc/venv/bin/$exe"; chmod +x "$TMP/opt/immuqc/venv/bin/$exe"
  done
  touch "$TMP/opt/immuqc/current/.env"
  for unit in deploy/systemd/*.service deploy/systemd/*.timer; do
    sed -e "s#/opt/immuqc#$TMP/opt/immuqc#g" -e "s#/var/backups/immuqc#$TMP/backups#g" "$unit" \
      > "$TMP/units/$(basename "$unit")"
  done
  # verify prints problems on stderr but exits 0 for some of them: any output is a failure
  out=$(cd "$TMP/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer 2>&1) \
    || status=1
  if [ -n "$out" ]; then echo "$out" >&2; status=1; else echo "systemd-analyze verify: ok"; fi
fi
exit $status
