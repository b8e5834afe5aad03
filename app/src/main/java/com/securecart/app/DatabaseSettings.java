package com.securecart.app;

/**
 * The primary database: a JDBC URL (PostgreSQL in production, H2 embedded), its credentials and the
 * size of the connection pool.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
  public DatabaseSettings {
    Ranges.jdbcUrl(url, "SECURECART_DB_URL / --db");
    Ranges.require(poolSize, 2, 200, "SECURECART_DB_POOL_SIZE");
  }

  public boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + (postgres() ? "postgresql" : "h2") + ", pool=" + poolSize + "]";
  }
}
