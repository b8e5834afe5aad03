package com.securecart.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.securecart.app.MailSettings;
import com.securecart.persistence.H2Urls;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a SecureCart process (SIGKILL) after it committed an order and before any worker dispatched
 * its event, then starts SecureCart again on the same database: the event is dispatched and exactly
 * one confirmation is e-mailed, over real SMTP (GreenMail). A redelivered event afterwards has no
 * second effect.
 */
class CrashRecoveryIT {
  private static final Pattern READY = Pattern.compile("ready on http://localhost:(\\d+)");

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anOrderCommittedBeforeACrashIsConfirmedAndMailedExactlyOnceAfterRestart(Engine engine)
      throws Exception {
    String dbUrl =
        engine == Engine.H2
            ? H2Urls.file(Files.createTempDirectory("securecart-crash").resolve("db"))
            : TestDatabases.freshUrl(Engine.POSTGRES);
    String orderNumber;
    Process process = startApiOnlyProcess(dbUrl);
    try {
      Api api = new Api("http://127.0.0.1:" + awaitPort(process));
      String admin = api.login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      long product = api.createProduct(admin, "CRASH-1", 4_200, 3);
      Api.Response placed = api.checkout(api.cartWith(product, 1), "tok_visa");
      assertThat(placed.status()).isEqualTo(201);
      orderNumber = placed.json().get("orderNumber").asText();
    } finally {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(
            count(
                dbUrl,
                "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND type = 'order.placed'"))
        .isEqualTo(1);

    MailSettings smtp =
        new MailSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            null,
            null,
            "shop@securecart.test",
            MailSettings.Tls.NONE);
    try (TestApp restarted = TestApp.startOn(dbUrl, c -> c.withSmtp(smtp))) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> confirmations(orderNumber) == 1);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(dbUrl, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") == 0);
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("buyer@example.com");
      assertThat(mail.getHeader("Message-ID")[0]).contains(orderNumber);

      // Redeliver every event of the order, as a worker whose lease ran out would: nothing happens
      // twice.
      execute(dbUrl, "UPDATE outbox SET status = 'PENDING', available_at = CURRENT_TIMESTAMP");
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(dbUrl, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") == 0);
      assertThat(confirmations(orderNumber)).isEqualTo(1);
      assertThat(count(dbUrl, "SELECT COUNT(*) FROM payment_authorizations")).isEqualTo(1);
      assertThat(count(dbUrl, "SELECT on_hand FROM inventory WHERE sku = 'CRASH-1'")).isEqualTo(2);
      assertThat(count(dbUrl, "SELECT COUNT(*) FROM order_history WHERE status = 'CONFIRMED'"))
          .isEqualTo(1);
    }
  }

  private static long confirmations(String orderNumber) throws Exception {
    long n = 0;
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      if (m.getSubject().contains(orderNumber) && m.getSubject().contains("confirmed")) {
        n++;
      }
    }
    return n;
  }

  private static Process startApiOnlyProcess(String dbUrl) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "com.securecart.server.Main",
                    "--port",
                    "0",
                    "--roles",
                    "api",
                    "--demo-products",
                    "0",
                    "--db",
                    dbUrl))
            .redirectErrorStream(true);
    builder.environment().put("SECURECART_ADMIN_EMAIL", TestApp.ADMIN_EMAIL);
    builder.environment().put("SECURECART_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
    builder.environment().put("SECURECART_ADMIN_TOTP_SECRET", TestApp.ADMIN_TOTP_SECRET);
    return builder.start();
  }

  private static int awaitPort(Process process) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
                port.completeExceptionally(
                    new IllegalStateException("process ended before it was ready"));
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
            });
    return port.get(60, TimeUnit.SECONDS);
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
