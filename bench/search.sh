#!/usr/bin/env bash
# ./securecart bench search [options]: SecureCart's product search (Lucene, through the HTTP API) next to
# PostgreSQL full-text + trigram search on the same products, for each catalog size. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

usage() {
  cat <<USAGE
usage: ./securecart bench search [options]
  --sizes N,N,...     catalog sizes (demo products)                      (default 100000,1000000)
  --duration S        measured seconds per engine and client count       (default 15)
  --warmup S          warm-up seconds per engine before measuring        (default 5)
  --clients N         the concurrent clients measured besides 1          (default 32)
  --restarts N        restarts with the index on disk (median is shown)  (default 3)
  --server-heap SIZE  SecureCart's -Xmx                                  (default 2g)
  --no-pg             skip PostgreSQL's side
  --keep-db           keep the database and the server's data directory afterwards
Environment: PGPORT (default 5432); PostgreSQL is always reached at 127.0.0.1 as user postgres (trust auth).
SECURECART_JVM_OPTS is added to the server's JVM options (through ./securecart, with the start-up cache).
USAGE
}

SIZES=100000,1000000 DURATION=15 WARMUP=5 CLIENTS=32 RESTARTS=3 SERVER_HEAP=2g RUN_PG=1 KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --restarts) RESTARTS=$2; shift 2 ;;
    --server-heap) SERVER_HEAP=$2; shift 2 ;;
    --no-pg) RUN_PG=0; shift ;;
    --keep-db) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "search bench: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $SIZES =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "search bench: --sizes is a comma-separated list of numbers" >&2; exit 2; }
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for n in "${SIZE_LIST[@]}"; do
  [ "$n" -ge 1000 ] && [ "$n" -le 5000000 ] || { echo "search bench: each size must be 1000..5000000" >&2; exit 2; }
done
for v in DURATION WARMUP CLIENTS RESTARTS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "search bench: --${v,,} must be a whole number" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 600 ] || { echo "search bench: --duration 1..600" >&2; exit 2; }
[ "$WARMUP" -le 300 ] || { echo "search bench: --warmup 0..300" >&2; exit 2; }
[ "$CLIENTS" -ge 1 ] && [ "$CLIENTS" -le 1024 ] || { echo "search bench: --clients 1..1024" >&2; exit 2; }
[ "$RESTARTS" -le 10 ] || { echo "search bench: --restarts 0..10" >&2; exit 2; }
[[ $SERVER_HEAP =~ ^[0-9]+[mMgG]$ ]] || { echo "search bench: --server-heap like 2g or 1536m" >&2; exit 2; }

PGHOST=127.0.0.1
PGPORT=${PGPORT:-5432}
PGUSER=postgres
export PGHOST PGPORT PGUSER
unset PGDATABASE PGPASSWORD
BENCH_DB=securecart_searchbench
OUT="$ROOT/bench/target"
DATA="$OUT/search-data"
RESULTS="$OUT/search-results.properties"
mkdir -p "$OUT"
rm -f "$RESULTS" "$OUT"/search-*.tsv "$OUT"/search-server-*.log

