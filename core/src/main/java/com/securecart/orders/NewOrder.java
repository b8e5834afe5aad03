package com.securecart.orders;

import com.securecart.shared.CustomerId;
import java.util.List;
import java.util.Objects;

/** What checkout hands to orders; already priced and validated. */
public record NewOrder(
    CustomerId customer,
    String email,
    Address shippingAddress,
    List<OrderLine> lines,
    OrderTotals totals,
    String paymentToken) {
  public NewOrder {
    Objects.requireNonNull(email);
    Objects.requireNonNull(shippingAddress);
    Objects.requireNonNull(totals);
    Objects.requireNonNull(paymentToken);
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has lines");
    }
  }

  @Override
  public String toString() {
    return "NewOrder[lines=" + lines.size() + ", total=" + totals.total() + "]";
  }
}
