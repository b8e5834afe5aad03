package com.securecart.shared;

import java.util.regex.Pattern;

/** Small argument checks used by self-validating records; each failure names its field. */
public final class Check {
  private Check() {}

  public static String text(String field, String value, int min, int max) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    String trimmed = value.strip();
    // UTF-16 units, not code points: H2 measures VARCHAR in chars, so this is the limit both
    // databases agree on.
    int length = trimmed.length();
    if (length < min || length > max) {
      throw new ValidationException(field, "must be " + min + " to " + max + " characters");
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw new ValidationException(field, "must not contain control characters");
    }
    return trimmed;
  }

  public static String optionalText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return text(field, value, 0, max);
  }

  public static String matches(String field, String value, Pattern pattern, String rule) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    if (!pattern.matcher(value).matches()) {
      throw new ValidationException(field, rule);
    }
    return value;
  }

  public static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ValidationException(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }
}
