package com.securecart.server.config;

import com.securecart.app.ConfigException;
import com.securecart.app.SettingsReader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link Config} from command-line flags, which win, and {@code SECURECART_*} environment
 * variables: the contexts' settings through app's {@link SettingsReader}, the server's own here.
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
          "--roles", "SECURECART_ROLES",
          "--pipeline", "SECURECART_PIPELINE");

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
        SettingsReader.app(values, dataDir),
        new HttpSettings(
            SettingsReader.integer(values, "SECURECART_PORT", 8080),
            SettingsReader.integer(values, "SECURECART_MAX_BODY_BYTES", 1_048_576),
            SettingsReader.integer(values, "SECURECART_MAX_EVENT_STREAMS", 2_000),
            AdmissionConfig.load(values),
            SettingsReader.integer(
                values,
                "SECURECART_MAX_EVENT_STREAMS_PER_CLIENT",
                HttpSettings.DEFAULT_EVENT_STREAMS_PER_CLIENT),
            values.get("SECURECART_SECURITY_CONTACT"),
            values.get("SECURECART_PUBLIC_URL"),
            TlsListener.from(values),
            SettingsReader.integer(values, "SECURECART_MAX_CONNECTIONS", 0)),
        new DemoSettings(
            SettingsReader.integer(values, "SECURECART_DEMO_PRODUCTS", 10_000),
            demoData(values.getOrDefault("SECURECART_DEMO_DATA", "generated")),
            optionalPath(values.get("SECURECART_ONLINE_RETAIL"))),
        new TelemetrySettings(
            values.get("SECURECART_METRICS_TOKEN"),
            values.get("SECURECART_OTLP_ENDPOINT"),
            bool(values, "SECURECART_METRICS_OPEN"),
            bool(values, "SECURECART_SERVER_TIMING")),
        pipeline(values),
        RecommendationsSettings.parse(
            values.get("SECURECART_RECOMMENDATIONS_URL"),
            SettingsReader.integer(
                values,
                "SECURECART_RECOMMENDATIONS_TIMEOUT_MS",
                (int) RecommendationsSettings.DEFAULT_TIMEOUT.toMillis())));
  }

  /** The pipeline mode and, for stepfunctions, where the state machine and the queue are. */
  static PipelineSettings pipeline(Map<String, String> values) {
    return new PipelineSettings(
        PipelineSettings.Mode.parse(values.getOrDefault("SECURECART_PIPELINE", "inprocess")),
        values.get("SECURECART_AWS_REGION"),
        values.get("SECURECART_STATE_MACHINE_ARN"),
        values.get("SECURECART_NOTIFICATION_QUEUE_URL"),
        PipelineSettings.endpoint(
            "SECURECART_AWS_ENDPOINT_SFN", values.get("SECURECART_AWS_ENDPOINT_SFN")),
        PipelineSettings.endpoint(
            "SECURECART_AWS_ENDPOINT_SQS", values.get("SECURECART_AWS_ENDPOINT_SQS")));
  }

  /** {@code true} or {@code false} (any case); unset or blank is false. */
  static boolean bool(Map<String, String> values, String name) {
    String value = values.getOrDefault(name, "").strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
    };
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
        case "catalog" -> roles.add(Config.Role.CATALOG);
        case "cart" -> roles.add(Config.Role.CART);
        case "recommendations" -> roles.add(Config.Role.RECOMMENDATIONS);
        default ->
            throw new ConfigException(
                "--roles: unknown role '" + role + "'; use " + Config.ROLE_NAMES);
      }
    }
    return roles;
  }
}
