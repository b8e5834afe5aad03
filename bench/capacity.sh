#!/usr/bin/env bash
# ./securecart bench capacity [options]: the capacity sweep of issue 17. One SecureCart server per role, pinned to
# one vCPU, under an open-model load that rises step by step until the role's p99 passes its SLO; writes the
# planner's capacity file. --check compares the planner's predicted p99 with measured ones. See bench/README.md.
# Run through ./securecart, which builds first and sets JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "capacity bench"

ALL_ROLES=storefront,search,cart,checkout,recommendations
parse_options "./securecart bench capacity" "
--roles=LIST        ROLES         $ALL_ROLES  roles to sweep (comma-separated; the others keep the planner's default)
--products=N        PRODUCTS      10000   demo products
--warmup=S          WARMUP        3       warm-up seconds per step (offered, not counted)
--step-seconds=S    STEP_SECONDS  5       measured seconds per step
--start-rate=R      START_RATE    0       first step's offered requests/s (0: per role, checkout 5 orders/s, storefront and search 20, cart and recommendations 50)
--growth=F          GROWTH        1.3     offered rate of a step over the one before
--max-steps=N       MAX_STEPS     25      the most steps per role
--out=FILE          OUT_FILE      bench/target/capacity.json  the capacity file written
--check             CHECK         0       then check the planner's predicted p99 against measured ones for --check-role
--check-role=ROLE   CHECK_ROLE    checkout  the role --check loads
--capacity=FILE     CAPACITY      -       check this capacity file instead of sweeping (implies --check)
--overload          OVERLOAD      0       instead of a sweep: issue 18's overload check of --overload-role (unloaded p99, peak, then 3x the peak), loads taken from --capacity or the planner's bundled file
--overload-role=ROLE  OVERLOAD_ROLE  search  the role --overload loads
--server-heap=SIZE  SERVER_HEAP   1g      each server's -Xmx
--keep-db           KEEP_DB       0       keep the database afterwards
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth).
SECURECART_JVM_OPTS is added to the server's JVM options. Pinning CPUs needs taskset and root (for PostgreSQL's)." "$@"
need_range --products "$PRODUCTS" 10 5000000
need_range --warmup "$WARMUP" 0 600
need_range --step-seconds "$STEP_SECONDS" 1 600
need_range --max-steps "$MAX_STEPS" 1 100
need_heap --server-heap "$SERVER_HEAP"
[[ $START_RATE =~ ^[0-9]+([.][0-9]+)?$ ]] || usage_error "--start-rate must be a number, got '$START_RATE'"
if ! [[ $GROWTH =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v g="$GROWTH" 'BEGIN { exit !(g >= 1.05 && g <= 4) }'; then
  usage_error "--growth must be a number from 1.05 to 4, like 1.3, got '$GROWTH'"
fi
awk -v r="$START_RATE" 'BEGIN { exit !(r <= 100000) }' || usage_error "--start-rate at most 100000, got '$START_RATE'"
is_role() { [[ ,$ALL_ROLES, == *",$1,"* ]]; }
for role in ${ROLES//,/ }; do is_role "$role" || usage_error "--roles: unknown role '$role' (known: $ALL_ROLES)"; done
is_role "$CHECK_ROLE" || usage_error "--check-role: unknown role '$CHECK_ROLE' (known: $ALL_ROLES)"
is_role "$OVERLOAD_ROLE" || usage_error "--overload-role: unknown role '$OVERLOAD_ROLE' (known: $ALL_ROLES)"
if [ "$OVERLOAD" = 1 ]; then
  # No sweep: the loads come from a capacity file, the planner's bundled one unless --capacity names another.
  CAPACITY=${CAPACITY:-planner/src/main/resources/com/securecart/planner/plan/default-capacity.json}
elif [ -n "$CAPACITY" ]; then
  [ -f "$CAPACITY" ] || usage_error "--capacity: no such file '$CAPACITY'"
  CHECK=1
fi

# The server's --roles for each role's load: the storefront pages are the api role's; checkout runs with the
# workers, as the checkout tier does (bench checkout).
server_roles() {
  case "$1" in
    storefront) echo api ;;
    checkout) echo api,workers ;;
    *) echo "$1" ;;
  esac
}

pg_init
need_command curl
need_built CapacityBench
BENCH_DB=securecart_capacity
PARTS="$OUT/capacity-parts"
scratch_db "$BENCH_DB"
rm -rf "$PARTS"
mkdir -p "$PARTS"

# --- one vCPU for the server, another for the driver and PostgreSQL ---
CPUS=$(nproc)
SERVER_CPU=-1
if can_pin; then
  SERVER_PREFIX=(taskset -c 1)
  DRIVER_PREFIX=(taskset -c 0)
  SERVER_CPU=1
  PINNING="server on CPU 1 (taskset -c 1, -XX:ActiveProcessorCount=1); load driver on CPU 0 (taskset -c 0)"
  # PostgreSQL's backends would otherwise run on the server's CPU whenever the scheduler puts them there; pinned
  # again before each server starts (pg_pin in common.sh).
  pin_postgres() { pg_pin 0; }
  if pin_postgres; then
    PINNING+="; PostgreSQL postmaster $PG_MASTER and its backends on CPU 0 (mask $PG_MASK restored at exit)"
  else
    pin_postgres() { :; }
    PINNING+="; PostgreSQL NOT pinned (its postmaster.pid was not readable or taskset refused: run as root)"
  fi
else
  pin_postgres() { :; }
  PINNING="NOT pinned: $CPUS CPU(s) here (or no taskset); the server, driver and PostgreSQL share them"
  echo "capacity bench: only $CPUS CPU(s): running unpinned; the figures include the driver's and PostgreSQL's CPU" >&2
