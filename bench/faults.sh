#!/usr/bin/env bash
# ./securecart bench faults [options]: fault tests on a fleet behind HAProxy (loopback only), bounded in time:
# kill -9 of one instance mid-load, then a restart of PostgreSQL mid-load (on the remaining instances). Every buyer retries with the same Idempotency-Key; the database is audited
# afterwards (acknowledged, lost, duplicate orders, duplicate e-mails, recovery time). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# One load driver on one address is one client to the per-client rate limits: they are off for the run.
export SECURECART_RATE_CHECKOUT=off SECURECART_RATE_SEARCH=off SECURECART_RATE_LOGIN=off

BUYERS=300 CONCURRENCY=16 INSTANCES=3 PORT=18080 SCENARIOS=all
while [ $# -gt 0 ]; do
  case "$1" in
    --buyers) BUYERS=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --only) SCENARIOS=$2; shift 2 ;;
    -h|--help) echo "usage: ./securecart bench faults [--buyers 300] [--concurrency 16] [--port 18080] [--only kill|pg-restart]"; exit 0 ;;
    *) echo "faults: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $BUYERS =~ ^[0-9]+$ && $CONCURRENCY =~ ^[0-9]+$ && $PORT =~ ^[0-9]+$ ]] || { echo "faults: numbers only" >&2; exit 2; }
[[ $SCENARIOS =~ ^(all|kill|pg-restart)$ ]] || { echo "faults: --only kill or pg-restart" >&2; exit 2; }

DB=securecart_faults
OUT="$ROOT/bench/target"
DATA="$OUT/faults-data"
CP="$ROOT/bench/target/classes:$ROOT/bench/target/libs/*"
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
mkdir -p "$OUT"
rm -rf "$DATA"
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" \
  -qc "CREATE DATABASE $DB" >/dev/null

export SECURECART_ADMIN_EMAIL=faults-admin@example.com
SECURECART_ADMIN_PASSWORD="faults-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
export SECURECART_ADMIN_PASSWORD

FLEET_PID=""
cleanup() {
  if [ -n "$FLEET_PID" ] && kill -0 "$FLEET_PID" 2>/dev/null; then
    kill "$FLEET_PID" 2>/dev/null || true
    wait "$FLEET_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> Fleet of $INSTANCES instances behind HAProxy on 127.0.0.1:$PORT (database $DB; logs ${DATA#"$ROOT"/})"
ops/fleet.sh --instances "$INSTANCES" --port "$PORT" --db "$JDBC" --demo-products 0 --data-dir "$DATA" \
  >"$OUT/faults-fleet.log" 2>&1 &
FLEET_PID=$!
for _ in $(seq 1 1200); do
  grep -q "fleet ready" "$OUT/faults-fleet.log" 2>/dev/null && break
  kill -0 "$FLEET_PID" 2>/dev/null || { echo "faults: the fleet did not start:" >&2; tail -n 20 "$OUT/faults-fleet.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "fleet ready" "$OUT/faults-fleet.log" || { echo "faults: the fleet was not ready within 120 s" >&2; exit 1; }
VICTIM=$(grep -o 'instance 2: pid [0-9]*' "$OUT/faults-fleet.log" | awk '{ print $4 }')
[ -n "$VICTIM" ] || { echo "faults: no pid for instance 2" >&2; exit 1; }

# fault NAME COMMAND: the buyers run while COMMAND runs 3 s in; prints PASSED or FAILED; returns the driver's exit.
fault() {
  local name=$1 command=$2 rc=0
  java -cp "$CP" com.securecart.bench.FaultDriver --base-url "http://127.0.0.1:$PORT/" --jdbc-url "$JDBC" \
    --buyers "$BUYERS" --concurrency "$CONCURRENCY" --fault-after-ms 3000 --fault-command "$command" || rc=$?
  [ "$rc" = 0 ] && echo "==> $name: PASSED" || echo "==> $name: FAILED (exit $rc)"
  return "$rc"
}

failed=0
if [ "$SCENARIOS" != pg-restart ]; then
  echo "==> kill -9 of instance 2 (pid $VICTIM) 3 s into $BUYERS buyers, $CONCURRENCY at a time"
  fault "kill -9" "kill -9 $VICTIM" || failed=1
fi
if [ "$SCENARIOS" != kill ]; then
  CLUSTER=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$CLUSTER" ] || ! command -v pg_ctlcluster >/dev/null; then
    echo "==> PostgreSQL restart: SKIPPED (needs a local Debian cluster and pg_ctlcluster)"
  else
    echo "==> PostgreSQL $CLUSTER restart 3 s into $BUYERS buyers (every other database on the server restarts too)"
    fault "PostgreSQL restart" "pg_ctlcluster --skip-systemctl-redirect $CLUSTER main restart" || failed=1
  fi
fi
exit "$failed"
