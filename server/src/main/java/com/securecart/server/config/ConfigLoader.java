package com.securecart.server.config;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;

import com.securecart.app.AccountSettings;
import com.securecart.app.AppSettings;
import com.securecart.app.BatchSettings;
import com.securecart.app.CheckoutSettings;
import com.securecart.app.ConfigException;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.MailSettings;
import com.securecart.app.WorkerSettings;
import com.securecart.checkout.PricingRules;
import com.securecart.persistence.H2Urls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link Config} from command-line flags, which win, and {@code SECURECART_*} environment
 * variables.
 */
public final class ConfigLoader {
  private static final Map<String, String> FLAGS =
      Map.of(
          "--port", "SECURECART_PORT",
          "--data-dir", "SECURECART_DATA_DIR",
          "--db", "SECURECART_DB_URL",
          "--demo-products", "SECURECART_DEMO_PRODUCTS",
          "--demo-data", "SECURECART_DEMO_DATA",
          "--batch-read-db", "SECURECART_BATCH_READ_DB_URL",
          "--roles", "SECURECART_ROLES");

  private ConfigLoader() {}

  public static Config load(String[] args, Map<String, String> env) {
    Map<String, String> values = new HashMap<>(env);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String variable = FLAGS.get(name);
      if (variable == null) {
        throw new ConfigException("unknown option " + name + "; known: " + FLAGS.keySet());
      }
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException(name + " needs a value");
      }
      values.put(variable, value);
    }
    Path dataDir = Path.of(values.getOrDefault("SECURECART_DATA_DIR", "data"));
    return new Config(
        roles(values.getOrDefault("SECURECART_ROLES", "all")),
        dataDir,
        app(values, dataDir),
        new HttpSettings(
            integer(values, "SECURECART_PORT", 8080),
            integer(values, "SECURECART_MAX_BODY_BYTES", 1_048_576),
            integer(values, "SECURECART_MAX_EVENT_STREAMS", 2_000),
            AdmissionConfig.load(values)),
        new DemoSettings(
            integer(values, "SECURECART_DEMO_PRODUCTS", 10_000),
            demoData(values.getOrDefault("SECURECART_DEMO_DATA", "generated")),
            optionalPath(values.get("SECURECART_ONLINE_RETAIL"))),
        new TelemetrySettings(
            values.get("SECURECART_METRICS_TOKEN"), values.get("SECURECART_OTLP_ENDPOINT")));
  }

  /** What the contexts are built from; the same variables configure every entry point. */
  public static AppSettings app(Map<String, String> values, Path dataDir) {
    DatabaseSettings database =
        new DatabaseSettings(
            values.getOrDefault("SECURECART_DB_URL", defaultDbUrl(dataDir)),
            values.get("SECURECART_DB_USER"),
            values.get("SECURECART_DB_PASSWORD"),
            integer(values, "SECURECART_DB_POOL_SIZE", 16));
    // Every fallback is the app's own default, stated once there.
    AppSettings d = AppSettings.defaults(database);
    CheckoutSettings c = d.checkout();
    return new AppSettings(
        database,
        new CheckoutSettings(
            pricing(values),
            duration(values, "SECURECART_RESERVATION_TTL_MINUTES", MINUTES, c.reservationTtl()),
            reservationMode(
                values.getOrDefault("SECURECART_RESERVATION_MODE", c.reservationMode().name())),
            integer(values, "SECURECART_COALESCING_BATCH", c.coalescingBatch()),
            integer(values, "SECURECART_COALESCING_LANES", c.coalescingLanes()),
            duration(
                values, "SECURECART_IDEMPOTENCY_RETENTION_HOURS", HOURS, c.idempotencyRetention()),
            duration(
                values, "SECURECART_IDEMPOTENCY_LEASE_SECONDS", SECONDS, c.idempotencyLease())),
        new WorkerSettings(
            duration(values, "SECURECART_WORKER_POLL_MS", MILLIS, d.workers().pollInterval()),
            integer(values, "SECURECART_WORKER_LOOPS", d.workers().loops())),
        new AccountSettings(
            duration(values, "SECURECART_SESSION_TTL_MINUTES", MINUTES, d.accounts().sessionTtl()),
            values.getOrDefault("SECURECART_ADMIN_EMAIL", d.accounts().adminEmail()),
            values.get("SECURECART_ADMIN_PASSWORD")),
        new BatchSettings(
            values.get("SECURECART_BATCH_READ_DB_URL"),
            integer(values, "SECURECART_BATCH_READ_POOL_SIZE", d.batch().readPoolSize()),
            duration(
                values, "SECURECART_MODEL_REFRESH_MINUTES", MINUTES, d.batch().modelRefresh())),
        mail(values));
  }

  /**
   * The embedded database in the data directory. H2's own exit hook would close it at SIGTERM,
   * under requests still draining; SecureCart closes it last itself (ADR 0011).
   */
  static String defaultDbUrl(Path dataDir) {
    return H2Urls.file(dataDir.toAbsolutePath().resolve("securecart"));
  }

  private static MailSettings mail(Map<String, String> values) {
    String host = values.get("SECURECART_SMTP_HOST");
    if (host == null || host.isBlank()) {
      return MailSettings.LOCAL_MAILBOX;
    }
    return new MailSettings(
        host,
        integer(values, "SECURECART_SMTP_PORT", 587),
        values.get("SECURECART_SMTP_USER"),
        values.get("SECURECART_SMTP_PASSWORD"),
        values.getOrDefault("SECURECART_SMTP_FROM", MailSettings.LOCAL_MAILBOX.from()),
        Boolean.parseBoolean(values.getOrDefault("SECURECART_SMTP_STARTTLS", "true")));
  }

  /** A whole number of {@code unit}s; the fallback is given as a duration. */
  private static Duration duration(
      Map<String, String> values, String name, ChronoUnit unit, Duration fallback) {
    long fallbackUnits = fallback.toNanos() / unit.getDuration().toNanos();
    return Duration.of(integer(values, name, Math.toIntExact(fallbackUnits)), unit);
  }

  private static Path optionalPath(String text) {
    return text == null || text.isBlank() ? null : Path.of(text.strip());
  }

  static DemoSettings.Data demoData(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "generated" -> DemoSettings.Data.GENERATED;
      case "online-retail" -> DemoSettings.Data.ONLINE_RETAIL;
      default ->
          throw new ConfigException(
              "--demo-data must be generated or online-retail, got '" + text + "'");
    };
  }

  static CheckoutSettings.ReservationMode reservationMode(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "coalesced" -> CheckoutSettings.ReservationMode.COALESCED;
      case "direct" -> CheckoutSettings.ReservationMode.DIRECT;
      default ->
          throw new ConfigException(
              "SECURECART_RESERVATION_MODE must be direct or coalesced, got '" + text + "'");
    };
  }

  static Set<Config.Role> roles(String text) {
    Set<Config.Role> roles = EnumSet.noneOf(Config.Role.class);
    for (String part : text.split(",")) {
      String role = part.strip().toLowerCase(Locale.ROOT);
      switch (role) {
        case "all" -> roles.addAll(EnumSet.allOf(Config.Role.class));
        case "api" -> roles.add(Config.Role.API);
        case "workers" -> roles.add(Config.Role.WORKERS);
        case "search" -> roles.add(Config.Role.SEARCH);
        case "batch" -> roles.add(Config.Role.BATCH);
        default ->
            throw new ConfigException(
                "--roles: unknown role '" + role + "'; use all, api, workers, search, batch");
      }
    }
    return roles;
  }

  /**
   * SECURECART_TAX_RATES=GB:2000,DE:1900 (basis points), SECURECART_TAX_DEFAULT,
   * SECURECART_SHIPPING_CENTS.
   */
  static PricingRules pricing(Map<String, String> values) {
    PricingRules defaults = PricingRules.defaults();
    Map<String, Integer> rates = new HashMap<>();
    String text = values.getOrDefault("SECURECART_TAX_RATES", "");
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.split(":");
      if (parts.length != 2 || !parts[0].strip().matches("[A-Z]{2}")) {
        throw new ConfigException(
            "SECURECART_TAX_RATES must look like GB:2000,DE:1900 (basis points)");
      }
      rates.put(
          parts[0].strip(),
          basisPoints("SECURECART_TAX_RATES", parseInt("SECURECART_TAX_RATES", parts[1].strip())));
    }
    return new PricingRules(
        rates,
        basisPoints(
            "SECURECART_TAX_DEFAULT",
            integer(values, "SECURECART_TAX_DEFAULT", defaults.defaultTaxBasisPoints())),
        atLeastZero(
            "SECURECART_SHIPPING_CENTS",
            integer(values, "SECURECART_SHIPPING_CENTS", (int) defaults.shippingCents())),
        atLeastZero(
            "SECURECART_FREE_SHIPPING_FROM_CENTS",
            integer(
                values,
                "SECURECART_FREE_SHIPPING_FROM_CENTS",
                (int) defaults.freeShippingFromCents())));
  }

  private static int basisPoints(String name, int value) {
    if (value < 0 || value > 10_000) {
      throw new ConfigException(name + " must be 0 to 10000 basis points, got " + value);
    }
    return value;
  }

  private static int atLeastZero(String name, int value) {
    if (value < 0) {
      throw new ConfigException(name + " must be 0 or more, got " + value);
    }
    return value;
  }

  static int integer(Map<String, String> values, String name, int fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : parseInt(name, value.strip());
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
