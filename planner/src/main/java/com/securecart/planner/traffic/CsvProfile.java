package com.securecart.planner.traffic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user's traffic profile as CSV:
 *
 * <pre>
 * # comments and blank lines are skipped
 * second,orders_per_second
 * 0,2.5
 * 600,25
 * 2400,2.5
 * 3599,2.5
 * event,spring-sale,600,2400,10
 * </pre>
 *
 * The header line is required. Each data row gives the orders per second from its second until the
 * next row's (a step function, so per-minute data needs one row a minute); seconds start at 0 and
 * rise; the profile ends one second after the last row. An {@code event} row announces an event
 * (name, start second, end second exclusive, multiplier) for scheduled scaling. Any error names the
 * file and line.
 */
final class CsvProfile {
  static final String HEADER = "second,orders_per_second";

  private CsvProfile() {}

  static TrafficProfile read(Path file) throws IOException {
    var lines = Files.readAllLines(file);
    var seconds = new ArrayList<Integer>();
    var rates = new ArrayList<Double>();
    var events = new ArrayList<AnnouncedEvent>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i).strip();
      var where = file + " line " + (i + 1) + ": ";
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.equals(HEADER)) {
          throw new IllegalArgumentException(
              where + "expected the header '" + HEADER + "', got '" + line + "'");
        }
        header = true;
        continue;
      }
      var cells = line.split(",", -1);
      try {
        if (cells[0].equals("event")) {
          events.add(event(cells, where));
        } else {
          row(cells, seconds, rates, where);
        }
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(where)
            ? e
            : new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    if (seconds.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header '" + HEADER + "'");
    }
    var perSecond = new double[seconds.getLast() + 1];
    for (int r = 0; r < seconds.size(); r++) {
      int end = r + 1 < seconds.size() ? seconds.get(r + 1) : perSecond.length;
      Arrays.fill(perSecond, seconds.get(r), end, rates.get(r));
    }
    try {
      return new TrafficProfile(file.getFileName().toString(), perSecond, events);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static void row(String[] cells, List<Integer> seconds, List<Double> rates, String where) {
    if (cells.length != 2) {
      throw new IllegalArgumentException(
          where + "expected 2 columns (" + HEADER + "), got " + cells.length);
    }
    int second = integer(cells[0], "second");
    double rate = number(cells[1], "orders_per_second");
    int expected = seconds.isEmpty() ? 0 : seconds.getLast() + 1;
    if (seconds.isEmpty() ? second != 0 : second < expected) {
      throw new IllegalArgumentException(
          where
              + (seconds.isEmpty()
                  ? "the first row must be second 0"
                  : "second " + second + " is not after " + seconds.getLast()));
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          where + "orders_per_second must be a finite number >= 0, got " + cells[1]);
    }
    seconds.add(second);
    rates.add(rate);
  }

  private static AnnouncedEvent event(String[] cells, String where) {
    if (cells.length != 5) {
      throw new IllegalArgumentException(
          where
              + "an event row is 'event,NAME,START_SECOND,END_SECOND,MULTIPLIER', got "
              + cells.length
              + " columns");
    }
    return new AnnouncedEvent(
        cells[1],
        integer(cells[2], "start second"),
        integer(cells[3], "end second"),
        number(cells[4], "multiplier"));
  }

  private static int integer(String cell, String what) {
    try {
      return Integer.parseInt(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + cell + "' is not a whole number", e);
    }
  }

  private static double number(String cell, String what) {
    try {
      return Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + cell + "' is not a number", e);
    }
  }
}