pg_tool() {
  local tool=$1 found
  if found=$(command -v "$tool" 2>/dev/null); then echo "$found"; return 0; fi
  found=$(ls -d /usr/lib/postgresql/*/bin/"$tool" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] || { echo "search bench: $tool not found (install postgresql-client)" >&2; exit 1; }
  echo "$found"
}
PSQL=$(pg_tool psql)
if ! "$PSQL" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  echo "search bench: PostgreSQL does not answer at $PGHOST:$PGPORT as user $PGUSER." >&2
  echo "  Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
  exit 1
fi
if [ "$RUN_PG" = 1 ] && [ -z "$("$PSQL" -d postgres -Atqc "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")" ]; then
  echo "search bench: PostgreSQL lacks the pg_trgm extension (apt-get install postgresql-contrib), or use --no-pg" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "search bench: needs curl" >&2; exit 1; }
JAVA=$(command -v java) || { echo "search bench: java not on the PATH (run through ./securecart)" >&2; exit 1; }
JCMD="$(dirname "$(readlink -f "$JAVA")")/jcmd"
[ -x "$JCMD" ] || JCMD=$(command -v jcmd || true)
[ -n "$JCMD" ] || { echo "search bench: jcmd not found next to $JAVA (needs a JDK, not a JRE)" >&2; exit 1; }
JAR="$ROOT/server/target/securecart.jar"
# The launcher passes its JVM options (and the start-up cache, when trained); without it, the basics.
SERVER_JVM_OPTS=${SECURECART_SERVER_JVM_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${SECURECART_JVM_OPTS:-}}
CLASSES="$ROOT/bench/target/classes"
LIBS="$ROOT/bench/target/libs"
if [ ! -f "$JAR" ] || [ ! -f "$CLASSES/com/securecart/bench/SearchBench.class" ] || [ ! -d "$LIBS" ]; then
  echo "search bench: build first: ./mvnw -B -q -DskipTests package (or run through ./securecart bench search)" >&2
  exit 1
fi
CP="$CLASSES:$LIBS/*"

recreate_db() {
  PGOPTIONS='-c client_min_messages=warning' "$PSQL" -d postgres -v ON_ERROR_STOP=1 \
    -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -qc "CREATE DATABASE $BENCH_DB" >/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "search bench: no free port found" >&2; exit 1
}

# Each line of the server's output, prefixed with the wall-clock time it arrived (seconds, microseconds).
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
# The arrival time of the first log line matching a regex, or empty.
stamp_of() { awk -v re="$2" '$0 ~ re { print $1; exit }' "$1"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print ""; else printf "%.2f", a - b }'; }

SERVER_PID="" T0="" READY_AT=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "    SecureCart did not stop within 30 s of SIGTERM; killed" >&2
      kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  if [ "$KEEP" = 0 ]; then
    "$PSQL" -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server N LOG: starts SecureCart (search role only) in the background; T0 is the moment before exec.
start_server() {
  local n=$1 log=$2
  PORT=$(free_port)
  T0=$EPOCHREALTIME
  # shellcheck disable=SC2086
  "$JAVA" $SERVER_JVM_OPTS -Xmx"$SERVER_HEAP" \
    -jar "$JAR" --port "$PORT" --db "$JDBC_URL" --data-dir "$DATA" \
    --demo-products "$n" --roles search > >(stamp >"$log") 2>&1 &
  SERVER_PID=$!
}

# wait_ready TIMEOUT_S LOG: polls /health/ready every 50 ms; READY_AT is when it first answered 200.
wait_ready() {
  local timeout=$1 log=$2 deadline code
  deadline=$(awk -v t="$EPOCHREALTIME" -v s="$timeout" 'BEGIN { printf "%d", t + s }')
  while :; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "search bench: SecureCart exited while starting; its log ends:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health/ready" || true)
    if [ "$code" = 200 ]; then READY_AT=$EPOCHREALTIME; return 0; fi
    if [ "${EPOCHREALTIME%.*}" -ge "$deadline" ]; then
      echo "search bench: SecureCart was not ready within $timeout s; its log ends:" >&2
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 0.05
  done
}

put() { echo "$1=$2" >>"$RESULTS"; }
mb_of() { du -sk "$1" 2>/dev/null | awk '{ printf "%.1f", $1 / 1024 }'; }
problems_in() { grep -c -E '"level":"(SEVERE|WARNING)"|level=(SEVERE|WARNING)|Exception' "$1" || true; }

export SECURECART_ADMIN_EMAIL=bench-admin@example.com
SECURECART_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export SECURECART_ADMIN_PASSWORD
# The driver is one client at one address: per-client rate limits (ADR 0011) would measure
# themselves, not the shop. The concurrency limit stays on (its floor is above the driver's clients).
export SECURECART_RATE_CHECKOUT=${SECURECART_RATE_CHECKOUT:-off} SECURECART_RATE_SEARCH=${SECURECART_RATE_SEARCH:-off}
JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB?user=$PGUSER"
started_all=$EPOCHREALTIME
echo "==> Search benchmark: sizes $SIZES; ${WARMUP} s warm-up + ${DURATION} s at 1 and at $CLIENTS clients per engine;"
echo "    PostgreSQL $("$PSQL" -d postgres -Atqc 'SHOW server_version') at $PGHOST:$PGPORT; $(nproc) cores;" \
  "load average now $(cut -d' ' -f1-3 /proc/loadavg)"

for N in "${SIZE_LIST[@]}"; do
  K="$N.securecart"
  echo
  echo "==> $(printf "%'d" "$N") products: fresh database $BENCH_DB and data directory"
  recreate_db
  rm -rf "$DATA"
  mkdir -p "$DATA"

  LOG="$OUT/search-server-$N-first.log"
  echo "==> Starting SecureCart --roles search --demo-products $N -Xmx$SERVER_HEAP (log: ${LOG#$ROOT/})"
  start_server "$N" "$LOG"
  wait_ready $((120 + N / 2000)) "$LOG"
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

  echo "==> SecureCart query mix over HTTP on 127.0.0.1:$PORT"
  driver_rc=0
  "$JAVA" -cp "$CP" com.securecart.bench.SearchBench --engine securecart --products "$N" \
    --base-url "http://127.0.0.1:$PORT/" --server-pid "$SERVER_PID" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
    --results-dir "$OUT" || driver_rc=$?
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "search bench: SecureCart exited DURING the run; its log ends:" >&2
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  "$JCMD" "$SERVER_PID" GC.run >/dev/null
  heap_kb=$("$JCMD" "$SERVER_PID" GC.heap_info | grep -o -m 1 'used [0-9]*K' | tr -dc '0-9')
  put "$K.heap_mb" "$(awk -v k="$heap_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
  rss_kb=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
  echo "    heap used after a full GC: $((heap_kb / 1024)) MB (-Xmx$SERVER_HEAP); process RSS $((rss_kb / 1024)) MB" \
    "(includes the memory-mapped index pages touched)"
  echo "==> Stopping SecureCart ($(problems_in "$LOG") log lines with WARNING/SEVERE/Exception)"
  stop_server
  [ "$driver_rc" = 0 ] || { echo "search bench: the driver failed (exit $driver_rc)" >&2; exit 1; }
  index_mb=$(mb_of "$DATA/search-index")
  put "$K.index_mb" "$index_mb"
  echo "    index on disk: $index_mb MB after the stop ($(awk -F= -v k="$K.index_mb_built" '$1 == k { print $2 }' "$RESULTS") MB right after the build)"

  if [ "$RESTARTS" -gt 0 ]; then
    echo "==> Restarting SecureCart $RESTARTS times on the same database and index (time to /health/ready)"
    readies=()
    expected=$(awk -F'\t' '$1 == "1" { print $3 }' "$OUT/search-$N-securecart-mix.tsv")
    for r in $(seq 1 "$RESTARTS"); do
      RLOG="$OUT/search-server-$N-restart$r.log"
      start_server "$N" "$RLOG"
      wait_ready 120 "$RLOG"
      took=$(sub "$READY_AT" "$T0")
      readies+=("$took")
      how=$(grep -o -E 'search index on disk: [0-9,]+ products, catching up|search index built: [0-9,]+ products in [0-9,]+ ms' "$RLOG" | head -n 1 || true)
      got=$(curl -s --max-time 10 "http://127.0.0.1:$PORT/api/search?q=headphones&size=1" | grep -o '"total":[0-9]*' | head -n 1 | cut -d: -f2 || true)
      check="first search: total $got"
      [ "$got" = "$expected" ] || check="first search: total '$got', expected $expected: MISMATCH"
      echo "    restart $r: ready after $took s (JVM start and migrations $(sub "$(stamp_of "$RLOG" 'SecureCart listening on port')" "$T0") s; ${how:-no index line in the log}); $check"
      stop_server
    done
    median=$(printf '%s\n' "${readies[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    put "$K.ready_from_disk_s" "$median"
    put "$K.ready_from_disk_all" "${readies[*]}"
  fi

  if [ "$RUN_PG" = 1 ]; then
    echo "==> PostgreSQL on the same products (SecureCart stopped)"
    "$JAVA" -cp "$CP" com.securecart.bench.SearchBench --engine postgres --products "$N" --build true \
      --jdbc-url "$JDBC_URL" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
      --results-dir "$OUT" || { echo "search bench: the PostgreSQL driver failed" >&2; exit 1; }
  fi
done

echo
echo "==> Summary (SecureCart: Lucene through GET /api/search; postgres: tsvector/GIN + pg_trgm over JDBC;"
echo "    $(nproc) cores shared by the engine and the driver; total time $(sub "$EPOCHREALTIME" "$started_all") s)"
"$JAVA" -cp "$CP" com.securecart.bench.SearchReport --results-dir "$OUT" --sizes "$SIZES" --clients "$CLIENTS"
