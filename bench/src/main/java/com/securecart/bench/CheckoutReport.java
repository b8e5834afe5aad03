package com.securecart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checkout benchmark's output: each scenario's lines as it ends, then the table and the
 * properties that bench/checkout.sh prints in its summary and bench/hotsku.sh compares. The table's
 * format is copied into bench/results/: keep it.
 */
final class CheckoutReport {
  static final String TABLE_HEADER =
      String.format(
          Locale.ROOT,
          "%-34s %9s %8s %8s %8s %9s",
          "scenario",
          "orders/s",
          "p50 ms",
          "p99 ms",
          "errors",
          "oversold");

  private CheckoutReport() {}

  static String row(ScenarioResult r) {
    return String.format(
        Locale.ROOT,
        "%-34s %9.1f %8.1f %8.1f %8d %9d",
        r.label(),
        r.ordersPerSecond(),
        r.p50Millis(),
        r.p99Millis(),
        r.errors(),
        r.oversold());
  }

  /** The scenario's label and the lines that explain its figures. */
  static void print(ScenarioResult result) {
    System.out.println("    " + result.label());
    result.details().forEach(line -> System.out.println("      " + line));
  }

  /**
   * Writes checkout-results.properties and checkout-table.txt into {@code dir}. (c) counts adds,
   * not orders, so it has no row in the table: its lines follow the table's.
   */
  static void write(
      Path dir, List<ScenarioResult> results, Optional<CartAddsScenario.Result> cartAdds)
      throws IOException {
    Files.createDirectories(dir);
    StringBuilder props = new StringBuilder();
    StringBuilder table = new StringBuilder(TABLE_HEADER).append('\n');
    boolean ok = true;
    for (ScenarioResult r : results) {
      props.append(
          String.format(
              Locale.ROOT,
              "%1$s.orders_per_s=%2$.1f%n%1$s.p50_ms=%3$.1f%n%1$s.p99_ms=%4$.1f%n%1$s.errors=%5$d%n"
                  + "%1$s.oversold=%6$d%n%1$s.as_expected=%7$b%n",
              r.key(),
              r.ordersPerSecond(),
              r.p50Millis(),
              r.p99Millis(),
              r.errors(),
              r.oversold(),
              r.asExpected()));
      props.append(r.properties());
      table.append(row(r)).append('\n');
      ok &= r.oversold() == 0;
    }
    for (ScenarioResult r : results) {
      r.summary().forEach(line -> table.append(line).append('\n'));
    }
    cartAdds.ifPresent(
        c -> {
          props.append(c.properties());
          c.summary().forEach(line -> table.append(line).append('\n'));
        });
    props.append("verdict=").append(ok ? "ok" : "oversold").append('\n');
    Files.writeString(dir.resolve("checkout-results.properties"), props);
    Files.writeString(dir.resolve("checkout-table.txt"), table);
  }
}
