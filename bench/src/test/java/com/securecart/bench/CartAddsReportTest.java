package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario (c)'s option, its summary lines and where they land in the checkout report. */
class CartAddsReportTest {
  private static CheckoutBench.Settings settings(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--base-url";
    all[1] = "http://127.0.0.1:8080/";
    all[2] = "--jdbc-url";
    all[3] = "jdbc:postgresql://127.0.0.1/x";
    System.arraycopy(args, 0, all, 4, args.length);
    return CheckoutBench.Settings.from(
        CheckoutBench.Settings.options().parse(all), Map.of("SECURECART_ADMIN_PASSWORD", "pw"));
  }

  @Test
  void cartLinesDefaultTo20AndStayWithinTheServersCapOf50() {
    assertThat(settings().cartLines()).isEqualTo(20);
    assertThat(settings("--cart-lines", "0").cartLines()).isZero();
    assertThatThrownBy(() -> settings("--cart-lines", "51"))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--cart-lines must be 0 to 50, got 51");
  }

  private static Latencies millis(long... values) {
    Latencies l = new Latencies();
    for (long ms : values) {
      l.record(ms * 1_000_000);
    }
    return Latencies.merge(List.of(l));
  }

  @Test
  void summaryGivesTheRateLatencyAndCostPerAddWithTheCartsIncluded() {
    // 300 adds in the window: 600 ms of server CPU, 300 commits, 300 rows.
    WindowCost cost = new WindowCost(300, 600, 150, 300, -1, 300);

    List<String> lines =
        CartAddsScenario.summary(
            "(c) cart adds, 4 clients", 10.0, 30, millis(1, 2, 3, 4), 0, 420, 15, cost);

    assertThat(lines.get(0))
        .startsWith("(c) cart adds, 4 clients: 10.0 adds/s in the 30 s window, p50 2.0 ms")
        .contains("p99 4.0 ms, errors 0")
        .contains("420 adds in all");
    assertThat(lines.get(1))
        .startsWith("(c) per add (300 in the window): server CPU 2.00 ms, PostgreSQL CPU 0.50 ms")
        .contains("1.00 transactions")
        .endsWith("the window's 15 fresh carts (POST /api/carts) are included");
  }

  @Test
  void summaryWithoutSamplesSaysSo() {
    List<String> lines =
        CartAddsScenario.summary("(c) cart adds, 1 clients", 0, 5, millis(), 3, 0, 0, null);

    assertThat(lines.get(0)).contains("errors 3");
    assertThat(lines.get(1)).startsWith("(c) per add: not sampled");
  }

  @Test
  void reportKeepsCartAddsOutOfTheOrdersTableButWritesTheirFigures(@TempDir Path dir)
      throws Exception {
    CartAddsScenario.Result c =
        new CartAddsScenario.Result(
            123.4, 1.5, 9.0, 0, List.of("(c) summary line"), "c.adds_per_s=123.4\n");

    CheckoutReport.write(dir, List.of(), Optional.of(c));

    String table = Files.readString(dir.resolve("checkout-table.txt"));
    assertThat(table).startsWith(CheckoutReport.TABLE_HEADER + "\n(c) summary line\n");
    assertThat(Files.readString(dir.resolve("checkout-results.properties")))
        .contains("c.adds_per_s=123.4\n")
        .contains("verdict=ok");
  }
}
