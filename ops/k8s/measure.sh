#!/usr/bin/env bash
# Measures what each role's pod needs (ops/k8s/README.md, "Resource figures"): starts the built jar
# once per role with the image's JVM flags and the heap a container of the given limit would get
# (-XX:MaxRAM stands in for the cgroup limit), puts light load on the role's own route with wrk,
# and reads resident memory and CPU time from /proc. Needs PostgreSQL at 127.0.0.1:5432 and wrk.
# Usage: ops/k8s/measure.sh [seconds of load per role, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=server/target/securecart.jar
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
LOAD_S=${1:-20}
DB=k8s_measure
PORT=18480
TICKS=$(getconf CLK_TCK)
[ -f "$JAR" ] || { echo "build first: ./mvnw -q install -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

rss_mib() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
committed() { awk -v area="area=\"$1\"" 'index($0, "jvm_memory_committed_bytes{") == 1 && index($0, area) {
  sum += $NF } END {printf "%d", sum / 1048576}'; }

# JVM flags of the image's entrypoint, with the heap of a container limited to $1 MiB
jvm() { echo --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -XX:MaxRAMPercentage=75 -XX:MaxRAM="$1m" -XX:ActiveProcessorCount=2; }
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"

# name, container memory limit (MiB), path under load, method (GET), roles (the name)
measure() {
  local role=$1 limit=$2 path=$3 method=${4:-GET} roles=${5:-$1}
  rm -rf "${DATA:?}/$role"
  # shellcheck disable=SC2046 # jvm's words are separate flags
  SECURECART_ROLES=$roles SECURECART_PORT=$PORT SECURECART_DATA_DIR="$DATA/$role" \
    SECURECART_DB_URL="$DB_URL" \
    SECURECART_METRICS_OPEN=true SECURECART_RATE_SEARCH=off \
    "$JAVA" $(jvm "$limit") -jar "$JAR" >"$DATA/$role.log" 2>&1 &
  local pid=$! start=$SECONDS
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$DATA/$role.log" >&2; exit 1; }
    sleep 0.5
  done
  local ready_s=$((SECONDS - start)) ready_rss ready_ticks idle_ticks
  ready_rss=$(rss_mib "$pid")
  ready_ticks=$(cpu_ticks "$pid")
  sleep 10
  idle_ticks=$(( $(cpu_ticks "$pid") - ready_ticks ))
  local before rps after
  before=$(cpu_ticks "$pid")
  printf 'wrk.method = "%s"\n' "$method" >"$DATA/method.lua"
  wrk -t2 -c8 -d"${LOAD_S}s" -s "$DATA/method.lua" "http://127.0.0.1:$PORT$path" >"$DATA/$role.wrk"
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$DATA/$role.wrk")
  # Every answer must have been a 2xx: a 4xx (a rate limit, a bad path) measures the wrong work.
  if grep -q Non-2xx "$DATA/$role.wrk"; then cat "$DATA/$role.wrk" >&2; exit 1; fi
  after=$(cpu_ticks "$pid")
  # The JVM's own view after the load: committed heap and committed non-heap (metaspace, code).
  local metrics
  metrics=$(curl -fs "http://127.0.0.1:$PORT/metrics")
  printf '%-15s %6s %7s %11s %8s %8s %7s %10s %9s %11s\n' "$role" "$limit" "$ready_s" "$ready_rss" \
    "$(awk -v t="$idle_ticks" -v k="$TICKS" 'BEGIN {printf "%.3f", t / k / 10}')" \
    "$(awk -v t=$((after - before)) -v k="$TICKS" -v s="$LOAD_S" 'BEGIN {printf "%.2f", t / k / s}')" \
    "$rps" "$(rss_mib "$pid")" "$(committed heap <<<"$metrics")" "$(committed nonheap <<<"$metrics")"
  kill -TERM "$pid"
  wait "$pid" || true
}

printf '%-15s %6s %7s %11s %8s %8s %7s %10s %9s %11s\n' role limitMi ready_s rss_readyMi cpu_idle cpu_load req_s rss_loadMi heapMi nonheapMi
# api first: it migrates the database and loads the demo catalogue the other roles read.
measure api 1536 '/api/products?size=20'
measure catalog 1024 '/api/products?size=20'
measure search 2048 '/api/search?q=blue%20shirt'
# a new anonymous cart per request: a database write, the cart role's own work
measure cart 768 /api/carts POST
# no route of its own: the health check only (its work is the outbox; see the README)
measure workers 768 /health/ready
# The recommendation routes as the api role serves them today (the recommendations role's own
# code is the same service behind its own listener).
measure recommendations 1536 /api/recommendations/products/1 GET api
# The nightly batch on the demo data: peak resident memory and CPU seconds of a whole run.
# shellcheck disable=SC2046
SECURECART_DB_URL="$DB_URL" SECURECART_DATA_DIR="$DATA/batch" \
  /usr/bin/time -f 'batch nightly: %M KiB peak RSS, %e s wall, %U s user + %S s system CPU' \
  "$JAVA" $(jvm 4096) -jar "$JAR" batch nightly >"$DATA/batch.log" 2>"$DATA/batch.time" ||
  { tail -20 "$DATA/batch.log" "$DATA/batch.time" >&2; exit 1; }
tail -1 "$DATA/batch.time"
