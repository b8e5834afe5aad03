package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.AppSettings;
import com.securecart.app.SettingsReader;
import com.securecart.persistence.Database;
import com.securecart.server.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code SECURECART_DB_SSLMODE=verify-full} against the local PostgreSQL with TLS on ({@code
 * ops/postgres-tls.sh}, run by {@code .ci/run}): its certificate is issued for "localhost" by a
 * test authority, as an RDS instance's is issued for its endpoint name by Amazon's. The connection
 * is encrypted, and refused when the authority or the host name is not the expected one.
 */
class DatabaseTlsIT {
  private static final Path TLS =
      Path.of(
          System.getenv()
              .getOrDefault("SECURECART_TEST_PG_TLS_DIR", "/etc/securecart-test-pg-tls"));

  @BeforeAll
  static void requireTls() {
    TestDatabases.requirePostgres();
    if (!Files.isReadable(TLS.resolve("ca.crt"))) {
      String message = "PostgreSQL TLS is not set up: run ops/postgres-tls.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
      }
      Assumptions.abort(message);
    }
  }

  private static Database open(String host, String rootCert) {
    AppSettings settings =
        SettingsReader.app(
            Map.of(
                "SECURECART_DB_URL",
                "jdbc:postgresql://" + host + ":5432/test?user=postgres",
                "SECURECART_DB_SSLMODE",
                "verify-full",
                "SECURECART_DB_SSLROOTCERT",
                TLS.resolve(rootCert).toString(),
                "SECURECART_DB_POOL_SIZE",
                "2"),
            Path.of("target"));
    return settings.database().open(2, Database.Instrumentation.none());
  }

  /** Whether the pool's connection to {@code host} is encrypted; throws when it cannot connect. */
  private static boolean encrypted(String host, String rootCert) throws Exception {
    try (Database db = open(host, rootCert);
        Connection c = db.dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  @Test
  void verifyFullConnectsOverTlsToTheNamedHost() throws Exception {
    assertThat(encrypted("localhost", "ca.crt")).isTrue();
  }

  @Test
  void anotherAuthorityIsRefused() {
    assertThatThrownBy(() -> encrypted("localhost", "other-ca.crt"))
        .hasStackTraceContaining("PKIX");
  }

  @Test
  void aCertificateForAnotherHostNameIsRefused() {
    // The certificate names localhost; the address itself is not in it.
    assertThatThrownBy(() -> encrypted("127.0.0.1", "ca.crt")).hasStackTraceContaining("127.0.0.1");
  }
}
