#!/usr/bin/env bash
# ./securecart bench checkout [options]: SecureCart checkout throughput on PostgreSQL, next to pgbench's TPC-B-like
# tps on the same cluster. See bench/README.md. Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

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
POOL_SIZE="" PGB_DURATION=30 PGB_CLIENTS=16 RUN_PGBENCH=1 KEEP_DB=0
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
for v in DURATION WARMUP CLIENTS SKUS HOT_BUYERS HOT_STOCK HOT_CONCURRENCY PGB_DURATION PGB_CLIENTS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "checkout bench: ${v,,} must be a whole number" >&2; exit 2; }
done
[ -z "$POOL_SIZE" ] || [[ $POOL_SIZE =~ ^[0-9]+$ ]] || { echo "checkout bench: --pool-size must be a number" >&2; exit 2; }
[ "$PGB_DURATION" -ge 1 ] && [ "$PGB_DURATION" -le 600 ] || { echo "checkout bench: --pgbench-duration 1..600" >&2; exit 2; }

PGHOST=127.0.0.1
PGPORT=${PGPORT:-5432}
PGUSER=postgres
export PGHOST PGPORT PGUSER
unset PGDATABASE PGPASSWORD
BENCH_DB=${SECURECART_BENCH_DB:-securecart_bench}
PGBENCH_DB=securecart_pgbench
OUT="$ROOT/bench/target"
mkdir -p "$OUT"
SERVER_LOG="$OUT/checkout-server.log"
PGBENCH_LOG="$OUT/checkout-pgbench.log"
rm -f "$OUT/checkout-results.properties" "$OUT/checkout-table.txt"

pg_tool() {
  local tool=$1 found
  if found=$(command -v "$tool" 2>/dev/null); then echo "$found"; return 0; fi
  found=$(ls -d /usr/lib/postgresql/*/bin/"$tool" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] || { echo "checkout bench: $tool not found (install postgresql-client / the server package)" >&2; exit 1; }
  echo "$found"
}
PSQL=$(pg_tool psql)
if ! "$PSQL" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  echo "checkout bench: PostgreSQL does not answer at $PGHOST:$PGPORT as user $PGUSER." >&2
  echo "  Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "checkout bench: needs curl" >&2; exit 1; }
JAR="$ROOT/server/target/securecart.jar"
# The launcher passes its JVM options (and the start-up cache, when trained); without it, the basics.
SERVER_JVM_OPTS=${SECURECART_SERVER_JVM_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${SECURECART_JVM_OPTS:-}}
CLASSES="$ROOT/bench/target/classes"
LIBS="$ROOT/bench/target/libs"
if [ ! -f "$JAR" ] || [ ! -f "$CLASSES/com/securecart/bench/CheckoutBench.class" ] || [ ! -d "$LIBS" ]; then
  echo "checkout bench: build first: ./mvnw -B -q -DskipTests package (or run through ./securecart bench checkout)" >&2
  exit 1
fi

recreate_db() {
  PGOPTIONS='-c client_min_messages=warning' "$PSQL" -d postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -qc "CREATE DATABASE $1" >/dev/null
}

free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "checkout bench: no free port found" >&2; exit 1
}

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
  if [ "$KEEP_DB" = 0 ]; then
    "$PSQL" -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    "$PSQL" -d postgres -qc "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> Fresh database $BENCH_DB on $PGHOST:$PGPORT ($("$PSQL" -d postgres -Atqc 'SHOW server_version'))"
recreate_db "$BENCH_DB"
JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB?user=$PGUSER"
PORT=$(free_port)
export SECURECART_ADMIN_EMAIL=bench-admin@example.com
SECURECART_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export SECURECART_ADMIN_PASSWORD
# The driver is one client at one address: per-client rate limits (ADR 0011) would measure
# themselves, not the shop. The concurrency limit stays on (its floor is above the driver's clients).
export SECURECART_RATE_CHECKOUT=${SECURECART_RATE_CHECKOUT:-off} SECURECART_RATE_SEARCH=${SECURECART_RATE_SEARCH:-off}
[ -z "$POOL_SIZE" ] || export SECURECART_DB_POOL_SIZE=$POOL_SIZE

echo "==> Starting SecureCart on 127.0.0.1:$PORT (pool ${SECURECART_DB_POOL_SIZE:-16}; log: ${SERVER_LOG#$ROOT/})"
# The checkout tier: API and workers, no search index (search is its own tier, see bench search).
# shellcheck disable=SC2086
java $SERVER_JVM_OPTS -jar "$JAR" \
  --port "$PORT" --db "$JDBC_URL" --demo-products 0 --data-dir "$OUT/checkout-data" \
  --roles api,workers >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
ready=0
for _ in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/health/ready" || true)" = 200 ]; then
    ready=1; break
  fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  echo "checkout bench: SecureCart did not become ready within 60 s; last lines of its log:" >&2
  tail -n 30 "$SERVER_LOG" >&2 || true
  exit 1
fi

echo "==> Load driver: (a) $CLIENTS clients over $SKUS SKUs for ${WARMUP}+${DURATION} s; (b) $HOT_BUYERS buyers for $HOT_STOCK units"
CP="$CLASSES:$LIBS/*"
driver_rc=0
java -cp "$CP" com.securecart.bench.CheckoutBench \
  --base-url "http://127.0.0.1:$PORT/" --jdbc-url "$JDBC_URL" \
  --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --skus "$SKUS" \
  --hot-buyers "$HOT_BUYERS" --hot-stock "$HOT_STOCK" --hot-concurrency "$HOT_CONCURRENCY" \
  --results-dir "$OUT" || driver_rc=$?

problems=$(grep -c -E 'ERROR|SEVERE|Exception' "$SERVER_LOG" || true)
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  server_rc=0
  wait "$SERVER_PID" || server_rc=$?
  SERVER_PID=""
  echo "checkout bench: SecureCart exited DURING the run (exit status $server_rc$( [ "$server_rc" -gt 128 ] && echo ", signal $((server_rc - 128))")); its log ends:" >&2
  tail -n 8 "$SERVER_LOG" >&2 || true
fi
echo "==> Stopping SecureCart (server log: ${SERVER_LOG#$ROOT/}, $problems lines mentioning ERROR/SEVERE/Exception)"
kill "$SERVER_PID" 2>/dev/null || true
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
kill -9 "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
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
