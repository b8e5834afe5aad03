#!/usr/bin/env bash
# ./securecart bench search [options]: SecureCart's product search (Lucene, through the HTTP API) next to
# PostgreSQL full-text + trigram search on the same products, for each catalog size. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "search bench"

parse_options "./securecart bench search" "
--sizes=N,N,...     SIZES        100000,1000000  catalog sizes (demo products)
--duration=S        DURATION     15              measured seconds per engine and client count
--warmup=S          WARMUP       5               warm-up seconds per engine before measuring
--clients=N         CLIENTS      32              the concurrent clients measured besides 1
--restarts=N        RESTARTS     3               restarts with the index on disk (median is shown)
--server-heap=SIZE  SERVER_HEAP  2g              SecureCart's -Xmx
--no-pg             RUN_PG       1               skip PostgreSQL's side
--keep-db           KEEP_DB      0               keep the database and the server's data directory afterwards
" "Environment: PGPORT (default 5432); PostgreSQL is always reached at 127.0.0.1 as user postgres (trust auth).
SECURECART_JVM_OPTS is added to the server's JVM options (through ./securecart, with the start-up cache)." "$@"
[[ $SIZES =~ ^[0-9]+(,[0-9]+)*$ ]] || usage_error "--sizes is a comma-separated list of numbers"
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for n in "${SIZE_LIST[@]}"; do need_range "each of --sizes" "$n" 1000 5000000; done
need_range --duration "$DURATION" 1 600
need_range --warmup "$WARMUP" 0 300
need_range --clients "$CLIENTS" 1 1024
need_range --restarts "$RESTARTS" 0 10
need_heap --server-heap "$SERVER_HEAP"

pg_init
if [ "$RUN_PG" = 1 ] && [ -z "$("$PSQL" -d postgres -Atqc "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")" ]; then
  die "PostgreSQL lacks the pg_trgm extension (apt-get install postgresql-contrib), or use --no-pg"
fi
need_command curl
JCMD="$(dirname "$(readlink -f "$JAVA")")/jcmd"
[ -x "$JCMD" ] || JCMD=$(command -v jcmd || true)
[ -n "$JCMD" ] || die "jcmd not found next to $JAVA (needs a JDK, not a JRE)"
need_built SearchBench SearchReport
BENCH_DB=securecart_searchbench
DATA="$OUT/search-data"
RESULTS="$OUT/search-results.properties"
rm -f "$RESULTS" "$OUT"/search-*.tsv "$OUT"/search-server-*.log
scratch_db "$BENCH_DB"
scratch_dir "$DATA"
# Every line of the server's output is stamped with the time it arrived: the start is split by its log lines.
STAMP_LOG=1

# The arrival time of the first log line matching a regex, or empty.
stamp_of() { awk -v re="$2" '$0 ~ re { print $1; exit }' "$1"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print ""; else printf "%.2f", a - b }'; }

# start_search_server N LOG: SecureCart with the search role only, on a free port; T0 is the moment before exec.
start_search_server() {
  start_server "$2" 0 -Xmx"$SERVER_HEAP" -- --db "$JDBC_URL" --data-dir "$DATA" --demo-products "$1" --roles search
}

put() { echo "$1=$2" >>"$RESULTS"; }
mb_of() { du -sk "$1" 2>/dev/null | awk '{ printf "%.1f", $1 / 1024 }'; }

bench_admin bench
rate_limits_off
JDBC_URL=$(jdbc_url "$BENCH_DB")
started_all=$EPOCHREALTIME
echo "==> Search benchmark: sizes $SIZES; ${WARMUP} s warm-up + ${DURATION} s at 1 and at $CLIENTS clients per engine;"
echo "    PostgreSQL $(pg_version) at $PGHOST:$PGPORT; $(nproc) cores;" \
  "load average now $(cut -d' ' -f1-3 /proc/loadavg)"

