#!/usr/bin/env bash
# ./securecart bench elastic: the issue's elasticity figures in one run, on this host, loopback only:
#   1. throughput with 1 and with 3 instances behind HAProxy (on 2 cores: the fleet's overhead, not a gain);
#   2. goodput at 3x overload as a share of the peak, and the p99 of admitted requests against the unloaded p99,
#      with bench capacity's open-loop driver (OverloadCheck) through HAProxy to one instance;
#   3. hot-SKU reservations/s, coalesced against one row lock per buyer (bench/hotsku.sh);
#   4. the fault tests (bench/faults.sh): kill -9 of an instance and a PostgreSQL restart mid-load.
# The load drivers (the open-loop driver, Gatling) run alone on CPU 0, the SecureCart instances, HAProxy and
# PostgreSQL on CPU 1 (issue 18 item 5: goodput measured with the driver on its own CPU). --overload-only runs just 2.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "elastic"
rate_limits_off
PORT=18280 DB=securecart_elastic
parse_options "./securecart bench elastic" "
--duration=S  DURATION     20  seconds of each measured Gatling run
--no-faults   SKIP_FAULTS  0   skip bench faults
--no-hotsku   SKIP_HOTSKU  0   skip bench hotsku
--overload-only  OVERLOAD_ONLY  0  only the overload check (unloaded p99, peak, 3x the peak) and the summary (about 3 minutes)
--no-pin      PIN          1   run unpinned (as before issue 18), for comparisons with older results
--maxconn=N   MAXCONN      64  HAProxy's cap of requests in flight per instance (./securecart fleet --maxconn)
--queue-ms=MS QUEUE_MS     250 how long a request may wait in HAProxy's queue before 503 (./securecart fleet --queue-ms)
" "" "$@"
need_whole --duration "$DURATION"

pg_init
need_built CapacityBench
# The overload's loads are fractions of the planner's bundled search capacity; the peak is what the instance served.
CAPACITY_FILE=planner/src/main/resources/com/securecart/planner/plan/default-capacity.json
pin_apart "the load drivers (the open-loop driver; Gatling: Maven's JVM and its forks)" "the SecureCart instances and HAProxy"
bench_admin elastic
JDBC=$(jdbc_url "$DB")
recreate_db "$DB"

# elastic_fleet N DEMO: N instances behind HAProxy on $PORT; returns once HAProxy serves.
elastic_fleet() {
  rm -rf "$OUT/elastic-data"
  repin_postgres
  start_fleet "$OUT/elastic-fleet-$1.log" 180 --instances "$1" --port "$PORT" --db "$JDBC" --demo-products "$2" \
    --data-dir "$OUT/elastic-data" --maxconn "$MAXCONN" --queue-ms "$QUEUE_MS"
  PARTY_CPUS[$1]=$(party_cpus "$1")
  echo "    CPUs: ${PARTY_CPUS[$1]}"
}
PARTY_CPUS=()
# postgres_pids: the postmaster and its backends (from the data directory's postmaster.pid).
postgres_pids() {
  local dir master
  dir=$("$PSQL" -d postgres -Atqc 'SHOW data_directory' 2>/dev/null || true)
  master=$(head -n 1 "$dir/postmaster.pid" 2>/dev/null || true)
  [[ $master =~ ^[0-9]+$ ]] || return 0
  echo "$master"
  pgrep -P "$master" || true
}
# party_cpus N: which CPUs each party may use, read from the running processes of an N-instance fleet; kept in
# PARTY_CPUS[N] for the summary.
party_cpus() {
  local i servers=""
  for i in $(seq 1 "$1"); do servers+=" $(pgrep -f "securecart.jar --port $((PORT + i)) " | tr '\n' ' ' || true)"; done
  # shellcheck disable=SC2046,SC2086 # lists of pids
  echo "SecureCart $(cpus_of $servers), HAProxy $(cpus_of $(pgrep -f "elastic-data/haproxy.cfg")),"\
    "PostgreSQL $(cpus_of $(postgres_pids)), load drivers ${DRIVER_PREFIX[2]:-unpinned}"
}

BASE_URL="http://127.0.0.1:$PORT"
# indent PREFIX TEXT: TEXT with PREFIX before each line.
indent() { local line; while IFS= read -r line; do printf '%s%s\n' "$1" "$line"; done <<<"$2"; }

# shellcheck source=bench/lib/gatling.sh
. bench/lib/gatling.sh
started=$EPOCHREALTIME
echo "==> Elasticity benchmark on $(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> Pinning: $PINNING"

