#!/usr/bin/env bash
# ./securecart bench hotsku [options]: hot-SKU reservations/s with coalesced checkouts against the direct
# mode (one transaction, row lock and commit per buyer), on the same PostgreSQL database. See bench/README.md.
# Each mode is one run of bench/checkout.sh's scenario (b) with SECURECART_RESERVATION_MODE set.
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
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth)." "$@"
EXTRA=()
[ -z "$POOL_SIZE" ] || EXTRA+=(--pool-size "$POOL_SIZE")
[ "$KEEP_DB" = 0 ] || EXTRA+=(--keep-db)
need_range --buyers "$BUYERS" 1 100000000
need_range --stock "$STOCK" 1 100000000
need_range --concurrency "$CONCURRENCY" 1 100000
need_built HotSkuReservationBench
# Its own database, so that it never collides with bench checkout; both modes use it in turn.
export SECURECART_BENCH_DB=securecart_hotsku_bench
for mode in direct coalesced; do
  echo "==> Mode $mode: $BUYERS buyers for $STOCK units of one SKU, $CONCURRENCY in flight"
  rm -f "$OUT/hotsku-$mode.properties"
  rc=0
  # Unpinned, as its earlier results were measured (bench checkout pins by default since issue 18).
  SECURECART_RESERVATION_MODE=$mode bench/checkout.sh --clients 0 --no-pgbench --no-pin \
    --hot-buyers "$BUYERS" --hot-stock "$STOCK" --hot-concurrency "$CONCURRENCY" ${EXTRA[@]+"${EXTRA[@]}"} \
    2>&1 | sed 's/^/    /' || rc=${PIPESTATUS[0]}
  [ -f "$OUT/checkout-results.properties" ] || { echo "hotsku bench: the $mode run failed (exit $rc)" >&2; exit 1; }
  cp "$OUT/checkout-results.properties" "$OUT/hotsku-$mode.properties"
done

# The reservation alone, in-process, on the same (fresh) database: what coalescing does to the hot row.
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
echo
echo "==> Summary: hot-SKU reservations/s (201 checkouts of the hot SKU per second, HTTP, PostgreSQL), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
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
