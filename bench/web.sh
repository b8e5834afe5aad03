#!/usr/bin/env bash
# ./securecart bench web [options]: server-side render time of the home, search and product pages at
# 100k demo products, next to the JSON API answering the same data. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "web bench"

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

PRODUCTS=100000 DURATION=20 WARMUP=5 SERVER_HEAP=1g
while [ $# -gt 0 ]; do
  case "$1" in
    --products) PRODUCTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --server-heap) SERVER_HEAP=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "web bench: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
need_whole --warmup "$WARMUP"
need_range --products "$PRODUCTS" 1000 5000000
need_range --duration "$DURATION" 1 600
need_heap --server-heap "$SERVER_HEAP"

pg_init
need_command curl
need_built WebBench
BENCH_DB=securecart_webbench
DATA="$OUT/web-data"
LOG="$OUT/web-server.log"
scratch_db "$BENCH_DB"
scratch_dir "$DATA"
recreate_db "$BENCH_DB"
rm -rf "$DATA"
mkdir -p "$DATA"

bench_admin bench
rate_limits_off
echo "==> Web render benchmark: $(printf "%'d" "$PRODUCTS") demo products on PostgreSQL $(pg_version);" \
  "$(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> Starting SecureCart --roles api,search --demo-products $PRODUCTS -Xmx$SERVER_HEAP (log: ${LOG#"$ROOT"/})"
start_server "$LOG" 0 -Xmx"$SERVER_HEAP" -- --db "$(jdbc_url "$BENCH_DB")" --data-dir "$DATA" \
  --demo-products "$PRODUCTS" --roles api,search
await_ready "$SERVER_PID" "$LOG" $((120 + PRODUCTS / 2000))
echo "    ready on port $SERVER_PORT"

driver WebBench --base-url "http://127.0.0.1:$SERVER_PORT" \
  --products "$PRODUCTS" --duration "$DURATION" --warmup "$WARMUP"
echo
echo "server log: $(log_problems "$LOG") lines with WARNING/SEVERE/Exception (${LOG#"$ROOT"/})"
