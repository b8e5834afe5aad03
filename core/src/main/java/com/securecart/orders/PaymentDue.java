package com.securecart.orders;

import com.securecart.shared.Money;

/** What the authorization step needs of an order awaiting payment. */
public record PaymentDue(Money total, String paymentToken) {
  @Override
  public String toString() {
    return "PaymentDue[total=" + total + "]";
  }
}
