#!/usr/bin/env bash
# ./securecart bench web [options]: server-side render time of the home, search and product pages at
# 100k demo products, next to the JSON API answering the same data. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

usage() {
  cat <<USAGE
usage: ./securecart bench web [options]
  --products N        demo products                                   (default 100000)
  --duration S        measured seconds per page (page + API pairs)    (default 20)
  --warmup S          warm-up seconds per page                        (default 5)
  --server-heap SIZE  SecureCart's -Xmx                               (default 1g)
  --keep-db           keep the database and data directory afterwards
Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth).
SECURECART_JVM_OPTS is added to the server's JVM options.
USAGE
}

PRODUCTS=100000 DURATION=20 WARMUP=5 SERVER_HEAP=1g KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --server-heap) SERVER_HEAP=$2; shift 2 ;;
    --keep-db) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "web bench: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in PRODUCTS DURATION WARMUP; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "web bench: --${v,,} must be a whole number" >&2; exit 2; }
done
[ "$PRODUCTS" -ge 1000 ] && [ "$PRODUCTS" -le 5000000 ] || { echo "web bench: --products 1000..5000000" >&2; exit 2; }
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 600 ] || { echo "web bench: --duration 1..600" >&2; exit 2; }
[[ $SERVER_HEAP =~ ^[0-9]+[mMgG]$ ]] || { echo "web bench: --server-heap like 1g or 1536m" >&2; exit 2; }

PGHOST=127.0.0.1
PGPORT=${PGPORT:-5432}
PGUSER=postgres
export PGHOST PGPORT PGUSER
unset PGDATABASE PGPASSWORD
BENCH_DB=securecart_webbench
OUT="$ROOT/bench/target"
DATA="$OUT/web-data"
LOG="$OUT/web-server.log"
mkdir -p "$OUT"

PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$PSQL" ] || { echo "web bench: psql not found (install postgresql-client)" >&2; exit 1; }
if ! "$PSQL" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  echo "web bench: PostgreSQL does not answer at $PGHOST:$PGPORT as user $PGUSER." >&2
  echo "  Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "web bench: needs curl" >&2; exit 1; }
JAVA=$(command -v java) || { echo "web bench: java not on the PATH (run through ./securecart)" >&2; exit 1; }
JAR="$ROOT/server/target/securecart.jar"
# The launcher passes its JVM options (and the start-up cache, when trained); without it, the basics.
SERVER_JVM_OPTS=${SECURECART_SERVER_JVM_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${SECURECART_JVM_OPTS:-}}
CLASSES="$ROOT/bench/target/classes"
LIBS="$ROOT/bench/target/libs"
if [ ! -f "$JAR" ] || [ ! -f "$CLASSES/com/securecart/bench/WebBench.class" ] || [ ! -d "$LIBS" ]; then
  echo "web bench: build first: ./mvnw -B -q -DskipTests package (or run through ./securecart bench web)" >&2
  exit 1
fi

PGOPTIONS='-c client_min_messages=warning' "$PSQL" -d postgres -v ON_ERROR_STOP=1 \
  -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -qc "CREATE DATABASE $BENCH_DB" >/dev/null
rm -rf "$DATA"
mkdir -p "$DATA"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "web bench: no free port found" >&2; exit 1
}

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$KEEP" = 0 ]; then
    "$PSQL" -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(free_port)
export SECURECART_ADMIN_EMAIL=bench-admin@example.com
SECURECART_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export SECURECART_ADMIN_PASSWORD
# The driver is one client at one address: per-client rate limits (ADR 0011) would measure
# themselves, not the shop. The concurrency limit stays on (its floor is above the driver's clients).
export SECURECART_RATE_CHECKOUT=${SECURECART_RATE_CHECKOUT:-off} SECURECART_RATE_SEARCH=${SECURECART_RATE_SEARCH:-off}
echo "==> Web render benchmark: $(printf "%'d" "$PRODUCTS") demo products on PostgreSQL $("$PSQL" -d postgres -Atqc 'SHOW server_version');" \
  "$(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> Starting SecureCart --roles api,search --demo-products $PRODUCTS -Xmx$SERVER_HEAP (log: ${LOG#$ROOT/})"
# shellcheck disable=SC2086
"$JAVA" $SERVER_JVM_OPTS -Xmx"$SERVER_HEAP" \
  -jar "$JAR" --port "$PORT" --db "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB?user=$PGUSER" \
  --data-dir "$DATA" --demo-products "$PRODUCTS" --roles api,search >"$LOG" 2>&1 &
SERVER_PID=$!
deadline=$(( $(date +%s) + 120 + PRODUCTS / 2000 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health/ready" || true)" = 200 ]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    echo "web bench: SecureCart did not become ready; its log ends:" >&2
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  sleep 0.2
done
echo "    ready on port $PORT"

"$JAVA" -cp "$CLASSES:$LIBS/*" com.securecart.bench.WebBench --base-url "http://127.0.0.1:$PORT" \
  --products "$PRODUCTS" --duration "$DURATION" --warmup "$WARMUP"
echo
echo "server log: $(grep -c -E '"level":"(SEVERE|WARNING)"|level=(SEVERE|WARNING)|Exception' "$LOG" || true) lines with WARNING/SEVERE/Exception (${LOG#$ROOT/})"
