#!/usr/bin/env bash
# ./securecart bench checkout [options]: SecureCart checkout throughput on PostgreSQL, what one order costs (CPU,
# transactions, statements, rows, confirmation latency), cart adds/s and what one add costs, next to the stack's
# floor (a bare durable insert on the same framework, pool and database) and pgbench's TPC-B-like tps on the same
# cluster. See bench/README.md. Run through ./securecart, which builds first and sets JAVA_HOME.
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
--no-cart-adds        RUN_CART_ADDS    1      skip (c), cart adds on (a)'s SKUs right after (a)
--pool-size=N         POOL_SIZE        -      SecureCart's database pool (SECURECART_DB_POOL_SIZE; the server's default: 16)
--bare-duration=S     BARE_DURATION    -      measured seconds of the bare-insert baseline (default: --duration)
--no-bare             RUN_BARE         1      skip the bare-insert baseline
--no-pin              PIN              1      run unpinned (as before issue 18), for comparisons with older results
--profile             PROFILE          0      record the server with JFR and print where its CPU went in (a)'s window
--pgbench-duration=S  PGB_DURATION     30     pgbench -T
--pgbench-clients=N   PGB_CLIENTS      16     pgbench -c
--no-pgbench          RUN_PGBENCH      1      skip pgbench
--keep-db             KEEP_DB          0      keep the benchmark databases afterwards
" "Environment: PGPORT (default 5432); PostgreSQL is always reached at 127.0.0.1 as user postgres (trust auth).
Pinning PostgreSQL needs taskset and root; SECURECART_JVM_OPTS is added to both servers' JVM options." "$@"
need_whole --duration "$DURATION" --warmup "$WARMUP" --clients "$CLIENTS" --skus "$SKUS" --hot-buyers "$HOT_BUYERS" \
  --hot-stock "$HOT_STOCK" --hot-concurrency "$HOT_CONCURRENCY" --pgbench-clients "$PGB_CLIENTS"
[ -z "$POOL_SIZE" ] || need_whole --pool-size "$POOL_SIZE"
[ -n "$BARE_DURATION" ] || BARE_DURATION=$DURATION
need_range --bare-duration "$BARE_DURATION" 1 3600
need_range --pgbench-duration "$PGB_DURATION" 1 600

pg_init
need_command curl
need_built CheckoutBench BareBench BareInsertServer CheckoutRatios ProfileSummary
BENCH_DB=${SECURECART_BENCH_DB:-securecart_bench}
BARE_DB=securecart_bare
PGBENCH_DB=securecart_pgbench
SERVER_LOG="$OUT/checkout-server.log"
BARE_LOG="$OUT/checkout-bare-server.log"
PGBENCH_LOG="$OUT/checkout-pgbench.log"
rm -f "$OUT/checkout-results.properties" "$OUT/checkout-table.txt" "$OUT/bare-results.properties" "$OUT/bare-summary.txt"
scratch_db "$BENCH_DB"
scratch_db "$BARE_DB"
scratch_db "$PGBENCH_DB"

