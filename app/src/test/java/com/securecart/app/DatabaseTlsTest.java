package com.securecart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTlsTest {
  private static final String PG = "jdbc:postgresql://db.example:5432/securecart";

  @Test
  void theModeAndRootCertificateAreAddedToPostgresUrlsOnly() {
    DatabaseTls tls = new DatabaseTls("verify-full", null);
    assertThat(tls.apply(PG, "X")).isEqualTo(PG + "?sslmode=verify-full");
    assertThat(tls.apply(PG + "?ApplicationName=a", "X"))
        .isEqualTo(PG + "?ApplicationName=a&sslmode=verify-full");
    assertThat(tls.apply("jdbc:h2:mem:x", "X")).isEqualTo("jdbc:h2:mem:x");
    assertThat(DatabaseTls.asGiven().apply(PG, "X")).isEqualTo(PG);
  }

  @Test
  void aUrlThatAsksForLessIsRefusedNotOverridden() {
    DatabaseTls tls = new DatabaseTls("verify-full", null);
    assertThat(tls.apply(PG + "?sslmode=verify-full", "X")).isEqualTo(PG + "?sslmode=verify-full");
    assertThatThrownBy(() -> tls.apply(PG + "?sslmode=require", "SECURECART_DB_URL"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_DB_URL names sslmode=require")
        .hasMessageContaining("verify-full");
  }

  @Test
  void unknownModesAndMissingFilesAreRefusedAtStart() {
    assertThatThrownBy(() -> new DatabaseTls("verify_full", null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_DB_SSLMODE");
    assertThatThrownBy(() -> new DatabaseTls("verify-full", "/nonexistent/ca.pem"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_DB_SSLROOTCERT");
  }

  @Test
  void theSettingsReaderAppliesItToThePrimaryAndTheBatchReplica() {
    AppSettings settings =
        SettingsReader.app(
            Map.of(
                "SECURECART_DB_URL", PG,
                "SECURECART_BATCH_READ_DB_URL", "jdbc:postgresql://replica.example/securecart",
                "SECURECART_DB_SSLMODE", "verify-full"),
            Path.of("target"));
    assertThat(settings.database().url()).endsWith("?sslmode=verify-full");
    assertThat(settings.batch().readDbUrl()).endsWith("?sslmode=verify-full");
  }

  @Test
  void theBundledRdsAuthoritiesAreRdsRootsValidTodayAndPgjdbcCanReadTheFile() throws Exception {
    String url = new DatabaseTls("verify-full", DatabaseTls.AWS_RDS).apply(PG, "X");
    Path file = DatabaseTls.awsRdsBundle();
    assertThat(url).contains("sslrootcert=").contains(file.getFileName().toString());
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    assertThat(certificates).hasSizeGreaterThanOrEqualTo(60);
    for (Certificate c : certificates) {
      X509Certificate x = (X509Certificate) c;
      assertThat(x.getSubjectX500Principal().getName()).contains("Amazon RDS");
      assertThat(x.getNotAfter().toInstant()).isAfter(Instant.parse("2026-12-07T00:00:00Z"));
    }
    // The regions' current roots (RSA2048 G1) are there, the ones new RDS instances use.
    assertThat(certificates)
        .anyMatch(
            c ->
                ((X509Certificate) c)
                    .getSubjectX500Principal()
                    .getName()
                    .contains("Amazon RDS us-east-1 Root CA RSA2048 G1"));
  }
}
