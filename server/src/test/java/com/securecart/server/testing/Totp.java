package com.securecart.server.testing;

import static org.awaitility.Awaitility.await;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for tests: the RFC 6238 code of a base32 secret at a time step, computed
 * independently of the server's code path (only the HMAC library is shared).
 */
public final class Totp {
  private static final TimeBasedOneTimePasswordGenerator GENERATOR =
      new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

  /** The last step used per server and account: the server refuses a step used before. */
  private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

  private Totp() {}

  /**
   * The next code of {@code secret} that the server behind {@code key} (its base URL and the
   * account) has not seen from this JVM: the oldest step of the window (one step either side of
   * now) after the last one used; when the window is used up, this waits for the next step.
   */
  public static String next(String key, String secret, Clock clock) {
    long step;
    synchronized (LAST_STEP) {
      long now = step(clock);
      step = Math.max(now - 1, LAST_STEP.getOrDefault(key, Long.MIN_VALUE) + 1);
      LAST_STEP.put(key, step);
    }
    long wanted = step;
    if (wanted > step(clock) + 1) {
      // Steps taken ahead by earlier sign-ins: wait for each of them to come into the window.
      await()
          .atMost(Duration.ofSeconds(30 * (wanted - step(clock)) + 5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> step(clock) + 1 >= wanted);
    }
    return code(secret, wanted);
  }

  /**
   * Forgets the steps used with the server at {@code base}, for a new server that got an earlier
   * one's port. (A server on a database another one used may then be offered a used step; the
   * sign-in helpers try the next one.)
   */
  public static void forget(String base) {
    synchronized (LAST_STEP) {
      LAST_STEP.keySet().removeIf(key -> key.startsWith(base + "|"));
    }
  }

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
