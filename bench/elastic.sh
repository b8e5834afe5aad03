#!/usr/bin/env bash
# ./securecart bench elastic: the issue's elasticity figures in one run, on this host, loopback only:
#   1. throughput with 1 and with 3 instances behind HAProxy (on 2 cores: the fleet's overhead, not a gain);
#   2. goodput at 3x overload as a share of the peak, and the p99 of admitted requests against the unloaded p99;
#   3. hot-SKU reservations/s, coalesced against one row lock per buyer (bench/hotsku.sh);
#   4. the fault tests (bench/faults.sh): kill -9 of an instance and a PostgreSQL restart mid-load.
# Gatling (the load driver) runs alone on CPU 0, the SecureCart instances, HAProxy and PostgreSQL on CPU 1 (issue
# 18 item 5: goodput measured with the driver on its own CPU). --overload-only runs just 1 and 2 for one instance.
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
--overload-only  OVERLOAD_ONLY  0  only the 1-instance saturation, unloaded p99, overload at 3x and the summary (about 2 minutes)
--no-pin      PIN          1   run unpinned (as before issue 18), for comparisons with older results
--maxconn=N   MAXCONN      64  HAProxy's cap of requests in flight per instance (./securecart fleet --maxconn)
--queue-ms=MS QUEUE_MS     250 how long a request may wait in HAProxy's queue before 503 (./securecart fleet --queue-ms)
" "" "$@"
need_whole --duration "$DURATION"

pg_init
pin_apart "Gatling (Maven's JVM and its forks)" "the SecureCart instances and HAProxy"
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
    "PostgreSQL $(cpus_of $(postgres_pids)), Gatling ${DRIVER_PREFIX[2]:-unpinned}"
}

