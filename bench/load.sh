#!/usr/bin/env bash
# ./securecart bench load [options]: Gatling load tests (load/, Java DSL) against SecureCart on PostgreSQL:
# the shopping mix, a flash-sale spike on one hot SKU, the saturation point, and an overload run at 3x it.
# HTML reports under load/target/gatling/. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# One load driver on one address is one client to the per-client rate limits: they are off for the run.
export SECURECART_RATE_CHECKOUT=off SECURECART_RATE_SEARCH=off SECURECART_RATE_LOGIN=off

BASE_URL="" RATE=20 DURATION=30
while [ $# -gt 0 ]; do
  case "$1" in
    --base-url) BASE_URL=$2; shift 2 ;;   # a running SecureCart or fleet (then SECURECART_ADMIN_PASSWORD must be its)
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    -h|--help) echo "usage: ./securecart bench load [--base-url URL] [--rate 20] [--duration 30]"; exit 0 ;;
    *) echo "load: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $RATE =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ ]] || { echo "load: --rate and --duration are numbers" >&2; exit 2; }

OUT="$ROOT/bench/target"
mkdir -p "$OUT"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$BASE_URL" ]; then
  DB=securecart_load
  PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -qc "CREATE DATABASE $DB" >/dev/null
  export SECURECART_ADMIN_EMAIL=load-admin@example.com
  SECURECART_ADMIN_PASSWORD="load-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
  export SECURECART_ADMIN_PASSWORD
  PORT=18180
  rm -rf "$OUT/load-data"
  echo "==> Starting SecureCart on 127.0.0.1:$PORT (PostgreSQL database $DB, 10,000 demo products)"
  # shellcheck disable=SC2086
  java ${SECURECART_SERVER_JVM_OPTS:---enable-native-access=ALL-UNNAMED} -jar server/target/securecart.jar \
    --port "$PORT" --db "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" --data-dir "$OUT/load-data" \
    --demo-products 10000 >"$OUT/load-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health/ready")" = 200 ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "load: SecureCart exited:" >&2; tail -n 20 "$OUT/load-server.log" >&2; exit 1; }
    sleep 0.1
  done
  BASE_URL="http://127.0.0.1:$PORT"
fi

# shellcheck source=bench/lib/gatling.sh
. "$ROOT/bench/lib/gatling.sh"

failed=0
gatling ShopMixSimulation -Drate="$RATE" -Dduration="$DURATION" || failed=1
gatling FlashSaleSimulation -Drate=$((RATE / 4 > 0 ? RATE / 4 : 1)) -Dhold="$DURATION" || failed=1
gatling SaturationSimulation -Dusers=32 -Dduration=15 || failed=1
SATURATION=${G_OK_RPS%.*}
[ -n "$SATURATION" ] && [ "$SATURATION" -gt 0 ] || { echo "load: no saturation figure" >&2; exit 1; }
echo "==> Saturation: $SATURATION searches/s; overload at 3x = $((SATURATION * 3))/s"
gatling OverloadSimulation -Drate=$((SATURATION * 3)) -Dduration="$DURATION" || failed=1
if [ "$G_TIMEOUTS" != 0 ]; then echo "    FAILED: $G_TIMEOUTS requests timed out under overload"; failed=1; fi
exit "$failed"
