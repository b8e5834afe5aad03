package com.securecart.payments;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;

/** Our record of an order's authorization. */
public record Authorization(OrderId orderId, String authorizationId, Money amount, Status status) {
  /** AUTHORIZED until voided (or, later, captured). */
  public enum Status {
    AUTHORIZED,
    VOIDED
  }
}
