package com.securecart.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The summary line of bench/checkout.sh that compares (c)'s cart adds/s with the bare inserts/s of
 * the same run (issue 18's goal: at least 0.80). Reads checkout-results.properties and
 * bare-results.properties from {@code --results-dir}; prints nothing when either figure is missing
 * ((c) or the bare insert skipped).
 */
public final class CheckoutRatios {
  /** Issue 18: a cart add should cost little more than the stack's bare durable insert. */
  static final double CART_ADDS_GOAL = 0.80;

  private CheckoutRatios() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.of("checkout ratios").option("--results-dir", "bench/target");
    Path dir = options.orExit(() -> options.parse(args).path("--results-dir"));
    String adds = read(dir.resolve("checkout-results.properties")).getProperty("c.adds_per_s");
    String bare = read(dir.resolve("bare-results.properties")).getProperty("bare.inserts_per_s");
    if (adds != null && bare != null) {
      System.out.println(cartAddsLine(Double.parseDouble(adds), Double.parseDouble(bare)));
    }
  }

  /** The ratio line; a bare rate of 0 (the baseline failed) gives ratio 0, "not met". */
  static String cartAddsLine(double addsPerSecond, double bareInsertsPerSecond) {
    double ratio = bareInsertsPerSecond > 0 ? addsPerSecond / bareInsertsPerSecond : 0;
    return String.format(
        Locale.ROOT,
        "cart adds/bare-insert ratio (c): %.3f   (goal >= %.2f: %s)   (%.1f adds/s over %.1f bare"
            + " inserts/s)",
        ratio,
        CART_ADDS_GOAL,
        ratio >= CART_ADDS_GOAL ? "met" : "not met",
        addsPerSecond,
        bareInsertsPerSecond);
  }

  private static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      }
    }
    return properties;
  }
}
