# shellcheck shell=bash
# Sourced by every bench/*.sh and by ops/fleet.sh, from the repository root (the scripts cd there first):
#   # shellcheck source=bench/lib/common.sh
#   . bench/lib/common.sh
#   bench_init NAME
# What the scripts used to repeat: PostgreSQL lookup and database re-creation, the server's start on a port
# (0: the server picks a free one and says which in its log), the readiness wait, and clean-up on exit.

# bench_init NAME: NAME prefixes every message; sets ROOT, OUT (bench/target, created) and the clean-up traps.
bench_init() {
  BENCH_NAME=$1
  ROOT=$(pwd)
  OUT="$ROOT/bench/target"
  mkdir -p "$OUT"
  JAR="$ROOT/server/target/securecart.jar"
  BENCH_CP="$ROOT/bench/target/classes:$ROOT/bench/target/libs/*"
  # The launcher passes its JVM options (and the start-up cache, when trained); without it, the basics.
  SERVER_JVM_OPTS=${SECURECART_SERVER_JVM_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${SECURECART_JVM_OPTS:-}}
  JAVA=$(command -v java) || die "java not on the PATH (run through ./securecart)"
  SERVER_PIDS=() AT_EXIT=() SCRATCH_DBS=() SCRATCH_DIRS=() KEEP_DB=0 SERVER_PREFIX=() DRIVER_PREFIX=()
  PG_MASTER="" PG_MASK="" PG_DIR=""
  # How long servers get after SIGTERM before SIGKILL at exit; the fleet raises it to cover its drain.
  STOP_GRACE_S=10
  trap _bench_exit EXIT
  trap 'exit 130' INT TERM
}

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
usage_error() { echo "$BENCH_NAME: $*" >&2; exit 2; }

# at_exit COMMAND: run COMMAND (eval'd) on exit, after every server started here has been stopped.
at_exit() { AT_EXIT+=("$1"); }
# scratch_db NAME / scratch_dir DIR: dropped / removed on exit, unless the script set KEEP_DB=1 (--keep-db).
scratch_db() { SCRATCH_DBS+=("$1"); }
scratch_dir() { SCRATCH_DIRS+=("$1"); }
_bench_exit() {
  local hook db
  stop_servers "$STOP_GRACE_S" ${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}
  if [ "$KEEP_DB" != 1 ]; then
    for db in ${SCRATCH_DBS[@]+"${SCRATCH_DBS[@]}"}; do drop_db "$db"; done
    for db in ${SCRATCH_DIRS[@]+"${SCRATCH_DIRS[@]}"}; do rm -rf "$db"; done
  fi
  for hook in ${AT_EXIT[@]+"${AT_EXIT[@]}"}; do eval "$hook" || true; done
}

