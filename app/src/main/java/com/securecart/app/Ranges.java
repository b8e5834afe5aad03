package com.securecart.app;

import java.time.Duration;

/** Range checks for settings, failing with a message that names what to set. */
final class Ranges {
  private Ranges() {}

  static int require(int value, int min, int max, String setting) {
    if (value < min || value > max) {
      throw new ConfigException(setting + " must be " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** A duration between {@code min} and {@code max}, told in the unit the setting is given in. */
  static Duration require(Duration value, Duration min, Duration max, String setting) {
    if (value == null) {
      throw new ConfigException(setting + " is required");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          setting + " must be " + text(min) + " to " + text(max) + ", got " + text(value));
    }
    return value;
  }

  static String jdbcUrl(String url, String setting) {
    if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
      throw new ConfigException(setting + " must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    return url;
  }

  private static String text(Duration d) {
    if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() + " ms";
  }
}
