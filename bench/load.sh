#!/usr/bin/env bash
# ./securecart bench load [options]: Gatling load tests (load/, Java DSL) against SecureCart on PostgreSQL:
# the shopping mix, a flash-sale spike on one hot SKU, the saturation point, and an overload run at 3x it.
# HTML reports under load/target/gatling/. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "load"
rate_limits_off

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
need_whole --rate "$RATE" --duration "$DURATION"

if [ -z "$BASE_URL" ]; then
  need_jar
  pg_init
  DB=securecart_load
  recreate_db "$DB"
  bench_admin load
  rm -rf "$OUT/load-data"
  echo "==> Starting SecureCart (PostgreSQL database $DB, 10,000 demo products; log ${OUT#"$ROOT"/}/load-server.log)"
  start_server "$OUT/load-server.log" 0 -- --db "$(jdbc_url "$DB")" --data-dir "$OUT/load-data" --demo-products 10000
  await_ready "$SERVER_PID" "$OUT/load-server.log" 120
  echo "    ready on 127.0.0.1:$SERVER_PORT"
  BASE_URL="http://127.0.0.1:$SERVER_PORT"
fi

# shellcheck source=bench/lib/gatling.sh
. bench/lib/gatling.sh

failed=0
gatling ShopMixSimulation -Drate="$RATE" -Dduration="$DURATION" || failed=1
gatling FlashSaleSimulation -Drate=$((RATE / 4 > 0 ? RATE / 4 : 1)) -Dhold="$DURATION" || failed=1
gatling SaturationSimulation -Dusers=32 -Dduration=15 || failed=1
SATURATION=${G_OK_RPS%.*}
[ "${SATURATION:-0}" -gt 0 ] || die "no saturation figure"
echo "==> Saturation: $SATURATION searches/s; overload at 3x = $((SATURATION * 3))/s"
gatling OverloadSimulation -Drate=$((SATURATION * 3)) -Dduration="$DURATION" || failed=1
if [ "$G_TIMEOUTS" != 0 ]; then echo "    FAILED: $G_TIMEOUTS requests timed out under overload"; failed=1; fi
exit "$failed"
