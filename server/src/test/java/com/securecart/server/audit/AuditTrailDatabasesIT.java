package com.securecart.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit trail on both databases: a staff change and its entry commit together, the filters read
 * back what was written, and on PostgreSQL even a hand-written UPDATE, DELETE or TRUNCATE of the
 * trail is refused by the database.
 */
class AuditTrailDatabasesIT {
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aStockChangeIsRecordedAndReadBackThroughTheFilters(Engine engine) {
    try (TestApp app = TestApp.start(engine)) {
      String admin = app.adminToken();
      app.api().createProduct(admin, "AUDIT-DB-1", 1_000, 5);
      Api.Response set =
          app.api().put("/api/admin/inventory/AUDIT-DB-1", Map.of("onHand", 11), Api.bearer(admin));
      assertThat(set.status()).isEqualTo(200);

      Api.Response read =
          app.api().get("/api/admin/audit?action=stock&targetId=AUDIT-DB-1", Api.bearer(admin));
      assertThat(read.json().get("total").asLong()).isEqualTo(1);
      var entry = read.json().get("items").get(0);
      assertThat(entry.get("action").asText()).isEqualTo("stock.set");
      assertThat(entry.get("before").get("onHand").asText()).isEqualTo("5");
      assertThat(entry.get("after").get("onHand").asText()).isEqualTo("11");

      // A stock count below what orders reserved is refused, and leaves no entry.
      Api.Response unknown =
          app.api().put("/api/admin/inventory/NO-SUCH-SKU", Map.of("onHand", 1), Api.bearer(admin));
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(
              app.api()
                  .get("/api/admin/audit?action=stock", Api.bearer(admin))
                  .json()
                  .get("total")
                  .asLong())
          .isEqualTo(1);
    }
  }

  @Test
  void postgresRefusesToRewriteTheTrail() throws SQLException {
    try (TestApp app = TestApp.start(Engine.POSTGRES)) {
      String admin = app.adminToken();
      app.api().createProduct(admin, "AUDIT-PG-1", 1_000, 5);
      try (Connection c = DriverManager.getConnection(app.dbUrl());
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_entries SET action = 'x.y'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("append-only");
        assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entries"))
            .hasMessageContaining("append-only");
        assertThatThrownBy(() -> s.execute("TRUNCATE audit_entries"))
            .hasMessageContaining("append-only");
        try (ResultSet rs = s.executeQuery("SELECT action FROM audit_entries")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("product.created");
        }
      }
    }
  }
}
