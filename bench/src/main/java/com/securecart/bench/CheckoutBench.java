package com.securecart.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load driver behind {@code ./securecart bench checkout}. Against a running SecureCart on an
 * empty PostgreSQL database it runs:
 *
 * <ol>
 *   <li>(a) many SKUs ({@link ManySkusScenario}): N closed-loop clients, each repeating create
 *       cart, add one SKU (1 to 3 units), check out, for a fixed time after a warm-up; orders/s
 *       counts checkouts answered 201 inside the measured window.
 *   <li>(b) one hot SKU ({@link HotSkuScenario}): B buyers each prepare their own cart holding the
 *       hot SKU, then all check out at once with bounded concurrency; exactly {@code stock} must
 *       get 201 and the rest 409 out-of-stock.
 *   <li>(c) cart adds ({@link CartAddsScenario}), right after (a) on its SKUs: the same clients
 *       each filling a guest cart one {@code PUT} at a time; adds/s counts the 200s in the window.
 * </ol>
 *
 * After each scenario it waits (bounded) for the order pipeline's outbox to drain and audits stock
 * against sold order lines over JDBC ({@link CheckoutAudit}). It prints a table and writes the
 * figures as properties for bench/checkout.sh ({@link CheckoutReport}).
 */
public final class CheckoutBench {
  record Settings(
      URI baseUrl,
      String jdbcUrl,
      String adminEmail,
      String adminPassword,
      int clients,
      int durationSeconds,
      int warmupSeconds,
      int skus,
      int skuStock,
      int hotBuyers,
      int hotStock,
      int hotConcurrency,
      int cartLines,
      int requestTimeoutSeconds,
      int drainTimeoutSeconds,
      long serverPid,
      Path resultsDir) {

    static Options options() {
      return Options.of("checkout bench")
          .option("--base-url", null)
          .option("--jdbc-url", null)
          .option("--clients", "32")
          .option("--duration", "30")
          .option("--warmup", "5")
          .option("--skus", "1000")
          .option("--sku-stock", "1000000")
          .option("--hot-buyers", "10000")
          .option("--hot-stock", "1000")
          .option("--hot-concurrency", "64")
          // Lines per cart in (c) before a client starts a fresh one; 0 skips (c).
          .option("--cart-lines", "20")
          .option("--request-timeout", "30")
          .option("--drain-timeout", "60")
          // The server's pid, for its CPU time per order; 0: not measured.
          .option("--server-pid", "0")
          .option("--results-dir", "bench/target");
    }

    static Settings from(Options o, Map<String, String> env) {
      String password = env.get("SECURECART_ADMIN_PASSWORD");
      if (password == null || password.isEmpty()) {
        throw new Options.UsageException(
            "set SECURECART_ADMIN_PASSWORD to the server's admin password");
      }
      return new Settings(
          o.loopback("--base-url"),
          o.string("--jdbc-url"),
          env.getOrDefault("SECURECART_ADMIN_EMAIL", "admin@securecart.local"),
          password,
          // 0 skips (a): bench/hotsku.sh runs only (b).
          o.integer("--clients", 0, 4096),
          o.integer("--duration", 1, 3600),
          o.integer("--warmup", 0, 600),
          o.integer("--skus", 1, 100_000),
          o.integer("--sku-stock", 1, 10_000_000),
          o.integer("--hot-buyers", 0, 1_000_000),
          o.integer("--hot-stock", 1, 10_000_000),
          o.integer("--hot-concurrency", 1, 4096),
          // The server refuses more than CartApi.MAX_LINES (50) distinct lines per cart.
          o.integer("--cart-lines", 0, 50),
          o.integer("--request-timeout", 1, 600),
          o.integer("--drain-timeout", 0, 3600),
          o.whole("--server-pid", 0, Long.MAX_VALUE),
          o.path("--results-dir"));
    }
  }

  private final Settings settings;
  private final ShopClient api;

  private CheckoutBench(Settings settings) {
    this.settings = settings;
    this.api =
        new ShopClient(
            settings.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(settings.requestTimeoutSeconds()));
  }

  public static void main(String[] args) throws Exception {
    Options options = Settings.options();
    Settings settings = options.orExit(() -> Settings.from(options.parse(args), System.getenv()));
    System.exit(new CheckoutBench(settings).run());
  }

  private int run() throws Exception {
    if (!api.ready()) {
      System.err.println("checkout bench: " + settings.baseUrl() + "health/ready is not 200");
      return 1;
    }
    api.loginAdmin(settings.adminEmail(), settings.adminPassword());
    List<ScenarioResult> results = new ArrayList<>();
    Optional<CartAddsScenario.Result> cartAdds = Optional.empty();
    try (StockAudit database = new StockAudit(settings.jdbcUrl())) {
      CheckoutAudit audit =
          new CheckoutAudit(
              api, database, settings.drainTimeoutSeconds(), settings.requestTimeoutSeconds());
      if (settings.clients() > 0) {
        ManySkusScenario many = new ManySkusScenario(settings, api, audit);
        results.add(many.run());
        if (settings.cartLines() > 0) {
          cartAdds =
              Optional.of(new CartAddsScenario(settings, api, database, many.productIds()).run());
        }
      }
      if (settings.hotBuyers() > 0) {
        results.add(new HotSkuScenario(settings, api, audit).run());
      }
    }
    // bench/checkout.sh prints the table in its summary, next to pgbench's figure.
    CheckoutReport.write(settings.resultsDir(), results, cartAdds);
    return 0;
  }
}
