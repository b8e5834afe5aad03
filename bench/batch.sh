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
ORDERS=1000000 PRODUCTS=100000 CUSTOMERS=200000
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) ORDERS=$2; shift 2 ;;
    --products) PRODUCTS=$2; shift 2 ;;
    --customers) CUSTOMERS=$2; shift 2 ;;
    -h|--help) echo "usage: ./securecart bench batch [--orders 1000000] [--products 100000] [--customers 200000]"; exit 0 ;;
    *) echo "batch bench: unknown option '$1'" >&2; exit 2 ;;
  esac
done
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
