#!/usr/bin/env bash
# ./securecart bench recommender: the recommender's offline evaluation on the real UCI Online Retail purchases,
# with the fixed protocol of bench/README.md (train before 2011-11-01, hit rate@10 and NDCG@10 against popularity)
# for item-to-item and EASE, then EASE's training cost on synthetic catalogs (--sizes 1000,4000,10000,20000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "recommender bench"
FILE=""
for candidate in "${SECURECART_ONLINE_RETAIL:-}" ../shared/data/online-retail/online_retail_uci.csv.gz \
  /work/shared/data/online-retail/online_retail_uci.csv.gz; do
  if [ -n "$candidate" ] && [ -f "$candidate" ]; then FILE=$candidate; break; fi
done
[ -n "$FILE" ] || die "online_retail_uci.csv.gz not found; set SECURECART_ONLINE_RETAIL"
need_built RecommenderEvaluation
echo "==> Offline evaluation on $FILE"
"$JAVA" -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" com.securecart.bench.RecommenderEvaluation --file "$FILE" "$@"
