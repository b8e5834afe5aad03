package com.securecart.app;

import com.securecart.persistence.Database;
import com.securecart.persistence.DbCredentials;
import java.util.regex.Pattern;

/**
 * The primary database: a JDBC URL (PostgreSQL in production, H2 embedded), its login and the size
 * of the connection pool. The login is either a user and password read once at start, or a Secrets
 * Manager secret ({@code SECURECART_DB_SECRET_ARN}) read again after a rotation: one source, never
 * both.
 *
 * @param secret where a rotated login lives; null: {@code user} and {@code password} (or none)
 */
public record DatabaseSettings(
    String url, String user, String password, int poolSize, DatabaseSecret secret) {
  private static final Pattern LOGIN_IN_URL =
      Pattern.compile("[?&](user|password)=", Pattern.CASE_INSENSITIVE);

  public DatabaseSettings {
    Ranges.jdbcUrl(url, "SECURECART_DB_URL / --db");
    Ranges.require(poolSize, 2, 200, "SECURECART_DB_POOL_SIZE");
    if (secret != null) {
      user = blankToNull(user);
      password = blankToNull(password);
      if (user != null || password != null) {
        throw new ConfigException(
            "SECURECART_DB_USER and SECURECART_DB_PASSWORD must not be set with"
                + " SECURECART_DB_SECRET_ARN: the secret is the one source of the database login");
      }
      secretUrl(url, "SECURECART_DB_URL / --db");
    }
  }

  public DatabaseSettings(String url, String user, String password, int poolSize) {
    this(url, user, password, poolSize, null);
  }

  /**
   * Checks that {@code url} can take its login from the secret: PostgreSQL (the wrapper that reads
   * the secret drives pgjdbc), and no user or password of its own.
   */
  static void secretUrl(String url, String setting) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          "SECURECART_DB_SECRET_ARN needs a jdbc:postgresql: URL in " + setting);
    }
    if (LOGIN_IN_URL.matcher(url).find()) {
      throw new ConfigException(
          setting
              + " must not carry user= or password= with SECURECART_DB_SECRET_ARN: the secret is"
              + " the one source of the database login");
    }
  }

  public boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The pool's login: the secret's when there is one. */
  public DbCredentials credentials() {
    return secret == null ? new DbCredentials.Fixed(user, password) : secret.credentials();
  }

  /** The primary's pool, as every entry point opens it (the server, the batch command, Lambda). */
  public Database open(int size, Database.Instrumentation instrumentation) {
    return new Database(url, credentials(), size, instrumentation);
  }

  /**
   * A read-only pool on {@code readUrl} (the primary's or a replica's) with the primary's login: a
   * replica of an RDS instance takes the same users and passwords.
   */
  public Database openReadOnly(String readUrl, int size) {
    return Database.readOnly(readUrl, credentials(), size);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  @Override
  public String toString() {
    return "DatabaseSettings["
        + (postgres() ? "postgresql" : "h2")
        + ", pool="
        + poolSize
        + (secret == null ? "" : ", login from Secrets Manager")
        + "]";
  }
}
