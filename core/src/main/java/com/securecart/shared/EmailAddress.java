package com.securecart.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A normalised e-mail address. Deliberately simple: something@domain.tld, at most 254 characters.
 */
public final class EmailAddress {
  private static final Pattern SHAPE =
      Pattern.compile(
          "[^@\\s\\p{Cntrl}]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private EmailAddress() {}

  public static String normalise(String field, String email) {
    Check.required(field, email);
    String trimmed = email.strip();
    if (trimmed.length() > 254) {
      return Check.matches(field, "", SHAPE, "must be an e-mail address");
    }
    return Check.matches(field, trimmed, SHAPE, "must be an e-mail address")
        .toLowerCase(Locale.ROOT);
  }
}
