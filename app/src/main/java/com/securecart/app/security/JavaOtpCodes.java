package com.securecart.app.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.securecart.identity.OneTimeCodes;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes by java-otp (HMAC-SHA-1, 6 digits, 30-second steps), the parameters every
 * authenticator app supports; the window and replay rules are the identity context's.
 */
public final class JavaOtpCodes implements OneTimeCodes {
  private static final Duration STEP = Duration.ofSeconds(30);

  private final TimeBasedOneTimePasswordGenerator generator =
      new TimeBasedOneTimePasswordGenerator(
          STEP, 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

  @Override
  public String code(byte[] secret, long step) {
    try {
      return generator.generateOneTimePasswordString(
          new SecretKeySpec(secret, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1),
          Instant.ofEpochSecond(step * STEP.toSeconds()),
          java.util.Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable TOTP secret", e);
    }
  }
}
