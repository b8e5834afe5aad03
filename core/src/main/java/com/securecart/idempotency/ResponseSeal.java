package com.securecart.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a secret that a stored response must hold (a guest order's access token) so that the
 * database alone does not reveal it: AES-256-GCM under a key derived (HKDF-SHA256) from the
 * idempotency key, which the database holds only as a digest, and bound to the record's scope. The
 * client presents the key again on a replay, so the server can open the seal then and only then
 * (docs/adr/0004).
 */
public final class ResponseSeal {
  /** Marks a sealed value; the rest is base64url(iv || ciphertext || tag). */
  public static final String PREFIX = "sealed.v1.";

  /** A sealed value as it appears in a stored body. */
  public static final Pattern SEALED =
      Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{20,400}");

  private static final byte[] SALT =
      "securecart/idempotency/response-seal/v1".getBytes(StandardCharsets.UTF_8);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResponseSeal() {}

  public static String seal(IdempotencyKey key, String scope, String secret) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey(key, scope), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every JDK", e);
    }
  }

  /** The secret; empty when the value is not sealed or not under this key and scope. */
  public static Optional<String> open(IdempotencyKey key, String scope, String sealed) {
    if (sealed == null || !SEALED.matcher(sealed).matches()) {
      return Optional.empty();
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
      if (in.length <= IV_BYTES + TAG_BITS / 8) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, aesKey(key, scope), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return Optional.of(new String(plain, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every JDK", e);
    }
  }

  /** HKDF-SHA256 (RFC 5869): extract with a fixed salt, expand one block with the scope. */
  private static SecretKeySpec aesKey(IdempotencyKey key, String scope)
      throws GeneralSecurityException {
    Mac extract = Mac.getInstance("HmacSHA256");
    extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
    byte[] prk = extract.doFinal(key.value().getBytes(StandardCharsets.UTF_8));
    Mac expand = Mac.getInstance("HmacSHA256");
    expand.init(new SecretKeySpec(prk, "HmacSHA256"));
    expand.update(scope.getBytes(StandardCharsets.UTF_8));
    expand.update((byte) 1);
    return new SecretKeySpec(expand.doFinal(), "AES");
  }
}
