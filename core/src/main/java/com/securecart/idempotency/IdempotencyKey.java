package com.securecart.idempotency;

import com.securecart.shared.Check;
import com.securecart.shared.Hashing;
import java.util.regex.Pattern;

/** A client-chosen key: 1 to 255 printable ASCII characters (a UUID is typical). */
public record IdempotencyKey(String value) {
  private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

  public IdempotencyKey {
    Check.matches("Idempotency-Key", value, SHAPE, "must be 1 to 255 printable ASCII characters");
  }

  /**
   * The form the store keeps (SHA-256, hex): the key itself opens the secrets sealed in a stored
   * response ({@link ResponseSeal}), so the database must not hold it.
   */
  public String digest() {
    return Hashing.sha256Hex(value);
  }

  @Override
  public String toString() {
    return "IdempotencyKey[digest=" + digest().substring(0, 12) + "]";
  }
}
