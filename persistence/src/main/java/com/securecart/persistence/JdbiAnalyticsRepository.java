package com.securecart.persistence;

import com.securecart.analytics.AnalyticsRepository;
import com.securecart.analytics.Breakdown;
import com.securecart.analytics.CustomerValue;
import com.securecart.analytics.DailyReport;
import com.securecart.analytics.DayTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The nightly figures in SQL: sums over the orders of a day, and the kept reports. */
public final class JdbiAnalyticsRepository implements AnalyticsRepository {
  private static final String PAID_ON_DAY =
      " FROM orders o JOIN order_lines l ON l.order_id = o.id"
          + " WHERE o.status = 'CONFIRMED' AND o.created_at >= :start AND o.created_at < :end";

  private final JdbiTransactions reads;
  private final JdbiTransactions db;
  private final Clock clock;

  public JdbiAnalyticsRepository(JdbiTransactions db, Clock clock) {
    this(db, db, clock);
  }

  /**
   * @param reads where the orders are read from: a read-only pool, which may be a replica's
   * @param db where the figures are kept and read back: the primary
   */
  public JdbiAnalyticsRepository(JdbiTransactions reads, JdbiTransactions db, Clock clock) {
    this.reads = reads;
    this.db = db;
    this.clock = clock;
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Instant end(LocalDate day) {
    return start(day.plusDays(1));
  }

  @Override
  public DayTotals totals(LocalDate day) {
    return reads.withHandle(
        h -> {
          Map<String, Object> orders =
              row(
                  h,
                  "SELECT COUNT(*) AS placed,"
                      + " COALESCE(SUM(CASE WHEN status = 'CONFIRMED' THEN 1 ELSE 0 END), 0) AS paid,"
                      + " COALESCE(SUM(CASE WHEN status = 'CONFIRMED' THEN total_cents ELSE 0 END), 0)"
                      + " AS revenue,"
                      + " COALESCE(SUM(CASE WHEN status = 'PAYMENT_FAILED' THEN 1 ELSE 0 END), 0)"
                      + " AS failures,"
                      + " COALESCE(SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END), 0)"
                      + " AS cancellations"
                      + " FROM orders WHERE created_at >= :start AND created_at < :end",
                  day);
          long units = scalar(h, "SELECT COALESCE(SUM(l.quantity), 0)" + PAID_ON_DAY, day);
          long carts =
              scalar(
                  h,
                  "SELECT COUNT(*) FROM carts WHERE created_at >= :start AND created_at < :end",
                  day);
          Map<String, Object> customers =
              row(
                  h,
                  "SELECT COALESCE(SUM(CASE WHEN first_paid >= :start THEN 1 ELSE 0 END), 0) AS fresh,"
                      + " COALESCE(SUM(CASE WHEN first_paid < :start THEN 1 ELSE 0 END), 0) AS returning"
                      + " FROM (SELECT customer_id, MIN(created_at) AS first_paid FROM orders"
                      + " WHERE status = 'CONFIRMED' AND customer_id IN"
                      + " (SELECT customer_id FROM orders WHERE status = 'CONFIRMED'"
                      + " AND customer_id IS NOT NULL AND created_at >= :start AND created_at < :end)"
                      + " GROUP BY customer_id) firsts",
                  day);
          return new DayTotals(
              number(orders, "placed").intValue(),
              number(orders, "paid").intValue(),
              number(orders, "revenue").longValue(),
              units,
              number(orders, "failures").intValue(),
              number(orders, "cancellations").intValue(),
              (int) carts,
              number(customers, "fresh").intValue(),
              number(customers, "returning").intValue());
        });
  }

  private static Number number(Map<String, Object> row, String column) {
    return (Number) row.get(column);
  }

  private static org.jdbi.v3.core.statement.Query onDay(Handle h, String sql, LocalDate day) {
    return h.createQuery(sql).bind("start", start(day)).bind("end", end(day));
  }

  private static long scalar(Handle h, String sql, LocalDate day) {
    return onDay(h, sql, day).mapTo(Long.class).one();
  }

  private static org.jdbi.v3.core.statement.Query between(
      Handle h, String sql, LocalDate from, LocalDate to) {
    return h.createQuery(sql).bind("from", from).bind("to", to);
  }

  private static Map<String, Object> row(Handle h, String sql, LocalDate day) {
    return onDay(h, sql, day).mapToMap().one();
  }

  @Override
  public List<Breakdown> top(LocalDate day, Breakdown.Dimension dimension, int limit) {
    String key =
        switch (dimension) {
          case CATEGORY -> "p.category";
          case BRAND -> "p.brand";
          case PRODUCT -> "l.product_id";
        };
    String label = dimension == Breakdown.Dimension.PRODUCT ? "MAX(l.name)" : key;
    return reads.withHandle(
        h ->
            onDay(
                    h,
                    "SELECT "
                        + key
                        + " AS k, "
                        + label
                        + " AS label, SUM(l.quantity) AS units, SUM(l.line_total_cents) AS revenue"
                        + PAID_ON_DAY.replace(
                            "JOIN order_lines l ON l.order_id = o.id",
                            "JOIN order_lines l ON l.order_id = o.id"
                                + " JOIN products p ON p.id = l.product_id")
                        + " GROUP BY "
                        + key
                        + " ORDER BY revenue DESC, k LIMIT :limit",
                    day)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Breakdown(
                            dimension,
                            dimension == Breakdown.Dimension.PRODUCT
                                ? rs.getLong("k") + " " + rs.getString("label")
                                : rs.getString("label"),
                            rs.getLong("units"),
                            rs.getLong("revenue")))
                .list());
  }

