package com.securecart.persistence;

import java.net.URI;
import java.util.Objects;

/**
 * Where a pool's connections get their login: fixed values read once at start, or a Secrets Manager
 * secret that is read again whenever the database refuses a login (after a rotation).
 */
public sealed interface DbCredentials {

  /** A user and password given at start; either may be null (H2, or a URL that carries its own). */
  record Fixed(String user, String password) implements DbCredentials {
    @Override
    public String toString() {
      return "Fixed[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
  }

  /**
   * A Secrets Manager secret holding {@code {"username": ..., "password": ...}}, as RDS's rotation
   * writes it. PostgreSQL only.
   *
   * @param secretId the secret's ARN or name
   * @param region the secret's region
   * @param endpoint the Secrets Manager endpoint, or null for the region's own (a local stand-in in
   *     tests)
   */
  record FromSecret(String secretId, String region, URI endpoint) implements DbCredentials {
    public FromSecret {
      Objects.requireNonNull(secretId, "secretId");
      Objects.requireNonNull(region, "region");
    }
  }
}
