#!/usr/bin/env bash
# ./securecart fleet [options]: several SecureCart instances on one PostgreSQL database behind HAProxy, on one host.
# Run through ./securecart, which builds first and passes the JVM options. Stops everything on Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init fleet
# Instances drain for SECURECART_SHUTDOWN_DRAIN_MS after SIGTERM, then finish requests and steps in hand
# (ADR 11): give them that and 30 s more before the exit trap kills them.
# shellcheck disable=SC2034 # read by common.sh's exit trap
STOP_GRACE_S=$(( ${SECURECART_SHUTDOWN_DRAIN_MS:-0} / 1000 + 30 ))

parse_options "./securecart fleet" "
--instances=N      INSTANCES  3          SecureCart instances; the first also runs the nightly batch
--port=P           PORT       8080       HAProxy's port; the instances take P+1 .. P+N
--db=JDBC_URL      DB         -          the shared database (default jdbc:postgresql://127.0.0.1:5432/securecart_fleet?user=postgres, created when missing)
--demo-products=N  DEMO       10000      demo catalog, seeded once by the first instance
--demo-data=KIND   DEMO_DATA  generated  generated or online-retail: the real UCI Online Retail shop instead, loaded once by the first instance (see the README's \"Demo data\")
--data-dir=DIR     DATA       -          logs, search indexes and haproxy.cfg (default data/fleet)
--maxconn=N        MAXCONN    64         requests HAProxy lets one instance have at once; the rest queue in HAProxy
--queue-ms=MS      QUEUE_MS   250        how long a request may wait in that queue before HAProxy answers 503 (Retry-After)
" "Environment: SECURECART_* settings apply to every instance (see the README); SECURECART_ADMIN_PASSWORD is
generated once and printed if unset." "$@"
DATA=${DATA:-$ROOT/data/fleet}
[[ $INSTANCES =~ ^[1-9]$ ]] || usage_error "--instances 1..9"
need_range --port "$PORT" 1024 65000
need_whole --demo-products "$DEMO"
[[ $DEMO_DATA =~ ^(generated|online-retail)$ ]] || usage_error "--demo-data generated|online-retail"
need_range --maxconn "$MAXCONN" 1 99999
need_range --queue-ms "$QUEUE_MS" 1 60000

need_jar
need_command curl

if ! command -v haproxy >/dev/null 2>&1; then
  echo "==> Installing HAProxy (Debian package)"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
  else
    echo "fleet: HAProxy is missing; install it: sudo apt-get install haproxy" >&2; exit 1
  fi
fi

if [ -z "$DB" ]; then
  pg_init
  DB=$(jdbc_url securecart_fleet)
  if [ -z "$("$PSQL" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'securecart_fleet'")" ]; then
    "$PSQL" -d postgres -qc "CREATE DATABASE securecart_fleet" >/dev/null
  fi
fi
[[ $DB == jdbc:postgresql:* ]] || { echo "fleet: --db must be a jdbc:postgresql: URL (instances share it)" >&2; exit 2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $(seq "$PORT" $((PORT + INSTANCES))); do
  port_free "$p" || { echo "fleet: port $p is in use" >&2; exit 1; }
done

if [ -z "${SECURECART_ADMIN_PASSWORD:-}" ]; then
  SECURECART_ADMIN_PASSWORD="fleet-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
  echo "==> Admin: ${SECURECART_ADMIN_EMAIL:-admin@securecart.local} / $SECURECART_ADMIN_PASSWORD (set SECURECART_ADMIN_PASSWORD to choose it)"
fi
export SECURECART_ADMIN_PASSWORD
# Staff sign in with TOTP; every instance gets the first owner's secret, made here unless one is given.
if [ -z "${SECURECART_ADMIN_TOTP_SECRET:-}" ]; then
  SECURECART_ADMIN_TOTP_SECRET="$(head -c 20 /dev/urandom | base32)"
  echo "==> Admin TOTP secret: $SECURECART_ADMIN_TOTP_SECRET (add it to an authenticator app; set SECURECART_ADMIN_TOTP_SECRET to choose it)"
fi
export SECURECART_ADMIN_TOTP_SECRET

# GET /metrics answers only with a bearer token (404 without one): every instance gets the same token, made here
# unless one is given, and written to DATA/metrics-token (mode 600) for a scraper's credentials_file.
if [ -z "${SECURECART_METRICS_TOKEN:-}" ]; then
  SECURECART_METRICS_TOKEN="fleet-metrics-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
fi
export SECURECART_METRICS_TOKEN

# HAProxy adds X-Forwarded-For; the instances believe it from HAProxy only, so that the per-client rate limits
# see the real client rather than one address for everybody.
export SECURECART_TRUSTED_PROXIES=${SECURECART_TRUSTED_PROXIES:-127.0.0.1/32}

mkdir -p "$DATA"
(umask 077 && printf '%s\n' "$SECURECART_METRICS_TOKEN" >"$DATA/metrics-token")
echo "==> Metrics: GET /metrics with Authorization: Bearer \$(cat $DATA/metrics-token)"
PIDS=()
# On exit bench_init's trap stops the instances and HAProxy together.
at_exit 'echo "==> Fleet stopped"'

# start_instance I PRODUCTS DEMO_DATA: instance I on port PORT+I, its own search index and log under DATA.
# One instance runs the nightly batch at 02:00; the others serve, work the outbox and search.
start_instance() {
  local i=$1 roles=all
  [ "$i" = 1 ] || roles=api,workers,search
  mkdir -p "$DATA/i$i"
  start_server "$DATA/i$i.log" $((PORT + i)) -- --db "$DB" --data-dir "$DATA/i$i" \
    --demo-products "$2" --demo-data "$3" --roles "$roles"
  PIDS+=("$SERVER_PID")
  echo "    instance $i: pid $SERVER_PID on 127.0.0.1:$((PORT + i)) (log ${DATA#"$ROOT"/}/i$i.log)"
}
wait_ready() { await_ready "${PIDS[$(($1 - 1))]}" "$DATA/i$1.log" 120; }

echo "==> Starting $INSTANCES SecureCart instances on $DB"
# The first instance migrates and seeds; the others start once it is ready, in parallel.
start_instance 1 "$DEMO" "$DEMO_DATA"
wait_ready 1
for i in $(seq 2 "$INSTANCES"); do start_instance "$i" 0 generated; done
for i in $(seq 2 "$INSTANCES"); do wait_ready "$i"; done

CFG="$DATA/haproxy.cfg"
{
  cat <<CFG
# Generated by ./securecart fleet. Round robin over instances that pass /health/ready every second;
# an instance that refuses a connection (live traffic or a check) is out at once, one that fails five
# checks in a row is out too, and either is back after two passes (docs/operations.md, "Failover").
global
  # The fault tests take instances out and back through this socket.
  stats socket $DATA/haproxy.sock mode 600 level admin
  # Within the usual 20,000 open-file limit (HAProxy needs about two descriptors per connection).
  maxconn 8000

defaults
  mode http
  option http-keep-alive
  option forwardfor
  # A request that could not be sent to an instance (refused, reset before sending) goes at once to
  # another one ("redispatch 1": every retry picks another instance, with no turn-around wait on the
  # dead one). A request that reached an instance which then died without answering (empty-response)
  # is re-sent too, but only when re-sending is harmless: an idempotent method, or a request with an
  # Idempotency-Key (the second instance replays the stored answer, or answers 409 with Retry-After
  # while the dead instance's claim on the key runs out, ADR 4); see disable-l7-retry below.
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response
  timeout connect 2s
  timeout client 60s
  # Server-Sent Events send a keep-alive comment every 15 s, well inside this.
  timeout server 60s
  timeout http-keep-alive 10s
  # A request waits at most --queue-ms (250 ms by default) for a free slot on an instance (see the
  # backend), then gets the same 503 problem with Retry-After that an instance sends when it sheds.
  # Under sustained overload that wait is what every admitted request adds (FIFO): --maxconn 8
  # --queue-ms 20 keeps it near the unloaded latency, but sheds bursts a long queue would serve, a
  # flash sale's checkouts among them (docs/operations.md, "Overload"). The 503 keeps the client's
  # connection open (no "Connection: close" in the file): closing it made every shed request a new
  # connection, and halved the goodput at three times the peak.
  timeout queue ${QUEUE_MS}ms
  errorfile 503 $ROOT/ops/haproxy/503.http

frontend securecart
  bind 127.0.0.1:$PORT
  # Live updates (Server-Sent Events) hold their connection for as long as a page is open: they go to
  # a backend of their own so that they never count against an instance's request cap below.
  acl live_updates path_end /events
  use_backend streams if live_updates
  default_backend instances

backend instances
  balance roundrobin
  # HAProxy's queue (see the server lines) serves the priorities an instance's admission control uses
  # (RequestClass): checkout first, then carts, sign-in and orders, then browsing and search, staff last.
  http-request set-priority-class int(-2) if { path /api/checkout /checkout }
  http-request set-priority-class int(-1) if { path_reg ^/(api/carts?|cart|api/auth|api/orders|orders|account)(/|$) } || { path /signin /signup /signout }
  http-request set-priority-class int(1) if { path_reg ^/(api/)?admin(/|$) }
  # Never re-send a POST or PATCH without an Idempotency-Key after it reached an instance: it may
  # have been applied there (a cart created, a sign-in counted) before the instance died.
  acl idempotent_method method GET HEAD PUT DELETE OPTIONS
  http-request disable-l7-retry if !idempotent_method !{ req.hdr(idempotency-key) -m found }
  # HTTP/1.1 with a Host header: Helidon refuses the HTTP/1.0 probe HAProxy sends by default.
  option httpchk
  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  # Generous for a busy instance: on JDK 25 a new connection to an instance at full CPU can wait
  # seconds before the JVM starts handling it (docs/operations.md, "Overload"), and each check is a new
  # connection. Out after five failed or 5 s slow checks.
  timeout check 5s
  # Keep connections to instances open and share them between clients: an open connection is served
  # at once, where a new one may wait (see above).
  http-reuse safe
  # A dead instance is seen first by live traffic: "observe layer4" watches every connection HAProxy
  # makes to it, and the first one refused or timed out (error-limit 1) marks it down at once rather
  # than after five failed checks. Layer 4 only: a 503 that a live instance sends when it sheds must
  # not take it out. It is back after two passed checks (rise 2).
  default-server inter 1s fall 5 rise 2 pool-purge-delay 60s observe layer4 error-limit 1 on-error mark-down
CFG
  # At most $MAXCONN requests at a time on one instance; more wait here, in HAProxy's queue (by priority
  # class, above), for up to --queue-ms and are then answered 503. Shedding
  # here costs a fraction of what it costs in the JVM, and it keeps a flood of new connections from
  # reaching an instance at all: under full load on JDK 25 a new connection can wait seconds to be
  # served (docs/operations.md). Behind the cap an instance's own adaptive limit still sheds by priority.
  for i in $(seq 1 "$INSTANCES"); do echo "  server i$i 127.0.0.1:$((PORT + i)) check maxconn $MAXCONN"; done
  cat <<CFG

backend streams
  balance leastconn
  option httpchk
  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  default-server inter 1s fall 5 rise 2 observe layer4 error-limit 1 on-error mark-down
  timeout check 5s
  # Long-lived by design: only the client going away, or the stream's own end, closes it.
  timeout server 1h
  timeout client 1h
CFG
  for i in $(seq 1 "$INSTANCES"); do echo "  server s$i 127.0.0.1:$((PORT + i)) check"; done
} >"$CFG"
haproxy -c -q -f "$CFG" || die "HAProxy rejected $CFG"
haproxy -W -db -f "$CFG" >"$DATA/haproxy.log" 2>&1 &
HAPROXY_PID=$!
SERVER_PIDS+=("$HAPROXY_PID")
lb_ready=0
for _ in $(seq 1 100); do
  kill -0 "$HAPROXY_PID" 2>/dev/null || break
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health/ready")" = 200 ]; then
    lb_ready=1; break
  fi
  sleep 0.1
done
[ "$lb_ready" = 1 ] || server_failed "$DATA/haproxy.log" "HAProxy did not serve on :$PORT"
echo "==> SecureCart fleet ready on http://127.0.0.1:$PORT ($INSTANCES instances behind HAProxy; config ${CFG#"$ROOT"/})"
echo "    Ctrl-C stops everything."
wait "$HAPROXY_PID"