# parse_options COMMAND SPEC NOTE ARGUMENT...: reads a script's options into variables. SPEC has one line per
# option, "--name=ARG VAR DEFAULT help..." for an option with a value, "--name VAR 0|1 help..." for a flag (which
# flips VAR's default); "-" is an empty default. -h/--help prints the usage (COMMAND, the options, NOTE) and
# exits 0; an unknown option or a missing value exits 2 with the usage.
parse_options() {
  local command=$1 spec=$2 note=$3 opt var def help name found
  shift 3
  while read -r opt var def _; do
    [ -n "$opt" ] || continue
    [ "$def" != - ] || def=""
    printf -v "$var" '%s' "$def"
  done <<<"$spec"
  while [ $# -gt 0 ]; do
    case "$1" in -h | --help) _usage "$command" "$spec" "$note"; exit 0 ;; esac
    found=0
    while read -r opt var def help; do
      name=${opt%%=*}
      if [ -z "$opt" ] || [ "$name" != "$1" ]; then continue; fi
      found=1
      if [ "$name" != "$opt" ]; then
        [ $# -ge 2 ] || _usage_fail "$1 needs a value" "$command" "$spec" "$note"
        printf -v "$var" '%s' "$2"
        shift
      elif [ "$def" = 1 ]; then
        printf -v "$var" 0
      else
        printf -v "$var" 1
      fi
      break
    done <<<"$spec"
    [ "$found" = 1 ] || _usage_fail "unknown option '$1'" "$command" "$spec" "$note"
    shift
  done
}
_usage_fail() {
  echo "$BENCH_NAME: $1" >&2
  _usage "$2" "$3" "$4" >&2
  exit 2
}
_usage() {
  local opt var def help
  echo "usage: $1 [options]"
  while read -r opt var def help; do
    [ -n "$opt" ] || continue
    if [ "$opt" != "${opt%%=*}" ] && [ "$def" != - ]; then help+=" (default $def)"; fi
    printf '  %-22s %s\n' "${opt/=/ }" "$help"
  done <<<"$2"
  [ -z "$3" ] || echo "$3"
}

# need_whole OPTION VALUE [OPTION VALUE ...]: each VALUE is a whole number, or exit 2 naming its OPTION.
need_whole() {
  while [ $# -gt 1 ]; do
    [[ $2 =~ ^[0-9]+$ ]] || usage_error "$1 must be a whole number, got '$2'"
    shift 2
  done
}
# need_range OPTION VALUE MIN MAX: a whole number within MIN..MAX, or exit 2.
need_range() {
  if ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt "$3" ] || [ "$2" -gt "$4" ]; then usage_error "$1 $3..$4, got '$2'"; fi
}
# need_heap OPTION VALUE: a JVM heap size like 2g or 1536m, or exit 2.
need_heap() { [[ $2 =~ ^[0-9]+[mMgG]$ ]] || usage_error "$1 like 2g or 1536m, got '$2'"; }

# need_jar: the server jar is there. need_built CLASS...: and the bench's classes and libraries.
need_jar() { [ -f "$JAR" ] || die "build first (run it through ./securecart, which builds)"; }
need_built() {
  local class
  need_jar
  [ -d "$ROOT/bench/target/libs" ] || die "build first (run it through ./securecart bench, which builds)"
  for class in "$@"; do
    [ -f "$ROOT/bench/target/classes/com/securecart/bench/$class.class" ] || die "build first: $class is missing (run it through ./securecart bench, which builds)"
  done
}
need_command() { command -v "$1" >/dev/null 2>&1 || die "needs $1"; }

# driver CLASS ARGS...: runs one of the bench's Java drivers (com.securecart.bench.CLASS), behind DRIVER_PREFIX
# (an array, empty by default, e.g. (taskset -c 0) to pin it).
driver() {
  local class=$1
  shift
  ${DRIVER_PREFIX[@]+"${DRIVER_PREFIX[@]}"} "$JAVA" -cp "$BENCH_CP" "com.securecart.bench.$class" "$@"
}

# --- PostgreSQL: always 127.0.0.1, PGPORT (default 5432), user postgres with trust auth ---

# pg_tool TOOL: the path of a PostgreSQL program, from the PATH or the newest /usr/lib/postgresql/*/bin.
pg_tool() {
  local found
  if found=$(command -v "$1" 2>/dev/null); then echo "$found"; return 0; fi
  found=$(printf '%s\n' /usr/lib/postgresql/*/bin/"$1" | sort -V | tail -n 1)
  [ -x "$found" ] || die "$1 not found (install postgresql-client / the server package)"
  echo "$found"
}

# pg_init: exports PGHOST/PGPORT/PGUSER, sets PSQL, and checks that PostgreSQL answers.
pg_init() {
  PGHOST=127.0.0.1
  PGPORT=${PGPORT:-5432}
  PGUSER=postgres
  export PGHOST PGPORT PGUSER
  unset PGDATABASE PGPASSWORD
  PSQL=$(pg_tool psql)
  if ! "$PSQL" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
    echo "$BENCH_NAME: PostgreSQL does not answer at $PGHOST:$PGPORT as user $PGUSER." >&2
    echo "  Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    exit 1
  fi
}
pg_version() { "$PSQL" -d postgres -Atqc 'SHOW server_version'; }
jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1?user=$PGUSER"; }

# recreate_db NAME: drops the database NAME (whoever is connected) and creates it empty.
recreate_db() {
  PGOPTIONS='-c client_min_messages=warning' "$PSQL" -d postgres -v ON_ERROR_STOP=1 \
    -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -qc "CREATE DATABASE $1" >/dev/null
}
drop_db() { "$PSQL" -d postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1 || true; }

# can_pin: 0 if this machine has at least 2 CPUs and taskset, so that a bench can pin its parts apart.
can_pin() { [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; }

# pg_pin CPU: pins the running postmaster and its backends to CPU (new backends inherit the postmaster's
# affinity, so this covers them all), once per postmaster: call it again before each server starts, since a
# PostgreSQL restarted by someone else comes back on every CPU. The first pin registers the restore of the
# postmaster's original mask at exit. Returns 1 if it cannot (postmaster.pid unreadable or taskset refused: not
# root). Needs pg_init.
pg_pin() {
  local cpu=$1 master mask pid
  [ -n "$PG_DIR" ] || PG_DIR=$("$PSQL" -d postgres -Atqc 'SHOW data_directory' 2>/dev/null || true)
  master=$(head -n 1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)
  [[ $master =~ ^[0-9]+$ ]] || return 1
  [ "$master" != "$PG_MASTER" ] || return 0
  mask=$(taskset -p "$master" 2>/dev/null | awk '{ print $NF }') || return 1
  taskset -a -p -c "$cpu" "$master" >/dev/null 2>&1 || return 1
  for pid in $(pgrep -P "$master" || true); do taskset -a -p -c "$cpu" "$pid" >/dev/null 2>&1 || true; done
  if [ -n "$PG_MASTER" ]; then
    echo "    PostgreSQL restarted during the run (postmaster $PG_MASTER, now $master): pinned it to CPU $cpu again"
  else
    at_exit pg_restore_cpus
  fi
  PG_MASTER=$master PG_MASK=$mask
}
pg_restore_cpus() {
  local pid master
  [ -n "$PG_MASTER" ] || return 0
  # A PostgreSQL restarted during the run (bench faults) inherited the pin from whoever restarted it: restore
  # the postmaster running now too.
  master=$(head -n 1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)
  [[ $master =~ ^[0-9]+$ ]] && [ "$master" != "$PG_MASTER" ] || master=""
  for pid in "$PG_MASTER" $(pgrep -P "$PG_MASTER" || true) $master $([ -z "$master" ] || pgrep -P "$master" || true); do
    taskset -a -p "$PG_MASK" "$pid" >/dev/null 2>&1 || true
  done
}

# pin_apart DRIVERS SERVERS: issue 18's pinning, when PIN=1 (the default) and this machine can: the load driver
# alone on CPU 0 (DRIVER_PREFIX, for driver and the like), the servers (SERVER_PREFIX, for start_server and
# start_fleet) and PostgreSQL together on CPU 1, so that their CPU per order is what one CPU spends on it. Sets
# PINNING, a sentence naming DRIVERS and SERVERS and where each went, and repin_postgres, to call before each
# server starts (a no-op when PostgreSQL is not pinned). Needs pg_init.
# shellcheck disable=SC2317 # repin_postgres is called by the scripts that source this
pin_apart() {
  repin_postgres() { :; }
  if [ "${PIN:-1}" = 1 ] && can_pin; then
    SERVER_PREFIX=(taskset -c 1)
    DRIVER_PREFIX=(taskset -c 0)
    PINNING="$1 on CPU 0 (taskset -c 0); $2 on CPU 1 (taskset -c 1)"
    if pg_pin 1; then
      repin_postgres() { pg_pin 1 || true; }
      PINNING+="; PostgreSQL postmaster $PG_MASTER and its backends on CPU 1 (mask $PG_MASK restored at exit)"
    else
      PINNING+="; PostgreSQL NOT pinned (its postmaster.pid was not readable or taskset refused: run as root)"
    fi
  elif [ "${PIN:-1}" = 1 ]; then
    PINNING="NOT pinned: $(nproc) CPU(s) here (or no taskset); $1, $2 and PostgreSQL share them"
  else
    PINNING="NOT pinned (--no-pin): $1, $2 and PostgreSQL share the machine's $(nproc) CPUs"
  fi
}

# cpus_of PID...: the CPUs the processes may run on, e.g. "1" or "0,1" ("?" for none readable), for the logs.
cpus_of() {
  local pid
  for pid in "$@"; do taskset -cp "$pid" 2>/dev/null | awk -F': ' '{ print $2 }'; done | sort -u | paste -sd' ' - |
    sed 's/^$/?/'
}

# --- the server ---

# bench_admin PREFIX: a bench admin account with a fresh random password, for the server and the drivers.
bench_admin() {
  export SECURECART_ADMIN_EMAIL="$1-admin@example.com"
  SECURECART_ADMIN_PASSWORD="$1-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  export SECURECART_ADMIN_PASSWORD
  # Staff need TOTP: the server is provisioned with this secret and the drivers compute the code from it.
  SECURECART_ADMIN_TOTP_SECRET="$(new_totp_secret)"
  export SECURECART_ADMIN_TOTP_SECRET
}

# new_totp_secret: 32 random base32 characters (160 bits), as SECURECART_ADMIN_TOTP_SECRET takes them.
new_totp_secret() {
  head -c 20 /dev/urandom | base32
}

# rate_limits_off: a load driver at one address is one client to the per-client rate limits (ADR 0011); they
# would measure themselves, not the shop. The concurrency limit stays on. An explicit setting wins.
rate_limits_off() {
  export SECURECART_RATE_CHECKOUT=${SECURECART_RATE_CHECKOUT:-off} SECURECART_RATE_SEARCH=${SECURECART_RATE_SEARCH:-off}
  export SECURECART_RATE_LOGIN=${SECURECART_RATE_LOGIN:-off}
}

# Each line on stdin, prefixed with the wall-clock time it arrived (seconds.microseconds).
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }

# start_server LOG PORT [JVM_OPTION ...] -- [SERVER_ARGUMENT ...]: starts server/target/securecart.jar in the
# background on PORT (0: a free port, read from its log by await_ready), output to LOG (each line time-stamped
# when STAMP_LOG=1). Sets SERVER_PID and T0 (the moment before the start); stopped on exit.
# SERVER_PREFIX (an array, empty by default) goes before the java command, e.g. (taskset -c 1) to pin it; it must
# exec java, so that SERVER_PID stays the JVM's.
# shellcheck disable=SC2034 # T0, like READY_AT below, is read by the scripts that time the start.
start_server() {
  local log=$1 listen=$2 jvm=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  if [ $# -gt 0 ]; then shift; fi
  T0=$EPOCHREALTIME
  if [ "${STAMP_LOG:-0}" = 1 ]; then
    # shellcheck disable=SC2086 # SERVER_JVM_OPTS is a list of options
    ${SERVER_PREFIX[@]+"${SERVER_PREFIX[@]}"} "$JAVA" $SERVER_JVM_OPTS ${jvm[@]+"${jvm[@]}"} -jar "$JAR" --port "$listen" "$@" > >(stamp >"$log") 2>&1 &
  else
    # shellcheck disable=SC2086
    ${SERVER_PREFIX[@]+"${SERVER_PREFIX[@]}"} "$JAVA" $SERVER_JVM_OPTS ${jvm[@]+"${jvm[@]}"} -jar "$JAR" --port "$listen" "$@" >"$log" 2>&1 &
  fi
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
}

# await_ready PID LOG TIMEOUT_S: waits for the server's "SecureCart listening on port N" log line, then polls
# GET /health/ready every 50 ms until it answers 200. Sets SERVER_PORT (N) and READY_AT (when it first answered 200).
# Exits 1 with the log's tail if the server exits or is not ready in time.
# shellcheck disable=SC2034 # READY_AT is read by the scripts that time the start.
await_ready() {
  local pid=$1 log=$2 deadline code
  deadline=$(( ${EPOCHREALTIME%.*} + $3 ))
  SERVER_PORT=""
  while :; do
    kill -0 "$pid" 2>/dev/null || server_failed "$log" "SecureCart (pid $pid) exited while starting"
    if [ -z "$SERVER_PORT" ]; then
      SERVER_PORT=$(grep -o -m 1 'SecureCart listening on port [0-9]*' "$log" 2>/dev/null | awk '{ print $5 }' || true)
    fi
    if [ -n "$SERVER_PORT" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$SERVER_PORT/health/ready" || true)
      if [ "$code" = 200 ]; then READY_AT=$EPOCHREALTIME; return 0; fi
    fi
    [ "${EPOCHREALTIME%.*}" -lt "$deadline" ] || server_failed "$log" "SecureCart (pid $pid) was not ready within $3 s"
    sleep 0.05
  done
}

# server_failed LOG MESSAGE: says so, shows the end of the server's log, exits 1.
server_failed() {
  echo "$BENCH_NAME: $2; its log ends:" >&2
  tail -n 20 "$1" >&2 || true
  exit 1
}

# server_exited PID LOG: if the server is gone, says so with its exit status and log tail, and returns 0.
server_exited() {
  local rc=0
  kill -0 "$1" 2>/dev/null && return 1
  wait "$1" 2>/dev/null || rc=$?
  echo "$BENCH_NAME: SecureCart exited DURING the run (exit status $rc$([ "$rc" -gt 128 ] && echo ", signal $((rc - 128))")); its log ends:" >&2
  tail -n 20 "$2" >&2 || true
  return 0
}

# stop_servers GRACE_S PID...: SIGTERM to all, SIGKILL to those still running after GRACE_S seconds.
stop_servers() {
  local grace=$1 pid alive
  shift
  [ $# -gt 0 ] || return 0
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 $((grace * 10))); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 1 ] || break
    sleep 0.1
  done
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "    pid $pid did not stop within $grace s of SIGTERM; killed" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  _forget_pids "$@"
}
_forget_pids() {
  local kept=() pid gone
  for pid in ${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}; do
    for gone in "$@"; do [ "$pid" = "$gone" ] && continue 2; done
    kept+=("$pid")
  done
  SERVER_PIDS=(${kept[@]+"${kept[@]}"})
}
stop_server() { stop_servers "${2:-30}" "$1"; }

# log_problems LOG [REGEX]: how many lines of a server log are warnings, errors or exceptions.
log_problems() { grep -c -E "${2:-\"level\":\"(SEVERE|WARNING)\"|level=(SEVERE|WARNING)|Exception}" "$1" || true; }

# --- a fleet (ops/fleet.sh) ---

# start_fleet LOG TIMEOUT_S FLEET_ARGUMENT...: ops/fleet.sh in the background, behind SERVER_PREFIX (its
# instances and HAProxy inherit the pin); returns once it is ready (HAProxy serves). Sets FLEET_PID; stopped on
# exit.
start_fleet() {
  local log=$1 timeout=$2 deadline
  shift 2
  ${SERVER_PREFIX[@]+"${SERVER_PREFIX[@]}"} "$ROOT/ops/fleet.sh" "$@" >"$log" 2>&1 &
  FLEET_PID=$!
  SERVER_PIDS+=("$FLEET_PID")
  deadline=$(( ${EPOCHREALTIME%.*} + timeout ))
  until grep -q "fleet ready" "$log" 2>/dev/null; do
    kill -0 "$FLEET_PID" 2>/dev/null || server_failed "$log" "the fleet did not start"
    [ "${EPOCHREALTIME%.*}" -lt "$deadline" ] || server_failed "$log" "the fleet was not ready within $timeout s"
    sleep 0.1
  done
}
stop_fleet() {
  [ -n "${FLEET_PID:-}" ] || return 0
  stop_server "$FLEET_PID"
  FLEET_PID=""
}
