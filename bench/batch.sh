#!/usr/bin/env bash
# ./securecart bench batch [--orders N] [--products N] [--customers N]: the nightly job on a generated purchase history on
# PostgreSQL (1,000,000 orders, about 3,000,000 lines, 100,000 products, 200,000 customers by default), with -Xmx2g:
# time per stage, peak heap, the model's hit rate@10 and NDCG@10 next to popularity, serving p99 in process; then the
# same offline evaluation on the real Online Retail data (bench/recommender.sh). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "batch bench"
parse_options "./securecart bench batch" "
--orders=N     ORDERS     1000000  generated orders
--products=N   PRODUCTS   100000   generated products
--customers=N  CUSTOMERS  200000   generated customers
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth)." "$@"
need_range --orders "$ORDERS" 1 100000000
need_range --products "$PRODUCTS" 1 100000000
need_range --customers "$CUSTOMERS" 1 100000000
need_built BatchBench
pg_init
DB=securecart_batch_bench
recreate_db "$DB"
echo "==> Nightly job on generated data: $ORDERS orders, $PRODUCTS products, $CUSTOMERS customers (PostgreSQL, -Xmx2g); load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx2g -cp "$BENCH_CP" com.securecart.bench.BatchBench --jdbc-url "$(jdbc_url "$DB")" \
  --orders "$ORDERS" --products "$PRODUCTS" --customers "$CUSTOMERS" 2> >(grep -v '^{' >&2)
echo
bench/recommender.sh
