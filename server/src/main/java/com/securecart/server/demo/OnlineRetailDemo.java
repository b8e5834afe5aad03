package com.securecart.server.demo;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.identity.IdentityApi;
import com.securecart.identity.Registration;
import com.securecart.orders.Address;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.persistence.JdbiOrderImport;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Ids;
import com.securecart.shared.Money;
import com.securecart.shared.Transactions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills an empty database with the UCI Online Retail data: its catalog, its customers and a year of
 * their orders, moved forward by whole weeks so that the last of them fall in the past week; then
 * computes the nightly figures of every day from the first order to the last. The orders go
 * straight into the tables, past the pipeline: no e-mail, payment or stock movement for sales
 * settled long ago. A database that holds the data already, or another catalog, is left as it is.
 */
final class OnlineRetailDemo {
  private static final System.Logger LOG = System.getLogger(OnlineRetailDemo.class.getName());

  /** Order numbers: the invoice's own behind this prefix (OR-536365, OR-C536379). */
  static final String ORDER_PREFIX = "OR-";

  static final String EMAIL_DOMAIN = "online-retail.example";

  /** Days of kept figures read at once: the analytics context serves at most a year per read. */
  private static final int ANALYTICS_WINDOW = 366;

  /** What a start found and did. */
  enum Outcome {
    LOADED,
    ALREADY_LOADED,
    OTHER_CATALOG
  }

  private final CatalogApi catalog;
  private final IdentityApi identity;
  private final AnalyticsApi analytics;
  private final JdbiOrderImport store;
  private final Transactions transactions;
  private final Clock clock;
  private final PrintStream console;

  OnlineRetailDemo(
      CatalogApi catalog,
      IdentityApi identity,
      AnalyticsApi analytics,
      JdbiOrderImport store,
      Transactions transactions,
      Clock clock,
      PrintStream console) {
    this.catalog = catalog;
    this.identity = identity;
    this.analytics = analytics;
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
    this.console = console;
  }

  static String customerEmail(long customerId) {
    return "customer-" + customerId + "@" + EMAIL_DOMAIN;
  }

  /**
   * Loads the data unless the database holds it or another catalog already, then computes the
   * nightly figures its days lack. {@code configured} is the file named by SECURECART_ONLINE_RETAIL
   * (null: look in the usual places, see {@link OnlineRetailCsv#locate}).
   */
  Outcome seed(Path configured, Path dataDir) {
    long started = System.nanoTime();
    Outcome outcome = load(configured, dataDir);
    if (outcome == Outcome.OTHER_CATALOG) {
      return outcome;
    }
    int days = completeAnalytics();
    if (days > 0) {
      console.println(
          String.format(
              Locale.ROOT,
              "Online Retail: nightly figures computed for %d day%s; %.1f s in all",
              days,
              days == 1 ? "" : "s",
              (System.nanoTime() - started) / 1e9));
    }
    return outcome;
  }

  /** The first half of {@link #seed}: the catalog, customers and orders, without the figures. */
  Outcome load(Path configured, Path dataDir) {
    if (store.countOrdersNumbered(ORDER_PREFIX) > 0) {
      LOG.log(System.Logger.Level.INFO, "online retail demo data already loaded");
      return Outcome.ALREADY_LOADED;
    }
    long products = catalog.count();
    if (products > 0) {
      String message =
          "--demo-data online-retail: the database already holds another catalog ("
              + products
              + " products); left as it is. Start on an empty database to load the Online Retail"
              + " data.";
      LOG.log(System.Logger.Level.WARNING, message);
      console.println(message);
      return Outcome.OTHER_CATALOG;
    }
    Path file = OnlineRetailCsv.locate(configured, dataDir);
    return load(file);
  }