for N in "${SIZE_LIST[@]}"; do
  K="$N.securecart"
  echo
  echo "==> $(printf "%'d" "$N") products: fresh database $BENCH_DB and data directory"
  recreate_db "$BENCH_DB"
  rm -rf "$DATA"
  mkdir -p "$DATA"

  LOG="$OUT/search-server-$N-first.log"
  echo "==> Starting SecureCart --roles search --demo-products $N -Xmx$SERVER_HEAP (log: ${LOG#"$ROOT"/})"
  start_search_server "$N" "$LOG"
  await_ready "$SERVER_PID" "$LOG" $((120 + N / 2000))
  listening=$(stamp_of "$LOG" 'SecureCart listening on port')
  seed_from=$(stamp_of "$LOG" 'seeding [0-9,]+ demo products')
  # The last progress line, "seeded N/N demo products".
  seed_to=$(awk '/seeded [0-9,]+\/[0-9,]+ demo products/ {
    split($0, a, "seeded "); split(a[2], b, " "); split(b[1], c, "/"); if (c[1] == c[2]) { print $1; exit } }' "$LOG")
  built=$(grep -o 'search index built: [0-9,]* products in [0-9,]* ms' "$LOG" | head -n 1 | tr -d ',' || true)
  build_ms=$(awk '{ print $(NF-1) }' <<<"$built")
  indexed=$(awk '{ print $4 }' <<<"$built")
  ready_s=$(sub "$READY_AT" "$T0")
  [ -n "$build_ms" ] && put "$K.build_s" "$(awk -v m="$build_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
  put "$K.indexed" "${indexed:-?}"
  put "$K.first_ready_s" "$ready_s"
  start_line="ready after $ready_s s = JVM start and migrations $(sub "$listening" "$T0") s"
  start_line+=", demo seeding $(sub "$seed_to" "$seed_from") s"
  start_line+=", index build ${build_ms:-?} ms (${indexed:-?} products, from the log), rest $(sub "$READY_AT" "$seed_to") s incl. the build"
  put "$K.start_line" "$start_line"
  echo "    $start_line"
  put "$K.index_mb_built" "$(mb_of "$DATA/search-index")"

  echo "==> SecureCart query mix over HTTP on 127.0.0.1:$SERVER_PORT"
  driver_rc=0
  driver SearchBench --engine securecart --products "$N" \
    --base-url "http://127.0.0.1:$SERVER_PORT/" --server-pid "$SERVER_PID" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --results-dir "$OUT" || driver_rc=$?
  if server_exited "$SERVER_PID" "$LOG"; then exit 1; fi
  "$JCMD" "$SERVER_PID" GC.run >/dev/null
  heap_kb=$("$JCMD" "$SERVER_PID" GC.heap_info | grep -o -m 1 'used [0-9]*K' | tr -dc '0-9')
  put "$K.heap_mb" "$(awk -v k="$heap_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
  rss_kb=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
  echo "    heap used after a full GC: $((heap_kb / 1024)) MB (-Xmx$SERVER_HEAP); process RSS $((rss_kb / 1024)) MB" \
    "(includes the memory-mapped index pages touched)"
  echo "==> Stopping SecureCart ($(log_problems "$LOG") log lines with WARNING/SEVERE/Exception)"
  stop_server "$SERVER_PID"
  [ "$driver_rc" = 0 ] || die "the driver failed (exit $driver_rc)"
  index_mb=$(mb_of "$DATA/search-index")
  put "$K.index_mb" "$index_mb"
  echo "    index on disk: $index_mb MB after the stop ($(awk -F= -v k="$K.index_mb_built" '$1 == k { print $2 }' "$RESULTS") MB right after the build)"

  if [ "$RESTARTS" -gt 0 ]; then
    echo "==> Restarting SecureCart $RESTARTS times on the same database and index (time to /health/ready)"
    readies=()
    expected=$(awk -F'\t' '$1 == "1" { print $3 }' "$OUT/search-$N-securecart-mix.tsv")
    for r in $(seq 1 "$RESTARTS"); do
      RLOG="$OUT/search-server-$N-restart$r.log"
      start_search_server "$N" "$RLOG"
      await_ready "$SERVER_PID" "$RLOG" 120
      took=$(sub "$READY_AT" "$T0")
      readies+=("$took")
      how=$(grep -o -E 'search index on disk: [0-9,]+ products, catching up|search index built: [0-9,]+ products in [0-9,]+ ms' "$RLOG" | head -n 1 || true)
      got=$(curl -s --max-time 10 "http://127.0.0.1:$SERVER_PORT/api/search?q=headphones&size=1" | grep -o '"total":[0-9]*' | head -n 1 | cut -d: -f2 || true)
      check="first search: total $got"
      [ "$got" = "$expected" ] || check="first search: total '$got', expected $expected: MISMATCH"
      echo "    restart $r: ready after $took s (JVM start and migrations $(sub "$(stamp_of "$RLOG" 'SecureCart listening on port')" "$T0") s; ${how:-no index line in the log}); $check"
      stop_server "$SERVER_PID"
    done
    median=$(printf '%s\n' "${readies[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    put "$K.ready_from_disk_s" "$median"
    put "$K.ready_from_disk_all" "${readies[*]}"
  fi

  if [ "$RUN_PG" = 1 ]; then
    echo "==> PostgreSQL on the same products (SecureCart stopped)"
    driver SearchBench --engine postgres --products "$N" --build true \
      --jdbc-url "$JDBC_URL" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
      --results-dir "$OUT" || die "the PostgreSQL driver failed"
  fi
done

echo
echo "==> Summary (SecureCart: Lucene through GET /api/search; postgres: tsvector/GIN + pg_trgm over JDBC;"
echo "    $(nproc) cores shared by the engine and the driver; total time $(sub "$EPOCHREALTIME" "$started_all") s)"
driver SearchReport --results-dir "$OUT" --sizes "$SIZES" --clients "$CLIENTS"
