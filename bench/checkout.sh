#!/usr/bin/env bash
# ./securecart bench checkout [options]: SecureCart checkout throughput on PostgreSQL, next to pgbench's TPC-B-like
# tps on the same cluster. See bench/README.md. Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "checkout bench"

parse_options "./securecart bench checkout" "
--duration=S          DURATION         30     measured seconds of scenario (a)
--warmup=S            WARMUP           5      warm-up seconds before (a) is measured
--clients=N           CLIENTS          32     concurrent clients in (a), 0 skips (a)
--skus=N              SKUS             1000   SKUs in (a)
--hot-buyers=N        HOT_BUYERS       10000  buyers in (b), 0 skips (b)
--hot-stock=N         HOT_STOCK        1000   units of the hot SKU in (b)
--hot-concurrency=N   HOT_CONCURRENCY  64     checkouts in flight in (b)
--pool-size=N         POOL_SIZE        -      SecureCart's database pool (SECURECART_DB_POOL_SIZE; the server's default: 16)
--pgbench-duration=S  PGB_DURATION     30     pgbench -T
--pgbench-clients=N   PGB_CLIENTS      16     pgbench -c
--no-pgbench          RUN_PGBENCH      1      skip pgbench
--keep-db             KEEP_DB          0      keep the benchmark databases afterwards
" "Environment: PGPORT (default 5432); PostgreSQL is always reached at 127.0.0.1 as user postgres (trust auth)." "$@"
need_whole --duration "$DURATION" --warmup "$WARMUP" --clients "$CLIENTS" --skus "$SKUS" --hot-buyers "$HOT_BUYERS" \
  --hot-stock "$HOT_STOCK" --hot-concurrency "$HOT_CONCURRENCY" --pgbench-clients "$PGB_CLIENTS"
[ -z "$POOL_SIZE" ] || need_whole --pool-size "$POOL_SIZE"
need_range --pgbench-duration "$PGB_DURATION" 1 600

pg_init
need_command curl
need_built CheckoutBench
BENCH_DB=${SECURECART_BENCH_DB:-securecart_bench}
PGBENCH_DB=securecart_pgbench
SERVER_LOG="$OUT/checkout-server.log"
PGBENCH_LOG="$OUT/checkout-pgbench.log"
rm -f "$OUT/checkout-results.properties" "$OUT/checkout-table.txt"
scratch_db "$BENCH_DB"
scratch_db "$PGBENCH_DB"

echo "==> Fresh database $BENCH_DB on $PGHOST:$PGPORT ($(pg_version))"
recreate_db "$BENCH_DB"
JDBC_URL=$(jdbc_url "$BENCH_DB")
bench_admin bench
rate_limits_off
[ -z "$POOL_SIZE" ] || export SECURECART_DB_POOL_SIZE=$POOL_SIZE

echo "==> Starting SecureCart (pool ${SECURECART_DB_POOL_SIZE:-16}; log: ${SERVER_LOG#"$ROOT"/})"
# The checkout tier: API and workers, no search index (search is its own tier, see bench search).
start_server "$SERVER_LOG" 0 -- --db "$JDBC_URL" --demo-products 0 --data-dir "$OUT/checkout-data" --roles api,workers
await_ready "$SERVER_PID" "$SERVER_LOG" 60
echo "    ready on 127.0.0.1:$SERVER_PORT"

echo "==> Load driver: (a) $CLIENTS clients over $SKUS SKUs for ${WARMUP}+${DURATION} s; (b) $HOT_BUYERS buyers for $HOT_STOCK units"
driver_rc=0
driver CheckoutBench \
  --base-url "http://127.0.0.1:$SERVER_PORT/" --jdbc-url "$JDBC_URL" \
  --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --skus "$SKUS" \
  --hot-buyers "$HOT_BUYERS" --hot-stock "$HOT_STOCK" --hot-concurrency "$HOT_CONCURRENCY" \
  --results-dir "$OUT" || driver_rc=$?

problems=$(log_problems "$SERVER_LOG" 'ERROR|SEVERE|Exception')
server_exited "$SERVER_PID" "$SERVER_LOG" || true
echo "==> Stopping SecureCart (server log: ${SERVER_LOG#"$ROOT"/}, $problems lines mentioning ERROR/SEVERE/Exception)"
stop_server "$SERVER_PID" 10
if [ "$driver_rc" != 0 ] || [ ! -f "$OUT/checkout-results.properties" ]; then
  echo "checkout bench: the load driver failed (exit $driver_rc); server log tail:" >&2
  tail -n 30 "$SERVER_LOG" >&2 || true
  exit 1
fi

prop() { awk -F= -v k="$1" '$1 == k { print $2 }' "$OUT/checkout-results.properties"; }

tps=""
if [ "$RUN_PGBENCH" = 1 ]; then
  PGBENCH=$(pg_tool pgbench)
  echo "==> pgbench on $PGBENCH_DB in the same cluster: -i -s 10, then -c $PGB_CLIENTS -j 2 -T $PGB_DURATION (TPC-B-like)"
  recreate_db "$PGBENCH_DB"
  "$PGBENCH" -i -s 10 -q "$PGBENCH_DB" >"$PGBENCH_LOG" 2>&1 || { cat "$PGBENCH_LOG" >&2; exit 1; }
  "$PGBENCH" -c "$PGB_CLIENTS" -j 2 -T "$PGB_DURATION" "$PGBENCH_DB" >>"$PGBENCH_LOG" 2>&1 || { cat "$PGBENCH_LOG" >&2; exit 1; }
  tps=$(awk '/^tps = / { print $3; exit }' "$PGBENCH_LOG")
  grep -E '^(number of transactions actually processed|latency average|tps)' "$PGBENCH_LOG" | sed 's/^/    /'
fi

echo
echo "==> Summary (checkout: SecureCart over HTTP on PostgreSQL; pgbench: same cluster, server stopped)"
cat "$OUT/checkout-table.txt"
a_rate=$(prop a.orders_per_s)
if [ -n "$tps" ]; then
  awk -v t="$tps" -v a="$a_rate" 'BEGIN {
    r = (t > 0) ? a / t : 0
    printf "pgbench TPC-B-like tps: %.1f   checkout/pgbench ratio (a): %.2f   (goal >= 0.50: %s)\n", t, r, (r >= 0.5 ? "met" : "not met")
  }'
else
  echo "pgbench skipped (--no-pgbench)"
fi
if [ "$(prop verdict)" != ok ]; then
  echo "OVERSOLD: stock was sold beyond what was on hand; see the audit lines above." >&2
  exit 3
fi
