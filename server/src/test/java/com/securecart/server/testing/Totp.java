package com.securecart.server.testing;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for tests: the RFC 6238 code of a base32 secret at a time step, computed
 * independently of the server's code path (only the HMAC library is shared).
 */
public final class Totp {
  private static final TimeBasedOneTimePasswordGenerator GENERATOR =
      new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

  private Totp() {}

  public static long step(Clock clock) {
    return Math.floorDiv(clock.instant().getEpochSecond(), 30);
  }

  /** The code of {@code secret} for one 30-second step. */
  public static String code(String secret, long step) {
    try {
      return GENERATOR.generateOneTimePasswordString(
          new SecretKeySpec(decode(secret), "HmacSHA1"),
          Instant.ofEpochSecond(step * 30),
          Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String now(String secret, Clock clock) {
    return code(secret, step(clock));
  }

  private static byte[] decode(String base32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : base32.toUpperCase(Locale.ROOT).toCharArray()) {
      int v = alphabet.indexOf(c);
      if (v < 0) {
        continue;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
