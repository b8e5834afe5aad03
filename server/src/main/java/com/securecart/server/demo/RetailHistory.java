package com.securecart.server.demo;

import com.securecart.catalog.ProductDetails;
import com.securecart.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Online Retail lines gathered into what the shop holds: one product per stock code that is
 * goods and was sold at a price, one customer per customer id, one order per invoice with goods.
 * Plain Java, no database: the loader writes what this decides.
 */
final class RetailHistory {
  /** The shop's one currency: the data's own prices are in pounds sterling. */
  static final java.util.Currency GBP = java.util.Currency.getInstance("GBP");

  /** The retailer's invoice dates are local UK time. */
  static final ZoneId UK = ZoneId.of("Europe/London");

  static final String CREDIT =
      "UCI Online Retail data set (Chen, 2015; https://doi.org/10.24432/C5BW33), CC BY 4.0";

  /** One line of an order: the SKU, how many, at what unit price (pence). */
  record Line(String sku, int quantity, long unitPence) {
    long totalPence() {
      return Math.multiplyExact(unitPence, (long) quantity);
    }
  }

  /** An invoice with goods: a sale, or a cancellation (quantities made positive). */
  record Invoice(
      String number,
      LocalDateTime ukTime,
      Long customerId,
      String country,
      boolean cancellation,
      List<Line> lines,
      long shippingPence) {
    Instant placedAt() {
      return ukTime.atZone(UK).toInstant();
    }

    long subtotalPence() {
      return lines.stream().mapToLong(Line::totalPence).sum();
    }
  }

  /** A customer id, and when he first appears in the data. */
  record Customer(long id, LocalDateTime firstSeen) {
    Instant firstSeenAt() {
      return firstSeen.atZone(UK).toInstant();
    }
  }

  private static final class Tally {
    final Map<String, Integer> descriptions = new HashMap<>();
    final Map<Long, Integer> salePrices = new HashMap<>();
    final Map<Long, Integer> anyPrices = new HashMap<>();
  }

  private static final class OpenInvoice {
    final String number;
    final LocalDateTime ukTime;
    Long customerId;
    final String country;
    final List<Line> lines = new ArrayList<>();
    long shippingPence;

    OpenInvoice(OnlineRetailCsv.Row first) {
      number = first.invoice();
      ukTime = first.invoiceDate();
      customerId = first.customerId();
      country = first.country();
    }
  }

  private final Map<String, Tally> products = new TreeMap<>();
  private final Map<String, OpenInvoice> invoices = new LinkedHashMap<>();
  private final Map<Long, LocalDateTime> customers = new TreeMap<>();
  private final Map<String, String> skus = new HashMap<>();
  private long rows;
  private long linesSkipped;

  /** Takes one line of the file. */
  void add(OnlineRetailCsv.Row row) {
    rows++;
    if (row.customerId() != null) {
      customers.merge(row.customerId(), row.invoiceDate(), (a, b) -> a.isBefore(b) ? a : b);
    }
    OpenInvoice invoice = invoices.computeIfAbsent(row.invoice(), n -> new OpenInvoice(row));
    if (invoice.customerId == null) {
      invoice.customerId = row.customerId();
    }
    int quantity = row.cancellation() ? -row.quantity() : row.quantity();
    if (row.unitPricePence() <= 0 || quantity <= 0) {
      linesSkipped++;
      return;
    }
    if (RetailCatalogRules.isShipping(row.stockCode())) {
      invoice.shippingPence += row.unitPricePence() * quantity;
      return;
    }
    if (!RetailCatalogRules.isProduct(row.stockCode())) {
      linesSkipped++;
      return;
    }
    // One String per SKU, however many lines name it.
    String sku = skus.computeIfAbsent(RetailCatalogRules.sku(row.stockCode()), s -> s);
    Tally tally = products.computeIfAbsent(sku, s -> new Tally());
    if (!row.description().isBlank()) {
      tally.descriptions.merge(row.description(), 1, Integer::sum);
    }
    tally.anyPrices.merge(row.unitPricePence(), 1, Integer::sum);
    if (!row.cancellation()) {
      tally.salePrices.merge(row.unitPricePence(), 1, Integer::sum);
    }
    invoice.lines.add(new Line(sku, quantity, row.unitPricePence()));
  }

