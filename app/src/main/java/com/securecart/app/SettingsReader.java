package com.securecart.app;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;

import com.securecart.checkout.PricingRules;
import com.securecart.persistence.H2Urls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link AppSettings} from {@code SECURECART_*} variables: the same names configure every
 * entry point (the server, the batch command, a Lambda handler). A value that is not a number, or
 * out of its range, fails with a {@link ConfigException} naming the variable.
 */
public final class SettingsReader {
  private SettingsReader() {}

  /** What the contexts are built from; the same variables configure every entry point. */
  public static AppSettings app(Map<String, String> values, Path dataDir) {
    DatabaseTls tls =
        new DatabaseTls(
            values.get("SECURECART_DB_SSLMODE"), values.get("SECURECART_DB_SSLROOTCERT"));
    DatabaseSettings database =
        new DatabaseSettings(
            tls.apply(
                values.getOrDefault("SECURECART_DB_URL", defaultDbUrl(dataDir)),
                "SECURECART_DB_URL"),
            values.get("SECURECART_DB_USER"),
            values.get("SECURECART_DB_PASSWORD"),
            integer(values, "SECURECART_DB_POOL_SIZE", 16),
            DatabaseSecret.of(
                values.get("SECURECART_DB_SECRET_ARN"),
                values.get("SECURECART_AWS_REGION"),
                values.get("SECURECART_DB_SECRET_ENDPOINT")));
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
            integer(values, "SECURECART_WORKER_LOOPS", d.workers().loops()),
            duration(
                values, "SECURECART_OUTBOX_LEASE_SECONDS", SECONDS, d.workers().outboxLease())),
        new AccountSettings(
            duration(values, "SECURECART_SESSION_TTL_MINUTES", MINUTES, d.accounts().sessionTtl()),
            values.getOrDefault("SECURECART_ADMIN_EMAIL", d.accounts().adminEmail()),
            values.get("SECURECART_ADMIN_PASSWORD"),
            duration(values, "SECURECART_STAFF_IDLE_MINUTES", MINUTES, d.accounts().staffIdle()),
            duration(
                values, "SECURECART_CUSTOMER_IDLE_MINUTES", MINUTES, d.accounts().customerIdle()),
            values.get("SECURECART_ADMIN_TOTP_SECRET"),
            values.get("SECURECART_ADMIN_HOST"),
            // The server checks the same variable (https only) for its own uses.
            values.getOrDefault("SECURECART_PUBLIC_URL", AccountSettings.LOCAL_URL)),
        new BatchSettings(
            tls.apply(values.get("SECURECART_BATCH_READ_DB_URL"), "SECURECART_BATCH_READ_DB_URL"),
            integer(values, "SECURECART_BATCH_READ_POOL_SIZE", d.batch().readPoolSize()),
            duration(
                values, "SECURECART_MODEL_REFRESH_MINUTES", MINUTES, d.batch().modelRefresh())),
        mail(values)
            .withPerRecipientPerDay(
                integer(
                    values,
                    "SECURECART_MAIL_PER_RECIPIENT_PER_DAY",
                    MailSettings.DEFAULT_PER_RECIPIENT_PER_DAY)),
        payments(values));
  }

  /**
   * SECURECART_PAYMENTS (sandbox or stripe), SECURECART_ENV (development or production), and the
   * Stripe keys; production refuses the sandbox unless SECURECART_ALLOW_SANDBOX_PAYMENTS=true. The
   * keys come from the plain SECURECART_STRIPE_* variables or, on AWS, from the secret named by
   * SECURECART_STRIPE_SECRET_ARN, read here once ({@link PaymentSecret}), never from both.
   */
  public static PaymentSettings payments(Map<String, String> values) {
    String base = values.get("SECURECART_STRIPE_API_BASE");
    PaymentSettings.Provider provider =
        PaymentSettings.provider(values.getOrDefault("SECURECART_PAYMENTS", "sandbox"));
    PaymentSecret.Keys keys = stripeKeys(values, provider);
    return new PaymentSettings(
        provider,
        PaymentSettings.environment(values.getOrDefault("SECURECART_ENV", "development")),
        Boolean.parseBoolean(
            values.getOrDefault("SECURECART_ALLOW_SANDBOX_PAYMENTS", "false").strip()),
        keys.secretKey(),
        keys.publishableKey(),
        keys.webhookSecret(),
        base == null || base.isBlank()
            ? null
            : SecretLocations.endpoint(base, "SECURECART_STRIPE_API_BASE"));
  }

  private static final List<String> STRIPE_KEYS =
      List.of(
          "SECURECART_STRIPE_SECRET_KEY",
          "SECURECART_STRIPE_PUBLISHABLE_KEY",
          "SECURECART_STRIPE_WEBHOOK_SECRET");

  /** The Stripe keys from one source: the secret when one is named, else the plain variables. */
  private static PaymentSecret.Keys stripeKeys(
      Map<String, String> values, PaymentSettings.Provider provider) {
    PaymentSecret secret =
        PaymentSecret.of(
            values.get(PaymentSecret.SETTING),
            values.get("SECURECART_AWS_REGION"),
            values.get("SECURECART_STRIPE_SECRET_ENDPOINT"));
    if (secret == null) {
      return new PaymentSecret.Keys(
          values.get(STRIPE_KEYS.get(0)),
          values.get(STRIPE_KEYS.get(1)),
          values.get(STRIPE_KEYS.get(2)));
    }
    for (String plain : STRIPE_KEYS) {
      String value = values.get(plain);
      if (value != null && !value.isBlank()) {
        throw new ConfigException(
            "SECURECART_STRIPE_SECRET_ARN and "
                + plain
                + " are both set: take the Stripe keys from one source, the secret or the"
                + " variables");
      }
    }
    if (provider != PaymentSettings.Provider.STRIPE) {
      throw new ConfigException(
          "SECURECART_STRIPE_SECRET_ARN is set but SECURECART_PAYMENTS is not stripe");
    }
    return secret.read();
  }

  /**
   * The embedded database in the data directory. H2's own exit hook would close it at SIGTERM,
   * under requests still draining; SecureCart closes it last itself (ADR 0011).
   */
  public static String defaultDbUrl(Path dataDir) {
    return H2Urls.file(dataDir.toAbsolutePath().resolve("securecart"));
  }

  /**
   * SMTP when {@code SECURECART_SMTP_HOST} is set. The login is {@code SECURECART_SMTP_USER} and
   * {@code SECURECART_SMTP_PASSWORD}, or the secret in {@code SECURECART_SMTP_SECRET_ARN} (region:
   * its ARN's, else {@code SECURECART_AWS_REGION}; {@code SECURECART_SMTP_SECRET_ENDPOINT} for a
   * local stand-in), which the entry point reads before wiring (see {@link MailSecret}).
   */
  private static MailSettings mail(Map<String, String> values) {
    MailSecret secret =
        MailSecret.of(
            values.get("SECURECART_SMTP_SECRET_ARN"),
            values.get("SECURECART_AWS_REGION"),
            values.get("SECURECART_SMTP_SECRET_ENDPOINT"));
    String host = values.get("SECURECART_SMTP_HOST");
    if ((host == null || host.isBlank()) && secret == null) {
      return MailSettings.LOCAL_MAILBOX;
    }
    return new MailSettings(
        host,
        integer(values, "SECURECART_SMTP_PORT", 587),
        values.get("SECURECART_SMTP_USER"),
        values.get("SECURECART_SMTP_PASSWORD"),
        values.getOrDefault("SECURECART_SMTP_FROM", MailSettings.LOCAL_MAILBOX.from()),
        tls(values),
        secret);
  }

  /**
   * {@code SECURECART_SMTP_TLS} when set; otherwise the older {@code SECURECART_SMTP_STARTTLS}
   * (true: STARTTLS when offered). Amazon SES wants {@code implicit} (465) or {@code
   * starttls-required} (587).
   */
  private static MailSettings.Tls tls(Map<String, String> values) {
    String tls = values.get("SECURECART_SMTP_TLS");
    if (tls != null && !tls.isBlank()) {
      return MailSettings.Tls.parse(tls);
    }
    return Boolean.parseBoolean(values.getOrDefault("SECURECART_SMTP_STARTTLS", "true"))
        ? MailSettings.Tls.STARTTLS
        : MailSettings.Tls.NONE;
  }

  /** A whole number of {@code unit}s; the fallback is given as a duration. */
  private static Duration duration(
      Map<String, String> values, String name, ChronoUnit unit, Duration fallback) {
    long fallbackUnits = fallback.toNanos() / unit.getDuration().toNanos();
    return Duration.of(integer(values, name, Math.toIntExact(fallbackUnits)), unit);
  }

  public static CheckoutSettings.ReservationMode reservationMode(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "coalesced" -> CheckoutSettings.ReservationMode.COALESCED;
      case "direct" -> CheckoutSettings.ReservationMode.DIRECT;
      default ->
          throw new ConfigException(
              "SECURECART_RESERVATION_MODE must be direct or coalesced, got '" + text + "'");
    };
  }

  /**
   * SECURECART_TAX_RATES=GB:2000,DE:1900 (basis points), SECURECART_TAX_DEFAULT,
   * SECURECART_SHIPPING_CENTS.
   */
  public static PricingRules pricing(Map<String, String> values) {
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

  public static int integer(Map<String, String> values, String name, int fallback) {
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