fi
MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
MACHINE="$(hostname), $(uname -m) ${MODEL:-unknown CPU}, $CPUS CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $PINNING"
DATE=$(date -u +%Y-%m-%d)

bench_admin capacity
rate_limits_off
echo "==> Capacity sweep on PostgreSQL $(pg_version), $(printf "%'d" "$PRODUCTS") demo products, $DATE"
echo "    machine: $(uname -m) ${MODEL:-unknown CPU}, $CPUS CPUs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "    pinning: $PINNING"

recreate_db "$BENCH_DB"
JDBC_URL=$(jdbc_url "$BENCH_DB")
echo "==> Seeding the demo catalog (one unpinned start, not timed)"
SEED_PREFIX=(${SERVER_PREFIX[@]+"${SERVER_PREFIX[@]}"})
SERVER_PREFIX=()
start_server "$OUT/capacity-seed.log" 0 -Xmx"$SERVER_HEAP" -- --db "$JDBC_URL" --data-dir "$OUT/capacity-data/seed" \
  --demo-products "$PRODUCTS" --roles api
await_ready "$SERVER_PID" "$OUT/capacity-seed.log" $((120 + PRODUCTS / 2000))
stop_server "$SERVER_PID"
SERVER_PREFIX=(${SEED_PREFIX[@]+"${SEED_PREFIX[@]}"})
scratch_dir "$OUT/capacity-data"

# start_role ROLE: one pinned server with ROLE's --roles on the seeded database, a fresh data directory; sets
# SERVER_PID, SERVER_PORT and START_TO_READY (whole seconds, rounded up, from the process start to /health/ready).
start_role() {
  local log="$OUT/capacity-$1.log" data="$OUT/capacity-data/$1"
  rm -rf "$data"
  pin_postgres || true
  echo "==> $1: SecureCart --roles $(server_roles "$1") -Xmx$SERVER_HEAP -XX:ActiveProcessorCount=1 (log: ${log#"$ROOT"/})"
  start_server "$log" 0 -Xmx"$SERVER_HEAP" -XX:ActiveProcessorCount=1 -- --db "$JDBC_URL" --data-dir "$data" \
    --demo-products "$PRODUCTS" --roles "$(server_roles "$1")"
  await_ready "$SERVER_PID" "$log" 180
  START_TO_READY=$(awk -v a="$T0" -v b="$READY_AT" 'BEGIN { s = b - a; printf "%d", (s == int(s)) ? s : int(s) + 1 }')
  echo "    ready on port $SERVER_PORT, pid $SERVER_PID, $(awk -v a="$T0" -v b="$READY_AT" 'BEGIN { printf "%.1f", b - a }') s from start; affinity $(taskset -p "$SERVER_PID" 2>/dev/null | awk '{ print $NF }')"
}

capacity_driver() {
  driver CapacityBench "$@"
}

if [ -z "$CAPACITY" ]; then
  for role in ${ROLES//,/ }; do
    start_role "$role"
    capacity_driver sweep --role "$role" --base-url "http://127.0.0.1:$SERVER_PORT/" --server-pid "$SERVER_PID" \
      --products "$PRODUCTS" --warmup "$WARMUP" --step-seconds "$STEP_SECONDS" --start-rate "$START_RATE" \
      --growth "$GROWTH" --max-steps "$MAX_STEPS" --start-to-ready "$START_TO_READY" --part "$PARTS/$role.json" \
      --server-cpu "$SERVER_CPU" --jdbc-url "$JDBC_URL" \
      --source "./securecart bench capacity $DATE on $(hostname): --roles $(server_roles "$role"), $PRODUCTS demo products, ${WARMUP}+${STEP_SECONDS} s steps x$GROWTH; $PINNING"
    server_exited "$SERVER_PID" "$OUT/capacity-$role.log" && exit 1
    echo "    server log: $(log_problems "$OUT/capacity-$role.log") lines with WARNING/SEVERE/Exception"
    stop_server "$SERVER_PID"
  done
  echo
  capacity_driver write --parts "$PARTS" --roles "$ROLES" --out "$OUT_FILE" --date "$DATE" --machine "$MACHINE"
  CAPACITY=$OUT_FILE
fi

if [ "$OVERLOAD" = 1 ]; then
  echo
  echo "==> Overload (issue 18 item 5): $OVERLOAD_ROLE on a fresh server, loads from $CAPACITY"
  start_role "$OVERLOAD_ROLE"
  capacity_driver overload --role "$OVERLOAD_ROLE" --capacity "$CAPACITY" --base-url "http://127.0.0.1:$SERVER_PORT/" \
    --server-pid "$SERVER_PID" --products "$PRODUCTS" --warmup "$WARMUP" --step-seconds "$STEP_SECONDS"
  server_exited "$SERVER_PID" "$OUT/capacity-$OVERLOAD_ROLE.log" && exit 1
  stop_server "$SERVER_PID"
fi
if [ "$CHECK" = 1 ]; then
  echo
  echo "==> Check of the planner's model: $CHECK_ROLE on a fresh server, loads from $CAPACITY"
  start_role "$CHECK_ROLE"
  capacity_driver check --role "$CHECK_ROLE" --capacity "$CAPACITY" --base-url "http://127.0.0.1:$SERVER_PORT/" \
    --server-pid "$SERVER_PID" --products "$PRODUCTS" --warmup "$WARMUP" --step-seconds "$STEP_SECONDS"
  stop_server "$SERVER_PID"
fi
echo "pinning: $PINNING"
