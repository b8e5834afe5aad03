package com.securecart.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went in a measured window (issue 18: "a profile of where the remaining CPU
 * goes"): reads a JFR recording's execution samples taken inside the window and prints the share of
 * samples by the code that ran (the nearest frame outside the JDK: our code, JDBI, the PostgreSQL
 * driver, Helidon, Jackson ...) and by what the thread was doing (a checkout, a cart change, the
 * order pipeline). Samples are a statistical picture, a few hundred a run on one CPU; shares under
 * a few percent are noise.
 *
 * <p>Usage: {@code ProfileSummary FILE.jfr FROM_EPOCH_MS TO_EPOCH_MS}
 */
public final class ProfileSummary {
  /** Package prefixes, most specific first, and the name they are reported under. */
  private static final List<Map.Entry<String, String>> OWNERS =
      List.of(
          Map.entry("com.securecart.persistence.", "SecureCart persistence"),
          Map.entry("com.securecart.server.", "SecureCart server"),
          Map.entry("com.securecart.", "SecureCart domain"),
          Map.entry("org.jdbi.", "JDBI"),
          Map.entry("org.postgresql.", "PostgreSQL JDBC driver"),
          Map.entry("com.zaxxer.hikari.", "HikariCP"),
          Map.entry("io.helidon.", "Helidon"),
          Map.entry("com.fasterxml.jackson.", "Jackson"),
          Map.entry("io.opentelemetry.", "OpenTelemetry"),
          Map.entry("io.micrometer.", "Micrometer"),
          Map.entry("com.password4j.", "password hashing"));

  /** What a sample's thread was doing, by a frame anywhere on its stack. */
  private static final List<Map.Entry<String, String>> WORK =
      List.of(
          Map.entry("com.securecart.server.workers.OutboxWorker", "order pipeline"),
          Map.entry("com.securecart.server.http.CheckoutRoutes", "checkout request"),
          Map.entry("com.securecart.server.http.CartRoutes", "cart request"),
          Map.entry("io.helidon.webserver.http1.Http1Connection", "other HTTP work"));

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ProfileSummary FILE.jfr FROM_EPOCH_MS TO_EPOCH_MS");
      System.exit(2);
    }
    Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
    Instant to = Instant.ofEpochMilli(Long.parseLong(args[2]));
    Map<String, Integer> byOwner = new HashMap<>();
    Map<String, Integer> byWork = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
          || event.getStartTime().isBefore(from)
          || event.getStartTime().isAfter(to)
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      byOwner.merge(owner(frames), 1, Integer::sum);
      byWork.merge(work(frames), 1, Integer::sum);
    }
    System.out.printf(
        Locale.ROOT, "profile of the window: %d execution samples of the server (JFR)%n", samples);
    print("by the code that ran (nearest frame outside the JDK)", byOwner, samples);
    print("by what the thread was doing", byWork, samples);
  }

  private static String owner(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
        continue;
      }
      return OWNERS.stream()
          .filter(o -> type.startsWith(o.getKey()))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse("other libraries");
    }
    return "JDK only (scheduler, I/O, GC barriers)";
  }

  private static String work(List<RecordedFrame> frames) {
    for (Map.Entry<String, String> w : WORK) {
      for (RecordedFrame frame : frames) {
        if (frame.getMethod().getType().getName().equals(w.getKey())) {
          return w.getValue();
        }
      }
    }
    return "other (scheduler, pollers, background)";
  }

  private static void print(String title, Map<String, Integer> counts, int samples) {
    System.out.println("  " + title + ":");
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.forEach(
        (name, n) ->
            System.out.printf(
                Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * n / Math.max(1, samples), name));
  }
}
