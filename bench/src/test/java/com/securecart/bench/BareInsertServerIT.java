package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout benchmark's baseline server against the local PostgreSQL (127.0.0.1:5432, user
 * postgres, trust auth), on a scratch database of its own: POST /bare answers 201 and leaves
 * exactly one committed row per request. Like the server's PostgreSQL tests, it is skipped when
 * PostgreSQL is not reachable unless -Dsecurecart.requirePostgres=true (CI), where it fails.
 */
class BareInsertServerIT {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private final String name = "sc_bare_it_" + UUID.randomUUID().toString().substring(0, 8);
  private String url;
  private BareInsertServer server;

  @BeforeEach
  void scratchDatabase() {
    try (Connection c = DriverManager.getConnection(ADMIN);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if (Boolean.getBoolean("securecart.requirePostgres")) {
        throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is required", e);
      }
      Assumptions.abort("PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
    }
    url = "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
  }

  @AfterEach
  void drop() throws SQLException {
    if (server != null) {
      server.close();
    }
    if (url != null) {
      try (Connection c = DriverManager.getConnection(ADMIN);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private ShopClient start(int poolSize) {
    server = new BareInsertServer(url, 0, poolSize);
    return new ShopClient(
        URI.create("http://127.0.0.1:" + server.port() + "/"),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  private long rows() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM bare_insert")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void eachPostAnswers201AndCommitsOneRow() throws Exception {
    ShopClient client = start(4);

    ShopClient.Reply first = client.post("/bare", Map.of("note", "one"));
    ShopClient.Reply second = client.post("/bare", Map.of("note", "two"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body().path("id").asLong()).isGreaterThan(first.body().path("id").asLong());
    // Read on a connection of its own: the rows are committed, not only visible to the server.
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT payload FROM bare_insert ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("{\"note\":\"one\"}");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("{\"note\":\"two\"}");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void anotherPathIsNotFoundAndWritesNothing() throws Exception {
    ShopClient client = start(2);

    assertThat(client.post("/other", Map.of("note", "x")).status()).isEqualTo(404);
    assertThat(rows()).isZero();
  }
}
