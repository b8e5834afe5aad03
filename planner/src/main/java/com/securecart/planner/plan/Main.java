package com.securecart.planner.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.prices.SpotDiscount;
import com.securecart.planner.traffic.RequestsPerOrder;
import com.securecart.planner.traffic.TrafficProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** {@code ./securecart plan}: prints the options table and writes plan.json and plan.html. */
public final class Main {
  static final String USAGE =
      """
      usage: ./securecart plan --profile flash-sale|week|FILE.csv --orders-per-day N --out DIR
                               [--capacity FILE] [--spot-discount 0.6] [--infra infra/securecart.json]
                               [--spot-interruptions-per-hour 0.000274]
        flash-sale: an average day with an announced sale at 12:00, 10x in 60 s, for 30 minutes
        week:       a normal week shaped like the Online Retail orders
        FILE.csv:   second,orders_per_second rows (planner/README.md); the file sets the rates and
                    --orders-per-day is only reported; no history, so no predictive scaling
        --spot-interruptions-per-hour: share of Spot capacity reclaimed per hour, 0 to 1; the
                    default is 20% a month, the worst Spot Instance Advisor bucket""";

  /** The announced sale of {@code --profile flash-sale}. */
  static final double SALE_MULTIPLIER = 10;

  static final int SALE_RAMP_SECONDS = 60;
  static final LocalTime SALE_START = LocalTime.NOON;
  static final Duration SALE_LENGTH = Duration.ofMinutes(30);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, LocalDate.now(ZoneOffset.UTC)));
  }

  /** Returns the exit status: 0, 2 for bad arguments, 1 for a failure reading or writing. */
  static int run(String[] args, PrintStream out, PrintStream err, LocalDate today) {
    Arguments a;
    try {
      a = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("securecart plan: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      Capacity capacity = a.capacity() == null ? Capacity.bundled() : Capacity.read(a.capacity());
      PriceTable prices = PriceTable.bundled();
      Infra infra = Infra.read(a.infra());
      TrafficProfile profile = profile(a);
      var planner =
          new Planner(
              new Planner.Inputs(
                  profile,
                  capacity,
                  infra,
                  prices,
                  a.spotDiscount(),
                  RequestsPerOrder.DEFAULT,
                  history(a.profile(), a.ordersPerDay()),
                  a.spotInterruptionsPerHour()));
      List<OptionResult> results = planner.compare();
      String summary =
          """
          profile %s, %.0f orders/day offered over %.1f h (%.0f orders); capacity: %s
          prices: %s snapshot of %s, %s old; Spot discount %s (Fargate Spot at most %s)
          Spot reclaimed: %.6f of Spot capacity per hour, with the 2-minute notice
          """
              .formatted(
                  profile.name(),
                  a.ordersPerDay(),
                  profile.seconds() / 3600.0,
                  results.getFirst().orders(),
                  capacity.kind(),
                  prices.region(),
                  prices.date(),
                  prices.age(today),
                  a.spotDiscount().fraction(),
                  prices.fargateSpotMaxDiscount(),
                  a.spotInterruptionsPerHour());
      out.print(summary);
      out.print(PlanTable.format(results));
      out.print(PlanTable.breakdown(results));
      out.println(
          "baseline = securecart.json as configured: Graviton, web and checkout On-Demand, services on"
              + " Fargate with their Spot weights, Step Functions Standard, predictive + scheduled."
              + " Each other row changes one of those.");
      OptionResult chosen = PlanTable.chosen(results);
      Files.createDirectories(a.out());
      Path json = a.out().resolve("plan.json");
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(
              json.toFile(),
              PlanJson.build(
                  profile.name(),
                  a.ordersPerDay(),
                  capacity,
                  prices,
                  today,
                  a.spotInterruptionsPerHour(),
                  results));
      Path html = a.out().resolve("plan.html");
      double[] perMinute = Series.ordersPerMinute(profile);
      Files.writeString(
          html, PlanHtml.render("SecureCart plan: " + profile.name(), summary, results, perMinute));
      Path charts = a.out().resolve("charts");
      Files.createDirectories(charts);
      for (var chart : PlanHtml.charts(results, perMinute).entrySet()) {
        Files.writeString(charts.resolve(chart.getKey() + ".svg"), chart.getValue());
      }
      out.println(
          "chosen: " + chosen.option().name() + "; wrote " + json + ", " + html + " and " + charts);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("securecart plan: " + e.getMessage());
      return 1;
    }
  }

  static TrafficProfile profile(Arguments a) throws IOException {
    return switch (a.profile()) {
      case "flash-sale" ->
          TrafficProfile.flashSale(
              a.ordersPerDay(), SALE_MULTIPLIER, SALE_RAMP_SECONDS, SALE_START, SALE_LENGTH, true);
      case "week" -> TrafficProfile.week(a.ordersPerDay());
      default -> TrafficProfile.csv(Path.of(a.profile()));
    };
  }

  /**
   * Fourteen days of normal traffic before the profile for predictive scaling: plain days before a
   * sale, the same week twice before a week. A user's CSV has none (no predictive policy then).
   */
  static double[] history(String profile, double ordersPerDay) {
    TrafficProfile normal =
        switch (profile) {
          case "flash-sale" ->
              TrafficProfile.flashSale(ordersPerDay, 1, 1, SALE_START, SALE_LENGTH, false);
          case "week" -> TrafficProfile.week(ordersPerDay);
          default -> null;
        };
    if (normal == null) {
      return null;
    }
    int length = normal.seconds();
    int days = 14 * 86_400;
    var history = new double[days];
    for (int s = 0; s < days; s++) {
      history[s] = normal.ordersPerSecond(s % length);
    }
    return history;
  }

  record Arguments(
      String profile,
      double ordersPerDay,
      Path out,
      Path capacity,
      SpotDiscount spotDiscount,
      Path infra,
      double spotInterruptionsPerHour) {

    static Arguments parse(String[] args) {
      String profile = null;
      Double orders = null;
      Path out = null;
      Path capacity = null;
      SpotDiscount spot = SpotDiscount.of("0.6");
      Path infra = Path.of("infra/securecart.json");
      double interruptions = Planner.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--profile" -> profile = value;
          case "--orders-per-day" -> orders = positive(flag, value);
          case "--out" -> out = Path.of(value);
          case "--capacity" -> capacity = Path.of(value);
          case "--spot-discount" -> spot = spotDiscount(value);
          case "--infra" -> infra = Path.of(value);
          case "--spot-interruptions-per-hour" -> interruptions = fraction(flag, value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + flag + " (known: " + Arrays.toString(FLAGS) + ")");
        }
      }
      if (profile == null || orders == null || out == null) {
        throw new IllegalArgumentException("--profile, --orders-per-day and --out are required");
      }
      if (!profile.equals("flash-sale") && !profile.equals("week") && !profile.endsWith(".csv")) {
        throw new IllegalArgumentException(
            "--profile is flash-sale, week or a .csv file, got '" + profile + "'");
      }
      return new Arguments(profile, orders, out, capacity, spot, infra, interruptions);
    }

    private static final String[] FLAGS = {
      "--profile",
      "--orders-per-day",
      "--out",
      "--capacity",
      "--spot-discount",
      "--infra",
      "--spot-interruptions-per-hour"
    };

    private static double fraction(String flag, String value) {
      try {
        double d = Double.parseDouble(value);
        if (d >= 0 && d <= 1) {
          return d;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException(flag + " is a fraction in [0, 1], got '" + value + "'");
    }

    private static double positive(String flag, String value) {
      try {
        double d = Double.parseDouble(value);
        if (d > 0 && Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException(flag + " must be a positive number, got '" + value + "'");
    }

    private static SpotDiscount spotDiscount(String value) {
      try {
        return SpotDiscount.of(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--spot-discount is a fraction in [0, 1), got '" + value + "'", e);
      }
    }
  }
}