BASE_URL="http://127.0.0.1:$PORT"
# /metrics needs a bearer token (closed by default): the fleet's instances inherit this one.
export SECURECART_METRICS_TOKEN=${SECURECART_METRICS_TOKEN:-elastic-metrics-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
# indent PREFIX TEXT: TEXT with PREFIX before each line.
indent() { local line; while IFS= read -r line; do printf '%s%s\n' "$1" "$line"; done <<<"$2"; }

# Cumulative counts of instance 1's histogram of answered searches: "<le seconds> <count>" per bucket.
search_buckets() {
  curl -s -H "Authorization: Bearer $SECURECART_METRICS_TOKEN" "http://127.0.0.1:$((PORT + 1))/metrics" | awk '/^http_server_requests_seconds_bucket\{.*route="\/api\/search".*status="200"/ {
    match($0, /le="[^"]*"/); print substr($0, RSTART + 4, RLENGTH - 5), $NF }'
}
# The bucket bound under which 99% of the searches answered between two search_buckets snapshots fell.
bucket_p99() {
  join <(sort -k1,1 "$1") <(sort -k1,1 "$2") | awk '{ print $1, $3 - $2 }' | sort -g | awk '
    { le[NR] = $1; n[NR] = $2 } END { for (i = 1; i <= NR; i++) if (n[i] >= 0.99 * n[NR]) { print (le[i] == "+Inf" ? "inf" : le[i] * 1000); exit } }'
}
# CPU used by each party during the middle of a run, in cores: sampled DURATION-8 s apart, 5 s in.
cpu_ticks() { local t=0 p f; for p in "$@"; do read -r -a f <"/proc/$p/stat" 2>/dev/null && t=$((t + f[13] + f[14])); done; echo "$t"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu_split() {
  local window=$((DURATION > 12 ? DURATION - 8 : 4)) hz server haproxy pg b0 s0 h0 p0
  hz=$(getconf CLK_TCK)
  server=$(pgrep -f "securecart.jar --port $((PORT + 1)) " | tr '\n' ' ')
  haproxy=$(pgrep -f "elastic-data/haproxy.cfg" | tr '\n' ' ')
  pg=$(postgres_pids | tr '\n' ' ')
  sleep 5
  # shellcheck disable=SC2086
  b0=$(busy_ticks) s0=$(cpu_ticks $server) h0=$(cpu_ticks $haproxy) p0=$(cpu_ticks $pg)
  sleep "$window"
  # shellcheck disable=SC2086
  awk -v b="$(($(busy_ticks) - b0))" -v s="$(($(cpu_ticks $server) - s0))" -v h="$(($(cpu_ticks $haproxy) - h0))" \
    -v p="$(($(cpu_ticks $pg) - p0))" -v hz="$hz" -v w="$window" 'BEGIN {
      c = hz * w; printf "SecureCart %.2f, HAProxy %.2f, PostgreSQL %.2f, Gatling and the rest %.2f of 2 cores\n",
        s / c, h / c, p / c, (b - s - h - p) / c }'
}
# shellcheck source=bench/lib/gatling.sh
. bench/lib/gatling.sh
started=$EPOCHREALTIME
echo "==> Elasticity benchmark on $(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> Pinning: $PINNING"

echo "==> 1 instance behind HAProxy (10,000 demo products)"
elastic_fleet 1 10000
echo "    (warm-up: 32 users for 10 s, not counted)"
gatling SaturationSimulation -Dusers=32 -Dduration=10 >/dev/null || true
gatling SaturationSimulation -Dusers=1 -Dduration=10 || true
UNLOADED_P99=$G_OK_P99
gatling SaturationSimulation -Dusers=32 -Dduration="$DURATION" || true
PEAK1=$G_OK_RPS
peak=${PEAK1%.*}
search_buckets >"$OUT/elastic-buckets-0"
cpu_split >"$OUT/elastic-cpu-overload" &
CPU_JOB=$!
gatling OverloadSimulation -Drate=$((peak * 3)) -Dduration="$DURATION" || true
GOODPUT=$G_OK_RPS OVERLOAD_P99=$G_OK_P99 SHED=$G_SHED TIMEOUTS=$G_TIMEOUTS
wait "$CPU_JOB" || true
search_buckets >"$OUT/elastic-buckets-1"
SERVER_P99=$(bucket_p99 "$OUT/elastic-buckets-0" "$OUT/elastic-buckets-1")
echo "    CPU during the run: $(cat "$OUT/elastic-cpu-overload")"
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
verdict() { awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN { if (v == "?") print "?"; else if ((op == ">=" && v + 0 >= g) || (op == "<=" && v + 0 <= g)) print "MET"; else print "NOT MET" }'; }
share=$(awk -v g="$GOODPUT" -v p="$PEAK1" 'BEGIN { if (p + 0 == 0) print "?"; else printf "%.0f", 100 * g / p }')
p99x=$(ratio "$OVERLOAD_P99" "$UNLOADED_P99")
echo
echo "==> Summary ($(nproc) cores; total $(awk -v s="$started" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", e - s }') s)"
echo "    pinning: $PINNING"
echo "    CPUs each party had (read from the processes): 1 instance: ${PARTY_CPUS[1]:-?}$([ -z "${PARTY_CPUS[3]:-}" ] || echo "; 3 instances: ${PARTY_CPUS[3]}")"
if [ "$OVERLOAD_ONLY" = 0 ]; then
  echo "    throughput, searches/s at 32 users: 1 instance $PEAK1, 3 instances $PEAK3 (x$(ratio "$PEAK3" "$PEAK1");" \
    "on 2 cores this is the fleet's overhead, not a gain)"
else
  echo "    throughput, searches/s at 32 users: 1 instance $PEAK1 (--overload-only: no 3-instance run, hot SKU or faults)"
fi
echo "    overload at 3x the 1-instance peak: goodput $GOODPUT/s = $share% of peak (goal >= 90%: $(verdict "$share" ">=" 90));" \
  "shed with 503: $SHED; timeouts: $TIMEOUTS"
echo "    p99 of admitted requests: $OVERLOAD_P99 ms against $UNLOADED_P99 ms unloaded = ${p99x}x (goal <= 3x: $(verdict "$p99x" "<=" 3))"
echo "      (inside the instance, routing to response, 99% of the admitted searches took <= ${SERVER_P99:-?} ms;" \
  "the rest of the client's figure is HAProxy's queue, connecting, and waiting for a share of the CPU)"
echo "      CPU during the overload run: $(cat "$OUT/elastic-cpu-overload")"
[ "$OVERLOAD_ONLY" = 1 ] && exit 0
echo "    hot SKU:"
indent "      " "$HOTSKU_LINES"
echo "    faults:"
indent "      " "$FAULT_LINES"
