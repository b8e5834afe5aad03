#!/usr/bin/env bash
# ./securecart bench hotsku [options]: hot-SKU reservations/s with coalesced checkouts against the direct
# mode (one transaction, row lock and commit per buyer), on the same PostgreSQL database. See bench/README.md.
# Each mode is one run of bench/checkout.sh's scenario (b) with SECURECART_RESERVATION_MODE set, pinned as
# bench checkout pins (driver on CPU 0, server and PostgreSQL on CPU 1): its per-order figures and the end-to-end
# rate (orders written AND confirmed) come from there.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "hotsku bench"

parse_options "./securecart bench hotsku" "
--buyers=N       BUYERS       10000  distinct buyers, each with a cart holding one unit
--stock=N        STOCK        5000   units of the hot SKU
--concurrency=N  CONCURRENCY  64     checkouts in flight, the same in both modes
--pool-size=N    POOL_SIZE    -      SecureCart's database pool (SECURECART_DB_POOL_SIZE; the server's default: 16)
--keep-db        KEEP_DB      0      keep the benchmark database afterwards
--no-pin         PIN          1      run the HTTP modes unpinned (as before issue 18), for comparisons with older results
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth)." "$@"
EXTRA=()
[ -z "$POOL_SIZE" ] || EXTRA+=(--pool-size "$POOL_SIZE")
[ "$KEEP_DB" = 0 ] || EXTRA+=(--keep-db)
[ "$PIN" = 1 ] || EXTRA+=(--no-pin)
need_range --buyers "$BUYERS" 1 100000000
need_range --stock "$STOCK" 1 100000000
need_range --concurrency "$CONCURRENCY" 1 100000
need_built HotSkuReservationBench
# Its own database, so that it never collides with bench checkout; both modes use it in turn.
export SECURECART_BENCH_DB=securecart_hotsku_bench
for mode in direct coalesced; do
  echo "==> Mode $mode: $BUYERS buyers for $STOCK units of one SKU, $CONCURRENCY in flight"
  # No figures of the mode before may stand in for this one's.
  rm -f "$OUT/hotsku-$mode.properties" "$OUT/checkout-results.properties"
  # Pinned as bench checkout pins (--no-pin: unpinned, as the results before issue 18 were measured).
  set +o pipefail
  SECURECART_RESERVATION_MODE=$mode bench/checkout.sh --clients 0 --no-pgbench \
    --hot-buyers "$BUYERS" --hot-stock "$STOCK" --hot-concurrency "$CONCURRENCY" ${EXTRA[@]+"${EXTRA[@]}"} \
    2>&1 | tee "$OUT/hotsku-$mode.log" | sed 's/^/    /'
  rc=${PIPESTATUS[0]}
  set -o pipefail
  if [ "$rc" != 0 ] || [ ! -f "$OUT/checkout-results.properties" ]; then
    echo "hotsku bench: the $mode run failed (exit $rc)" >&2
    exit 1
  fi
  cp "$OUT/checkout-results.properties" "$OUT/hotsku-$mode.properties"
done

# The reservation alone, in-process, on the same (fresh) database: what coalescing does to the hot row. Unpinned
# (the driver is the engine here), as its earlier results were measured.
pg_init
DB=securecart_hotsku_bench
recreate_db "$DB"
echo "==> Reservation only, in-process: $BUYERS buyers for $STOCK units, $CONCURRENCY at a time, each mode"
reservation_rc=0
driver HotSkuReservationBench \
  --jdbc-url "$(jdbc_url "$DB")" --buyers "$BUYERS" --stock "$STOCK" --concurrency "$CONCURRENCY" \
  >"$OUT/hotsku-reservation.txt" 2>"$OUT/hotsku-reservation.log" || reservation_rc=$?
drop_db "$DB"

