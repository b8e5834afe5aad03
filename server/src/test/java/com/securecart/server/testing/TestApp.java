package com.securecart.server.testing;

import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.server.SecureCart;
import com.securecart.server.config.Config;
import com.securecart.server.tracing.Tracing;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** A running SecureCart on a fresh database, with an HTTP client and an admin token. */
public final class TestApp implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@securecart.test";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  /** The owner's TOTP secret, provisioned as SECURECART_ADMIN_TOTP_SECRET would be. */
  public static final String ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private final String dbUrl;
  private final SecureCart app;
  private final Api api;

  private TestApp(String dbUrl, SecureCart app) {
    this(dbUrl, app, Clock.systemUTC());
  }

  private TestApp(String dbUrl, SecureCart app, Clock clock) {
    this.dbUrl = dbUrl;
    this.app = app;
    String base = "http://127.0.0.1:" + app.port();
    // A new server may get an earlier one's port: the steps that one used mean nothing here.
    Totp.forget(base);
    this.api = new Api(base, clock);
  }

  public static TestApp start(TestDatabases.Engine engine) {
    return start(engine, c -> c);
  }

  public static TestApp start(TestDatabases.Engine engine, UnaryOperator<Config> tweak) {
    String url = TestDatabases.freshUrl(engine);
    return startOn(url, tweak);
  }

  public static TestApp startOn(String dbUrl, UnaryOperator<Config> tweak) {
    Config config = tweak.apply(TestConfigs.forTests(dbUrl));
    SecureCart app = new SecureCart(config).start();
    return new TestApp(dbUrl, app);
  }

  /** Starts with {@code clock} as the instance's time (a test that moves time forward). */
  public static TestApp start(
      TestDatabases.Engine engine, UnaryOperator<Config> tweak, Clock clock) {
    String url = TestDatabases.freshUrl(engine);
    Config config = tweak.apply(TestConfigs.forTests(url));
    SecureCart app =
        new SecureCart(config, Tracing.create(config.telemetry().otlpEndpoint()), clock).start();
    return new TestApp(url, app, clock);
  }

  /** Starts with spans going where {@code tracing} sends them (an in-memory exporter). */
  public static TestApp startTraced(
      TestDatabases.Engine engine, UnaryOperator<Config> tweak, Tracing tracing) {
    String url = TestDatabases.freshUrl(engine);
    SecureCart app =
        new SecureCart(tweak.apply(TestConfigs.forTests(url)), tracing, Clock.systemUTC()).start();
    return new TestApp(url, app, Clock.systemUTC());
  }

  public Api api() {
    return api;
  }

  /** The sandbox payment provider the instance charges; tests count its authorizations. */
  public SandboxPaymentProvider sandboxPayments() {
    return (SandboxPaymentProvider) app.contexts().paymentProvider();
  }

  public SecureCart app() {
    return app;
  }

  public String dbUrl() {
    return dbUrl;
  }

  /**
   * The token of the newest account e-mail to {@code email} whose link contains {@code path} (such
   * as {@code /account/verify}), once it has arrived in the local mailbox.
   */
  public String mailedToken(String email, String path) {
    java.util.regex.Pattern link =
        java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)");
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                app.contexts().notifications().mailbox(200).stream()
                    .filter(m -> m.to().equalsIgnoreCase(email))
                    .map(m -> link.matcher(m.text()))
                    .filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1))
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  /** Registers a customer, verifies the e-mail with the mailed link and signs in. */
  public String verifiedCustomer(String email) {
    api.newCustomer(email);
    String token = mailedToken(email, "/account/verify");
    Api.Response verified = api.post("/api/auth/verify-email", java.util.Map.of("token", token));
    if (verified.status() != 204) {
      throw new IllegalStateException(
          "verify failed: " + verified.status() + " " + verified.body());
    }
    return api.login(email, "correct horse battery");
  }

  public String adminToken() {
    return api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @Override
  public void close() {
    app.close();
    TestDatabases.drop(dbUrl);
  }

  /** Closes the app but keeps the database, to start another instance on it. */
  public void stopKeepingDatabase() {
    app.close();
  }
}
