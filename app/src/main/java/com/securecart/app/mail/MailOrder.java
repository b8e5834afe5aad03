package com.securecart.app.mail;

import com.securecart.orders.Order;
import com.securecart.orders.OrderLine;
import com.securecart.shared.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the e-mail templates see of an order: display-ready strings, so templates hold no logic.
 *
 * <p>Nothing a customer typed is here (issue 15 item 8): no name, no address, no note. A guest
 * types any address at checkout, so whatever the request carried would be text an attacker has the
 * shop mail for them ("verify at https://evil.example"). Only what the server made is rendered: the
 * order number, the lines as the catalog named and priced them, and the totals. The payment
 * provider's decline reason is left out too; the order page shows it.
 */
public record MailOrder(
    String number, List<Line> lines, String subtotal, String tax, String shipping, String total) {

  /** One line as shown in the e-mail. */
  public record Line(String name, String sku, int quantity, String lineTotal) {}

  public MailOrder(Order order) {
    this(
        order.number(),
        order.lines().stream().map(MailOrder::line).toList(),
        format(order.totals().subtotal()),
        format(order.totals().tax()),
        format(order.totals().shipping()),
        format(order.totals().total()));
  }

  private static Line line(OrderLine l) {
    return new Line(l.name(), l.sku(), l.quantity(), format(l.lineTotal()));
  }

  static String format(Money money) {
    int digits = Math.max(0, money.currency().getDefaultFractionDigits());
    return BigDecimal.valueOf(money.cents(), digits).toPlainString() + " " + money.currencyCode();
  }
}
