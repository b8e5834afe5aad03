package com.securecart.server.config;

import com.securecart.checkout.PricingRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything SecureCart can be told, in one validated record. Built from flags and {@code
 * SECURECART_*} environment variables by {@link ConfigLoader}; tests build it directly.
 */
public record Config(
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    int demoProducts,
    DemoData demoData,
    Path onlineRetailFile,
    String batchReadDbUrl,
    Set<Role> roles,
    String adminEmail,
    String adminPassword,
    Smtp smtp,
    Duration sessionTtl,
    Duration reservationTtl,
    PricingRules pricing,
    long maxBodyBytes,
    Duration workerPollInterval,
    Telemetry telemetry,
    AdmissionConfig admission,
    ReservationMode reservationMode) {

  /**
   * How checkouts take stock (docs/adr/0012): {@code COALESCED} groups concurrent buyers of the
   * same goods into one transaction per batch; {@code DIRECT} gives each buyer a transaction of his
   * own (one row lock and commit each), kept for comparison.
   */
  public enum ReservationMode {
    DIRECT,
    COALESCED
  }

  /**
   * What an empty database is filled with at start: {@code GENERATED} products ({@code
   * --demo-products}), or the real UCI Online Retail catalog, customers and order history.
   */
  public enum DemoData {
    GENERATED,
    ONLINE_RETAIL
  }

  /** The parts an instance can run; a tier runs only its own. */
  public enum Role {
    API,
    WORKERS,
    SEARCH,
    /** Runs the nightly batch (analytics, recommendation model) at 02:00 local time. */
    BATCH
  }

  /**
   * Metrics and traces: the bearer token {@code GET /metrics} requires (null: open, as scrapers on
   * a private network expect) and the OTLP/HTTP endpoint spans go to (null: none leave).
   */
  public record Telemetry(String metricsToken, String otlpEndpoint) {
    public static final Telemetry DEFAULTS = new Telemetry(null, null);

    public Telemetry {
      if (metricsToken != null && metricsToken.isBlank()) {
        metricsToken = null;
      }
      if (metricsToken != null && metricsToken.length() < 16) {
        throw new ConfigException("SECURECART_METRICS_TOKEN must be at least 16 characters");
      }
      if (otlpEndpoint != null && otlpEndpoint.isBlank()) {
        otlpEndpoint = null;
      }
      if (otlpEndpoint != null
          && !(otlpEndpoint.startsWith("http://") || otlpEndpoint.startsWith("https://"))) {
        throw new ConfigException(
            "SECURECART_OTLP_ENDPOINT must be an http(s) URL such as"
                + " http://localhost:4318/v1/traces");
      }
    }

    @Override
    public String toString() {
      return "Telemetry[metrics="
          + (metricsToken == null ? "open" : "token")
          + ", otlp="
          + (otlpEndpoint == null ? "off" : otlpEndpoint)
          + "]";
    }
  }

  /** SMTP settings; absent (null host) means the local mailbox. */
  public record Smtp(
      String host, int port, String user, String password, String from, boolean startTls) {
    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", from=" + from + "]";
    }
  }

  public Config {
    if (port < 0 || port > 65_535) {
      throw new ConfigException("SECURECART_PORT / --port must be 0 to 65535, got " + port);
    }
    if (roles.isEmpty()) {
      throw new ConfigException("--roles must name at least one of: api, workers, search");
    }
    if (demoProducts < 0 || demoProducts > 5_000_000) {
      throw new ConfigException("--demo-products must be 0 to 5000000, got " + demoProducts);
    }
    if (dbPoolSize < 2 || dbPoolSize > 200) {
      throw new ConfigException("SECURECART_DB_POOL_SIZE must be 2 to 200");
    }
    if (dbUrl == null || !(dbUrl.startsWith("jdbc:h2:") || dbUrl.startsWith("jdbc:postgresql:"))) {
      throw new ConfigException(
          "SECURECART_DB_URL / --db must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    if (demoData == null) {
      throw new ConfigException("--demo-data must be generated or online-retail");
    }
    if (batchReadDbUrl != null && batchReadDbUrl.isBlank()) {
      batchReadDbUrl = null;
    }
    if (batchReadDbUrl != null
        && !(batchReadDbUrl.startsWith("jdbc:h2:")
            || batchReadDbUrl.startsWith("jdbc:postgresql:"))) {
      throw new ConfigException(
          "SECURECART_BATCH_READ_DB_URL / --batch-read-db must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    roles = Set.copyOf(roles);
    telemetry = telemetry == null ? Telemetry.DEFAULTS : telemetry;
    if (admission == null) {
      throw new ConfigException("admission settings are required");
    }
    if (reservationMode == null) {
      throw new ConfigException("SECURECART_RESERVATION_MODE must be direct or coalesced");
    }
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  public boolean postgres() {
    return dbUrl.startsWith("jdbc:postgresql:");
  }

  /** Defaults for tests: an in-memory H2 database, a random port, no demo data, every role. */
  public static Config forTests(String dbUrl) {
    return new Config(
        0,
        tempDir(),
        dbUrl,
        null,
        null,
        16,
        0,
        DemoData.GENERATED,
        null,
        null,
        Set.of(Role.API, Role.WORKERS, Role.SEARCH),
        "admin@securecart.test",
        "admin-password-for-tests",
        null,
        Duration.ofHours(12),
        Duration.ofMinutes(15),
        PricingRules.defaults(),
        1_048_576,
        Duration.ofMillis(50),
        Telemetry.DEFAULTS,
        AdmissionConfig.forTests(),
        ReservationMode.COALESCED);
  }

  private static Path tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("securecart-test");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Where this instance keeps its search index. */
  public Path searchIndexDir() {
    return dataDir.resolve("search-index");
  }

  public Config withRoles(Set<Role> newRoles) {
    return copy(c -> c.roles = newRoles);
  }

  public Config withPort(int newPort) {
    return copy(c -> c.port = newPort);
  }

  public Config withSmtp(Smtp newSmtp) {
    return copy(c -> c.smtp = newSmtp);
  }

  public Config withDemoProducts(int count) {
    return copy(c -> c.demoProducts = count);
  }

  public Config withDemoData(DemoData data) {
    return copy(c -> c.demoData = data);
  }

  /** The Online Retail file to load ({@code SECURECART_ONLINE_RETAIL}); null: the usual places. */
  public Config withOnlineRetailFile(Path file) {
    return copy(c -> c.onlineRetailFile = file);
  }

  public Config withBatchReadDbUrl(String url) {
    return copy(c -> c.batchReadDbUrl = url);
  }

  public Config withReservationTtl(Duration ttl) {
    return copy(c -> c.reservationTtl = ttl);
  }

  public Config withAdmission(AdmissionConfig newAdmission) {
    return copy(c -> c.admission = newAdmission);
  }

  public Config withReservationMode(ReservationMode mode) {
    return copy(c -> c.reservationMode = mode);
  }

  /** This configuration with some settings changed; the record validates the result again. */
  private Config copy(java.util.function.Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The settings of a configuration, as fields to change before building a new one. */
  private static final class Copy {
    int port;
    Path dataDir;
    String dbUrl;
    String dbUser;
    String dbPassword;
    int dbPoolSize;
    int demoProducts;
    DemoData demoData;
    Path onlineRetailFile;
    String batchReadDbUrl;
    Set<Role> roles;
    String adminEmail;
    String adminPassword;
    Smtp smtp;
    Duration sessionTtl;
    Duration reservationTtl;
    PricingRules pricing;
    long maxBodyBytes;
    Duration workerPollInterval;
    Telemetry telemetry;
    AdmissionConfig admission;
    ReservationMode reservationMode;

    Copy(Config c) {
      port = c.port;
      dataDir = c.dataDir;
      dbUrl = c.dbUrl;
      dbUser = c.dbUser;
      dbPassword = c.dbPassword;
      dbPoolSize = c.dbPoolSize;
      demoProducts = c.demoProducts;
      demoData = c.demoData;
      onlineRetailFile = c.onlineRetailFile;
      batchReadDbUrl = c.batchReadDbUrl;
      roles = c.roles;
      adminEmail = c.adminEmail;
      adminPassword = c.adminPassword;
      smtp = c.smtp;
      sessionTtl = c.sessionTtl;
      reservationTtl = c.reservationTtl;
      pricing = c.pricing;
      maxBodyBytes = c.maxBodyBytes;
      workerPollInterval = c.workerPollInterval;
      telemetry = c.telemetry;
      admission = c.admission;
      reservationMode = c.reservationMode;
    }

    Config build() {
      return new Config(
          port,
          dataDir,
          dbUrl,
          dbUser,
          dbPassword,
          dbPoolSize,
          demoProducts,
          demoData,
          onlineRetailFile,
          batchReadDbUrl,
          roles,
          adminEmail,
          adminPassword,
          smtp,
          sessionTtl,
          reservationTtl,
          pricing,
          maxBodyBytes,
          workerPollInterval,
          telemetry,
          admission,
          reservationMode);
    }
  }

  @Override
  public String toString() {
    return "Config[port="
        + port
        + ", db="
        + (postgres() ? "postgresql" : "h2")
        + ", roles="
        + roles
        + ", demo="
        + (demoData == DemoData.GENERATED ? demoProducts + " generated products" : "online retail")
        + (batchReadDbUrl == null ? "" : ", batch reads from a replica")
        + ", smtp="
        + (smtp == null ? "local mailbox" : smtp)
        + ", "
        + telemetry
        + ", reservations="
        + reservationMode.name().toLowerCase(java.util.Locale.ROOT)
        + "]";
  }
}
