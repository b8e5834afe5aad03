package com.securecart.identity;

/**
 * Port to an RFC 6238 code generator (HMAC-SHA-1, 6 digits), kept outside the domain so that the
 * library doing the HMAC can change without touching the rules in {@link Totp}.
 */
public interface OneTimeCodes {
  /** The six-digit code of a secret for one 30-second time step (steps count from the epoch). */
  String code(byte[] secret, long step);
}
