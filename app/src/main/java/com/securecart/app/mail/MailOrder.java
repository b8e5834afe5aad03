package com.securecart.app.mail;

import com.securecart.orders.Order;
import com.securecart.orders.OrderLine;
import com.securecart.shared.Money;
import java.math.BigDecimal;
import java.util.List;

/** What the e-mail templates see of an order: display-ready strings, so templates hold no logic. */
public record MailOrder(
    String number,
    String customerName,
    List<Line> lines,
    String subtotal,
    String tax,
    String shipping,
    String total,
    String reason) {

  /** One line as shown in the e-mail. */
  public record Line(String name, String sku, int quantity, String lineTotal) {}

  public MailOrder(Order order) {
    this(
        order.number(),
        order.shippingAddress().name(),
        order.lines().stream().map(MailOrder::line).toList(),
        format(order.totals().subtotal()),
        format(order.totals().tax()),
        format(order.totals().shipping()),
        format(order.totals().total()),
        order.statusReason() == null ? "" : order.statusReason());
  }

  private static Line line(OrderLine l) {
    return new Line(l.name(), l.sku(), l.quantity(), format(l.lineTotal()));
  }

  static String format(Money money) {
    int digits = Math.max(0, money.currency().getDefaultFractionDigits());
    return BigDecimal.valueOf(money.cents(), digits).toPlainString() + " " + money.currencyCode();
  }
}
