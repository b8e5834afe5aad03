#!/usr/bin/env bash
# ./securecart bench web [options]: server-side render time of the home, search and product pages at
# 100k demo products, next to the JSON API answering the same data. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "web bench"

parse_options "./securecart bench web" "
--products=N        PRODUCTS     100000  demo products
--duration=S        DURATION     20      measured seconds per page (page + API pairs)
--warmup=S          WARMUP       5       warm-up seconds per page
--server-heap=SIZE  SERVER_HEAP  1g      SecureCart's -Xmx
--keep-db           KEEP_DB      0       keep the database and data directory afterwards
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth).
SECURECART_JVM_OPTS is added to the server's JVM options." "$@"
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
# The server's own time comes in Server-Timing, off unless asked for.
export SECURECART_SERVER_TIMING=true
start_server "$LOG" 0 -Xmx"$SERVER_HEAP" -- --db "$(jdbc_url "$BENCH_DB")" --data-dir "$DATA" \
  --demo-products "$PRODUCTS" --roles api,search
await_ready "$SERVER_PID" "$LOG" $((120 + PRODUCTS / 2000))
echo "    ready on port $SERVER_PORT"

driver WebBench --base-url "http://127.0.0.1:$SERVER_PORT" \
  --products "$PRODUCTS" --duration "$DURATION" --warmup "$WARMUP"
echo
echo "server log: $(log_problems "$LOG") lines with WARNING/SEVERE/Exception (${LOG#"$ROOT"/})"
