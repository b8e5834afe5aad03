#!/usr/bin/env bash
# ./securecart bench checkout [options]: SecureCart checkout throughput on PostgreSQL, next to pgbench's TPC-B-like
# tps on the same cluster. See bench/README.md. Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "checkout bench"

usage() {
  cat <<USAGE
usage: ./securecart bench checkout [options]
  --duration S          measured seconds of scenario (a)                       (default 30)
  --warmup S            warm-up seconds before (a) is measured                  (default 5)
  --clients N           concurrent clients in (a), 0 skips (a)                  (default 32)
  --skus N              SKUs in (a)                                             (default 1000)
  --hot-buyers N        buyers in (b), 0 skips (b)                              (default 10000)
  --hot-stock N         units of the hot SKU in (b)                             (default 1000)
  --hot-concurrency N   checkouts in flight in (b)                              (default 64)
  --pool-size N         SecureCart's database pool (SECURECART_DB_POOL_SIZE)    (default: the server's, 16)
  --pgbench-duration S  pgbench -T                                              (default 30)
  --pgbench-clients N   pgbench -c                                              (default 16)
  --no-pgbench          skip pgbench
  --keep-db             keep the benchmark databases afterwards
Environment: PGPORT (default 5432); PostgreSQL is always reached at 127.0.0.1 as user postgres (trust auth).
USAGE
}

DURATION=30 WARMUP=5 CLIENTS=32 SKUS=1000 HOT_BUYERS=10000 HOT_STOCK=1000 HOT_CONCURRENCY=64
POOL_SIZE="" PGB_DURATION=30 PGB_CLIENTS=16 RUN_PGBENCH=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --skus) SKUS=$2; shift 2 ;;
    --hot-buyers) HOT_BUYERS=$2; shift 2 ;;
    --hot-stock) HOT_STOCK=$2; shift 2 ;;
    --hot-concurrency) HOT_CONCURRENCY=$2; shift 2 ;;
    --pool-size) POOL_SIZE=$2; shift 2 ;;
    --pgbench-duration) PGB_DURATION=$2; shift 2 ;;
    --pgbench-clients) PGB_CLIENTS=$2; shift 2 ;;
    --no-pgbench) RUN_PGBENCH=0; shift ;;
    --keep-db) KEEP_DB=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "checkout bench: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
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
