package com.securecart.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.identity.AccountMail;
import com.securecart.notifications.EmailMessage;
import com.securecart.notifications.NotificationKind;
import com.securecart.orders.Address;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 15 item 8: no text a customer typed is rendered into an e-mail. */
class JteEmailTemplatesTest {
  private static final String PHISH = "verify at https://evil.example";

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void noFreeTextFromTheOrderIsRenderedOnlyTheNumberTheCatalogLinesAndTheTotals(
      NotificationKind kind) {
    EmailMessage message =
        new JteEmailTemplates("securecart.test", "https://shop.test").render(kind, order());

    for (String body : List.of(message.subject(), message.html(), message.text())) {
      assertThat(body)
          .doesNotContain("evil.example")
          .doesNotContain("verify at")
          .doesNotContain("Mallory");
    }
    assertThat(message.text()).contains("SC-77").contains("12.50 EUR");
    if (kind == NotificationKind.ORDER_CONFIRMATION) {
      assertThat(message.text()).contains("Blue mug").contains("MUG-1");
      assertThat(message.html()).contains("Thank you for your order</h1>");
    } else {
      assertThat(message.text()).startsWith("Hello,");
    }
  }

  @ParameterizedTest
  @EnumSource(AccountMail.Kind.class)
  void accountMailsCarryFixedWordingAndOnlyTheLinkWithTheToken(AccountMail.Kind kind) {
    EmailMessage message =
        new JteEmailTemplates("securecart.test", "https://shop.test")
            .render(new AccountMail(kind, "owner@example.com", "abc_DEF-123"));

    assertThat(message.to()).isEqualTo("owner@example.com");
    switch (kind) {
      case VERIFY_EMAIL ->
          assertThat(message.text()).contains("https://shop.test/account/verify?token=abc_DEF-123");
      case PASSWORD_RESET ->
          assertThat(message.html()).contains("https://shop.test/account/reset?token=abc_DEF-123");
      case REGISTRATION_ATTEMPT ->
          assertThat(message.text())
              .contains("https://shop.test/account/forgot")
              .doesNotContain("token=");
    }
  }

  private static OrderDetails order() {
    Money zero = Money.of(0, "EUR");
    Money price = Money.of(1_250, "EUR");
    Order order =
        Order.rehydrate(
            new OrderId(77),
            "SC-77",
            new CustomerId(3),
            "victim@example.com",
            new Address("Mallory " + PHISH, PHISH, PHISH, "Berlin " + PHISH, "10115", "DE"),
            List.of(new OrderLine(new ProductId(1), "MUG-1", "Blue mug", price, 1, price)),
            OrderTotals.of(price, zero, zero),
            OrderStatus.PAYMENT_FAILED,
            "card declined " + PHISH,
            null,
            Instant.parse("2026-11-26T09:00:00Z"),
            1);
    return new OrderDetails(order, List.of());
  }
}
