package com.securecart.orders;

import com.securecart.shared.Money;

/** Subtotal, tax and shipping, and what the customer pays. */
public record OrderTotals(Money subtotal, Money tax, Money shipping, Money total) {
  public OrderTotals {
    if (!subtotal.plus(tax).plus(shipping).equals(total)) {
      throw new IllegalArgumentException("total must be subtotal + tax + shipping");
    }
  }

  public static OrderTotals of(Money subtotal, Money tax, Money shipping) {
    return new OrderTotals(subtotal, tax, shipping, subtotal.plus(tax).plus(shipping));
  }
}
