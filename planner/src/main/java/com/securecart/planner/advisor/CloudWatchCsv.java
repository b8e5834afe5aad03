package com.securecart.planner.advisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads CloudWatch datapoints a user exported (for example with {@code aws cloudwatch
 * get-metric-data}, one row per datapoint): a header naming the columns {@code
 * timestamp,instance_id,role,metric,value} in any order, then rows. {@code role} is the instance's
 * SecureCart role (its Auto Scaling group or Role tag); {@code metric} is {@code CPUUtilization}
 * (EC2's, percent of the instance's vCPUs) or {@code mem_used_percent} (the CloudWatch agent's,
 * percent of its memory); rows of other metrics are skipped, so a whole export can be given.
 * Statistic: Maximum per period, which is what a p99.5 over the window should be taken of.
 */
final class CloudWatchCsv {
  static final List<String> COLUMNS =
      List.of("timestamp", "instance_id", "role", "metric", "value");

  private CloudWatchCsv() {}

  static Map<String, RoleUsage> read(Path file) throws IOException {
    var lines = Files.readAllLines(file);
    var roles = new TreeMap<String, RoleUsage>();
    int[] column = null;
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i).strip();
      var where = file + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
      if (column == null) {
        column = header(cells, where);
        continue;
      }
      if (cells.size() != COLUMNS.size()) {
        throw new IllegalArgumentException(
            where + ": " + cells.size() + " cells, the header has " + COLUMNS.size());
      }
      row(cells, column, where, roles);
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(file + ": no CPUUtilization or mem_used_percent rows");
    }
    return roles;
  }

  private static int[] header(List<String> cells, String where) {
    if (cells.size() != COLUMNS.size() || !cells.containsAll(COLUMNS)) {
      throw new IllegalArgumentException(
          where
              + ": the header must name the columns "
              + String.join(",", COLUMNS)
              + ", not "
              + cells);
    }
    return COLUMNS.stream().mapToInt(cells::indexOf).toArray();
  }

  private static void row(
      List<String> cells, int[] column, String where, Map<String, RoleUsage> roles) {
    var metric = cells.get(column[3]);
    if (!metric.equals("CPUUtilization") && !metric.equals("mem_used_percent")) {
      return;
    }
    try {
      Instant.parse(cells.get(column[0]));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": timestamp '" + cells.get(column[0]) + "' is not ISO-8601 UTC", e);
    }
    var instance = cells.get(column[1]);
    var role = cells.get(column[2]);
    if (instance.isEmpty() || role.isEmpty()) {
      throw new IllegalArgumentException(where + ": instance_id and role must not be empty");
    }
    double percent;
    try {
      percent = Double.parseDouble(cells.get(column[4]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": value '" + cells.get(column[4]) + "' is not a number", e);
    }
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          where + ": " + metric + " " + percent + " is not a percentage (0..100)");
    }
    var usage = roles.computeIfAbsent(role, RoleUsage::new);
    usage.instance(instance);
    if (metric.equals("CPUUtilization")) {
      usage.cpu(percent / 100);
    } else {
      usage.memoryFraction(percent / 100);
    }
  }
}
