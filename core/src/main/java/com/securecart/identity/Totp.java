package com.securecart.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The RFC 6238 rules SecureCart applies: 30-second steps, 6 digits, SHA-1 (what every authenticator
 * app supports), one step of clock drift either way. Which step matched is returned so that the
 * caller can refuse a code whose step was already used (a replayed code).
 */
final class Totp {
  static final int STEP_SECONDS = 30;

  /** 160 bits, the HMAC-SHA-1 block RFC 4226 recommends. */
  private static final int SECRET_BYTES = 20;

  /** 128 bits, RFC 4226's minimum, for secrets provisioned from the environment. */
  static final int MIN_SECRET_BYTES = 16;

  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OneTimeCodes codes;

  Totp(OneTimeCodes codes) {
    this.codes = codes;
  }

  static boolean looksLikeCode(String code) {
    return code != null && SIX_DIGITS.matcher(code.strip()).matches();
  }

  static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base32.encode(bytes);
  }

  /** Whether a base32 text is usable as a secret: decodable and at least 128 bits. */
  static boolean validSecret(String base32) {
    try {
      return base32 != null && Base32.decode(base32).length >= MIN_SECRET_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A secret as stored: upper case, no spaces or padding. */
  static String normalise(String base32) {
    return base32.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
  }

  static String uri(String issuer, String account, String secret) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret
        + "&issuer="
        + enc(issuer)
        + "&algorithm=SHA1&digits=6&period="
        + STEP_SECONDS;
  }

  /** The step (within one of now's) whose code this is, if any; compared in constant time. */
  OptionalLong match(String secret, String code, Instant now) {
    if (!looksLikeCode(code)) {
      return OptionalLong.empty();
    }
    byte[] key = Base32.decode(secret);
    byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
    long current = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    OptionalLong found = OptionalLong.empty();
    for (long step = current - 1; step <= current + 1; step++) {
      byte[] expected = codes.code(key, step).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given) && found.isEmpty()) {
        found = OptionalLong.of(step);
      }
    }
    return found;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
