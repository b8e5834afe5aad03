package com.securecart.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.securecart.app.MailSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 item 8, over HTTP and real SMTP (GreenMail): the shop cannot be made to e-mail
 * attacker-written text to an address. A declined guest checkout mails nothing (the API shows the
 * failure), no typed text reaches any e-mail, and no address gets more than its daily cap (set to 2
 * here).
 */
class MailAbuseIT {
  private static final String PHISH = "verify at https://evil.example";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  private static TestApp app;
  private static Api api;
  private static long product;

  @BeforeAll
  static void start() {
    MailSettings smtp =
        new MailSettings(
                "127.0.0.1",
                greenMail.getSmtp().getPort(),
                null,
                null,
                "shop@securecart.test",
                MailSettings.Tls.NONE)
            .withPerRecipientPerDay(2);
    app = TestApp.start(Engine.H2, c -> c.withSmtp(smtp));
    api = app.api();
    product = api.createProduct(app.adminToken(), "MAIL-ABUSE", 1_000, 100);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aDeclinedGuestCheckoutWithAPhishingNameMailsNothingAndTheApiShowsTheFailure()
      throws Exception {
    Api.Response placed = checkout("victim@example.com", "tok_chargeDeclined");
    assertThat(placed.status()).isEqualTo(201);

    JsonNode order = awaitStatus(placed, "PAYMENT_FAILED");
    assertThat(order.get("statusReason").asText()).isEqualTo("card declined");
    long id = placed.json().get("orderId").asLong();
    awaitOutcome(id, "PAYMENT_FAILED", "SKIPPED_UNVERIFIED_GUEST");
    assertThat(mailsTo("victim@example.com")).isEmpty();
  }

  private static List<MimeMessage> failedNotices(String to) throws Exception {
    List<MimeMessage> notices = new ArrayList<>();
    for (MimeMessage m : mailsTo(to)) {
      if (m.getSubject().contains("failed")) {
        notices.add(m);
      }
    }
    return notices;
  }

  @Test
  void aSignedInCustomerGetsTheNoticeAtTheAccountsAddressWithoutTheTypedText() throws Exception {
    String customer = api.newCustomer("mallory@example.com");
    Api.Response placed =
        checkout("victim2@example.com", "tok_chargeDeclined", Api.bearer(customer));
    assertThat(placed.status()).isEqualTo(201);
    awaitStatus(placed, "PAYMENT_FAILED");

    // The account's verification link went to the same address at registration.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> failedNotices("mallory@example.com").size() == 1);
    MimeMessage mail = failedNotices("mallory@example.com").get(0);
    assertThat(GreenMailUtil.getWholeMessage(mail))
        .doesNotContain("evil.example")
        .doesNotContain("verify at");
    assertThat(mailsTo("victim2@example.com"))
        .as("the form's address is not the account's")
        .isEmpty();
  }

  @Test
  void theThirdMailToOneAddressInADayIsNotSent() throws Exception {
    List<Long> orders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Api.Response placed = checkout("capped@example.com", "tok_visa");
      assertThat(placed.status()).isEqualTo(201);
      awaitStatus(placed, "CONFIRMED");
      orders.add(placed.json().get("orderId").asLong());
      awaitOutcome(orders.get(i), "ORDER_CONFIRMATION", i < 2 ? "SEND" : "SKIPPED_RECIPIENT_CAP");
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mailsTo("capped@example.com").size() == 2);
    for (MimeMessage mail : mailsTo("capped@example.com")) {
      assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain("evil.example");
    }
  }

  private static Api.Response checkout(String email, String token, String... auth) {
    Map<String, Object> body = Api.checkoutBody(api.cartWith(product, 1, auth), token);
    body.put("email", email);
    body.put(
        "shippingAddress",
        Map.of(
            "name",
            PHISH,
            "line1",
            PHISH,
            "city",
            "Berlin",
            "postalCode",
            "10115",
            "country",
            "DE"));
    String[] headers = new String[auth.length + 2];
    headers[0] = "Idempotency-Key";
    headers[1] = UUID.randomUUID().toString();
    System.arraycopy(auth, 0, headers, 2, auth.length);
    return api.post("/api/checkout", body, headers);
  }

  private static JsonNode awaitStatus(Api.Response placed, String status) {
    String path = "/api/orders/" + placed.json().get("orderId").asLong();
    String[] token = {"X-Order-Token", placed.json().get("accessToken").asText()};
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status.equals(api.get(path, token).json().get("status").asText()));
    return api.get(path, token).json();
  }

  /** Waits until the notification step recorded what it did with the order's e-mail. */
  private static void awaitOutcome(long orderId, String kind, String outcome) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcome.equals(outcome(orderId, kind)));
  }

  private static String outcome(long orderId, String kind) throws Exception {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT outcome FROM notifications_sent WHERE order_id = ? AND kind = ?"
                    + " AND sent_at IS NOT NULL")) {
      s.setLong(1, orderId);
      s.setString(2, kind);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
        found.add(m);
      }
    }
    return found;
  }
}
