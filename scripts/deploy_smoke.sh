#!/usr/bin/env bash
# Deployment smoke test: from the release artefact to a nurse syncing, as docs/DEPLOYMENT.md says, on a private
# PostgreSQL cluster and a private Redis (other ports; the machine's shared ones are never touched):
#   fresh venv from requirements.lock only → .env in production mode → db upgrade (owner role) → county create →
#   organisation import (.xlsx) → users create → gunicorn, 2 workers, limits on Redis, app on the non-owner role →
#   /healthz 200 → a nurse signs in, pushes, pulls → Redis stopped: sign-in still works → PostgreSQL stopped:
#   /healthz 503.
# Usage: scripts/deploy_smoke.sh [dist/immuqc-<version>.tar.gz]   (default: `make dist` first)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
START=$(date +%s)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PY=${PY:-python3}

ARTEFACT=${1:-}
if [ -z "$ARTEFACT" ]; then
  make --no-print-directory dist >/tmp/immuqc-smoke-dist.log 2>&1 || { tail -30 /tmp/immuqc-smoke-dist.log; exit 1; }
  ARTEFACT=$(ls -t dist/immuqc-*.tar.gz | head -1)
fi
ARTEFACT=$(realpath "$ARTEFACT")

TMP=$(mktemp -d /tmp/immuqc-smoke.XXXXXX)
chmod 755 "$TMP"
GUNICORN_PID="" REDIS_UP="" PG_UP=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  set +e
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"; for _ in $(seq 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null
  fi
  if [ -n "$REDIS_UP" ] && [ -f "$TMP/redis.pid" ]; then kill -TERM "$(cat "$TMP/redis.pid")" 2>/dev/null; fi
  if [ -n "$PG_UP" ]; then as_pg "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate stop >/dev/null 2>&1; fi
  if [ "${KEEP_SMOKE_DIR:-}" != "1" ]; then rm -rf "$TMP"; else echo "kept $TMP"; fi
}
trap cleanup EXIT
fail() { echo "smoke: FAILED: $*" >&2; for f in "$TMP"/gunicorn.log "$TMP"/pglog/pg.log; do
  [ -f "$f" ] && { echo "--- $f (last 40 lines)" >&2; tail -40 "$f" >&2; }; done; exit 1; }
step() { echo "== [$(( $(date +%s) - START ))s] $*"; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port); REDIS_PORT=$(free_port); APP_PORT=$(free_port)

step "private PostgreSQL on port $PG_PORT, Redis on port $REDIS_PORT"
mkdir -p "$TMP/pg" "$TMP/pgsock" "$TMP/pglog"
if [ "$(id -u)" = 0 ]; then chown postgres: "$TMP/pg" "$TMP/pgsock" "$TMP/pglog"; fi
echo "superuser-secret" > "$TMP/pg.pw"; chmod 644 "$TMP/pg.pw"
as_pg "$PGBIN/initdb" -D "$TMP/pg" -U postgres --pwfile="$TMP/pg.pw" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null || fail "initdb"
as_pg "$PGBIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pglog/pg.log" -w -o "-p $PG_PORT -k $TMP/pgsock -c listen_addresses=127.0.0.1 \
  -c fsync=off" start >/dev/null || fail "PostgreSQL did not start"
PG_UP=1
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$TMP/redis.pid" --dir "$TMP" --logfile "$TMP/redis.log" || fail "redis-server did not start"
REDIS_UP=1

step "roles and database from deploy/postgresql/roles.sql (owner + non-owner app role)"
OWNER_PW=owner-$RANDOM$RANDOM APP_PW=app-$RANDOM$RANDOM
as_pg psql -q -h "$TMP/pgsock" -p "$PG_PORT" -U postgres -v owner_pw="'$OWNER_PW'" -v app_pw="'$APP_PW'" \
  -f "$REPO/deploy/postgresql/roles.sql" >/dev/null || fail "roles.sql"

