package com.securecart.idempotency;

import com.securecart.shared.Check;
import java.util.regex.Pattern;

/** A client-chosen key: 1 to 255 printable ASCII characters (a UUID is typical). */
public record IdempotencyKey(String value) {
  private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

  public IdempotencyKey {
    Check.matches("Idempotency-Key", value, SHAPE, "must be 1 to 255 printable ASCII characters");
  }
}
