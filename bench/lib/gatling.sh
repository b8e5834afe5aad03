# shellcheck shell=bash
# Sourced by bench/load.sh and bench/elastic.sh: runs one Gatling simulation of module load/ and reads its
# console summary. Needs ROOT, OUT and BASE_URL set; DRIVER_PREFIX (e.g. (taskset -c 0), see pin_apart) pins
# Maven and the Gatling JVM it runs.

# gatling SIMULATION [-Dprop=value ...]: prints the run's figures and assertions; returns Gatling's exit status.
# Afterwards G_OK, G_KO (requests), G_RPS, G_OK_RPS (throughput, all and successful), G_P50, G_P99 (all),
# G_OK_P99 (successful only), G_SHED (503 answers) and G_TIMEOUTS describe the run.
gatling() {
  local sim=$1 rc=0 log report
  shift
  log="$OUT/load-$sim.log"
  echo "==> Gatling: $sim $*"
  ${DRIVER_PREFIX[@]+"${DRIVER_PREFIX[@]}"} "$ROOT/mvnw" -B -q -f "$ROOT/load/pom.xml" gatling:test -Dspotless.check.skip=true \
    -Dgatling.simulationClass="com.securecart.load.$sim" -DbaseUrl="$BASE_URL" "$@" >"$log" 2>&1 || rc=$?
  # Gatling's "Global Information" table: Total | OK | KO columns.
  eval "$(awk -F'|' '
    function num(s) { gsub(/[ ,]/, "", s); return s == "-" ? 0 : s }
    /^> request count/ { printf "G_OK=%s G_KO=%s\n", num($3), num($4) }
    /^> response time 50th percentile/ { printf "G_P50=%s\n", num($2) }
    /^> response time 99th percentile/ { printf "G_P99=%s G_OK_P99=%s\n", num($2), num($3) }
    /^> mean throughput/ { printf "G_RPS=%s G_OK_RPS=%s\n", num($2), num($3) }
  ' "$log")"
  # The errors of the final summary only (Gatling also prints them with each progress report).
  errors() { sed -n '/^---- Global Information/,$p' "$log" | sed -n '/^---- Errors/,/^=====/p'; }
  G_SHED=$(errors | awk '/^> .*found 503/ { gsub(/,/, "", $0); for (i = NF; i > 0; i--) if ($i ~ /^[0-9]+$/) { s += $i; break } }
    END { print s + 0 }')
  G_TIMEOUTS=$(errors | awk '/^> .*(Timeout|timed out)/ { gsub(/,/, "", $0); for (i = NF; i > 0; i--) if ($i ~ /^[0-9]+$/) { s += $i; break } }
    END { print s + 0 }')
  echo "    requests ok ${G_OK:-?}, ko ${G_KO:-?} (503 shed ${G_SHED}, timeouts ${G_TIMEOUTS});" \
    "${G_RPS:-?}/s (ok ${G_OK_RPS:-?}/s); p50 ${G_P50:-?} ms, p99 ${G_P99:-?} ms (ok only ${G_OK_P99:-?} ms)"
  errors | grep '^>' | sed 's/^> /    error: /' | head -n 8 || true
  report=$(grep -o 'file://[^ ]*index.html' "$log" | tail -n 1 || true)
  [ -n "$report" ] && echo "    report: ${report#"file://$ROOT/"}"
  grep -E ": (true|false) \(actual" "$log" | sed 's/^/    assertion: /' || true
  [ "$rc" = 0 ] && echo "    PASSED" || echo "    FAILED (see ${log#"$ROOT/"})"
  return "$rc"
}
