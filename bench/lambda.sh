#!/usr/bin/env bash
# ./securecart bench lambda [options]: the cold and warm cost of the order pipeline's Lambda step handlers, in one
# run on a fresh PostgreSQL database: per handler, cold starts (process start to the first answer) without and with
# the JDK's AOT cache, warm invocations, and the same step in the in-process pipeline as the baseline.
# See bench/README.md ("Lambda handlers").
#
# The driver, com.securecart.lambda.LambdaBench, lives in lambda's test sources: it needs the Runtime API harness,
# the process launcher and the official runtime client, which are lambda's test code and test-scope dependencies.
# It runs from lambda/target/test-classes with the test class path that lambda/pom.xml copies to target/test-libs.
# Each function process runs what a deployment runs: the deployable jar (lambda/target/securecart-lambda-*-aws.jar)
# with the runtime client's jars beside it, as the managed runtime puts them.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh
bench_init "lambda bench"

# What the managed runtime gives a Java function without SnapStart or provisioned concurrency: tiered compilation
# stopped at C1 (AWS's "Customize Java runtime startup behavior" page: java17 and java21, and java25 unless SnapStart
# or provisioned concurrency is on) and the serial collector (AWS documents it for java11 and java17; the JVM's own
# choice at a function's size, under 2 CPUs or 1,792 MB). Native access: the runtime client loads its JNI library.
DEFAULT_FUNCTION_JVM_OPTS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED"
FUNCTION_JVM_OPTS=${SECURECART_LAMBDA_JVM_OPTS:-$DEFAULT_FUNCTION_JVM_OPTS}
parse_options "./securecart bench lambda" "
--cold-starts=N   COLD_STARTS  20    cold starts per handler, each without and each with the AOT cache
--invocations=N   INVOCATIONS  200   timed warm invocations per handler (and in-process runs), each on a fresh order
--warmup=N        WARMUP       50    untimed invocations before them (warm process; in-process)
--training=N      TRAINING     20    invocations of the AOT cache's training run, per handler
--steps=LIST      STEPS        authorize-payment,confirm-order,void-authorization  the handlers, by core step name
--keep-db         KEEP_DB      0     keep the benchmark database afterwards
" "Environment: PGPORT (default 5432); PostgreSQL at 127.0.0.1 as user postgres (trust auth).
SECURECART_LAMBDA_JVM_OPTS: the function processes' JVM options (default: $DEFAULT_FUNCTION_JVM_OPTS)." "$@"
need_range --cold-starts "$COLD_STARTS" 1 1000
need_range --invocations "$INVOCATIONS" 1 100000
need_range --warmup "$WARMUP" 0 100000
need_range --training "$TRAINING" 1 10000
[[ $STEPS =~ ^[a-z,-]+$ ]] || usage_error "--steps: a comma-separated list of step names, got '$STEPS'"

# The function's jar and the runtime client: what the managed runtime has on its class path.
FUNCTION_JAR=$(printf '%s\n' "$ROOT"/lambda/target/securecart-lambda-*-aws.jar | head -n 1)
TEST_LIBS="$ROOT/lambda/target/test-libs"
if [ ! -f "$FUNCTION_JAR" ] || [ ! -d "$TEST_LIBS" ] || [ ! -f "$ROOT/lambda/target/test-classes/com/securecart/lambda/LambdaBench.class" ]; then
  die "build first (run it through ./securecart bench lambda, which builds lambda's jar and test classes)"
fi
RUNTIME_CP=$FUNCTION_JAR
for artifact in aws-lambda-java-runtime-interface-client aws-lambda-java-serialization utils-lite annotations; do
  jar=$(printf '%s\n' "$TEST_LIBS/$artifact"-[0-9]*.jar | head -n 1)
  [ -f "$jar" ] || die "$artifact is missing from $TEST_LIBS (rebuild)"
  RUNTIME_CP+=":$jar"
done

# The JDK's AOT cache needs JDK 25 (JEP 514's one-step training): without it the comparison is meaningless.
major=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
[ "${major%%.*}" -ge 25 ] 2>/dev/null || die "needs a JDK 25 or newer for the AOT cache (found $major)"

pg_init
DB=securecart_lambda_bench
recreate_db "$DB"
scratch_db "$DB"
[ "$KEEP_DB" = 1 ] && echo "==> Keeping the database $DB afterwards (--keep-db)"
rm -rf "$OUT/lambda-aot" "$OUT/lambda-logs"
scratch_dir "$OUT/lambda-aot"

echo "==> Lambda step handlers ($STEPS) on PostgreSQL $(pg_version), database $DB, $("$JAVA" -version 2>&1 | head -n 1), $(nproc) cores"
echo "    $COLD_STARTS cold starts without and with the AOT cache, $INVOCATIONS warm invocations after $WARMUP, the same in-process"
shown=$FUNCTION_JVM_OPTS
[ -n "${shown// /}" ] || shown="(the JVM's defaults)"
echo "    function JVM options: $shown"
echo "    function logs: $OUT/lambda-logs/; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
"$JAVA" -cp "$ROOT/lambda/target/test-classes:$ROOT/lambda/target/classes:$TEST_LIBS/*" \
  com.securecart.lambda.LambdaBench \
  --db-url "$(jdbc_url "$DB")" --function-cp "$RUNTIME_CP" --out "$OUT" \
  --cold-starts "$COLD_STARTS" --invocations "$INVOCATIONS" --warmup "$WARMUP" --training "$TRAINING" \
  --steps "$STEPS" --jvm-options "$FUNCTION_JVM_OPTS" || rc=$?
echo "    load average after: $(cut -d' ' -f1-3 /proc/loadavg); summary also in $OUT/lambda-summary.txt"
[ "$rc" = 0 ] || die "the driver reported errors (exit $rc); see above and $OUT/lambda-logs/"