echo "==> 1 instance behind HAProxy (10,000 demo products)"
elastic_fleet 1 10000
# Overload through HAProxy with bench capacity's open-loop driver, not Gatling: pinned, Gatling used all of its
# CPU at a third of the instance's peak, so its "peak" and "overload" were its own limits.
echo "==> Overload: unloaded p99, the peak, then 3x the peak (open-loop driver, search, through HAProxy)"
INSTANCE1=$(pgrep -f "securecart.jar --port $((PORT + 1)) " | head -n 1 || true)
[ -n "$INSTANCE1" ] || die "instance 1 of the fleet is not running (see $OUT/elastic-fleet-1.log)"
driver CapacityBench overload --role search --capacity "$CAPACITY_FILE" --base-url "$BASE_URL/" \
  --server-pid "$INSTANCE1" --products 10000 --warmup 3 --step-seconds 5 | tee "$OUT/elastic-overload.log" || true
OVERLOAD_LINES=$(grep -E '^(load |unloaded|[0-9]+% |3x peak|goodput at|admitted p99)' "$OUT/elastic-overload.log" || echo "(no figures)")
PEAK1="(skipped)"
if [ "$OVERLOAD_ONLY" = 0 ]; then
  echo "    (warm-up: 32 users for 10 s, not counted)"
  gatling SaturationSimulation -Dusers=32 -Dduration=10 >/dev/null || true
  gatling SaturationSimulation -Dusers=32 -Dduration="$DURATION" || true
  PEAK1=$G_OK_RPS
fi
stop_fleet

PEAK3="(skipped)"
if [ "$OVERLOAD_ONLY" = 0 ]; then
  echo "==> 3 instances behind HAProxy (the same database)"
  elastic_fleet 3 0
  echo "    (warm-up: 32 users for 10 s, not counted)"
  gatling SaturationSimulation -Dusers=32 -Dduration=10 >/dev/null || true
  gatling SaturationSimulation -Dusers=32 -Dduration="$DURATION" || true
  PEAK3=$G_OK_RPS
  stop_fleet
fi

# bench hotsku and bench faults pin (and restore) by themselves: they start from PostgreSQL's own mask, as when run
# alone (bench hotsku's reservation-only run leaves it unpinned).
pg_restore_cpus
HOTSKU_LINES="(skipped)"
if [ "$OVERLOAD_ONLY" = 0 ] && [ "$SKIP_HOTSKU" = 0 ] && [ -x bench/hotsku.sh ]; then
  echo "==> Hot SKU: bench/hotsku.sh"
  bench/hotsku.sh >"$OUT/elastic-hotsku.log" 2>&1 || true
  # The summary's tables (checkout, per sold order, end to end, the reservation alone), without blank lines.
  HOTSKU_LINES=$(sed -n '/^==> Summary: hot-SKU/,$p' "$OUT/elastic-hotsku.log" | grep -v '^[[:space:]]*$' | head -n 24 || true)
  indent "    " "$HOTSKU_LINES"
fi

FAULT_LINES="(skipped)"
if [ "$OVERLOAD_ONLY" = 0 ] && [ "$SKIP_FAULTS" = 0 ]; then
  echo "==> Fault tests: bench/faults.sh"
  bench/faults.sh >"$OUT/elastic-faults.log" 2>&1 || true
  FAULT_LINES=$(grep -E "^==> (kill|PostgreSQL|Pinning)|acknowledged [0-9]+, lost|deferred by backpressure|per acknowledged order" "$OUT/elastic-faults.log" || true)
  indent "    " "$FAULT_LINES"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "?"; else printf "%.2f", a / b }'; }
echo
echo "==> Summary ($(nproc) cores; total $(awk -v s="$started" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", e - s }') s)"
echo "    pinning: $PINNING"
echo "    CPUs each party had (read from the processes): 1 instance: ${PARTY_CPUS[1]:-?}$([ -z "${PARTY_CPUS[3]:-}" ] || echo "; 3 instances: ${PARTY_CPUS[3]}")"
if [ "$OVERLOAD_ONLY" = 0 ]; then
  echo "    throughput, searches/s at 32 users (Gatling): 1 instance $PEAK1, 3 instances $PEAK3 (x$(ratio "$PEAK3" "$PEAK1");" \
    "on 2 cores this is the fleet's overhead, not a gain)"
fi
echo "    overload, 1 instance behind HAProxy (--maxconn $MAXCONN, --queue-ms $QUEUE_MS); cpu % is the instance's" \
  "(of one CPU when pinned):"
indent "      " "$OVERLOAD_LINES"
[ "$OVERLOAD_ONLY" = 1 ] && exit 0
echo "    hot SKU:"
indent "      " "$HOTSKU_LINES"
echo "    faults:"
indent "      " "$FAULT_LINES"
