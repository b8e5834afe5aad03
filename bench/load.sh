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

parse_options "./securecart bench load" "
--base-url=URL  BASE_URL  -   a running SecureCart or fleet (then SECURECART_ADMIN_PASSWORD and SECURECART_ADMIN_TOTP_SECRET must be its admin's)
--rate=N        RATE      20  shoppers/s of the shopping mix
--duration=S    DURATION  30  seconds of the shopping mix, flash sale and overload runs
" "" "$@"
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
