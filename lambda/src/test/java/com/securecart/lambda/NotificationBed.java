package com.securecart.lambda;

import com.icegreen.greenmail.util.GreenMail;
import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.app.SettingsReader;
import com.securecart.orders.Address;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import com.securecart.persistence.JdbiOrderImport.HistoricOrder;
import com.securecart.shared.Money;
import com.securecart.shared.ProductId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database (H2 in memory or a new PostgreSQL database), migrated as the service would, and
 * SecureCart wired on it as a Lambda execution environment would be: from {@code SECURECART_*}
 * variables, mail through SMTPS with TLS required (SES's SMTP interface, GreenMail here).
 */
final class NotificationBed implements AutoCloseable {
  enum Engine {
    H2,
    POSTGRES
  }

  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  final String url;
  private final List<Contexts> wired = new ArrayList<>();
  private final List<Database> databases = new ArrayList<>();

  NotificationBed(Engine engine) {
    String name = "sc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (engine == Engine.H2) {
      url = H2Urls.memory(name);
    } else {
      try (Connection c = DriverManager.getConnection(PG_ADMIN);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432: " + e.getMessage());
      }
      url = "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }
    try (Database migrating = new Database(url, null, null, 2)) {
      migrating.migrate();
    }
  }

  /** SecureCart as one execution environment wires it, mailing through {@code smtpPort}. */
  Contexts contexts(int smtpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_DB_URL", url);
    env.put("SECURECART_DB_POOL_SIZE", "4");
    env.put("SECURECART_SMTP_HOST", "127.0.0.1");
    env.put("SECURECART_SMTP_PORT", String.valueOf(smtpPort));
    env.put("SECURECART_SMTP_TLS", "implicit");
    env.put("SECURECART_SMTP_FROM", "SecureCart <orders@securecart.test>");
    AppSettings settings = SettingsReader.app(env, Path.of("target/lambda-data"));
    DatabaseSettings db = settings.database();
    Database database = new Database(db.url(), db.user(), db.password(), db.poolSize());
    databases.add(database);
    Contexts contexts = Contexts.wire(settings, database, Clock.systemUTC(), Observers.none());
    wired.add(contexts);
    return contexts;
  }

  static Contexts contexts(NotificationBed bed, GreenMail mail) {
    return bed.contexts(mail.getSmtps().getPort());
  }

  /** A confirmed order mailed to {@code email}; returns its id. */
  long confirmedOrder(Contexts contexts, String email) {
    String number = "SC-" + UUID.randomUUID().toString().substring(0, 8);
    Money price = Money.of(1_250, "EUR");
    Money zero = Money.of(0, "EUR");
    contexts
        .orderImport()
        .insertOrders(
            List.of(
                new HistoricOrder(
                    number,
                    null,
                    email,
                    new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", "DE"),
                    List.of(new OrderLine(new ProductId(1), "SKU-1", "Teapot", price, 1, price)),
                    OrderTotals.of(price, zero, zero),
                    OrderStatus.CONFIRMED,
                    null,
                    Instant.parse("2026-12-01T10:00:00Z"))));
    return queryLong("SELECT id FROM orders WHERE number = ?", number);
  }

  long queryLong(String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    wired.forEach(Contexts::close);
    databases.forEach(Database::close);
    if (url.startsWith("jdbc:postgresql:")) {
      String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
      try (Connection c = DriverManager.getConnection(PG_ADMIN);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException e) {
        // Best effort: a leftover test database is harmless.
      }
    }
  }
}