prop() { awk -F= -v k="$2" '$1 == k { print $2 }' "$OUT/hotsku-$1.properties"; }
# fig MODE KEY: a figure, "n/a" when the driver could not measure it (NaN).
fig() { local v; v=$(prop "$1" "$2"); if [ -z "$v" ] || [ "$v" = NaN ]; then echo n/a; else echo "$v"; fi; }
echo
echo "==> Summary: hot-SKU reservations/s (201 checkouts of the hot SKU per second, HTTP, PostgreSQL), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "pinning (both modes): $(sed -n 's/^==> Pinning: //p' "$OUT/hotsku-direct.log" | head -n 1)"
printf '%-12s %16s %8s %8s %8s %9s\n' mode reservations/s "p50 ms" "p99 ms" errors oversold
for mode in direct coalesced; do
  printf '%-12s %16s %8s %8s %8s %9s\n' "$mode" "$(prop "$mode" b.orders_per_s)" "$(prop "$mode" b.p50_ms)" \
    "$(prop "$mode" b.p99_ms)" "$(prop "$mode" b.errors)" "$(prop "$mode" b.oversold)"
done
awk -v d="$(prop direct b.orders_per_s)" -v c="$(prop coalesced b.orders_per_s)" \
  -v o="$(( $(prop direct b.oversold) + $(prop coalesced b.oversold) ))" 'BEGIN {
  r = (d > 0) ? c / d : 0
  printf "coalesced/direct ratio: %.2fx   (goal >= 10x: %s)   oversold: %d\n", r, (r >= 10 ? "met" : "not met"), o
}'
echo
echo "==> Per sold order, first checkout to the order pipeline drained (the 409s' work included; statements need pg_stat_statements)"
printf '%-12s %14s %14s %13s %13s %11s\n' mode "server CPU ms" "PG CPU ms" transactions "rows written" statements
for mode in direct coalesced; do
  printf '%-12s %14s %14s %13s %13s %11s\n' "$mode" "$(fig "$mode" b.per_order.server_cpu_ms)" \
    "$(fig "$mode" b.per_order.postgres_cpu_ms)" "$(fig "$mode" b.per_order.transactions)" \
    "$(fig "$mode" b.per_order.rows_written)" "$(fig "$mode" b.per_order.statements)"
done
echo
echo "==> End to end: the sold-out stock's orders written AND confirmed per second (first checkout to the last CONFIRMED)"
printf '%-12s %14s %10s %10s %16s %16s\n' mode "orders/s e2e" seconds confirmed "confirm p50 ms" "confirm p99 ms"
for mode in direct coalesced; do
  printf '%-12s %14s %10s %10s %16s %16s\n' "$mode" "$(fig "$mode" b.e2e_orders_per_s)" "$(fig "$mode" b.e2e_seconds)" \
    "$(fig "$mode" b.e2e_confirmed)" "$(fig "$mode" b.confirm_p50_ms)" "$(fig "$mode" b.confirm_p99_ms)"
done
awk -v d="$(prop direct b.e2e_orders_per_s)" -v c="$(prop coalesced b.e2e_orders_per_s)" 'BEGIN {
  r = (d > 0) ? c / d : 0
  printf "coalesced/direct end-to-end ratio: %.2fx   (goal >= 10x: %s)\n", r, (r >= 10 ? "met" : "not met")
}'
echo
echo "==> Reservation only (in-process, no HTTP, carts or orders; same database, same concurrency)"
cat "$OUT/hotsku-reservation.txt"
if [ "$reservation_rc" != 0 ]; then
  echo "hotsku bench: the reservation run failed or oversold (exit $reservation_rc); see ${OUT#"$ROOT"/}/hotsku-reservation.log" >&2
  exit "$reservation_rc"
fi
if [ "$(prop direct verdict)" != ok ] || [ "$(prop coalesced verdict)" != ok ]; then
  echo "OVERSOLD: stock was sold beyond what was on hand; see the audit lines above." >&2
  exit 3
fi
