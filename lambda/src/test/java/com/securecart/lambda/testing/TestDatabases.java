package com.securecart.lambda.testing;

import com.securecart.persistence.H2Urls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for the handlers' integration tests (a minimal copy of the server's: lambda may
 * not depend on server): an in-memory H2, or a new PostgreSQL database on 127.0.0.1:5432. Without
 * PostgreSQL the PostgreSQL variants skip, unless -Dsecurecart.requirePostgres=true (CI): then they
 * fail.
 */
public final class TestDatabases {
  private static final String PG_ADMIN_URL =
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  /** The engines the handlers' tests run on. */
  public enum Engine {
    H2,
    POSTGRES
  }

  private TestDatabases() {}

  public static String freshUrl(Engine engine) {
    String name = "sc_lambda_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (engine == Engine.H2) {
      return H2Urls.memory(name);
    }
    requirePostgres();
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
  }

  /** Drops a PostgreSQL test database; H2 memory databases need no dropping. */
  public static void drop(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      return;
    }
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // Best effort: a leftover test database is harmless.
    }
  }

  public static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL)) {
      c.isValid(2);
    } catch (SQLException e) {
      if (Boolean.getBoolean("securecart.requirePostgres")) {
        throw new IllegalStateException(
            "PostgreSQL is required (securecart.requirePostgres=true) but 127.0.0.1:5432 is not reachable",
            e);
      }
      Assumptions.abort(
          "PostgreSQL on 127.0.0.1:5432 is not reachable: skipping the PostgreSQL variant of this test");
    }
  }
}
