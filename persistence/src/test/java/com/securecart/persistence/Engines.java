package com.securecart.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** A fresh database per test on H2 ("h2") or on the local PostgreSQL ("postgres"). */
final class Engines {
  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private Engines() {}

  static String user(String engine) {
    return engine.equals("h2") ? "sa" : "postgres";
  }

  /** A migrated database of two connections whose statements and commits {@code counter} counts. */
  static Database counted(String engine, String url, CountingTransactions counter) {
    Database db =
        new Database(
            url, user(engine), "", 2, new Database.Instrumentation(null, List.of(counter)));
    db.migrate();
    return db;
  }

  static String freshUrl(String engine, String prefix) {
    String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (engine.equals("h2")) {
      return H2Urls.memory(name);
    }
    try (Connection c = DriverManager.getConnection(PG_ADMIN);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      // As the server ITs' TestDatabases do: CI sets securecart.requirePostgres and fails instead.
      if (Boolean.getBoolean("securecart.requirePostgres")) {
        throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required", e);
      }
      Assumptions.abort("PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
  }

  static void drop(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      return;
    }
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Connection c = DriverManager.getConnection(PG_ADMIN);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // Best effort: a leftover test database is harmless.
    }
  }
}
