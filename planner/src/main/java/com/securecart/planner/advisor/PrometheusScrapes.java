package com.securecart.planner.advisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads SecureCart's own {@code /metrics} (Prometheus text format) scraped repeatedly over a load
 * test. Two layouts, described in planner/ADVISOR.md: one file of several scrapes, each opened by a
 * {@code # scrape role=R instance=I} line; or a directory {@code DIR/ROLE/INSTANCE/*.prom} of raw
 * scrapes as {@code curl} wrote them (files that open with a {@code # scrape} line may sit anywhere
 * in it; only {@code *.prom} files are read). Per scrape it takes CPU from {@code system_cpu_usage}
 * (the whole instance, as EC2's CPUUtilization sees it), else {@code process_cpu_usage}, and memory
 * from {@code process_resident_memory_bytes} where an exporter adds it, else the sum of {@code
 * jvm_memory_used_bytes} (the JVM's own pools: a lower bound, see ADVISOR.md).
 */
final class PrometheusScrapes {
  private static final Pattern HEADER = Pattern.compile("#\\s*scrape\\b(.*)");
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=(\\S+)");

  private PrometheusScrapes() {}

  /**
   * Which CPU series sizes the role. SYSTEM is the instance as EC2 sees it, right for a fleet where
   * SecureCart runs alone; PROCESS is the JVM alone, for a load test where the driver or other work
   * shared the machine (both are fractions of the CPUs the JVM sees).
   */
  enum Cpu {
    SYSTEM,
    PROCESS
  }

  static Map<String, RoleUsage> read(Path fileOrDirectory) throws IOException {
    return read(fileOrDirectory, Cpu.SYSTEM);
  }

  static Map<String, RoleUsage> read(Path fileOrDirectory, Cpu series) throws IOException {
    var roles = new TreeMap<String, RoleUsage>();
    if (Files.isDirectory(fileOrDirectory)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
        files =
            walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".prom"))
                .sorted()
                .toList();
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(fileOrDirectory + ": no *.prom scrape files");
      }
      for (var file : files) {
        readFile(file, fileOrDirectory.relativize(file), series, roles);
      }
    } else {
      readFile(fileOrDirectory, null, series, roles);
    }
    return roles;
  }

  /** {@code relative} is the file's path under the directory, which names the role and instance. */
  private static void readFile(Path file, Path relative, Cpu series, Map<String, RoleUsage> roles)
      throws IOException {
    var lines = Files.readAllLines(file);
    Scrape scrape = null;
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i).strip();
      var where = file + ":" + (i + 1);
      var header = HEADER.matcher(line);
      if (header.matches()) {
        finish(scrape, series, roles);
        scrape = headed(header.group(1), where);
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (scrape == null) {
        scrape = fromPath(relative, where);
      }
      scrape.add(line, where);
    }
    if (scrape == null) {
      throw new IllegalArgumentException(file + ": no samples");
    }
    finish(scrape, series, roles);
  }

  private static Scrape headed(String labels, String where) {
    var found = new TreeMap<String, String>();
    var m = LABEL.matcher(labels);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    if (!found.containsKey("role") || !found.containsKey("instance")) {
      throw new IllegalArgumentException(
          where
              + ": a scrape header needs role= and instance=, as in '# scrape role=search"
              + " instance=i-0abc time=2026-12-07T16:00:00Z'");
    }
    return new Scrape(found.get("role"), found.get("instance"), where);
  }

  private static Scrape fromPath(Path relative, String where) {
    if (relative == null || relative.getNameCount() != 3) {
      throw new IllegalArgumentException(
          where
              + ": a sample before any '# scrape role=R instance=I' line, in a file that is not"
              + " DIR/ROLE/INSTANCE/NAME.prom");
    }
    return new Scrape(relative.getName(0).toString(), relative.getName(1).toString(), where);
  }

  private static void finish(Scrape scrape, Cpu series, Map<String, RoleUsage> roles) {
    if (scrape == null) {
      return;
    }
    var usage = roles.computeIfAbsent(scrape.role, RoleUsage::new);
    usage.instance(scrape.instance);
    var cpu =
        series == Cpu.SYSTEM && scrape.systemCpu != null ? scrape.systemCpu : scrape.processCpu;
    if (cpu == null) {
      throw new IllegalArgumentException(
          scrape.start
              + (series == Cpu.SYSTEM
                  ? ": scrape has neither system_cpu_usage nor process_cpu_usage"
                  : ": scrape has no process_cpu_usage"));
    }
    // Micrometer reports NaN or a negative value when the OS gives no CPU figure yet (the first
    // scrape after start-up): that scrape says nothing about CPU, it is not zero.
    if (cpu >= 0) {
      usage.cpu(Math.min(cpu, 1.0));
    }
    var bytes = scrape.residentBytes != null ? scrape.residentBytes : scrape.jvmUsedBytes;
    if (bytes > 0) {
      usage.memoryGib(bytes / (1024.0 * 1024 * 1024));
    }
  }

  private static final class Scrape {
    final String role;
    final String instance;
    final String start;
    Double systemCpu;
    Double processCpu;
    Double residentBytes;
    double jvmUsedBytes;

    Scrape(String role, String instance, String start) {
      this.role = role;
      this.instance = instance;
      this.start = start;
    }

    void add(String line, String where) {
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name;
      String rest;
      if (brace > 0 && (space < 0 || brace < space) && line.lastIndexOf('}') > brace) {
        name = line.substring(0, brace);
        rest = line.substring(line.lastIndexOf('}') + 1).strip();
      } else if (brace < 0 && space > 0) {
        name = line.substring(0, space);
        rest = line.substring(space).strip();
      } else {
        throw new IllegalArgumentException(where + ": not a Prometheus sample line: " + line);
      }
      var fields = rest.split("\\s+");
      double value = value(fields[0], where, line);
      switch (name) {
        case "system_cpu_usage" -> systemCpu = value;
        case "process_cpu_usage" -> processCpu = value;
        case "process_resident_memory_bytes" -> residentBytes = value;
        case "jvm_memory_used_bytes" -> jvmUsedBytes += value;
        default -> {
          // Every other series is someone else's: the advisor needs CPU and memory only.
        }
      }
    }

    private static double value(String text, String where, String line) {
      return switch (text) {
        case "NaN" -> Double.NaN;
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> {
          try {
            yield Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                where + ": '" + text + "' is not a sample value in: " + line, e);
          }
        }
      };
    }
  }
}
