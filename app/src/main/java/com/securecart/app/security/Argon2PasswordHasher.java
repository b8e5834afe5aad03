package com.securecart.app.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import com.securecart.identity.PasswordHasher;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane), stored as a PHC string
 * that carries its own parameters, so they can be raised later without invalidating existing
 * hashes.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  private static final int MEMORY_KIB = 19_456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;

  private final Argon2Function function =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  @Override
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(function).getResult();
  }

  @Override
  public boolean verify(String password, String hash) {
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
