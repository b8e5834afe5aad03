package com.securecart.planner.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * When in the week orders arrive: the share of a week's orders in each weekday-hour, from the UCI
 * Online Retail invoices (Chen 2015, CC BY 4.0; {@code shared/data/online-retail}). An order is an
 * invoice whose number is all digits (cancellations "C..." and adjustments "A..." are not orders),
 * placed at its first line's time; each weekday-hour's count is divided by how many of that weekday
 * the data spans, so a weekday that occurs 54 times does not outweigh one that occurs 53. The
 * retailer is a UK wholesaler: orders come 07:00-20:00 local time and never on Saturday, which the
 * shape keeps (quiet nights and a quiet Saturday test scale-in).
 */
public final class WeekShape {
  static final String BUNDLED = "online-retail-week.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Orders per weekday (Monday first) and hour. */
  private final int[][] orders;

  /** How many of each weekday (Monday first) the data's date range holds. */
  private final int[] weekdays;

  private final double[][] share = new double[7][24];

  WeekShape(int[][] orders, int[] weekdays) {
    this.orders = Arrays.stream(orders).map(int[]::clone).toArray(int[][]::new);
    this.weekdays = weekdays.clone();
    double total = 0;
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        share[d][h] = (double) orders[d][h] / weekdays[d];
        total += share[d][h];
      }
    }
    for (var day : share) {
      for (int h = 0; h < 24; h++) {
        day[h] /= total;
      }
    }
  }

  /** The shape committed with the planner, derived once from the data. */
  public static WeekShape bundled() {
    try (var in = WeekShape.class.getResourceAsStream(BUNDLED)) {
      var root = JSON.readTree(Objects.requireNonNull(in, "resource " + BUNDLED + " is missing"));
      return new WeekShape(
          JSON.treeToValue(root.get("ordersByWeekdayAndHour"), int[][].class),
          JSON.treeToValue(root.get("weekdaysInRange"), int[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Derives the shape from {@code online_retail_uci.csv.gz} (columns as its README lists). */
  public static WeekShape derive(Path csvGz) throws IOException {
    var orders = new int[7][24];
    var seen = new HashSet<String>();
    LocalDate first = null;
    LocalDate last = null;
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz)), StandardCharsets.UTF_8))) {
      in.readLine();
      for (var line = in.readLine(); line != null; line = in.readLine()) {
        var invoice = line.substring(0, line.indexOf(','));
        var time = LocalDateTime.parse(dateField(line));
        first = first == null ? time.toLocalDate() : first;
        last = time.toLocalDate();
        if (invoice.chars().allMatch(Character::isDigit) && seen.add(invoice)) {
          orders[time.getDayOfWeek().getValue() - 1][time.getHour()]++;
        }
      }
    }
    var weekdays = new int[7];
    for (var day = Objects.requireNonNull(first, "no rows");
        !day.isAfter(last);
        day = day.plusDays(1)) {
      weekdays[day.getDayOfWeek().getValue() - 1]++;
    }
    return new WeekShape(orders, weekdays);
  }

  /** The fifth field, invoice_date; descriptions before it may be quoted and hold commas. */
  private static String dateField(String line) {
    int field = 0;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        if (field == 4) {
          return line.substring(start, i);
        }
        field++;
        start = i + 1;
      }
    }
    throw new IllegalArgumentException("fewer than 6 fields: " + line);
  }

  /** Rebuilds the committed resource: {@code WeekShape DATA.csv.gz OUT.json}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: WeekShape online_retail_uci.csv.gz OUT.json");
      System.exit(2);
    }
    Files.writeString(Path.of(args[1]), derive(Path.of(args[0])).toJson());
  }

  String toJson() throws IOException {
    var root = new LinkedHashMap<String, Object>();
    root.put(
        "source",
        "UCI Online Retail (Chen 2015, doi:10.24432/C5BW33, CC BY 4.0), shared/data/online-retail/"
            + "online_retail_uci.csv.gz, 2010-12-01..2011-12-09, UK local time");
    root.put(
        "derivation",
        "orders = distinct all-digit invoice numbers, counted at their first line's weekday and hour;"
            + " share = (count / weekdaysInRange) normalised over the week. Rebuild: java"
            + " com.securecart.planner.traffic.WeekShape DATA.csv.gz OUT.json");
    root.put("weekdays", "Monday first");
    root.put("weekdaysInRange", weekdays);
    root.put("ordersByWeekdayAndHour", orders);
    return JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  /**
   * The share of a week's orders placed in {@code hour} of {@code day}; the 168 shares sum to 1.
   */
  public double share(DayOfWeek day, int hour) {
    return share[day.getValue() - 1][hour];
  }

  /** The share of an average day's orders in {@code hour}; the 24 shares sum to 1. */
  public double dailyShare(int hour) {
    double sum = 0;
    for (var day : share) {
      sum += day[hour];
    }
    return sum;
  }

  /** The hour of the day with the most orders, all weekdays together. */
  public int peakHour() {
    int peak = 0;
    for (int h = 1; h < 24; h++) {
      peak = dailyShare(h) > dailyShare(peak) ? h : peak;
    }
    return peak;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeekShape w
        && Arrays.deepEquals(orders, w.orders)
        && Arrays.equals(weekdays, w.weekdays);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(orders) * 31 + Arrays.hashCode(weekdays);
  }
}
