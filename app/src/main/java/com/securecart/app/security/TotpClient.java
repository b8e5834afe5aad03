package com.securecart.app.security;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Locale;

/**
 * The client side of staff TOTP, for automation that signs the first owner in with the secret it
 * was provisioned with (SECURECART_ADMIN_TOTP_SECRET): benchmarks, the start-up training run,
 * scripts. The server's checks are the identity context's; this only computes a code.
 */
public final class TotpClient {
  private static final JavaOtpCodes CODES = new JavaOtpCodes();

  private TotpClient() {}

  /** The code of a base32 secret for the 30-second step {@code now} falls in. */
  public static String code(String base32Secret, Instant now) {
    return CODES.code(decode(base32Secret), Math.floorDiv(now.getEpochSecond(), 30));
  }

  /** A random 160-bit secret in base32, as a deployment would put in its secrets store. */
  public static String newSecret() {
    byte[] bytes = new byte[20];
    new java.security.SecureRandom().nextBytes(bytes);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }

  private static byte[] decode(String base32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
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