  long rows() {
    return rows;
  }

  /** Lines that are neither goods nor postage, or that have no positive price and quantity. */
  long linesSkipped() {
    return linesSkipped;
  }

  /** The catalog, by SKU, with opening stock: see {@link RetailCatalogRules} for the rules. */
  Map<ProductDetails, Integer> products() {
    Map<ProductDetails, Integer> out = new LinkedHashMap<>();
    products.forEach(
        (sku, tally) -> out.put(product(sku, tally), RetailCatalogRules.openingStock(sku)));
    return out;
  }

  private static ProductDetails product(String sku, Tally tally) {
    // The most common description (the data holds a few notes and typos beside it), ties by text.
    String description = mostCommon(tally.descriptions, Comparator.naturalOrder()).orElse("");
    String name =
        description.isEmpty() ? "Item " + sku : RetailCatalogRules.displayName(description);
    // The list price: the most common sale price (bulk buyers got less), ties to the higher one.
    long price =
        mostCommon(
                tally.salePrices.isEmpty() ? tally.anyPrices : tally.salePrices,
                Comparator.<Long>reverseOrder())
            .orElseThrow();
    return new ProductDetails(
        sku,
        name,
        name + ". Stock code " + sku + " in the " + CREDIT + ".",
        RetailCatalogRules.brand(description),
        RetailCatalogRules.category(description),
        new Money(price, GBP),
        Map.of("stockCode", sku, "source", "UCI Online Retail, CC BY 4.0"),
        null);
  }

  /** The key counted most often; among equals, the first in {@code tieBreak} order. */
  static <K> Optional<K> mostCommon(Map<K, Integer> counts, Comparator<K> tieBreak) {
    return counts.entrySet().stream()
        .min(
            Comparator.<Map.Entry<K, Integer>>comparingInt(e -> -e.getValue())
                .thenComparing(Map.Entry::getKey, tieBreak))
        .map(Map.Entry::getKey);
  }

  /** Every customer id in the data, in id order. */
  List<Customer> customers() {
    List<Customer> out = new ArrayList<>(customers.size());
    customers.forEach((id, first) -> out.add(new Customer(id, first)));
    return out;
  }

  /** The invoices that hold goods, in the file's order (by date). */
  List<Invoice> invoices() {
    List<Invoice> out = new ArrayList<>(invoices.size());
    for (OpenInvoice open : invoices.values()) {
      if (!open.lines.isEmpty()) {
        out.add(
            new Invoice(
                open.number,
                open.ukTime,
                open.customerId,
                open.country,
                open.number.startsWith("C"),
                List.copyOf(open.lines),
                open.shippingPence));
      }
    }
    return out;
  }

  /**
   * The customer with the richest history: the most sales, then the most lines, then the lowest id.
   */
  static Optional<Long> richestCustomer(List<Invoice> invoices) {
    Map<Long, long[]> counts = new TreeMap<>();
    for (Invoice invoice : invoices) {
      if (invoice.customerId() != null && !invoice.cancellation()) {
        long[] c = counts.computeIfAbsent(invoice.customerId(), id -> new long[2]);
        c[0]++;
        c[1] += invoice.lines().size();
      }
    }
    return counts.entrySet().stream()
        .min(
            Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparingLong(e -> -e.getValue()[1])
                .thenComparingLong(Map.Entry::getKey))
        .map(Map.Entry::getKey);
  }

  /**
   * The whole number of weeks that moves {@code newest} (an instant's UTC day) into the seven days
   * before {@code today}; weeks keep every weekday as it was.
   */
  static Duration shift(Instant newest, LocalDate today) {
    LocalDate newestDay = LocalDate.ofInstant(newest, ZoneOffset.UTC);
    long days = ChronoUnit.DAYS.between(newestDay, today.minusDays(1));
    return Duration.ofDays(7 * Math.floorDiv(days, 7));
  }
}
