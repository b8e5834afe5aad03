package com.securecart.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Error counts of a driver by a short label such as {@code checkout 500 internal}; thread-safe. */
final class Errors {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String label) {
    counts.computeIfAbsent(label, k -> new LongAdder()).increment();
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  String summary() {
    if (counts.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(counts)
        .forEach(
            (label, n) ->
                text.append(text.isEmpty() ? "" : ", ").append(label).append(" x").append(n.sum()));
    return text.toString();
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : " (" + message + ")");
  }
}
