package com.securecart.server.config;

import com.securecart.checkout.PricingRules;
import java.nio.file.Path;
import java.time.Duration;
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
    String dbUrl =
        values.getOrDefault(
            "SECURECART_DB_URL",
            "jdbc:h2:file:"
                + dataDir.toAbsolutePath().resolve("securecart")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
                // H2's own exit hook would close the database at SIGTERM, under requests still
                // draining; SecureCart closes it last itself (ADR 0011).
                + ";DB_CLOSE_ON_EXIT=FALSE");
    String smtpHost = values.get("SECURECART_SMTP_HOST");
    Config.Smtp smtp =
        smtpHost == null || smtpHost.isBlank()
            ? null
            : new Config.Smtp(
                smtpHost,
                integer(values, "SECURECART_SMTP_PORT", 587),
                values.get("SECURECART_SMTP_USER"),
                values.get("SECURECART_SMTP_PASSWORD"),
                values.getOrDefault("SECURECART_SMTP_FROM", "SecureCart <orders@securecart.local>"),
                Boolean.parseBoolean(values.getOrDefault("SECURECART_SMTP_STARTTLS", "true")));
    return new Config(
        integer(values, "SECURECART_PORT", 8080),
        dataDir,
        dbUrl,
        values.get("SECURECART_DB_USER"),
        values.get("SECURECART_DB_PASSWORD"),
        integer(values, "SECURECART_DB_POOL_SIZE", 16),
        integer(values, "SECURECART_DEMO_PRODUCTS", 10_000),
        demoData(values.getOrDefault("SECURECART_DEMO_DATA", "generated")),
        optionalPath(values.get("SECURECART_ONLINE_RETAIL")),
        values.get("SECURECART_BATCH_READ_DB_URL"),
        roles(values.getOrDefault("SECURECART_ROLES", "all")),
        values.getOrDefault("SECURECART_ADMIN_EMAIL", "admin@securecart.local"),
        values.get("SECURECART_ADMIN_PASSWORD"),
        smtp,
        Duration.ofMinutes(integer(values, "SECURECART_SESSION_TTL_MINUTES", 720)),
        Duration.ofMinutes(integer(values, "SECURECART_RESERVATION_TTL_MINUTES", 15)),
        pricing(values),
        integer(values, "SECURECART_MAX_BODY_BYTES", 1_048_576),
        Duration.ofMillis(integer(values, "SECURECART_WORKER_POLL_MS", 200)),
        new Config.Telemetry(
            values.get("SECURECART_METRICS_TOKEN"), values.get("SECURECART_OTLP_ENDPOINT")),
        AdmissionConfig.load(values),
        reservationMode(values.getOrDefault("SECURECART_RESERVATION_MODE", "coalesced")));
  }

  private static Path optionalPath(String text) {
    return text == null || text.isBlank() ? null : Path.of(text.strip());
  }

  static Config.DemoData demoData(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "generated" -> Config.DemoData.GENERATED;
      case "online-retail" -> Config.DemoData.ONLINE_RETAIL;
      default ->
          throw new ConfigException(
              "--demo-data must be generated or online-retail, got '" + text + "'");
    };
  }

  static Config.ReservationMode reservationMode(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "coalesced" -> Config.ReservationMode.COALESCED;
      case "direct" -> Config.ReservationMode.DIRECT;
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
      rates.put(parts[0].strip(), parseInt("SECURECART_TAX_RATES", parts[1].strip()));
    }
    return new PricingRules(
        rates,
        integer(values, "SECURECART_TAX_DEFAULT", 0),
        integer(values, "SECURECART_SHIPPING_CENTS", 499),
        integer(values, "SECURECART_FREE_SHIPPING_FROM_CENTS", 5_000));
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
