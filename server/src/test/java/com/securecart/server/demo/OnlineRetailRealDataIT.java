package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.Contexts;
import com.securecart.app.Observers;
import com.securecart.persistence.Database;
import com.securecart.server.testing.Corpora;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real file (SECURECART_ONLINE_RETAIL, else online-retail/ in the shared data that {@link
 * Corpora} finds) loads on H2 with the counts worked out from it independently: skipped where the
 * file is absent, failed in CI. The nightly figures of a year of days are left out here
 * (OnlineRetailDemoIT covers them), to keep the test short.
 */
class OnlineRetailRealDataIT {
  @Test
  void theWholeFileLoadsOnH2(@TempDir Path dataDir) throws Exception {
    String configured = System.getenv("SECURECART_ONLINE_RETAIL");
    Path file =
        configured == null || configured.isBlank()
            ? Corpora.file("online-retail/" + OnlineRetailCsv.FILE_NAME)
            : Path.of(configured);
    if (!Files.isRegularFile(file)) {
      Corpora.missing("SECURECART_ONLINE_RETAIL=" + configured + " is not a file");
    }
    String url = TestDatabases.freshUrl(Engine.H2);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (Database db = new Database(url, null, null, 4);
        Contexts contexts =
            Contexts.wire(TestConfigs.app(url), db, Clock.systemUTC(), Observers.none())) {
      db.migrate();
      OnlineRetailDemo demo =
          demo(contexts, new PrintStream(console, true, StandardCharsets.UTF_8));

      long started = System.nanoTime();
      assertThat(demo.load(file, dataDir)).isEqualTo(OnlineRetailDemo.Outcome.LOADED);
      System.out.printf(
          "online retail on H2: loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);

      // Goods with a positive price: 3,812 stock codes (lower-case variants merged); invoices
      // with goods: 19,773 sales and 3,422 cancellations; 1,410 of them without a customer.
      assertThat(
              query(
                  url,
                  "SELECT (SELECT COUNT(*) FROM products) || ' ' || (SELECT COUNT(*) FROM accounts"
                      + " WHERE role = 'CUSTOMER') || ' ' || (SELECT COUNT(*) FROM orders) || ' '"
                      + " || (SELECT COUNT(*) FROM orders WHERE status = 'CANCELLED') || ' ' ||"
                      + " (SELECT COUNT(*) FROM orders WHERE customer_id IS NULL) || ' ' ||"
                      + " (SELECT COUNT(*) FROM order_lines)"))
          .isEqualTo("3812 4372 23195 3422 1410 536462");
      assertThat(
              query(
                  url,
                  "SELECT SUM(subtotal_cents) || ' ' || SUM(shipping_cents) FROM orders"
                      + " WHERE status = 'CONFIRMED'"))
          .isEqualTo("1027143306 27711879");
      assertThat(
              query(
                  url,
                  "SELECT SUM(subtotal_cents) || ' ' || SUM(shipping_cents) FROM orders"
                      + " WHERE status = 'CANCELLED'"))
          .isEqualTo("47872418 39323");
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("541,909 lines read")
          .contains("Demo customer with the richest history: customer-");

      assertThat(demo.load(file, dataDir)).isEqualTo(OnlineRetailDemo.Outcome.ALREADY_LOADED);
      assertThat(query(url, "SELECT COUNT(*) FROM orders")).isEqualTo("23195");
    }
  }

  private static OnlineRetailDemo demo(Contexts c, PrintStream console) {
    return new OnlineRetailDemo(
        c.catalog(),
        c.identity(),
        c.analytics(),
        c.orderImport(),
        c.database().transactions(),
        Clock.systemUTC(),
        console);
  }

  private static String query(String url, String sql) throws SQLException {
    return OnlineRetailDemoIT.rows(url, sql).getFirst();
  }
}