  @Override
  public List<CustomerValue> customersUpTo(LocalDate day) {
    return reads.withHandle(
        h ->
            h.createQuery(
                    "SELECT customer_id, MAX(created_at) AS last_order, COUNT(*) AS orders,"
                        + " SUM(total_cents) AS spent FROM orders WHERE status = 'CONFIRMED'"
                        + " AND customer_id IS NOT NULL AND created_at < :end GROUP BY customer_id")
                .bind("end", end(day))
                .setFetchSize(10_000)
                .map(
                    (rs, ctx) ->
                        new CustomerValue(
                            rs.getLong("customer_id"),
                            rs.getObject("last_order", java.time.OffsetDateTime.class)
                                .atZoneSameInstant(ZoneOffset.UTC)
                                .toLocalDate(),
                            rs.getInt("orders"),
                            rs.getLong("spent")))
                .list());
  }

  @Override
  public void replace(DailyReport report) {
    db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  LocalDate day = report.day();
                  for (String table :
                      List.of("analytics_top", "analytics_segments", "analytics_days")) {
                    h.createUpdate("DELETE FROM " + table + " WHERE report_day = :day")
                        .bind("day", day)
                        .execute();
                  }
                  DayTotals t = report.totals();
                  h.createUpdate(
                          "INSERT INTO analytics_days (report_day, orders_placed, paid_orders, revenue_cents,"
                              + " units, payment_failures, cancellations, carts_created,"
                              + " new_customers, returning_customers, computed_at) VALUES (:day,"
                              + " :placed, :paid, :revenue, :units, :failures, :cancellations,"
                              + " :carts, :fresh, :returning, :now)")
                      .bind("day", day)
                      .bind("placed", t.ordersPlaced())
                      .bind("paid", t.paidOrders())
                      .bind("revenue", t.revenueCents())
                      .bind("units", t.units())
                      .bind("failures", t.paymentFailures())
                      .bind("cancellations", t.cancellations())
                      .bind("carts", t.cartsCreated())
                      .bind("fresh", t.newCustomers())
                      .bind("returning", t.returningCustomers())
                      .bind("now", clock.instant())
                      .execute();
                  insertTop(h, day, report.top());
                  PreparedBatch segments =
                      h.prepareBatch(
                          "INSERT INTO analytics_segments (report_day, segment, customers)"
                              + " VALUES (:day, :segment, :customers)");
                  report
                      .segments()
                      .forEach(
                          (segment, customers) ->
                              segments
                                  .bind("day", day)
                                  .bind("segment", segment)
                                  .bind("customers", customers)
                                  .add());
                  segments.execute();
                  return null;
                }));
  }

  private static void insertTop(Handle h, LocalDate day, List<Breakdown> top) {
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO analytics_top (report_day, dimension, place, item_key, units, revenue_cents)"
                + " VALUES (:day, :dimension, :place, :key, :units, :revenue)");
    Map<Breakdown.Dimension, Integer> places = new HashMap<>();
    for (Breakdown b : top) {
      int place = places.merge(b.dimension(), 1, Integer::sum);
      batch
          .bind("day", day)
          .bind("dimension", b.dimension().name())
          .bind("place", place)
          .bind("key", b.key().length() > 300 ? b.key().substring(0, 300) : b.key())
          .bind("units", b.units())
          .bind("revenue", b.revenueCents())
          .add();
    }
    if (!top.isEmpty()) {
      batch.execute();
    }
  }

  /** In the order a report lists them: by dimension as declared, then by place. */
  private static List<Breakdown> sortedTop(List<Breakdown> rows) {
    List<Breakdown> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing(Breakdown::dimension));
    return sorted;
  }

  @Override
  public List<DailyReport> reports(LocalDate from, LocalDate to) {
    return db.withHandle(
        h -> {
          Map<LocalDate, DayTotals> days = new LinkedHashMap<>();
          between(
                  h,
                  "SELECT * FROM analytics_days WHERE report_day BETWEEN :from AND :to ORDER BY report_day",
                  from,
                  to)
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getObject("report_day", LocalDate.class),
                          new DayTotals(
                              rs.getInt("orders_placed"),
                              rs.getInt("paid_orders"),
                              rs.getLong("revenue_cents"),
                              rs.getLong("units"),
                              rs.getInt("payment_failures"),
                              rs.getInt("cancellations"),
                              rs.getInt("carts_created"),
                              rs.getInt("new_customers"),
                              rs.getInt("returning_customers"))))
              .forEach(e -> days.put(e.getKey(), e.getValue()));
          Map<LocalDate, List<Breakdown>> top = new HashMap<>();
          between(
                  h,
                  "SELECT * FROM analytics_top WHERE report_day BETWEEN :from AND :to"
                      + " ORDER BY report_day, dimension, place",
                  from,
                  to)
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getObject("report_day", LocalDate.class),
                          new Breakdown(
                              Breakdown.Dimension.valueOf(rs.getString("dimension")),
                              rs.getString("item_key"),
                              rs.getLong("units"),
                              rs.getLong("revenue_cents"))))
              .forEach(
                  e -> top.computeIfAbsent(e.getKey(), d -> new ArrayList<>()).add(e.getValue()));
          Map<LocalDate, Map<String, Integer>> segments = new HashMap<>();
          between(
                  h,
                  "SELECT report_day, segment, customers FROM analytics_segments"
                      + " WHERE report_day BETWEEN :from AND :to",
                  from,
                  to)
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getObject("report_day", LocalDate.class),
                          Map.entry(rs.getString("segment"), rs.getInt("customers"))))
              .forEach(
                  e ->
                      segments
                          .computeIfAbsent(e.getKey(), d -> new HashMap<>())
                          .put(e.getValue().getKey(), e.getValue().getValue()));
          List<DailyReport> out = new ArrayList<>();
          days.forEach(
              (day, totals) ->
                  out.add(
                      new DailyReport(
                          day,
                          totals,
                          sortedTop(top.getOrDefault(day, List.of())),
                          segments.getOrDefault(day, Map.of()))));
          return out;
        });
  }
}
