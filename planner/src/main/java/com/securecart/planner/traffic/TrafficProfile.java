package com.securecart.planner.traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * Offered orders per second, one value per second from second 0, and the events announced in
 * advance. The week starts Monday 00:00; the one-day profiles start at 00:00. Traffic within an
 * hour of the week's shape is flat: the data gives hours, not minutes.
 */
public final class TrafficProfile {
  static final int DAY = 86_400;
  private static final int HOUR = 3_600;

  private final String name;
  private final double[] ordersPerSecond;
  private final List<AnnouncedEvent> announced;

  TrafficProfile(String name, double[] ordersPerSecond, List<AnnouncedEvent> announced) {
    if (ordersPerSecond.length == 0) {
      throw new IllegalArgumentException(name + ": a profile needs at least one second");
    }
    for (var event : announced) {
      if (event.endSecond() > ordersPerSecond.length) {
        throw new IllegalArgumentException(
            name
                + ": event '"
                + event.name()
                + "' ends after the profile's "
                + ordersPerSecond.length
                + " s");
      }
    }
    this.name = name;
    this.ordersPerSecond = ordersPerSecond;
    this.announced = List.copyOf(announced);
  }

  /** A normal week of {@code ordersPerDay} on average, shaped like the Online Retail invoices. */
  public static TrafficProfile week(double ordersPerDay) {
    return week(ordersPerDay, WeekShape.bundled());
  }

  public static TrafficProfile week(double ordersPerDay, WeekShape shape) {
    requirePositive(ordersPerDay);
    var rates = new double[7 * DAY];
    for (var day : DayOfWeek.values()) {
      for (int hour = 0; hour < 24; hour++) {
        int from = (day.getValue() - 1) * DAY + hour * HOUR;
        Arrays.fill(rates, from, from + HOUR, 7 * ordersPerDay * shape.share(day, hour) / HOUR);
      }
    }
    return new TrafficProfile("week", rates, List.of());
  }

  /**
   * One average day of {@code ordersPerDay} with a sale from {@code start} for {@code duration}:
   * traffic climbs linearly to {@code multiplier} times the normal traffic over {@code
   * rampSeconds}, holds there, and falls back to normal when the sale ends. An announced sale
   * carries an {@link AnnouncedEvent} (for scheduled scaling); an unannounced one is a {@link
   * #spike}.
   */
  public static TrafficProfile flashSale(
      double ordersPerDay,
      double multiplier,
      int rampSeconds,
      LocalTime start,
      Duration duration,
      boolean announced) {
    var name = announced ? "flash-sale" : "spike";
    requirePositive(ordersPerDay);
    int from = start.toSecondOfDay();
    int to = from + (int) duration.toSeconds();
    if (!(multiplier >= 1) || rampSeconds < 1 || to - from < rampSeconds || to > DAY) {
      throw new IllegalArgumentException(
          name
              + ": needs multiplier >= 1, a ramp of at least 1 s no longer than the sale, and the sale"
              + " within the day; got "
              + multiplier
              + "x, ramp "
              + rampSeconds
              + " s, "
              + start
              + " for "
              + duration);
    }
    var shape = WeekShape.bundled();
    if (shape.dailyShare(start.getHour()) == 0) {
      throw new IllegalArgumentException(
          name
              + ": the normal day has no orders at "
              + start
              + "; start the sale between 07:00 and 20:00");
    }
    var rates = new double[DAY];
    for (int s = 0; s < DAY; s++) {
      rates[s] = ordersPerDay * shape.dailyShare(s / HOUR) / HOUR;
    }
    for (int s = from; s < to; s++) {
      rates[s] *= 1 + (multiplier - 1) * Math.min(1.0, (s - from + 1) / (double) rampSeconds);
    }
    var events =
        announced
            ? List.of(new AnnouncedEvent(name, from, to, multiplier))
            : List.<AnnouncedEvent>of();
    return new TrafficProfile(name, rates, events);
  }

  /** A surge nobody announced (a mention on television): a flash sale without an event. */
  public static TrafficProfile spike(
      double ordersPerDay, double multiplier, int rampSeconds, LocalTime start, Duration duration) {
    return flashSale(ordersPerDay, multiplier, rampSeconds, start, duration, false);
  }

  /** A user's profile; the format is in {@link CsvProfile}. */
  public static TrafficProfile csv(Path file) throws IOException {
    return CsvProfile.read(file);
  }

  private static void requirePositive(double ordersPerDay) {
    if (!(ordersPerDay > 0)) {
      throw new IllegalArgumentException("orders per day must be positive, got " + ordersPerDay);
    }
  }

  public String name() {
    return name;
  }

  /** The profile's length in seconds. */
  public int seconds() {
    return ordersPerSecond.length;
  }

  public double ordersPerSecond(int second) {
    return ordersPerSecond[second];
  }

  /** Orders offered in seconds [from, to). */
  public double orders(int from, int to) {
    double sum = 0;
    for (int s = from; s < to; s++) {
      sum += ordersPerSecond[s];
    }
    return sum;
  }

  public double peakOrdersPerSecond() {
    return Arrays.stream(ordersPerSecond).max().orElseThrow();
  }

  public List<AnnouncedEvent> announced() {
    return announced;
  }
}
