package com.securecart.planner.advisor;

import com.securecart.planner.prices.PriceTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Main --metrics DIR|FILE --format prometheus|cloudwatch --current ROLE=TYPE ... [--families
 * m8g,c8g,...] [--prices FILE]}: prints the right-sizing table. Bad input exits 2 with the message
 * (file and line where the input is at fault).
 */
public final class Main {
  static final String USAGE =
      "usage: --metrics DIR|FILE --format prometheus|cloudwatch --current ROLE=TYPE [ROLE=TYPE ...]"
          + " [--families F1,F2,...] [--prices FILE] [--cpu system|process]";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, LocalDate.now(Clock.systemUTC())));
  }

  static int run(String[] args, PrintStream out, PrintStream err, LocalDate today) {
    try {
      var options = options(args);
      var metrics = Path.of(required(options, "--metrics").getFirst());
      if (!Files.exists(metrics)) {
        throw new IllegalArgumentException(metrics + " does not exist");
      }
      var usage =
          switch (required(options, "--format").getFirst()) {
            case "prometheus" -> PrometheusScrapes.read(metrics, cpu(options));
            case "cloudwatch" -> CloudWatchCsv.read(metrics);
            default -> throw new IllegalArgumentException("--format is prometheus or cloudwatch");
          };
      var current = new LinkedHashMap<String, String>();
      for (var pair : required(options, "--current")) {
        var parts = pair.split("=", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
          throw new IllegalArgumentException("--current takes ROLE=TYPE, not '" + pair + "'");
        }
        current.put(parts[0], parts[1]);
      }
      var prices =
          options.containsKey("--prices")
              ? PriceTable.read(Path.of(options.get("--prices").getFirst()))
              : PriceTable.bundled();
      var preferences = Preferences.defaults(prices.ec2Types());
      if (options.containsKey("--families")) {
        preferences =
            preferences.withFamilies(List.of(options.get("--families").getFirst().split(",")));
      }
      var advice = new Advisor(prices, preferences).advise(usage, current);
      out.print(AdviceTable.render(advice, preferences, prices, today));
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("advisor: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private static PrometheusScrapes.Cpu cpu(Map<String, List<String>> options) {
    return switch (options.getOrDefault("--cpu", List.of("system")).getFirst()) {
      case "system" -> PrometheusScrapes.Cpu.SYSTEM;
      case "process" -> PrometheusScrapes.Cpu.PROCESS;
      default -> throw new IllegalArgumentException("--cpu is system or process");
    };
  }

  /** Each option with the values that follow it up to the next option. */
  private static Map<String, List<String>> options(String[] args) {
    var options = new LinkedHashMap<String, List<String>>();
    int i = 0;
    while (i < args.length) {
      var name = args[i];
      if (!List.of("--metrics", "--format", "--current", "--families", "--prices", "--cpu")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
      int end = i + 1;
      while (end < args.length && !args[end].startsWith("--")) {
        end++;
      }
      if (end == i + 1) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options.put(name, Arrays.asList(args).subList(i + 1, end));
      i = end;
    }
    return options;
  }

  private static List<String> required(Map<String, List<String>> options, String name) {
    var values = options.get(name);
    if (values == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return values;
  }
}
