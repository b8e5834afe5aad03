#!/usr/bin/env bash
# ./securecart bench faults [options]: fault tests on a fleet behind HAProxy (loopback only), bounded in time:
# kill -9 of one instance mid-load, then a restart of PostgreSQL mid-load (on the remaining instances). Every buyer retries with the same Idempotency-Key; the database is audited
# afterwards (acknowledged, lost, duplicate orders, duplicate e-mails, recovery time). The buyers' driver runs alone
# on CPU 0, the fleet (instances, HAProxy) and PostgreSQL on CPU 1, and it prints what an acknowledged order cost
# over the run (information, not part of the verdict). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "faults"
rate_limits_off

INSTANCES=3
parse_options "./securecart bench faults" "
--buyers=N        BUYERS       300    guest buyers, each checking out once (with retries)
--concurrency=N   CONCURRENCY  16     buyers at a time
--port=P          PORT         18080  HAProxy's port; the instances take the next three
--only=SCENARIO   SCENARIOS    all    kill or pg-restart: one fault only
--no-pin          PIN          1      run unpinned (as before issue 18)
" "" "$@"
need_whole --buyers "$BUYERS" --concurrency "$CONCURRENCY"
need_range --port "$PORT" 1024 65000
[[ $SCENARIOS =~ ^(all|kill|pg-restart)$ ]] || usage_error "--only kill or pg-restart"
need_built FaultDriver

pg_init
pin_apart "the buyers' driver" "the fleet's instances and HAProxy"
echo "==> Pinning: $PINNING"
DB=securecart_faults
DATA="$OUT/faults-data"
JDBC=$(jdbc_url "$DB")
rm -rf "$DATA"
recreate_db "$DB"
bench_admin faults

echo "==> Fleet of $INSTANCES instances behind HAProxy on 127.0.0.1:$PORT (database $DB; logs ${DATA#"$ROOT"/})"
repin_postgres
start_fleet "$OUT/faults-fleet.log" 120 --instances "$INSTANCES" --port "$PORT" --db "$JDBC" --demo-products 0 \
  --data-dir "$DATA"
VICTIM=$(grep -o 'instance 2: pid [0-9]*' "$OUT/faults-fleet.log" | awk '{ print $4 }')
[ -n "$VICTIM" ] || die "no pid for instance 2"
# The instances' CPU per order: the driver sums them (a killed one with its CPU time as last read).
SERVER_PIDS_CSV=$(grep -o 'instance [0-9]*: pid [0-9]*' "$OUT/faults-fleet.log" | awk '{ print $4 }' | paste -sd, -)
# shellcheck disable=SC2046,SC2086 # lists of pids
echo "    CPUs: instances $(cpus_of ${SERVER_PIDS_CSV//,/ }), HAProxy $(cpus_of $(pgrep -f "${DATA#"$ROOT"/}/haproxy.cfg"))"

# fault NAME COMMAND: the buyers run while COMMAND runs 3 s in; prints PASSED or FAILED; returns the driver's exit.
fault() {
  local name=$1 command=$2 rc=0 pid pids=()
  # The instances still running (the kill test's victim is gone by the next test).
  for pid in ${SERVER_PIDS_CSV//,/ }; do
    if kill -0 "$pid" 2>/dev/null; then pids+=("$pid"); fi
  done
  if [ ${#pids[@]} -gt 0 ]; then pids=(--server-pids "$(IFS=,; echo "${pids[*]}")"); fi
  driver FaultDriver --base-url "http://127.0.0.1:$PORT/" --jdbc-url "$JDBC" ${pids[@]+"${pids[@]}"} \
    --buyers "$BUYERS" --concurrency "$CONCURRENCY" --fault-after-ms 3000 --fault-command "$command" || rc=$?
  if [ "$rc" = 0 ]; then echo "==> $name: PASSED"; else echo "==> $name: FAILED (exit $rc)"; fi
  return "$rc"
}

failed=0
if [ "$SCENARIOS" != pg-restart ]; then
  echo "==> kill -9 of instance 2 (pid $VICTIM) 3 s into $BUYERS buyers, $CONCURRENCY at a time"
  fault "kill -9" "kill -9 $VICTIM" || failed=1
fi
if [ "$SCENARIOS" != kill ]; then
  CLUSTER=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$CLUSTER" ] || ! command -v pg_ctlcluster >/dev/null; then
    echo "==> PostgreSQL restart: SKIPPED (needs a local Debian cluster and pg_ctlcluster)"
  else
    echo "==> PostgreSQL $CLUSTER restart 3 s into $BUYERS buyers (every other database on the server restarts too)"
    # The driver runs the command: without this, the restarted PostgreSQL would inherit the driver's CPU 0. It
    # goes back on CPU 1 when pinned (everywhere otherwise); its original mask is restored at exit.
    cpus=0-$(($(nproc) - 1))
    [ -z "$PG_MASTER" ] || cpus=1
    fault "PostgreSQL restart" "taskset -c $cpus pg_ctlcluster --skip-systemctl-redirect $CLUSTER main restart" || failed=1
  fi
fi
exit "$failed"
