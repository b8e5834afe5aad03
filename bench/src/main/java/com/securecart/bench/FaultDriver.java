package com.securecart.bench;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault test: buyers check out through the load balancer while a fault command runs (kill -9 of
 * an instance, a PostgreSQL restart). Every buyer behaves as a careful client should: on a
 * transport error, a 5xx or a 409 "in progress" it retries the same checkout with the same
 * Idempotency-Key until it gets an answer or its deadline passes. Afterwards the database is
 * audited: every acknowledged order must exist (lost = 0), no buyer may have two orders (duplicates
 * = 0), and no confirmation may have been mailed twice (duplicate e-mails = 0). It also prints what
 * an acknowledged order cost over the run, from the first buyer to the drained outbox ({@link
 * WindowCost}): information only, never part of the verdict.
 *
 * <p>Usage: {@code FaultDriver --base-url URL --jdbc-url URL --buyers N --concurrency C
 * --fault-after-ms T --fault-command "kill -9 1234" [--server-pids P,Q,R] [--admin-email E
 * --admin-password P]}
 */
public final class FaultDriver {
  private static final Duration BUYER_DEADLINE = Duration.ofSeconds(60);
  private static final long CPU_READ_MS = 200;

  record Settings(
      URI baseUrl,
      String jdbcUrl,
      int buyers,
      int concurrency,
      long faultAfterMs,
      String faultCommand,
      long[] serverPids,
      String adminEmail,
      String adminPassword) {}

  /** What one buyer saw. */
  record Outcome(String email, String orderId, int attempts, long firstFailureAt, long doneAt) {}

  private final Settings options;
  private final ShopClient shop;
  private final long started = System.nanoTime();
  private final AtomicLong faultAt = new AtomicLong(-1);
  private final AtomicLong lastFailureAt = new AtomicLong(-1);

  /**
   * Checkouts answered 503 pipeline-behind (backpressure, ADR 11): told when to come back, they
   * wait that long and send the same key again. Not failures: counted and dated apart.
   */
  private final AtomicInteger deferred = new AtomicInteger();

  private final AtomicLong lastDeferralAt = new AtomicLong(-1);
  private final AtomicLong firstSuccessAfterFault = new AtomicLong(-1);
  private final AtomicInteger transportErrors = new AtomicInteger();
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final CpuMeter serverCpu;
  private WindowCost.Snapshot before;
  private java.time.Instant postgresStartedBefore;

