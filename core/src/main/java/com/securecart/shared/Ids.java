package com.securecart.shared;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and secrets: 128 or more bits from a CSPRNG, URL-safe. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