# Issue 18: the load driver alone on CPU 0; the server and PostgreSQL together on CPU 1, so that their CPU per
# order is what one CPU spends on it. The bare-insert server and pgbench run the same way.
pin_apart "load driver and pgbench's client" "servers (with -XX:ActiveProcessorCount=1)"
SERVER_JVM_PIN=()
[ ${#SERVER_PREFIX[@]} = 0 ] || SERVER_JVM_PIN=(-XX:ActiveProcessorCount=1)
echo "==> Pinning: $PINNING"

# Statements per order need pg_stat_statements, which only works when the cluster preloads it; never required.
STATEMENTS=0
if "$PSQL" -d postgres -Atqc 'SHOW shared_preload_libraries' | grep -q pg_stat_statements; then STATEMENTS=1; fi
statements_on() {
  [ "$STATEMENTS" = 1 ] || return 0
  "$PSQL" -d "$1" -qc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null 2>&1 || true
}

echo "==> Fresh database $BENCH_DB on $PGHOST:$PGPORT ($(pg_version))"
recreate_db "$BENCH_DB"
statements_on "$BENCH_DB"
JDBC_URL=$(jdbc_url "$BENCH_DB")
bench_admin bench
rate_limits_off
[ -z "$POOL_SIZE" ] || export SECURECART_DB_POOL_SIZE=$POOL_SIZE

# --profile: JFR's sampling profile, deep stacks (a request's filters and JDBI run past the default 64
# frames), written when the server stops. JDBI records an event per statement while a recording runs; the
# profile's settings turn that off, as it would otherwise be a good part of what the profile shows. The
# sampling still costs CPU, so a profiled run's per-order figures read high: use it for shares.
PROFILE_JFR="$OUT/checkout-server.jfr"
PROFILE_JFC="$OUT/checkout-profile.jfc"
rm -f "$PROFILE_JFR"
PROFILE_OPTS=()
if [ "$PROFILE" = 1 ]; then
  sed 's|</configuration>|<event name="jdbi.statement"><setting name="enabled">false</setting></event></configuration>|' \
    "$(dirname "$(dirname "$(readlink -f "$JAVA")")")/lib/jfr/profile.jfc" >"$PROFILE_JFC"
  PROFILE_OPTS=(-XX:FlightRecorderOptions:stackdepth=256 "-XX:StartFlightRecording=filename=$PROFILE_JFR,settings=$PROFILE_JFC,dumponexit=true")
fi
echo "==> Starting SecureCart (pool ${SECURECART_DB_POOL_SIZE:-16}; log: ${SERVER_LOG#"$ROOT"/})"
# The checkout tier: API and workers, no search index (search is its own tier, see bench search).
repin_postgres
start_server "$SERVER_LOG" 0 ${SERVER_JVM_PIN[@]+"${SERVER_JVM_PIN[@]}"} ${PROFILE_OPTS[@]+"${PROFILE_OPTS[@]}"} -- --db "$JDBC_URL" --demo-products 0 --data-dir "$OUT/checkout-data" --roles api,workers
await_ready "$SERVER_PID" "$SERVER_LOG" 60
echo "    ready on 127.0.0.1:$SERVER_PORT, pid $SERVER_PID, affinity $(taskset -p "$SERVER_PID" 2>/dev/null | awk '{ print $NF }')"

# (c) runs only after (a), on its SKUs; a client starts a fresh cart every 20 lines (the server allows 50).
CART_LINES=0
[ "$RUN_CART_ADDS" = 0 ] || [ "$CLIENTS" -eq 0 ] || CART_LINES=20
echo "==> Load driver: (a) $CLIENTS clients over $SKUS SKUs for ${WARMUP}+${DURATION} s;$([ "$CART_LINES" = 0 ] || echo " (c) cart adds, the same;") (b) $HOT_BUYERS buyers for $HOT_STOCK units"
driver_rc=0
driver CheckoutBench \
  --base-url "http://127.0.0.1:$SERVER_PORT/" --jdbc-url "$JDBC_URL" \
  --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --skus "$SKUS" \
  --hot-buyers "$HOT_BUYERS" --hot-stock "$HOT_STOCK" --hot-concurrency "$HOT_CONCURRENCY" \
  --cart-lines "$CART_LINES" --server-pid "$SERVER_PID" --results-dir "$OUT" || driver_rc=$?

problems=$(log_problems "$SERVER_LOG" 'ERROR|SEVERE|Exception')
server_exited "$SERVER_PID" "$SERVER_LOG" || true
echo "==> Stopping SecureCart (server log: ${SERVER_LOG#"$ROOT"/}, $problems lines mentioning ERROR/SEVERE/Exception)"
stop_server "$SERVER_PID" 10
if [ "$driver_rc" != 0 ] || [ ! -f "$OUT/checkout-results.properties" ]; then
  echo "checkout bench: the load driver failed (exit $driver_rc); server log tail:" >&2
  tail -n 30 "$SERVER_LOG" >&2 || true
  exit 1
fi

prop() { awk -F= -v k="$1" '$1 == k { print $2 }' "${2:-$OUT/checkout-results.properties}"; }

PROFILE_SUMMARY="$OUT/checkout-profile.txt"
rm -f "$PROFILE_SUMMARY"
if [ "$PROFILE" = 1 ]; then
  if [ -f "$PROFILE_JFR" ] && [ -n "$(prop a.window_start_ms)" ]; then
    driver ProfileSummary "$PROFILE_JFR" "$(prop a.window_start_ms)" "$(prop a.window_end_ms)" >"$PROFILE_SUMMARY"
  else
    echo "checkout bench: no profile ($PROFILE_JFR missing or (a) skipped)" >&2
  fi
fi

# The stack's floor: one POST, one INSERT, one commit on the same framework, pool and database, same pinning,
# same clients and warm-up as (a).
if [ "$RUN_BARE" = 1 ] && [ "$CLIENTS" -gt 0 ]; then
  echo "==> Bare durable insert on $BARE_DB: Helidon SE POST /bare -> one INSERT, one commit (pool ${SECURECART_DB_POOL_SIZE:-16}; log: ${BARE_LOG#"$ROOT"/})"
  recreate_db "$BARE_DB"
  statements_on "$BARE_DB"
  repin_postgres
  # shellcheck disable=SC2086 # SECURECART_JVM_OPTS is a list of options
  ${SERVER_PREFIX[@]+"${SERVER_PREFIX[@]}"} "$JAVA" ${SECURECART_JVM_OPTS:-} ${SERVER_JVM_PIN[@]+"${SERVER_JVM_PIN[@]}"} \
    -cp "$BENCH_CP" com.securecart.bench.BareInsertServer --db "$(jdbc_url "$BARE_DB")" --port 0 \
    --pool-size "${SECURECART_DB_POOL_SIZE:-16}" >"$BARE_LOG" 2>&1 &
  BARE_PID=$!
  SERVER_PIDS+=("$BARE_PID")
  bare_port=""
  for _ in $(seq 1 600); do
    kill -0 "$BARE_PID" 2>/dev/null || server_failed "$BARE_LOG" "the bare-insert server exited while starting"
    bare_port=$(grep -o -m 1 'bare server listening on port [0-9]*' "$BARE_LOG" 2>/dev/null | awk '{ print $6 }' || true)
    [ -z "$bare_port" ] || break
    sleep 0.1
  done
  [ -n "$bare_port" ] || server_failed "$BARE_LOG" "the bare-insert server did not start within 60 s"
  echo "    ready on 127.0.0.1:$bare_port, pid $BARE_PID; $CLIENTS clients for ${WARMUP}+${BARE_DURATION} s"
  bare_rc=0
  driver BareBench --base-url "http://127.0.0.1:$bare_port/" --jdbc-url "$(jdbc_url "$BARE_DB")" \
    --clients "$CLIENTS" --warmup "$WARMUP" --duration "$BARE_DURATION" --server-pid "$BARE_PID" \
    --results-dir "$OUT" || bare_rc=$?
  stop_server "$BARE_PID" 10
  [ "$bare_rc" = 0 ] || echo "checkout bench: the bare-insert driver failed (exit $bare_rc); see ${BARE_LOG#"$ROOT"/}" >&2
fi

tps=""
if [ "$RUN_PGBENCH" = 1 ]; then
  PGBENCH=$(pg_tool pgbench)
  echo "==> pgbench on $PGBENCH_DB in the same cluster: -i -s 10, then -c $PGB_CLIENTS -j 2 -T $PGB_DURATION (TPC-B-like)"
  recreate_db "$PGBENCH_DB"
  "$PGBENCH" -i -s 10 -q "$PGBENCH_DB" >"$PGBENCH_LOG" 2>&1 || { cat "$PGBENCH_LOG" >&2; exit 1; }
  repin_postgres
  ${DRIVER_PREFIX[@]+"${DRIVER_PREFIX[@]}"} "$PGBENCH" -c "$PGB_CLIENTS" -j 2 -T "$PGB_DURATION" "$PGBENCH_DB" >>"$PGBENCH_LOG" 2>&1 || { cat "$PGBENCH_LOG" >&2; exit 1; }
  tps=$(awk '/^tps = / { print $3; exit }' "$PGBENCH_LOG")
  grep -E '^(number of transactions actually processed|latency average|tps)' "$PGBENCH_LOG" | sed 's/^/    /'
fi

echo
echo "==> Summary (checkout: SecureCart over HTTP on PostgreSQL; bare insert and pgbench: same cluster, SecureCart stopped)"
echo "pinning: $PINNING"
cat "$OUT/checkout-table.txt"
[ ! -f "$PROFILE_SUMMARY" ] || cat "$PROFILE_SUMMARY"
[ ! -f "$OUT/bare-summary.txt" ] || cat "$OUT/bare-summary.txt"
a_rate=$(prop a.orders_per_s)
if [ -f "$OUT/bare-results.properties" ]; then
  awk -v b="$(prop bare.inserts_per_s "$OUT/bare-results.properties")" -v a="$a_rate" 'BEGIN {
    printf "checkout/bare-insert ratio (a): %.3f   (%.1f orders/s over %.1f bare inserts/s: the share of the stack'"'"'s floor an order leaves)\n", (b > 0) ? a / b : 0, a, b
  }'
elif [ "$CLIENTS" -gt 0 ]; then
  echo "bare insert skipped (--no-bare)"
fi
if [ "$CART_LINES" != 0 ]; then
  # Issue 18's goal: cart adds/s at least 0.8 of the bare inserts/s; prints nothing without the bare insert.
  driver CheckoutRatios --results-dir "$OUT"
elif [ "$CLIENTS" -gt 0 ]; then
  echo "cart adds skipped (--no-cart-adds)"
fi
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
