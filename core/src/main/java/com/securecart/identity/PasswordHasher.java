package com.securecart.identity;

/** Port to a memory-hard password hash (Argon2id in production). */
public interface PasswordHasher {
  String hash(String password);

  boolean verify(String password, String hash);
}