  private FaultDriver(Settings options) {
    this.options = options;
    this.shop = new ShopClient(options.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10));
    this.serverCpu = new CpuMeter(options.serverPids(), null);
  }

  public static void main(String[] args) throws Exception {
    Options o =
        Options.of("faults")
            .option("--base-url", null)
            .option("--jdbc-url", null)
            .option("--buyers", "400")
            .option("--concurrency", "16")
            .option("--fault-after-ms", "3000")
            .option("--fault-command", null)
            // The fleet's instances, for their CPU time per order; none: not measured.
            .option("--server-pids", null)
            // Default: SECURECART_ADMIN_EMAIL and SECURECART_ADMIN_PASSWORD (kept out of the usage
            // line).
            .option("--admin-email", null)
            .option("--admin-password", null);
    Settings settings =
        o.orExit(
            () -> {
              o.parse(args);
              return new Settings(
                  o.loopback("--base-url"),
                  o.string("--jdbc-url"),
                  o.integer("--buyers", 1, 1_000_000),
                  o.integer("--concurrency", 1, 4096),
                  o.whole("--fault-after-ms", 0, 3_600_000),
                  o.string("--fault-command"),
                  o.optional("--server-pids").isPresent()
                      ? o.wholes("--server-pids", 1, Long.MAX_VALUE).stream()
                          .mapToLong(Long::longValue)
                          .toArray()
                      : new long[0],
                  fromEnv(o, "--admin-email", "SECURECART_ADMIN_EMAIL"),
                  fromEnv(o, "--admin-password", "SECURECART_ADMIN_PASSWORD"));
            });
    System.exit(new FaultDriver(settings).run() ? 0 : 3);
  }

  private static String fromEnv(Options o, String option, String variable) {
    return o.optional(option)
        .or(() -> java.util.Optional.ofNullable(System.getenv(variable)))
        .orElseThrow(() -> new Options.UsageException(option + " or " + variable + " is required"));
  }

  private boolean run() throws Exception {
    loginAdmin();
    String sku = "FAULT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    long productId = shop.createProduct(sku, 1_999, options.buyers() * 2);
    String run = Long.toString(System.currentTimeMillis(), 36);
    // A connection of its own: a PostgreSQL restart would break one held through the run.
    try (StockAudit database = new StockAudit(options.jdbcUrl())) {
      before = snapshot(database);
      postgresStartedBefore = database.postmasterStart();
    }

    List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread fault = Thread.ofPlatform().start(this::fault);
    Thread cpu = Thread.ofVirtual().name("cpu-reader").start(this::readServerCpu);
    try (ExecutorService pool = Executors.newFixedThreadPool(options.concurrency())) {
      for (int b = 0; b < options.buyers(); b++) {
        String email = "fault-" + run + "-" + b + "@example.com";
        pool.submit(() -> outcomes.add(buy(productId, email)));
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
    }
    fault.join();
    cpu.interrupt();
    cpu.join();
    return report(outcomes, productId);
  }

  /**
   * Signs the admin in. The second fault test of a run may start within the 30 s TOTP step whose
   * code the first one used, and the server refuses a used step as a replay: then it waits for the
   * next step and tries once more.
   */
  private void loginAdmin() throws IOException, InterruptedException {
    try {
      shop.loginAdmin(options.adminEmail(), options.adminPassword());
    } catch (IOException e) {
      long step = 30_000;
      long wait = step - System.currentTimeMillis() % step + 500;
      System.out.printf(
          Locale.ROOT,
          "    admin sign-in refused (%s); again in %.1f s%n",
          e.getMessage(),
          wait / 1e3);
      Thread.sleep(wait);
      shop.loginAdmin(options.adminEmail(), options.adminPassword());
    }
  }

  private void fault() {
    try {
      Thread.sleep(options.faultAfterMs());
      faultAt.set(elapsedMs());
      Process process = new ProcessBuilder("sh", "-c", options.faultCommand()).inheritIO().start();
      int exit = process.waitFor();
      System.out.printf(
          Locale.ROOT,
          "    fault at +%.1f s: `%s` (exit %d)%n",
          faultAt.get() / 1000.0,
          options.faultCommand(),
          exit);
    } catch (IOException e) {
      System.out.println("    fault command failed to start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One buyer: a cart, one item, and a checkout retried with the same key until answered. */
  private Outcome buy(long productId, String email) {
    String key = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + BUYER_DEADLINE.toNanos();
    int attempts = 0;
    long firstFailure = -1;
    String cartId = null;
    while (System.nanoTime() < deadline) {
      attempts++;
      try {
        if (cartId == null) {
          ShopClient.Reply cart = shop.createCart();
          count(cart.status());
          if (cart.status() != 201) {
            firstFailure = failed(firstFailure);
            continue;
          }
          cartId = cart.body().path("id").asText();
        }
        ShopClient.Reply item = shop.setQuantity(cartId, productId, 1);
        count(item.status());
        if (item.status() != 200 && item.status() != 409) {
          firstFailure = failed(firstFailure);
          continue;
        }
        ShopClient.Reply checkout = shop.checkout(cartId, email, key);
        count(checkout.status());
        if (checkout.status() == 201) {
          succeeded();
          return new Outcome(
              email, checkout.body().path("orderId").asText(), attempts, firstFailure, elapsedMs());
        }
        if (checkout.isPipelineBehind()) {
          deferred.incrementAndGet();
          lastDeferralAt.accumulateAndGet(elapsedMs(), Math::max);
          Thread.sleep(1000L * Math.max(1, checkout.retryAfterSeconds()));
          continue;
        }
        if (checkout.status() < 500 && checkout.status() != 409) {
          // A client error is final: this buyer gives up, and nothing was acknowledged.
          return new Outcome(email, null, attempts, firstFailure, elapsedMs());
        }
        firstFailure = failed(firstFailure);
      } catch (IOException e) {
        transportErrors.incrementAndGet();
        firstFailure = failed(firstFailure);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause(attempts);
    }
    return new Outcome(email, null, attempts, firstFailure, elapsedMs());
  }

  /**
   * Reads the instances' CPU time every 200 ms until interrupted, so that a killed instance counts
   * with its CPU time of at most 200 ms before the kill.
   */
  private void readServerCpu() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        serverCpu.engineNanos();
        Thread.sleep(CPU_READ_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void count(int status) {
    statuses.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
  }

  private long failed(long firstFailure) {
    long now = elapsedMs();
    lastFailureAt.accumulateAndGet(now, Math::max);
    return firstFailure < 0 ? now : firstFailure;
  }

  private void succeeded() {
    long now = elapsedMs();
    if (faultAt.get() >= 0 && now > faultAt.get()) {
      firstSuccessAfterFault.compareAndSet(-1, now);
    }
  }

  /**
   * Milliseconds from the fault to {@code at}; 0 when there was no fault or {@code at} preceded it.
   */
  private long sinceFault(long at) {
    return faultAt.get() < 0 || at < faultAt.get() ? 0 : at - faultAt.get();
  }

  private static void pause(int attempts) {
    try {
      Thread.sleep(Math.min(1_000, 50L << Math.min(attempts, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long elapsedMs() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private boolean report(List<Outcome> outcomes, long productId)
      throws SQLException, InterruptedException {
    List<Outcome> acknowledged = outcomes.stream().filter(o -> o.orderId() != null).toList();
    int retried = (int) outcomes.stream().filter(o -> o.attempts() > 1).count();
    long lost;
    long duplicateOrders;
    long duplicateEmails;
    long unanswered = outcomes.size() - acknowledged.size();
    String perOrder;
    try (Connection db = DriverManager.getConnection(options.jdbcUrl());
        StockAudit audit = new StockAudit(options.jdbcUrl())) {
      long drainStart = System.nanoTime();
      long pending = audit.awaitOutboxDrained(120_000);
      System.out.printf(
          Locale.ROOT,
          "    outbox after the load: %d events pending after %.1f s%n",
          pending,
          (System.nanoTime() - drainStart) / 1e9);
      perOrder = perOrder(audit, acknowledged.size());
      Set<String> stored = ConcurrentHashMap.newKeySet();
      Map<String, Integer> ordersByEmail = new HashMap<>();
      try (PreparedStatement st =
          db.prepareStatement(
              "SELECT o.id, o.email FROM orders o JOIN order_lines l ON l.order_id = o.id"
                  + " WHERE l.product_id = ?")) {
        st.setLong(1, productId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            stored.add(Long.toString(rs.getLong(1)));
            ordersByEmail.merge(rs.getString(2), 1, Integer::sum);
          }
        }
      }
      lost = acknowledged.stream().filter(o -> !stored.contains(o.orderId())).count();
      duplicateOrders = ordersByEmail.values().stream().filter(n -> n > 1).count();
      try (PreparedStatement st =
          db.prepareStatement(
              "SELECT count(*) - count(DISTINCT message_id) FROM mailbox WHERE recipient LIKE ?")) {
        st.setString(1, acknowledged.isEmpty() ? "none" : emailPrefix(acknowledged) + "%");
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          duplicateEmails = rs.getLong(1);
        }
      }
    }
    long recoveryMs = sinceFault(lastFailureAt.get());
    long lastDeferralMs = sinceFault(lastDeferralAt.get());
    System.out.printf(
        Locale.ROOT,
        "    buyers %d: acknowledged %d, unanswered %d, retried %d; transport errors %d;"
            + " statuses %s%n",
        outcomes.size(),
        acknowledged.size(),
        unanswered,
        retried,
        transportErrors.get(),
        new java.util.TreeMap<>(statuses));
    System.out.printf(
        Locale.ROOT,
        "    acknowledged %d, lost %d (goal 0), duplicate orders %d (goal 0), duplicate e-mails %d"
            + " (goal 0), recovery %.1f s (last failed attempt after the fault)%n",
        acknowledged.size(),
        lost,
        duplicateOrders,
        duplicateEmails,
        recoveryMs / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "    checkouts deferred by backpressure (503 pipeline-behind, sent again after Retry-After):"
            + " %d, the last %.1f s after the fault%n",
        deferred.get(),
        lastDeferralMs / 1000.0);
    System.out.println("    " + perOrder);
    return lost == 0 && duplicateOrders == 0 && duplicateEmails == 0 && unanswered == 0;
  }

  private WindowCost.Snapshot snapshot(StockAudit database) throws SQLException {
    return WindowCost.Snapshot.take(database, serverCpu, new CpuMeter(0, database.databaseName()));
  }

  /**
   * The run's cost per acknowledged order (other databases' work excluded, the order pipeline and
   * every retry included); "n/a" where a fault took the counter with it.
   */
  private String perOrder(StockAudit database, long acknowledged) {
    try {
      WindowCost cost = WindowCost.between(before, snapshot(database), acknowledged);
      boolean restarted = !database.postmasterStart().equals(postgresStartedBefore);
      if (restarted) {
        cost = cost.withoutPostgresCpu();
      }
      String serverNote = "";
      if (options.serverPids().length == 0) {
        serverNote = "; server CPU not measured (no --server-pids)";
      } else if (serverCpu.gone() > 0) {
        serverNote =
            "; server CPU: the killed instance's counted until "
                + CPU_READ_MS
                + " ms or less before the kill";
      }
      return "over the run, "
          + cost.describe("acknowledged order")
          + serverNote
          + (restarted ? "; PostgreSQL CPU n/a: it restarted during the run" : "");
    } catch (SQLException | IllegalArgumentException e) {
      return "per acknowledged order: not measured (" + Errors.describe(e) + ")";
    }
  }

  private static String emailPrefix(List<Outcome> acknowledged) {
    String email = acknowledged.get(0).email();
    return email.substring(0, email.lastIndexOf('-') + 1);
  }
}
