package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.AppSettings;
import com.securecart.app.CheckoutSettings.ReservationMode;
import com.securecart.app.ConfigException;
import com.securecart.app.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private static Config load(Map<String, String> env, String... args) {
    return ConfigLoader.load(args, env);
  }

  @Test
  void reservationsAreCoalescedUnlessToldOtherwise() {
    assertThat(load(Map.of()).app().checkout().reservationMode())
        .isEqualTo(ReservationMode.COALESCED);
    assertThat(
            load(Map.of("SECURECART_RESERVATION_MODE", " Direct "))
                .app()
                .checkout()
                .reservationMode())
        .isEqualTo(ReservationMode.DIRECT);
  }

  @Test
  void anUnknownReservationModeStopsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> load(Map.of("SECURECART_RESERVATION_MODE", "batched")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_RESERVATION_MODE")
        .hasMessageContaining("direct or coalesced");
  }

  @Test
  void demoDataIsGeneratedUnlessTheOnlineRetailDataIsAskedFor() {
    assertThat(load(Map.of()).demo().data()).isEqualTo(DemoSettings.Data.GENERATED);
    assertThat(load(Map.of(), "--demo-data", "online-retail").demo().data())
        .isEqualTo(DemoSettings.Data.ONLINE_RETAIL);
    assertThatThrownBy(() -> load(Map.of(), "--demo-data=retail"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("generated or online-retail");
  }

  @Test
  void theBatchReadsThePrimaryUnlessAReplicaIsNamed() {
    assertThat(load(Map.of()).app().batch().readDbUrl()).isNull();
    assertThat(load(Map.of("SECURECART_BATCH_READ_DB_URL", " ")).app().batch().readDbUrl())
        .isNull();
    String replica = "jdbc:postgresql://replica:5432/securecart";
    Config config = load(Map.of(), "--batch-read-db", replica);
    assertThat(config.app().batch().readDbUrl()).isEqualTo(replica);
    assertThat(config.toString()).contains("batch reads from a replica").doesNotContain("replica:");
    assertThatThrownBy(() -> load(Map.of(), "--batch-read-db", "mysql://x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_BATCH_READ_DB_URL");
  }

  @Test
  void tuningThatWasInlineHasDefaults() {
    AppSettings app = load(Map.of()).app();
    assertThat(app.checkout().coalescingBatch()).isEqualTo(64);
    assertThat(app.checkout().coalescingLanes()).isEqualTo(4);
    assertThat(app.checkout().idempotencyRetention()).isEqualTo(Duration.ofHours(48));
    assertThat(app.checkout().idempotencyLease()).isEqualTo(Duration.ofSeconds(2));
    assertThat(app.workers().loops()).isEqualTo(2);
    assertThat(app.workers().pollInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(app.batch().modelRefresh()).isEqualTo(Duration.ofHours(1));
    assertThat(app.batch().readPoolSize()).isEqualTo(2);
    assertThat(load(Map.of()).http().maxEventStreams()).isEqualTo(2_000);
  }

  @Test
  void withNothingSetTheContextsGetTheAppsOwnDefaults() {
    AppSettings loaded = SettingsReader.app(Map.of(), Path.of("data"));
    assertThat(loaded).isEqualTo(AppSettings.defaults(loaded.database()));
  }

  @Test
  void tuningCanBeChanged() {
    Config config =
        load(
            Map.of(
                "SECURECART_COALESCING_BATCH", "16",
                "SECURECART_WORKER_LOOPS", "4",
                "SECURECART_WORKER_POLL_MS", "25",
                "SECURECART_OUTBOX_LEASE_SECONDS", "12",
                "SECURECART_MODEL_REFRESH_MINUTES", "5",
                "SECURECART_MAX_EVENT_STREAMS", "10"));
    assertThat(config.app().checkout().coalescingBatch()).isEqualTo(16);
    assertThat(config.app().workers().loops()).isEqualTo(4);
    assertThat(config.app().workers().pollInterval()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.app().workers().outboxLease()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.app().batch().modelRefresh()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.http().maxEventStreams()).isEqualTo(10);
  }

  @Test
  void hardeningSettingsDefaultClosedAndAreRead() {
    Config defaults = load(Map.of());
    assertThat(defaults.telemetry().metricsToken()).isNull();
    assertThat(defaults.telemetry().metricsOpen()).isFalse();
    assertThat(defaults.telemetry().serverTiming()).isFalse();
    assertThat(defaults.http().maxEventStreamsPerClient()).isEqualTo(4);
    assertThat(defaults.http().securityContact()).isNull();
    assertThat(defaults.http().publicUrl()).isNull();
    assertThat(defaults.http().maxConnections()).isZero();

    Config set =
        load(
            Map.of(
                "SECURECART_METRICS_OPEN", "true",
                "SECURECART_SERVER_TIMING", "TRUE",
                "SECURECART_MAX_EVENT_STREAMS_PER_CLIENT", "8",
                "SECURECART_SECURITY_CONTACT", "https://example.com/security",
                "SECURECART_PUBLIC_URL", "https://shop.example.com/",
                "SECURECART_MAX_CONNECTIONS", "64"));
    assertThat(set.telemetry().metricsOpen()).isTrue();
    assertThat(set.telemetry().serverTiming()).isTrue();
    assertThat(set.http().maxEventStreamsPerClient()).isEqualTo(8);
    assertThat(set.http().securityContact()).isEqualTo("https://example.com/security");
    assertThat(set.http().publicUrl()).isEqualTo("https://shop.example.com");
    assertThat(set.http().maxConnections()).isEqualTo(64);
    // Copies made for another setting keep the cap.
    assertThat(set.http().withPort(9090).withSite(null, null).maxConnections()).isEqualTo(64);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "SECURECART_METRICS_OPEN, yes",
    "SECURECART_SERVER_TIMING, 1",
    "SECURECART_MAX_EVENT_STREAMS_PER_CLIENT, 0",
    "SECURECART_SECURITY_CONTACT, security@example.com",
    "SECURECART_PUBLIC_URL, http://shop.example.com"
  })
  void badHardeningSettingsNameTheVariable(String name, String value) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(Map.of(name, value)))
        .hasMessageContaining(name);
  }

  /** A value out of range stops start-up with a message naming what to fix, never a spin. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "SECURECART_WORKER_POLL_MS, 0",
    "SECURECART_WORKER_POLL_MS, -5",
    "SECURECART_WORKER_LOOPS, 0",
    "SECURECART_OUTBOX_LEASE_SECONDS, 0",
    "SECURECART_OUTBOX_LEASE_SECONDS, 601",
    "SECURECART_COALESCING_BATCH, 0",
    "SECURECART_COALESCING_LANES, 65",
    "SECURECART_IDEMPOTENCY_RETENTION_HOURS, 0",
    "SECURECART_IDEMPOTENCY_LEASE_SECONDS, 0",
    "SECURECART_RESERVATION_TTL_MINUTES, 0",
    "SECURECART_SESSION_TTL_MINUTES, -1",
    "SECURECART_MODEL_REFRESH_MINUTES, 0",
    "SECURECART_BATCH_READ_POOL_SIZE, 0",
    "SECURECART_DB_POOL_SIZE, 1",
    "SECURECART_MAX_EVENT_STREAMS, 0",
    "SECURECART_MAX_CONNECTIONS, 4",
    "SECURECART_MAX_CONNECTIONS, -1",
    "SECURECART_MAX_BODY_BYTES, 10",
    "SECURECART_PORT, 70000",
    "SECURECART_DEMO_PRODUCTS, -1",
    "SECURECART_SMTP_PORT, 0",
    "SECURECART_TAX_DEFAULT, 10001",
    "SECURECART_SHIPPING_CENTS, -1"
  })
  void anOutOfRangeValueNamesItsSetting(String variable, String value) {
    Map<String, String> env =
        variable.startsWith("SECURECART_SMTP")
            ? Map.of(variable, value, "SECURECART_SMTP_HOST", "smtp.example.com")
            : Map.of(variable, value);
    assertThatThrownBy(() -> load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable);
  }

  @Test
  void aWordWhereANumberBelongsNamesItsSetting() {
    assertThatThrownBy(() -> load(Map.of("SECURECART_WORKER_POLL_MS", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_WORKER_POLL_MS must be a whole number");
  }

  @Test
  void theFineRolesAreReadAloneOrTogether() {
    assertThat(load(Map.of(), "--roles", "catalog").roles()).containsExactly(Config.Role.CATALOG);
    assertThat(load(Map.of("SECURECART_ROLES", " Cart ")).roles())
        .containsExactly(Config.Role.CART);
    assertThat(load(Map.of(), "--roles=catalog,cart").roles())
        .isEqualTo(Set.of(Config.Role.CATALOG, Config.Role.CART));
    assertThat(load(Map.of(), "--roles=api,workers").roles())
        .isEqualTo(Set.of(Config.Role.API, Config.Role.WORKERS));
    assertThat(load(Map.of()).roles()).isEqualTo(EnumSet.allOf(Config.Role.class));
  }

  @Test
  void aStorefrontAsksTheRecommendationsServiceOnlyWhenItDoesNotRunTheRole() {
    Config local = load(Map.of(), "--roles", "api");
    assertThat(local.remoteRecommendations()).isFalse();
    assertThat(local.recommendations().timeout()).isEqualTo(Duration.ofMillis(200));

    Map<String, String> env =
        Map.of(
            "SECURECART_RECOMMENDATIONS_URL", "http://recommendations:8080/",
            "SECURECART_RECOMMENDATIONS_TIMEOUT_MS", "350");
    Config api = load(env, "--roles", "api");
    assertThat(api.remoteRecommendations()).isTrue();
    assertThat(api.recommendations().url()).hasHost("recommendations").hasPort(8080);
    assertThat(api.recommendations().timeout()).isEqualTo(Duration.ofMillis(350));
    assertThat(load(env, "--roles", "recommendations").roles())
        .containsExactly(Config.Role.RECOMMENDATIONS);
    assertThat(load(env, "--roles", "api,recommendations").remoteRecommendations()).isFalse();
    assertThat(load(env).remoteRecommendations()).as("all includes the role").isFalse();
  }

  @Test
  void aBadRecommendationsUrlOrTimeoutStopsStartUpNamingTheSetting() {
    for (String url :
        new String[] {"recommendations:8080", "ftp://recommendations", "http://", "http://a b"}) {
      assertThatThrownBy(() -> load(Map.of("SECURECART_RECOMMENDATIONS_URL", url)))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("SECURECART_RECOMMENDATIONS_URL");
    }
    assertThatThrownBy(() -> load(Map.of("SECURECART_RECOMMENDATIONS_TIMEOUT_MS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SECURECART_RECOMMENDATIONS_TIMEOUT_MS must be 10 to 60000, got 0");
    assertThat(load(Map.of("SECURECART_RECOMMENDATIONS_URL", " ")).recommendations().url())
        .isNull();
  }

  @Test
  void anUnknownRoleStopsStartUpNamingEveryRole() {
    assertThatThrownBy(() -> load(Map.of(), "--roles", "catalog,basket"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--roles: unknown role 'basket'; use all, api, catalog, cart, recommendations,"
                + " workers, search, batch");
  }

  @Test
  void noRoleAtAllNamesEveryRole() {
    Config config = load(Map.of());
    assertThatThrownBy(() -> config.withRoles(Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("all, api, catalog, cart, recommendations, workers, search, batch");
  }

  @Test
  void theConfigurationPrintsNoSecrets() {
    Config config =
        load(
            Map.of(
                "SECURECART_DB_PASSWORD", "db-secret-123",
                "SECURECART_SMTP_HOST", "smtp.example.com",
                "SECURECART_SMTP_PASSWORD", "smtp-secret-456",
                "SECURECART_ADMIN_PASSWORD", "admin-secret-789"));
    assertThat(config.toString() + config.app())
        .doesNotContain("db-secret-123")
        .doesNotContain("smtp-secret-456")
        .doesNotContain("admin-secret-789");
  }
}