  private Outcome load(Path file) {
    long started = System.nanoTime();
    LOG.log(System.Logger.Level.INFO, "loading the online retail demo data from {0}", file);
    RetailHistory history = new RetailHistory();
    OnlineRetailCsv.read(file, history::add);
    List<RetailHistory.Invoice> invoices = history.invoices();
    if (invoices.isEmpty()) {
      throw new IllegalStateException("--demo-data online-retail: " + file + " holds no sales");
    }
    long parsed = System.nanoTime();
    Instant newest =
        invoices.stream()
            .map(RetailHistory.Invoice::placedAt)
            .max(Instant::compareTo)
            .orElseThrow();
    Duration shift = RetailHistory.shift(newest, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    Optional<Long> richest = RetailHistory.richestCustomer(invoices);
    String password = Ids.randomToken(18);
    Map<ProductDetails, Integer> products = history.products();
    long lines;
    try {
      lines = write(history, invoices, products, shift, richest, password);
    } catch (RuntimeException e) {
      if (store.countOrdersNumbered(ORDER_PREFIX) > 0) {
        LOG.log(System.Logger.Level.INFO, "another instance loaded the online retail demo data");
        return Outcome.ALREADY_LOADED;
      }
      throw e;
    }
    long written = System.nanoTime();
    String summary =
        summary(
            history, invoices, products, lines, shift, newest, parsed - started, written - parsed);
    LOG.log(System.Logger.Level.INFO, summary);
    console.println(summary);
    richest.ifPresent(
        id ->
            // Shown once, on the console only, like the first admin's: never logged.
            console.println(
                "Demo customer with the richest history: "
                    + customerEmail(id)
                    + " / "
                    + password
                    + "  (signed in, the shop recommends for him)"));
    return Outcome.LOADED;
  }

  /** Writes the products, the accounts and the orders; the number of order lines written. */
  private long write(
      RetailHistory history,
      List<RetailHistory.Invoice> invoices,
      Map<ProductDetails, Integer> products,
      Duration shift,
      Optional<Long> richest,
      String password) {
    long[] lines = {0};
    // All or nothing: a crash part of the way leaves an empty database, loaded again next time.
    transactions.run(
        () -> {
          catalog.importProducts(products);
          Map<String, Product> bySku = new HashMap<>();
          catalog
              .findBySkus(products.keySet().stream().map(ProductDetails::sku).toList())
              .forEach(p -> bySku.put(p.sku(), p));
          Map<Long, CustomerId> accounts = accounts(history.customers(), shift, richest, password);
          lines[0] = store.insertOrders(orders(invoices, shift, bySku, accounts));
        });
    return lines[0];
  }

  private static String summary(
      RetailHistory history,
      List<RetailHistory.Invoice> invoices,
      Map<ProductDetails, Integer> products,
      long lines,
      Duration shift,
      Instant newest,
      long readNanos,
      long writeNanos) {
    return String.format(
        Locale.ROOT,
        "Online Retail demo data (%s): %,d lines read, %,d products, %,d customers, %,d orders"
            + " with %,d lines; dates moved forward %d weeks (the last order day is %s);"
            + " %.1f s to read, %.1f s to write",
        RetailHistory.CREDIT,
        history.rows(),
        products.size(),
        history.customers().size(),
        invoices.size(),
        lines,
        shift.toDays() / 7,
        LocalDate.ofInstant(newest.plus(shift), ZoneOffset.UTC),
        readNanos / 1e9,
        writeNanos / 1e9);
  }

  /**
   * One account per customer id, opened when he first bought; none has a password but the richest
   * customer's, so that somebody can sign in as him.
   */
  private Map<Long, CustomerId> accounts(
      List<RetailHistory.Customer> customers,
      Duration shift,
      Optional<Long> richest,
      String password) {
    Map<Long, CustomerId> ids = new HashMap<>();
    richest.ifPresent(
        id ->
            ids.put(
                id,
                // Made up addresses: verified without a mail, so that the demo mails nobody.
                identity
                    .registerVerified(
                        new Registration(customerEmail(id), password, "Customer " + id))
                    .orElseThrow(
                        () -> new IllegalStateException("the demo's customer exists already"))));
    List<JdbiOrderImport.HistoricAccount> others = new ArrayList<>();
    for (RetailHistory.Customer c : customers) {
      if (!ids.containsKey(c.id())) {
        others.add(
            new JdbiOrderImport.HistoricAccount(
                customerEmail(c.id()), "Customer " + c.id(), c.firstSeenAt().plus(shift)));
      }
    }
    Map<String, CustomerId> byEmail = store.insertAccounts(others);
    for (RetailHistory.Customer c : customers) {
      ids.computeIfAbsent(c.id(), id -> byEmail.get(customerEmail(id)));
    }
    return ids;
  }

  private static List<JdbiOrderImport.HistoricOrder> orders(
      List<RetailHistory.Invoice> invoices,
      Duration shift,
      Map<String, Product> bySku,
      Map<Long, CustomerId> accounts) {
    List<JdbiOrderImport.HistoricOrder> out = new ArrayList<>(invoices.size());
    for (RetailHistory.Invoice invoice : invoices) {
      List<OrderLine> lines = new ArrayList<>(invoice.lines().size());
      for (RetailHistory.Line line : invoice.lines()) {
        Product product = bySku.get(line.sku());
        lines.add(
            new OrderLine(
                product.id(),
                line.sku(),
                product.name(),
                new Money(line.unitPence(), RetailHistory.GBP),
                line.quantity(),
                new Money(line.totalPence(), RetailHistory.GBP)));
      }
      Long customerId = invoice.customerId();
      String country = invoice.country().isBlank() ? "Unspecified" : invoice.country();
      out.add(
          new JdbiOrderImport.HistoricOrder(
              ORDER_PREFIX + invoice.number(),
              customerId == null ? null : accounts.get(customerId),
              customerId == null
                  ? "guest-" + invoice.number().toLowerCase(Locale.ROOT) + "@" + EMAIL_DOMAIN
                  : customerEmail(customerId),
              // The data has a country and nothing else of an address.
              new Address(
                  customerId == null ? "Guest" : "Customer " + customerId,
                  "Not in the source data",
                  null,
                  country,
                  "UNKNOWN",
                  RetailCatalogRules.countryCode(country)),
              lines,
              OrderTotals.of(
                  new Money(invoice.subtotalPence(), RetailHistory.GBP),
                  Money.zero(RetailHistory.GBP),
                  new Money(invoice.shippingPence(), RetailHistory.GBP)),
              invoice.cancellation() ? OrderStatus.CANCELLED : OrderStatus.CONFIRMED,
              invoice.cancellation()
                  ? "Cancellation invoice " + invoice.number() + " in the source data"
                  : null,
              invoice.placedAt().plus(shift)));
    }
    return out;
  }

  /**
   * Computes the nightly figures of every day from the first order to the last that has none kept
   * (all of them after a load; after a crash, those it did not reach), a few days at a time;
   * returns how many it computed.
   */
  int completeAnalytics() {
    Optional<JdbiOrderImport.Span> span = store.orderSpan(ORDER_PREFIX);
    if (span.isEmpty()) {
      return 0;
    }
    LocalDate last = span.get().last();
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate from = span.get().first();
        !from.isAfter(last);
        from = from.plusDays(ANALYTICS_WINDOW)) {
      LocalDate to = from.plusDays(ANALYTICS_WINDOW - 1);
      Set<LocalDate> kept = new HashSet<>();
      analytics.reports(from, to).forEach(r -> kept.add(r.day()));
      // Every day of the span, those without orders too (a Saturday, a holiday): a chart then
      // shows a zero rather than skipping the day.
      for (LocalDate day = from; !day.isAfter(to) && !day.isAfter(last); day = day.plusDays(1)) {
        if (!kept.contains(day)) {
          missing.add(day);
        }
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    long started = System.nanoTime();
    // Each day is its own transaction over its own rows: days run side by side, one per core.
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    int computed = 0;
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("demo-analytics-", 1).factory())) {
      List<Future<Boolean>> computing = new ArrayList<>();
      for (LocalDate day : missing) {
        computing.add(pool.submit(() -> computeDay(day)));
      }
      for (Future<Boolean> day : computing) {
        computed += day.get() ? 1 : 0;
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing the demo's nightly figures", e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "online retail: nightly figures for {0} of {1} days ({2} to {3}) in {4} ms",
        computed,
        missing.size(),
        missing.getFirst(),
        missing.getLast(),
        (System.nanoTime() - started) / 1_000_000);
    return computed;
  }

  /**
   * One day's figures. A failure leaves the day as it was and the shop serving: the figures are
   * derived data, and another instance starting at the same moment may be writing the same day.
   */
  private boolean computeDay(LocalDate day) {
    try {
      analytics.computeDay(day);
      return true;
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "online retail: the nightly figures of {0} failed ({1}); the next start computes them",
          day,
          e.getClass().getSimpleName());
      return false;
    }
  }
}