step "unpack $(basename "$ARTEFACT") and a fresh venv from requirements.lock only"
tar -C "$TMP" -xzf "$ARTEFACT"
APP=$(echo "$TMP"/immuqc-*)
"$PY" -m venv "$TMP/venv"
# --no-compile: bytecode is written on first import instead (this is about what the lock installs, not speed)
"$TMP/venv/bin/pip" install -q --no-compile --disable-pip-version-check -r "$APP/requirements.lock" 2>&1 \
  | grep -v "^WARNING: Location" || true
"$TMP/venv/bin/python" -c "import flask, gunicorn, psycopg, redis, openpyxl" || fail "runtime lock does not install"
"$TMP/venv/bin/python" -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) for m in
  ('pytest', 'ruff', 'playwright', 'schemathesis')))" || fail "a test tool is in the runtime environment"
[ -f "$APP/pwa/dist/index.html" ] || fail "the artefact has no built phone app"

step ".env in production mode"
cat > "$APP/.env" <<ENV
ENV_NAME=production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_hex(32))')
DATABASE_URL=postgresql://immuqc_app:$APP_PW@127.0.0.1:$PG_PORT/immuqc
RATELIMIT_STORAGE_URI=redis://127.0.0.1:$REDIS_PORT/0
GUNICORN_BIND=127.0.0.1:$APP_PORT
GUNICORN_WORKERS=2
GUNICORN_THREADS=2
ENV
cd "$APP"
FLASK="$TMP/venv/bin/flask --app webapp"

step "db upgrade as the owner role"
DATABASE_URL="postgresql://immuqc_owner:$OWNER_PW@127.0.0.1:$PG_PORT/immuqc" $FLASK db upgrade 2>"$TMP/upgrade.log" \
  || { cat "$TMP/upgrade.log" >&2; fail "db upgrade"; }

step "county create, organisation import (.xlsx), a nurse account — as the app role"
$FLASK county create 150999 新县 --admin county-admin --password County-pass-2026 || fail "county create"
"$TMP/venv/bin/python" - "$TMP/org.xlsx" <<'PYX'
import sys
from openpyxl import Workbook
wb = Workbook(); wb.remove(wb.active)
for title, rows in {"乡镇": [["代码", "名称"], ["150999001", "新镇"]],
                    "接种单位": [["代码", "名称", "类型", "所属乡镇代码"], ["U70", "新镇防保站", "乡镇防保站", "150999001"]],
                    "行政村": [["代码", "名称", "所属接种单位代码"], ["V70", "新村", "U70"]]}.items():
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
wb.save(sys.argv[1])
PYX
$FLASK org import "$TMP/org.xlsx" || fail "org import"
$FLASK users create nurse-70 --role nurse --scope U70 --password Nurse-pass-2026 || fail "users create"

step "gunicorn, 2 workers, on port $APP_PORT"
"$TMP/venv/bin/gunicorn" -c gunicorn.conf.py wsgi:app >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
BASE=http://127.0.0.1:$APP_PORT
CLIENT="$TMP/venv/bin/python $REPO/scripts/deploy_smoke_client.py"
$CLIENT healthy "$BASE" ok || fail "healthz with Redis"
$CLIENT nurse "$BASE" || fail "nurse push and pull"
grep -q '"request_id": "smoke-' "$TMP/gunicorn.log" || fail "no JSON access log line with the request id"

step "Redis stopped: sign-in still works"
kill -TERM "$(cat "$TMP/redis.pid")"; REDIS_UP=""
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || break; sleep 0.1; done
for _ in 1 2 3; do $CLIENT sign-in "$BASE" || fail "sign-in with Redis stopped"; done
$CLIENT healthy "$BASE" fallback || fail "healthz with Redis stopped"
grep -q "falling back to in-memory storage" "$TMP/gunicorn.log" || fail "the fallback was not logged"

step "PostgreSQL stopped: /healthz answers 503"
as_pg "$PGBIN/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null; PG_UP=""
$CLIENT database-away "$BASE" || fail "healthz with the database stopped"
grep -q " 500 \|\"status\": 500" "$TMP/gunicorn.log" && fail "a request answered 500"

step "deployment smoke test passed in $(( $(date +%s) - START ))s"
